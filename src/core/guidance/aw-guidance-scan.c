/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-scan.c: one part of the text (subject or body) through the phrase rules
 *
 * Every token walks the language's trie once (aw-guidance-rules.c); the clauses are cut
 * at punctuation and clause-break words; the patterns starting with a token's atoms are
 * tried from that token only. The hits then go to the phrase and structure reports
 * (aw-guidance-phrases.c, aw-guidance-structure.c), their findings into the report in
 * text order.
 */
#include "config.h"

#include <string.h>

#include "aw-guidance-scan.h"

static inline gboolean
token_matches_slot (AwScan       *scan,
                    guint         token,
                    const AwSlot *slot)
{
  const guint32 *atoms = &g_array_index (scan->atoms, guint32, scan->atom_start[token]);
  guint n = scan->atom_start[token + 1] - scan->atom_start[token];

  for (guint a = 0; a < n; a++)
    for (guint s = 0; s < slot->n_alts; s++)
      if (atoms[a] == slot->alts[s])
        return TRUE;
  return FALSE;
}

/* The last token of a match of slots @k.. after the token @pos, or -1 */
static int
match_rest (AwScan          *scan,
            const AwPattern *pattern,
            guint            k,
            guint            pos)
{
  const AwSlot *slot;
  guint n = scan->tokens->tokens->len;
  /* "disappointed, but I understand" is allowed as a whole */
  const guint32 *clause = pattern->kind == AW_PATTERN_ALLOW ? scan->sentence : scan->clause;

  if (k == pattern->n_slots)
    return pos;

  slot = &pattern->slots[k];
  for (guint j = pos + 1; j <= pos + 1 + slot->max_gap && j < n; j++)
    {
      if (clause[j] != clause[pos])
        break;
      if ((scan->atom_mask[j] & slot->mask) != 0 && token_matches_slot (scan, j, slot))
        {
          int end = match_rest (scan, pattern, k + 1, j);

          if (end >= 0)
            return end;
        }
    }
  return -1;
}

/* How far ahead slot_may_follow() looks: the longest gap the rules allow
 * (aw-guidance-rules.c); a slot with a longer one is simply not filtered */
#define AHEAD_GAP 6

/* @reach[g]: the atom bits of the 1 + g tokens after @pos, clauses ignored */
static void
atom_masks_ahead (AwScan  *scan,
                  guint    pos,
                  guint64 *reach)
{
  guint n = scan->tokens->tokens->len;
  guint64 mask = 0;

  for (guint g = 0; g <= AHEAD_GAP; g++)
    {
      if (pos + 1 + g < n)
        mask |= scan->atom_mask[pos + 1 + g];
      reach[g] = mask;
    }
}

/* Whether some token within the reach of @slot after @pos has one of its atom bits: when
 * none has, a pattern whose second slot this is cannot match from @pos, which rules out
 * most tries without walking the window. @reach caches atom_masks_ahead() for @pos. */
static inline gboolean
slot_may_follow (AwScan       *scan,
                 const AwSlot *slot,
                 guint         pos,
                 guint64      *reach,
                 gboolean     *reach_known)
{
  if (slot->max_gap == 0)
    return (scan->atom_mask[pos + 1] & slot->mask) != 0;
  if (slot->max_gap > AHEAD_GAP)
    return TRUE;
  if (!*reach_known)
    {
      atom_masks_ahead (scan, pos, reach);
      *reach_known = TRUE;
    }
  return (reach[slot->max_gap] & slot->mask) != 0;
}

