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
 * from that token only (aw-guidance-scan.c). Negation, allowed phrases
 * (aw-guidance-phrases.c) and the structural checks (aw-guidance-structure.c) then work
 * on the hits and the token array, never on the text again. The learned layer joins in
 * aw-guidance-fusion.c, the earlier sends in aw-guidance-repeat.c.
 *
 * This file: the engine object, its languages and rule sets, the rules' texts, language
 * detection and the check itself.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "aw-guidance.h"
#include "aw-guidance-private.h"
#include "aw-guidance-rules.h"
#include "aw-guidance-scan.h"
#include "aw-languages.h"
#include "aw-text-fold.h"

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


struct _AwGuidance
{
  GObject     parent_instance;

  GMutex      mutex;
  GHashTable *rules;        /* code -> AwGuidanceRules */
  GHashTable *detect_words; /* folded word -> bitmask of languages, as pointer */
  GPtrArray  *detect;       /* DetectLanguage, in bit order */
  GHashTable *acronyms;     /* folded: the acronyms every language shares (common.json) */
};

G_DEFINE_FINAL_TYPE (AwGuidance, aw_guidance, G_TYPE_OBJECT)

/* What detection knows of a language: read from its summary, not its compiled rules, so
 * detecting a language compiles none */
typedef struct
{
  const char *code;    /* of aw_languages_get_codes() */
  GPtrArray  *words;   /* folded "detect" words */
  GArray     *chars;   /* gunichar: "detect_chars", lower case */
} DetectLanguage;

static void
detect_language_free (DetectLanguage *language)
{
  g_ptr_array_unref (language->words);
  g_array_unref (language->chars);
  g_free (language);
}

static void
aw_guidance_finalize (GObject *object)
{
  AwGuidance *self = AW_GUIDANCE (object);

  g_clear_pointer (&self->rules, g_hash_table_unref);
  g_clear_pointer (&self->detect_words, g_hash_table_unref);
  g_clear_pointer (&self->detect, g_ptr_array_unref);
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

  rules = aw_guidance_rules_load (code, &local_error);
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
  self->detect = g_ptr_array_new_with_free_func ((GDestroyNotify) detect_language_free);
  languages = aw_guidance_get_languages ();
  for (guint i = 0; languages[i] != NULL && self->detect->len < 32; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
      DetectLanguage *language;
      guint bit;

      if (!aw_guidance_rules_read_detect (languages[i], words, chars, &error))
        {
          g_warning ("Cannot detect %s: %s", languages[i], error->message);
          continue;
        }
      bit = self->detect->len;
      language = g_new0 (DetectLanguage, 1);
      language->code = languages[i];
      language->words = g_steal_pointer (&words);
      language->chars = g_steal_pointer (&chars);
      g_ptr_array_add (self->detect, language);
      for (guint w = 0; w < language->words->len; w++)
        {
          const char *word = g_ptr_array_index (language->words, w);
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
  if (self->detect->len == 0)
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
                  for (guint b = 0; b < self->detect->len; b++)
                    {
                      GArray *chars = ((DetectLanguage *) g_ptr_array_index (self->detect, b))->chars;

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
  for (guint b = 1; b < self->detect->len; b++)
    if (scores[b] > scores[best] ||
        (scores[b] == scores[best] &&
         strcmp (((DetectLanguage *) g_ptr_array_index (self->detect, best))->code,
                 aw_languages_get_default ()) == 0))
      best = b;

  if (scores[best] == 0)
    return aw_languages_get_default ();
  return ((DetectLanguage *) g_ptr_array_index (self->detect, best))->code;
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
  AwCheck check = { 0 };
  AwScan scan;

  g_return_val_if_fail (AW_IS_GUIDANCE (self), NULL);
  g_return_val_if_fail (options == NULL || AW_IS_GUIDANCE_OPTIONS (options), NULL);

  if (!validate_text (subject, TEXT_SUBJECT, error) || !validate_text (body, TEXT_BODY, error))
    return NULL;

  subject_tokens = aw_tokens_new (subject != NULL ? subject : "");
  aw_guidance_mark_reply_subject (subject_tokens);
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

  check.acronyms = self->acronyms;
  check.options = options;
  check.rules = get_rules (self, code, error);
  if (check.rules == NULL)
    return NULL;
  check.last_start = g_new0 (guint32, check.rules->patterns->len + 1);
  findings = g_ptr_array_new_with_free_func (g_object_unref);
  check.findings = findings;
  check.keys = g_array_new (FALSE, FALSE, sizeof (AwFindingKey));

  report = aw_guidance_report_new (check.rules->code, body_tokens->n_words);

  aw_guidance_scan_part (&check, subject_tokens, AW_DRAFT_PART_SUBJECT, &scan);
  aw_guidance_scan_clear (&scan);
  aw_guidance_flush_findings (&check, report);

  aw_guidance_scan_part (&check, body_tokens, AW_DRAFT_PART_BODY, &scan);
  aw_guidance_fuse_model (&check, body_tokens, scan.allowed, scan.signoff_line);
  aw_guidance_flush_findings (&check, report);
  aw_guidance_report_absences (&check, &scan, body_tokens, report);
  aw_guidance_scan_clear (&scan);

  aw_guidance_report_repeat (&check, report);

  g_free (check.last_start);
  g_array_unref (check.keys);
  return g_steal_pointer (&report);
}
