/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-online-accounts.c: the sending accounts of GNOME Online Accounts, as a list model
 *
 * GoaClient is created asynchronously; when the service is not on the bus (another
 * desktop, a test bus) the client comes up empty and the model says so through
 * "available", without a warning.
 */
#include "config.h"

#include <string.h>

#ifdef HAVE_GOA
# define GOA_API_IS_SUBJECT_TO_CHANGE
# include <goa/goa.h>
# define HAVE_GOA_HEADERS 1
#endif

#include "aw-online-accounts.h"
#include "aw-online-accounts-private.h"

struct _AwOnlineAccounts
{
  GObject       parent_instance;

  GPtrArray    *items;        /* AwOnlineAccount */
  GCancellable *cancellable;
#ifdef HAVE_GOA
  GoaClient    *client;
#endif
  gboolean      available;
  gboolean      loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AwOnlineAccounts, aw_online_accounts, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_AVAILABLE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return AW_TYPE_ONLINE_ACCOUNT;
}

static guint
get_n_items (GListModel *model)
{
  return AW_ONLINE_ACCOUNTS (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  AwOnlineAccounts *self = AW_ONLINE_ACCOUNTS (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

#ifdef HAVE_GOA

static void
set_available (AwOnlineAccounts *self,
               gboolean          available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

static gboolean
find_object (AwOnlineAccounts *self,
             GoaObject        *object,
             guint            *position)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      if (aw_online_account_get_object (g_ptr_array_index (self->items, i)) == object)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Adds, updates or removes the item of @object after GOA told of a change */
static void
sync_object (AwOnlineAccounts *self,
             GoaObject        *object,
             gboolean          removed)
{
  gboolean usable = !removed && aw_online_account_is_usable (object);
  guint position;

  if (find_object (self, object, &position))
    {
      if (usable)
        {
          aw_online_account_update (g_ptr_array_index (self->items, position));
          return;
        }
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      return;
    }
  if (!usable)
    return;
  g_ptr_array_add (self->items, aw_online_account_new (object));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

static void
on_account_added (GoaClient        *client,
                  GoaObject        *object,
                  AwOnlineAccounts *self)
{
  set_available (self, goa_client_get_manager (client) != NULL);
  sync_object (self, object, FALSE);
}

static void
on_account_changed (GoaClient        *client,
                    GoaObject        *object,
                    AwOnlineAccounts *self)
{
  sync_object (self, object, FALSE);
}

static void
on_account_removed (GoaClient        *client,
                    GoaObject        *object,
                    AwOnlineAccounts *self)
{
  sync_object (self, object, TRUE);
  set_available (self, goa_client_get_manager (client) != NULL);
}

static void
on_client (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AwOnlineAccounts) self = user_data;
  g_autoptr(GError) error = NULL;
  GoaClient *client = goa_client_new_finish (result, &error);
  GList *accounts;

  if (client == NULL)
    {
      /* No session bus or a broken service: the same as no service */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Online Accounts: not available: %s", error->message);
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }
  self->client = client;
  g_signal_connect_object (client, "account-added", G_CALLBACK (on_account_added), self, 0);
  g_signal_connect_object (client, "account-changed", G_CALLBACK (on_account_changed), self, 0);
  g_signal_connect_object (client, "account-removed", G_CALLBACK (on_account_removed), self, 0);

  accounts = goa_client_get_accounts (client);
  for (GList *l = accounts; l != NULL; l = l->next)
    sync_object (self, l->data, FALSE);
  g_list_free_full (accounts, g_object_unref);

  g_object_freeze_notify (G_OBJECT (self));
  set_available (self, goa_client_get_manager (client) != NULL);
  g_debug ("Online Accounts: %s, %u sending account(s)",
           self->available ? "available" : "not running", self->items->len);
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_object_thaw_notify (G_OBJECT (self));
}

#endif /* HAVE_GOA */

AwOnlineAccounts *
aw_online_accounts_new (void)
{
  return g_object_new (AW_TYPE_ONLINE_ACCOUNTS, NULL);
}

gboolean
aw_online_accounts_get_available (AwOnlineAccounts *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNTS (self), FALSE);

  return self->available;
}

gboolean
aw_online_accounts_get_loading (AwOnlineAccounts *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNTS (self), FALSE);

  return self->loading;
}

AwOnlineAccount *
aw_online_accounts_lookup (AwOnlineAccounts *self,
                           const char       *id)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNTS (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      AwOnlineAccount *account = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (aw_online_account_get_id (account), id) == 0)
        return account;
    }
  return NULL;
}

AwOnlineAccount *
aw_online_accounts_lookup_account_id (AwOnlineAccounts *self,
                                      const char       *account_id)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNTS (self), NULL);

  if (account_id == NULL || !g_str_has_prefix (account_id, "goa:"))
    return NULL;
  return aw_online_accounts_lookup (self, account_id + strlen ("goa:"));
}

