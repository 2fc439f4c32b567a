/* aw-guidance-panel.h: the checklist and the findings beside the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-guidance.h"

G_BEGIN_DECLS

#define AW_TYPE_GUIDANCE_PANEL (aw_guidance_panel_get_type ())

G_DECLARE_FINAL_TYPE (AwGuidancePanel, aw_guidance_panel, AW, GUIDANCE_PANEL, GtkWidget)

GtkWidget *aw_guidance_panel_new              (void);
/* findings: the AwFinding the person has not dismissed, in the order to show them */
void       aw_guidance_panel_update           (AwGuidancePanel  *self,
                                               AwGuidanceReport *report,
                                               GPtrArray        *findings,
                                               gboolean          feedback_wanted);
/* The "No typos" row: @count misspelled words, -1 hides it */
void       aw_guidance_panel_set_typos        (AwGuidancePanel  *self,
                                               int               count);

G_END_DECLS
