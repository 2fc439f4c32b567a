/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance.c: checks a follow-up email against the rules of a gracious follow-up
 *
 * The advice: after a rejection, send ONE short, professional email that thanks them for
 * their time and the opportunity, may ask for feedback and keeps the door open. Not
 * pushy, no status requests, not negative, no overpromises, not several emails.
 *
 * How a check runs (linear in the text): the text is tokenized and folded once
 * (aw-text-fold.c); each token walks the language's trie once to find the words and
 * prefixes it matches (aw-guidance-rules.c); the patterns starting with those are tried
 * from that token only. Negation, allowed phrases and the structural checks then work on
 * the hits and the token array, never on the text again.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "aw-guidance.h"
#include "aw-guidance-private.h"
#include "aw-guidance-model.h"
#include "aw-guidance-rules.h"
#include "aw-languages.h"
#include "aw-text-fold.h"

#define SIGNOFF_LINES 6
#define SIGNOFF_MAX_TOKENS 16
#define SIGNOFF_TAIL_TOKENS 8
#define SIGNOFF_LONG_TOKENS 32
#define SIGNOFF_SENTENCE_TOKENS 10  /* "Thank you very much for your time and consideration." */
#define SIGNATURE_LINE_TOKENS 8     /* "Tel. +34 600 123 456", "linkedin.com/in/maria" */
#define SIGNATURE_MAX_LINES 12
#define DETECT_MAX_TOKENS 4000

G_DEFINE_QUARK (aw-guidance-error-quark, aw_guidance_error)

typedef struct
{
  const char *id;
  AwSeverity  severity;
  const char *title;
  const char *message;
  const char *why;
} RuleInfo;

static const RuleInfo rule_info[] = {
  { AW_RULE_TOO_LONG, AW_SEVERITY_WARNING,
    N_("Short"),
    N_("The email is longer than 150 words."),
    N_("A few sentences are enough: a short note gets read, a long one gets skimmed.") },
  { AW_RULE_PUSHY, AW_SEVERITY_WARNING,
    N_("No pressure"),
    N_("This can read as pressure."),
    N_("A gracious follow-up accepts the decision; pressure closes the door.") },
  { AW_RULE_STATUS_REQUEST, AW_SEVERITY_WARNING,
    N_("No status requests"),
    N_("This asks about the status or the decision."),
    N_("The decision has been made; asking about it again reads as pushing. Ask to be kept in mind for future roles instead.") },
  { AW_RULE_NEGATIVE, AW_SEVERITY_WARNING,
    N_("Positive tone"),
    N_("This sounds negative or critical."),
    N_("Complaints and blame are what they will remember; a gracious note keeps the door open.") },
  { AW_RULE_OVERPROMISE, AW_SEVERITY_WARNING,
    N_("No overpromises"),
    N_("This promises or claims more than anyone can."),
    N_("Exaggerated claims undermine trust; a modest, honest note is more convincing.") },
  { AW_RULE_MISSING_THANKS, AW_SEVERITY_WARNING,
    N_("Says thank you"),
    N_("The email does not thank them."),
    N_("Thanking them for their time and the opportunity is the heart of a gracious follow-up.") },
  { AW_RULE_MISSING_FEEDBACK_REQUEST, AW_SEVERITY_SUGGESTION,
    N_("Asks for feedback"),
    N_("You could ask for feedback."),
    N_("Asking what you could improve shows you want to grow, and many interviewers answer.") },
  { AW_RULE_UNPROFESSIONAL, AW_SEVERITY_WARNING,
    N_("Professional tone"),
    N_("This sounds too casual for a professional email."),
    N_("A professional tone shows you take them and the opportunity seriously.") },
  { AW_RULE_PLACEHOLDER, AW_SEVERITY_ERROR,
    N_("No placeholders"),
    N_("This template field is not filled in."),
    N_("An unfilled placeholder shows the email was not written for them.") },
  { AW_RULE_REPEAT_FOLLOW_UP, AW_SEVERITY_ERROR,
    N_("Only one follow-up"),
    N_("You have already sent a follow-up to this recipient."),
    N_("One follow-up is gracious; a second one reads as pressure.") },
  /* a missing greeting or sign-off is a suggestion of its own, not a matter of tone:
   * a two-line note with no greeting can be perfectly professional */
  { AW_RULE_GREETING, AW_SEVERITY_SUGGESTION,
    N_("Greeting"),
    N_("The email has no greeting."),
    N_("Opening with their name makes the note personal.") },
  { AW_RULE_SIGN_OFF, AW_SEVERITY_SUGGESTION,
    N_("Sign-off"),
    N_("The email has no sign-off."),
    N_("A short closing before your name ends the note warmly.") },
};

static const char *msg_emoji = N_("Emoji are too casual for this email.");
static const char *msg_exclamation = N_("Several exclamation or question marks read as shouting.");
static const char *msg_caps = N_("Words in capitals read as shouting.");

