/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-spell-checker.c: misspelled words of a draft, through enchant, in the email's language
 *
 * Each checker has its own enchant broker, so that words ignored for one draft (enchant's
 * session list) stay with that draft. Results are cached twice: per paragraph (a line of
 * the text, keyed by its text) and per word, so re-checking a draft after a keystroke
 * looks at one paragraph and usually at no word at all.
 */
#include "config.h"

#include <enchant.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "aw-spell-checker.h"
#include "aw-text-fold.h"

#define WORD_CORRECT    1
#define WORD_MISSPELLED 2

typedef struct
{
  GArray *ranges;       /* AwSpellRange, relative to the paragraph */
  guint   generation;   /* of the last check that used it */
} Paragraph;

struct _AwSpellChecker
{
  GObject        parent_instance;

  char          *language;
  char          *dictionary;
  EnchantBroker *broker;
  EnchantDict   *dict;
  GHashTable    *known;        /* casefolded words of the draft's names */
  GHashTable    *words;        /* word -> WORD_CORRECT / WORD_MISSPELLED */
  GHashTable    *paragraphs;   /* paragraph text -> Paragraph */
  guint          generation;
  guint          lookups;
  gint64         deadline;     /* prepare(): stop looking words up after this */
  gboolean       out_of_time;
};

G_DEFINE_FINAL_TYPE (AwSpellChecker, aw_spell_checker, G_TYPE_OBJECT)

static void
paragraph_free (gpointer data)
{
  Paragraph *paragraph = data;

  g_array_unref (paragraph->ranges);
  g_free (paragraph);
}

static void
clear_caches (AwSpellChecker *self)
{
  g_hash_table_remove_all (self->words);
  g_hash_table_remove_all (self->paragraphs);
}

/**
 * aw_spell_checker_dictionaries_for:
 * @language: an email language code ("en", "de", "fr", "es", "it", "pt_BR")
 * @locale: (nullable): a locale name such as "en_GB.UTF-8", or %NULL for the desktop's
 *
 * English follows the locale's region (en_GB in Britain, en_US by default); the other
 * languages have one dictionary each.
 *
 * Returns: (transfer full): the enchant dictionary tags to try, best first
 */
char **
aw_spell_checker_dictionaries_for (const char *language,
                                   const char *locale)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *code = g_strdelimit (g_strdup (language ? language : "en"), "-", '_');

  if (g_ascii_strncasecmp (code, "en", 2) == 0 && (code[2] == '\0' || code[2] == '_'))
    {
      g_autofree char *region = NULL;

      if (code[2] == '_')
        region = g_strdup (code + 3);
      else if (locale != NULL)
        {
          if (g_str_has_prefix (locale, "en_") && strlen (locale) >= 5)
            region = g_strndup (locale + 3, 2);
        }
      else
        {
          const char * const *names = g_get_language_names ();

          for (guint i = 0; names[i] != NULL && region == NULL; i++)
            if (g_str_has_prefix (names[i], "en_") && strlen (names[i]) >= 5)
              region = g_strndup (names[i] + 3, 2);
        }
      if (region != NULL && g_ascii_strcasecmp (region, "US") != 0)
        {
          g_autofree char *upper = g_ascii_strup (region, -1);
          g_autofree char *tag = g_strconcat ("en_", upper, NULL);

          g_strv_builder_add (builder, tag);
        }
      g_strv_builder_add (builder, "en_US");
      g_strv_builder_add (builder, "en_GB");
    }
  else if (g_ascii_strncasecmp (code, "pt", 2) == 0)
    g_strv_builder_add (builder, "pt_BR");
  else if (g_ascii_strncasecmp (code, "de", 2) == 0)
    g_strv_builder_add (builder, "de_DE");
  else if (g_ascii_strncasecmp (code, "fr", 2) == 0)
    g_strv_builder_add (builder, "fr_FR");
  else if (g_ascii_strncasecmp (code, "es", 2) == 0)
    g_strv_builder_add (builder, "es_ES");
  else if (g_ascii_strncasecmp (code, "it", 2) == 0)
    g_strv_builder_add (builder, "it_IT");
  else
    g_strv_builder_add (builder, code);

  return g_strv_builder_end (builder);
}

