/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-phrases.c: what the phrase hits of one part mean
 *
 * Negations and allowed phrases decide about the other hits; greetings, sign-offs,
 * thanks and feedback requests are noted; the remaining phrase hits become findings,
 * overlapping hits of one rule merged into one.
 */
#include "config.h"

#include <string.h>

#include "aw-features.h"
#include "aw-guidance-scan.h"

#define ASK_REACH_BYTES 400  /* how far a feedback topic looks for its question mark */

/* Whether the clause of @token ends in "?" */
static gboolean
in_question (AwScan *scan,
             guint   token)
{
  AwTokens *tokens = scan->tokens;
  guint n = tokens->tokens->len;
  guint last = token;
  const char *p;

  while (last + 1 < n && scan->clause[last + 1] == scan->clause[token])
    last++;
  p = tokens->text + g_array_index (tokens->tokens, AwToken, last).byte_end;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '"' || *p == ')')
    p++;
  return *p == '?';
}

static gboolean
is_negated (AwScan *scan,
            guint   start)
{
  AwGuidanceRules *rules = scan->check->rules;
  guint window = rules->negation_window;

  /* a negated question still asks: "Couldn't you reconsider?", "¿No podrían
   * reconsiderar?", "Wouldn't you share some feedback?" */
  if (in_question (scan, start))
    return FALSE;

  for (guint k = start; k > 0 && start - (k - 1) <= window; k--)
    {
      const AwToken *after = &g_array_index (scan->tokens->tokens, AwToken, k);

      if (after->flags & AW_TOKEN_BREAK_BEFORE)
        return FALSE;
      if ((after->flags & AW_TOKEN_COMMA_BEFORE) && rules->comma_ends_negation)
        return FALSE;
      if (scan->clause[k - 1] != scan->clause[start])
        return FALSE;
      if (scan->negation[k - 1])
        return TRUE;
    }
  return FALSE;
}

static gboolean
token_is_marked_negation (gpointer user_data,
                          guint32  token)
{
  AwScan *scan = user_data;

  return scan->negation[token];
}

/* "don't hesitate to", "n'hésitez pas", "not only": a negation next to one of the
 * language's cancelling words negates nothing. Decided on the marks as they were, then
 * cleared, so that the order of the hits does not matter. */
static void
unmark_cancelled_negations (AwScan *scan)
{
  AwGuidanceRules *rules = scan->check->rules;
  g_autoptr(GArray) cancelled = NULL;
  guint n = scan->tokens->tokens->len;

  if ((rules->cancels_after->len == 0 && rules->cancels_before->len == 0) || n == 0)
    return;
  for (guint h = 0; h < scan->hits->len; h++)
    {
      const AwHit *hit = &g_array_index (scan->hits, AwHit, h);
      const AwPattern *pattern = &g_array_index (rules->patterns, AwPattern, hit->pattern);

      if (pattern->kind == AW_PATTERN_NEGATION &&
          aw_features_negation_cancelled (rules->cancels_after, rules->cancels_before,
                                          scan->tokens,
                                          hit->start, hit->end, 0, n - 1,
                                          token_is_marked_negation, scan))
        {
          if (cancelled == NULL)
            cancelled = g_array_new (FALSE, FALSE, sizeof (const AwHit *));
          g_array_append_val (cancelled, hit);
        }
    }
  for (guint c = 0; cancelled != NULL && c < cancelled->len; c++)
    {
      const AwHit *hit = g_array_index (cancelled, const AwHit *, c);

      memset (scan->negation + hit->start, 0, hit->end - hit->start + 1);
    }
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const AwHit *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return x->pattern < y->pattern ? -1 : (x->pattern > y->pattern);
}

typedef struct
{
  const AwPattern *pattern;
  guint32          start;
  guint32          end;
  gboolean         merged;
} Pending;

static void
emit_phrase (AwScan  *scan,
             Pending *pending)
{
  const AwToken *first = &g_array_index (scan->tokens->tokens, AwToken, pending->start);
  const AwToken *last = &g_array_index (scan->tokens->tokens, AwToken, pending->end);
  g_autofree char *text = aw_guidance_span_text (scan->tokens, first->byte_start,
                                                  last->byte_end);
  g_autofree char *suggestion = NULL;

  if (!pending->merged)
    suggestion = aw_guidance_match_case (pending->pattern->suggestion, text);
  aw_guidance_add_finding (scan, pending->pattern->rule_id, pending->pattern->severity,
                           first->char_start, last->char_end, text, NULL, suggestion);

  /* "INSERT COMPANY" is a placeholder, not shouting */
  if (g_str_equal (pending->pattern->rule_id, AW_RULE_PLACEHOLDER))
    memset (scan->placeholder + pending->start, 1, pending->end - pending->start + 1);
}

/* Whether only a signature block follows line @index: name, title, phone, address,
 * links, "Sent from my phone": short lines, however many of them (up to a limit) */
