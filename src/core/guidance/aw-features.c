/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-features.c: the learned layer's featurizer
 *
 * A body is cut into units (sentences, clauses, lines such as a greeting), and each unit
 * into hashed features: folded words, word pairs and character 3-5-grams of each word,
 * all of them marked when the word is in a negation's scope (a negation that invites,
 * "don't hesitate to", "n'hésitez pas", has none); outside one, also each word
 * with the word two before it and the three words ending at it; words written in
 * capitals, emoji and "!!" marks, the closing punctuation and the unit's length. Every
 * feature remembers the tokens it came from, so a finding can underline the words that
 * weighed most.
 *
 * Hashing is FNV-1a over a kind byte and the feature's bytes, mixed and masked to
 * hash_bits. Numbers fold to zeros ("5pm" and "9pm" are one word).
 */
#include "config.h"

#include <string.h>

#include "aw-features.h"
#include "aw-guidance-scan.h"

#define MAX_UNIT_TOKENS 80
#define SHORT_LINE_TOKENS 8   /* a line this short ends its unit (greeting, sign-off, name) */
#define MAX_WORD_BYTES 40
#define CHAR_NGRAM_MIN 3
#define CHAR_NGRAM_MAX 5

static inline guint32
fnv_kind (char kind)
{
  return (2166136261u ^ (guchar) kind) * 16777619u;
}

static inline guint32
fnv_byte (guint32 h,
          guchar  b)
{
  return (h ^ b) * 16777619u;
}

static inline guint32
fnv_bytes (guint32     h,
           const char *s,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    h = fnv_byte (h, (guchar) s[i]);
  return h;
}

static inline guint32
to_bucket (guint32 h,
           guint   bits)
{
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  return h & ((1u << bits) - 1);
}

/* Features go straight into the array's room reserved up front (no append calls) */
typedef struct
{
  AwFeature *at;
  guint      bits;
} Out;

static inline void
emit (Out     *out,
      guint32  h,
      guint32  first,
      guint32  last)
{
  out->at->bucket = to_bucket (h, out->bits);
  out->at->first = first;
  out->at->last = last;
  out->at++;
}

/* Whether the lines below @signature_line look like a signature (a name, a title, a phone
 * number), not like more of the letter: below a "sign-off" that was a thanks in the first
 * lines of a short email, the letter goes on in longer lines and sentences */
static gboolean
signature_follows (AwTokens *tokens,
                   guint     signature_line)
{
  for (guint l = signature_line + 1; l < tokens->lines->len; l++)
    if (!aw_guidance_is_signature_line (tokens, l))
      return FALSE;
  return TRUE;
}

/**
 * aw_features_units:
 * @signature_line: index into @tokens->lines of the sign-off line (the lines below it
 *   are the signature), or G_MAXUINT
 * @units: (element-type AwUnit): filled with the units, in text order
 *
 * A unit ends at a clause boundary of the tokenizer (. ! ? ; : blank line), at the
 * end of a short line or of one that ends in punctuation, and after 80 tokens. The lines
 * below @signature_line are the signature only when they look like one.
 */
void
aw_features_units (AwTokens *tokens,
                   guint     signature_line,
                   GArray   *units)
{
  guint n = tokens->tokens->len;
  AwUnit unit = { 0 };
  gboolean open = FALSE;
  guint mark = 0;

  g_array_set_size (units, 0);
  if (signature_line != G_MAXUINT && !signature_follows (tokens, signature_line))
    signature_line = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      const AwToken *tok = &g_array_index (tokens->tokens, AwToken, i);
      gboolean split = !open;

      if (open)
        {
          const AwToken *prev = tok - 1;

          if (tok->flags & AW_TOKEN_BREAK_BEFORE)
            split = TRUE;
          else if (tok->line != prev->line)
            {
              const AwLine *line = &g_array_index (tokens->lines, AwLine, prev->line);

              if (line->n_tokens <= SHORT_LINE_TOKENS || !g_unichar_isalnum (line->last_char))
                split = TRUE;
            }
          if (unit.n_tokens >= MAX_UNIT_TOKENS)
            split = TRUE;
        }
      if (split)
        {
          if (open)
            g_array_append_val (units, unit);
          memset (&unit, 0, sizeof unit);
          unit.first = i;
          unit.char_start = tok->char_start;
          unit.signature = signature_line != G_MAXUINT && tok->line > signature_line;
          open = TRUE;
        }
      unit.n_tokens++;
      unit.char_end = tok->char_end;
    }
  if (open)
    g_array_append_val (units, unit);

  /* the marks (emoji, "!!") up to the next unit's start belong to a unit */
  for (guint u = 0; u < units->len; u++)
    {
      AwUnit *cur = &g_array_index (units, AwUnit, u);
      guint32 limit = u + 1 < units->len ? g_array_index (units, AwUnit, u + 1).char_start
                                         : G_MAXUINT32;

      cur->mark_first = mark;
      while (mark < tokens->marks->len &&
             g_array_index (tokens->marks, AwMark, mark).char_start < limit)
        mark++;
      cur->n_marks = mark - cur->mark_first;
    }
}

