/* aw-history.h: the follow-ups that were sent, in $XDG_DATA_HOME/afterword/sent/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-history-entry.h"

G_BEGIN_DECLS

#define AW_TYPE_HISTORY (aw_history_get_type ())

/* A GListModel of AwHistoryEntry, newest first. The folder holds index.json and, for each
 * entry, the exact bytes that were sent as <hash>.eml; both written atomically. */
G_DECLARE_FINAL_TYPE (AwHistory, aw_history, AW, HISTORY, GObject)

AwHistory      *aw_history_new            (GFile                *folder);
AwHistory      *aw_history_get_default    (void);
GFile          *aw_history_get_folder     (AwHistory            *self);
gboolean        aw_history_get_loaded     (AwHistory            *self);
void            aw_history_load_async     (AwHistory            *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean        aw_history_load_finish    (AwHistory            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
/* Adds @entry at once (the model shows it), then writes the .eml and the index. */
void            aw_history_record_async   (AwHistory            *self,
                                           AwHistoryEntry       *entry,
                                           GBytes               *eml,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean        aw_history_record_finish  (AwHistory            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
/* The most recent follow-up to @address, or to @company (case-insensitive), or NULL. */
AwHistoryEntry *aw_history_find_previous  (AwHistory            *self,
                                           const char           *address,
                                           const char           *company);
GFile          *aw_history_get_eml_file   (AwHistory            *self,
                                           AwHistoryEntry       *entry);

G_END_DECLS