static void
load_dictionary (AwSpellChecker *self)
{
  g_auto(GStrv) tags = NULL;

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  self->dict = NULL;
  g_clear_pointer (&self->dictionary, g_free);
  clear_caches (self);

  tags = aw_spell_checker_dictionaries_for (self->language, NULL);
  for (guint i = 0; tags[i] != NULL && self->dict == NULL; i++)
    {
      if (!enchant_broker_dict_exists (self->broker, tags[i]))
        continue;
      self->dict = enchant_broker_request_dict (self->broker, tags[i]);
      if (self->dict != NULL)
        self->dictionary = g_strdup (tags[i]);
    }
  if (self->dict == NULL)
    g_debug ("no spelling dictionary for language %s", self->language);
}

AwSpellChecker *
aw_spell_checker_new (const char *language)
{
  AwSpellChecker *self = g_object_new (AW_TYPE_SPELL_CHECKER, NULL);

  aw_spell_checker_set_language (self, language);
  return self;
}

static void
new_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  /* The checker is used by one thread at a time: this one, then the caller's. */
  g_task_return_pointer (task, aw_spell_checker_new (task_data), g_object_unref);
}

void
aw_spell_checker_new_async (const char          *language,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, aw_spell_checker_new_async);
  g_task_set_task_data (task, g_strdup (language ? language : "en"), g_free);
  g_task_run_in_thread (task, new_in_thread);
}

/**
 * aw_spell_checker_new_finish:
 *
 * Returns: (transfer full): the checker (with or without a dictionary), or %NULL when
 *   cancelled
 */
AwSpellChecker *
aw_spell_checker_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
aw_spell_checker_set_language (AwSpellChecker *self,
                               const char     *language)
{
  g_return_if_fail (AW_IS_SPELL_CHECKER (self));

  if (language == NULL)
    language = "en";
  if (self->language != NULL && g_str_equal (self->language, language))
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  load_dictionary (self);
}

const char *
aw_spell_checker_get_language (AwSpellChecker *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CHECKER (self), NULL);

  return self->language;
}

const char *
aw_spell_checker_get_dictionary (AwSpellChecker *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CHECKER (self), NULL);

  return self->dictionary;
}

gboolean
aw_spell_checker_is_available (AwSpellChecker *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CHECKER (self), FALSE);

  return self->dict != NULL;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* URLs, addresses, domains, file names and identifiers are one whitespace-separated
 * chunk that is never spell checked. */
