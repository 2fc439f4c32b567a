/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-online-account.c: one sending account of GNOME Online Accounts
 *
 * Reads org.gnome.OnlineAccounts.Account and .Mail; the secret comes from .OAuth2Based
 * (GetAccessToken, with EnsureCredentials first when renewing) or .PasswordBased
 * (GetPassword "smtp-password") at the moment the SMTP client signs in. Nothing here
 * keeps a secret or logs one.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#ifdef HAVE_GOA
# define GOA_API_IS_SUBJECT_TO_CHANGE
# include <goa/goa.h>
# define HAVE_GOA_HEADERS 1
#endif

#include "aw-online-account.h"
#include "aw-online-accounts-private.h"

struct _AwOnlineAccount
{
  GObject            parent_instance;

#ifdef HAVE_GOA
  GoaObject         *object;
#endif
  char              *id;
  char              *provider_type;
  char              *provider_name;
  char              *provider_icon;
  char              *address;
  char              *name;
  char              *host;
  char              *login;
  guint              port;
  AwAccountSecurity  security;
  AwCredentialKind   kind;
  gboolean           attention_needed;
};

static void credential_source_iface_init (AwCredentialSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AwOnlineAccount, aw_online_account, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AW_TYPE_CREDENTIAL_SOURCE,
                                                      credential_source_iface_init))

