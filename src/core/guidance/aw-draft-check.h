/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-check.h: one draft checked the same way everywhere: options from the draft
 * and the history, dismissed findings left out, the rest sorted
 */
#pragma once

#include <gio/gio.h>

#include "aw-draft.h"
#include "aw-guidance.h"
#include "aw-history.h"

G_BEGIN_DECLS

#define AW_TYPE_DRAFT_CHECK (aw_draft_check_get_type ())

G_DECLARE_FINAL_TYPE (AwDraftCheck, aw_draft_check, AW, DRAFT_CHECK, GObject)

AwDraftCheck      *aw_draft_check_new          (AwDraft       *draft,
                                                AwHistory     *history);
AwDraft           *aw_draft_check_get_draft    (AwDraftCheck  *self);
void               aw_draft_check_set_draft    (AwDraftCheck  *self,
                                                AwDraft       *draft);
AwHistory         *aw_draft_check_get_history  (AwDraftCheck  *self);
void               aw_draft_check_set_history  (AwDraftCheck  *self,
                                                AwHistory     *history);
const char        *aw_draft_check_get_language (AwDraftCheck  *self);
void               aw_draft_check_set_language (AwDraftCheck  *self,
                                                const char    *code);
AwGuidanceOptions *aw_draft_check_get_options  (AwDraftCheck  *self);
AwGuidanceReport  *aw_draft_check_run          (AwDraftCheck  *self,
                                                const char    *subject,
                                                const char    *body,
                                                GError       **error);
int                aw_draft_check_compare_findings (AwFinding *a,
                                                    AwFinding *b);

G_END_DECLS
