/* aw-draft-store.c: autosaves drafts, one JSON file each, and lists the unfinished ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every draft has at most one write in flight; a change during a write marks the draft
 * dirty and the next write starts when the current one ends, so files never go back in
 * time. The files themselves are aw-draft-files.c's, in a worker thread.
 *
 * As a GListModel the store lists the drafts worth resuming, newest first: those on disk
 * after refresh, and any other draft once something was typed into it. Delete takes a
 * draft off the list and remembers its place until restore (undo) or purge.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-draft-files.h"
#include "aw-draft-private.h"
#include "aw-json-file.h"
#include "aw-draft-store-private.h"

typedef struct
{
  AwDraftStore *store;       /* unowned: the store owns the entry */
  char         *id;
  AwDraft      *draft;
  guint         timeout_id;
  gint64        first_change;  /* monotonic µs of the first unsaved change, or 0 */
  guint         in_flight : 1;
  guint         dirty : 1;
  GPtrArray    *waiters;     /* GTask: save_async, and file operations after the write */
} Entry;

G_DEFINE_FINAL_TYPE_WITH_CODE (AwDraftStore, aw_draft_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      aw_draft_store_list_model_init))

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

enum {
  SAVED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_write (Entry *entry);
static void run_file_op (GTask *task);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  g_clear_object (&entry->draft);
  g_clear_pointer (&entry->waiters, g_ptr_array_unref);
  g_free (entry->id);
  g_free (entry);
}

static Entry *
get_entry (AwDraftStore *self,
           const char   *id)
{
  Entry *entry = g_hash_table_lookup (self->entries, id);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->store = self;
      entry->id = g_strdup (id);
      entry->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->entries, entry->id, entry);
    }
  return entry;
}

static char *
draft_path (AwDraftStore *self,
            const char   *id,
            const char   *suffix)
{
  return aw_draft_files_path (self->directory, id, suffix);
}

gboolean
aw_draft_store_boolean_finish (AwDraftStore  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Flushes complete once nothing is scheduled or in flight. */
static void
check_flushes (AwDraftStore *self)
{
  GHashTableIter iter;
  Entry *entry;
  g_autoptr(GPtrArray) done = NULL;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->timeout_id != 0 || entry->in_flight || entry->dirty)
      return;

  done = g_steal_pointer (&self->flushes);
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < done->len; i++)
    g_task_return_boolean (g_ptr_array_index (done, i), TRUE);
}

/* Writing */

typedef struct
{
  char  *path;
  char  *contents;
  gsize  length;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write = data;

  g_free (write->path);
  g_free (write->contents);
  g_free (write);
}

static gboolean
write_file (WriteData  *write,
            GError    **error)
{
  return aw_json_file_write (write->path, write->contents, write->length, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_file (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static WriteData *
prepare_write (AwDraftStore *self,
               AwDraft      *draft)
{
  WriteData *write = g_new0 (WriteData, 1);

  write->contents = aw_draft_files_serialize (draft, &write->length);
  write->path = draft_path (self, aw_draft_get_id (draft), AW_DRAFT_FILE_SUFFIX);
  return write;
}

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AwDraftStore *self = AW_DRAFT_STORE (object);
  g_autofree char *id = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(AwDraft) draft = NULL;
  Entry *entry;

  g_task_propagate_boolean (G_TASK (result), &error);

  entry = g_hash_table_lookup (self->entries, id);
  g_assert (entry != NULL && entry->in_flight);
  entry->in_flight = FALSE;
  draft = g_object_ref (entry->draft);

  if (error != NULL)
    g_debug ("Draft %s not saved: %s", id, error->message);

  if (entry->dirty)
    {
      /* Changed during the write: write again now; the waiters wait for that one. */
      start_write (entry);
    }
  else
    {
      waiters = g_steal_pointer (&entry->waiters);
      entry->waiters = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < waiters->len; i++)
        {
          GTask *task = g_ptr_array_index (waiters, i);

          if (g_task_get_task_data (task) != NULL)
            run_file_op (g_object_ref (task));
          else if (error != NULL)
            g_task_return_error (task, g_error_copy (error));
          else
            g_task_return_boolean (task, TRUE);
        }

      if (entry->timeout_id == 0 && entry->waiters->len == 0)
        g_hash_table_remove (self->entries, id);
    }

  if (error != NULL)
    g_signal_emit (self, signals[SAVE_FAILED], 0, draft, error);
  else
    g_signal_emit (self, signals[SAVED], 0, draft);

  check_flushes (self);
}

static void
start_write (Entry *entry)
{
  AwDraftStore *self = entry->store;
  g_autoptr(GTask) task = NULL;

  g_assert (!entry->in_flight);

  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  entry->in_flight = TRUE;
  entry->dirty = FALSE;
  entry->first_change = 0;

  task = g_task_new (self, NULL, write_done, g_strdup (entry->id));
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, prepare_write (self, entry->draft), write_data_free);
  g_task_run_in_thread (task, write_thread);
}

