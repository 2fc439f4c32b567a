/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-guidance-model.c: the learned layer's model files and inference
 *
 * Every bundled model loads; a truncated file (at every byte of the header and at the
 * boundaries after it), a flipped byte, another version, a wrong magic number, trailing
 * bytes and random bytes all give a clear GError and never a crash. A small model built
 * here checks scoring, the words a finding underlines and the presence verdicts.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "aw-core-data.h"
#include "aw-features.h"
#include "aw-guidance-model.h"

static GBytes *
bundled (const char *code)
{
  g_autofree char *path = g_strconcat ("guidance/", code, ".model", NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = aw_core_data_lookup (path, &error);

  g_assert_no_error (error);
  return bytes;
}

static gsize
header_end (GBytes *bytes)
{
  const guint8 *p = g_bytes_get_data (bytes, NULL);

  return 12 + (p[8] | (p[9] << 8) | (p[10] << 16) | ((gsize) p[11] << 24));
}

static void
expect_error (const guint8 *data,
              gsize         len,
              int           code)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  AwGuidanceModel *model = aw_guidance_model_new_from_bytes (bytes, &error);

  g_assert_null (model);
  g_assert_nonnull (error);
  g_assert_true (error->domain == AW_GUIDANCE_MODEL_ERROR);
  g_assert_nonnull (error->message);
  if (code >= 0)
    g_assert_cmpint (error->code, ==, code);
}

static void
test_bundled (void)
{
  const char * const *languages = aw_guidance_get_languages ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = bundled (languages[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(AwGuidanceModel) model = aw_guidance_model_new_from_bytes (bytes, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (aw_guidance_model_get_language (model), ==, languages[i]);
      /* five span rules by unit, thanks, feedback, the five span rules by email */
      g_assert_cmpuint (aw_guidance_model_get_n_rules (model), ==, 12);
      g_assert_cmpuint (g_bytes_get_size (bytes), <=, 2 * 1024 * 1024);
      /* loaded lazily, once, from the resource itself */
      g_assert_true (aw_guidance_model_lookup (languages[i], NULL) ==
                     aw_guidance_model_lookup (languages[i], NULL));
    }
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) bytes = bundled ("en");
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gsize end = header_end (bytes);
  gsize cuts[] = { end, end + 1, end + (len - end - 4) / 2, len - 5, len - 4, len - 1 };

  for (gsize cut = 0; cut <= end; cut++)
    expect_error (data, cut, AW_GUIDANCE_MODEL_ERROR_TRUNCATED);
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    expect_error (data, cuts[i], AW_GUIDANCE_MODEL_ERROR_TRUNCATED);
}

static void
test_corrupt (void)
{
  g_autoptr(GBytes) bytes = bundled ("en");
  gsize len;
  g_autofree guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (bytes), &len);
  gsize end = header_end (bytes);

  /* any flipped byte of the header, and of the weights and the checksum */
  for (gsize at = 0; at < len; at += at < end + 64 ? 1 : 4099)
    {
      copy[at] ^= 0x20;
      expect_error (copy, len, -1);
      copy[at] ^= 0x20;
    }
  copy[end + 100] ^= 1;
  expect_error (copy, len, AW_GUIDANCE_MODEL_ERROR_CHECKSUM);
  copy[end + 100] ^= 1;
  copy[len - 1] ^= 1;
  expect_error (copy, len, AW_GUIDANCE_MODEL_ERROR_CHECKSUM);
  copy[len - 1] ^= 1;

  copy[4] = AW_GUIDANCE_MODEL_VERSION - 1;
  expect_error (copy, len, AW_GUIDANCE_MODEL_ERROR_VERSION);
  copy[4] = AW_GUIDANCE_MODEL_VERSION;
  copy[0] = 'X';
  expect_error (copy, len, AW_GUIDANCE_MODEL_ERROR_BAD_MAGIC);
  copy[0] = 'A';

  {
    g_autofree guint8 *longer = g_malloc (len + 1);

    memcpy (longer, copy, len);
    longer[len] = 0;
    expect_error (longer, len + 1, AW_GUIDANCE_MODEL_ERROR_INVALID);
  }

  {
    g_autoptr(GBytes) same = g_bytes_new (copy, len);
    g_autoptr(GError) error = NULL;
    g_autoptr(AwGuidanceModel) model = aw_guidance_model_new_from_bytes (same, &error);

    g_assert_no_error (error);
  }
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GBytes) bytes = bundled ("en");
  gsize end = header_end (bytes);
  const guint8 *valid = g_bytes_get_data (bytes, NULL);

  for (guint round = 0; round < 3000; round++)
    {
      gsize len = g_rand_int_range (rand, 0, round % 3 == 0 ? 4096 : 200);
      g_autofree guint8 *data = g_malloc (len + 1);

      for (gsize i = 0; i < len; i++)
        data[i] = g_rand_int (rand);
      /* a valid start, then noise: reaches the header parser */
      if (round % 2 == 0)
        {
          gsize keep = g_rand_int_range (rand, 4, end + 1);

          memcpy (data, valid, MIN (len, keep));
        }
      expect_error (data, len, -1);
    }
}

