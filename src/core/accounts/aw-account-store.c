/* aw-account-store.c: the sending accounts, saved in $XDG_CONFIG_HOME/afterword/accounts.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-account-store.h"
#include "aw-json-file.h"

struct _AwAccountStore
{
  GObject    parent_instance;

  GFile     *file;
  GPtrArray *accounts;
  char      *default_id;
  gboolean   loaded;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AwAccountStore, aw_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_FILE,
  PROP_LOADED,
  PROP_DEFAULT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * aw_account_store_new:
 * @file: (nullable): where to keep the accounts; %NULL for
 *   $XDG_CONFIG_HOME/afterword/accounts.json
 */
AwAccountStore *
aw_account_store_new (GFile *file)
{
  return g_object_new (AW_TYPE_ACCOUNT_STORE, "file", file, NULL);
}

/**
 * aw_account_store_get_default:
 *
 * Returns: (transfer none): the store of the user's own accounts file, shared by the
 *   whole process; load it once with aw_account_store_load_async()
 */
AwAccountStore *
aw_account_store_get_default (void)
{
  static AwAccountStore *store = NULL;

  if (store == NULL)
    store = aw_account_store_new (NULL);
  return store;
}

GFile *
aw_account_store_get_file (AwAccountStore *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (self), NULL);

  return self->file;
}

gboolean
aw_account_store_get_loaded (AwAccountStore *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (self), FALSE);

  return self->loaded;
}

static GType
list_get_item_type (GListModel *model)
{
  return AW_TYPE_ACCOUNT;
}

static guint
list_get_n_items (GListModel *model)
{
  return AW_ACCOUNT_STORE (model)->accounts->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  AwAccountStore *self = AW_ACCOUNT_STORE (model);

  if (position >= self->accounts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static int
find_index (AwAccountStore *self,
            const char     *id)
{
  for (guint i = 0; id != NULL && i < self->accounts->len; i++)
    if (g_strcmp0 (aw_account_get_id (g_ptr_array_index (self->accounts, i)), id) == 0)
      return (int) i;
  return -1;
}

/**
 * aw_account_store_lookup:
 *
 * Returns: (transfer none) (nullable): the account with @id
 */
AwAccount *
aw_account_store_lookup (AwAccountStore *self,
                         const char     *id)
{
  int index;

  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (self), NULL);

  index = find_index (self, id);
  return index < 0 ? NULL : g_ptr_array_index (self->accounts, index);
}

/**
 * aw_account_store_find_by_address:
 *
 * Returns: (transfer none) (nullable): the first account sending from @address
 */
AwAccount *
aw_account_store_find_by_address (AwAccountStore *self,
                                  const char     *address)
{
  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (self), NULL);

  for (guint i = 0; address != NULL && i < self->accounts->len; i++)
    {
      AwAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_ascii_strcasecmp (aw_account_get_address (account), address) == 0)
        return account;
    }
  return NULL;
}

/**
 * aw_account_store_add:
 * @account: a valid account; gets a new id if it has none
 *
 * Adds @account (the store keeps a reference). The first account becomes the default.
 */
gboolean
aw_account_store_add (AwAccountStore  *self,
                      AwAccount       *account,
                      GError         **error)
{
  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (AW_IS_ACCOUNT (account), FALSE);

  if (!aw_account_validate (account, error))
    return FALSE;
  if (aw_account_get_id (account) == NULL || find_index (self, aw_account_get_id (account)) >= 0)
    {
      g_autofree char *id = g_uuid_string_random ();
      aw_account_set_id (account, id);
    }

  g_ptr_array_add (self->accounts, g_object_ref (account));
  g_list_model_items_changed (G_LIST_MODEL (self), self->accounts->len - 1, 0, 1);
  if (self->default_id == NULL)
    aw_account_store_set_default_id (self, aw_account_get_id (account));
  return TRUE;
}

/**
 * aw_account_store_update:
 * @account: an account whose id is in the store
 *
 * Replaces the stored account that has @account's id.
 */
gboolean
aw_account_store_update (AwAccountStore  *self,
                         AwAccount       *account,
                         GError         **error)
{
  int index;

  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (AW_IS_ACCOUNT (account), FALSE);

  index = find_index (self, aw_account_get_id (account));
  if (index < 0)
    {
      g_set_error_literal (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_NOT_FOUND,
                           _("This account no longer exists."));
      return FALSE;
    }
  if (!aw_account_validate (account, error))
    return FALSE;

  if (g_ptr_array_index (self->accounts, index) != account)
    {
      g_object_unref (g_ptr_array_index (self->accounts, index));
      g_ptr_array_index (self->accounts, index) = g_object_ref (account);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 1);
  return TRUE;
}

/**
 * aw_account_store_remove:
 *
 * Removes the account with @id. The caller removes its password with
 * aw_password_store_clear_async().
 */