static gboolean
save_timeout (gpointer user_data)
{
  Entry *entry = user_data;

  entry->timeout_id = 0;
  if (entry->in_flight)
    entry->dirty = TRUE;
  else
    start_write (entry);

  return G_SOURCE_REMOVE;
}

/**
 * aw_draft_store_schedule_save:
 *
 * Writes @draft AW_DRAFT_STORE_SAVE_DELAY_MS after the last call for it (debounced), but
 * no later than AW_DRAFT_STORE_MAX_DELAY_MS after the first call since the last write,
 * so that continuous typing is saved too.
 */
void
aw_draft_store_schedule_save (AwDraftStore *self,
                              AwDraft      *draft)
{
  gint64 now = g_get_monotonic_time ();
  gint64 until_max;
  guint delay;
  Entry *entry;

  g_return_if_fail (AW_IS_DRAFT_STORE (self));
  g_return_if_fail (AW_IS_DRAFT (draft));

  aw_draft_store_list_draft (self, draft);
  entry = get_entry (self, aw_draft_get_id (draft));
  g_set_object (&entry->draft, draft);
  if (entry->first_change == 0)
    entry->first_change = now;

  until_max = (entry->first_change + AW_DRAFT_STORE_MAX_DELAY_MS * G_TIME_SPAN_MILLISECOND - now)
              / G_TIME_SPAN_MILLISECOND;
  delay = CLAMP (until_max, 0, AW_DRAFT_STORE_SAVE_DELAY_MS);

  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  entry->timeout_id = g_timeout_add (delay, save_timeout, entry);
}

gboolean
aw_draft_store_has_pending (AwDraftStore *self)
{
  g_return_val_if_fail (AW_IS_DRAFT_STORE (self), FALSE);

  return g_hash_table_size (self->entries) > 0;
}

void
aw_draft_store_save_async (AwDraftStore        *self,
                           AwDraft             *draft,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Entry *entry;

  g_return_if_fail (AW_IS_DRAFT_STORE (self));
  g_return_if_fail (AW_IS_DRAFT (draft));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_draft_store_save_async);

  aw_draft_store_list_draft (self, draft);
  entry = get_entry (self, aw_draft_get_id (draft));
  g_set_object (&entry->draft, draft);
  g_ptr_array_add (entry->waiters, g_steal_pointer (&task));
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  if (entry->in_flight)
    entry->dirty = TRUE;
  else
    start_write (entry);
}

gboolean
aw_draft_store_save_finish (AwDraftStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return aw_draft_store_boolean_finish (self, result, error);
}

void
aw_draft_store_flush_async (AwDraftStore        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) scheduled = g_ptr_array_new ();
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (AW_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_draft_store_flush_async);
  g_ptr_array_add (self->flushes, g_steal_pointer (&task));

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->timeout_id != 0)
      g_ptr_array_add (scheduled, entry);

  for (guint i = 0; i < scheduled->len; i++)
    {
      entry = g_ptr_array_index (scheduled, i);
      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      if (entry->in_flight)
        entry->dirty = TRUE;
      else
        start_write (entry);
    }

  check_flushes (self);
}