/**
 * aw_features_settings_index:
 *
 * Notes the first byte of every negation word, so that most words skip the hash lookup.
 * Call it again after changing @settings->negations.
 */
void
aw_features_settings_index (AwFeatureSettings *settings)
{
  GHashTableIter iter;
  gpointer word;

  memset (settings->negation_first, 0, sizeof settings->negation_first);
  if (settings->negations != NULL)
    {
      g_hash_table_iter_init (&iter, settings->negations);
      while (g_hash_table_iter_next (&iter, &word, NULL))
        {
          guchar first = *(const guchar *) word;

          settings->negation_first[first / 64] |= G_GUINT64_CONSTANT (1) << (first % 64);
        }
    }
  settings->indexed = TRUE;
}

static inline gboolean
is_negation (const AwFeatureSettings *settings,
             const char              *folded)
{
  guchar first = (guchar) folded[0];

  if (settings->negations == NULL)
    return FALSE;
  if (settings->indexed &&
      (settings->negation_first[first / 64] & (G_GUINT64_CONSTANT (1) << (first % 64))) == 0)
    return FALSE;
  return g_hash_table_contains (settings->negations, folded);
}

/**
 * aw_features_parse_cancel:
 * @entry: a negation cancel of one or two words ("hesitate", "zögern Sie"), folded or not
 *
 * The one reading of a cancel, for the rules, the model file and the trainer's tool.
 *
 * Returns: (transfer full) (nullable): its folded words, or %NULL when @entry is not one
 *   or two words
 */
GStrv
aw_features_parse_cancel (const char *entry)
{
  g_autofree char *folded = aw_text_fold (entry);
  g_auto(GStrv) words = g_strsplit (g_strstrip (folded), " ", 3);

  if (words[0] == NULL || words[0][0] == '\0' || g_strv_length (words) > 2)
    return NULL;
  return g_steal_pointer (&words);
}

/* Whether the words of @entry are the tokens from @from on, all within [@lo, @hi] */
static gboolean
entry_matches_at (AwTokens          *tokens,
                  const char *const *entry,
                  gint64             from,
                  guint32            lo,
                  guint32            hi)
{
  for (guint k = 0; entry[k] != NULL; k++)
    if (from + k < lo || from + k > hi ||
        strcmp (aw_tokens_folded (tokens, (guint) (from + k)), entry[k]) != 0)
      return FALSE;
  return TRUE;
}

/* Whether one of @cancels (GStrv entries) starts at token @at, or with @ending, ends there */
static gboolean
any_entry_at (const GPtrArray *cancels,
              AwTokens        *tokens,
              gint64           at,
              gboolean         ending,
              guint32          lo,
              guint32          hi)
{
  for (guint e = 0; cancels != NULL && e < cancels->len; e++)
    {
      const char *const *entry = g_ptr_array_index (cancels, e);
      guint n = g_strv_length ((char **) entry);

      if (n > 0 && entry_matches_at (tokens, entry, ending ? at - n + 1 : at, lo, hi))
        return TRUE;
    }
  return FALSE;
}

/**
 * aw_features_negation_cancelled:
 * @cancels_after: (element-type GStrv) (nullable): entries that cancel a negation they
 *   follow ("hesitate", "only")
 * @cancels_before: (element-type GStrv) (nullable): entries that cancel a negation they
 *   precede ("zögern Sie", "hésitez")
 * @first: the negation's first token
 * @last: its last token
 * @lo: the first token the entries may cover
 * @hi: the last
 * @is_negation: whether a token is a negation word (skipped: "n'hésitez pas")
 *
 * Whether the negation at [@first, @last] is no negation because an entry of
 * @cancels_after comes right after it or one of @cancels_before ends right before it,
 * other negation words aside: "don't hesitate to", "n'hésitez pas à", "Zögern Sie
 * nicht", "not only". The phrase engine and the featurizer both ask this, so that they
 * read a sentence alike.
 */
