/* test-account-store.c: accounts are saved atomically, without a password, and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "aw-account-store.h"
#include "aw-test-async.h"

static void
load (AwAccountStore *store,
      GError        **error,
      gboolean       *ok)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_account_store_load_async (store, NULL, aw_test_async_done, &result);
  *ok = aw_account_store_load_finish (store, aw_test_async_wait (&result), error);
}

static void
save (AwAccountStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  aw_account_store_save_async (store, NULL, aw_test_async_done, &result);
  g_assert_true (aw_account_store_save_finish (store, aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
}

static AwAccount *
make_account (const char *address,
              const char *host)
{
  AwAccount *account = aw_account_new ();

  aw_account_set_display_name (account, "Sam Lee");
  aw_account_set_address (account, address);
  aw_account_set_host (account, host);
  aw_account_set_port (account, 587);
  aw_account_set_security (account, AW_ACCOUNT_SECURITY_STARTTLS);
  return account;
}

static void
test_missing_file_is_empty (void)
{
  g_autoptr(AwAccountStore) store = aw_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "afterword",
                                                "accounts.json", NULL);
  g_autofree char *path = g_file_get_path (aw_account_store_get_file (store));
  gboolean ok;

  g_assert_cmpstr (path, ==, expected);
  load (store, &error, &ok);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (aw_account_store_get_loaded (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (aw_account_store_get_default_account (store));
}

static void
test_add_update_remove_roundtrip (void)
{
  g_autoptr(AwAccountStore) store = aw_account_store_new (NULL);
  g_autoptr(AwAccountStore) again = NULL;
  g_autoptr(AwAccount) first = make_account ("sam@example.com", "smtp.example.com");
  g_autoptr(AwAccount) second = make_account ("sam.lee@example.org", "mail.example.org");
  g_autoptr(AwAccount) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  GStatBuf st;
  AwAccount *loaded;
  gboolean ok;

  g_assert_true (aw_account_store_add (store, first, &error));
  g_assert_no_error (error);
  g_assert_true (aw_account_store_add (store, second, &error));
  g_assert_nonnull (aw_account_get_id (first));
  g_assert_cmpstr (aw_account_get_id (first), !=, aw_account_get_id (second));
  /* the first account becomes the default */
  g_assert_true (aw_account_store_get_default_account (store) == first);

  changed = aw_account_copy (second);
  aw_account_set_port (changed, 465);
  aw_account_set_security (changed, AW_ACCOUNT_SECURITY_TLS);
  aw_account_set_username (changed, "sam");
  aw_account_set_pinned_fingerprint (changed, "sha256:ab:cd");
  g_assert_true (aw_account_store_update (store, changed, &error));
  g_assert_no_error (error);
  save (store);

  path = g_file_get_path (aw_account_store_get_file (store));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "mail.example.org"));
  g_assert_null (strstr (contents, "password"));

  again = aw_account_store_new (NULL);
  load (again, &error, &ok);
  g_assert_true (ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  loaded = aw_account_store_lookup (again, aw_account_get_id (second));
  g_assert_nonnull (loaded);
  g_assert_cmpuint (aw_account_get_port (loaded), ==, 465);
  g_assert_cmpint (aw_account_get_security (loaded), ==, AW_ACCOUNT_SECURITY_TLS);
  g_assert_cmpstr (aw_account_get_username (loaded), ==, "sam");
  g_assert_cmpstr (aw_account_get_login (loaded), ==, "sam");
  g_assert_cmpstr (aw_account_get_pinned_fingerprint (loaded), ==, "sha256:ab:cd");
  g_assert_cmpstr (aw_account_get_id (aw_account_store_get_default_account (again)), ==,
                   aw_account_get_id (first));
  g_assert_true (aw_account_store_find_by_address (again, "SAM@example.com") != NULL);

  /* removing the default makes the next one the default */
  g_assert_true (aw_account_store_remove (again, aw_account_get_id (first), &error));
  g_assert_false (aw_account_store_remove (again, aw_account_get_id (first), &error));
  g_assert_error (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpstr (aw_account_get_id (aw_account_store_get_default_account (again)), ==,
                   aw_account_get_id (second));
}

static void
test_validation (void)
{
  g_autoptr(AwAccountStore) store = aw_account_store_new (NULL);
  g_autoptr(AwAccount) account = make_account ("not an address", "smtp.example.com");
  g_autoptr(GError) error = NULL;

  g_assert_false (aw_account_store_add (store, account, &error));
  g_assert_error (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_INVALID);
  g_clear_error (&error);

  aw_account_set_address (account, "sam@example.com");
  aw_account_set_security (account, AW_ACCOUNT_SECURITY_NONE);
  g_assert_false (aw_account_validate (account, &error));
  g_assert_error (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_INVALID);
  g_clear_error (&error);

  /* no encryption is only for this computer */
  aw_account_set_host (account, "localhost");
  g_assert_true (aw_account_validate (account, &error));
  aw_account_set_host (account, "127.0.0.1");
  g_assert_true (aw_account_validate (account, &error));

  aw_account_set_port (account, 0);
  g_assert_false (aw_account_validate (account, &error));
  g_assert_error (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_INVALID);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_corrupt_file (void)
{
  g_autoptr(AwAccountStore) store = aw_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (aw_account_store_get_file (store));
  g_autofree char *dir = g_path_get_dirname (path);
  gboolean ok;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "{ \"accounts\": [ broken", -1, NULL));
  load (store, &error, &ok);
  g_assert_false (ok);
  g_assert_error (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_CORRUPT);
  g_clear_error (&error);

  /* one bad entry does not lose the good ones */
  g_assert_true (g_file_set_contents (path,
                                      "{\"accounts\": [ {\"port\": \"x\"},"
                                      " {\"id\": \"a\", \"address\": \"a@b.org\", \"host\": \"h.b.org\","
                                      "  \"port\": 587, \"security\": \"starttls\"},"
                                      " {\"id\": \"b\", \"security\": \"rot13\"} ]}", -1, NULL));
  load (store, &error, &ok);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpint (aw_account_get_security (aw_account_store_lookup (store, "a")), ==,
                   AW_ACCOUNT_SECURITY_STARTTLS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/account-store/missing-file", test_missing_file_is_empty);
  g_test_add_func ("/account-store/roundtrip", test_add_update_remove_roundtrip);
  g_test_add_func ("/account-store/validation", test_validation);
  g_test_add_func ("/account-store/corrupt-file", test_corrupt_file);

  return g_test_run ();
}
