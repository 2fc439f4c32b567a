/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-model-private.h: what the model file's reader and the scorer share
 *
 * The layout of a loaded model (data/guidance/FORMAT.md, "Model files"): its rules and
 * its weights, read in place from the file's bytes.
 */
#pragma once

#include "aw-features.h"
#include "aw-guidance-model.h"

G_BEGIN_DECLS

#define CHECKSUM_SIZE 4       /* CRC-32 (IEEE 802.3, as zlib's crc32) */
#define MAX_RULES 32

/* Every bucket has three blocks of weights: for the unit's own features (a weight per
 * rule), for the previous unit's and for the next unit's (context: a weight per rule of
 * kind AW_MODEL_RULE_UNIT) */
#define N_BLOCKS 3

typedef struct
{
  char            *id;
  AwModelRuleKind  kind;
  float            bias;
  float            scale;
  float            threshold;
  float            veto;      /* unit: a phrase hit in a unit scoring below this is dropped;
                               * email span: the least score of the unit that carries it */
  guint            context;   /* unit: its column in the previous and next blocks;
                               * email span: the index of its unit rule */
  /* email span (format 10): the joint decision of whether the email has the problem,
   * weights of the best unit's score, the email's score and a phrase hit, and a bias;
   * three weights of zero leave the rule to its threshold and floor. Under joint_drop
   * (-G_MAXFLOAT: never) it is sure enough to drop the rule's phrase findings too */
  float            joint_unit;
  float            joint_email;
  float            joint_phrase;
  float            joint_bias;
  float            joint_drop;
} ModelRule;

/* The scores the joint decision reads are clipped to this, either way */
#define JOINT_CLIP 15.0

static inline gboolean
model_rule_has_joint (const ModelRule *rule)
{
  return rule->joint_unit != 0.0f || rule->joint_email != 0.0f || rule->joint_phrase != 0.0f;
}

struct _AwGuidanceModel
{
  GBytes            *bytes;
  char              *language;
  AwFeatureSettings  settings;
  guint              n_rules;
  ModelRule         *rules;
  guint              n_unit_rules;
  const gint8       *weights;   /* [1 << hash_bits][row_size], into bytes */
  gsize              row_size;  /* n_rules + 2 * n_unit_rules: the bytes of a bucket */
  guint              row_words; /* whole 64-bit words sum_weights() reads of a row */
};

/* The index of the span rule @id judged by unit, or n_rules when the model has none */
guint aw_guidance_model_find_unit_rule (AwGuidanceModel *model,
                                        const char      *id);

G_END_DECLS
