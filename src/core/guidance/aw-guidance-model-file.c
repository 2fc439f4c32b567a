/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-model-file.c: reading a model file (data/guidance/<code>.model)
 *
 * Checks a whole file before anything uses it: magic number, version, header, rule ids
 * and kinds, sizes and the CRC-32; the weights stay in the file's bytes (a GResource,
 * never copied). Every fault is a GError naming it, never a crash. FORMAT.md, "Model
 * files", has the layout.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "aw-guidance-model-private.h"

#define MAGIC "AWGM"
#define PREFIX_SIZE 12        /* magic, version, reserved, header size */

G_DEFINE_QUARK (aw-guidance-model-error-quark, aw_guidance_model_error)

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

guint
aw_guidance_model_find_unit_rule (AwGuidanceModel *model,
                                  const char      *id)
{
  guint r;

  for (r = 0; r < model->n_rules; r++)
    if (model->rules[r].kind == AW_MODEL_RULE_UNIT && g_str_equal (model->rules[r].id, id))
      break;
  return r;
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
      u = aw_guidance_model_find_unit_rule (model, rule->id);
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
      if (kind == AW_MODEL_RULE_EMAIL_SPAN)
        {
          rule->joint_unit = read_f32 (&r, "a joint decision's weight");
          rule->joint_email = read_f32 (&r, "a joint decision's weight");
          rule->joint_phrase = read_f32 (&r, "a joint decision's weight");
          rule->joint_bias = read_f32 (&r, "a joint decision's bias");
          rule->joint_drop = read_f32 (&r, "a joint decision's drop threshold");
          if (r.failed)
            return NULL;
          if (!isfinite (rule->joint_unit) || !isfinite (rule->joint_email) ||
              !isfinite (rule->joint_phrase) || !isfinite (rule->joint_bias) ||
              !isfinite (rule->joint_drop))
            return invalid (&r, "a joint decision's weight or bias is not a finite number"), NULL;
        }
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
