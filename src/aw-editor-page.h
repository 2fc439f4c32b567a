/* aw-editor-page.h: subject and body of the follow-up, with live guidance beside them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-draft.h"
#include "aw-guidance.h"
#include "aw-guidance-panel.h"
#include "aw-history.h"
#include "aw-spell-controller.h"

G_BEGIN_DECLS

#define AW_TYPE_EDITOR_PAGE (aw_editor_page_get_type ())

G_DECLARE_FINAL_TYPE (AwEditorPage, aw_editor_page, AW, EDITOR_PAGE, GtkWidget)

GtkWidget        *aw_editor_page_new                  (void);
AwDraft          *aw_editor_page_get_draft            (AwEditorPage *self);
void              aw_editor_page_set_draft            (AwEditorPage *self,
                                                       AwDraft      *draft);

/* The sent history, for repeat-follow-up: every earlier follow-up the person sent. */
void              aw_editor_page_set_history          (AwEditorPage *self,
                                                       AwHistory    *history);

/* The body's text view: the window puts the keyboard focus there when a draft opens */
GtkTextView      *aw_editor_page_get_body_view        (AwEditorPage *self);

G_END_DECLS
