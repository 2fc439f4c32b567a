/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-draft-check.c: one draft checked the same way everywhere: options from the draft
 * and the history, dismissed findings left out and brought back, the order
 */
#include "config.h"

#include <string.h>

#include "aw-draft-check.h"
#include "aw-draft-writer.h"
#include "aw-test-async.h"

#define PUSHY_SENTENCE "Please reconsider your decision."

static AwDraft *
written_draft (const char *language)
{
  AwDraft *draft = aw_draft_new ();
  g_autoptr(GError) error = NULL;

  aw_draft_set_language (draft, language);
  aw_draft_set_sender_name (draft, "Sam Lee");
  aw_draft_set_recipient_name (draft, "Dana Ruiz");
  aw_draft_set_recipient_address (draft, "dana@acme.example");
  aw_draft_set_company (draft, "Acme");
  aw_draft_set_role (draft, "Product Designer");
  g_assert_true (aw_draft_writer_write (draft, &error));
  g_assert_no_error (error);
  return draft;
}

static AwGuidanceReport *
run (AwDraftCheck *check)
{
  g_autoptr(GError) error = NULL;
  AwGuidanceReport *report = aw_draft_check_run (check, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gboolean
has_rule (AwDraftCheck *check,
          const char   *rule_id)
{
  g_autoptr(AwGuidanceReport) report = run (check);

  return aw_guidance_report_has_rule (report, rule_id);
}

static void
count_changed (guint *n_changed)
{
  (*n_changed)++;
}

static void
test_options_from_draft (void)
{
  g_autoptr(AwDraft) draft = written_draft ("de");
  g_autoptr(AwDraftCheck) check = aw_draft_check_new (draft, NULL);
  AwGuidanceOptions *options = aw_draft_check_get_options (check);
  guint n_changed = 0;

  g_assert_cmpstr (aw_guidance_options_get_language (options), ==, "de");
  g_assert_true (aw_guidance_options_is_rule_enabled (options, AW_RULE_MISSING_FEEDBACK_REQUEST));
  g_assert_true (aw_draft_check_get_options (check) == options);  /* kept */
  {
    g_autoptr(AwGuidanceReport) report = run (check);

    g_assert_cmpstr (aw_guidance_report_get_language (report), ==, "de");
  }

  g_signal_connect_swapped (check, "changed", G_CALLBACK (count_changed), &n_changed);
  aw_draft_set_language (draft, "en");
  g_assert_cmpuint (n_changed, ==, 1);
  options = aw_draft_check_get_options (check);
  g_assert_cmpstr (aw_guidance_options_get_language (options), ==, "en");

  /* "Ask for feedback: off" */
  aw_draft_set_body (draft, "Dear Dana,\n\nThank you for your time and for the interview.\n\nBest regards,\nSam");
  g_assert_true (has_rule (check, AW_RULE_MISSING_FEEDBACK_REQUEST));
  aw_draft_set_ask_feedback (draft, FALSE);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_false (aw_guidance_options_is_rule_enabled (aw_draft_check_get_options (check),
                                                       AW_RULE_MISSING_FEEDBACK_REQUEST));
  g_assert_false (has_rule (check, AW_RULE_MISSING_FEEDBACK_REQUEST));
}

static void
record (AwHistory  *history,
        const char *address,
        const char *company)
{
  static const char eml_text[] = "Subject: Thank you\r\n\r\nHi\r\n";
  g_autoptr(GBytes) eml = g_bytes_new_static (eml_text, strlen (eml_text));
  g_autoptr(GDateTime) sent = g_date_time_new_now_utc ();
  g_autofree char *message_id = g_strdup_printf ("<%s@example.com>", address);
  g_autoptr(AwHistoryEntry) entry = aw_history_entry_new ("Dana Ruiz", address, company, "Designer",
                                                          "Thank you", "sam@example.com", sent,
                                                          message_id, AW_HISTORY_STATUS_SENT);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  aw_history_record_async (history, entry, eml, NULL, aw_test_async_done, &result);
  g_assert_true (aw_history_record_finish (history, aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
}

static void
remove_folder (GFile *folder)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                               NULL, NULL);
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) &&
         child != NULL)
    g_file_delete (child, NULL, NULL);
  g_file_delete (folder, NULL, NULL);
}

