/* aw-guidance.h: checks a follow-up email against the rules of a gracious follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-finding.h"
#include "aw-guidance-options.h"
#include "aw-guidance-report.h"

G_BEGIN_DECLS

#define AW_GUIDANCE_ERROR (aw_guidance_error_quark ())
GQuark aw_guidance_error_quark (void);

typedef enum
{
  AW_GUIDANCE_ERROR_INVALID_TEXT,
  AW_GUIDANCE_ERROR_UNKNOWN_LANGUAGE,
} AwGuidanceError;

/* Rule ids: a fixed public contract (UI, command line, tests, translations). */
#define AW_RULE_TOO_LONG                 "too-long"
#define AW_RULE_PUSHY                    "pushy"
#define AW_RULE_STATUS_REQUEST           "status-request"
#define AW_RULE_NEGATIVE                 "negative"
#define AW_RULE_OVERPROMISE              "overpromise"
#define AW_RULE_MISSING_THANKS           "missing-thanks"
#define AW_RULE_MISSING_FEEDBACK_REQUEST "missing-feedback-request"
#define AW_RULE_UNPROFESSIONAL           "unprofessional"
#define AW_RULE_PLACEHOLDER              "placeholder"
#define AW_RULE_REPEAT_FOLLOW_UP         "repeat-follow-up"
#define AW_RULE_GREETING                 "greeting"
#define AW_RULE_SIGN_OFF                 "sign-off"

/* The body word limit of too-long */
#define AW_GUIDANCE_MAX_WORDS 150

#define AW_TYPE_GUIDANCE (aw_guidance_get_type ())

G_DECLARE_FINAL_TYPE (AwGuidance, aw_guidance, AW, GUIDANCE, GObject)

AwGuidance         *aw_guidance_new             (void);
AwGuidance         *aw_guidance_get_default     (void);
const char * const *aw_guidance_get_languages   (void);
gboolean            aw_guidance_is_language     (const char        *code);
char               *aw_guidance_detect_language (AwGuidance        *self,
                                                 const char        *text);
AwGuidanceReport   *aw_guidance_check           (AwGuidance        *self,
                                                 const char        *subject,
                                                 const char        *body,
                                                 AwGuidanceOptions *options,
                                                 GError           **error);

const char * const *aw_guidance_get_rule_ids    (void);
const char         *aw_guidance_rule_get_title  (const char        *rule_id);
const char         *aw_guidance_rule_get_message (const char       *rule_id);
const char         *aw_guidance_rule_get_why    (const char        *rule_id);
AwSeverity          aw_guidance_rule_get_severity (const char      *rule_id);

G_END_DECLS