#define N_BLOCKS 3   /* weights for a unit's own features, the previous unit's, the next's */
#define N_RULES 4
#define ROW_SIZE (N_RULES + 2)   /* own: every rule; previous and next: the unit rule */

/* What a little model built here weighs: "negative" by unit (bias -35) and by email (bias
 * -5), thanks always sure, feedback never */
typedef struct
{
  const char *unit_word;     /* its features weigh for "negative" in block unit_block */
  guint       unit_block;
  gint8       unit_weight;
  const char *email_word;    /* its features weigh for "negative" judged by email */
  float       email_floor;   /* the least score of the unit that carries that finding */
  const float *joint;        /* (nullable) the joint decision: w_unit, w_email, w_phrase, bias,
                              * drop threshold */
} ModelSpec;

/* Adds @weight to column @column of the row of every feature of @word */
static void
weigh_word (gint8      *weights,
            const char *word,
            guint       column,
            gint8       weight)
{
  g_autoptr(AwTokens) tokens = aw_tokens_new (word);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (AwUnit));
  g_autoptr(GArray) features = g_array_new (FALSE, FALSE, sizeof (AwFeature));
  AwFeatureSettings settings = { 16, 3, NULL };

  aw_features_units (tokens, G_MAXUINT, units);
  aw_features_extract (&settings, tokens, &g_array_index (units, AwUnit, 0), features);
  for (guint k = 0; k < features->len; k++)
    {
      const AwFeature *f = &g_array_index (features, AwFeature, k);

      if (f->first != AW_FEATURES_NO_TOKEN)
        weights[f->bucket * ROW_SIZE + column] = weight;
    }
}

static void
append_f32 (GByteArray *out,
            float       value)
{
  guint32 v;

  memcpy (&v, &value, 4);
  v = GUINT32_TO_LE (v);
  g_byte_array_append (out, (guint8 *) &v, 4);
}