gboolean
aw_features_negation_cancelled (const GPtrArray *cancels_after,
                                const GPtrArray *cancels_before,
                                AwTokens        *tokens,
                                guint32          first,
                                guint32          last,
                                guint32          lo,
                                guint32          hi,
                                gboolean       (*is_negation) (gpointer  user_data,
                                                              guint32   token),
                                gpointer         user_data)
{
  gint64 after = (gint64) last + 1, before = (gint64) first - 1;

  if ((cancels_after == NULL || cancels_after->len == 0) &&
      (cancels_before == NULL || cancels_before->len == 0))
    return FALSE;
  while (after <= hi && is_negation (user_data, (guint32) after))
    after++;
  while (before >= lo && is_negation (user_data, (guint32) before))
    before--;
  return any_entry_at (cancels_after, tokens, after, FALSE, lo, hi) ||
         any_entry_at (cancels_before, tokens, before, TRUE, lo, hi);
}

typedef struct
{
  const AwFeatureSettings *settings;
  AwTokens                *tokens;
} NegationQuery;

static gboolean
token_is_negation (gpointer user_data,
                   guint32  token)
{
  NegationQuery *query = user_data;

  return is_negation (query->settings, aw_tokens_folded (query->tokens, token));
}

/* A negation word that negates: not one a cancelling entry touches */
static gboolean
starts_negation (const AwFeatureSettings *settings,
                 AwTokens                *tokens,
                 const AwUnit            *unit,
                 guint32                  i)
{
  NegationQuery query = { settings, tokens };

  if (!is_negation (settings, aw_tokens_folded (tokens, i)))
    return FALSE;
  return !aw_features_negation_cancelled (settings->cancels_after, settings->cancels_before,
                                          tokens, i, i,
                                          unit->first, unit->first + unit->n_tokens - 1,
                                          token_is_negation, &query);
}

/* The folded word with digits as 0, cut at MAX_WORD_BYTES */
static gsize
normalize_word (const char *folded,
                gsize       len,
                char       *out)
{
  len = MIN (len, MAX_WORD_BYTES);
  for (gsize i = 0; i < len; i++)
    out[i] = g_ascii_isdigit (folded[i]) ? '0' : folded[i];
  return len;
}

static guint
length_class (guint n)
{
  return n <= 2 ? n : n <= 5 ? 3 : n <= 10 ? 4 : n <= 20 ? 5 : 6;
}

/* A word's character n-grams depend on the word alone (and whether a negation reaches
 * it), and a long text repeats its words: the n-gram buckets of the words seen last are
 * kept, one slot per hash of the word, and copied instead of hashed again. */
#define CACHE_SLOTS 1024
#define CACHE_MAX_WORD 16
#define CACHE_MAX_NGRAMS (3 * CACHE_MAX_WORD)

typedef struct
{
  guint8  len;            /* 0: empty */
  guint8  negated;
  guint8  n_ngrams;
  char    word[CACHE_MAX_WORD];
  guint32 ngrams[CACHE_MAX_NGRAMS];
} CachedWord;

struct _AwFeatureCache
{
  CachedWord slots[CACHE_SLOTS];
};

/**
 * aw_feature_cache_new:
 *
 * Worth it for a long text only: the cache takes about 200 KiB.
 *
 * Returns: (transfer full): an empty cache for aw_features_extract_cached()
 */
AwFeatureCache *
aw_feature_cache_new (void)
{
  return g_new0 (AwFeatureCache, 1);
}

void
aw_feature_cache_free (AwFeatureCache *cache)
{
  g_free (cache);
}

/* The slot @word (after the word feature's hash @h) would be kept in, when it is */
static CachedWord *
cache_slot (AwFeatureCache *cache,
            guint32         h,
            const char     *word,
            gsize           len,
            gboolean        negated)
{
  CachedWord *slot;

  if (cache == NULL || len > CACHE_MAX_WORD)
    return NULL;
  slot = &cache->slots[(h ^ (h >> 16)) & (CACHE_SLOTS - 1)];
  if (slot->len != len || slot->negated != negated || memcmp (slot->word, word, len) != 0)
    {
      slot->len = 0;  /* filled by emit_ngrams() */
      slot->negated = negated;
    }
  return slot;
}

