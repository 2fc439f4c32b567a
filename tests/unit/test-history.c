/* test-history.c: sent follow-ups are recorded atomically, with the exact bytes, and found again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "aw-history.h"
#include "aw-test-async.h"

static void
record (AwHistory      *history,
        AwHistoryEntry *entry,
        const char     *eml)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (eml, strlen (eml));

  aw_history_record_async (history, entry, bytes, NULL, aw_test_async_done, &result);
  g_assert_true (aw_history_record_finish (history, aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
}

static gboolean
load (AwHistory *history,
      GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_history_load_async (history, NULL, aw_test_async_done, &result);
  return aw_history_load_finish (history, aw_test_async_wait (&result), error);
}

static AwHistoryEntry *
make_entry (const char      *name,
            const char      *address,
            const char      *company,
            int              day,
            const char      *message_id,
            AwHistoryStatus  status)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_new_local (g_date_time_get_year (now), 3, day, 10, 0, 0);

  return aw_history_entry_new (name, address, company, "Product Designer",
                               "Thank you", "sam@example.com", when, message_id, status);
}

static void
test_empty (void)
{
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "afterword", "sent", NULL);
  g_autofree char *path = g_file_get_path (aw_history_get_folder (history));

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (load (history, &error));
  g_assert_no_error (error);
  g_assert_true (aw_history_get_loaded (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_null (aw_history_find_previous (history, "dana@acme.example", "Acme"));
}

static void
test_record_and_reload (void)
{
  static const char eml[] = "From: Sam <sam@example.com>\r\nTo: dana@acme.example\r\n"
                            "Message-ID: <1@example.com>\r\n\r\nThank you.\r\n";
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(AwHistory) again = NULL;
  g_autoptr(AwHistoryEntry) first = make_entry ("Dana Ruiz", "dana@acme.example", "Acme", 12,
                                                "1@example.com", AW_HISTORY_STATUS_SENT);
  g_autoptr(AwHistoryEntry) second = make_entry (NULL, "jobs@globex.example", "Globex", 14,
                                                 "2@example.com",
                                                 AW_HISTORY_STATUS_DELIVERY_UNCERTAIN);
  g_autoptr(AwHistoryEntry) loaded = NULL;
  g_autoptr(GFile) eml_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *index_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;
  gsize length;
  GStatBuf st;
  GDir *dir;
  const char *name;

  g_assert_true (load (history, &error));
  record (history, first, eml);
  record (history, second, "uncertain bytes");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);

  /* the exact bytes, private to the user */
  eml_file = aw_history_get_eml_file (history, first);
  g_assert_true (g_file_load_contents (eml_file, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, eml, strlen (eml));
  folder = g_file_get_path (aw_history_get_folder (history));
  index_path = g_build_filename (folder, "index.json", NULL);
  g_assert_cmpint (g_stat (index_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* nothing but the index and the two messages: no temporary files left behind */
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_equal (name, "index.json") || g_str_has_suffix (name, ".eml"));
  g_dir_close (dir);

  again = aw_history_new (NULL);
  g_assert_true (load (again, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  /* newest first */
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (aw_history_entry_get_message_id (loaded), ==, "2@example.com");
  g_assert_cmpint (aw_history_entry_get_status (loaded), ==, AW_HISTORY_STATUS_DELIVERY_UNCERTAIN);
  g_assert_null (aw_history_entry_get_recipient_name (loaded));
  g_clear_object (&loaded);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 1);
  g_assert_cmpstr (aw_history_entry_get_recipient_name (loaded), ==, "Dana Ruiz");
  g_assert_cmpstr (aw_history_entry_get_role (loaded), ==, "Product Designer");
  g_assert_true (g_date_time_equal (aw_history_entry_get_sent_at (loaded),
                                    aw_history_entry_get_sent_at (first)));

  text = aw_history_entry_describe (loaded);
  g_assert_cmpstr (text, ==, "Sent to Dana Ruiz at Acme, 12 March");
  g_clear_pointer (&text, g_free);
  text = aw_history_entry_describe (second);
  g_assert_cmpstr (text, ==, "Maybe sent to jobs@globex.example at Globex, 14 March");
}

static void
test_find_previous (void)
{
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(AwHistoryEntry) old = make_entry ("Dana Ruiz", "dana@acme.example", "Acme", 2,
                                              "a@example.com", AW_HISTORY_STATUS_SENT);
  g_autoptr(AwHistoryEntry) newer = make_entry ("Dana Ruiz", "dana@acme.example", "Acme", 9,
                                                "b@example.com", AW_HISTORY_STATUS_SENT);
  AwHistoryEntry *found;

  record (history, old, "a");
  record (history, newer, "b");

  found = aw_history_find_previous (history, "DANA@acme.example", NULL);
  g_assert_true (found == newer);
  /* another person at the same company counts too */
  found = aw_history_find_previous (history, "lee@acme.example", " acme ");
  g_assert_true (found == newer);
  g_assert_null (aw_history_find_previous (history, "lee@initech.example", "Initech"));
  g_assert_null (aw_history_find_previous (history, NULL, ""));
}

static void
test_corrupt_index (void)
{
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_file_get_path (aw_history_get_folder (history));
  g_autofree char *index = g_build_filename (folder, "index.json", NULL);

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (index, "[1, 2", -1, NULL));
  g_assert_false (load (history, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* bad entries are skipped, good ones kept */
  g_assert_true (g_file_set_contents (index,
                                      "{\"sent\": [ {\"recipient-address\": \"x@y.example\"},"
                                      " {\"recipient-address\": \"a@b.example\", \"message-id\": \"m@b\","
                                      "  \"sent-at\": \"2026-03-12T10:00:00Z\"} ]}", -1, NULL));
  g_assert_true (load (history, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history/empty", test_empty);
  g_test_add_func ("/history/record-and-reload", test_record_and_reload);
  g_test_add_func ("/history/find-previous", test_find_previous);
  g_test_add_func ("/history/corrupt-index", test_corrupt_index);

  return g_test_run ();
}