G_DEFINE_QUARK (aw-online-account-error-quark, aw_online_account_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROVIDER_TYPE,
  PROP_PROVIDER_NAME,
  PROP_PROVIDER_ICON,
  PROP_ADDRESS,
  PROP_NAME,
  PROP_HOST,
  PROP_PORT,
  PROP_SECURITY,
  PROP_LOGIN,
  PROP_KIND,
  PROP_ATTENTION_NEEDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GError *
sign_in_again_error (AwOnlineAccount *self)
{
  /* Translators: %s is the provider's name as GNOME Online Accounts gives it, e.g.
   * "Google" or "Microsoft" */
  return g_error_new (AW_ONLINE_ACCOUNT_ERROR, AW_ONLINE_ACCOUNT_ERROR_SIGN_IN_AGAIN,
                      _("Sign in to your %s account again in Settings → Online Accounts."),
                      self->provider_name != NULL ? self->provider_name : "");
}

#ifdef HAVE_GOA

static const char * const oauth2_providers[] = { "google", "ms_graph", "windows_live", NULL };

static gboolean
uses_oauth2 (GoaObject *object)
{
  GoaAccount *account = goa_object_peek_account (object);
  GoaMail *mail = goa_object_peek_mail (object);

  if (goa_object_peek_oauth2_based (object) == NULL)
    return FALSE;
  return goa_mail_get_smtp_auth_xoauth2 (mail)
         || g_strv_contains (oauth2_providers, goa_account_get_provider_type (account));
}

gboolean
aw_online_account_is_usable (GoaObject *object)
{
  GoaAccount *account = goa_object_peek_account (object);
  GoaMail *mail = goa_object_peek_mail (object);
  const char *host;

  if (account == NULL || mail == NULL || goa_account_get_mail_disabled (account))
    return FALSE;
  if (!goa_mail_get_smtp_supported (mail))
    return FALSE;
  host = goa_mail_get_smtp_host (mail);
  if (host == NULL || *host == '\0' || goa_mail_get_email_address (mail) == NULL
      || *goa_mail_get_email_address (mail) == '\0')
    return FALSE;
  if (!goa_mail_get_smtp_use_auth (mail))
    return TRUE;
  return uses_oauth2 (object) || goa_object_peek_password_based (object) != NULL;
}

/* "host", "host:port", "[v6]:port" */
static void
split_host (const char  *value,
            char       **host,
            guint       *port)
{
  const char *colon;
  guint64 number;

  *port = 0;
  if (value[0] == '[')
    {
      const char *end = strchr (value, ']');

      if (end != NULL)
        {
          *host = g_strndup (value + 1, end - value - 1);
          if (end[1] == ':' && g_ascii_string_to_unsigned (end + 2, 10, 1, 65535, &number, NULL))
            *port = (guint) number;
          return;
        }
    }
  colon = strrchr (value, ':');
  if (colon != NULL && strchr (value, ':') == colon
      && g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &number, NULL))
    {
      *host = g_ascii_strdown (value, colon - value);
      *port = (guint) number;
      return;
    }
  *host = g_ascii_strdown (value, -1);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
aw_online_account_update (AwOnlineAccount *self)
{
  GoaAccount *account = goa_object_peek_account (self->object);
  GoaMail *mail = goa_object_peek_mail (self->object);
  g_autofree char *host = NULL;
  const char *login = NULL;
  AwAccountSecurity security;
  AwCredentialKind kind;
  guint port;

  if (account == NULL || mail == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (set_string (&self->id, goa_account_get_id (account)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  if (set_string (&self->provider_type, goa_account_get_provider_type (account)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER_TYPE]);
  if (set_string (&self->provider_name, goa_account_get_provider_name (account)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER_NAME]);
  if (set_string (&self->provider_icon, goa_account_get_provider_icon (account)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER_ICON]);
  if (set_string (&self->address, goa_mail_get_email_address (mail)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
  if (set_string (&self->name, goa_mail_get_name (mail)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);

  split_host (goa_mail_get_smtp_host (mail) != NULL ? goa_mail_get_smtp_host (mail) : "",
              &host, &port);
  if (goa_mail_get_smtp_use_ssl (mail))
    security = AW_ACCOUNT_SECURITY_TLS;
  else if (goa_mail_get_smtp_use_tls (mail))
    security = AW_ACCOUNT_SECURITY_STARTTLS;
  else
    security = AW_ACCOUNT_SECURITY_NONE;
  if (port == 0)
    port = security == AW_ACCOUNT_SECURITY_TLS ? 465 : security == AW_ACCOUNT_SECURITY_STARTTLS ? 587 : 25;
  if (set_string (&self->host, host))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
  if (self->port != port)
    {
      self->port = port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
    }
  if (self->security != security)
    {
      self->security = security;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURITY]);
    }

  if (goa_mail_get_smtp_use_auth (mail))
    {
      login = goa_mail_get_smtp_user_name (mail);
      if (login == NULL || *login == '\0')
        login = goa_mail_get_email_address (mail);
    }
  if (set_string (&self->login, login))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN]);
  kind = uses_oauth2 (self->object) ? AW_CREDENTIAL_KIND_OAUTH2 : AW_CREDENTIAL_KIND_PASSWORD;
  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  if (self->attention_needed != goa_account_get_attention_needed (account))
    {
      self->attention_needed = goa_account_get_attention_needed (account);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION_NEEDED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

AwOnlineAccount *
aw_online_account_new (GoaObject *object)
{
  AwOnlineAccount *self;

  g_return_val_if_fail (GOA_IS_OBJECT (object), NULL);

  self = g_object_new (AW_TYPE_ONLINE_ACCOUNT, NULL);
  self->object = g_object_ref (object);
  aw_online_account_update (self);
  return self;
}

GoaObject *
aw_online_account_get_object (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);

  return self->object;
}

/* ---- the secret, at send time ---- */

static void
wipe (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
return_goa_error (GTask  *task,
                  GError *error)
{
  AwOnlineAccount *self = g_task_get_source_object (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  /* GOA's own message names no secret; it helps whoever reads a debug log */
  g_debug ("Online Accounts: no credentials for account %s: %s", self->id, error->message);
  g_error_free (error);
  g_task_return_error (task, sign_in_again_error (self));
}

static void
on_password (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = NULL;

  if (!goa_password_based_call_get_password_finish (GOA_PASSWORD_BASED (source), &password,
                                                    result, &error))
    {
      return_goa_error (task, error);
      return;
    }
  g_task_return_pointer (task, password, (GDestroyNotify) wipe);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = NULL;

  if (!goa_oauth2_based_call_get_access_token_finish (GOA_OAUTH2_BASED (source), &token, NULL,
                                                      result, &error))
    {
      return_goa_error (task, error);
      return;
    }
  g_task_return_pointer (task, token, (GDestroyNotify) wipe);
}

static void
get_token (GTask *task)
{
  AwOnlineAccount *self = g_task_get_source_object (task);
  GoaOAuth2Based *oauth2 = goa_object_peek_oauth2_based (self->object);

  if (oauth2 == NULL)
    {
      g_task_return_error (task, sign_in_again_error (self));
      return;
    }
  goa_oauth2_based_call_get_access_token (oauth2, g_task_get_cancellable (task),
                                          on_token, g_object_ref (task));
}

static void
on_ensured (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!goa_account_call_ensure_credentials_finish (GOA_ACCOUNT (source), NULL, result, &error))
    {
      return_goa_error (task, error);
      return;
    }
  get_token (task);
}

/* Asks Online Accounts for the token (renewed first when @renew) or the password */
static void
ask_goa (AwOnlineAccount *self,
         GTask           *task,
         gboolean         renew)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  GoaAccount *account = goa_object_peek_account (self->object);
  GoaPasswordBased *password_based;

  if (self->kind == AW_CREDENTIAL_KIND_OAUTH2)
    {
      if (renew && account != NULL)
        {
          g_debug ("Online Accounts: renewing the token of account %s", self->id);
          goa_account_call_ensure_credentials (account, cancellable, on_ensured,
                                               g_object_ref (task));
        }
      else
        get_token (task);
      return;
    }
  password_based = goa_object_peek_password_based (self->object);
  if (password_based == NULL)
    {
      g_task_return_error (task, sign_in_again_error (self));
      return;
    }
  goa_password_based_call_get_password (password_based, "smtp-password", cancellable,
                                        on_password, g_object_ref (task));
}

#endif /* HAVE_GOA */

static void
lookup_async (AwCredentialSource  *source,
              gboolean             renew,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  AwOnlineAccount *self = AW_ONLINE_ACCOUNT (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lookup_async);
#ifdef HAVE_GOA
  ask_goa (self, task, renew);
#else
  g_task_return_error (task, sign_in_again_error (self));
#endif
}

static char *
lookup_finish (AwCredentialSource  *source,
               GAsyncResult        *result,
               GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static AwCredentialKind
get_kind (AwCredentialSource *source)
{
  return AW_ONLINE_ACCOUNT (source)->kind;
}

static const char *
get_login (AwCredentialSource *source)
{
  return AW_ONLINE_ACCOUNT (source)->login;
}

static void
credential_source_iface_init (AwCredentialSourceInterface *iface)
{
  iface->get_kind = get_kind;
  iface->get_login = get_login;
  iface->lookup_async = lookup_async;
  iface->lookup_finish = lookup_finish;
}

/* ---- the object ---- */

AwAccount *
aw_online_account_to_account (AwOnlineAccount *self)
{
  AwAccount *account;
  g_autofree char *id = NULL;

  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);

  id = g_strconcat ("goa:", self->id != NULL ? self->id : "", NULL);
  account = aw_account_new ();
  aw_account_set_id (account, id);
  aw_account_set_display_name (account, self->name);
  aw_account_set_address (account, self->address);
  aw_account_set_host (account, self->host);
  aw_account_set_port (account, self->port);
  aw_account_set_security (account, self->security);
  aw_account_set_username (account, self->login);
  return account;
}

const char *
aw_online_account_get_id (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);
  return self->id;
}

const char *
aw_online_account_get_provider_type (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);
  return self->provider_type;
}

const char *
aw_online_account_get_provider_name (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);
  return self->provider_name;
}

const char *
aw_online_account_get_provider_icon (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);
  return self->provider_icon;
}