static gboolean
chunk_is_skipped (const char *start,
                  const char *end)
{
  const char *p = start;

  while (p < end && strchr ("(<[\"'", *p) != NULL)
    p++;
  if (end - p >= 4 && g_ascii_strncasecmp (p, "www.", 4) == 0)
    return TRUE;
  if (p < end && *p == '/')
    return TRUE;
  for (const char *q = p; q < end; q++)
    {
      if (*q == '@' || *q == '_' || *q == '\\')
        return TRUE;
      if (*q == ':' && q + 2 < end && q[1] == '/' && q[2] == '/')
        return TRUE;
      /* a dot between two word characters: a domain or a file name */
      if (*q == '.' && q > p && q + 1 < end &&
          g_ascii_isalnum (q[-1]) && g_ascii_isalnum (q[1]))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_known (AwSpellChecker *self,
          const char     *word,
          gssize          len)
{
  g_autofree char *folded = NULL;
  gsize n;

  if (g_hash_table_size (self->known) == 0)
    return FALSE;
  folded = g_utf8_casefold (word, len);
  if (g_hash_table_contains (self->known, folded))
    return TRUE;
  /* a possessive: "Weber's" */
  n = strlen (folded);
  if (n > 2 && folded[n - 1] == 's' && folded[n - 2] == '\'')
    {
      folded[n - 2] = '\0';
      return g_hash_table_contains (self->known, folded);
    }
  return FALSE;
}

/* English writes borrowed words with or without their accents ("résumé", "café",
 * "naïve"), and the en_US dictionary knows most of them only without: a word it rejects
 * is right if its unaccented form is. Only for English: in the other languages an accent
 * changes the word, and a wrong one is a typo. */
static gboolean
is_unaccented_english (AwSpellChecker *self,
                       const char     *word)
{
  g_autofree char *plain = NULL;

  if (!g_str_has_prefix (self->language, "en") || g_str_is_ascii (word))
    return FALSE;
  plain = g_str_to_ascii (word, "C");
  return strchr (plain, '?') == NULL && !g_str_equal (plain, word) &&
         enchant_dict_check (self->dict, plain, strlen (plain)) == 0;
}

static gboolean
lookup_word (AwSpellChecker *self,
             const char     *word)
{
  gpointer cached = g_hash_table_lookup (self->words, word);
  int result;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == WORD_CORRECT;
  self->lookups++;
  result = enchant_dict_check (self->dict, word, strlen (word));
  if (result != 0 && is_unaccented_english (self, word))
    result = 0;
  g_hash_table_insert (self->words, g_strdup (word),
                       GINT_TO_POINTER (result == 0 ? WORD_CORRECT : WORD_MISSPELLED));
  return result == 0;
}

/* Calls @func on every word of @start..@end that the checker would look at: the
 * characters [char_start, char_end) and the word with ASCII apostrophes. */
typedef void (*WordFunc) (AwSpellChecker *self,
                          const char     *word,
                          guint           char_start,
                          guint           char_end,
                          gpointer        data);

static void
scan_chunk_words (AwSpellChecker *self,
                  const char     *start,
                  const char     *end,
                  guint           offset,
                  WordFunc        func,
                  gpointer        data)
{
  const char *p = start;
  GString *word = g_string_sized_new (32);

  while (p < end)
    {
      guint word_start = offset, n = 0, letters = 0, upper = 0, inner_upper = 0;
      gboolean digits = FALSE;
      gunichar c = g_utf8_get_char (p);

      if (!is_word_char (c))
        {
          p = g_utf8_next_char (p);
          offset++;
          continue;
        }

      g_string_truncate (word, 0);
      while (p < end)
        {
          c = g_utf8_get_char (p);
          if (is_apostrophe (c) && n > 0)
            {
              /* inside a word only: "don't", "l’entreprise" */
              const char *next = g_utf8_next_char (p);

              if (next < end && g_unichar_isalpha (g_utf8_get_char (next)))
                {
                  g_string_append_c (word, '\'');
                  p = next;
                  offset++, n++;
                  continue;
                }
              break;
            }
          if (!is_word_char (c))
            break;
          if (g_unichar_isdigit (c))
            digits = TRUE;
          else if (g_unichar_isalpha (c))
            {
              letters++;
              if (g_unichar_isupper (c) || g_unichar_istitle (c))
                {
                  upper++;
                  if (n > 0)
                    inner_upper++;
                }
            }
          g_string_append_unichar (word, c);
          p = g_utf8_next_char (p);
          offset++, n++;
        }

      /* numbers, codes, acronyms ("NDA", "Q3", "iOS"), single letters */
      if (n < 2 || digits || letters < 2 || upper == letters || inner_upper > 0)
        continue;
      func (self, word->str, word_start, offset, data);
    }
  g_string_free (word, TRUE);
}

static void
scan_text (AwSpellChecker *self,
           const char     *start,
           const char     *end,
           WordFunc        func,
           gpointer        data)
{
  const char *p = start;
  guint offset = 0;

  while (p < end)
    {
      const char *chunk = p;
      guint chunk_offset = offset;

      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          offset++;
          continue;
        }
      while (p < end && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      if (!chunk_is_skipped (chunk, p))
        scan_chunk_words (self, chunk, p, chunk_offset, func, data);
    }
}

static void
collect_misspelled (AwSpellChecker *self,
                    const char     *word,
                    guint           char_start,
                    guint           char_end,
                    gpointer        data)
{
  GArray *ranges = data;
  AwSpellRange range = { char_start, char_end };

  /* Out of time in prepare(): the words looked up so far stay in the word cache, the
   * paragraph is not cached and the next step goes on from there. */
  if (self->out_of_time)
    return;
  if (self->deadline > 0 && !g_hash_table_contains (self->words, word) &&
      g_get_monotonic_time () >= self->deadline)
    {
      self->out_of_time = TRUE;
      return;
    }
  if (lookup_word (self, word) || is_known (self, word, -1))
    return;
  g_array_append_val (ranges, range);
}

static void
add_known (AwSpellChecker *self,
           const char     *word,
           guint           char_start,
           guint           char_end,
           gpointer        data)
{
  g_hash_table_add (self->known, g_utf8_casefold (word, -1));
}

void
aw_spell_checker_set_known_texts (AwSpellChecker     *self,
                                  const char * const *texts)
{
  g_return_if_fail (AW_IS_SPELL_CHECKER (self));

  g_hash_table_remove_all (self->known);
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      const char *text = texts[i];
      const char *p = text;
      const char *end = text + strlen (text);

      /* every word, whatever its shape: a name in capitals is still a name */
      while (p < end)
        {
          const char *word = p;

          while (p < end && is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (p > word)
            {
              g_autofree char *plain = g_strndup (word, p - word);
              add_known (self, plain, 0, 0, NULL);
            }
          if (p < end)
            p = g_utf8_next_char (p);
        }
      /* and the apostrophe forms as the scanner sees them ("O'Brien") */
      scan_text (self, text, end, add_known, NULL);
    }
  g_hash_table_remove_all (self->paragraphs);
}

void
aw_spell_checker_set_draft (AwSpellChecker *self,
                            AwDraft        *draft)
{
  const char *texts[5] = { NULL };

  g_return_if_fail (AW_IS_SPELL_CHECKER (self));
  g_return_if_fail (draft == NULL || AW_IS_DRAFT (draft));

  if (draft != NULL)
    {
      guint n = 0;
      const char *fields[] = {
        aw_draft_get_sender_name (draft), aw_draft_get_recipient_name (draft),
        aw_draft_get_company (draft), aw_draft_get_role (draft),
      };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (fields[i] != NULL)
          texts[n++] = fields[i];
    }
  aw_spell_checker_set_known_texts (self, texts);
}

static Paragraph *
check_paragraph (AwSpellChecker *self,
                 const char     *start,
                 const char     *end)
{
  g_autofree char *key = g_strndup (start, end - start);
  Paragraph *paragraph = g_hash_table_lookup (self->paragraphs, key);

  if (paragraph == NULL)
    {
      paragraph = g_new0 (Paragraph, 1);
      paragraph->ranges = g_array_new (FALSE, FALSE, sizeof (AwSpellRange));
      scan_text (self, start, end, collect_misspelled, paragraph->ranges);
      if (self->out_of_time)
        {
          paragraph_free (paragraph);
          return NULL;
        }
      g_hash_table_insert (self->paragraphs, g_steal_pointer (&key), paragraph);
    }
  paragraph->generation = self->generation;
  return paragraph;
}

static gboolean
paragraph_cached (AwSpellChecker *self,
                  const char     *start,
                  const char     *end)
{
  g_autofree char *key = g_strndup (start, end - start);

  return g_hash_table_contains (self->paragraphs, key);
}

static gboolean
paragraph_is_old (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  Paragraph *paragraph = value;

  return paragraph->generation != GPOINTER_TO_UINT (user_data);
}

/**
 * aw_spell_checker_check:
 * @text: (nullable): a subject or body, valid UTF-8
 *
 * Returns: (transfer full) (element-type AwSpellRange): the misspelled words, in order
 */
GArray *
aw_spell_checker_check (AwSpellChecker *self,
                        const char     *text)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (AwSpellRange));
  g_autofree char *masked = NULL;
  const char *p;
  guint offset = 0, n_paragraphs = 0;

  g_return_val_if_fail (AW_IS_SPELL_CHECKER (self), ranges);

  if (self->dict == NULL || text == NULL || *text == '\0')
    return ranges;

  masked = aw_text_mask_quoted (text);
  p = masked != NULL ? masked : text;
  self->generation++;
  for (;;)
    {
      const char *newline = strchr (p, '\n');
      const char *end = newline != NULL ? newline : p + strlen (p);
      Paragraph *paragraph = check_paragraph (self, p, end);

      for (guint i = 0; i < paragraph->ranges->len; i++)
        {
          AwSpellRange range = g_array_index (paragraph->ranges, AwSpellRange, i);

          range.start += offset;
          range.end += offset;
          g_array_append_val (ranges, range);
        }
      n_paragraphs++;
      if (newline == NULL)
        break;
      offset += g_utf8_strlen (p, end - p) + 1;
      p = newline + 1;
    }

  /* Forget paragraphs that are gone, once they are many */
  if (g_hash_table_size (self->paragraphs) > 2 * n_paragraphs + 64)
    g_hash_table_foreach_remove (self->paragraphs, paragraph_is_old,
                                 GUINT_TO_POINTER (self->generation));
  return ranges;
}

