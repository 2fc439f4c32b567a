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

/* The last check, and the findings shown (not dismissed), errors first */
AwGuidanceReport *aw_editor_page_get_report           (AwEditorPage *self);
GPtrArray        *aw_editor_page_get_findings         (AwEditorPage *self);
void              aw_editor_page_select_finding       (AwEditorPage *self,
                                                       AwFinding    *finding);
void              aw_editor_page_apply_finding        (AwEditorPage *self,
                                                       AwFinding    *finding);
void              aw_editor_page_ignore_finding       (AwEditorPage *self,
                                                       AwFinding    *finding);

GtkTextView      *aw_editor_page_get_body_view        (AwEditorPage *self);
GtkEditable      *aw_editor_page_get_subject_entry    (AwEditorPage *self);
AwGuidancePanel  *aw_editor_page_get_guidance_panel   (AwEditorPage *self);
AwSpellController *aw_editor_page_get_spell_controller (AwEditorPage *self);
/* The name of the highlight tag of a severity in the body's buffer */
const char       *aw_editor_page_get_tag_name         (AwSeverity    severity);

/* mailto: URI with recipient, subject and body */
char             *aw_editor_page_dup_mailto_uri       (AwEditorPage *self);
/* The draft as an unsent RFC 5322 message */
GBytes           *aw_editor_page_build_eml            (AwEditorPage *self);

G_END_DECLS
