/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-draft-store.c: autosave, list, load, delete with undo, the store as a list of the
 * drafts to resume, and a SIGKILL mid-typing
 */
#include "config.h"

#include <signal.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "aw-draft-store.h"
#include "aw-test-async.h"

typedef struct
{
  char         *directory;
  AwDraftStore *store;
  AwDraft      *draft;       /* a draft for Acme, not saved yet */
  char         *path;        /* where it is saved */
  GString      *changes;     /* the store's items-changed: "position-removed+added " each */
  guint         saved;
  guint         failed;
  gint64        last_saved_at;
} Fixture;

static void
on_saved (AwDraftStore *store,
          AwDraft      *draft,
          Fixture      *fixture)
{
  fixture->saved++;
  fixture->last_saved_at = g_get_monotonic_time ();
}

static void
on_save_failed (AwDraftStore *store,
                AwDraft      *draft,
                GError       *error,
                Fixture      *fixture)
{
  fixture->failed++;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  g_string_append_printf (fixture->changes, "%u-%u+%u ", position, removed, added);
}

/* The items-changed since the last call, then forgets them */
static char *
take_changes (Fixture *fixture)
{
  char *changes = g_strdup (fixture->changes->str);

  g_string_truncate (fixture->changes, 0);
  return changes;
}

static AwDraft *new_draft (const char *company);
static char *path_of (Fixture *fixture, AwDraft *draft, const char *suffix);

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->directory = g_build_filename (g_get_user_data_dir (), "afterword", "drafts", NULL);
  fixture->store = aw_draft_store_new (NULL);
  fixture->draft = new_draft ("Acme");
  fixture->path = path_of (fixture, fixture->draft, ".json");
  fixture->changes = g_string_new (NULL);
  g_signal_connect (fixture->store, "saved", G_CALLBACK (on_saved), fixture);
  g_signal_connect (fixture->store, "save-failed", G_CALLBACK (on_save_failed), fixture);
  g_signal_connect (fixture->store, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->draft);
  g_free (fixture->path);
  g_string_free (fixture->changes, TRUE);
  g_free (fixture->directory);
}