gboolean
aw_spell_checker_prepare (AwSpellChecker *self,
                          const char     *text,
                          gint64          deadline_us)
{
  g_autofree char *masked = NULL;
  const char *p;

  g_return_val_if_fail (AW_IS_SPELL_CHECKER (self), TRUE);

  if (self->dict == NULL || text == NULL || *text == '\0')
    return TRUE;

  masked = aw_text_mask_quoted (text);
  p = masked != NULL ? masked : text;
  for (;;)
    {
      const char *newline = strchr (p, '\n');
      const char *end = newline != NULL ? newline : p + strlen (p);

      if (!paragraph_cached (self, p, end))
        {
          gboolean done;

          if (g_get_monotonic_time () >= deadline_us)
            return FALSE;
          self->deadline = deadline_us;
          self->out_of_time = FALSE;
          done = check_paragraph (self, p, end) != NULL;
          self->deadline = 0;
          self->out_of_time = FALSE;
          if (!done)
            return FALSE;
        }
      if (newline == NULL)
        break;
      p = newline + 1;
    }
  return TRUE;
}

gboolean
aw_spell_checker_check_word (AwSpellChecker *self,
                             const char     *word)
{
  g_autoptr(GString) plain = NULL;

  g_return_val_if_fail (AW_IS_SPELL_CHECKER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (self->dict == NULL)
    return TRUE;
  plain = g_string_new (word);
  g_string_replace (plain, "\u2019", "'", 0);
  return lookup_word (self, plain->str) || is_known (self, plain->str, -1);
}

/**
 * aw_spell_checker_suggest:
 *
 * Returns: (transfer full): up to @max replacements for @word, best first
 */
char **
aw_spell_checker_suggest (AwSpellChecker *self,
                          const char     *word,
                          guint           max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) plain = NULL;
  gboolean curly;
  char **suggestions;
  size_t n = 0;
  guint added = 0;

  g_return_val_if_fail (AW_IS_SPELL_CHECKER (self), g_strv_builder_end (builder));
  g_return_val_if_fail (word != NULL, g_strv_builder_end (builder));

  if (self->dict == NULL)
    return g_strv_builder_end (builder);

  /* Suggest in the apostrophe the text uses */
  curly = strstr (word, "\u2019") != NULL;
  plain = g_string_new (word);
  g_string_replace (plain, "\u2019", "'", 0);
  suggestions = enchant_dict_suggest (self->dict, plain->str, plain->len, &n);
  for (size_t i = 0; i < n && added < max; i++)
    {
      g_autoptr(GString) suggestion = g_string_new (suggestions[i]);

      if (curly)
        g_string_replace (suggestion, "'", "\u2019", 0);
      g_strv_builder_add (builder, suggestion->str);
      added++;
    }
  if (suggestions != NULL)
    enchant_dict_free_string_list (self->dict, suggestions);
  return g_strv_builder_end (builder);
}