gboolean
aw_draft_store_flush_finish (AwDraftStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return aw_draft_store_boolean_finish (self, result, error);
}

/* Tracking */

static void
tracked_draft_notify (AwDraft      *draft,
                      GParamSpec   *pspec,
                      AwDraftStore *self)
{
  /* modified follows every other change: one schedule is enough */
  if (g_str_equal (pspec->name, "modified"))
    return;
  aw_draft_store_schedule_save (self, draft);
}

void
aw_draft_store_track (AwDraftStore *self,
                      AwDraft      *draft)
{
  gulong handler;

  g_return_if_fail (AW_IS_DRAFT_STORE (self));
  g_return_if_fail (AW_IS_DRAFT (draft));

  if (g_hash_table_contains (self->tracked, draft))
    return;

  handler = g_signal_connect (draft, "notify", G_CALLBACK (tracked_draft_notify), self);
  g_hash_table_insert (self->tracked, g_object_ref (draft), GSIZE_TO_POINTER (handler));
}

void
aw_draft_store_untrack (AwDraftStore *self,
                        AwDraft      *draft)
{
  gpointer handler;

  g_return_if_fail (AW_IS_DRAFT_STORE (self));
  g_return_if_fail (AW_IS_DRAFT (draft));

  if (!g_hash_table_lookup_extended (self->tracked, draft, NULL, &handler))
    return;

  g_signal_handler_disconnect (draft, GPOINTER_TO_SIZE (handler));
  g_hash_table_remove (self->tracked, draft);
}

static void
untrack_id (AwDraftStore *self,
            const char   *id)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  GHashTableIter iter;
  AwDraft *draft;

  g_hash_table_iter_init (&iter, self->tracked);
  while (g_hash_table_iter_next (&iter, (gpointer *) &draft, NULL))
    if (g_str_equal (aw_draft_get_id (draft), id))
      g_ptr_array_add (matching, draft);

  for (guint i = 0; i < matching->len; i++)
    aw_draft_store_untrack (self, g_ptr_array_index (matching, i));
}

/* Reading one draft (the whole folder: aw-draft-store-list.c) */

/* A file that is not there: the draft no longer exists */
static void
return_error (GTask  *task,
              GError *error)
{
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_new_error (task, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND,
                               _("The draft no longer exists"));
      g_error_free (error);
    }
  else
    g_task_return_error (task, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  AwDraft *draft = aw_draft_files_read (task_data, &error);

  if (draft != NULL)
    g_task_return_pointer (task, draft, g_object_unref);
  else
    return_error (task, error);
}

static gboolean
return_if_unsafe (GTask      *task,
                  const char *id)
{
  if (aw_draft_id_is_valid (id))
    return FALSE;
  g_task_return_new_error (task, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND,
                           _("The draft no longer exists"));
  return TRUE;
}

void
aw_draft_store_load_async (AwDraftStore        *self,
                           const char          *id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AW_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_draft_store_load_async);
  if (return_if_unsafe (task, id))
    return;
  g_task_set_task_data (task, draft_path (self, id, AW_DRAFT_FILE_SUFFIX), g_free);
  g_task_run_in_thread (task, load_thread);
}

AwDraft *
aw_draft_store_load_finish (AwDraftStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Delete, restore, purge, remove: renames and unlinks in a thread. Each runs as an inner
 * task whose end updates the list, then completes the caller's task. */

typedef enum
{
  FILE_OP_DELETE,
  FILE_OP_RESTORE,
  FILE_OP_PURGE,
  FILE_OP_REMOVE,
} FileOp;

typedef struct
{
  FileOp  op;
  char   *id;
  char   *live;
  char   *deleted;
} FileOpData;

static void
file_op_data_free (gpointer data)
{
  FileOpData *op = data;

  g_free (op->id);
  g_free (op->live);
  g_free (op->deleted);
  g_free (op);
}

static void
file_op_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FileOpData *op = task_data;
  GError *error = NULL;
  gboolean done = FALSE;

  switch (op->op)
    {
    case FILE_OP_DELETE: done = aw_draft_files_rename (op->live, op->deleted, &error); break;
    case FILE_OP_RESTORE: done = aw_draft_files_rename (op->deleted, op->live, &error); break;
    case FILE_OP_PURGE: done = aw_draft_files_unlink (op->deleted, &error); break;
    case FILE_OP_REMOVE: done = aw_draft_files_unlink (op->live, &error); break;
    default: g_assert_not_reached ();
    }

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    return_error (task, error);
}

