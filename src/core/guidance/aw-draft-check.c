/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-check.c: one draft checked the same way everywhere: options from the draft
 * and the history, dismissed findings left out, the rest sorted
 *
 * The editor, the review sheet and `afterword --check` all check through this object,
 * so "Ask for feedback: off", the earlier sends and the findings the person chose to
 * Ignore mean the same thing in each of them. The options are built once and kept
 * until the draft's answers or the history change; "changed" says when that happens.
 */
#include "config.h"

#include "aw-draft-check.h"
#include "aw-guidance-private.h"

struct _AwDraftCheck
{
  GObject            parent_instance;

  AwDraft           *draft;
  AwHistory         *history;
  char              *language;  /* used when there is no draft */
  AwGuidanceOptions *options;   /* NULL when it must be rebuilt */
};

G_DEFINE_FINAL_TYPE (AwDraftCheck, aw_draft_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DRAFT,
  PROP_HISTORY,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The draft's answers that go into the options */
static const char * const option_answers[] = {
  "language", "recipient-address", "company", "ask-feedback",
};

static void
invalidate (AwDraftCheck *self)
{
  g_clear_object (&self->options);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_history_items_changed (AwDraftCheck *self)
{
  invalidate (self);
}

static void
watch_draft (AwDraftCheck *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (option_answers); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", option_answers[i], NULL);

      g_signal_connect_object (self->draft, signal, G_CALLBACK (invalidate), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
aw_draft_check_dispose (GObject *object)
{
  AwDraftCheck *self = AW_DRAFT_CHECK (object);

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->draft);
  g_clear_object (&self->history);
  g_clear_object (&self->options);

  G_OBJECT_CLASS (aw_draft_check_parent_class)->dispose (object);
}

static void
aw_draft_check_finalize (GObject *object)
{
  AwDraftCheck *self = AW_DRAFT_CHECK (object);

  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (aw_draft_check_parent_class)->finalize (object);
}

static void
aw_draft_check_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwDraftCheck *self = AW_DRAFT_CHECK (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_draft_check_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AwDraftCheck *self = AW_DRAFT_CHECK (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      aw_draft_check_set_draft (self, g_value_get_object (value));
      break;
    case PROP_HISTORY:
      aw_draft_check_set_history (self, g_value_get_object (value));
      break;
    case PROP_LANGUAGE:
      aw_draft_check_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_draft_check_class_init (AwDraftCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aw_draft_check_dispose;
  object_class->finalize = aw_draft_check_finalize;
  object_class->get_property = aw_draft_check_get_property;
  object_class->set_property = aw_draft_check_set_property;

  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, AW_TYPE_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, AW_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AwDraftCheck::changed:
   *
   * The options changed: another draft, one of its answers (language, recipient,
   * company, "Ask for feedback"), or the history. A shown check is out of date.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
aw_draft_check_init (AwDraftCheck *self)
{
}

/**
 * aw_draft_check_new:
 * @draft: (nullable): the draft, for its answers and its dismissed findings
 * @history: (nullable): the sent follow-ups, for repeat-follow-up
 */
AwDraftCheck *
aw_draft_check_new (AwDraft   *draft,
                    AwHistory *history)
{
  g_return_val_if_fail (draft == NULL || AW_IS_DRAFT (draft), NULL);
  g_return_val_if_fail (history == NULL || AW_IS_HISTORY (history), NULL);

  return g_object_new (AW_TYPE_DRAFT_CHECK, "draft", draft, "history", history, NULL);
}

/**
 * aw_draft_check_get_draft:
 *
 * Returns: (transfer none) (nullable): the draft
 */
AwDraft *
aw_draft_check_get_draft (AwDraftCheck *self)
{
  g_return_val_if_fail (AW_IS_DRAFT_CHECK (self), NULL);

  return self->draft;
}

void
aw_draft_check_set_draft (AwDraftCheck *self,
                          AwDraft      *draft)
{
  g_return_if_fail (AW_IS_DRAFT_CHECK (self));
  g_return_if_fail (draft == NULL || AW_IS_DRAFT (draft));

  if (self->draft == draft)
    return;
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_set_object (&self->draft, draft);
  if (draft != NULL)
    watch_draft (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

/**
 * aw_draft_check_get_history:
 *
 * Returns: (transfer none) (nullable): the history
 */
AwHistory *
aw_draft_check_get_history (AwDraftCheck *self)
{
  g_return_val_if_fail (AW_IS_DRAFT_CHECK (self), NULL);

  return self->history;
}

void
aw_draft_check_set_history (AwDraftCheck *self,
                            AwHistory    *history)
{
  g_return_if_fail (AW_IS_DRAFT_CHECK (self));
  g_return_if_fail (history == NULL || AW_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    g_signal_connect_object (history, "items-changed", G_CALLBACK (on_history_items_changed),
                             self, G_CONNECT_SWAPPED);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * aw_draft_check_set_language:
 * @code: (nullable): a code of aw_guidance_get_languages(); %NULL detects the language
 *
 * The language when there is no draft (`afterword --check --lang`); a draft's own
 * language always wins.
 */
void
aw_draft_check_set_language (AwDraftCheck *self,
                             const char   *code)
{
  g_return_if_fail (AW_IS_DRAFT_CHECK (self));

  if (!aw_guidance_replace_string (&self->language, code))
    return;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/**
 * aw_draft_check_get_language:
 *
 * Returns: (nullable): what aw_draft_check_set_language() set
 */
const char *
aw_draft_check_get_language (AwDraftCheck *self)
{
  g_return_val_if_fail (AW_IS_DRAFT_CHECK (self), NULL);

  return self->language;
}

static void
add_draft_options (AwGuidanceOptions *options,
                   AwDraft           *draft)
{
  aw_guidance_options_set_language (options, aw_draft_get_language (draft));
  aw_guidance_options_set_recipient (options, aw_draft_get_recipient_address (draft),
                                     aw_draft_get_company (draft));
  if (!aw_draft_get_ask_feedback (draft))
    aw_guidance_options_disable_rule (options, AW_RULE_MISSING_FEEDBACK_REQUEST);
}

static void
add_history_options (AwGuidanceOptions *options,
                     AwHistory         *history)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (history), i);

      aw_guidance_options_add_previous_send (options,
                                             aw_history_entry_get_recipient_address (entry),
                                             aw_history_entry_get_company (entry),
                                             aw_history_entry_get_sent_at (entry));
    }
}

/**
 * aw_draft_check_get_options:
 *
 * Returns: (transfer none): the options the check uses, built from the draft (language,
 *   recipient, company, "Ask for feedback") and every earlier send in the history
 */
AwGuidanceOptions *
aw_draft_check_get_options (AwDraftCheck *self)
{
  g_return_val_if_fail (AW_IS_DRAFT_CHECK (self), NULL);

  if (self->options != NULL)
    return self->options;

  self->options = aw_guidance_options_new ();
  if (self->draft != NULL)
    add_draft_options (self->options, self->draft);
  else
    aw_guidance_options_set_language (self->options, self->language);
  if (self->history != NULL)
    add_history_options (self->options, self->history);
  return self->options;
}

/**
 * aw_draft_check_compare_findings:
 *
 * The order findings are shown in: errors first, then warnings, then suggestions;
 * within one severity the subject before the body, then by position.
 */
int
aw_draft_check_compare_findings (AwFinding *a,
                                 AwFinding *b)
{
  if (aw_finding_get_severity (a) != aw_finding_get_severity (b))
    return aw_finding_get_severity (b) - aw_finding_get_severity (a);
  if (aw_finding_get_part (a) != aw_finding_get_part (b))
    return aw_finding_get_part (b) - aw_finding_get_part (a);  /* subject first */
  return aw_finding_get_start (a) - aw_finding_get_start (b);
}

static int
compare_finding_pointers (gconstpointer a,
                          gconstpointer b)
{
  return aw_draft_check_compare_findings (*(AwFinding **) a, *(AwFinding **) b);
}

static gboolean
is_dismissed (AwDraftCheck *self,
              AwFinding    *finding)
{
  g_autofree char *key = NULL;

  if (self->draft == NULL)
    return FALSE;
  key = aw_draft_make_finding_key (aw_finding_get_rule_id (finding), aw_finding_get_text (finding));
  return aw_draft_is_dismissed (self->draft, key);
}

/* A report with what @all found, minus what the draft dismissed, sorted */
static AwGuidanceReport *
keep_shown (AwDraftCheck     *self,
            AwGuidanceReport *all)
{
  GListModel *findings = aw_guidance_report_get_findings (all);
  guint n = g_list_model_get_n_items (findings);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_full (n, g_object_unref);
  AwGuidanceReport *report;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwFinding) finding = g_list_model_get_item (findings, i);

      if (!is_dismissed (self, finding))
        g_ptr_array_add (shown, g_steal_pointer (&finding));
    }
  g_ptr_array_sort (shown, compare_finding_pointers);

  report = aw_guidance_report_new (aw_guidance_report_get_language (all),
                                   aw_guidance_report_get_word_count (all));
  aw_guidance_report_add_many (report, (AwFinding **) shown->pdata, shown->len);
  return report;
}

/**
 * aw_draft_check_run:
 * @subject: (nullable): the subject to check; %NULL for the draft's
 * @body: (nullable): the body to check; %NULL for the draft's
 *
 * Checks the text with aw_draft_check_get_options(). The findings the draft dismissed
 * (aw_draft_dismiss()) are left out; a dismissal names the rule and the exact text, so
 * a finding comes back once its text changes. The rest is sorted as
 * aw_draft_check_compare_findings() says.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
AwGuidanceReport *
aw_draft_check_run (AwDraftCheck  *self,
                    const char    *subject,
                    const char    *body,
                    GError       **error)
{
  g_autoptr(AwGuidanceReport) all = NULL;

  g_return_val_if_fail (AW_IS_DRAFT_CHECK (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (subject == NULL && self->draft != NULL)
    subject = aw_draft_get_subject (self->draft);
  if (body == NULL && self->draft != NULL)
    body = aw_draft_get_body (self->draft);

  all = aw_guidance_check (aw_guidance_get_default (), subject, body,
                           aw_draft_check_get_options (self), error);
  if (all == NULL)
    return NULL;
  return keep_shown (self, all);
}
