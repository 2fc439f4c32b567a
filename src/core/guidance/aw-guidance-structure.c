/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-structure.c: the form of an email rather than its phrases
 *
 * Emoji, shouting capitals and repeated "!!", unfilled template fields, an elided name
 * in the greeting, a quoted reply subject, and what an email lacks: greeting, sign-off,
 * thanks, a feedback request, or a length within the limit.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "aw-guidance-scan.h"
#include "aw-languages.h"

#define NAME_WORDS 4            /* "Maria Clara Souza Lima" */
#define NAME_LINE_TOKENS 8      /* with particles, a kiss or a role after a comma */
#define NAME_ROLE_TOKENS 3      /* "Dario Colombo, plumber" */
#define NAME_SIGNATURE_LINES 3  /* short lines below the name: a role, a phone, a link */

static const char *msg_emoji = N_("Emoji are too casual for this email.");
static const char *msg_exclamation = N_("Several exclamation or question marks read as shouting.");
static const char *msg_caps = N_("Words in capitals read as shouting.");

static gboolean
is_acronym (AwScan     *scan,
            const char *folded)
{
  return g_hash_table_contains (scan->check->rules->acronyms, folded) ||
         g_hash_table_contains (scan->check->acronyms, folded);
}

static gboolean
is_x_run (const char *folded,
          guint       len)
{
  if (len < 3)
    return FALSE;
  for (guint i = 0; i < len; i++)
    if (folded[i] != 'x')
      return FALSE;
  return TRUE;
}

static gboolean
has_vowel (const char *folded)
{
  return strpbrk (folded, "aeiouy") != NULL;
}

static gboolean
is_caps_word (AwScan *scan,
              guint   i)
{
  const AwToken *tok = &g_array_index (scan->tokens->tokens, AwToken, i);

  return (tok->flags & AW_TOKEN_ALL_UPPER) && tok->n_letters >= 2 &&
         !(tok->flags & AW_TOKEN_QUOTED) && !scan->placeholder[i];
}

