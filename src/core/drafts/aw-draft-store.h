/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-store.h: autosaves drafts, one JSON file each, in $XDG_DATA_HOME/afterword/drafts,
 * and lists the unfinished ones (a GListModel of AwDraft, newest first)
 */
#pragma once

#include <gio/gio.h>

#include "aw-draft.h"

G_BEGIN_DECLS

/* Time between the last change and the write of schedule_save ... */
#define AW_DRAFT_STORE_SAVE_DELAY_MS 500
/* ... but never later than this after the first unsaved change (continuous typing). */
#define AW_DRAFT_STORE_MAX_DELAY_MS  700

#define AW_TYPE_DRAFT_STORE (aw_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (AwDraftStore, aw_draft_store, AW, DRAFT_STORE, GObject)

/* directory: NULL for $XDG_DATA_HOME/afterword/drafts. As a GListModel: the drafts worth
 * resuming (not empty), newest first: those on disk after refresh, and any other once it
 * is saved or scheduled. Signals:
 *   "saved" (AwDraft *draft): a write finished;
 *   "save-failed" (AwDraft *draft, GError *error): a write failed. */
AwDraftStore *aw_draft_store_new            (const char          *directory);
const char   *aw_draft_store_get_directory  (AwDraftStore        *self);

/* Writes the draft (atomically) AW_DRAFT_STORE_SAVE_DELAY_MS after the last call for it,
 * at most AW_DRAFT_STORE_MAX_DELAY_MS after the first unsaved one.
 * The store keeps a reference until the write is done. */
void          aw_draft_store_schedule_save  (AwDraftStore        *self,
                                             AwDraft             *draft);
/* Calls schedule_save on every property change of the draft until untrack. */
void          aw_draft_store_track          (AwDraftStore        *self,
                                             AwDraft             *draft);
void          aw_draft_store_untrack        (AwDraftStore        *self,
                                             AwDraft             *draft);
gboolean      aw_draft_store_has_pending    (AwDraftStore        *self);

/* The listed draft with that id, if any */
AwDraft      *aw_draft_store_lookup         (AwDraftStore        *self,
                                             const char          *id);
/* Whether a refresh has listed the drafts on disk */
gboolean      aw_draft_store_get_loaded     (AwDraftStore        *self);
/* Reads the folder and lists its drafts; drafts in memory stay the same objects. */
void          aw_draft_store_refresh_async  (AwDraftStore        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      aw_draft_store_refresh_finish (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Writes now. */
void          aw_draft_store_save_async     (AwDraftStore        *self,
                                             AwDraft             *draft,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      aw_draft_store_save_finish    (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Writes every scheduled draft now and completes when all writes are done. */
void          aw_draft_store_flush_async    (AwDraftStore        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      aw_draft_store_flush_finish   (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* All drafts on disk, newest modified first; unreadable files are skipped (g_debug).
 * Leaves the list as it is. */
void          aw_draft_store_list_async     (AwDraftStore        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *aw_draft_store_list_finish    (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

void          aw_draft_store_load_async     (AwDraftStore        *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
AwDraft      *aw_draft_store_load_finish    (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Takes the draft off the list and moves its file aside (and drops any scheduled write
 * for it); restore lists it again where it was and brings the file back; purge removes
 * it for good (once the undo is no longer offered; nothing to do after a restore). */
void          aw_draft_store_delete_async   (AwDraftStore        *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      aw_draft_store_delete_finish  (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void          aw_draft_store_restore_async  (AwDraftStore        *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      aw_draft_store_restore_finish (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void          aw_draft_store_purge_async    (AwDraftStore        *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      aw_draft_store_purge_finish   (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Off the list and off the disk at once, with no undo: the draft was sent. */
void          aw_draft_store_remove_async   (AwDraftStore        *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      aw_draft_store_remove_finish  (AwDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
