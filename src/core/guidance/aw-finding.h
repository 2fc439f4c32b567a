/* aw-finding.h: one thing the guidance engine noticed in a draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "aw-core-enums.h"

G_BEGIN_DECLS

typedef enum
{
  AW_SEVERITY_SUGGESTION,
  AW_SEVERITY_WARNING,
  AW_SEVERITY_ERROR,
} AwSeverity;

typedef enum
{
  AW_DRAFT_PART_BODY,
  AW_DRAFT_PART_SUBJECT,
} AwDraftPart;

/* Where a finding comes from: a phrase of the rule data, or the learned model */
typedef enum
{
  AW_FINDING_SOURCE_PHRASE,
  AW_FINDING_SOURCE_MODEL,
} AwFindingSource;

/* "error", "warning", "suggestion": stable strings for JSON and the command line */
const char *aw_severity_to_string (AwSeverity severity);
/* "phrase", "model": stable strings for JSON */
const char *aw_finding_source_to_string (AwFindingSource source);
const char *aw_severity_get_label (AwSeverity severity);

/* A rule's strings that outlive every finding: string literals and their translations */
typedef struct
{
  const char *rule_id;
  const char *message;
  const char *why;
} AwFindingRule;

#define AW_TYPE_FINDING (aw_finding_get_type ())

G_DECLARE_FINAL_TYPE (AwFinding, aw_finding, AW, FINDING, GObject)

/* Offsets are in Unicode characters into the subject or body string that was checked;
 * start and end are -1 for findings about something missing (missing-thanks). */
AwFinding   *aw_finding_new            (const char  *rule_id,
                                        AwSeverity   severity,
                                        AwDraftPart  part,
                                        int          start,
                                        int          end,
                                        const char  *text,
                                        const char  *message,
                                        const char  *why,
                                        const char  *suggestion);
AwFinding   *aw_finding_new_for_rule   (const AwFindingRule *rule,
                                        AwSeverity           severity,
                                        AwDraftPart          part,
                                        int                  start,
                                        int                  end,
                                        const char          *text,
                                        const char          *suggestion);
const char  *aw_finding_get_rule_id    (AwFinding   *self);
AwSeverity   aw_finding_get_severity   (AwFinding   *self);
AwDraftPart  aw_finding_get_part       (AwFinding   *self);
int          aw_finding_get_start      (AwFinding   *self);
int          aw_finding_get_end        (AwFinding   *self);
const char  *aw_finding_get_text       (AwFinding   *self);
const char  *aw_finding_get_message    (AwFinding   *self);
const char  *aw_finding_get_why        (AwFinding   *self);
const char  *aw_finding_get_suggestion (AwFinding   *self);
gboolean     aw_finding_has_span       (AwFinding   *self);
double          aw_finding_get_score   (AwFinding       *self);
AwFindingSource aw_finding_get_source  (AwFinding       *self);
void            aw_finding_set_score   (AwFinding       *self,
                                        AwFindingSource  source,
                                        double           score);

G_END_DECLS