/* The character n-grams of "<word>" (in negation scope a kind of their own: "not
 * reconsider" shares nothing with "reconsider"), from @slot when it has them, into
 * it when it is empty */
static void
emit_ngrams (Out        *out,
             CachedWord *slot,
             const char *word,
             gsize       len,
             gboolean    negated,
             guint32     token)
{
  char padded[MAX_WORD_BYTES + 4];
  guint32 kind = fnv_kind (negated ? 'C' : 'c');
  gsize padded_len = len + 2;
  AwFeature *first = out->at;

  if (slot != NULL && slot->len != 0)
    {
      AwFeature *at = out->at;

      for (guint k = 0; k < slot->n_ngrams; k++, at++)
        {
          at->bucket = slot->ngrams[k];
          at->first = token;
          at->last = token;
        }
      out->at = at;
      return;
    }

  padded[0] = '<';
  memcpy (padded + 1, word, len);
  padded[len + 1] = '>';
  /* from each start, the 3-, 4- and 5-gram in that order, one hash extended */
  for (gsize s = 0; s + CHAR_NGRAM_MIN <= padded_len; s++)
    {
      gsize top = MIN (padded_len - s, CHAR_NGRAM_MAX);
      guint32 h = fnv_bytes (kind, padded + s, CHAR_NGRAM_MIN - 1);

      for (gsize k = CHAR_NGRAM_MIN - 1; k < top; k++)
        {
          h = fnv_byte (h, (guchar) padded[s + k]);
          emit (out, h, token, token);
        }
    }

  if (slot != NULL)
    {
      slot->n_ngrams = out->at - first;
      for (guint k = 0; k < slot->n_ngrams; k++)
        slot->ngrams[k] = first[k].bucket;
      memcpy (slot->word, word, len);
      slot->len = len;
    }
}

/**
 * aw_features_extract:
 * @features: (element-type AwFeature): the unit's features are appended
 */
void
aw_features_extract (const AwFeatureSettings *settings,
                     AwTokens                *tokens,
                     const AwUnit            *unit,
                     GArray                  *features)
{
  aw_features_extract_cached (settings, NULL, tokens, unit, features);
}

/**
 * aw_features_extract_cached:
 * @cache: (nullable): from aw_feature_cache_new(), used with the same @settings every time
 *
 * aw_features_extract(), the same features in the same order, faster on a long text.
 */