struct _AwGuidance
{
  GObject     parent_instance;

  GMutex      mutex;
  GHashTable *rules;        /* code -> AwGuidanceRules */
  GHashTable *detect_words; /* folded word -> bitmask of languages, as pointer */
  GPtrArray  *detect_rules; /* AwGuidanceRules, borrowed, in bit order */
  GHashTable *acronyms;     /* folded: the acronyms every language shares (common.json) */
};

G_DEFINE_FINAL_TYPE (AwGuidance, aw_guidance, G_TYPE_OBJECT)

static void
aw_guidance_finalize (GObject *object)
{
  AwGuidance *self = AW_GUIDANCE (object);

  g_clear_pointer (&self->rules, g_hash_table_unref);
  g_clear_pointer (&self->detect_words, g_hash_table_unref);
  g_clear_pointer (&self->detect_rules, g_ptr_array_unref);
  g_clear_pointer (&self->acronyms, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (aw_guidance_parent_class)->finalize (object);
}

static void
aw_guidance_class_init (AwGuidanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aw_guidance_finalize;
}

static void
aw_guidance_init (AwGuidance *self)
{
  g_mutex_init (&self->mutex);
  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) aw_guidance_rules_free);
  self->acronyms = g_hash_table_ref (aw_languages_get_word_set (AW_LANGUAGE_WORDS_ACRONYMS,
                                                                aw_text_fold));
}

AwGuidance *
aw_guidance_new (void)
{
  return g_object_new (AW_TYPE_GUIDANCE, NULL);
}

/**
 * aw_guidance_get_default:
 *
 * Returns: (transfer none): the shared engine; its rule sets load once
 */
AwGuidance *
aw_guidance_get_default (void)
{
  static AwGuidance *instance = NULL;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, aw_guidance_new ());
  return instance;
}

/**
 * aw_guidance_get_languages:
 *
 * The languages that have rule data, as codes: the order of guidance/common.json
 * (en de fr es pt_BR it), then any other data file found in guidance/.
 *
 * Returns: (transfer none): a %NULL-terminated array
 */
const char * const *
aw_guidance_get_languages (void)
{
  return aw_languages_get_codes ();
}

gboolean
aw_guidance_is_language (const char *code)
{
  return code != NULL && g_strv_contains (aw_guidance_get_languages (), code);
}

static AwGuidanceRules *
get_rules_locked (AwGuidance  *self,
                  const char  *code,
                  GError     **error)
{
  AwGuidanceRules *rules = NULL;
  JsonObject *data;
  g_autoptr(GError) local_error = NULL;

  rules = g_hash_table_lookup (self->rules, code);
  if (rules != NULL)
    return rules;

  if (!aw_guidance_is_language (code))
    {
      g_autofree char *valid = g_strjoinv (", ", (char **) aw_guidance_get_languages ());

      g_set_error (error, AW_GUIDANCE_ERROR, AW_GUIDANCE_ERROR_UNKNOWN_LANGUAGE,
                   _("Unknown language “%s” (valid: %s)"), code, valid);
      return NULL;
    }

  data = aw_languages_get_data (code, &local_error);
  if (data != NULL)
    rules = aw_guidance_rules_new (code, data, &local_error);
  if (rules == NULL)
    {
      g_warning ("Cannot load the guidance rules for %s: %s", code, local_error->message);
      g_set_error (error, AW_GUIDANCE_ERROR, AW_GUIDANCE_ERROR_UNKNOWN_LANGUAGE,
                   _("The rules for “%s” cannot be loaded"), code);
      return NULL;
    }

  g_hash_table_insert (self->rules, g_strdup (code), rules);
  return rules;
}

static AwGuidanceRules *
get_rules (AwGuidance  *self,
           const char  *code,
           GError     **error)
{
  AwGuidanceRules *rules;

  g_mutex_lock (&self->mutex);
  rules = get_rules_locked (self, code, error);
  g_mutex_unlock (&self->mutex);
  return rules;
}

static void
ensure_detection (AwGuidance *self)
{
  const char * const *languages;

  g_mutex_lock (&self->mutex);
  if (self->detect_words != NULL)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }

  self->detect_words = g_hash_table_new (g_str_hash, g_str_equal);
  self->detect_rules = g_ptr_array_new ();
  languages = aw_guidance_get_languages ();
  for (guint i = 0; languages[i] != NULL && self->detect_rules->len < 32; i++)
    {
      AwGuidanceRules *rules = get_rules_locked (self, languages[i], NULL);
      guint bit;

      if (rules == NULL)
        continue;
      bit = self->detect_rules->len;
      g_ptr_array_add (self->detect_rules, rules);
      for (guint w = 0; w < rules->detect->len; w++)
        {
          const char *word = g_ptr_array_index (rules->detect, w);
          guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->detect_words, word));

          g_hash_table_insert (self->detect_words, (gpointer) word,
                               GUINT_TO_POINTER (mask | (1u << bit)));
        }
    }
  g_mutex_unlock (&self->mutex);
}

