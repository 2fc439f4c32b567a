/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-files.h: the drafts folder on disk, for AwDraftStore's worker threads
 *
 * One JSON file per draft, <id>.json, written whole with aw_json_file_write();
 * a deleted draft is renamed to <id>.json.deleted until it is purged. No GObject here:
 * plain functions that block, to be called in a thread.
 */
#pragma once

#include "aw-draft.h"

G_BEGIN_DECLS

#define AW_DRAFT_FILE_SUFFIX    ".json"
#define AW_DRAFT_DELETED_SUFFIX ".json.deleted"

char      *aw_draft_files_path       (const char   *directory,
                                      const char   *id,
                                      const char   *suffix);
/* The draft as the file holds it (pretty JSON) */
char      *aw_draft_files_serialize  (AwDraft      *draft,
                                      gsize        *length);
AwDraft   *aw_draft_files_read       (const char   *path,
                                      GError      **error);
/* Every readable draft of the folder, newest modified first (none if the folder does not
 * exist); deleted drafts older than a day are purged on the way. */
GPtrArray *aw_draft_files_read_all   (const char   *directory,
                                      GCancellable *cancellable,
                                      GError      **error);
/* rename() and unlink(); a missing file is G_IO_ERROR_NOT_FOUND. */
gboolean   aw_draft_files_rename     (const char   *from,
                                      const char   *to,
                                      GError      **error);
gboolean   aw_draft_files_unlink     (const char   *path,
                                      GError      **error);

G_END_DECLS