static void
find_hits (AwScan   *scan,
           GArray   *starts,
           gboolean  clause_breaks)
{
  AwGuidanceRules *rules = scan->check->rules;
  guint n = scan->tokens->tokens->len;
  /* in locals: the stores below (bytes) would make the compiler load them again */
  const AwPattern *patterns = (const AwPattern *) (gpointer) rules->patterns->data;
  const guint32 *atoms = (const guint32 *) (gpointer) scan->atoms->data;
  const guint32 *atom_start = scan->atom_start;
  guint32 *last_start = scan->check->last_start;

  memset (last_start, 0, rules->patterns->len * sizeof (guint32));

  for (guint i = 0; i < n; i++)
    {
      guint64 reach[AHEAD_GAP + 1];
      gboolean reach_known = FALSE;

      for (guint32 a = atom_start[i]; a < atom_start[i + 1]; a++)
        {
          GArray *list = g_array_index (starts, GArray *, atoms[a]);
          const guint32 *list_patterns;

          if (list == NULL)
            continue;
          list_patterns = (const guint32 *) (gpointer) list->data;
          for (guint l = 0; l < list->len; l++)
            {
              guint32 p = list_patterns[l];
              const AwPattern *pattern = &patterns[p];
              int end;
              gboolean quoted = FALSE;

              if (last_start[p] == i + 1)
                continue;
              last_start[p] = i + 1;

              if (pattern->n_slots > 1 && !slot_may_follow (scan, &pattern->slots[1], i, reach, &reach_known))
                continue;
              end = match_rest (scan, pattern, 1, i);
              if (end < 0)
                continue;

              for (guint t = i; t <= (guint) end && !quoted; t++)
                quoted = (g_array_index (scan->tokens->tokens, AwToken, t).flags & AW_TOKEN_QUOTED) != 0;
              if (quoted && pattern->kind != AW_PATTERN_GREETING && pattern->kind != AW_PATTERN_SIGNOFF)
                continue;

              if (clause_breaks)
                {
                  /* at the end of a clause it is an adverb, not a break: "Has the role
                   * been filled yet?", "It was hard, though." */
                  if ((guint) end + 1 >= n || scan->boundary[end + 1])
                    continue;
                  /* a clause break word ends the clause before it and starts a new one */
                  scan->boundary[i] = 1;
                  scan->boundary[end + 1] = 1;
                }
              else
                {
                  AwHit hit = { p, i, end };
                  g_array_append_val (scan->hits, hit);
                }
            }
        }
    }
}

char *
aw_guidance_span_text (AwTokens *tokens,
                       guint32   byte_start,
                       guint32   byte_end)
{
  return g_strndup (tokens->text + byte_start, byte_end - byte_start);
}

gboolean
aw_guidance_rule_enabled (AwCheck    *check,
                          const char *rule_id)
{
  return aw_guidance_options_is_rule_enabled (check->options, rule_id);
}

/* The table entry of @rule_id, looked up once per run of findings of one rule */
static const AwRuleText *
rule_text (AwCheck    *check,
           const char *rule_id)
{
  AwRuleText *cached = &check->rule_text;
  const char * const *ids;

  if (cached->strings.rule_id != NULL && strcmp (cached->strings.rule_id, rule_id) == 0)
    return cached;
  ids = aw_guidance_get_rule_ids ();
  for (guint i = 0; ids[i] != NULL; i++)
    if (strcmp (ids[i], rule_id) == 0)
      {
        cached->strings.rule_id = ids[i];
        cached->strings.message = aw_guidance_rule_get_message (ids[i]);
        cached->strings.why = aw_guidance_rule_get_why (ids[i]);
        cached->severity = aw_guidance_rule_get_severity (ids[i]);
        return cached;
      }
  return NULL;
}

void
aw_guidance_add_finding (AwScan     *scan,
                         const char *rule_id,
                         int         severity,
                         int         start,
                         int         end,
                         const char *text,
                         const char *message,
                         const char *suggestion)
{
  AwCheck *check = scan->check;
  AwFindingKey key = { start, end, check->findings->len };
  const AwRuleText *rule;
  AwFinding *finding;

  if (!aw_guidance_rule_enabled (check, rule_id))
    return;

  rule = rule_text (check, rule_id);
  if (rule != NULL)
    {
      /* the table's strings are static: the finding keeps them without a copy */
      AwFindingRule strings = rule->strings;

      if (message != NULL)
        strings.message = message;
      finding = aw_finding_new_for_rule (&strings,
                                         severity < 0 ? rule->severity : (AwSeverity) severity,
                                         scan->part, start, end, text, suggestion);
    }
  else
    finding = aw_finding_new (rule_id, severity < 0 ? AW_SEVERITY_WARNING : (AwSeverity) severity,
                              scan->part, start, end, text, message, NULL, suggestion);
  g_array_append_val (check->keys, key);
  g_ptr_array_add (check->findings, finding);
}

/* A finding about the whole body, straight into @report: what the email lacks, or a
 * repeated follow-up */
void
aw_guidance_add_absence (AwCheck          *check,
                         AwGuidanceReport *report,
                         const char       *rule_id,
                         const char       *suggestion)
{
  g_autoptr(AwFinding) finding = NULL;

  if (!aw_guidance_rule_enabled (check, rule_id))
    return;
  finding = aw_finding_new (rule_id, aw_guidance_rule_get_severity (rule_id),
                            AW_DRAFT_PART_BODY, -1, -1, NULL,
                            aw_guidance_rule_get_message (rule_id),
                            aw_guidance_rule_get_why (rule_id), suggestion);
  aw_guidance_report_add (report, finding);
}

/* Whether line @index starts a postscript ("P.S.", "PS:", "PPS"): it comes after the
 * signature and belongs to neither the letter's closing nor its name */