static void
save (AwDraftStore *store,
      AwDraft      *draft)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  aw_draft_store_save_async (store, draft, NULL, aw_test_async_done, &result);
  g_assert_true (aw_draft_store_save_finish (store, aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
}

static void
flush (AwDraftStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  aw_draft_store_flush_async (store, NULL, aw_test_async_done, &result);
  g_assert_true (aw_draft_store_flush_finish (store, aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (AwDraftStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *drafts;

  aw_draft_store_list_async (store, NULL, aw_test_async_done, &result);
  drafts = aw_draft_store_list_finish (store, aw_test_async_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (drafts);
  return drafts;
}

static AwDraft *
load (AwDraftStore  *store,
      const char    *id,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_draft_store_load_async (store, id, NULL, aw_test_async_done, &result);
  return aw_draft_store_load_finish (store, aw_test_async_wait (&result), error);
}

/* The draft as the file holds it, which must be there */
static AwDraft *
load_ok (AwDraftStore *store,
         const char   *id)
{
  g_autoptr(GError) error = NULL;
  AwDraft *draft = load (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (draft);
  return draft;
}

typedef enum { OP_DELETE, OP_RESTORE, OP_PURGE } Op;

static gboolean
file_op (AwDraftStore  *store,
         Op             op,
         const char    *id,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  switch (op)
    {
    case OP_DELETE:
      aw_draft_store_delete_async (store, id, NULL, aw_test_async_done, &result);
      return aw_draft_store_delete_finish (store, aw_test_async_wait (&result), error);
    case OP_RESTORE:
      aw_draft_store_restore_async (store, id, NULL, aw_test_async_done, &result);
      return aw_draft_store_restore_finish (store, aw_test_async_wait (&result), error);
    case OP_PURGE:
      aw_draft_store_purge_async (store, id, NULL, aw_test_async_done, &result);
      return aw_draft_store_purge_finish (store, aw_test_async_wait (&result), error);
    default:
      g_assert_not_reached ();
    }
}

static void
file_op_ok (AwDraftStore *store,
            Op            op,
            const char   *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (file_op (store, op, id, &error));
  g_assert_no_error (error);
}

static AwDraft *
new_draft (const char *company)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_sender_name (draft, "Alex Morgan");
  aw_draft_set_recipient_name (draft, "Dana Weber");
  aw_draft_set_recipient_address (draft, "dana@example.com");
  aw_draft_set_company (draft, company);
  aw_draft_set_role (draft, "Data Engineer");
  aw_draft_set_body (draft, "Dear Dana,\n\nThank you.\n");
  return draft;
}

/* new_draft for each company, up to NULL */
static GPtrArray *
new_drafts (const char *company,
            ...)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func (g_object_unref);
  va_list companies;

  va_start (companies, company);
  for (; company != NULL; company = va_arg (companies, const char *))
    g_ptr_array_add (drafts, new_draft (company));
  va_end (companies);
  return drafts;
}

static char *
path_of (Fixture    *fixture,
         AwDraft    *draft,
         const char *suffix)
{
  g_autofree char *name = g_strconcat (aw_draft_get_id (draft), suffix, NULL);

  return g_build_filename (fixture->directory, name, NULL);
}

static gboolean
wake_up (gpointer user_data)
{
  *(guint *) user_data = 0;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for about this long */
static void
iterate_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      guint id = g_timeout_add (MIN (10, milliseconds), wake_up, &id);

      g_main_context_iteration (NULL, TRUE);
      g_clear_handle_id (&id, g_source_remove);
    }
}

static void
test_save_and_load (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AwDraft) loaded = NULL;
  GStatBuf st;

  save (fixture->store, fixture->draft);
  g_assert_cmpuint (fixture->saved, ==, 1);
  g_assert_false (aw_draft_store_has_pending (fixture->store));

  /* Private: the drafts hold names, addresses and what the user wrote */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (fixture->directory, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  loaded = load_ok (fixture->store, aw_draft_get_id (fixture->draft));
  g_assert_cmpstr (aw_draft_get_company (loaded), ==, "Acme");
  g_assert_cmpstr (aw_draft_get_body (loaded), ==, aw_draft_get_body (fixture->draft));
  g_assert_true (g_date_time_equal (aw_draft_get_modified (loaded), aw_draft_get_modified (fixture->draft)));
}

static void
test_load_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(AwDraft) draft = load (fixture->store, "no-such-draft", &error);
  g_autoptr(AwDraft) draft2 = load (fixture->store, "../escape", &error2);

  g_assert_null (draft);
  g_assert_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND);
  g_assert_null (draft2);
  g_assert_error (error2, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND);
}

static void
test_schedule_is_debounced (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(AwDraft) loaded = NULL;
  gint64 last_change;

  /* Five quick changes: one write, after the last, within a second */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("Dear Dana,\n\nversion %u\n", i);

      aw_draft_set_body (fixture->draft, body);
      aw_draft_store_schedule_save (fixture->store, fixture->draft);
      iterate_for (50);
    }
  last_change = g_get_monotonic_time ();
  g_assert_true (aw_draft_store_has_pending (fixture->store));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  while (fixture->saved == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->saved, ==, 1);
  g_assert_cmpint (fixture->last_saved_at - last_change, <, G_TIME_SPAN_SECOND);
  g_assert_false (aw_draft_store_has_pending (fixture->store));

  loaded = load_ok (fixture->store, aw_draft_get_id (fixture->draft));
  g_assert_cmpstr (aw_draft_get_body (loaded), ==, "Dear Dana,\n\nversion 4\n");

  /* Nothing more was written */
  iterate_for (700);
  g_assert_cmpuint (fixture->saved, ==, 1);
}

static void
test_continuous_typing_is_saved (Fixture       *fixture,
                                 gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  aw_draft_store_track (fixture->store, fixture->draft);

  /* A change every 30 ms for 2 s: the debounce alone would never fire */
  for (guint i = 0; g_get_monotonic_time () - start < 2 * G_TIME_SPAN_SECOND; i++)
    {
      g_autofree char *body = g_strdup_printf ("typing %u", i);

      aw_draft_set_body (fixture->draft, body);
      iterate_for (30);
    }

  /* Two seconds with a write at most every 0.7 s + write time */
  g_assert_cmpuint (fixture->saved, >=, 2);
  aw_draft_store_untrack (fixture->store, fixture->draft);
  flush (fixture->store);
}

