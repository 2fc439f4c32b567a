/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-model.c: the learned layer beside the phrase rules
 *
 * Loads data/guidance/<code>.model (FORMAT.md, "Model files") straight from the
 * GResource bytes, without copying, the first time a language is checked, and scores a
 * body: every unit (aw-features.c) against the span rules, the whole email against the
 * presence rules. A unit's score for a span rule is bias + scale * (the sum of the int8
 * weights of its own features, of the previous unit's features in the "previous" block
 * and of the next unit's in the "next" block): "I'm sure they will learn fast;
 * experience can come later" reads differently from either half alone. A unit at or
 * above its rule's threshold that no phrase finding covers becomes a finding, underlining
 * the few words of its own whose features weighed most. The span rules also judge the
 * email as a whole (format 9): bitterness spread thinly over several clauses can pass
 * every clause and still show in the sum; then the clause that leans most that way
 * carries the finding.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "aw-core-data.h"
#include "aw-features.h"
#include "aw-guidance-model.h"

#define MAGIC "AWGM"
#define PREFIX_SIZE 12        /* magic, version, reserved, header size */
#define CHECKSUM_SIZE 4       /* CRC-32 (IEEE 802.3, as zlib's crc32) */
#define MAX_RULES 32
#define MAX_ROW (MAX_RULES * N_BLOCKS)
#define MAX_ROW_WORDS ((MAX_ROW + 7) / 8)
#define EXPLAIN_MAX_TOKENS 6
#define FEATURE_CACHE_TOKENS 20000  /* a body this long repeats its words enough */

/* Every bucket has three blocks of weights: for the unit's own features (a weight per
 * rule), for the previous unit's and for the next unit's (context: a weight per rule of
 * kind AW_MODEL_RULE_UNIT) */
#define N_BLOCKS 3

G_DEFINE_QUARK (aw-guidance-model-error-quark, aw_guidance_model_error)

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
} ModelRule;

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

/* ------------------------------------------------------------------------------------ */
/* Reading */

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gboolean      failed;
  GError      **error;
} Reader;