static GBytes *
make_model_from_spec (const ModelSpec *spec)
{
  GByteArray *out = g_byte_array_new ();
  GByteArray *header = g_byte_array_new ();
  const guint bits = 16;
  const char *rules[N_RULES] = { "negative", "thanks", "feedback", "negative" };
  guint8 kinds[N_RULES] = { AW_MODEL_RULE_UNIT, AW_MODEL_RULE_EMAIL_SUM,
                            AW_MODEL_RULE_EMAIL_MAX, AW_MODEL_RULE_EMAIL_SPAN };
  float bias[N_RULES] = { -35.0f, 5.0f, -5.0f, -5.0f };
  float veto[N_RULES] = { -20.0f, -G_MAXFLOAT, -G_MAXFLOAT, spec->email_floor };
  const gsize weights_size = (1u << bits) * ROW_SIZE;
  g_autofree gint8 *weights = g_new0 (gint8, weights_size);
  guint8 prefix[12] = { 'A', 'W', 'G', 'M', AW_GUIDANCE_MODEL_VERSION, 0, 0, 0 };

  /* the unit rule's column in each block: own (rule 0), previous, next */
  if (spec->unit_word != NULL)
    weigh_word (weights, spec->unit_word, spec->unit_block == 0 ? 0 : N_RULES + spec->unit_block - 1,
                spec->unit_weight);
  if (spec->email_word != NULL)
    weigh_word (weights, spec->email_word, 3, 100);

  g_byte_array_append (header, (guint8 *) "\2xx", 3);
  g_byte_array_append (header, (guint8 *) "\20\3\1\3not", 7);
  /* "not hesitate" negates nothing; nothing cancels a negation it precedes */
  g_byte_array_append (header, (guint8 *) "\1\10hesitate\0", 11);
  g_byte_array_append (header, (guint8 []) { N_RULES }, 1);
  for (guint r = 0; r < N_RULES; r++)
    {
      guint8 len = strlen (rules[r]);

      g_byte_array_append (header, &len, 1);
      g_byte_array_append (header, (guint8 *) rules[r], len);
      g_byte_array_append (header, &kinds[r], 1);
      append_f32 (header, bias[r]);
      append_f32 (header, 0.1f);   /* scale */
      append_f32 (header, 0.0f);   /* threshold */
      append_f32 (header, veto[r]);
      if (kinds[r] == AW_MODEL_RULE_EMAIL_SPAN)
        for (guint k = 0; k < 5; k++)
          append_f32 (header, spec->joint != NULL ? spec->joint[k] : k == 4 ? -G_MAXFLOAT : 0.0f);
    }
  prefix[8] = header->len & 0xff;
  prefix[9] = (header->len >> 8) & 0xff;
  g_byte_array_append (out, prefix, sizeof prefix);
  g_byte_array_append (out, header->data, header->len);
  g_byte_array_append (out, (guint8 *) weights, weights_size);
  {
    /* CRC-32, bit by bit: an independent check of the engine's table version */
    guint32 crc = 0xffffffffu;
    guint8 le[4];

    for (guint i = 0; i < out->len; i++)
      {
        crc ^= out->data[i];
        for (int k = 0; k < 8; k++)
          crc = (crc & 1) ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
      }
    crc ^= 0xffffffffu;
    for (int k = 0; k < 4; k++)
      le[k] = (crc >> (8 * k)) & 0xff;
    g_byte_array_append (out, le, 4);
  }
  g_byte_array_unref (header);
  return g_byte_array_free_to_bytes (out);
}

/* A little model: every feature of @word in block @block weighs for "negative" */
static GBytes *
make_model_in_block (const char *word,
                     guint       block)
{
  ModelSpec spec = { word, block, 100, NULL, 0.0f, NULL };

  return make_model_from_spec (&spec);
}

static GBytes *
make_model (const char *word)
{
  return make_model_in_block (word, 0);
}

/* @model finds one thing in @text, and underlines @expected */
static void
assert_one_finding (AwGuidanceModel *model,
                    const char      *text,
                    const char      *expected)
{
  g_autoptr(AwTokens) tokens = aw_tokens_new (text);
  AwModelVerdict verdict;

  aw_guidance_model_judge (model, tokens, G_MAXUINT, NULL, NULL, &verdict);
  g_assert_cmpuint (verdict.findings->len, ==, 1);
  g_assert_cmpstr (aw_finding_get_text (g_ptr_array_index (verdict.findings, 0)), ==, expected);
  aw_model_verdict_clear (&verdict);
}

/* The model file's cancelling entries reach the featurizer: after "not hesitate" a word
 * reads as written, after "not want" as negated */
static void
test_negation_cancelled (void)
{
  g_autoptr(GBytes) bytes = make_model ("reconsider");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwGuidanceModel) model = aw_guidance_model_new_from_bytes (bytes, &error);
  g_autoptr(AwTokens) negated = aw_tokens_new ("Please do not want to reconsider");
  AwModelVerdict verdict;

  g_assert_no_error (error);
  assert_one_finding (model, "Please do not hesitate to reconsider", "reconsider");
  aw_guidance_model_judge (model, negated, G_MAXUINT, NULL, NULL, &verdict);
  g_assert_cmpuint (verdict.findings->len, ==, 0);
  aw_model_verdict_clear (&verdict);
}

/* A unit is read with its neighbours: a word that weighs in the "previous unit" block
 * makes the unit after it a finding, and one in the "next unit" block the unit before;
 * the underline stays in the unit judged */
