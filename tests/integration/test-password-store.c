/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-password-store.c: passwords go to the real Secret Service and come back
 *
 * Runs against gnome-keyring-daemon on a private session bus (build-aux/test.sh).
 */
#include "config.h"

#include <libsecret/secret.h>

#include "aw-password-store-private.h"
#include "aw-test-async.h"
#include "aw-test-keyring.h"

#define HOST "smtp.example.test"
#define USER "sam@example.test"

static gboolean
store (const char  *host,
       guint        port,
       const char  *password,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_password_store_store_async (host, port, USER, password, NULL, aw_test_async_done, &result);
  return aw_password_store_store_finish (aw_test_async_wait (&result), error);
}

static char *
lookup (const char  *host,
        guint        port,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_password_store_lookup_async (host, port, USER, NULL, aw_test_async_done, &result);
  return aw_password_store_lookup_finish (aw_test_async_wait (&result), error);
}

/* msmtp's item (or secret-tool's, in the same form) for @host and USER */
static char *
lookup_msmtp (const char  *host,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_password_store_lookup_msmtp_async (host, USER, NULL, aw_test_async_done, &result);
  return aw_password_store_lookup_msmtp_finish (aw_test_async_wait (&result), error);
}

static gboolean
clear (const char  *host,
       guint        port,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_password_store_clear_async (host, port, USER, NULL, aw_test_async_done, &result);
  return aw_password_store_clear_finish (aw_test_async_wait (&result), error);
}

static gboolean
have_secret_service (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: run through build-aux/test.sh");
      return FALSE;
    }
  return TRUE;
}

static void
test_store_update_lookup_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwPassword) first = NULL;
  g_autoptr(AwPassword) second = NULL;
  g_autoptr(AwPassword) other_port = NULL;
  g_autoptr(AwPassword) gone = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GList) items = NULL;

  if (!have_secret_service ())
    return;

  g_assert_true (store (HOST, 587, "first secret", &error));
  g_assert_no_error (error);
  first = lookup (HOST, 587, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "first secret");

  /* storing again replaces, it does not add a second item */
  g_assert_true (store (HOST, 587, "second secret", &error));
  second = lookup (HOST, 587, &error);
  g_assert_cmpstr (second, ==, "second secret");
  attributes = secret_attributes_build (&(SecretSchema) { AW_PASSWORD_STORE_SCHEMA_NAME,
                                                          SECRET_SCHEMA_NONE,
                                                          { { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                                            { NULL, 0 } } },
                                        "host", HOST, NULL);
  items = secret_service_search_sync (NULL, NULL, attributes,
                                      SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (g_steal_pointer (&items), g_object_unref);

  /* the port is part of the key */
  other_port = lookup (HOST, 465, &error);
  g_assert_no_error (error);
  g_assert_null (other_port);

  g_assert_true (clear (HOST, 587, &error));
  g_assert_no_error (error);
  gone = lookup (HOST, 587, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  /* clearing again is not an error */
  g_assert_true (clear (HOST, 587, &error));
  g_assert_no_error (error);
}

static void
test_msmtp_password_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwPassword) found = NULL;
  g_autoptr(AwPassword) found2 = NULL;
  g_autoptr(AwPassword) none = NULL;

  if (!have_secret_service ())
    return;

  aw_test_keyring_store_smtp (AW_TEST_KEYRING_MSMTP, "mail.msmtp.test", USER, "msmtp secret");
  found = lookup_msmtp ("mail.msmtp.test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "msmtp secret");

  aw_test_keyring_store_smtp (AW_TEST_KEYRING_SECRET_TOOL, "mail.tool.test", USER, "tool secret");
  found2 = lookup_msmtp ("mail.tool.test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found2, ==, "tool secret");

  /* Afterword's own item is not taken for msmtp's and vice versa */
  none = lookup_msmtp (HOST, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  aw_test_keyring_clear (AW_TEST_KEYRING_MSMTP, "mail.msmtp.test");
  aw_test_keyring_clear (AW_TEST_KEYRING_SECRET_TOOL, "mail.tool.test");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwPassword) password = NULL;

  if (!have_secret_service ())
    return;

  g_cancellable_cancel (cancellable);
  aw_password_store_lookup_async (HOST, 1, USER, cancellable, aw_test_async_done, &result);
  password = aw_password_store_lookup_finish (aw_test_async_wait (&result), &error);
  g_assert_null (password);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwPassword) password = NULL;

      /* A session bus that does not exist: nothing can answer. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/afterword-test-bus", TRUE);
      g_assert_false (store (HOST, 587, "never stored", &error));
      g_assert_error (error, AW_PASSWORD_STORE_ERROR, AW_PASSWORD_STORE_ERROR_NO_SERVICE);
      g_assert_null (strstr (error->message, "never stored"));
      g_clear_error (&error);
      password = lookup (HOST, 587, &error);
      g_assert_null (password);
      g_assert_error (error, AW_PASSWORD_STORE_ERROR, AW_PASSWORD_STORE_ERROR_NO_SERVICE);
      g_print ("message: %s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*keyring*");
  g_test_trap_assert_stdout_unmatched ("*never stored*");
}

static void
test_error_mapping (void)
{
  static const struct {
    GQuark domain;
    int    code;
    int    expected;
  } cases[] = {
    { 0, SECRET_ERROR_IS_LOCKED, AW_PASSWORD_STORE_ERROR_LOCKED },
    { 1, G_IO_ERROR_CANCELLED, AW_PASSWORD_STORE_ERROR_CANCELLED },
    { 2, G_DBUS_ERROR_SERVICE_UNKNOWN, AW_PASSWORD_STORE_ERROR_NO_SERVICE },
    { 2, G_DBUS_ERROR_NO_SERVER, AW_PASSWORD_STORE_ERROR_NO_SERVICE },
    { 0, SECRET_ERROR_PROTOCOL, AW_PASSWORD_STORE_ERROR_FAILED },
  };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) cancelled = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].domain == 0 ? SECRET_ERROR
                    : cases[i].domain == 1 ? G_IO_ERROR : G_DBUS_ERROR;
      g_autoptr(GError) mapped = NULL;

      mapped = aw_password_store_map_error (g_error_new_literal (domain, cases[i].code,
                                                                 "internal detail 1234"),
                                            cancellable);
      g_assert_error (mapped, AW_PASSWORD_STORE_ERROR, cases[i].expected);
      /* a sentence for a person, not the service's internals */
      g_assert_null (strstr (mapped->message, "internal detail"));
      g_assert_cmpuint (strlen (mapped->message), >, 20);
    }

  /* our own cancellation stays a plain cancellation */
  g_cancellable_cancel (cancellable);
  cancelled = aw_password_store_map_error (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x"),
                                           cancellable);
  g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/password-store/store-update-lookup-remove", test_store_update_lookup_remove);
  g_test_add_func ("/password-store/msmtp", test_msmtp_password_found);
  g_test_add_func ("/password-store/cancelled", test_cancelled);
  g_test_add_func ("/password-store/no-service", test_no_service);
  g_test_add_func ("/password-store/error-mapping", test_error_mapping);

  return g_test_run ();
}