gboolean
aw_account_store_remove (AwAccountStore  *self,
                         const char      *id,
                         GError         **error)
{
  int index;

  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (self), FALSE);

  index = find_index (self, id);
  if (index < 0)
    {
      g_set_error_literal (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_NOT_FOUND,
                           _("This account no longer exists."));
      return FALSE;
    }
  g_ptr_array_remove_index (self->accounts, index);
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
  if (g_strcmp0 (self->default_id, id) == 0)
    aw_account_store_set_default_id (self, self->accounts->len > 0
                                     ? aw_account_get_id (g_ptr_array_index (self->accounts, 0))
                                     : NULL);
  return TRUE;
}

/**
 * aw_account_store_get_default_account:
 *
 * Returns: (transfer none) (nullable): the account to send from
 */
AwAccount *
aw_account_store_get_default_account (AwAccountStore *self)
{
  AwAccount *account;

  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (self), NULL);

  account = aw_account_store_lookup (self, self->default_id);
  if (account == NULL && self->accounts->len > 0)
    account = g_ptr_array_index (self->accounts, 0);
  return account;
}

void
aw_account_store_set_default_id (AwAccountStore *self,
                                 const char     *id)
{
  g_return_if_fail (AW_IS_ACCOUNT_STORE (self));

  if (g_strcmp0 (self->default_id, id) == 0)
    return;
  g_free (self->default_id);
  self->default_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ID]);
}

/* ---- loading and saving ---- */

static gpointer
read_account (JsonNode *node)
{
  return aw_account_new_from_json (node, NULL);
}

/**
 * aw_account_store_load_async:
 *
 * Reads the accounts file in a worker thread. A missing file is an empty store.
 */
void
aw_account_store_load_async (AwAccountStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (AW_IS_ACCOUNT_STORE (self));

  aw_json_file_load_async (self, self->file, "accounts", read_account,
                           g_error_new_literal (AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_CORRUPT,
                                                _("The saved account settings cannot be read.")),
                           cancellable, callback, user_data);
}

gboolean
aw_account_store_load_finish (AwAccountStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_autoptr(JsonObject) root = NULL;
  GPtrArray *accounts;
  guint old_len;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  accounts = aw_json_file_load_finish (result, &root, error);
  if (accounts == NULL)
    return FALSE;

  old_len = self->accounts->len;
  g_ptr_array_unref (self->accounts);
  self->accounts = accounts;
  aw_account_store_set_default_id (self, root != NULL
                                   ? json_object_get_string_member_with_default (root, "default",
                                                                                 NULL)
                                   : NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->accounts->len);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  return TRUE;
}

/**
 * aw_account_store_save_async:
 *
 * Writes the accounts as they are now, atomically, in a worker thread.
 */
void
aw_account_store_save_async (AwAccountStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GFile) dir = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *failure = NULL;

  g_return_if_fail (AW_IS_ACCOUNT_STORE (self));

  if (self->default_id != NULL)
    json_object_set_string_member (extra, "default", self->default_id);
  dir = g_file_get_parent (self->file);
  dir_path = g_file_get_path (dir);
  failure = g_strdup_printf (_("The account settings could not be saved to %s."), dir_path);
  aw_json_file_save_async (self, self->file,
                           aw_json_file_serialize (extra, "accounts", self->accounts,
                                                   (AwJsonFileWriteItem) aw_account_to_json),
                           failure, cancellable, callback, user_data);
}

gboolean
aw_account_store_save_finish (AwAccountStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return aw_json_file_save_finish (result, error);
}

static void
aw_account_store_constructed (GObject *object)
{
  AwAccountStore *self = AW_ACCOUNT_STORE (object);

  G_OBJECT_CLASS (aw_account_store_parent_class)->constructed (object);

  if (self->file == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_config_dir (), "afterword",
                                                "accounts.json", NULL);
      self->file = g_file_new_for_path (path);
    }
}

static void
aw_account_store_finalize (GObject *object)
{
  AwAccountStore *self = AW_ACCOUNT_STORE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_free (self->default_id);

  G_OBJECT_CLASS (aw_account_store_parent_class)->finalize (object);
}

static void
aw_account_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AwAccountStore *self = AW_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE: g_value_set_object (value, self->file); break;
    case PROP_LOADED: g_value_set_boolean (value, self->loaded); break;
    case PROP_DEFAULT_ID: g_value_set_string (value, self->default_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_account_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AwAccountStore *self = AW_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE: self->file = g_value_dup_object (value); break;
    case PROP_DEFAULT_ID: aw_account_store_set_default_id (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_account_store_class_init (AwAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = aw_account_store_constructed;
  object_class->finalize = aw_account_store_finalize;
  object_class->get_property = aw_account_store_get_property;
  object_class->set_property = aw_account_store_set_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                  G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DEFAULT_ID] = g_param_spec_string ("default-id", NULL, NULL, NULL,
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                     G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_account_store_init (AwAccountStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}