gboolean
aw_guidance_is_postscript (AwTokens *tokens,
                           guint     index)
{
  const AwLine *line = &g_array_index (tokens->lines, AwLine, index);
  const char *first;

  if (line->n_tokens == 0)
    return FALSE;
  first = aw_tokens_folded (tokens, line->first_token);
  if (strcmp (first, "ps") == 0 || strcmp (first, "pps") == 0)
    return TRUE;
  return strcmp (first, "p") == 0 && line->n_tokens > 1 &&
         strcmp (aw_tokens_folded (tokens, line->first_token + 1), "s") == 0;
}

/* Whether line @index could be part of a signature: short, and no sentence of its own
 * (a name, a role, a phone number, "Sent from my phone") */
gboolean
aw_guidance_is_signature_line (AwTokens *tokens,
                               guint     index)
{
  const AwLine *line = &g_array_index (tokens->lines, AwLine, index);
  gboolean sentence_end = line->last_char == '.' || line->last_char == '?' ||
                          line->last_char == '!';

  /* "Student in accounting and management, Cégep de Sherbrooke": a longer title
   * line ends in no full stop */
  return (line->n_tokens <= SIGNATURE_LINE_TOKENS ||
          (line->n_tokens <= SIGNATURE_TITLE_TOKENS && !sentence_end)) &&
         !(line->n_tokens >= SIGNATURE_SENTENCE_TOKENS && sentence_end);
}

/* The lines of the letter and its signature: those above a trailing postscript */
guint
aw_guidance_letter_lines (AwTokens *tokens)
{
  guint n_lines = tokens->lines->len;

  for (guint l = 1; l < n_lines; l++)
    if (aw_guidance_is_postscript (tokens, l))
      return l;
  return n_lines;
}

/* "please reconsider" -> "Please reconsider" when the matched text starts a sentence */
char *
aw_guidance_match_case (const char *suggestion,
                        const char *matched)
{
  gunichar first;

  if (suggestion == NULL || *suggestion == '\0')
    return g_strdup (suggestion);

  first = g_utf8_get_char (matched);
  if (g_unichar_isupper (first) && g_unichar_islower (g_utf8_get_char (suggestion)))
    {
      gunichar up = g_unichar_toupper (g_utf8_get_char (suggestion));
      char buf[8];
      int len = g_unichar_to_utf8 (up, buf);

      buf[len] = '\0';
      return g_strconcat (buf, g_utf8_next_char (suggestion), NULL);
    }
  return g_strdup (suggestion);
}

/* A greeting line and a sign-off line stand alone even without punctuation: "Hi Dana"
 * does not run into the first sentence, "I will never stop learning" does not negate
 * the "Thank you," on the next line. Phrases across the new boundaries are dropped. */
