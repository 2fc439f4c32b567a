/* aw-guidance-panel-private.h: the checklist's state, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "aw-guidance-panel.h"

G_BEGIN_DECLS

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

gboolean   aw_guidance_panel_get_check        (AwGuidancePanel  *self,
                                               AwCheck           check);
const char *aw_guidance_panel_get_check_title (AwGuidancePanel  *self,
                                               AwCheck           check);
GtkWidget *aw_guidance_panel_get_typos_row    (AwGuidancePanel  *self);
/* The rows of the findings shown (AwFindingRow) */
guint      aw_guidance_panel_get_n_findings   (AwGuidancePanel  *self);
GtkWidget *aw_guidance_panel_get_row          (AwGuidancePanel  *self,
                                               guint             index);

G_END_DECLS