static const char *
detect_from_tokens (AwGuidance *self,
                    AwTokens  **parts,
                    guint       n_parts)
{
  guint scores[32] = { 0 };
  guint best = 0, seen = 0;

  ensure_detection (self);
  if (self->detect_rules->len == 0)
    return aw_languages_get_default ();

  for (guint p = 0; p < n_parts; p++)
    {
      AwTokens *tokens = parts[p];

      for (guint i = 0; i < tokens->tokens->len && seen < DETECT_MAX_TOKENS; i++, seen++)
        {
          const AwToken *tok = &g_array_index (tokens->tokens, AwToken, i);
          guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->detect_words,
                                                              aw_tokens_folded (tokens, i)));

          for (guint b = 0; mask != 0; b++, mask >>= 1)
            if (mask & 1)
              scores[b] += 2;

          if (tok->flags & AW_TOKEN_NON_ASCII)
            {
              const char *s = tokens->text + tok->byte_start;
              const char *end = tokens->text + tok->byte_end;

              for (; s < end; s = g_utf8_next_char (s))
                {
                  gunichar c;

                  if ((guchar) *s < 0x80)
                    continue;
                  c = g_unichar_tolower (g_utf8_get_char (s));
                  for (guint b = 0; b < self->detect_rules->len; b++)
                    {
                      GArray *chars = ((AwGuidanceRules *) g_ptr_array_index (self->detect_rules, b))->detect_chars;

                      for (guint k = 0; k < chars->len; k++)
                        if (g_array_index (chars, gunichar, k) == c)
                          {
                            scores[b] += 1;
                            break;
                          }
                    }
                }
            }
        }
    }

  /* The default language (the first of common.json, English) loses a tie: its words
   * ("feedback", "team", "job") are borrowed by every other language, the other way
   * round hardly ever */
  for (guint b = 1; b < self->detect_rules->len; b++)
    if (scores[b] > scores[best] ||
        (scores[b] == scores[best] &&
         strcmp (((AwGuidanceRules *) g_ptr_array_index (self->detect_rules, best))->code,
                 aw_languages_get_default ()) == 0))
      best = b;

  if (scores[best] == 0)
    return aw_languages_get_default ();
  return ((AwGuidanceRules *) g_ptr_array_index (self->detect_rules, best))->code;
}

/**
 * aw_guidance_detect_language:
 * @text: (nullable): UTF-8 text
 *
 * Returns: (transfer full): the most likely of aw_guidance_get_languages(), the first of
 *   them (en) when unsure
 */
char *
aw_guidance_detect_language (AwGuidance *self,
                             const char *text)
{
  g_autoptr(AwTokens) tokens = NULL;

  g_return_val_if_fail (AW_IS_GUIDANCE (self), NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup (aw_languages_get_default ());
  tokens = aw_tokens_new (text);
  return g_strdup (detect_from_tokens (self, &tokens, 1));
}

static const RuleInfo *
find_rule (const char *rule_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_info); i++)
    if (g_strcmp0 (rule_info[i].id, rule_id) == 0)
      return &rule_info[i];
  return NULL;
}

/**
 * aw_guidance_get_rule_ids:
 *
 * Returns: (transfer none): every rule id, in checklist order
 */
const char * const *
aw_guidance_get_rule_ids (void)
{
  static const char *ids[] = {
    AW_RULE_MISSING_THANKS, AW_RULE_MISSING_FEEDBACK_REQUEST, AW_RULE_TOO_LONG,
    AW_RULE_PUSHY, AW_RULE_STATUS_REQUEST, AW_RULE_NEGATIVE, AW_RULE_OVERPROMISE,
    AW_RULE_UNPROFESSIONAL, AW_RULE_PLACEHOLDER, AW_RULE_REPEAT_FOLLOW_UP, AW_RULE_GREETING,
    AW_RULE_SIGN_OFF, NULL
  };
  return ids;
}

/* Returns: a translated short name for checklists ("No pressure"), or %NULL */
const char *
aw_guidance_rule_get_title (const char *rule_id)
{
  const RuleInfo *info = find_rule (rule_id);
  return info != NULL ? _(info->title) : NULL;
}

const char *
aw_guidance_rule_get_message (const char *rule_id)
{
  const RuleInfo *info = find_rule (rule_id);
  return info != NULL ? _(info->message) : NULL;
}

const char *
aw_guidance_rule_get_why (const char *rule_id)
{
  const RuleInfo *info = find_rule (rule_id);
  return info != NULL ? _(info->why) : NULL;
}

AwSeverity
aw_guidance_rule_get_severity (const char *rule_id)
{
  const RuleInfo *info = find_rule (rule_id);
  return info != NULL ? info->severity : AW_SEVERITY_WARNING;
}