static void
test_context_blocks (void)
{
  const char *text = "I waited. The process was dreadful. It took weeks.";
  const char *expected[] = { NULL, "It took weeks", "I waited" };

  for (guint block = 1; block < N_BLOCKS; block++)
    {
      g_autoptr(GBytes) bytes = make_model_in_block ("dreadful", block);
      g_autoptr(GError) error = NULL;
      g_autoptr(AwGuidanceModel) model = aw_guidance_model_new_from_bytes (bytes, &error);

      g_assert_no_error (error);
      assert_one_finding (model, text, expected[block]);
    }
}

/* An underline never ends on an elided word: "dreadful d’" stops before "d’" */
static void
test_underline_elision (void)
{
  g_autoptr(GBytes) bytes = make_model ("dreadful d");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwGuidanceModel) model = aw_guidance_model_new_from_bytes (bytes, &error);
  const char *texts[] = { "Le processus fut dreadful d\u2019un bout à l\u2019autre.",
                          "Le processus fut dreadful d'un bout à l'autre." };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_one_finding (model, texts[i], "dreadful");
}

static void
test_judge (void)
{
  g_autoptr(GBytes) bytes = make_model ("dreadful");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwGuidanceModel) model = aw_guidance_model_new_from_bytes (bytes, &error);
  const char *text = "Dear Ana,\n\nThank you for the interview. Honestly the whole process was "
                     "dreadful and slow.\nI wish you well.\n\nBest,\nSam\nSam Dreadful";
  g_autoptr(AwTokens) tokens = aw_tokens_new (text);
  g_autoptr(GPtrArray) phrase = g_ptr_array_new_with_free_func (g_object_unref);
  AwModelVerdict verdict;
  AwFinding *f;

  g_assert_no_error (error);
  g_assert_cmpstr (aw_guidance_model_get_rule_id (model, 0), ==, "negative");

  /* the signature line ("Sam Dreadful", below "Best,") is not judged */
  aw_guidance_model_judge (model, tokens, 3, NULL, NULL, &verdict);
  g_assert_cmpuint (verdict.findings->len, ==, 1);
  f = g_ptr_array_index (verdict.findings, 0);
  g_assert_cmpstr (aw_finding_get_rule_id (f), ==, "negative");
  g_assert_cmpint (aw_finding_get_source (f), ==, AW_FINDING_SOURCE_MODEL);
  g_assert_cmpfloat (aw_finding_get_score (f), >, 0.5);
  g_assert_cmpfloat (aw_finding_get_score (f), <=, 1.0);
  /* the word that weighed most, not the whole sentence */
  g_assert_cmpstr (aw_finding_get_text (f), ==, "dreadful");
  g_assert_cmpint (aw_finding_get_start (f), ==, g_utf8_pointer_to_offset (text, strstr (text, "dreadful")));
  g_assert_cmpstr (aw_finding_get_message (f), ==, aw_guidance_rule_get_message ("negative"));
  /* why: the rule's reason, then that the model (not a phrase) found it, and how sure */
  g_assert_true (g_str_has_prefix (aw_finding_get_why (f), aw_guidance_rule_get_why ("negative")));
  {
    g_autofree char *sure = g_strdup_printf ("(%d%% sure)", (int) floor (aw_finding_get_score (f) * 100.0));

    g_assert_nonnull (strstr (aw_finding_get_why (f), "model"));
    g_assert_nonnull (strstr (aw_finding_get_why (f), sure));
  }
  g_assert_true (verdict.thanks);
  g_assert_false (verdict.feedback);
  g_assert_cmpfloat (verdict.thanks_score, >, 0.99);
  aw_model_verdict_clear (&verdict);

  /* a phrase finding of the rule in that unit: the model adds nothing */
  g_ptr_array_add (phrase, aw_finding_new ("negative", AW_SEVERITY_WARNING, AW_DRAFT_PART_BODY,
                                           50, 60, "x", "m", "w", NULL));
  aw_guidance_model_judge (model, tokens, 3, phrase, NULL, &verdict);
  g_assert_cmpuint (verdict.findings->len, ==, 0);
  g_assert_null (verdict.vetoed);
  aw_model_verdict_clear (&verdict);

  /* a phrase hit in a unit the model is sure is benign ("I wish you well") is vetoed */
  {
    int at = g_utf8_pointer_to_offset (text, strstr (text, "wish"));

    g_ptr_array_add (phrase, aw_finding_new ("negative", AW_SEVERITY_WARNING, AW_DRAFT_PART_BODY,
                                             at, at + 4, "wish", "m", "w", NULL));
    aw_guidance_model_judge (model, tokens, 3, phrase, NULL, &verdict);
    g_assert_nonnull (verdict.vetoed);
    g_assert_cmpuint (verdict.vetoed->len, ==, 1);
    g_assert_true (g_ptr_array_index (verdict.vetoed, 0) == g_ptr_array_index (phrase, 1));
    aw_model_verdict_clear (&verdict);
  }

  /* a disabled rule stays silent */
  {
    g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();

    aw_guidance_options_disable_rule (options, "negative");
    aw_guidance_model_judge (model, tokens, 3, NULL, options, &verdict);
    g_assert_cmpuint (verdict.findings->len, ==, 0);
    aw_model_verdict_clear (&verdict);
  }

  /* no signature known: the last line is judged too */
  aw_guidance_model_judge (model, tokens, G_MAXUINT, NULL, NULL, &verdict);
  g_assert_cmpuint (verdict.findings->len, ==, 2);
  aw_model_verdict_clear (&verdict);
}

