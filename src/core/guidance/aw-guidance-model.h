/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-model.h: the learned layer beside the phrase rules (private)
 *
 * One model file per language (data/guidance/<code>.model, format in FORMAT.md):
 * linear classifiers over hashed features (aw-features.c) for the span rules, judged
 * per unit and per email, and for the presence rules (thanks, feedback request), judged
 * per email.
 */
#pragma once

#include <gio/gio.h>

#include "aw-guidance.h"
#include "aw-text-fold.h"

G_BEGIN_DECLS

#define AW_GUIDANCE_MODEL_ERROR (aw_guidance_model_error_quark ())
GQuark aw_guidance_model_error_quark (void);

typedef enum
{
  AW_GUIDANCE_MODEL_ERROR_TRUNCATED,
  AW_GUIDANCE_MODEL_ERROR_BAD_MAGIC,
  AW_GUIDANCE_MODEL_ERROR_VERSION,
  AW_GUIDANCE_MODEL_ERROR_CHECKSUM,
  AW_GUIDANCE_MODEL_ERROR_INVALID,
} AwGuidanceModelError;

#define AW_GUIDANCE_MODEL_VERSION 10

typedef enum
{
  AW_MODEL_RULE_UNIT,          /* a span rule: one score per unit */
  AW_MODEL_RULE_EMAIL_SUM,     /* a presence rule over the features of all units */
  AW_MODEL_RULE_EMAIL_MAX,     /* a presence rule: the best unit's score */
  AW_MODEL_RULE_EMAIL_SPAN,    /* a span rule over the features of all units: when sure,
                                * the best unit of the rule carries the finding */
} AwModelRuleKind;

typedef struct _AwGuidanceModel AwGuidanceModel;

AwGuidanceModel *aw_guidance_model_new_from_bytes (GBytes           *bytes,
                                                   GError          **error);
void             aw_guidance_model_free           (AwGuidanceModel  *model);
const char      *aw_guidance_model_get_language   (AwGuidanceModel  *model);
guint            aw_guidance_model_get_n_rules    (AwGuidanceModel  *model);
const char      *aw_guidance_model_get_rule_id    (AwGuidanceModel  *model,
                                                   guint             rule);

/* The model of a language from the bundled data, loaded once, or NULL (no file, or a
 * broken one: then @error says why, once, and the engine runs on phrases alone). */
AwGuidanceModel *aw_guidance_model_lookup         (const char       *code,
                                                   GError          **error);

/* What the model says about one body */
typedef struct
{
  GPtrArray *findings;        /* AwFinding: span findings no phrase finding covers */
  GPtrArray *vetoed;          /* AwFinding: phrase findings in units sure to be benign */
  gboolean   thanks;          /* sure the email thanks them */
  gboolean   feedback;        /* sure the email asks for feedback */
  double     thanks_score;    /* probabilities, -1 when there is no such rule */
  double     feedback_score;
} AwModelVerdict;

void aw_guidance_model_judge      (AwGuidanceModel    *model,
                                   AwTokens           *body,
                                   guint               signature_line,
                                   GPtrArray          *phrase_findings,
                                   AwGuidanceOptions  *options,
                                   AwModelVerdict     *verdict);
void aw_model_verdict_clear       (AwModelVerdict     *verdict);

/* The hook aw_guidance_check() calls for the body: fills @verdict (all FALSE and no
 * findings when the language has no model, the model is off, or a trace is set). */
void aw_guidance_model_run        (const char         *code,
                                   AwTokens           *body,
                                   guint               signature_line,
                                   GPtrArray          *phrase_findings,
                                   AwGuidanceOptions  *options,
                                   AwModelVerdict     *verdict);

/* For tests and the trainer: phrases alone, and a look at what the engine featurizes */
typedef void (*AwModelTraceFunc) (AwTokens *body,
                                  guint     signature_line,
                                  gpointer  user_data);

void aw_guidance_model_set_enabled (gboolean          enabled);
void aw_guidance_model_set_trace   (AwModelTraceFunc  func,
                                    gpointer          user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwGuidanceModel, aw_guidance_model_free)

G_END_DECLS