static gboolean
only_signature_follows (AwTokens *tokens,
                        guint     index)
{
  guint n_lines = tokens->lines->len;

  if (n_lines - index - 1 > SIGNATURE_MAX_LINES)
    return FALSE;
  for (guint l = index + 1; l < n_lines; l++)
    if (g_array_index (tokens->lines, AwLine, l).n_tokens > SIGNATURE_LINE_TOKENS)
      return FALSE;
  return TRUE;
}

/* Whether the lines below @index read as a signature, not as more of the letter: short,
 * and none a sentence of its own. "Thanks for the interviews." at the top of a short note
 * is no sign-off when a question follows it. */
static gboolean
signature_below (AwTokens *tokens,
                 guint     index)
{
  guint n_lines = aw_guidance_letter_lines (tokens);

  for (guint l = index + 1; l < n_lines; l++)
    if (!aw_guidance_is_signature_line (tokens, l))
      return FALSE;
  return TRUE;
}

/* Whether the text after @token reaches a "?" before the sentence ends (". ", "!", a
 * blank line): the question is the sentence's, across a clause-break word or a colon
 * ("¿Habría algo que reforzar mientras tanto?", "Was hätte es stärker gemacht: der
 * Preis oder der Stil?") */
static gboolean
asks_after (AwScan *scan,
            guint   token)
{
  const AwToken *tok = &g_array_index (scan->tokens->tokens, AwToken, token);
  const char *p = scan->tokens->text + tok->byte_end;

  /* a bounded look: many topics in a long unpunctuated text stay linear */
  for (guint reach = 0; *p != '\0' && reach < ASK_REACH_BYTES; p++, reach++)
    {
      if (*p == '?')
        return TRUE;
      if (*p == '!' || (*p == '\n' && p[1] == '\n') ||
          (*p == '.' && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0')))
        return FALSE;
    }
  return FALSE;
}

/* A feedback topic ("what was missing", "where I fell short") asks for feedback in a
 * question, or in a sentence that requests ("I'd be grateful to hear which parts were
 * weaker", "Let me know what didn't convince you"). Negation is no matter here: "what
 * didn't work" asks as much as "what worked". @requesting holds the sentences with a
 * request (sentence number + 1), so a long text with many topics stays linear. */
static gboolean
topic_is_asked (AwScan      *scan,
                GHashTable  *requesting,
                const AwHit *topic)
{
  return asks_after (scan, topic->end) ||
         g_hash_table_contains (requesting, GUINT_TO_POINTER (scan->sentence[topic->start] + 1));
}

static void
find_asked_topics (AwScan *scan)
{
  AwGuidanceRules *rules = scan->check->rules;
  g_autoptr(GHashTable) requesting = g_hash_table_new (NULL, NULL);

  for (guint h = 0; h < scan->hits->len; h++)
    {
      const AwHit *hit = &g_array_index (scan->hits, AwHit, h);

      if (g_array_index (rules->patterns, AwPattern, hit->pattern).kind == AW_PATTERN_REQUEST)
        g_hash_table_add (requesting, GUINT_TO_POINTER (scan->sentence[hit->start] + 1));
    }
  for (guint h = 0; h < scan->hits->len && !scan->check->has_feedback; h++)
    {
      const AwHit *hit = &g_array_index (scan->hits, AwHit, h);

      if (g_array_index (rules->patterns, AwPattern, hit->pattern).kind ==
            AW_PATTERN_FEEDBACK_TOPIC &&
          topic_is_asked (scan, requesting, hit))
        scan->check->has_feedback = TRUE;
    }
}

/* Whether a thanks pattern starts at @token */
static gboolean
starts_thanks (AwScan *scan,
               guint   token)
{
  AwGuidanceRules *rules = scan->check->rules;

  for (guint h = 0; h < scan->hits->len; h++)
    {
      const AwHit *hit = &g_array_index (scan->hits, AwHit, h);

      if (hit->start == token &&
          g_array_index (rules->patterns, AwPattern, hit->pattern).kind == AW_PATTERN_THANKS)
        return TRUE;
    }
  return FALSE;
}

void
aw_guidance_report_phrases (AwScan *scan)
{
  AwGuidanceRules *rules = scan->check->rules;
  AwTokens *tokens = scan->tokens;
  GHashTable *last_end = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  guint n_lines = tokens->lines->len;

  g_array_sort (scan->hits, compare_hits);

  /* negation and allowed spans first: they decide about the other hits */
  for (guint h = 0; h < scan->hits->len; h++)
    {
      const AwHit *hit = &g_array_index (scan->hits, AwHit, h);
      const AwPattern *pattern = &g_array_index (rules->patterns, AwPattern, hit->pattern);

      if (pattern->kind == AW_PATTERN_NEGATION)
        memset (scan->negation + hit->start, 1, hit->end - hit->start + 1);
      else if (pattern->kind == AW_PATTERN_ALLOW)
        memset (scan->allowed + hit->start, 1, hit->end - hit->start + 1);
      else if (pattern->kind == AW_PATTERN_THANKS_EXCEPTION)
        memset (scan->not_thanks + hit->start, 1, hit->end - hit->start + 1);
    }
  unmark_cancelled_negations (scan);

  for (guint h = 0; h < scan->hits->len; h++)
    {
      const AwHit *hit = &g_array_index (scan->hits, AwHit, h);
      const AwPattern *pattern = &g_array_index (rules->patterns, AwPattern, hit->pattern);
      const AwToken *first = &g_array_index (tokens->tokens, AwToken, hit->start);
      gboolean allowed = FALSE;
      Pending *pending;
      gpointer key;

      switch (pattern->kind)
        {
        case AW_PATTERN_GREETING:
          if (n_lines > 0 && hit->start == g_array_index (tokens->lines, AwLine, 0).first_token)
            scan->has_greeting = TRUE;
          break;

        case AW_PATTERN_SIGNOFF:
          /* "Best regards," near the end, on a short line of its own: a closing
           * sentence in the last paragraph is no sign-off */
          if ((first->line + SIGNOFF_LINES >= n_lines ||
               only_signature_follows (tokens, first->line)) && first->line > 0)
            {
              const AwLine *line = &g_array_index (tokens->lines, AwLine, first->line);
              /* a closing formula ("Best regards,", "Thanks again!", "Rimango a
               * disposizione e porgo distinti saluti."), not a sentence that happens to
               * thank ("Thank you for ... on Friday.", also when hard-wrapped): a thanks
               * sign-off must end its line or start a short one */
              guint line_end = line->first_token + line->n_tokens - 1;

              gboolean thanks = starts_thanks (scan, hit->start);
              gboolean ends_line = hit->end + 1 >= line_end;
              gboolean one_sentence = TRUE;

              /* "Thank you for your time. Could you share any feedback?" is a paragraph */
              for (guint t = hit->end + 1; t <= line_end && one_sentence; t++)
                one_sentence = !(g_array_index (tokens->tokens, AwToken, t).flags &
                                 AW_TOKEN_BREAK_BEFORE);

              gboolean formula =
                (line->n_tokens <= SIGNOFF_MAX_TOKENS &&
                 (!thanks || ends_line ||
                  (hit->start == line->first_token && one_sentence &&
                   line->n_tokens <= SIGNOFF_SENTENCE_TOKENS))) ||
                /* "Dans l'attente de votre retour, je vous prie d'agréer, Madame,
                 * l'expression de mes salutations distinguées." */
                (!thanks && ends_line && line->n_tokens <= SIGNOFF_LONG_TOKENS);

              /* "I remain at your disposal for future openings." as the last line,
               * with no name below, is a closing sentence, not a sign-off */
              gboolean last_sentence =
                !thanks && !ends_line && first->line + 1 >= aw_guidance_letter_lines (tokens) &&
                line->n_tokens >= SIGNATURE_SENTENCE_TOKENS && line->last_char == '.';

              /* "Thanks for the interviews." opening a short note signs off only when
               * a signature follows it, not more of the letter */
              if (formula && !last_sentence && (!thanks || signature_below (tokens, first->line)))
                {
                  scan->has_signoff = TRUE;
                  scan->signoff_line = MIN (scan->signoff_line, first->line);
                }
            }
          /* an email written as one line: "... Best regards, Anna" at its very end */
          if (n_lines == 1 && tokens->tokens->len - hit->start <= SIGNOFF_TAIL_TOKENS)
            scan->has_signoff = TRUE;
          break;

        case AW_PATTERN_THANKS:
          /* "I would appreciate any feedback" asks; it does not thank */
          for (guint t = hit->start; t <= hit->end && !allowed; t++)
            allowed = scan->not_thanks[t];
          if (!allowed && !is_negated (scan, hit->start))
            scan->check->has_thanks = TRUE;
          break;

        case AW_PATTERN_FEEDBACK:
          if (!is_negated (scan, hit->start))
            scan->check->has_feedback = TRUE;
          break;

        case AW_PATTERN_PHRASE:
          if (pattern->negatable && is_negated (scan, hit->start))
            break;
          for (guint t = hit->start; t <= hit->end && !allowed; t++)
            allowed = scan->allowed[t];
          if (allowed)
            break;
          /* overlapping hits of one rule make one finding over their union
           * ("I am the best" + "best candidate you will ever find") */
          key = (gpointer) pattern->rule_id;
          pending = g_hash_table_lookup (last_end, key);
          if (pending != NULL && pending->end >= hit->start)
            {
              if (hit->end > pending->end)
                {
                  pending->end = hit->end;
                  pending->merged = TRUE;
                }
              break;
            }
          if (pending != NULL)
            emit_phrase (scan, pending);
          else
            {
              pending = g_new0 (Pending, 1);
              g_hash_table_insert (last_end, key, pending);
            }
          pending->pattern = pattern;
          pending->start = hit->start;
          pending->end = hit->end;
          pending->merged = FALSE;
          break;

        case AW_PATTERN_FEEDBACK_TOPIC:
        case AW_PATTERN_REQUEST:
        case AW_PATTERN_NEGATION:
        case AW_PATTERN_ALLOW:
        case AW_PATTERN_BREAK:
        default:
          break;
        }
    }

  if (scan->part == AW_DRAFT_PART_BODY)
    find_asked_topics (scan);

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, last_end);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      emit_phrase (scan, value);
  }
  g_hash_table_unref (last_end);
}