static int
judge_count (AwGuidanceModel   *model,
             const char        *text,
             GPtrArray         *phrase,
             AwGuidanceOptions *options,
             char             **underlined)
{
  g_autoptr(AwTokens) tokens = aw_tokens_new (text);
  AwModelVerdict verdict;
  int count;

  aw_guidance_model_judge (model, tokens, G_MAXUINT, phrase, options, &verdict);
  count = verdict.findings->len;
  if (underlined != NULL)
    *underlined = count > 0 ? g_strdup (aw_finding_get_text (g_ptr_array_index (verdict.findings, 0)))
                            : NULL;
  aw_model_verdict_clear (&verdict);
  return count;
}

/* A span rule judged on the whole email: when it is sure and nothing else reports the
 * rule, the unit that leans most that way carries the finding, if it leans enough */
static void
test_email_span (void)
{
  const char *text = "I waited. The process was slow. It took weeks.";
  ModelSpec spec = { "weeks", 0, 20, "slow", -40.0f, NULL };
  g_autoptr(GBytes) bytes = make_model_from_spec (&spec);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwGuidanceModel) model = aw_guidance_model_new_from_bytes (bytes, &error);
  g_autoptr(GPtrArray) phrase = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *underlined = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (aw_guidance_model_get_n_rules (model), ==, N_RULES);
  /* "weeks" alone stays under the unit threshold, so only the email model speaks; "It
   * took weeks" leans most, and its words that weighed most are underlined */
  g_assert_cmpint (judge_count (model, "I waited. It took weeks.", NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (judge_count (model, text, NULL, NULL, &underlined), ==, 1);
  g_assert_cmpstr (underlined, ==, "weeks");

  /* a phrase finding of the rule that the model vetoes ("I waited" scores -35, under the
   * veto of -20) does not count; one it keeps leaves nothing to add */
  g_ptr_array_add (phrase, aw_finding_new ("negative", AW_SEVERITY_WARNING, AW_DRAFT_PART_BODY,
                                           0, 1, "I", "m", "w", NULL));
  g_assert_cmpint (judge_count (model, text, phrase, NULL, NULL), ==, 1);
  {
    int at = g_utf8_pointer_to_offset (text, strstr (text, "weeks"));

    g_ptr_array_add (phrase, aw_finding_new ("negative", AW_SEVERITY_WARNING, AW_DRAFT_PART_BODY,
                                             at, at + 5, "weeks", "m", "w", NULL));
    g_assert_cmpint (judge_count (model, text, phrase, NULL, NULL), ==, 0);
  }

  /* a disabled rule is silent */
  {
    g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();

    aw_guidance_options_disable_rule (options, "negative");
    g_assert_cmpint (judge_count (model, text, NULL, options, NULL), ==, 0);
  }

  /* no unit leans far enough ("It took weeks" scores under 0, the floor) */
  {
    ModelSpec strict = { "weeks", 0, 20, "slow", 0.0f, NULL };
    g_autoptr(GBytes) strict_bytes = make_model_from_spec (&strict);
    g_autoptr(AwGuidanceModel) strict_model = aw_guidance_model_new_from_bytes (strict_bytes, &error);

    g_assert_no_error (error);
    g_assert_cmpint (judge_count (strict_model, text, NULL, NULL, NULL), ==, 0);
  }
}

/* The model's verdict on @text: how many findings it adds and how many phrase findings
 * of @phrase it drops */
static void
judge_both (AwGuidanceModel *model,
            const char      *text,
            GPtrArray       *phrase,
            guint           *added,
            guint           *dropped)
{
  g_autoptr(AwTokens) tokens = aw_tokens_new (text);
  AwModelVerdict verdict;

  aw_guidance_model_judge (model, tokens, G_MAXUINT, phrase, NULL, &verdict);
  *added = verdict.findings->len;
  *dropped = verdict.vetoed != NULL ? verdict.vetoed->len : 0;
  aw_model_verdict_clear (&verdict);
}

/* A little model with the joint decision @joint, loaded */
static AwGuidanceModel *
load_joint_model (const float *joint)
{
  ModelSpec spec = { "weeks", 0, 20, "slow", 0.0f, joint };
  g_autoptr(GBytes) bytes = make_model_from_spec (&spec);
  g_autoptr(GError) error = NULL;
  AwGuidanceModel *model = aw_guidance_model_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return model;
}

/* One phrase finding of "negative" on [start, end) of @part */
static GPtrArray *
negative_hit (AwDraftPart  part,
              int          start,
              int          end,
              const char  *text)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (hits, aw_finding_new ("negative", AW_SEVERITY_WARNING, part, start, end,
                                         text, "m", "w", NULL));
  return hits;
}

