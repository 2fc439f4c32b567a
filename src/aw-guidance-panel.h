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

/* Checklist items, for tests: aw_guidance_panel_get_check () */
typedef enum
{
  AW_CHECK_THANKED,
  AW_CHECK_ASKED_FEEDBACK,
  AW_CHECK_SHORT,
  AW_CHECK_NO_PRESSURE,
  AW_CHECK_POSITIVE,
  AW_CHECK_FIRST_FOLLOW_UP,
  AW_N_CHECKS
} AwCheck;

GtkWidget *aw_guidance_panel_new              (void);
/* findings: the AwFinding the person has not dismissed, in the order to show them */
void       aw_guidance_panel_update           (AwGuidancePanel  *self,
                                               AwGuidanceReport *report,
                                               GPtrArray        *findings,
                                               gboolean          feedback_wanted);
guint      aw_guidance_panel_get_n_findings   (AwGuidancePanel  *self);
GtkWidget *aw_guidance_panel_get_row          (AwGuidancePanel  *self,
                                               guint             index);
gboolean   aw_guidance_panel_get_check        (AwGuidancePanel  *self,
                                               AwCheck           check);
const char *aw_guidance_panel_get_check_title (AwGuidancePanel  *self,
                                               AwCheck           check);
/* The "No typos" row: @count misspelled words, -1 hides it */
void       aw_guidance_panel_set_typos        (AwGuidancePanel  *self,
                                               int               count);
GtkWidget *aw_guidance_panel_get_typos_row    (AwGuidancePanel  *self);

G_END_DECLS