const char *
aw_online_account_get_address (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);
  return self->address;
}

const char *
aw_online_account_get_name (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);
  return self->name;
}

const char *
aw_online_account_get_host (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), NULL);
  return self->host;
}

guint
aw_online_account_get_port (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), 0);
  return self->port;
}

AwAccountSecurity
aw_online_account_get_security (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), AW_ACCOUNT_SECURITY_TLS);
  return self->security;
}

gboolean
aw_online_account_get_attention_needed (AwOnlineAccount *self)
{
  g_return_val_if_fail (AW_IS_ONLINE_ACCOUNT (self), FALSE);
  return self->attention_needed;
}

static void
aw_online_account_finalize (GObject *object)
{
  AwOnlineAccount *self = (AwOnlineAccount *) object;

#ifdef HAVE_GOA
  g_clear_object (&self->object);
#endif
  g_free (self->id);
  g_free (self->provider_type);
  g_free (self->provider_name);
  g_free (self->provider_icon);
  g_free (self->address);
  g_free (self->name);
  g_free (self->host);
  g_free (self->login);

  G_OBJECT_CLASS (aw_online_account_parent_class)->finalize (object);
}

static void
aw_online_account_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AwOnlineAccount *self = AW_ONLINE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_PROVIDER_TYPE: g_value_set_string (value, self->provider_type); break;
    case PROP_PROVIDER_NAME: g_value_set_string (value, self->provider_name); break;
    case PROP_PROVIDER_ICON: g_value_set_string (value, self->provider_icon); break;
    case PROP_ADDRESS: g_value_set_string (value, self->address); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_HOST: g_value_set_string (value, self->host); break;
    case PROP_PORT: g_value_set_uint (value, self->port); break;
    case PROP_SECURITY: g_value_set_enum (value, self->security); break;
    case PROP_LOGIN: g_value_set_string (value, self->login); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_ATTENTION_NEEDED: g_value_set_boolean (value, self->attention_needed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_online_account_class_init (AwOnlineAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = aw_online_account_finalize;
  object_class->get_property = aw_online_account_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER_TYPE] = g_param_spec_string ("provider-type", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER_NAME] = g_param_spec_string ("provider-name", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER_ICON] = g_param_spec_string ("provider-icon", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0, flags);
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, AW_TYPE_ACCOUNT_SECURITY,
                                                 AW_ACCOUNT_SECURITY_TLS, flags);
  properties[PROP_LOGIN] = g_param_spec_string ("login", NULL, NULL, NULL, flags);
  /* an AwCredentialKind */
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, AW_CREDENTIAL_KIND_PASSWORD,
                                            AW_CREDENTIAL_KIND_OAUTH2,
                                            AW_CREDENTIAL_KIND_PASSWORD, flags);
  properties[PROP_ATTENTION_NEEDED] = g_param_spec_boolean ("attention-needed", NULL, NULL,
                                                            FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_online_account_init (AwOnlineAccount *self)
{
  self->security = AW_ACCOUNT_SECURITY_TLS;
}