static void
test_track_saves_changes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AwDraft) loaded = NULL;

  aw_draft_store_track (fixture->store, fixture->draft);
  aw_draft_store_track (fixture->store, fixture->draft);   /* twice is once */
  aw_draft_set_tone (fixture->draft, AW_TONE_BRIEF);
  g_assert_true (aw_draft_store_has_pending (fixture->store));
  flush (fixture->store);
  g_assert_cmpuint (fixture->saved, ==, 1);

  loaded = load_ok (fixture->store, aw_draft_get_id (fixture->draft));
  g_assert_cmpint (aw_draft_get_tone (loaded), ==, AW_TONE_BRIEF);

  aw_draft_store_untrack (fixture->store, fixture->draft);
  aw_draft_set_tone (fixture->draft, AW_TONE_FORMAL);
  g_assert_false (aw_draft_store_has_pending (fixture->store));
}

static void
test_writes_keep_order (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AwDraft) loaded = NULL;
  g_autoptr(GString) big = g_string_new (NULL);

  /* Large bodies so writes overlap with the changes */
  for (guint i = 0; i < 20000; i++)
    g_string_append (big, "word ");

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *body = g_strdup_printf ("%s%u", big->str, i);

      aw_draft_set_body (fixture->draft, body);
      if (i % 3 == 0)
        aw_draft_store_save_async (fixture->store, fixture->draft, NULL, NULL, NULL);
      else
        aw_draft_store_schedule_save (fixture->store, fixture->draft);
      g_main_context_iteration (NULL, FALSE);
    }
  flush (fixture->store);
  g_assert_false (aw_draft_store_has_pending (fixture->store));
  g_assert_cmpuint (fixture->failed, ==, 0);

  loaded = load_ok (fixture->store, aw_draft_get_id (fixture->draft));
  g_assert_true (g_str_has_suffix (aw_draft_get_body (loaded), " 29"));
}

static void
test_flush_when_idle (Fixture       *fixture,
                      gconstpointer  data)
{
  flush (fixture->store);
  g_assert_cmpuint (fixture->saved, ==, 0);
}

static void
test_list_newest_first (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) made = new_drafts ("Old Corp", "Middle GmbH", "New Ltd", NULL);
  AwDraft *old = g_ptr_array_index (made, 0);
  AwDraft *middle = g_ptr_array_index (made, 1);
  AwDraft *newest = g_ptr_array_index (made, 2);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GDateTime) t1 = g_date_time_new_from_iso8601 ("2026-01-01T10:00:00Z", NULL);
  g_autoptr(GDateTime) t2 = g_date_time_new_from_iso8601 ("2026-02-01T10:00:00Z", NULL);
  g_autoptr(GDateTime) t3 = g_date_time_new_from_iso8601 ("2026-03-01T10:00:00Z", NULL);
  g_autofree char *corrupt = g_build_filename (fixture->directory, "corrupt.json", NULL);
  g_autofree char *other = g_build_filename (fixture->directory, "notes.txt", NULL);
  g_autofree char *temp = g_build_filename (fixture->directory, "abc.json.X1Y2Z3", NULL);

  aw_draft_set_modified (old, t1);
  aw_draft_set_modified (middle, t2);
  aw_draft_set_modified (newest, t3);
  save (fixture->store, middle);
  save (fixture->store, newest);
  save (fixture->store, old);

  /* What a crash or a stranger leaves behind is skipped */
  g_assert_true (g_file_set_contents (corrupt, "{\"id\": \"corrupt\", \"body\": ", -1, NULL));
  g_assert_true (g_file_set_contents (other, "hello", -1, NULL));
  g_assert_true (g_file_set_contents (temp, "{\"id\": \"abc\"}", -1, NULL));

  drafts = list (fixture->store);
  g_assert_cmpuint (drafts->len, ==, 3);
  g_assert_cmpstr (aw_draft_get_company (g_ptr_array_index (drafts, 0)), ==, "New Ltd");
  g_assert_cmpstr (aw_draft_get_company (g_ptr_array_index (drafts, 1)), ==, "Middle GmbH");
  g_assert_cmpstr (aw_draft_get_company (g_ptr_array_index (drafts, 2)), ==, "Old Corp");
}

static void
test_list_without_folder (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AwDraftStore) store = aw_draft_store_new ("/nonexistent/afterword-test/drafts");
  g_autoptr(GPtrArray) drafts = list (store);

  g_assert_cmpuint (drafts->len, ==, 0);
}

