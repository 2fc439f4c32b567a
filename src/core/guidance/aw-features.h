/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-features.h: the learned layer's featurizer: units and hashed features (private)
 *
 * The one definition of what the model sees: the engine's inference and the trainer
 * (through tests/tools/afterword-features.c) both call it, so the two cannot drift.
 */
#pragma once

#include <glib.h>

#include "aw-text-fold.h"

G_BEGIN_DECLS

#define AW_FEATURES_MIN_BITS 10
#define AW_FEATURES_MAX_BITS 20
#define AW_FEATURES_NO_TOKEN G_MAXUINT32

typedef struct
{
  guint        hash_bits;        /* buckets: 1 << hash_bits */
  guint        negation_window;  /* tokens a negation word reaches */
  GHashTable  *negations;        /* folded words (owned by the caller) */
  /* what makes a negation word next to it no negation, each entry a NULL-terminated
   * array of one or two folded words (owned by the caller; NULL for none): entries
   * right after the negation ("don't hesitate", "not only") and right before it
   * ("zögern Sie nicht", "n'hésitez pas") */
  GPtrArray   *cancels_after;
  GPtrArray   *cancels_before;
  /* the first bytes of the negation words, a bit each: a quick reject before the hash
   * lookup, once aw_features_settings_index() has filled it (unused while FALSE) */
  gboolean     indexed;
  guint64      negation_first[4];
} AwFeatureSettings;

/* One sentence or clause of the body */
typedef struct
{
  guint32  first;       /* token index */
  guint32  n_tokens;
  guint32  char_start;  /* of its first token */
  guint32  char_end;    /* of its last token */
  guint32  mark_first;  /* its marks in AwTokens.marks (emoji, "!!", emoticons) */
  guint32  n_marks;
  gboolean signature;   /* below the sign-off: judged for presence rules only */
} AwUnit;

/* One occurrence of a hashed feature and the tokens it was made of */
typedef struct
{
  guint32 bucket;
  guint32 first;   /* token index, or AW_FEATURES_NO_TOKEN */
  guint32 last;
} AwFeature;

typedef struct _AwFeatureCache AwFeatureCache;

void     aw_features_settings_index (AwFeatureSettings *settings);
GStrv    aw_features_parse_cancel   (const char        *entry);
gboolean aw_features_negation_cancelled (const GPtrArray *cancels_after,
                                         const GPtrArray *cancels_before,
                                         AwTokens        *tokens,
                                         guint32          first,
                                         guint32          last,
                                         guint32          lo,
                                         guint32          hi,
                                         gboolean       (*is_negation) (gpointer  user_data,
                                                                       guint32   token),
                                         gpointer         user_data);
void aw_features_units   (AwTokens                *tokens,
                          guint                    signature_line,
                          GArray                  *units);
void aw_features_extract (const AwFeatureSettings *settings,
                          AwTokens                *tokens,
                          const AwUnit            *unit,
                          GArray                  *features);

AwFeatureCache *aw_feature_cache_new       (void);
void            aw_feature_cache_free      (AwFeatureCache          *cache);
void            aw_features_extract_cached (const AwFeatureSettings *settings,
                                            AwFeatureCache          *cache,
                                            AwTokens                *tokens,
                                            const AwUnit            *unit,
                                            GArray                  *features);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwFeatureCache, aw_feature_cache_free)

G_END_DECLS
