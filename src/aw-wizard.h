/* aw-wizard.h: the steps from "I didn't get the job" to a first draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-draft.h"

G_BEGIN_DECLS

#define AW_TYPE_WIZARD (aw_wizard_get_type ())

G_DECLARE_FINAL_TYPE (AwWizard, aw_wizard, AW, WIZARD, GtkWidget)

/* Step names, in order */
#define AW_WIZARD_STEP_CONTEXT  "context"
#define AW_WIZARD_STEP_TONE     "tone"
#define AW_WIZARD_STEP_FEEDBACK "feedback"

GtkWidget  *aw_wizard_new                 (void);
AwDraft    *aw_wizard_get_draft           (AwWizard   *self);
void        aw_wizard_set_draft           (AwWizard   *self,
                                           AwDraft    *draft);
const char *aw_wizard_get_step            (AwWizard   *self);
void        aw_wizard_set_step            (AwWizard   *self,
                                           const char *step);
gboolean    aw_wizard_get_step_valid      (AwWizard   *self);
void        aw_wizard_set_lookup_timeout  (AwWizard   *self,
                                           guint       seconds);

G_END_DECLS