/* Format 10: one joint decision per email and span rule. Here it reads the email score
 * alone ("slow" makes it sure) or, with a phrase weight, a phrase hit too */
static void
test_joint_decision (void)
{
  const char *calm = "I waited. It took weeks.";
  const char *slow = "I waited. The process was slow. It took weeks.";
  /* the calm email scores -1 - 5 = -6, the slow one far above 0 */
  const float by_email[5] = { 0.0f, 1.0f, 0.0f, -1.0f, -10.0f };
  const float by_phrase[5] = { 0.0f, 1.0f, 30.0f, -1.0f, -10.0f };
  const float sure[5] = { 0.0f, 1.0f, 0.0f, -1.0f, -3.0f };
  g_autoptr(AwGuidanceModel) model = load_joint_model (by_email);
  int weeks = g_utf8_pointer_to_offset (calm, strstr (calm, "weeks"));
  /* "It took weeks" scores above the unit rule's veto of -20, "I waited" (-35) under it */
  g_autoptr(GPtrArray) weeks_hit = negative_hit (AW_DRAFT_PART_BODY, weeks, weeks + 5, "weeks");
  g_autoptr(GPtrArray) waited_hit = negative_hit (AW_DRAFT_PART_BODY, 0, 8, "I waited");
  g_autofree char *underlined = NULL;
  guint added, dropped;

  /* the email score decides: nothing in the calm email; in the slow one the unit that
   * leans most carries the finding, though no unit reaches its threshold and "It took
   * weeks" scores under the format 9 floor of 0 */
  g_assert_cmpint (judge_count (model, calm, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (judge_count (model, slow, NULL, NULL, &underlined), ==, 1);
  g_assert_cmpstr (underlined, ==, "weeks");

  /* in an email the decision clears, a phrase hit stays unless the veto drops it */
  judge_both (model, calm, weeks_hit, &added, &dropped);
  g_assert_cmpuint (added + dropped, ==, 0);
  judge_both (model, calm, waited_hit, &added, &dropped);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (dropped, ==, 1);
  /* in an email the decision says has the problem, every hit of the rule stays, and
   * the model adds nothing beside it */
  judge_both (model, slow, waited_hit, &added, &dropped);
  g_assert_cmpuint (added + dropped, ==, 0);

  /* a phrase hit in the subject is never judged */
  {
    g_autoptr(GPtrArray) subject_hit = negative_hit (AW_DRAFT_PART_SUBJECT, 0, 5, "weeks");

    judge_both (model, calm, subject_hit, &added, &dropped);
    g_assert_cmpuint (added + dropped, ==, 0);
  }

  /* weighed heavily, a phrase hit makes the email have the problem, so even the hit
   * the veto would drop stays */
  {
    g_autoptr(AwGuidanceModel) heavy_model = load_joint_model (by_phrase);

    judge_both (heavy_model, calm, waited_hit, &added, &dropped);
    g_assert_cmpuint (added + dropped, ==, 0);
  }

  /* sure the calm email is clear (-6 under the drop threshold of -3), the decision drops
   * the phrase hit the veto keeps */
  {
    g_autoptr(AwGuidanceModel) sure_model = load_joint_model (sure);

    judge_both (sure_model, calm, weeks_hit, &added, &dropped);
    g_assert_cmpuint (added, ==, 0);
    g_assert_cmpuint (dropped, ==, 1);
  }

  /* a joint weight that is not a finite number is refused */
  {
    const float broken[5] = { NAN, 1.0f, 0.0f, 0.0f, -G_MAXFLOAT };
    ModelSpec bad = { "weeks", 0, 20, "slow", 0.0f, broken };
    g_autoptr(GBytes) bad_bytes = make_model_from_spec (&bad);

    expect_error (g_bytes_get_data (bad_bytes, NULL), g_bytes_get_size (bad_bytes),
                  AW_GUIDANCE_MODEL_ERROR_INVALID);
  }
}

/* An email-level span rule needs the unit rule of its id: made an email-level rule too,
 * the unit rule "negative" leaves the other without one, and the file is refused */
static void
test_email_span_unpaired (void)
{
  ModelSpec spec = { NULL, 0, 0, "slow", 0.0f, NULL };
  g_autoptr(GBytes) bytes = make_model_from_spec (&spec);
  gsize len;
  g_autofree guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (bytes), &len);
  guint8 *id = NULL;

  for (gsize at = 12; id == NULL && at + 10 < len; at++)
    if (memcmp (copy + at, "\10negative", 9) == 0)
      id = copy + at;
  g_assert_nonnull (id);
  g_assert_cmpint (id[9], ==, AW_MODEL_RULE_UNIT);
  id[9] = AW_MODEL_RULE_EMAIL_SPAN;
  expect_error (copy, len, AW_GUIDANCE_MODEL_ERROR_INVALID);
}

static void
test_finding_defaults (void)
{
  g_autoptr(AwFinding) f = aw_finding_new ("pushy", AW_SEVERITY_WARNING, AW_DRAFT_PART_BODY,
                                           0, 3, "abc", "m", "w", NULL);
  double score;
  AwFindingSource source;

  g_assert_cmpfloat (aw_finding_get_score (f), ==, 1.0);
  g_assert_cmpint (aw_finding_get_source (f), ==, AW_FINDING_SOURCE_PHRASE);
  g_assert_cmpstr (aw_finding_source_to_string (AW_FINDING_SOURCE_MODEL), ==, "model");
  aw_finding_set_score (f, AW_FINDING_SOURCE_MODEL, 0.75);
  g_object_get (f, "score", &score, "source", &source, NULL);
  g_assert_cmpfloat (score, ==, 0.75);
  g_assert_cmpint (source, ==, AW_FINDING_SOURCE_MODEL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guidance-model/bundled", test_bundled);
  g_test_add_func ("/guidance-model/truncated", test_truncated);
  g_test_add_func ("/guidance-model/corrupt", test_corrupt);
  g_test_add_func ("/guidance-model/random", test_random);
  g_test_add_func ("/guidance-model/judge", test_judge);
  g_test_add_func ("/guidance-model/context-blocks", test_context_blocks);
  g_test_add_func ("/guidance-model/email-span", test_email_span);
  g_test_add_func ("/guidance-model/email-span-unpaired", test_email_span_unpaired);
  g_test_add_func ("/guidance-model/joint-decision", test_joint_decision);
  g_test_add_func ("/guidance-model/negation-cancelled", test_negation_cancelled);
  g_test_add_func ("/guidance-model/underline-elision", test_underline_elision);
  g_test_add_func ("/guidance-model/finding-defaults", test_finding_defaults);
  return g_test_run ();
}