static void
test_repeat_from_history (void)
{
  g_autofree char *path = g_dir_make_tmp ("afterword-draft-check-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(AwHistory) history = aw_history_new (folder);
  g_autoptr(AwDraft) draft = written_draft ("en");
  g_autoptr(AwDraftCheck) check = aw_draft_check_new (draft, NULL);
  guint n_changed = 0;

  g_signal_connect_swapped (check, "changed", G_CALLBACK (count_changed), &n_changed);
  aw_draft_check_set_history (check, history);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (aw_draft_check_get_history (check) == history);
  g_assert_false (has_rule (check, AW_RULE_REPEAT_FOLLOW_UP));

  /* Someone else at another company: no repeat */
  record (history, "kim@initech.example", "Initech");
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_false (has_rule (check, AW_RULE_REPEAT_FOLLOW_UP));

  /* Another address at the same company: the company from the draft counts */
  record (history, "hr@acme.example", "ACME");
  g_assert_cmpuint (n_changed, ==, 3);
  g_assert_true (has_rule (check, AW_RULE_REPEAT_FOLLOW_UP));

  /* The recipient from the draft: a changed company no longer matches, the address does */
  aw_draft_set_company (draft, "Globex");
  g_assert_false (has_rule (check, AW_RULE_REPEAT_FOLLOW_UP));
  record (history, "dana@acme.example", "Other");
  g_assert_true (has_rule (check, AW_RULE_REPEAT_FOLLOW_UP));

  aw_draft_check_set_history (check, NULL);
  g_assert_false (has_rule (check, AW_RULE_REPEAT_FOLLOW_UP));
  remove_folder (folder);
}

static AwFinding *
first_of_rule (AwGuidanceReport *report,
               const char       *rule_id)
{
  GListModel *findings = aw_guidance_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(AwFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (aw_finding_get_rule_id (finding), rule_id))
        return finding;  /* the report keeps it */
    }
  return NULL;
}

static void
test_dismissed (void)
{
  g_autoptr(AwDraft) draft = written_draft ("en");
  g_autoptr(AwDraftCheck) check = aw_draft_check_new (draft, NULL);
  g_autofree char *body = g_strconcat (aw_draft_get_body (draft), "\n" PUSHY_SENTENCE, NULL);
  g_autoptr(AwGuidanceReport) before = NULL;
  g_autoptr(AwGuidanceReport) after = NULL;
  g_autoptr(GString) changed = NULL;
  g_autofree char *key = NULL;
  AwFinding *pushy;

  aw_draft_set_body (draft, body);
  before = run (check);
  pushy = first_of_rule (before, AW_RULE_PUSHY);
  g_assert_nonnull (pushy);
  key = aw_draft_make_finding_key (AW_RULE_PUSHY, aw_finding_get_text (pushy));
  g_assert_true (aw_draft_dismiss (draft, key));

  /* Left out, the other findings stay */
  after = run (check);
  g_assert_false (aw_guidance_report_has_rule (after, AW_RULE_PUSHY));
  g_assert_cmpuint (aw_guidance_report_get_n_findings (after), ==,
                    aw_guidance_report_get_n_findings (before) - 1);
  g_assert_cmpuint (aw_guidance_report_get_word_count (after), ==,
                    aw_guidance_report_get_word_count (before));

  /* Text given by the caller (the editor's buffer) counts the same */
  g_assert_false (has_rule (check, AW_RULE_PUSHY));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AwGuidanceReport) report = aw_draft_check_run (check, "Thank you", body, &error);

    g_assert_no_error (error);
    g_assert_false (aw_guidance_report_has_rule (report, AW_RULE_PUSHY));
  }

  /* Its text changed: it comes back */
  changed = g_string_new (body);
  g_string_replace (changed, "reconsider", "reconsidering", 1);
  aw_draft_set_body (draft, changed->str);
  g_assert_true (has_rule (check, AW_RULE_PUSHY));

  /* A check without a draft has nothing dismissed */
  {
    g_autoptr(AwDraftCheck) bare = aw_draft_check_new (NULL, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(AwGuidanceReport) report = aw_draft_check_run (bare, "Thank you", body, &error);

    g_assert_no_error (error);
    g_assert_true (aw_guidance_report_has_rule (report, AW_RULE_PUSHY));
  }
}