static gboolean
is_detect_word (AwScan     *scan,
                const char *folded)
{
  GPtrArray *detect = scan->check->rules->detect;

  for (guint w = 0; w < detect->len; w++)
    if (strcmp (g_ptr_array_index (detect, w), folded) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_known_word (AwScan *scan,
               guint   i)
{
  return scan->atom_start[i + 1] > scan->atom_start[i] ||
         is_detect_word (scan, aw_tokens_folded (scan->tokens, i));
}

static gboolean
has_digit (const AwToken *tok)
{
  return tok->n_letters < tok->char_end - tok->char_start;
}

/* A token joined by a hyphen or apostrophe to one with digits belongs to a code */
static gboolean
is_code_part (AwScan *scan,
              guint   i)
{
  GArray *tokens = scan->tokens->tokens;
  const AwToken *tok = &g_array_index (tokens, AwToken, i);

  if ((tok->flags & AW_TOKEN_GLUED) && i > 0 &&
      has_digit (&g_array_index (tokens, AwToken, i - 1)))
    return TRUE;
  if (i + 1 < tokens->len)
    {
      const AwToken *next = &g_array_index (tokens, AwToken, i + 1);

      if ((next->flags & AW_TOKEN_GLUED) && has_digit (next))
        return TRUE;
    }
  return FALSE;
}

/* A word in capitals that shouts: not an acronym (listed, or without vowels like KPMG),
 * not a placeholder, and only a word the rules know (VERY, MUST) or one next to other
 * capitals (PLEASE DO NOT); company names (ACME, IKEA, NOKIA) pass. */
static gboolean
is_shouting (AwScan        *scan,
             guint          i,
             const AwToken *tok,
             const char    *folded)
{
  guint first, last, n_known = 0;

  if (!(tok->flags & AW_TOKEN_ALL_UPPER) || tok->n_letters < 4 ||
      tok->n_letters != tok->char_end - tok->char_start ||
      (tok->flags & AW_TOKEN_QUOTED) || scan->placeholder[i] ||
      is_acronym (scan, folded) || !has_vowel (folded) ||
      is_x_run (folded, tok->fold_len) || strcmp (folded, "todo") == 0)
    return FALSE;

  /* "HORIZON-CL5", "ECON-101": part of a code */
  if (is_code_part (scan, i))
    return FALSE;

  /* alone, only a word the rules or the detection know shouts (REALLY, NEVER,
   * UNACCEPTABLE); a lone unknown one is a name in capitals (NOKIA, ENDESA, ITESM).
   * A run of capitals shouts when at least half of its words are known (PLEASE DO NOT);
   * otherwise it is a name too (NATIONAL AUDIT OFFICE). */
  first = last = i;
  while (first > 0 && is_caps_word (scan, first - 1) &&
         g_array_index (scan->tokens->tokens, AwToken, first - 1).line == tok->line)
    first--;
  while (last + 1 < scan->tokens->tokens->len && is_caps_word (scan, last + 1) &&
         g_array_index (scan->tokens->tokens, AwToken, last + 1).line == tok->line)
    last++;
  for (guint t = first; t <= last; t++)
    n_known += is_known_word (scan, t);
  return 2 * n_known >= last - first + 1 && n_known > 0;
}

void
aw_guidance_report_structure (AwScan *scan)
{
  AwTokens *tokens = scan->tokens;
  guint n = tokens->tokens->len;
  guint tok_index = 0;

  for (guint m = 0; m < tokens->marks->len; m++)
    {
      const AwMark *mark = &g_array_index (tokens->marks, AwMark, m);
      g_autofree char *text = aw_guidance_span_text (tokens, mark->byte_start, mark->byte_end);

      switch (mark->kind)
        {
        case AW_MARK_EMOJI:
        case AW_MARK_EMOTICON:
          aw_guidance_add_finding (scan, AW_RULE_UNPROFESSIONAL, -1, mark->char_start, mark->char_end,
                                   text, _(msg_emoji), "");
          break;
        case AW_MARK_EXCLAMATION:
          aw_guidance_add_finding (scan, AW_RULE_UNPROFESSIONAL, -1, mark->char_start, mark->char_end,
                                   text, _(msg_exclamation), strchr (text, '!') ? "!" : "?");
          break;
        case AW_MARK_PARENTHESES:
          {
            g_autofree char *field = aw_guidance_rules_fold_field (text);

            if (!g_hash_table_contains (scan->check->rules->template_fields, field))
              break;
          }
          G_GNUC_FALLTHROUGH;
        case AW_MARK_PLACEHOLDER:
          aw_guidance_add_finding (scan, AW_RULE_PLACEHOLDER, -1, mark->char_start, mark->char_end,
                                   text, NULL, NULL);
          /* "[POSTE]" is a placeholder, not shouting: marks and tokens are both in
           * text order, so one index walks along */
          while (tok_index < n &&
                 g_array_index (tokens->tokens, AwToken, tok_index).char_start < mark->char_start)
            tok_index++;
          for (guint t = tok_index;
               t < n && g_array_index (tokens->tokens, AwToken, t).char_end <= mark->char_end;
               t++)
            scan->placeholder[t] = 1;
          break;
        default:
          break;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const AwToken *tok = &g_array_index (tokens->tokens, AwToken, i);
      const char *folded = aw_tokens_folded (tokens, i);

      /* "TODO" alone is a placeholder; "a TODO-list app" names a thing */
      gboolean glued = (tok->flags & AW_TOKEN_GLUED) ||
                       (i + 1 < n && (g_array_index (tokens->tokens, AwToken, i + 1).flags &
                                      AW_TOKEN_GLUED));

      if ((tok->flags & AW_TOKEN_ALL_UPPER) &&
          (is_x_run (folded, tok->fold_len) ||
           (!glued && tok->fold_len == 4 && strcmp (folded, "todo") == 0) ||
           (!glued && tok->fold_len == 3 && strcmp (folded, "tbd") == 0)))
        {
          g_autofree char *text = aw_guidance_span_text (tokens, tok->byte_start, tok->byte_end);

          aw_guidance_add_finding (scan, AW_RULE_PLACEHOLDER, -1, tok->char_start, tok->char_end,
                                   text, NULL, NULL);
        }
      /* "JOHN CARTER" under "Best regards," is a signature, not shouting */
      else if (tok->line > scan->signoff_line)
        continue;
      else if (is_shouting (scan, i, tok, folded))
        {
          guint last = i;
          g_autofree char *text = NULL;
          g_autofree char *lower = NULL;
          const AwToken *end;

          while (last + 1 < n)
            {
              const AwToken *next = &g_array_index (tokens->tokens, AwToken, last + 1);

              if (!(next->flags & AW_TOKEN_ALL_UPPER) || next->n_letters < 2 ||
                  scan->placeholder[last + 1] ||
                  next->line != tok->line || (next->flags & AW_TOKEN_BREAK_BEFORE) ||
                  is_acronym (scan, aw_tokens_folded (tokens, last + 1)))
                break;
              last++;
            }
          end = &g_array_index (tokens->tokens, AwToken, last);
          text = aw_guidance_span_text (tokens, tok->byte_start, end->byte_end);
          lower = g_utf8_strdown (text, -1);
          if (tok->flags & AW_TOKEN_BREAK_BEFORE)
            {
              char *capital = aw_guidance_match_case (lower, text);

              g_free (lower);
              lower = capital;
            }
          aw_guidance_add_finding (scan, AW_RULE_UNPROFESSIONAL, -1, tok->char_start, end->char_end,
                                   text, _(msg_caps), lower);
          i = last;
        }
    }
}

/* "Dear Ms. ...," or "Frau …,": the name was left out of the greeting. The ellipsis must
 * stand alone between a space and the end of the line or its comma. */
void
aw_guidance_report_elided_name (AwScan *scan)
{
  const char *text = scan->tokens->text;
  const char *line_end = strchr (text, '\n');
  const char *p = text;

  /* only a greeting line: a longer first line that trails off is a sentence */
  if (scan->tokens->lines->len == 0 ||
      g_array_index (scan->tokens->lines, AwLine, 0).n_tokens > 4)
    return;
  if (line_end == NULL)
    line_end = text + strlen (text);
  while ((p = strchr (p, ' ')) != NULL && p < line_end)
    {
      const char *dots = p + 1;
      const char *after;
      guint len = 0;

      p++;
      if (g_str_has_prefix (dots, "..."))
        len = 3;
      else if (g_str_has_prefix (dots, "\u2026"))
        len = strlen ("\u2026");
      if (len == 0)
        continue;
      after = dots + len;
      while (*after == '.' || *after == ' ')
        after++;
      if (after >= line_end || *after == ',' || *after == ':' || *after == '\r')
        {
          glong start = g_utf8_pointer_to_offset (text, dots);
          glong end = g_utf8_pointer_to_offset (text, dots + len);
          g_autofree char *span = g_strndup (dots, len);

          aw_guidance_add_finding (scan, AW_RULE_PLACEHOLDER, -1, start, end, span, NULL, NULL);
          return;
        }
    }
}

/* "x", "xx", "xo": a kiss beside the name ("Ellie x", "xo Brooke") */
static gboolean
is_kiss (const char *folded)
{
  return folded[0] != '\0' && strlen (folded) <= 4 && strspn (folded, "xo") == strlen (folded) &&
         strchr (folded, 'x') != NULL;
}

/* Whether line @index is a name: 1-4 words starting with a capital, name particles
 * between them ("Sanne de Vries"), a kiss beside them, and after a comma up to three
 * words of a role ("Dario Colombo, plumber") */
static gboolean
is_name_line (AwTokens *tokens,
              guint     index)
{
  GHashTable *particles = aw_languages_get_word_set (AW_LANGUAGE_WORDS_NAME_PARTICLES,
                                                     aw_text_fold);
  const AwLine *line = &g_array_index (tokens->lines, AwLine, index);
  guint n_names = 0;

  if (line->n_tokens == 0 || line->n_tokens > NAME_LINE_TOKENS ||
      line->last_char == '?' || line->last_char == '!' || line->last_char == ':' ||
      line->last_char == ',')
    return FALSE;
  for (guint t = line->first_token; t < line->first_token + line->n_tokens; t++)
    {
      const AwToken *tok = &g_array_index (tokens->tokens, AwToken, t);
      const char *folded = aw_tokens_folded (tokens, t);

      if (n_names > 0 && (tok->flags & AW_TOKEN_COMMA_BEFORE))
        return line->first_token + line->n_tokens - t <= NAME_ROLE_TOKENS;
      if (is_kiss (folded) || (n_names > 0 && g_hash_table_contains (particles, folded)))
        continue;
      if (!(tok->flags & (AW_TOKEN_INITIAL_CAP | AW_TOKEN_ALL_UPPER)) || tok->n_letters == 0 ||
          ++n_names > NAME_WORDS)
        return FALSE;
    }
  return n_names > 0;
}

/* "Sam" or "Dana Ruiz" alone on the last line, under at least one other line: a short
 * note signed with the name is signed off (LABELLING.md). The name may stand above a
 * short signature ("Caio\nSent from my phone") and a postscript. */
static gboolean
ends_with_name (AwTokens *tokens)
{
  guint n_lines = aw_guidance_letter_lines (tokens);

  for (guint l = n_lines; l-- > 1 && l + NAME_SIGNATURE_LINES >= n_lines;)
    {
      if (is_name_line (tokens, l))
        return TRUE;
      if (!aw_guidance_is_signature_line (tokens, l))
        return FALSE;
    }
  return FALSE;
}

/* "Re: Update on your application" quotes their subject: its words are theirs, not a
 * request of the writer, so they count as quoted (placeholders are still found). The
 * markers are the "reply_prefixes" of every language (Re:, AW:, TR:, RV:). */
void
aw_guidance_mark_reply_subject (AwTokens *tokens)
{
  const AwToken *first;

  if (tokens->tokens->len == 0)
    return;
  first = &g_array_index (tokens->tokens, AwToken, 0);
  if (tokens->text[first->byte_end] != ':' ||
      !g_hash_table_contains (aw_languages_get_word_set (AW_LANGUAGE_WORDS_REPLY_PREFIXES,
                                                         aw_text_fold),
                              aw_tokens_folded (tokens, 0)))
    return;
  for (guint t = 0; t < tokens->tokens->len; t++)
    g_array_index (tokens->tokens, AwToken, t).flags |= AW_TOKEN_QUOTED;
}

/* What the body lacks: a greeting, a sign-off, thanks (said in a phrase or sure to the
 * model), a feedback request; or what it has too much of: words */
void
aw_guidance_report_absences (AwCheck          *check,
                             AwScan           *scan,
                             AwTokens         *body,
                             AwGuidanceReport *report)
{
  const AwLine *first_line;

  if (body->tokens->len == 0)
    return;

  /* "Anna," or "Frau Weber," alone on the first line greets too */
  first_line = &g_array_index (body->lines, AwLine, 0);
  if (!scan->has_greeting && first_line->n_tokens <= 4 &&
      (first_line->last_char == ',' || first_line->last_char == ':') &&
      body->lines->len > 1)
    scan->has_greeting = TRUE;

  if (!scan->has_greeting)
    aw_guidance_add_absence (check, report, AW_RULE_GREETING, NULL);
  if (!scan->has_signoff && !ends_with_name (body))
    aw_guidance_add_absence (check, report, AW_RULE_SIGN_OFF, NULL);
  if (body->n_words > AW_GUIDANCE_MAX_WORDS)
    aw_guidance_add_absence (check, report, AW_RULE_TOO_LONG, NULL);
  if (!check->has_thanks)
    aw_guidance_add_absence (check, report, AW_RULE_MISSING_THANKS,
                             check->rules->insert_thanks);
  if (!check->has_feedback)
    aw_guidance_add_absence (check, report, AW_RULE_MISSING_FEEDBACK_REQUEST,
                             check->rules->insert_feedback);
}
