/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-model.c: the learned layer beside the phrase rules
 *
 * Looks up data/guidance/<code>.model (FORMAT.md, "Model files"; read and checked by
 * aw-guidance-model-file.c) in the GResource, without copying, the first time a language is
 * checked, and scores a body: every unit (aw-features.c) against the span rules, the whole
 * email against the presence rules. A unit's score for a span rule is bias + scale * (the
 * sum of the int8 weights of its own features, of the previous unit's features in the
 * "previous" block and of the next unit's in the "next" block): "I'm sure they will learn
 * fast; experience can come later" reads differently from either half alone. A unit at or
 * above its rule's threshold that no phrase finding covers becomes a finding, underlining
 * the few words of its own whose features weighed most. The span rules also judge the email
 * as a whole (format 9): bitterness spread thinly over several clauses can pass every
 * clause and still show in the sum; then the clause that leans most that way carries the
 * finding. Since format 10 a span rule can decide jointly, once per email, from the best
 * unit's score, the email's score and whether a phrase of the rule hit the body: yes keeps
 * the phrase findings and adds the units at the threshold (or the best one); no adds
 * nothing, and the veto still drops a phrase finding in a sentence it is sure is benign.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "aw-core-data.h"
#include "aw-features.h"
#include "aw-guidance-model-private.h"

#define MAX_ROW (MAX_RULES * N_BLOCKS)
#define MAX_ROW_WORDS ((MAX_ROW + 7) / 8)
#define EXPLAIN_MAX_TOKENS 6
#define FEATURE_CACHE_TOKENS 20000  /* a body this long repeats its words enough */

/* ------------------------------------------------------------------------------------ */
/* The bundled models, loaded lazily, one language at a time */

static GMutex models_lock;
static GHashTable *models;        /* code -> AwGuidanceModel, or NULL when none/broken */
static gint model_enabled = 1;
static AwModelTraceFunc trace_func;
static gpointer trace_data;

AwGuidanceModel *
aw_guidance_model_lookup (const char  *code,
                          GError     **error)
{
  AwGuidanceModel *model = NULL;
  gpointer value;

  g_return_val_if_fail (code != NULL, NULL);

  g_mutex_lock (&models_lock);
  if (models == NULL)
    models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) aw_guidance_model_free);
  if (g_hash_table_lookup_extended (models, code, NULL, &value))
    model = value;
  else
    {
      g_autofree char *path = g_strconcat ("guidance/", code, ".model", NULL);
      g_autoptr(GBytes) bytes = aw_core_data_lookup (path, NULL);
      g_autoptr(GError) local_error = NULL;

      if (bytes != NULL)
        {
          model = aw_guidance_model_new_from_bytes (bytes, &local_error);
          if (model == NULL)
            g_set_error (error, AW_GUIDANCE_MODEL_ERROR, local_error->code,
                         "guidance/%s.model: %s", code, local_error->message);
          else if (g_strcmp0 (model->language, code) != 0)
            {
              g_set_error (error, AW_GUIDANCE_MODEL_ERROR, AW_GUIDANCE_MODEL_ERROR_INVALID,
                           "guidance/%s.model: the model is for language “%s”",
                           code, model->language);
              g_clear_pointer (&model, aw_guidance_model_free);
            }
        }
      g_hash_table_insert (models, g_strdup (code), model);
    }
  g_mutex_unlock (&models_lock);
  return model;
}

/* ------------------------------------------------------------------------------------ */
/* Judging a body */

static inline double
sigmoid (double x)
{
  return 1.0 / (1.0 + exp (-x));
}

