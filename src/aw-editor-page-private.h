/* aw-editor-page-private.h: what only the editor page itself and the tests reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "aw-editor-page.h"

G_BEGIN_DECLS

/* The last check, and the findings shown (not dismissed), errors first */
AwGuidanceReport *aw_editor_page_get_report           (AwEditorPage *self);
GPtrArray        *aw_editor_page_get_findings         (AwEditorPage *self);
void              aw_editor_page_select_finding       (AwEditorPage *self,
                                                       AwFinding    *finding);
void              aw_editor_page_apply_finding        (AwEditorPage *self,
                                                       AwFinding    *finding);
void              aw_editor_page_ignore_finding       (AwEditorPage *self,
                                                       AwFinding    *finding);

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