static gboolean
reader_need (Reader     *r,
             gsize       n,
             const char *what)
{
  if (r->failed)
    return FALSE;
  if (n > r->len || r->pos > r->len - n)
    {
      g_set_error (r->error, AW_GUIDANCE_MODEL_ERROR, AW_GUIDANCE_MODEL_ERROR_TRUNCATED,
                   "The model file is truncated: it ends at byte %" G_GSIZE_FORMAT
                   " while reading %s", r->len, what);
      r->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

static guint
read_u8 (Reader     *r,
         const char *what)
{
  if (!reader_need (r, 1, what))
    return 0;
  return r->data[r->pos++];
}

static guint32
read_u32 (Reader     *r,
          const char *what)
{
  guint32 v;

  if (!reader_need (r, 4, what))
    return 0;
  v = (guint32) r->data[r->pos] | ((guint32) r->data[r->pos + 1] << 8) |
      ((guint32) r->data[r->pos + 2] << 16) | ((guint32) r->data[r->pos + 3] << 24);
  r->pos += 4;
  return v;
}

static float
read_f32 (Reader     *r,
          const char *what)
{
  guint32 bits = read_u32 (r, what);
  float v;

  memcpy (&v, &bits, sizeof v);
  return v;
}

/* A length-prefixed string: u8 length, then that many bytes of UTF-8 */
static char *
read_string (Reader     *r,
             const char *what)
{
  guint len = read_u8 (r, what);
  char *s;

  if (!reader_need (r, len, what))
    return NULL;
  s = g_strndup ((const char *) r->data + r->pos, len);
  r->pos += len;
  if (strlen (s) != len || !g_utf8_validate (s, -1, NULL))
    {
      g_set_error (r->error, AW_GUIDANCE_MODEL_ERROR, AW_GUIDANCE_MODEL_ERROR_INVALID,
                   "The model file is invalid: %s is not UTF-8 text", what);
      r->failed = TRUE;
      g_free (s);
      return NULL;
    }
  return s;
}

static gboolean
invalid (Reader     *r,
         const char *message)
{
  if (!r->failed)
    g_set_error (r->error, AW_GUIDANCE_MODEL_ERROR, AW_GUIDANCE_MODEL_ERROR_INVALID,
                 "The model file is invalid: %s", message);
  r->failed = TRUE;
  return FALSE;
}

/* A u8 count and that many entries, each one or two words joined by a space */
static GPtrArray *
read_negation_cancels (Reader *r)
{
  GPtrArray *cancels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = read_u8 (r, "the number of negation cancels");

  for (guint i = 0; i < n && !r->failed; i++)
    {
      g_autofree char *entry = read_string (r, "a negation cancel");
      GStrv words = entry != NULL ? aw_features_parse_cancel (entry) : NULL;

      if (words != NULL)
        g_ptr_array_add (cancels, words);
      else if (entry != NULL)
        invalid (r, "a negation cancel is not one or two words");
    }
  return cancels;
}

static gboolean
known_rule (const char *id)
{
  static const char *ids[] = {
    AW_RULE_PUSHY, AW_RULE_STATUS_REQUEST, AW_RULE_NEGATIVE, AW_RULE_OVERPROMISE,
    AW_RULE_UNPROFESSIONAL, "thanks", "feedback",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (g_str_equal (id, ids[i]))
      return TRUE;
  return FALSE;
}

/* The context columns of the unit rules, and each email-level span rule's unit rule */
static gboolean
link_rules (AwGuidanceModel *model)
{
  for (guint i = 0; i < model->n_rules; i++)
    if (model->rules[i].kind == AW_MODEL_RULE_UNIT)
      model->rules[i].context = model->n_unit_rules++;

  for (guint i = 0; i < model->n_rules; i++)
    {
      ModelRule *rule = &model->rules[i];
      guint u;

      if (rule->kind != AW_MODEL_RULE_EMAIL_SPAN)
        continue;
      for (u = 0; u < model->n_rules; u++)
        if (model->rules[u].kind == AW_MODEL_RULE_UNIT && g_str_equal (model->rules[u].id, rule->id))
          break;
      if (u == model->n_rules)
        return FALSE;
      rule->context = u;
    }
  return TRUE;
}

void
aw_guidance_model_free (AwGuidanceModel *model)
{
  if (model == NULL)
    return;
  for (guint i = 0; model->rules != NULL && i < model->n_rules; i++)
    g_free (model->rules[i].id);
  g_free (model->rules);
  g_free (model->language);
  g_clear_pointer (&model->settings.negations, g_hash_table_unref);
  g_clear_pointer (&model->settings.cancels_after, g_ptr_array_unref);
  g_clear_pointer (&model->settings.cancels_before, g_ptr_array_unref);
  g_clear_pointer (&model->bytes, g_bytes_unref);
  g_free (model);
}

/**
 * aw_guidance_model_new_from_bytes:
 * @bytes: a whole model file; kept, never copied
 *
 * Returns: (transfer full): the model, or %NULL with @error set (truncated, not a model
 *   file, another format version, checksum mismatch, invalid values)
 */
AwGuidanceModel *
aw_guidance_model_new_from_bytes (GBytes  *bytes,
                                  GError **error)
{
  g_autoptr(AwGuidanceModel) model = g_new0 (AwGuidanceModel, 1);
  Reader r = { 0 };
  guint version, header_size, n_negations, bits;
  gsize header_end, weights_size, expected;

  g_return_val_if_fail (bytes != NULL, NULL);

  r.data = g_bytes_get_data (bytes, &r.len);
  r.error = error;

  if (!reader_need (&r, 4, "the magic number"))
    return NULL;
  if (memcmp (r.data, MAGIC, 4) != 0)
    {
      g_set_error_literal (error, AW_GUIDANCE_MODEL_ERROR, AW_GUIDANCE_MODEL_ERROR_BAD_MAGIC,
                           "Not a guidance model file (no AWGM magic number)");
      return NULL;
    }
  r.pos = 4;
  version = read_u8 (&r, "the format version");
  version |= read_u8 (&r, "the format version") << 8;
  read_u8 (&r, "the reserved bytes");
  read_u8 (&r, "the reserved bytes");
  header_size = read_u32 (&r, "the header size");
  if (r.failed)
    return NULL;
  if (version != AW_GUIDANCE_MODEL_VERSION)
    {
      g_set_error (error, AW_GUIDANCE_MODEL_ERROR, AW_GUIDANCE_MODEL_ERROR_VERSION,
                   "The model file has format version %u; this program reads version %u",
                   version, AW_GUIDANCE_MODEL_VERSION);
      return NULL;
    }
  if (header_size > r.len)
    {
      reader_need (&r, header_size, "the header");
      return NULL;
    }
  header_end = PREFIX_SIZE + header_size;

  model->language = read_string (&r, "the language");
  bits = read_u8 (&r, "the hash bits");
  model->settings.negation_window = read_u8 (&r, "the negation window");
  n_negations = read_u8 (&r, "the number of negation words");
  if (r.failed)
    return NULL;
  if (bits < AW_FEATURES_MIN_BITS || bits > AW_FEATURES_MAX_BITS)
    return invalid (&r, "hash bits out of range"), NULL;
  model->settings.hash_bits = bits;
  model->settings.negations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_negations && !r.failed; i++)
    {
      char *word = read_string (&r, "a negation word");

      if (word != NULL)
        g_hash_table_add (model->settings.negations, word);
    }

  model->settings.cancels_after = read_negation_cancels (&r);
  model->settings.cancels_before = read_negation_cancels (&r);

  aw_features_settings_index (&model->settings);

  model->n_rules = read_u8 (&r, "the number of rules");
  if (r.failed)
    return NULL;
  if (model->n_rules == 0 || model->n_rules > MAX_RULES)
    return invalid (&r, "number of rules out of range"), NULL;
  model->rules = g_new0 (ModelRule, model->n_rules);
  for (guint i = 0; i < model->n_rules && !r.failed; i++)
    {
      ModelRule *rule = &model->rules[i];
      guint kind;

      rule->id = read_string (&r, "a rule id");
      kind = read_u8 (&r, "a rule kind");
      rule->bias = read_f32 (&r, "a rule bias");
      rule->scale = read_f32 (&r, "a rule scale");
      rule->threshold = read_f32 (&r, "a rule threshold");
      rule->veto = read_f32 (&r, "a rule veto");
      if (r.failed)
        return NULL;
      if (!known_rule (rule->id))
        return invalid (&r, "unknown rule id"), NULL;
      if (kind > AW_MODEL_RULE_EMAIL_SPAN)
        return invalid (&r, "unknown rule kind"), NULL;
      rule->kind = kind;
      if (!isfinite (rule->bias) || !isfinite (rule->scale) || !isfinite (rule->threshold) ||
          !isfinite (rule->veto) || rule->scale < 0)
        return invalid (&r, "a rule's bias, scale, threshold or veto is not a finite number"), NULL;
    }
  if (r.failed)
    return NULL;
  if (r.pos > header_end)
    {
      reader_need (&r, r.len + 1, "the header");
      return invalid (&r, "the header is longer than its size says"), NULL;
    }
  if (r.pos != header_end)
    return invalid (&r, "the header is shorter than its size says"), NULL;

  if (!link_rules (model))
    return invalid (&r, "an email-level span rule has no unit rule of its id"), NULL;
  model->row_size = model->n_rules + (gsize) 2 * model->n_unit_rules;
  /* the last word of a row may read past it into the next bucket, or past the last
   * bucket into the checksum, never further */
  model->row_words = (model->row_size + 7) / 8;
  if (model->row_words * 8 - model->row_size > CHECKSUM_SIZE)
    model->row_words--;
  weights_size = ((gsize) 1 << bits) * model->row_size;
  expected = header_end + weights_size + CHECKSUM_SIZE;
  if (r.len < expected)
    {
      reader_need (&r, weights_size + CHECKSUM_SIZE,
                   r.len < header_end + weights_size ? "the weights" : "the checksum");
      return NULL;
    }
  if (r.len > expected)
    return invalid (&r, "there are bytes after the checksum"), NULL;

  {
    const guint8 *sum = r.data + r.len - CHECKSUM_SIZE;
    guint32 stored = sum[0] | (sum[1] << 8) | (sum[2] << 16) | ((guint32) sum[3] << 24);

    /* zlib's CRC-32 (already in the process through GIO) reads 1.4 MB in a quarter of
     * a millisecond, five times as fast as a table of our own */
    if (crc32 (0, r.data, r.len - CHECKSUM_SIZE) != stored)
      {
        g_set_error_literal (error, AW_GUIDANCE_MODEL_ERROR, AW_GUIDANCE_MODEL_ERROR_CHECKSUM,
                             "The model file is corrupt: its CRC-32 checksum does not match");
        return NULL;
      }
  }

  model->weights = (const gint8 *) r.data + header_end;
  model->bytes = g_bytes_ref (bytes);
  return g_steal_pointer (&model);
}

const char *
aw_guidance_model_get_language (AwGuidanceModel *model)
{
  return model->language;
}

guint
aw_guidance_model_get_n_rules (AwGuidanceModel *model)
{
  return model->n_rules;
}

const char *
aw_guidance_model_get_rule_id (AwGuidanceModel *model,
                               guint            rule)
{
  g_return_val_if_fail (rule < model->n_rules, NULL);
  return model->rules[rule].id;
}

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
      for (r = 0; r < model->n_rules; r++)
        if (model->rules[r].kind == AW_MODEL_RULE_UNIT &&
            g_str_equal (model->rules[r].id, aw_finding_get_rule_id (f)))
          break;
      if (r == model->n_rules)
        continue;
      lo = first_unit_ending_after (units, start);
      for (guint u = lo; u < units->len && (int) g_array_index (units, AwUnit, u).char_start < end; u++)
        covered[u] |= 1u << r;
    }
  return covered;
}