typedef void (*DictAddFunc) (EnchantDict *dict, const char *const word, ssize_t len);

/* Adds @word, its typographic apostrophes made plain as the dictionaries write them, to the
 * personal word list or the session with @add; paragraphs that had it flagged are looked
 * at again. */
static void
add_plain_word (AwSpellChecker *self,
                const char     *word,
                DictAddFunc     add)
{
  g_autoptr(GString) plain = NULL;

  if (self->dict == NULL)
    return;
  plain = g_string_new (word);
  g_string_replace (plain, "\u2019", "'", 0);
  add (self->dict, plain->str, plain->len);
  clear_caches (self);
}

void
aw_spell_checker_add_word (AwSpellChecker *self,
                           const char     *word)
{
  g_return_if_fail (AW_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  add_plain_word (self, word, enchant_dict_add);
}

void
aw_spell_checker_ignore_word (AwSpellChecker *self,
                              const char     *word)
{
  g_return_if_fail (AW_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  add_plain_word (self, word, enchant_dict_add_to_session);
}

static void
add_part_findings (AwSpellChecker   *self,
                   AwGuidanceReport *report,
                   AwDraftPart       part,
                   const char       *text)
{
  g_autoptr(GArray) ranges = aw_spell_checker_check (self, text);

  for (guint i = 0; i < ranges->len; i++)
    {
      AwSpellRange *range = &g_array_index (ranges, AwSpellRange, i);
      g_autofree char *word = g_utf8_substring (text, range->start, range->end);
      g_auto(GStrv) suggestions = aw_spell_checker_suggest (self, word, 3);
      g_autofree char *message = NULL;
      g_autoptr(AwFinding) finding = NULL;

      if (suggestions[0] != NULL)
        {
          g_autofree char *list = g_strjoinv (", ", suggestions);

          /* Translators: a misspelled word; the second %s lists up to three corrections */
          message = g_strdup_printf (_("“%s” may be misspelled; did you mean %s?"), word, list);
        }
      else
        /* Translators: %s is a misspelled word */
        message = g_strdup_printf (_("“%s” may be misspelled"), word);
      finding = aw_finding_new ("spelling", AW_SEVERITY_SUGGESTION, part, range->start, range->end,
                                word, message,
                                _("The dictionary of the email’s language does not know this word."),
                                suggestions[0]);
      aw_guidance_report_add (report, finding);
    }
}

/**
 * aw_spell_checker_add_findings:
 * @subject: (nullable): the subject
 * @body: (nullable): the body
 */
void
aw_spell_checker_add_findings (AwSpellChecker   *self,
                               AwGuidanceReport *report,
                               const char       *subject,
                               const char       *body)
{
  g_return_if_fail (AW_IS_SPELL_CHECKER (self));
  g_return_if_fail (AW_IS_GUIDANCE_REPORT (report));

  if (self->dict == NULL)
    return;
  add_part_findings (self, report, AW_DRAFT_PART_SUBJECT, subject);
  add_part_findings (self, report, AW_DRAFT_PART_BODY, body);
}

guint
aw_spell_checker_get_lookups (AwSpellChecker *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CHECKER (self), 0);

  return self->lookups;
}

static void
aw_spell_checker_finalize (GObject *object)
{
  AwSpellChecker *self = AW_SPELL_CHECKER (object);

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  g_clear_pointer (&self->broker, enchant_broker_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->dictionary, g_free);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->words, g_hash_table_unref);
  g_clear_pointer (&self->paragraphs, g_hash_table_unref);

  G_OBJECT_CLASS (aw_spell_checker_parent_class)->finalize (object);
}

static void
aw_spell_checker_class_init (AwSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aw_spell_checker_finalize;
}

static void
aw_spell_checker_init (AwSpellChecker *self)
{
  self->broker = enchant_broker_init ();
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->paragraphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, paragraph_free);
}