static void
file_op_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AwDraftStore *self = AW_DRAFT_STORE (object);
  g_autoptr(GTask) task = user_data;
  FileOpData *op = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  /* The file stayed where it was: list it again */
  if (op->op == FILE_OP_DELETE && error != NULL &&
      !g_error_matches (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND))
    aw_draft_store_relist (self, op->id);
  /* An undo that could not move the file back: the list must not offer a draft that
   * cannot be opened */
  if (op->op == FILE_OP_RESTORE && error != NULL)
    aw_draft_store_unlist (self, op->id);
  if (op->op == FILE_OP_REMOVE)
    g_hash_table_remove (self->deleted, op->id);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The caller's task, and the inner one that does the work (NULL: the id is not safe and
 * the caller's task has returned) */
static GTask *
file_op_task_new (AwDraftStore        *self,
                  FileOp               op,
                  const char          *id,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GTask *inner;
  FileOpData *data;

  g_task_set_source_tag (task, source_tag);
  if (return_if_unsafe (task, id))
    return NULL;

  data = g_new0 (FileOpData, 1);
  data->op = op;
  data->id = g_strdup (id);
  data->live = draft_path (self, id, AW_DRAFT_FILE_SUFFIX);
  data->deleted = draft_path (self, id, AW_DRAFT_DELETED_SUFFIX);
  inner = g_task_new (self, cancellable, file_op_done, g_steal_pointer (&task));
  g_task_set_source_tag (inner, file_op_task_new);
  g_task_set_task_data (inner, data, file_op_data_free);
  return inner;
}

/* Takes the (inner) task */
static void
run_file_op (GTask *task)
{
  g_task_run_in_thread (task, file_op_thread);
  g_object_unref (task);
}

/* Delete and remove: no more writes for the draft; one already running finishes before
 * the file moves. */
static void
run_file_op_after_writes (AwDraftStore *self,
                          GTask        *task)
{
  FileOpData *op = g_task_get_task_data (task);
  Entry *entry;

  untrack_id (self, op->id);
  entry = g_hash_table_lookup (self->entries, op->id);
  if (entry != NULL)
    {
      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      entry->dirty = FALSE;
      if (entry->in_flight)
        {
          g_ptr_array_add (entry->waiters, task);
          return;
        }
      g_hash_table_remove (self->entries, op->id);
      check_flushes (self);
    }
  run_file_op (task);
}

/* The list changes at once; the file follows in a thread. */
static void
start_file_op (AwDraftStore        *self,
               FileOp               op,
               const char          *id,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = file_op_task_new (self, op, id, source_tag, cancellable, callback, user_data);

  if (task == NULL)
    return;
  switch (op)
    {
    case FILE_OP_DELETE:
    case FILE_OP_REMOVE:
      aw_draft_store_unlist (self, id);
      run_file_op_after_writes (self, task);
      return;
    case FILE_OP_RESTORE:
      aw_draft_store_relist (self, id);
      break;
    case FILE_OP_PURGE:
      /* Restored meanwhile: nothing to purge (completes the caller's via file_op_done) */
      if (aw_draft_store_find_listed (self, id, NULL) != NULL)
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }
      g_hash_table_remove (self->deleted, id);
      break;
    default:
      g_assert_not_reached ();
    }
  run_file_op (task);
}