static void
test_sorted (void)
{
  g_autoptr(AwDraft) draft = written_draft ("en");
  g_autoptr(AwDraftCheck) check = aw_draft_check_new (draft, NULL);
  g_autoptr(AwGuidanceReport) report = NULL;
  GListModel *findings;
  guint n;

  /* A suggestion (no feedback request), warnings (pushy, twice), an error (placeholder),
   * in the subject and the body */
  aw_draft_set_subject (draft, "Please reconsider your decision");
  aw_draft_set_body (draft, "Dear Dana,\n\nThank you for the interview. " PUSHY_SENTENCE
                     " I attach [YOUR PORTFOLIO LINK].\n\nBest regards,\nSam");
  report = run (check);
  findings = aw_guidance_report_get_findings (report);
  n = g_list_model_get_n_items (findings);
  g_assert_cmpuint (n, >=, 4);
  g_assert_true (aw_guidance_report_has_rule (report, AW_RULE_PLACEHOLDER));
  g_assert_true (aw_guidance_report_has_rule (report, AW_RULE_MISSING_FEEDBACK_REQUEST));
  {
    g_autoptr(AwFinding) first = g_list_model_get_item (findings, 0);
    g_autoptr(AwFinding) last = g_list_model_get_item (findings, n - 1);

    g_assert_cmpint (aw_finding_get_severity (first), ==, AW_SEVERITY_ERROR);
    g_assert_cmpint (aw_finding_get_severity (last), ==, AW_SEVERITY_SUGGESTION);
  }
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(AwFinding) a = g_list_model_get_item (findings, i - 1);
      g_autoptr(AwFinding) b = g_list_model_get_item (findings, i);

      g_assert_cmpint (aw_draft_check_compare_findings (a, b), <=, 0);
      /* Within one severity the subject comes first */
      if (aw_finding_get_severity (a) == aw_finding_get_severity (b))
        g_assert_false (aw_finding_get_part (a) == AW_DRAFT_PART_BODY &&
                        aw_finding_get_part (b) == AW_DRAFT_PART_SUBJECT);
    }
}

static void
test_bare_text (void)
{
  g_autoptr(AwDraftCheck) check = aw_draft_check_new (NULL, NULL);
  g_autoptr(AwGuidanceReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  /* Detected when not given, as `afterword --check` without --lang */
  g_assert_null (aw_guidance_options_get_language (aw_draft_check_get_options (check)));
  g_assert_true (aw_guidance_options_is_rule_enabled (aw_draft_check_get_options (check),
                                                      AW_RULE_MISSING_FEEDBACK_REQUEST));
  g_signal_connect_swapped (check, "changed", G_CALLBACK (count_changed), &n_changed);
  aw_draft_check_set_language (check, "fr");
  aw_draft_check_set_language (check, "fr");
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpstr (aw_draft_check_get_language (check), ==, "fr");
  g_assert_cmpstr (aw_guidance_options_get_language (aw_draft_check_get_options (check)), ==, "fr");
  report = aw_draft_check_run (check, "Merci", "Bonjour Dana,\n\nMerci pour votre temps.\n\nCordialement,\nSam",
                               &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_guidance_report_get_language (report), ==, "fr");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draft-check/options-from-draft", test_options_from_draft);
  g_test_add_func ("/draft-check/repeat-from-history", test_repeat_from_history);
  g_test_add_func ("/draft-check/dismissed", test_dismissed);
  g_test_add_func ("/draft-check/sorted", test_sorted);
  g_test_add_func ("/draft-check/bare-text", test_bare_text);

  return g_test_run ();
}
