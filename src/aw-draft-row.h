/* aw-draft-row.h: an unfinished draft on the start page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-draft.h"

G_BEGIN_DECLS

#define AW_TYPE_DRAFT_ROW (aw_draft_row_get_type ())

G_DECLARE_FINAL_TYPE (AwDraftRow, aw_draft_row, AW, DRAFT_ROW, AdwActionRow)

GtkWidget *aw_draft_row_new       (AwDraft    *draft);
AwDraft   *aw_draft_row_get_draft (AwDraftRow *self);

G_END_DECLS