static gboolean
host_in (const char *host,
         const char *domain)
{
  gsize host_len = strlen (host), domain_len = strlen (domain);

  if (g_ascii_strcasecmp (host, domain) == 0)
    return TRUE;
  return host_len > domain_len && host[host_len - domain_len - 1] == '.'
         && g_ascii_strcasecmp (host + host_len - domain_len, domain) == 0;
}

AwOnlineProvider
aw_online_provider_for_server (const char *address,
                               const char *smtp_host)
{
  static const char * const microsoft_domains[] = {
    "outlook.com", "hotmail.com", "live.com", "msn.com", "office365.com", NULL
  };
  const char *domain = address != NULL ? strrchr (address, '@') : NULL;

  if (smtp_host != NULL && (host_in (smtp_host, "gmail.com") || host_in (smtp_host, "google.com")))
    return AW_ONLINE_PROVIDER_GOOGLE;
  for (guint i = 0; smtp_host != NULL && microsoft_domains[i] != NULL; i++)
    if (host_in (smtp_host, microsoft_domains[i]))
      return AW_ONLINE_PROVIDER_MICROSOFT;
  if (domain == NULL)
    return AW_ONLINE_PROVIDER_NONE;
  domain++;
  if (g_ascii_strcasecmp (domain, "gmail.com") == 0 || g_ascii_strcasecmp (domain, "googlemail.com") == 0)
    return AW_ONLINE_PROVIDER_GOOGLE;
  /* hotmail.co.uk, outlook.fr, live.de and the like */
  if (g_ascii_strncasecmp (domain, "outlook.", 8) == 0 || g_ascii_strncasecmp (domain, "hotmail.", 8) == 0
      || g_ascii_strncasecmp (domain, "live.", 5) == 0 || g_ascii_strcasecmp (domain, "msn.com") == 0)
    return AW_ONLINE_PROVIDER_MICROSOFT;
  return AW_ONLINE_PROVIDER_NONE;
}

static AwOnlineProvider
provider_of (AwOnlineAccount *account)
{
  const char *type = aw_online_account_get_provider_type (account);

  if (g_strcmp0 (type, "google") == 0)
    return AW_ONLINE_PROVIDER_GOOGLE;
  if (g_strcmp0 (type, "windows_live") == 0 || g_strcmp0 (type, "ms_graph") == 0)
    return AW_ONLINE_PROVIDER_MICROSOFT;
  return AW_ONLINE_PROVIDER_NONE;
}

AwOnlineAccount *
aw_online_accounts_find (AwOnlineAccounts *self,
                         AwOnlineProvider  provider,
                         const char       *address)
{
  AwOnlineAccount *first = NULL;

  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNTS (self), NULL);

  if (provider == AW_ONLINE_PROVIDER_NONE)
    return NULL;
  for (guint i = 0; i < self->items->len; i++)
    {
      AwOnlineAccount *account = g_ptr_array_index (self->items, i);

      if (provider_of (account) != provider)
        continue;
      if (address != NULL && aw_online_account_get_address (account) != NULL
          && g_ascii_strcasecmp (aw_online_account_get_address (account), address) == 0)
        return account;
      if (first == NULL)
        first = account;
    }
  return first;
}

gboolean
aw_online_accounts_can_open_settings (void)
{
  g_autofree char *path = g_find_program_in_path ("gnome-control-center");

  return path != NULL;
}

gboolean
aw_online_accounts_open_settings (GError **error)
{
  g_autoptr(GSubprocess) settings = NULL;

  settings = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               error, "gnome-control-center", "online-accounts", NULL);
  return settings != NULL;
}

static void
aw_online_accounts_constructed (GObject *object)
{
  G_OBJECT_CLASS (aw_online_accounts_parent_class)->constructed (object);

#ifdef HAVE_GOA
  AwOnlineAccounts *self = AW_ONLINE_ACCOUNTS (object);

  self->loading = TRUE;
  goa_client_new (self->cancellable, on_client, g_object_ref (self));
#endif
}

static void
aw_online_accounts_dispose (GObject *object)
{
  AwOnlineAccounts *self = AW_ONLINE_ACCOUNTS (object);

  g_cancellable_cancel (self->cancellable);
#ifdef HAVE_GOA
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
#endif
  if (self->items->len > 0)
    {
      guint n = self->items->len;

      g_ptr_array_set_size (self->items, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
    }

  G_OBJECT_CLASS (aw_online_accounts_parent_class)->dispose (object);
}

static void
aw_online_accounts_finalize (GObject *object)
{
  AwOnlineAccounts *self = AW_ONLINE_ACCOUNTS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (aw_online_accounts_parent_class)->finalize (object);
}

static void
aw_online_accounts_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AwOnlineAccounts *self = AW_ONLINE_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE: g_value_set_boolean (value, self->available); break;
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_online_accounts_class_init (AwOnlineAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = aw_online_accounts_constructed;
  object_class->dispose = aw_online_accounts_dispose;
  object_class->finalize = aw_online_accounts_finalize;
  object_class->get_property = aw_online_accounts_get_property;

  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_online_accounts_init (AwOnlineAccounts *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}