void
aw_features_extract_cached (const AwFeatureSettings *settings,
                            AwFeatureCache          *cache,
                            AwTokens                *tokens,
                            const AwUnit            *unit,
                            GArray                  *features)
{
  guint bits = CLAMP (settings->hash_bits, AW_FEATURES_MIN_BITS, AW_FEATURES_MAX_BITS);
  char prev[MAX_WORD_BYTES + 2] = "<s>";
  gsize prev_len = 3;
  char before_prev[MAX_WORD_BYTES + 2] = "<s>";
  gsize before_prev_len = 3;
  guint negated = 0;
  guint32 last = unit->first + unit->n_tokens - 1;
  guint old_len = features->len;
  gboolean question = FALSE, exclamation = FALSE;
  /* per token: word, pair, skip pair, triple, n-grams of "<word>", a capital feature;
   * then the unit's */
  gsize room = (gsize) unit->n_tokens * (5 + 3 * (MAX_WORD_BYTES + 2)) + unit->n_marks + 4;
  Out out;

  if (unit->n_tokens == 0)
    return;
  g_array_set_size (features, old_len + room);
  out.at = &g_array_index (features, AwFeature, old_len);
  out.bits = bits;

  /* its closing punctuation: a question, an exclamation */
  {
    const AwToken *tok = &g_array_index (tokens->tokens, AwToken, last);
    const char *p = tokens->text + tok->byte_end;
    const char *end = last + 1 < tokens->tokens->len
      ? tokens->text + g_array_index (tokens->tokens, AwToken, last + 1).byte_start
      : p + strlen (p);

    for (guint k = 0; p < end && k < 16; p++, k++)
      {
        question |= *p == '?';
        exclamation |= *p == '!';
      }
  }

  for (guint32 i = unit->first; i <= last; i++)
    {
      const AwToken *tok = &g_array_index (tokens->tokens, AwToken, i);
      const char *folded = tokens->folded->str + tok->fold_start;
      char word[MAX_WORD_BYTES + 2];
      gsize len = normalize_word (folded, tok->fold_len, word);
      guint32 word_hash;
      gboolean in_negation;
      guint32 h;

      /* a negation reaches the next negation_window words, not across a comma; in a
       * question it cancels nothing ("Couldn't you reconsider?") */
      if (tok->flags & AW_TOKEN_COMMA_BEFORE)
        negated = 0;
      in_negation = negated > 0;
      if (negated > 0)
        negated--;
      if (!question && starts_negation (settings, tokens, unit, i))
        negated = settings->negation_window;

      /* the word, "!" marking negation scope */
      h = fnv_kind ('w');
      if (in_negation)
        h = fnv_byte (h, '!');
      word_hash = fnv_bytes (h, word, len);
      emit (&out, word_hash, i, i);

      /* the pair with the word before (in negation scope a kind of its own) */
      h = fnv_bytes (fnv_kind (in_negation ? 'B' : 'b'), prev, prev_len);
      h = fnv_byte (h, ' ');
      emit (&out, fnv_bytes (h, word, len), i == unit->first ? i : i - 1, i);

      /* outside a negation, the word with the one two before it ("sure ... will") and the
       * three words ending here: sarcasm and hedged questions are in such short runs
       * ("I'm sure whoever", "I was curious whether") more than in single pairs */
      if (!in_negation)
        {
          guint32 from = i >= unit->first + 2 ? i - 2 : unit->first;

          h = fnv_byte (fnv_bytes (fnv_kind ('g'), before_prev, before_prev_len), ' ');
          emit (&out, fnv_bytes (h, word, len), from, i);
          h = fnv_byte (fnv_bytes (fnv_kind ('t'), before_prev, before_prev_len), ' ');
          h = fnv_byte (fnv_bytes (h, prev, prev_len), ' ');
          emit (&out, fnv_bytes (h, word, len), from, i);
        }
      memcpy (before_prev, prev, prev_len);
      before_prev_len = prev_len;
      memcpy (prev, word, len);
      prev_len = len;

      emit_ngrams (&out, cache_slot (cache, word_hash, word, len, in_negation),
                   word, len, in_negation, i);

      /* capitals: "PLEASE" is shouting, "SQL" is not; the model learns which word. No
       * feature for capitals as such: with one, a name or a code in capitals ("my grant
       * HORIZON-CL5 at the NATIONAL AUDIT OFFICE") read as shouting once the corpus held
       * enough shouted lines */
      if ((tok->flags & AW_TOKEN_ALL_UPPER) && tok->n_letters >= 2)
        emit (&out, fnv_bytes (fnv_kind ('u'), word, len), i, i);
    }

  /* the end of the unit */
  {
    guint32 h = fnv_bytes (fnv_kind ('b'), prev, prev_len);

    emit (&out, fnv_bytes (fnv_byte (h, ' '), "</s>", 4), last, last);
  }

  if (question)
    emit (&out, fnv_byte (fnv_kind ('p'), '?'), last, last);
  if (exclamation)
    emit (&out, fnv_byte (fnv_kind ('p'), '!'), last, last);

  /* emoji, emoticons, "!!" */
  for (guint m = unit->mark_first; m < unit->mark_first + unit->n_marks && m < tokens->marks->len; m++)
    {
      const AwMark *mark = &g_array_index (tokens->marks, AwMark, m);
      guint32 at = unit->first;

      if (mark->kind == AW_MARK_PLACEHOLDER)
        continue;
      while (at < last && g_array_index (tokens->tokens, AwToken, at + 1).char_start <= mark->char_start)
        at++;
      emit (&out, fnv_byte (fnv_kind ('m'), (guchar) ('0' + mark->kind)), at, at);
    }

  /* its length */
  emit (&out, fnv_byte (fnv_kind ('L'), (guchar) ('0' + length_class (unit->n_tokens))),
        AW_FEATURES_NO_TOKEN, AW_FEATURES_NO_TOKEN);

  g_array_set_size (features, out.at - &g_array_index (features, AwFeature, 0));
}