/* ------------------------------------------------------------------------------------ */
/* One check */

typedef struct
{
  guint32 pattern;
  guint32 start;
  guint32 end;    /* last token, inclusive */
} Hit;

typedef struct
{
  int   start;
  int   end;
  guint index;
} FindingKey;

typedef struct
{
  AwGuidance        *guidance;
  AwGuidanceRules   *rules;
  AwGuidanceOptions *options;
  GPtrArray         *findings;    /* AwFinding, of the current part */
  GArray            *keys;        /* FindingKey, parallel to findings, for sorting */
  gboolean           has_thanks;
  gboolean           has_feedback;
  guint32           *last_start;  /* per pattern: token + 1 where it was last tried */
} Check;

typedef struct
{
  Check       *check;
  AwTokens    *tokens;
  AwDraftPart  part;
  GArray      *atoms;       /* guint32 atom ids of all tokens */
  guint32     *atom_start;  /* per token, n + 1 entries */
  guint64     *atom_mask;   /* per token: AW_ATOM_BIT of its atoms */
  guint8      *boundary;    /* 1 where a clause starts */
  guint32     *clause;
  guint32     *sentence;    /* clauses by punctuation only: allow phrases cross "but" */
  guint8      *negation;
  guint8      *allowed;
  guint8      *not_thanks;
  guint8      *placeholder; /* tokens inside a placeholder phrase */
  GArray      *hits;
  gboolean     has_greeting;
  gboolean     has_signoff;
  guint        signoff_line;  /* the lines after it are the signature */
} Scan;

