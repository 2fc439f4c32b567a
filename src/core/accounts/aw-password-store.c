/* aw-password-store.c: SMTP passwords in the Secret Service (libsecret), never on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "aw-password-store-private.h"

G_DEFINE_QUARK (aw-password-store-error-quark, aw_password_store_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    AW_PASSWORD_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static const SecretSchema *
get_msmtp_schema (void)
{
  /* secret-tool stores msmtp's items under its own generic schema name: match by
   * attributes only. */
  static const SecretSchema schema = {
    AW_PASSWORD_STORE_MSMTP_SCHEMA_NAME, SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
aw_password_free (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}

/* Turns whatever libsecret or D-Bus reported into one of our codes and a sentence;
 * the original message goes to the debug log only (it never holds the password). */
GError *
aw_password_store_map_error (GError       *error,
                             GCancellable *cancellable)
{
  g_autoptr(GError) original = error;

  if (original == NULL || (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));

  g_debug ("secret service: %s (%s %d)", original->message,
           g_quark_to_string (original->domain), original->code);

  if (g_error_matches (original, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (AW_PASSWORD_STORE_ERROR, AW_PASSWORD_STORE_ERROR_LOCKED,
                                _("Your keyring is locked. Unlock it to use the saved password."));
  if (g_error_matches (original, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (AW_PASSWORD_STORE_ERROR, AW_PASSWORD_STORE_ERROR_CANCELLED,
                                _("The keyring was not unlocked, so the password is not available."));
  if (original->domain == G_DBUS_ERROR ||
      g_error_matches (original, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (original, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (original, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR) ||
      g_error_matches (original, G_IO_ERROR, G_IO_ERROR_CLOSED) ||
      g_error_matches (original, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    return g_error_new_literal (AW_PASSWORD_STORE_ERROR, AW_PASSWORD_STORE_ERROR_NO_SERVICE,
                                _("No keyring is available to keep the password. Start your desktop's keyring (Secret Service) and try again."));
  return g_error_new_literal (AW_PASSWORD_STORE_ERROR, AW_PASSWORD_STORE_ERROR_FAILED,
                              _("The keyring could not be used. Try again, or check that your keyring works."));
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, aw_password_store_map_error (error, g_task_get_cancellable (task)));
}

/**
 * aw_password_store_store_async:
 *
 * Saves @password for @user at @host:@port in the default keyring, replacing an
 * earlier one.
 */
void
aw_password_store_store_async (const char          *host,
                               guint                port,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (host != NULL && user != NULL && password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_password_store_store_async);

  /* Translators: the label of the keyring item, e.g. "Afterword: sam@smtp.example.com" */
  label = g_strdup_printf (_("Afterword: %s@%s"), user, host);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, on_stored, g_steal_pointer (&task),
                         "host", host,
                         "port", (int) port,
                         "user", user,
                         NULL);
}

gboolean
aw_password_store_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_searched_locked (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_service_search_finish (NULL, result, &error);
  gboolean locked = FALSE;

  for (GList *l = items; l != NULL; l = l->next)
    locked |= secret_item_get_locked (l->data);
  g_list_free_full (items, g_object_unref);

  /* An item is there but stayed locked: the unlock prompt was dismissed. */
  if (locked)
    g_task_return_new_error (task, AW_PASSWORD_STORE_ERROR, AW_PASSWORD_STORE_ERROR_CANCELLED,
                             _("The keyring was not unlocked, so the password is not available."));
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, aw_password_store_map_error (error, g_task_get_cancellable (task)));
  else if (password != NULL)
    g_task_return_pointer (task, password, (GDestroyNotify) aw_password_free);
  else
    {
      /* Nothing came back: nothing stored, or stored but still locked. */
      const SecretSchema *schema = g_task_get_source_tag (task) == aw_password_store_lookup_async
                                   ? get_schema () : get_msmtp_schema ();
      GHashTable *attributes = g_task_get_task_data (task);
      GCancellable *cancellable = g_task_get_cancellable (task);

      secret_service_search (NULL, schema, attributes, SECRET_SEARCH_ALL, cancellable,
                             on_searched_locked, g_steal_pointer (&task));
    }
}

/* Looks @attributes up under @schema; the task owns the attributes while libsecret works */
static void
start_lookup (const SecretSchema  *schema,
              GHashTable          *attributes,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, attributes, (GDestroyNotify) g_hash_table_unref);
  secret_password_lookupv (schema, attributes, cancellable, on_looked_up, task);
}

void
aw_password_store_lookup_async (const char          *host,
                                guint                port,
                                const char          *user,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (host != NULL && user != NULL);

  start_lookup (get_schema (),
                secret_attributes_build (get_schema (),
                                         "host", host,
                                         "port", (int) port,
                                         "user", user,
                                         NULL),
                aw_password_store_lookup_async, cancellable, callback, user_data);
}

/**
 * aw_password_store_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the password (free with aw_password_free()), or
 *   %NULL: with @error set on failure, without when nothing is stored
 */
char *
aw_password_store_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is what we wanted. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, aw_password_store_map_error (error, g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

void
aw_password_store_clear_async (const char          *host,
                               guint                port,
                               const char          *user,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (host != NULL && user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_password_store_clear_async);
  secret_password_clear (get_schema (), cancellable, on_cleared, g_steal_pointer (&task),
                         "host", host,
                         "port", (int) port,
                         "user", user,
                         NULL);
}

gboolean
aw_password_store_clear_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
aw_password_store_lookup_msmtp_async (const char          *host,
                                      const char          *user,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (host != NULL && user != NULL);

  start_lookup (get_msmtp_schema (),
                secret_attributes_build (get_msmtp_schema (),
                                         "host", host,
                                         "service", "smtp",
                                         "user", user,
                                         NULL),
                aw_password_store_lookup_msmtp_async, cancellable, callback, user_data);
}

/**
 * aw_password_store_lookup_msmtp_finish:
 *
 * Returns: (transfer full) (nullable): as aw_password_store_lookup_finish()
 */
char *
aw_password_store_lookup_msmtp_finish (GAsyncResult  *result,
                                       GError       **error)
{
  return aw_password_store_lookup_finish (result, error);
}