static void
test_delete_restore_purge (Fixture       *fixture,
                           gconstpointer  data)
{
  AwDraft *keep = fixture->draft;
  g_autoptr(AwDraft) gone = new_draft ("Gone");
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted_path = path_of (fixture, gone, ".json.deleted");
  g_autoptr(GPtrArray) after_delete = NULL;
  g_autoptr(GPtrArray) after_restore = NULL;
  g_autoptr(GPtrArray) after_purge = NULL;
  g_autoptr(AwDraft) lost = new_draft ("Lost");
  g_autofree char *lost_path = path_of (fixture, lost, ".json.deleted");

  save (fixture->store, keep);
  save (fixture->store, gone);

  file_op_ok (fixture->store, OP_DELETE, aw_draft_get_id (gone));
  g_assert_true (g_file_test (deleted_path, G_FILE_TEST_EXISTS));
  after_delete = list (fixture->store);
  g_assert_cmpuint (after_delete->len, ==, 1);
  g_assert_cmpstr (aw_draft_get_company (g_ptr_array_index (after_delete, 0)), ==, "Acme");

  /* Undo */
  file_op_ok (fixture->store, OP_RESTORE, aw_draft_get_id (gone));
  after_restore = list (fixture->store);
  g_assert_cmpuint (after_restore->len, ==, 2);

  /* Delete for good */
  file_op_ok (fixture->store, OP_DELETE, aw_draft_get_id (gone));
  file_op_ok (fixture->store, OP_PURGE, aw_draft_get_id (gone));
  g_assert_false (g_file_test (deleted_path, G_FILE_TEST_EXISTS));
  after_purge = list (fixture->store);
  g_assert_cmpuint (after_purge->len, ==, 1);

  g_assert_false (file_op (fixture->store, OP_RESTORE, aw_draft_get_id (gone), &error));
  g_assert_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (file_op (fixture->store, OP_DELETE, "../keep", &error));
  g_assert_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An undo whose file went away meanwhile fails and leaves the draft off the list */
  save (fixture->store, lost);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);
  file_op_ok (fixture->store, OP_DELETE, aw_draft_get_id (lost));
  g_assert_cmpint (g_unlink (lost_path), ==, 0);
  g_assert_false (file_op (fixture->store, OP_RESTORE, aw_draft_get_id (lost), &error));
  g_assert_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
}

static void
test_delete_drops_scheduled_write (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) drafts = NULL;

  save (fixture->store, fixture->draft);
  aw_draft_store_track (fixture->store, fixture->draft);
  aw_draft_set_company (fixture->draft, "Acme Changed");
  g_assert_true (aw_draft_store_has_pending (fixture->store));

  file_op_ok (fixture->store, OP_DELETE, aw_draft_get_id (fixture->draft));
  g_assert_false (aw_draft_store_has_pending (fixture->store));

  /* Deleting untracks: later edits of the open draft do not bring the file back */
  aw_draft_set_company (fixture->draft, "Acme Again");
  iterate_for (AW_DRAFT_STORE_MAX_DELAY_MS + 200);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  drafts = list (fixture->store);
  g_assert_cmpuint (drafts->len, ==, 0);
}