/* The first of @units (in text order) that ends after character @start: a binary search */
static guint
first_unit_ending_after (GArray *units,
                         int     start)
{
  guint lo = 0, hi = units->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((int) g_array_index (units, AwUnit, mid).char_end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Per unit, a bit per model rule that a phrase finding of that rule overlaps: one
 * binary search per finding, so a long text stays linear */
static guint32 *
phrase_coverage (AwGuidanceModel *model,
                 GArray          *units,
                 GPtrArray       *phrase_findings)
{
  guint32 *covered = g_new0 (guint32, units->len + 1);

  for (guint i = 0; phrase_findings != NULL && i < phrase_findings->len; i++)
    {
      AwFinding *f = g_ptr_array_index (phrase_findings, i);
      int start = aw_finding_get_start (f), end = aw_finding_get_end (f);
      guint lo;
      guint r;

      if (aw_finding_get_part (f) != AW_DRAFT_PART_BODY || !aw_finding_has_span (f))
        continue;
      r = aw_guidance_model_find_unit_rule (model, aw_finding_get_rule_id (f));
      if (r == model->n_rules)
        continue;
      lo = first_unit_ending_after (units, start);
      for (guint u = lo; u < units->len && (int) g_array_index (units, AwUnit, u).char_start < end; u++)
        covered[u] |= 1u << r;
    }
  return covered;
}

/* Per span rule judged by unit, whether the email has its problem, when an email-level
 * rule of the same id carries a joint decision (format 10) */
typedef struct
{
  guint    email_rule;   /* that email-level rule, or G_MAXUINT: thresholds and vetoes */
  gboolean decided;      /* the body has a unit outside the signature */
  gboolean fires;
  gboolean drops;        /* so sure the email is clear that the rule's phrase hits go */
  double   score;        /* the decision's logit */
} Decision;

static void
find_joint_rules (AwGuidanceModel *model,
                  Decision        *decisions)
{
  for (guint r = 0; r < model->n_rules; r++)
    decisions[r] = (Decision) { G_MAXUINT, FALSE, FALSE, FALSE, 0.0 };
  for (guint e = 0; e < model->n_rules; e++)
    if (model->rules[e].kind == AW_MODEL_RULE_EMAIL_SPAN && model_rule_has_joint (&model->rules[e]))
      decisions[model->rules[e].context].email_rule = e;
}

/* The joint decisions, once every unit is scored: from the best unit's score outside the
 * signature, the email's score and whether a phrase of the rule hit a unit */
static void
decide_jointly (AwGuidanceModel *model,
                GArray          *units,
                const float     *unit_scores,
                const gint64    *email_sum,
                const guint32   *covered,
                const guint     *best_unit,
                Decision        *decisions)
{
  guint n = model->n_rules;

  for (guint r = 0; r < n; r++)
    {
      Decision *d = &decisions[r];
      const ModelRule *rule;
      double unit_score, email_score;
      gboolean phrase = FALSE;

      if (d->email_rule == G_MAXUINT || best_unit[r] == G_MAXUINT)
        continue;
      rule = &model->rules[d->email_rule];
      for (guint u = 0; u < units->len && !phrase; u++)
        phrase = (covered[u] & (1u << r)) != 0;
      unit_score = CLAMP ((double) unit_scores[(gsize) best_unit[r] * n + r], -JOINT_CLIP, JOINT_CLIP);
      email_score = CLAMP (rule->bias + rule->scale * (double) email_sum[d->email_rule],
                           -JOINT_CLIP, JOINT_CLIP);
      d->score = (double) rule->joint_bias + (double) rule->joint_unit * unit_score +
                 (double) rule->joint_email * email_score +
                 (phrase ? (double) rule->joint_phrase : 0.0);
      d->decided = TRUE;
      d->fires = d->score >= 0.0;
      d->drops = d->score < (double) rule->joint_drop;
    }
}

/* A phrase finding of a span rule whose units all score below the rule's veto: the
 * model is sure the sentence is benign (acceptance, negation, a story). @kept: per unit
 * rule, whether a phrase finding of it stays */
static void
find_vetoed (AwGuidanceModel *model,
             GArray          *units,
             const float     *unit_scores,
             GPtrArray       *phrase_findings,
             const Decision  *decisions,
             AwModelVerdict  *verdict,
             gboolean        *kept)
{
  for (guint i = 0; phrase_findings != NULL && i < phrase_findings->len; i++)
    {
      AwFinding *f = g_ptr_array_index (phrase_findings, i);
      int start = aw_finding_get_start (f), end = aw_finding_get_end (f);
      double best = -G_MAXDOUBLE;
      gboolean any = FALSE;
      gboolean in_text = FALSE;   /* over a unit outside the signature */
      gboolean joint, drops;
      guint lo;
      guint r;

      r = aw_guidance_model_find_unit_rule (model, aw_finding_get_rule_id (f));
      if (r == model->n_rules)
        continue;
      /* an email the joint decision says has the problem keeps every hit of it; one it
       * is sure is clear, none over the text it read (the signature it did not) in a
       * sentence it is as sure of; otherwise the veto decides */
      joint = decisions[r].email_rule != G_MAXUINT;
      drops = joint && decisions[r].drops;
      if (aw_finding_get_part (f) != AW_DRAFT_PART_BODY || !aw_finding_has_span (f) ||
          (model->rules[r].veto <= -G_MAXFLOAT && !drops) ||
          (joint && (!decisions[r].decided || decisions[r].fires)))
        {
          kept[r] = TRUE;
          continue;
        }
      lo = first_unit_ending_after (units, start);
      for (guint u = lo; u < units->len && (int) g_array_index (units, AwUnit, u).char_start < end; u++)
        {
          best = MAX (best, unit_scores[(gsize) u * model->n_rules + r]);
          any = TRUE;
          in_text = in_text || !g_array_index (units, AwUnit, u).signature;
        }
      /* sure of the email, the decision drops a hit only where it is as sure of the
       * sentence: "Please reconsider" in a warm email stays */
      if (any && (best < model->rules[r].veto ||
                  (drops && in_text && best < model->rules[decisions[r].email_rule].joint_drop)))
        {
          if (verdict->vetoed == NULL)
            verdict->vetoed = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (verdict->vetoed, g_object_ref (f));
        }
      else
        kept[r] = TRUE;
    }
}

#define SWAR_LOW_BYTES 0x00ff00ff00ff00ffu
#define SWAR_BIAS      0x8080808080808080u
#define SWAR_MAX_ADDS  257   /* a 16-bit field holds 257 bytes of at most 255 */

/* Adds the four 16-bit fields of @even (bytes 0 2 4 6 of a word of the rows) and @odd
 * (1 3 5 7) to the eight @total of that word and empties them */
static inline void
swar_flush (guint64 *even,
            guint64 *odd,
            gint64  *total)
{
  for (guint j = 0; j < 4; j++)
    {
      total[2 * j] += (*even >> (16 * j)) & 0xffff;
      total[2 * j + 1] += (*odd >> (16 * j)) & 0xffff;
    }
  *even = *odd = 0;
}

/* Per column of a bucket's row, the sum of the weights of @features: @sums[column], every
 * block in one pass, since a bucket's blocks lie side by side. (At most 80 tokens of at
 * most 130 features of |weight| <= 127: no overflow.)
 *
 * The row is read as 64-bit words and their bytes added in eight lanes at once: each
 * weight w as the byte w + 128, the even and the odd bytes into the 16-bit fields of two
 * words, moved to 64-bit totals before a field can overflow; 128 per feature comes off at
 * the end. The bytes a last word reads past the row belong to the next bucket, or to the
 * 4-byte checksum after the last one (row_words makes sure), so the read stays inside the
 * file, and their lanes are never looked at. The columns after the last whole word are
 * added one by one. */
static void
sum_weights (AwGuidanceModel *model,
             GArray          *features,
             gint32          *sums)
{
  const AwFeature *f = (const AwFeature *) (gpointer) features->data;
  guint words = model->row_words;
  gsize row = model->row_size;
  gsize tail = MIN ((gsize) words * 8, row);
  gint64 total[MAX_ROW_WORDS * 8];
  guint64 even[MAX_ROW_WORDS] = { 0 }, odd[MAX_ROW_WORDS] = { 0 };
  guint adds = 0;

  memset (total, 0, sizeof (gint64) * words * 8);
  memset (sums + tail, 0, sizeof (gint32) * (row - tail));
  for (guint k = 0; k < features->len; k++)
    {
      const gint8 *weights = model->weights + (gsize) f[k].bucket * row;

      for (guint w = 0; w < words; w++)
        {
          guint64 x;

          memcpy (&x, weights + (gsize) w * 8, sizeof x);
          x = GUINT64_FROM_LE (x) ^ SWAR_BIAS;
          even[w] += x & SWAR_LOW_BYTES;
          odd[w] += (x >> 8) & SWAR_LOW_BYTES;
        }
      for (gsize i = tail; i < row; i++)
        sums[i] += weights[i];
      if (++adds == SWAR_MAX_ADDS)
        {
          for (guint w = 0; w < words; w++)
            swar_flush (&even[w], &odd[w], total + 8 * w);
          adds = 0;
        }
    }
  for (guint w = 0; w < words; w++)
    swar_flush (&even[w], &odd[w], total + 8 * w);
  for (gsize i = 0; i < tail; i++)
    sums[i] = (gint32) (total[i] - (gint64) 128 * features->len);
}

/* The run of at most EXPLAIN_MAX_TOKENS tokens whose features weighed most for @rule */
static void
explain (AwGuidanceModel *model,
         guint            rule,
         const AwUnit    *unit,
         GArray          *features,
         guint32         *first,
         guint32         *last)
{
  g_autofree double *weight = g_new0 (double, unit->n_tokens);
  double best = -G_MAXDOUBLE;

  *first = unit->first;
  *last = unit->first + unit->n_tokens - 1;

  for (guint k = 0; k < features->len; k++)
    {
      const AwFeature *f = &g_array_index (features, AwFeature, k);
      double w;

      if (f->first == AW_FEATURES_NO_TOKEN)
        continue;
      w = model->weights[(gsize) f->bucket * model->row_size + rule];
      for (guint32 t = f->first; t <= f->last; t++)
        if (t >= unit->first && t - unit->first < unit->n_tokens)
          weight[t - unit->first] += w;
    }

  for (guint a = 0; a < unit->n_tokens; a++)
    {
      double sum = 0;

      if (weight[a] <= 0)
        continue;
      for (guint b = a; b < unit->n_tokens && b < a + EXPLAIN_MAX_TOKENS; b++)
        {
          sum += weight[b];
          if (weight[b] > 0 && sum > best)
            {
              best = sum;
              *first = unit->first + a;
              *last = unit->first + b;
            }
        }
    }
}

/* Whether @token is an elided word glued to the next by an apostrophe: "d" of "d’une",
 * "l" of "l'offre", "dell" of "dell’azienda" */
static gboolean
is_elided (AwTokens *body,
           guint32   token)
{
  const char *after = body->text + g_array_index (body->tokens, AwToken, token).byte_end;

  if (*after == '\'')
    after += 1;
  else if (g_str_has_prefix (after, "\xe2\x80\x99"))   /* U+2019 */
    after += 3;
  else
    return FALSE;
  return g_unichar_isalpha (g_utf8_get_char (after));
}

static AwFinding *
make_finding (AwTokens   *body,
              const char *rule_id,
              guint32     first,
              guint32     last,
              double      probability)
{
  const AwToken *a;
  const AwToken *b;
  g_autofree char *text = NULL;
  g_autofree char *how = NULL;
  g_autofree char *why = NULL;
  AwFinding *finding;

  /* an underline that would end in the middle of "d’une" stops before "d’" */
  while (last > first && is_elided (body, last))
    last--;
  a = &g_array_index (body->tokens, AwToken, first);
  b = &g_array_index (body->tokens, AwToken, last);
  text = g_strndup (body->text + a->byte_start, b->byte_end - a->byte_start);

  /* the rule's own reason, and why no phrase is named: the person should read the whole
   * sentence, not look for a listed word */
  how = g_strdup_printf (_("No listed phrase matched: Afterword’s model, learned from example "
                           "emails, reads it this way (%d%% sure)."),
                         (int) floor (probability * 100.0));
  why = g_strconcat (aw_guidance_rule_get_why (rule_id), " ", how, NULL);
  finding = aw_finding_new (rule_id, aw_guidance_rule_get_severity (rule_id), AW_DRAFT_PART_BODY,
                            a->char_start, b->char_end, text,
                            aw_guidance_rule_get_message (rule_id), why, NULL);

  aw_finding_set_score (finding, AW_FINDING_SOURCE_MODEL, probability);
  return finding;
}

/* The weight sum behind a unit's score for rule @r: its own features' (@own), and for a
 * span rule judged by unit the neighbours' features in their context blocks (@previous,
 * @next: the row sums of the units before and after it, or NULL at either end) */
static gint64
unit_sum (AwGuidanceModel *model,
          guint            r,
          const gint32    *previous,
          const gint32    *own,
          const gint32    *next)
{
  const ModelRule *rule = &model->rules[r];
  gint64 total = own[r];

  if (rule->kind != AW_MODEL_RULE_UNIT)
    return total;
  if (previous != NULL)
    total += previous[model->n_rules + rule->context];
  if (next != NULL)
    total += next[model->n_rules + model->n_unit_rules + rule->context];
  return total;
}

/* A finding of unit rule @r in @unit, underlining the words that weighed most for it,
 * @score sure */
static void
add_unit_finding (AwGuidanceModel *model,
                  guint            r,
                  AwTokens        *body,
                  AwFeatureCache  *cache,
                  const AwUnit    *unit,
                  GArray          *features,
                  double           score,
                  AwModelVerdict  *verdict)
{
  guint32 first, last;

  g_array_set_size (features, 0);
  aw_features_extract_cached (&model->settings, cache, body, unit, features);
  explain (model, r, unit, features, &first, &last);
  g_ptr_array_add (verdict->findings,
                   make_finding (body, model->rules[r].id, first, last, sigmoid (score)));
}

/* The findings of unit rule @r when the email's joint decision says it has the problem:
 * every unit at the rule's threshold that no phrase finding covers; when there is none and
 * no phrase finding stays, the unit that leans most that way carries it */
static void
add_decided_findings (AwGuidanceModel *model,
                      guint            r,
                      AwTokens        *body,
                      AwFeatureCache  *cache,
                      GArray          *units,
                      const float     *unit_scores,
                      const guint32   *covered,
                      const guint     *best_unit,
                      const Decision  *decision,
                      gboolean         kept,
                      GArray          *features,
                      AwModelVerdict  *verdict)
{
  guint n = model->n_rules;
  gboolean found = FALSE;

  for (guint u = 0; u < units->len; u++)
    {
      const AwUnit *unit = &g_array_index (units, AwUnit, u);
      double score = unit_scores[(gsize) u * n + r];

      if (unit->signature || score < model->rules[r].threshold || (covered[u] & (1u << r)))
        continue;
      add_unit_finding (model, r, body, cache, unit, features, score, verdict);
      found = TRUE;
    }
  if (!found && !kept)
    add_unit_finding (model, r, body, cache, &g_array_index (units, AwUnit, best_unit[r]),
                      features, decision->score, verdict);
}

/**
 * aw_guidance_model_judge:
 * @body: the body's tokens (quoted reply text already masked)
 * @signature_line: the sign-off line (index into @body->lines), or G_MAXUINT
 * @phrase_findings: (element-type AwFinding) (nullable): the body's phrase findings
 * @verdict: (out caller-allocates): clear it with aw_model_verdict_clear()
 */
void
aw_guidance_model_judge (AwGuidanceModel   *model,
                         AwTokens          *body,
                         guint              signature_line,
                         GPtrArray         *phrase_findings,
                         AwGuidanceOptions *options,
                         AwModelVerdict    *verdict)
{
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (AwUnit));
  g_autoptr(GArray) features = g_array_new (FALSE, FALSE, sizeof (AwFeature));
  guint n = model->n_rules;
  gint64 email_sum[MAX_RULES] = { 0 };
  double email_max[MAX_RULES];
  gboolean enabled[MAX_RULES];
  gboolean found[MAX_RULES] = { FALSE };   /* a unit rule made a finding */
  gboolean kept[MAX_RULES] = { FALSE };    /* a phrase finding of a unit rule stays */
  guint best_unit[MAX_RULES];              /* per unit rule, its best unit outside the signature */
  Decision decisions[MAX_RULES];           /* per unit rule, the email's joint decision */
  g_autofree guint32 *covered = NULL;
  g_autofree float *unit_scores = NULL;
  gint32 ring[3][MAX_ROW];
  g_autoptr(AwFeatureCache) cache = NULL;

  memset (verdict, 0, sizeof *verdict);
  verdict->findings = g_ptr_array_new_with_free_func (g_object_unref);
  verdict->thanks_score = verdict->feedback_score = -1;

  for (guint r = 0; r < n; r++)
    {
      AwModelRuleKind kind = model->rules[r].kind;

      email_max[r] = -G_MAXDOUBLE;
      best_unit[r] = G_MAXUINT;
      enabled[r] = (kind != AW_MODEL_RULE_UNIT && kind != AW_MODEL_RULE_EMAIL_SPAN) ||
                   aw_guidance_options_is_rule_enabled (options, model->rules[r].id);
    }

  find_joint_rules (model, decisions);
  aw_features_units (body, signature_line, units);
  if (body->tokens->len >= FEATURE_CACHE_TOKENS)
    cache = aw_feature_cache_new ();
  covered = phrase_coverage (model, units, phrase_findings);
  unit_scores = g_new (float, (gsize) units->len * n + 1);
  /* a unit is scored once the next one's block sums are known: the sums of three units
   * at a time, in a ring */
  for (guint ahead = 0; ahead <= units->len; ahead++)
    {
      const AwUnit *unit;
      const gint32 *previous, *own, *next;
      guint u;

      if (ahead < units->len)
        {
          g_array_set_size (features, 0);
          aw_features_extract_cached (&model->settings, cache, body,
                                      &g_array_index (units, AwUnit, ahead), features);
          sum_weights (model, features, ring[ahead % 3]);
        }
      if (ahead == 0)
        continue;
      u = ahead - 1;
      unit = &g_array_index (units, AwUnit, u);
      previous = u > 0 ? ring[(u - 1) % 3] : NULL;
      own = ring[u % 3];
      next = ahead < units->len ? ring[ahead % 3] : NULL;

      for (guint r = 0; r < n; r++)
        {
          const ModelRule *rule = &model->rules[r];
          gint64 sum = unit_sum (model, r, previous, own, next);
          double score = rule->bias + rule->scale * (double) sum;

          unit_scores[(gsize) u * n + r] = score;
          switch (rule->kind)
            {
            case AW_MODEL_RULE_UNIT:
              if (unit->signature)
                break;
              if (best_unit[r] == G_MAXUINT || score > unit_scores[(gsize) best_unit[r] * n + r])
                best_unit[r] = u;
              if (enabled[r] && decisions[r].email_rule == G_MAXUINT &&
                  score >= rule->threshold && !(covered[u] & (1u << r)))
                {
                  add_unit_finding (model, r, body, cache, unit, features, score, verdict);
                  found[r] = TRUE;
                }
              break;
            case AW_MODEL_RULE_EMAIL_SUM:
            case AW_MODEL_RULE_EMAIL_SPAN:
              email_sum[r] += sum;
              break;
            case AW_MODEL_RULE_EMAIL_MAX:
              email_max[r] = MAX (email_max[r], score);
              break;
            default:
              break;
            }
        }
    }

  decide_jointly (model, units, unit_scores, email_sum, covered, best_unit, decisions);
  find_vetoed (model, units, unit_scores, phrase_findings, decisions, verdict, kept);
  for (guint r = 0; r < n; r++)
    if (enabled[r] && decisions[r].fires)
      add_decided_findings (model, r, body, cache, units, unit_scores, covered, best_unit,
                            &decisions[r], kept[r], features, verdict);

  for (guint r = 0; r < n; r++)
    {
      const ModelRule *rule = &model->rules[r];
      double score;
      guint unit_rule = rule->context, u;

      if (rule->kind != AW_MODEL_RULE_EMAIL_SPAN || !enabled[r] || model_rule_has_joint (rule))
        continue;
      score = rule->bias + rule->scale * (double) email_sum[r];
      u = best_unit[unit_rule];
      /* sure of the email as a whole, and nothing else reports the rule: the clause that
       * leans most that way carries the finding, if it leans at all */
      if (score < rule->threshold || found[unit_rule] || kept[unit_rule] || u == G_MAXUINT ||
          unit_scores[(gsize) u * n + unit_rule] < rule->veto)
        continue;
      add_unit_finding (model, unit_rule, body, cache, &g_array_index (units, AwUnit, u),
                        features, score, verdict);
    }

  for (guint r = 0; r < n; r++)
    {
      const ModelRule *rule = &model->rules[r];
      double score;

      if (rule->kind == AW_MODEL_RULE_UNIT || rule->kind == AW_MODEL_RULE_EMAIL_SPAN)
        continue;
      score = rule->kind == AW_MODEL_RULE_EMAIL_SUM
        ? rule->bias + rule->scale * (double) email_sum[r]
        : (units->len > 0 ? email_max[r] : rule->bias);
      if (g_str_equal (rule->id, "thanks"))
        {
          verdict->thanks_score = sigmoid (score);
          verdict->thanks = score >= rule->threshold;
        }
      else if (g_str_equal (rule->id, "feedback"))
        {
          verdict->feedback_score = sigmoid (score);
          verdict->feedback = score >= rule->threshold;
        }
    }
}

void
aw_model_verdict_clear (AwModelVerdict *verdict)
{
  g_clear_pointer (&verdict->findings, g_ptr_array_unref);
  g_clear_pointer (&verdict->vetoed, g_ptr_array_unref);
}

void
aw_guidance_model_set_enabled (gboolean enabled)
{
  g_atomic_int_set (&model_enabled, enabled ? 1 : 0);
}

void
aw_guidance_model_set_trace (AwModelTraceFunc func,
                             gpointer         user_data)
{
  trace_func = func;
  trace_data = user_data;
}

void
aw_guidance_model_run (const char        *code,
                       AwTokens          *body,
                       guint              signature_line,
                       GPtrArray         *phrase_findings,
                       AwGuidanceOptions *options,
                       AwModelVerdict    *verdict)
{
  AwGuidanceModel *model;
  g_autoptr(GError) error = NULL;

  memset (verdict, 0, sizeof *verdict);
  verdict->thanks_score = verdict->feedback_score = -1;

  if (trace_func != NULL)
    {
      trace_func (body, signature_line, trace_data);
      return;
    }
  if (!g_atomic_int_get (&model_enabled))
    return;

  model = aw_guidance_model_lookup (code, &error);
  if (error != NULL)
    g_debug ("The guidance runs on phrases alone for %s: %s", code, error->message);
  if (model != NULL)
    aw_guidance_model_judge (model, body, signature_line, phrase_findings, options, verdict);
}