static void
split_formula_lines (AwScan *scan)
{
  AwGuidanceRules *rules = scan->check->rules;
  AwTokens *tokens = scan->tokens;
  guint n = tokens->tokens->len;
  guint n_lines = tokens->lines->len;
  g_autofree guint8 *extra = NULL;
  guint32 added = 0;

  if (n_lines < 2)
    return;
  extra = g_new0 (guint8, n + 1);

  for (guint h = 0; h < scan->hits->len; h++)
    {
      const AwHit *hit = &g_array_index (scan->hits, AwHit, h);
      AwPatternKind kind = g_array_index (rules->patterns, AwPattern, hit->pattern).kind;
      guint line = g_array_index (tokens->tokens, AwToken, hit->start).line;
      const AwLine *info = &g_array_index (tokens->lines, AwLine, line);

      if (hit->start != info->first_token)
        continue;
      if (kind == AW_PATTERN_GREETING && line == 0)
        extra[g_array_index (tokens->lines, AwLine, 1).first_token] = 1;
      else if (kind == AW_PATTERN_SIGNOFF && line > 0 && line + SIGNOFF_LINES >= n_lines &&
               info->n_tokens <= SIGNOFF_MAX_TOKENS)
        {
          extra[hit->start] = 1;
          if (line + 1 < n_lines)
            extra[g_array_index (tokens->lines, AwLine, line + 1).first_token] = 1;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      if (extra[i] && !scan->boundary[i])
        {
          scan->boundary[i] = 1;
          added++;
        }
      scan->clause[i] += added;
      scan->sentence[i] += added;
    }
  if (added == 0)
    return;

  for (guint h = scan->hits->len; h-- > 0;)
    {
      const AwHit *hit = &g_array_index (scan->hits, AwHit, h);
      AwPatternKind kind = g_array_index (rules->patterns, AwPattern, hit->pattern).kind;
      const guint32 *clause = kind == AW_PATTERN_ALLOW ? scan->sentence : scan->clause;

      if (kind != AW_PATTERN_GREETING && kind != AW_PATTERN_SIGNOFF &&
          clause[hit->start] != clause[hit->end])
        g_array_remove_index (scan->hits, h);
    }
}

/* The per-token arrays, n + 1 entries each, in one block: one allocation instead of ten.
 * The flags start at zero, the rest is written before it is read. */
static void
alloc_token_arrays (AwScan *scan,
                    guint   n)
{
  gsize count = (gsize) n + 1;
  gsize flags_size = 5 * count;
  gsize size = count * (sizeof (guint64) + 3 * sizeof (guint32)) + flags_size;
  guint8 *block = g_malloc (size);

  scan->token_arrays = block;
  scan->atom_mask = (guint64 *) (gpointer) block;
  block += count * sizeof (guint64);
  scan->atom_start = (guint32 *) (gpointer) block;
  block += count * sizeof (guint32);
  scan->clause = (guint32 *) (gpointer) block;
  block += count * sizeof (guint32);
  scan->sentence = (guint32 *) (gpointer) block;
  block += count * sizeof (guint32);
  memset (block, 0, flags_size);
  scan->boundary = block;
  scan->negation = block + count;
  scan->allowed = block + 2 * count;
  scan->not_thanks = block + 3 * count;
  scan->placeholder = block + 4 * count;
  scan->clause[n] = scan->sentence[n] = 0;
}

void
aw_guidance_scan_part (AwCheck     *check,
                       AwTokens    *tokens,
                       AwDraftPart  part,
                       AwScan      *scan)
{
  AwGuidanceRules *rules = check->rules;
  guint n = tokens->tokens->len;

  memset (scan, 0, sizeof *scan);
  scan->check = check;
  scan->tokens = tokens;
  scan->part = part;
  scan->atoms = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n + 16);
  alloc_token_arrays (scan, n);
  scan->hits = g_array_new (FALSE, FALSE, sizeof (AwHit));
  scan->signoff_line = G_MAXUINT;

  /* 1. every token walks the trie once */
  for (guint i = 0; i < n; i++)
    {
      const AwToken *tok = &g_array_index (tokens->tokens, AwToken, i);

      scan->atom_start[i] = scan->atoms->len;
      aw_guidance_rules_match_token (rules, tokens->folded->str + tok->fold_start,
                                     tok->fold_len, scan->atoms);
      scan->atom_mask[i] = 0;
      for (guint a = scan->atom_start[i]; a < scan->atoms->len; a++)
        scan->atom_mask[i] |= AW_ATOM_BIT (g_array_index (scan->atoms, guint32, a));
      scan->boundary[i] = (tok->flags & AW_TOKEN_BREAK_BEFORE) ? 1 : 0;
    }
  scan->atom_start[n] = scan->atoms->len;
  scan->atom_mask[n] = 0;

  /* 2. clauses: punctuation first, then clause-break words ("but") split them further */
  {
    guint32 id = 0;

    for (guint i = 0; i < n; i++)
      scan->clause[i] = id += scan->boundary[i];
    memcpy (scan->sentence, scan->clause, n * sizeof (guint32));
    find_hits (scan, rules->break_starts, TRUE);
    id = 0;
    for (guint i = 0; i < n; i++)
      scan->clause[i] = id += scan->boundary[i];
  }

  /* 3. every other pattern, from the tokens that can start it */
  find_hits (scan, rules->starts, FALSE);
  split_formula_lines (scan);
  aw_guidance_report_phrases (scan);
  aw_guidance_report_structure (scan);
  if (part == AW_DRAFT_PART_BODY)
    aw_guidance_report_elided_name (scan);
}

void
aw_guidance_scan_clear (AwScan *scan)
{
  g_clear_pointer (&scan->atoms, g_array_unref);
  g_clear_pointer (&scan->token_arrays, g_free);
  scan->atom_start = scan->clause = scan->sentence = NULL;
  scan->atom_mask = NULL;
  scan->boundary = scan->negation = scan->allowed = scan->not_thanks = scan->placeholder = NULL;
  g_clear_pointer (&scan->hits, g_array_unref);
}


static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const AwFindingKey *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

/* Moves the findings of one part into the report, sorted by position, in one splice */
void
aw_guidance_flush_findings (AwCheck          *check,
                            AwGuidanceReport *report)
{
  g_autofree gpointer *sorted = g_new (gpointer, check->findings->len + 1);

  g_array_sort (check->keys, compare_keys);
  for (guint i = 0; i < check->keys->len; i++)
    sorted[i] = g_ptr_array_index (check->findings,
                                   g_array_index (check->keys, AwFindingKey, i).index);
  aw_guidance_report_add_many (report, (AwFinding **) sorted, check->keys->len);
  g_ptr_array_set_size (check->findings, 0);
  g_array_set_size (check->keys, 0);
}
