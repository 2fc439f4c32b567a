/* aw-guidance-report.h: the result of checking one draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-finding.h"

G_BEGIN_DECLS

#define AW_TYPE_GUIDANCE_REPORT (aw_guidance_report_get_type ())

G_DECLARE_FINAL_TYPE (AwGuidanceReport, aw_guidance_report, AW, GUIDANCE_REPORT, GObject)

AwGuidanceReport *aw_guidance_report_new            (const char       *language,
                                                     guint             word_count);
void              aw_guidance_report_add            (AwGuidanceReport *self,
                                                     AwFinding        *finding);
void              aw_guidance_report_add_many       (AwGuidanceReport *self,
                                                     AwFinding       **findings,
                                                     guint             n_findings);
const char       *aw_guidance_report_get_language   (AwGuidanceReport *self);
guint             aw_guidance_report_get_word_count (AwGuidanceReport *self);
GListModel       *aw_guidance_report_get_findings   (AwGuidanceReport *self);
guint             aw_guidance_report_get_n_findings (AwGuidanceReport *self);
gboolean          aw_guidance_report_has_rule       (AwGuidanceReport *self,
                                                     const char       *rule_id);
guint             aw_guidance_report_count_severity (AwGuidanceReport *self,
                                                     AwSeverity        severity);

G_END_DECLS
