/* aw-history-list.h: the follow-ups already sent, for the start page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-history.h"

G_BEGIN_DECLS

#define AW_TYPE_HISTORY_LIST (aw_history_list_get_type ())

/* Hides itself while the history is empty. Loads the history if it is not loaded. */
G_DECLARE_FINAL_TYPE (AwHistoryList, aw_history_list, AW, HISTORY_LIST, AdwBin)

GtkWidget  *aw_history_list_new         (AwHistory     *history);
AwHistory  *aw_history_list_get_history (AwHistoryList *self);
void        aw_history_list_set_history (AwHistoryList *self,
                                         AwHistory     *history);
/* The row of the nth entry (newest first), for tests */
GtkWidget  *aw_history_list_get_row     (AwHistoryList *self,
                                         guint          index);

G_END_DECLS
