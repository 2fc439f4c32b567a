/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-store-list.c: AwDraftStore as a GListModel of AwDraft, the drafts to resume
 *
 * Newest first: the drafts on disk after refresh, and any other draft once it holds
 * something. Delete takes a draft off the list and remembers its place until restore
 * (undo) or purge. Also the reading of the whole folder: list and refresh. Autosave and
 * the file operations are in aw-draft-store.c.
 */
#include "config.h"

#include <string.h>

#include "aw-draft-files.h"
#include "aw-draft-store-private.h"

AwDraft *
aw_draft_store_find_listed (AwDraftStore *self,
                            const char   *id,
                            guint        *position)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      AwDraft *draft = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (aw_draft_get_id (draft), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return draft;
        }
    }
  return NULL;
}

static void
list_insert (AwDraftStore *self,
             guint         position,
             AwDraft      *draft)
{
  position = MIN (position, self->items->len);
  g_ptr_array_insert (self->items, position, g_object_ref (draft));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
list_remove (AwDraftStore *self,
             guint         position)
{
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/* Listed once it holds something, first: it is the newest */
void
aw_draft_store_list_draft (AwDraftStore *self,
                           AwDraft      *draft)
{
  const char *id = aw_draft_get_id (draft);
  AwDraft *listed;
  guint position;

  if (g_hash_table_contains (self->deleted, id))
    return;
  listed = aw_draft_store_find_listed (self, id, &position);
  if (listed == NULL && !aw_draft_is_empty (draft))
    list_insert (self, 0, draft);
  else if (listed != NULL && aw_draft_is_empty (draft))
    list_remove (self, position);
  else if (listed != NULL && listed != draft)
    {
      g_ptr_array_index (self->items, position) = g_object_ref (draft);
      g_object_unref (listed);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
}

void
aw_draft_store_deleted_free (gpointer data)
{
  AwDraftStoreDeleted *deleted = data;

  g_clear_object (&deleted->draft);
  g_free (deleted);
}

/* Off the list, remembering where it was */
void
aw_draft_store_unlist (AwDraftStore *self,
                       const char   *id)
{
  AwDraftStoreDeleted *deleted = g_new0 (AwDraftStoreDeleted, 1);
  AwDraft *listed = aw_draft_store_find_listed (self, id, &deleted->position);

  if (listed != NULL)
    {
      deleted->draft = g_object_ref (listed);
      list_remove (self, deleted->position);
    }
  g_hash_table_replace (self->deleted, g_strdup (id), deleted);
}

/* Back where it was (undo) */
void
aw_draft_store_relist (AwDraftStore *self,
                       const char   *id)
{
  AwDraftStoreDeleted *deleted = g_hash_table_lookup (self->deleted, id);

  if (deleted != NULL && deleted->draft != NULL &&
      aw_draft_store_find_listed (self, id, NULL) == NULL)
    list_insert (self, deleted->position, deleted->draft);
  g_hash_table_remove (self->deleted, id);
}

/* The drafts read from disk replace the list; drafts in memory stay the same objects,
 * and those not written yet stay first. */
void
aw_draft_store_merge_listing (AwDraftStore *self,
                              GPtrArray    *on_disk)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) disk_ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint removed = self->items->len;

  for (guint i = 0; i < on_disk->len; i++)
    g_hash_table_add (disk_ids, (gpointer) aw_draft_get_id (g_ptr_array_index (on_disk, i)));
  for (guint i = 0; i < self->items->len; i++)
    {
      AwDraft *draft = g_ptr_array_index (self->items, i);

      if (!g_hash_table_contains (disk_ids, aw_draft_get_id (draft)))
        g_ptr_array_add (items, g_object_ref (draft));
    }
  for (guint i = 0; i < on_disk->len; i++)
    {
      const char *id = aw_draft_get_id (g_ptr_array_index (on_disk, i));
      AwDraft *draft = aw_draft_store_find_listed (self, id, NULL);

      if (draft == NULL)
        draft = g_ptr_array_index (on_disk, i);
      if (!g_hash_table_contains (self->deleted, id) && !aw_draft_is_empty (draft))
        g_ptr_array_add (items, g_object_ref (draft));
    }

  if (items->len == self->items->len &&
      memcmp (items->pdata, self->items->pdata, items->len * sizeof (gpointer)) == 0)
    return;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

/* Reading the folder */

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *drafts = aw_draft_files_read_all (task_data, cancellable, &error);

  if (drafts != NULL)
    g_task_return_pointer (task, drafts, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
run_list (AwDraftStore        *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (self->directory), g_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * aw_draft_store_list_async:
 *
 * Reads every draft on disk (scheduled writes are not waited for: flush first if the
 * caller needs them). The list of the store stays as it is.
 */
void
aw_draft_store_list_async (AwDraftStore        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (AW_IS_DRAFT_STORE (self));

  run_list (self, aw_draft_store_list_async, cancellable, callback, user_data);
}

/**
 * aw_draft_store_list_finish:
 *
 * Returns: (transfer container) (element-type AwDraft): the drafts, newest first
 */
GPtrArray *
aw_draft_store_list_finish (AwDraftStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
refresh_listed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AwDraftStore *self = AW_DRAFT_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) drafts = NULL;
  GError *error = NULL;

  drafts = g_task_propagate_pointer (G_TASK (result), &error);
  if (drafts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  aw_draft_store_merge_listing (self, drafts);
  self->loaded = TRUE;
  g_task_return_boolean (task, TRUE);
}

/**
 * aw_draft_store_refresh_async:
 *
 * Reads the folder and lists its drafts (those with something in them), keeping the
 * drafts in memory as they are.
 */
void
aw_draft_store_refresh_async (AwDraftStore        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AW_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_draft_store_refresh_async);
  run_list (self, refresh_listed, cancellable, refresh_listed, task);
}

gboolean
aw_draft_store_refresh_finish (AwDraftStore  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return aw_draft_store_boolean_finish (self, result, error);
}

/**
 * aw_draft_store_lookup:
 *
 * Returns: (transfer none) (nullable): the listed draft with that id
 */
AwDraft *
aw_draft_store_lookup (AwDraftStore *self,
                       const char   *id)
{
  g_return_val_if_fail (AW_IS_DRAFT_STORE (self), NULL);

  return aw_draft_store_find_listed (self, id, NULL);
}

gboolean
aw_draft_store_get_loaded (AwDraftStore *self)
{
  g_return_val_if_fail (AW_IS_DRAFT_STORE (self), FALSE);

  return self->loaded;
}

static GType
list_model_get_item_type (GListModel *model)
{
  return AW_TYPE_DRAFT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return AW_DRAFT_STORE (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  AwDraftStore *self = AW_DRAFT_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

void
aw_draft_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