/* A phrase finding of a span rule whose units all score below the rule's veto: the
 * model is sure the sentence is benign (acceptance, negation, a story). @kept: per unit
 * rule, whether a phrase finding of it stays */
static void
find_vetoed (AwGuidanceModel *model,
             GArray          *units,
             const float     *unit_scores,
             GPtrArray       *phrase_findings,
             AwModelVerdict  *verdict,
             gboolean        *kept)
{
  for (guint i = 0; phrase_findings != NULL && i < phrase_findings->len; i++)
    {
      AwFinding *f = g_ptr_array_index (phrase_findings, i);
      int start = aw_finding_get_start (f), end = aw_finding_get_end (f);
      double best = -G_MAXDOUBLE;
      gboolean any = FALSE;
      guint lo;
      guint r;

      for (r = 0; r < model->n_rules; r++)
        if (model->rules[r].kind == AW_MODEL_RULE_UNIT &&
            g_str_equal (model->rules[r].id, aw_finding_get_rule_id (f)))
          break;
      if (r == model->n_rules)
        continue;
      if (aw_finding_get_part (f) != AW_DRAFT_PART_BODY || !aw_finding_has_span (f) ||
          model->rules[r].veto <= -G_MAXFLOAT)
        {
          kept[r] = TRUE;
          continue;
        }
      lo = first_unit_ending_after (units, start);
      for (guint u = lo; u < units->len && (int) g_array_index (units, AwUnit, u).char_start < end; u++)
        {
          best = MAX (best, unit_scores[(gsize) u * model->n_rules + r]);
          any = TRUE;
        }
      if (any && best < model->rules[r].veto)
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
G_ALWAYS_INLINE static inline void
sum_weights_in_words (AwGuidanceModel *model,
                      GArray          *features,
                      gint32          *sums,
                      guint            words)
{
  const AwFeature *f = (const AwFeature *) (gpointer) features->data;
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

/* The same with the word count known to the compiler for the usual rows (the bundled
 * models have 22-byte rows: three words), so that it keeps the lanes in registers */
static void
sum_weights (AwGuidanceModel *model,
             GArray          *features,
             gint32          *sums)
{
  switch (model->row_words)
    {
    case 1:
      sum_weights_in_words (model, features, sums, 1);
      break;
    case 2:
      sum_weights_in_words (model, features, sums, 2);
      break;
    case 3:
      sum_weights_in_words (model, features, sums, 3);
      break;
    case 4:
      sum_weights_in_words (model, features, sums, 4);
      break;
    default:
      sum_weights_in_words (model, features, sums, model->row_words);
      break;
    }
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
              if (enabled[r] && score >= rule->threshold && !(covered[u] & (1u << r)))
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

  find_vetoed (model, units, unit_scores, phrase_findings, verdict, kept);

  for (guint r = 0; r < n; r++)
    {
      const ModelRule *rule = &model->rules[r];
      double score;
      guint unit_rule = rule->context, u;

      if (rule->kind != AW_MODEL_RULE_EMAIL_SPAN || !enabled[r])
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