static inline gboolean
token_matches_slot (Scan         *scan,
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
match_rest (Scan            *scan,
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

static void
find_hits (Scan    *scan,
           GArray  *starts,
           gboolean clause_breaks)
{
  AwGuidanceRules *rules = scan->check->rules;
  guint n = scan->tokens->tokens->len;

  memset (scan->check->last_start, 0, rules->patterns->len * sizeof (guint32));

  for (guint i = 0; i < n; i++)
    {
      for (guint32 a = scan->atom_start[i]; a < scan->atom_start[i + 1]; a++)
        {
          GArray *list = g_array_index (starts, GArray *, g_array_index (scan->atoms, guint32, a));

          if (list == NULL)
            continue;
          for (guint l = 0; l < list->len; l++)
            {
              guint32 p = g_array_index (list, guint32, l);
              const AwPattern *pattern = &g_array_index (rules->patterns, AwPattern, p);
              int end;
              gboolean quoted = FALSE;

              if (scan->check->last_start[p] == i + 1)
                continue;
              scan->check->last_start[p] = i + 1;

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
                  Hit hit = { p, i, end };
                  g_array_append_val (scan->hits, hit);
                }
            }
        }
    }
}

/* Whether the clause of @token ends in "?" */
static gboolean
in_question (Scan  *scan,
             guint  token)
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
is_negated (Scan  *scan,
            guint  start)
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

static char *
span_text (AwTokens *tokens,
           guint32   byte_start,
           guint32   byte_end)
{
  return g_strndup (tokens->text + byte_start, byte_end - byte_start);
}

static gboolean
rule_enabled (Check      *check,
              const char *rule_id)
{
  return aw_guidance_options_is_rule_enabled (check->options, rule_id);
}

static void
add_finding (Scan        *scan,
             const char  *rule_id,
             int          severity,
             int          start,
             int          end,
             const char  *text,
             const char  *message,
             const char  *suggestion)
{
  const RuleInfo *info = find_rule (rule_id);

  if (!rule_enabled (scan->check, rule_id))
    return;

  {
    FindingKey key = { start, end, scan->check->findings->len };
    g_array_append_val (scan->check->keys, key);
  }
  g_ptr_array_add (scan->check->findings,
                   aw_finding_new (rule_id,
                                   severity >= 0 ? (AwSeverity) severity : info->severity,
                                   scan->part, start, end, text,
                                   message != NULL ? message : _(info->message),
                                   _(info->why), suggestion));
}

/* "please reconsider" -> "Please reconsider" when the matched text starts a sentence */
static char *
match_case (const char *suggestion,
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

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a, *y = b;

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
emit_phrase (Scan    *scan,
             Pending *pending)
{
  const AwToken *first = &g_array_index (scan->tokens->tokens, AwToken, pending->start);
  const AwToken *last = &g_array_index (scan->tokens->tokens, AwToken, pending->end);
  g_autofree char *text = span_text (scan->tokens, first->byte_start, last->byte_end);
  g_autofree char *suggestion = pending->merged ? NULL : match_case (pending->pattern->suggestion, text);

  add_finding (scan, pending->pattern->rule_id, pending->pattern->severity,
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

/* Whether a thanks pattern starts at @token */
static gboolean
starts_thanks (Scan  *scan,
               guint  token)
{
  AwGuidanceRules *rules = scan->check->rules;

  for (guint h = 0; h < scan->hits->len; h++)
    {
      const Hit *hit = &g_array_index (scan->hits, Hit, h);

      if (hit->start == token &&
          g_array_index (rules->patterns, AwPattern, hit->pattern).kind == AW_PATTERN_THANKS)
        return TRUE;
    }
  return FALSE;
}

static void
report_phrases (Scan *scan)
{
  AwGuidanceRules *rules = scan->check->rules;
  AwTokens *tokens = scan->tokens;
  GHashTable *last_end = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  guint n_lines = tokens->lines->len;

  g_array_sort (scan->hits, compare_hits);

  /* negation and allowed spans first: they decide about the other hits */
  for (guint h = 0; h < scan->hits->len; h++)
    {
      const Hit *hit = &g_array_index (scan->hits, Hit, h);
      const AwPattern *pattern = &g_array_index (rules->patterns, AwPattern, hit->pattern);

      if (pattern->kind == AW_PATTERN_NEGATION)
        memset (scan->negation + hit->start, 1, hit->end - hit->start + 1);
      else if (pattern->kind == AW_PATTERN_ALLOW)
        memset (scan->allowed + hit->start, 1, hit->end - hit->start + 1);
      else if (pattern->kind == AW_PATTERN_THANKS_EXCEPTION)
        memset (scan->not_thanks + hit->start, 1, hit->end - hit->start + 1);
    }

  for (guint h = 0; h < scan->hits->len; h++)
    {
      const Hit *hit = &g_array_index (scan->hits, Hit, h);
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

              if ((line->n_tokens <= SIGNOFF_MAX_TOKENS &&
                   (!thanks || ends_line ||
                    (hit->start == line->first_token && one_sentence &&
                     line->n_tokens <= SIGNOFF_SENTENCE_TOKENS))) ||
                  /* "Dans l'attente de votre retour, je vous prie d'agréer, Madame,
                   * l'expression de mes salutations distinguées." */
                  (!thanks && ends_line && line->n_tokens <= SIGNOFF_LONG_TOKENS))
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

        case AW_PATTERN_NEGATION:
        case AW_PATTERN_ALLOW:
        case AW_PATTERN_BREAK:
        default:
          break;
        }
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, last_end);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      emit_phrase (scan, value);
  }
  g_hash_table_unref (last_end);
}

static gboolean
is_acronym (Scan       *scan,
            const char *folded)
{
  return g_hash_table_contains (scan->check->rules->acronyms, folded) ||
         g_hash_table_contains (scan->check->guidance->acronyms, folded);
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
is_caps_word (Scan  *scan,
              guint  i)
{
  const AwToken *tok = &g_array_index (scan->tokens->tokens, AwToken, i);

  return (tok->flags & AW_TOKEN_ALL_UPPER) && tok->n_letters >= 2 &&
         !(tok->flags & AW_TOKEN_QUOTED) && !scan->placeholder[i];
}

static gboolean
is_detect_word (Scan       *scan,
                const char *folded)
{
  GPtrArray *detect = scan->check->rules->detect;

  for (guint w = 0; w < detect->len; w++)
    if (strcmp (g_ptr_array_index (detect, w), folded) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_known_word (Scan  *scan,
               guint  i)
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
is_code_part (Scan  *scan,
              guint  i)
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
is_shouting (Scan          *scan,
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

static void
report_structure (Scan *scan)
{
  AwTokens *tokens = scan->tokens;
  guint n = tokens->tokens->len;
  guint tok_index = 0;

  for (guint m = 0; m < tokens->marks->len; m++)
    {
      const AwMark *mark = &g_array_index (tokens->marks, AwMark, m);
      g_autofree char *text = span_text (tokens, mark->byte_start, mark->byte_end);

      switch (mark->kind)
        {
        case AW_MARK_EMOJI:
        case AW_MARK_EMOTICON:
          add_finding (scan, AW_RULE_UNPROFESSIONAL, -1, mark->char_start, mark->char_end,
                       text, _(msg_emoji), "");
          break;
        case AW_MARK_EXCLAMATION:
          add_finding (scan, AW_RULE_UNPROFESSIONAL, -1, mark->char_start, mark->char_end,
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
          add_finding (scan, AW_RULE_PLACEHOLDER, -1, mark->char_start, mark->char_end,
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
          g_autofree char *text = span_text (tokens, tok->byte_start, tok->byte_end);

          add_finding (scan, AW_RULE_PLACEHOLDER, -1, tok->char_start, tok->char_end,
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
          text = span_text (tokens, tok->byte_start, end->byte_end);
          lower = g_utf8_strdown (text, -1);
          if (tok->flags & AW_TOKEN_BREAK_BEFORE)
            {
              char *capital = match_case (lower, text);

              g_free (lower);
              lower = capital;
            }
          add_finding (scan, AW_RULE_UNPROFESSIONAL, -1, tok->char_start, end->char_end,
                       text, _(msg_caps), lower);
          i = last;
        }
    }
}

/* "Dear Ms. ...," or "Frau …,": the name was left out of the greeting. The ellipsis must
 * stand alone between a space and the end of the line or its comma. */
static void
report_elided_name (Scan *scan)
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

          add_finding (scan, AW_RULE_PLACEHOLDER, -1, start, end, span, NULL, NULL);
          return;
        }
    }
}

/* A greeting line and a sign-off line stand alone even without punctuation: "Hi Dana"
 * does not run into the first sentence, "I will never stop learning" does not negate
 * the "Thank you," on the next line. Phrases across the new boundaries are dropped. */
static void
split_formula_lines (Scan *scan)
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
      const Hit *hit = &g_array_index (scan->hits, Hit, h);
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
      const Hit *hit = &g_array_index (scan->hits, Hit, h);
      AwPatternKind kind = g_array_index (rules->patterns, AwPattern, hit->pattern).kind;
      const guint32 *clause = kind == AW_PATTERN_ALLOW ? scan->sentence : scan->clause;

      if (kind != AW_PATTERN_GREETING && kind != AW_PATTERN_SIGNOFF &&
          clause[hit->start] != clause[hit->end])
        g_array_remove_index (scan->hits, h);
    }
}

static void
scan_part (Check       *check,
           AwTokens    *tokens,
           AwDraftPart  part,
           Scan        *scan)
{
  AwGuidanceRules *rules = check->rules;
  guint n = tokens->tokens->len;

  memset (scan, 0, sizeof *scan);
  scan->check = check;
  scan->tokens = tokens;
  scan->part = part;
  scan->atoms = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n + 16);
  scan->atom_start = g_new (guint32, n + 1);
  scan->atom_mask = g_new (guint64, n + 1);
  scan->clause = g_new (guint32, n + 1);
  scan->sentence = g_new0 (guint32, n + 1);
  scan->boundary = g_new0 (guint8, n + 1);
  scan->negation = g_new0 (guint8, n + 1);
  scan->allowed = g_new0 (guint8, n + 1);
  scan->not_thanks = g_new0 (guint8, n + 1);
  scan->placeholder = g_new0 (guint8, n + 1);
  scan->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
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
  report_phrases (scan);
  report_structure (scan);
  if (part == AW_DRAFT_PART_BODY)
    report_elided_name (scan);
}

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->atoms, g_array_unref);
  g_clear_pointer (&scan->atom_start, g_free);
  g_clear_pointer (&scan->atom_mask, g_free);
  g_clear_pointer (&scan->clause, g_free);
  g_clear_pointer (&scan->sentence, g_free);
  g_clear_pointer (&scan->boundary, g_free);
  g_clear_pointer (&scan->negation, g_free);
  g_clear_pointer (&scan->allowed, g_free);
  g_clear_pointer (&scan->not_thanks, g_free);
  g_clear_pointer (&scan->placeholder, g_free);
  g_clear_pointer (&scan->hits, g_array_unref);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const FindingKey *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

/* Moves the findings of one part into the report, sorted by position, in one splice */
static void
flush_findings (Check            *check,
                AwGuidanceReport *report)
{
  g_autofree gpointer *sorted = g_new (gpointer, check->findings->len + 1);

  g_array_sort (check->keys, compare_keys);
  for (guint i = 0; i < check->keys->len; i++)
    sorted[i] = g_ptr_array_index (check->findings, g_array_index (check->keys, FindingKey, i).index);
  aw_guidance_report_add_many (report, (AwFinding **) sorted, check->keys->len);
  g_ptr_array_set_size (check->findings, 0);
  g_array_set_size (check->keys, 0);
}

/* Company names compare folded, without punctuation and legal-form suffixes (the
 * "company_suffixes" of every language: a German applicant writes to a French SARL). */
static char *
normalize_company (const char *company)
{
  GHashTable *suffixes;
  g_autoptr(AwTokens) tokens = NULL;
  GString *out = g_string_new (NULL);

  if (company == NULL || !g_utf8_validate (company, -1, NULL))
    return g_string_free (out, FALSE);

  suffixes = aw_languages_get_word_set (AW_LANGUAGE_WORDS_COMPANY_SUFFIXES, aw_text_fold);
  tokens = aw_tokens_new (company);
  for (guint i = 0; i < tokens->tokens->len; i++)
    {
      const char *word = aw_tokens_folded (tokens, i);

      if (i > 0 && g_hash_table_contains (suffixes, word))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, word);
    }
  return g_string_free (out, FALSE);
}

static gboolean
same_address (const char *a,
              const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return *g_strstrip (x) != '\0' && g_str_equal (x, g_strstrip (y));
}

static void
report_repeat (Check            *check,
               AwGuidanceReport *report)
{
  AwGuidanceOptions *options = check->options;
  g_autofree char *company = NULL;

  if (options == NULL || options->previous->len == 0 ||
      !rule_enabled (check, AW_RULE_REPEAT_FOLLOW_UP))
    return;

  company = normalize_company (options->company);
  for (guint i = 0; i < options->previous->len; i++)
    {
      AwPreviousSend *send = g_ptr_array_index (options->previous, i);
      g_autofree char *other = normalize_company (send->company);
      gboolean address_match = same_address (options->address, send->address);
      gboolean company_match = *company != '\0' && g_str_equal (company, other);

      if (address_match || company_match)
        {
          const RuleInfo *info = find_rule (AW_RULE_REPEAT_FOLLOW_UP);
          g_autoptr(AwFinding) finding =
            aw_finding_new (AW_RULE_REPEAT_FOLLOW_UP, info->severity, AW_DRAFT_PART_BODY,
                            -1, -1, NULL, _(info->message), _(info->why), NULL);

          aw_guidance_report_add (report, finding);
          return;
        }
    }
}

static void
add_absence (Check            *check,
             AwGuidanceReport *report,
             const char       *rule_id,
             const char       *message,
             const char       *suggestion)
{
  const RuleInfo *info = find_rule (rule_id);
  g_autoptr(AwFinding) finding = NULL;

  if (!rule_enabled (check, rule_id))
    return;
  finding = aw_finding_new (rule_id, info->severity, AW_DRAFT_PART_BODY, -1, -1, NULL,
                            message != NULL ? message : _(info->message), _(info->why),
                            suggestion);
  aw_guidance_report_add (report, finding);
}

/* "Sam" or "Dana Ruiz" alone on the last line, under at least one other line: a short
 * note signed with the name is signed off (LABELLING.md). A name is 1-4 words, each
 * starting with a capital, with no sentence of its own on the line. */
static gboolean
ends_with_name (AwTokens *tokens)
{
  const AwLine *last;

  if (tokens->lines->len < 2)
    return FALSE;
  last = &g_array_index (tokens->lines, AwLine, tokens->lines->len - 1);
  if (last->n_tokens == 0 || last->n_tokens > 4 ||
      last->last_char == '?' || last->last_char == '!' || last->last_char == ':' ||
      last->last_char == ',')
    return FALSE;
  for (guint t = last->first_token; t < last->first_token + last->n_tokens; t++)
    {
      const AwToken *tok = &g_array_index (tokens->tokens, AwToken, t);

      if (!(tok->flags & (AW_TOKEN_INITIAL_CAP | AW_TOKEN_ALL_UPPER)) || tok->n_letters == 0)
        return FALSE;
    }
  return TRUE;
}

/* "Re: Update on your application" quotes their subject: its words are theirs, not a
 * request of the writer, so they count as quoted (placeholders are still found). The
 * markers are the "reply_prefixes" of every language (Re:, AW:, TR:, RV:). */
static void
mark_reply_subject (AwTokens *tokens)
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

typedef enum {
  TEXT_SUBJECT,
  TEXT_BODY,
} TextPart;

static void
set_too_long_error (TextPart   part,
                    GError   **error)
{
  g_set_error_literal (error, AW_GUIDANCE_ERROR, AW_GUIDANCE_ERROR_INVALID_TEXT,
                       part == TEXT_SUBJECT ? _("The subject is too long to check")
                                            : _("The text is too long to check"));
}

static void
set_invalid_utf8_error (TextPart   part,
                        gsize      byte_offset,
                        GError   **error)
{
  if (part == TEXT_SUBJECT)
    g_set_error (error, AW_GUIDANCE_ERROR, AW_GUIDANCE_ERROR_INVALID_TEXT,
                 /* Translators: %lu is a byte offset */
                 _("The subject is not valid UTF-8 text (at byte %lu)"),
                 (unsigned long) byte_offset);
  else
    g_set_error (error, AW_GUIDANCE_ERROR, AW_GUIDANCE_ERROR_INVALID_TEXT,
                 /* Translators: %lu is a byte offset */
                 _("The text is not valid UTF-8 (at byte %lu)"),
                 (unsigned long) byte_offset);
}

static gboolean
validate_text (const char  *text,
               TextPart     part,
               GError     **error)
{
  const char *end = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, &end))
    {
      set_invalid_utf8_error (part, end - text, error);
      return FALSE;
    }
  if (strlen (text) >= G_MAXINT32 / 2)
    {
      set_too_long_error (part, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * aw_guidance_check:
 * @subject: (nullable): the subject line
 * @body: (nullable): the body, greeting and sign-off included
 * @options: (nullable): language, disabled rules, recipient and earlier sends
 *
 * Checks a draft. Fast enough for every keystroke: linear in the text.
 *
 * Returns: (transfer full): the report, or %NULL with @error set (invalid UTF-8,
 *   unknown language)
 */
AwGuidanceReport *
aw_guidance_check (AwGuidance         *self,
                   const char         *subject,
                   const char         *body,
                   AwGuidanceOptions  *options,
                   GError            **error)
{
  g_autofree char *unquoted = NULL;  /* outlives body_tokens, which point into it */
  g_autoptr(AwTokens) subject_tokens = NULL;
  g_autoptr(AwTokens) body_tokens = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(AwGuidanceReport) report = NULL;
  const char *code = NULL;
  Check check = { 0 };
  Scan scan;
  AwModelVerdict verdict = { 0 };

  g_return_val_if_fail (AW_IS_GUIDANCE (self), NULL);
  g_return_val_if_fail (options == NULL || AW_IS_GUIDANCE_OPTIONS (options), NULL);

  if (!validate_text (subject, TEXT_SUBJECT, error) || !validate_text (body, TEXT_BODY, error))
    return NULL;

  subject_tokens = aw_tokens_new (subject != NULL ? subject : "");
  mark_reply_subject (subject_tokens);
  /* the quoted reply below is their text: no findings, no words counted */
  if (body != NULL)
    unquoted = aw_text_mask_quoted (body);
  body_tokens = aw_tokens_new (unquoted != NULL ? unquoted : body != NULL ? body : "");

  if (options != NULL && options->language != NULL)
    code = options->language;
  else
    {
      AwTokens *parts[] = { subject_tokens, body_tokens };
      code = detect_from_tokens (self, parts, 2);
    }

  check.guidance = self;
  check.options = options;
  check.rules = get_rules (self, code, error);
  if (check.rules == NULL)
    return NULL;
  check.last_start = g_new0 (guint32, check.rules->patterns->len + 1);
  findings = g_ptr_array_new_with_free_func (g_object_unref);
  check.findings = findings;
  check.keys = g_array_new (FALSE, FALSE, sizeof (FindingKey));

  report = aw_guidance_report_new (check.rules->code, body_tokens->n_words);

  scan_part (&check, subject_tokens, AW_DRAFT_PART_SUBJECT, &scan);
  scan_clear (&scan);
  flush_findings (&check, report);

  scan_part (&check, body_tokens, AW_DRAFT_PART_BODY, &scan);
  /* the learned layer (aw-guidance-model.c) adds what the phrases missed */
  aw_guidance_model_run (check.rules->code, body_tokens, scan.signoff_line, check.findings,
                         options, &verdict);
  /* phrase hits in a sentence the model is sure is benign go (keys[i].index == i here) */
  for (guint i = check.findings->len; verdict.vetoed != NULL && i-- > 0;)
    if (g_ptr_array_find (verdict.vetoed, g_ptr_array_index (check.findings, i), NULL))
      {
        g_ptr_array_remove_index (check.findings, i);
        g_array_remove_index (check.keys, i);
        for (guint k = i; k < check.keys->len; k++)
          g_array_index (check.keys, FindingKey, k).index = k;
      }
  for (guint i = 0; verdict.findings != NULL && i < verdict.findings->len; i++)
    {
      AwFinding *finding = g_ptr_array_index (verdict.findings, i);
      FindingKey key = { aw_finding_get_start (finding), aw_finding_get_end (finding),
                         check.findings->len };

      g_array_append_val (check.keys, key);
      g_ptr_array_add (check.findings, g_object_ref (finding));
    }
  flush_findings (&check, report);

  if (body_tokens->tokens->len > 0)
    {
      const AwLine *first_line = &g_array_index (body_tokens->lines, AwLine, 0);

      /* "Anna," or "Frau Weber," alone on the first line greets too */
      if (!scan.has_greeting && first_line->n_tokens <= 4 &&
          (first_line->last_char == ',' || first_line->last_char == ':') &&
          body_tokens->lines->len > 1)
        scan.has_greeting = TRUE;

      if (!scan.has_greeting)
        add_absence (&check, report, AW_RULE_GREETING, NULL, NULL);
      if (!scan.has_signoff && !ends_with_name (body_tokens))
        add_absence (&check, report, AW_RULE_SIGN_OFF, NULL, NULL);
      if (body_tokens->n_words > AW_GUIDANCE_MAX_WORDS)
        add_absence (&check, report, AW_RULE_TOO_LONG, NULL, NULL);
      if (!check.has_thanks && !verdict.thanks)
        add_absence (&check, report, AW_RULE_MISSING_THANKS, NULL, check.rules->insert_thanks);
      if (!check.has_feedback && !verdict.feedback)
        add_absence (&check, report, AW_RULE_MISSING_FEEDBACK_REQUEST, NULL,
                     check.rules->insert_feedback);
    }
  scan_clear (&scan);
  aw_model_verdict_clear (&verdict);

  report_repeat (&check, report);

  g_free (check.last_start);
  g_array_unref (check.keys);
  return g_steal_pointer (&report);
}