void
aw_draft_store_delete_async (AwDraftStore        *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (AW_IS_DRAFT_STORE (self));

  start_file_op (self, FILE_OP_DELETE, id, aw_draft_store_delete_async, cancellable, callback,
                 user_data);
}

gboolean
aw_draft_store_delete_finish (AwDraftStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return aw_draft_store_boolean_finish (self, result, error);
}

void
aw_draft_store_restore_async (AwDraftStore        *self,
                              const char          *id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (AW_IS_DRAFT_STORE (self));

  start_file_op (self, FILE_OP_RESTORE, id, aw_draft_store_restore_async, cancellable, callback,
                 user_data);
}

gboolean
aw_draft_store_restore_finish (AwDraftStore  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return aw_draft_store_boolean_finish (self, result, error);
}

void
aw_draft_store_purge_async (AwDraftStore        *self,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (AW_IS_DRAFT_STORE (self));

  start_file_op (self, FILE_OP_PURGE, id, aw_draft_store_purge_async, cancellable, callback,
                 user_data);
}

gboolean
aw_draft_store_purge_finish (AwDraftStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return aw_draft_store_boolean_finish (self, result, error);
}

void
aw_draft_store_remove_async (AwDraftStore        *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (AW_IS_DRAFT_STORE (self));

  start_file_op (self, FILE_OP_REMOVE, id, aw_draft_store_remove_async, cancellable, callback,
                 user_data);
}

gboolean
aw_draft_store_remove_finish (AwDraftStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return aw_draft_store_boolean_finish (self, result, error);
}

/* GObject */

AwDraftStore *
aw_draft_store_new (const char *directory)
{
  return g_object_new (AW_TYPE_DRAFT_STORE, "directory", directory, NULL);
}

const char *
aw_draft_store_get_directory (AwDraftStore *self)
{
  g_return_val_if_fail (AW_IS_DRAFT_STORE (self), NULL);

  return self->directory;
}

static void
aw_draft_store_dispose (GObject *object)
{
  AwDraftStore *self = AW_DRAFT_STORE (object);
  GHashTableIter iter;
  Entry *entry;

  /* Last chance for scheduled writes: do them now rather than lose the text. (A write
   * in flight holds a reference on the store, so there is none here.) */
  if (self->entries != NULL)
    {
      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        if (entry->timeout_id != 0 && entry->draft != NULL)
          {
            WriteData *write = prepare_write (self, entry->draft);
            g_autoptr(GError) error = NULL;

            g_clear_handle_id (&entry->timeout_id, g_source_remove);
            if (!write_file (write, &error))
              g_warning ("Draft %s not saved: %s", entry->id, error->message);
            write_data_free (write);
          }
      g_hash_table_remove_all (self->entries);
    }

  if (self->tracked != NULL)
    {
      g_autoptr(GList) drafts = g_hash_table_get_keys (self->tracked);

      for (GList *l = drafts; l != NULL; l = l->next)
        aw_draft_store_untrack (self, l->data);
    }

  G_OBJECT_CLASS (aw_draft_store_parent_class)->dispose (object);
}

static void
aw_draft_store_finalize (GObject *object)
{
  AwDraftStore *self = AW_DRAFT_STORE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->tracked, g_hash_table_unref);
  g_clear_pointer (&self->flushes, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (aw_draft_store_parent_class)->finalize (object);
}

static void
aw_draft_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwDraftStore *self = AW_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_draft_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AwDraftStore *self = AW_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_free (self->directory);
      if (g_value_get_string (value) != NULL)
        self->directory = g_value_dup_string (value);
      else
        self->directory = g_build_filename (g_get_user_data_dir (), "afterword", "drafts", NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_draft_store_class_init (AwDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aw_draft_store_dispose;
  object_class->finalize = aw_draft_store_finalize;
  object_class->get_property = aw_draft_store_get_property;
  object_class->set_property = aw_draft_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, AW_TYPE_DRAFT);
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, AW_TYPE_DRAFT, G_TYPE_ERROR);
}

static void
aw_draft_store_init (AwDraftStore *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->tracked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         aw_draft_store_deleted_free);
}