static void
test_delete_during_write (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) save_result = NULL;
  g_autoptr(GAsyncResult) delete_result = NULL;
  g_autoptr(GError) error = NULL;

  /* The write is in flight when delete comes: the rename waits for it */
  aw_draft_store_save_async (fixture->store, fixture->draft, NULL, aw_test_async_done, &save_result);
  aw_draft_store_delete_async (fixture->store, aw_draft_get_id (fixture->draft), NULL,
                               aw_test_async_done, &delete_result);
  g_assert_true (aw_draft_store_save_finish (fixture->store, aw_test_async_wait (&save_result), &error));
  g_assert_true (aw_draft_store_delete_finish (fixture->store, aw_test_async_wait (&delete_result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_dispose_writes_pending (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AwDraft) loaded = NULL;

  aw_draft_set_body (fixture->draft, "last words");
  aw_draft_store_schedule_save (fixture->store, fixture->draft);
  g_clear_object (&fixture->store);

  fixture->store = aw_draft_store_new (NULL);
  loaded = load_ok (fixture->store, aw_draft_get_id (fixture->draft));
  g_assert_cmpstr (aw_draft_get_body (loaded), ==, "last words");
}

static void
test_save_failure_is_reported (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "blocker", NULL);
  g_autofree char *inside = g_build_filename (blocker, "drafts", NULL);
  g_autoptr(AwDraftStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A file where the folder should be */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  store = aw_draft_store_new (inside);
  g_signal_connect (store, "save-failed", G_CALLBACK (on_save_failed), fixture);

  aw_draft_store_save_async (store, fixture->draft, NULL, aw_test_async_done, &result);
  g_assert_false (aw_draft_store_save_finish (store, aw_test_async_wait (&result), &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (fixture->failed, ==, 1);
}

/* The store as a GListModel: the drafts to resume */


static void
test_list_follows_save_delete_undo (Fixture       *fixture,
                                    gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->store);
  g_autoptr(AwDraft) second = new_draft ("Second");
  g_autoptr(AwDraft) empty = aw_draft_new ();
  g_autoptr(AwDraft) first = NULL;
  g_autofree char *changes = NULL;
  const char *id = aw_draft_get_id (fixture->draft);

  g_assert_true (g_list_model_get_item_type (model) == AW_TYPE_DRAFT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Listed once saved or scheduled, newest first; an empty draft is not worth listing */
  save (fixture->store, fixture->draft);
  aw_draft_store_schedule_save (fixture->store, second);
  aw_draft_store_schedule_save (fixture->store, empty);
  save (fixture->store, fixture->draft);
  g_assert_cmpstr ((changes = take_changes (fixture)), ==, "0-0+1 0-0+1 ");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  first = g_list_model_get_item (model, 1);
  g_assert_true (first == fixture->draft);
  g_assert_true (aw_draft_store_lookup (fixture->store, id) == fixture->draft);
  g_assert_null (aw_draft_store_lookup (fixture->store, aw_draft_get_id (empty)));
  g_assert_null (g_list_model_get_item (model, 2));
  flush (fixture->store);

  /* Delete: off the list; undo: back in its place */
  file_op_ok (fixture->store, OP_DELETE, id);
  g_clear_pointer (&changes, g_free);
  g_assert_cmpstr ((changes = take_changes (fixture)), ==, "1-1+0 ");
  g_assert_null (aw_draft_store_lookup (fixture->store, id));
  file_op_ok (fixture->store, OP_RESTORE, id);
  g_clear_pointer (&changes, g_free);
  g_assert_cmpstr ((changes = take_changes (fixture)), ==, "1-0+1 ");
  g_assert_true (aw_draft_store_lookup (fixture->store, id) == fixture->draft);

  /* Purging after the undo changes nothing */
  file_op_ok (fixture->store, OP_PURGE, id);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* Delete for good: no undo after the purge */
  file_op_ok (fixture->store, OP_DELETE, id);
  file_op_ok (fixture->store, OP_PURGE, id);
  g_assert_false (file_op (fixture->store, OP_RESTORE, id, NULL));
  g_clear_pointer (&changes, g_free);
  g_assert_cmpstr ((changes = take_changes (fixture)), ==, "1-1+0 ");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

static void
test_refresh_lists_disk (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AwDraftStore) other = aw_draft_store_new (NULL);
  g_autoptr(AwDraft) older = new_draft ("Older");
  g_autoptr(AwDraft) empty = aw_draft_new ();
  g_autoptr(AwDraft) unsaved = new_draft ("Unsaved");
  g_autoptr(GDateTime) then = g_date_time_new_from_iso8601 ("2026-01-01T10:00:00Z", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AwDraft) item = NULL;
  g_autoptr(GError) error = NULL;

  /* Written by another store (the app before a restart) */
  aw_draft_set_modified (older, then);
  save (other, older);
  save (other, fixture->draft);
  save (other, empty);

  /* A draft in memory, not written yet, stays first and stays the same object */
  aw_draft_store_schedule_save (fixture->store, unsaved);
  g_assert_false (aw_draft_store_get_loaded (fixture->store));
  aw_draft_store_refresh_async (fixture->store, NULL, aw_test_async_done, &result);
  g_assert_true (aw_draft_store_refresh_finish (fixture->store, aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (aw_draft_store_get_loaded (fixture->store));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 3);
  item = g_list_model_get_item (G_LIST_MODEL (fixture->store), 0);
  g_assert_true (item == unsaved);
  g_assert_cmpstr (aw_draft_get_company (aw_draft_store_lookup (fixture->store,
                                                                aw_draft_get_id (fixture->draft))),
                   ==, "Acme");
  g_clear_object (&item);
  item = g_list_model_get_item (G_LIST_MODEL (fixture->store), 2);
  g_assert_cmpstr (aw_draft_get_company (item), ==, "Older");
  flush (fixture->store);
}

static void
test_remove_sent (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *deleted_path = path_of (fixture, fixture->draft, ".json.deleted");
  const char *id = aw_draft_get_id (fixture->draft);

  aw_draft_store_track (fixture->store, fixture->draft);
  save (fixture->store, fixture->draft);
  aw_draft_set_body (fixture->draft, "Dear Dana,\n\nsent now.\n");   /* a write scheduled */

  /* Sent: off the list and off the disk, with no undo and no write after */
  aw_draft_store_remove_async (fixture->store, id, NULL, aw_test_async_done, &result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  g_assert_true (aw_draft_store_remove_finish (fixture->store, aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((changes = take_changes (fixture)), ==, "0-0+1 0-1+0 ");
  g_assert_false (aw_draft_store_has_pending (fixture->store));
  iterate_for (AW_DRAFT_STORE_MAX_DELAY_MS + 100);
  drafts = list (fixture->store);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_assert_false (g_file_test (deleted_path, G_FILE_TEST_EXISTS));
}

/* SIGKILL mid-typing: a child process types into a tracked draft; the parent kills it
 * and checks that the file on disk is whole and at most a second behind. */

static int
run_typer (const char *id,
           const char *directory)
{
  g_autoptr(AwDraftStore) store = aw_draft_store_new (directory);
  g_autoptr(AwDraft) draft = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  draft = aw_draft_new_from_json (node, NULL);
  aw_draft_set_company (draft, "Acme");
  aw_draft_store_track (store, draft);

  g_print ("typing\n");
  fflush (stdout);
  for (guint i = 0; ; i++)
    {
      g_autofree char *body = g_strdup_printf ("Dear Dana,\n\nkeystroke %u\n", i);

      aw_draft_set_body (draft, body);
      iterate_for (15);
    }
  return 0;
}

static void
test_sigkill_mid_typing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwDraft) loaded = NULL;
  g_autoptr(GDateTime) killed_at = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *id = "sigkill-test-draft";
  GTimeSpan behind;

  g_assert_nonnull (self_exe);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_exe, "--typer", id, fixture->directory, NULL);
  g_assert_no_error (error);

  /* Wait until it types, then let it type for 2.3 s */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "typing");
  g_usleep (2300 * G_TIME_SPAN_MILLISECOND);

  g_subprocess_send_signal (child, SIGKILL);
  killed_at = g_date_time_new_now_utc ();
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* The file is whole (atomic rename) and recent */
  loaded = load_ok (fixture->store, id);
  g_assert_nonnull (loaded);
  g_assert_true (g_str_has_prefix (aw_draft_get_body (loaded), "Dear Dana,\n\nkeystroke "));
  behind = g_date_time_difference (killed_at, aw_draft_get_modified (loaded));
  g_test_message ("The draft on disk was %.0f ms behind at the kill",
                  behind / (double) G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (behind, >=, 0);
  g_assert_cmpint (behind, <=, G_TIME_SPAN_SECOND);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--typer"))
    return run_typer (argv[2], argv[3]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/draft-store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("save-and-load", test_save_and_load);
  ADD ("load-missing", test_load_missing);
  ADD ("schedule-is-debounced", test_schedule_is_debounced);
  ADD ("continuous-typing-is-saved", test_continuous_typing_is_saved);
  ADD ("track-saves-changes", test_track_saves_changes);
  ADD ("writes-keep-order", test_writes_keep_order);
  ADD ("flush-when-idle", test_flush_when_idle);
  ADD ("list-newest-first", test_list_newest_first);
  ADD ("list-without-folder", test_list_without_folder);
  ADD ("delete-restore-purge", test_delete_restore_purge);
  ADD ("delete-drops-scheduled-write", test_delete_drops_scheduled_write);
  ADD ("delete-during-write", test_delete_during_write);
  ADD ("list-follows-save-delete-undo", test_list_follows_save_delete_undo);
  ADD ("refresh-lists-disk", test_refresh_lists_disk);
  ADD ("remove-sent", test_remove_sent);
  ADD ("dispose-writes-pending", test_dispose_writes_pending);
  ADD ("save-failure-is-reported", test_save_failure_is_reported);
  ADD ("sigkill-mid-typing", test_sigkill_mid_typing);

#undef ADD

  return g_test_run ();
}
