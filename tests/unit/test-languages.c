/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-languages.c: a seventh language from data alone
 *
 * tests/data/languages/xx.json is a made-up language, "Xelish", with its own greetings,
 * sign-offs, detect words, phrases, reply header, reply prefix and company suffix. The
 * test registers it as a GResource under the core prefix, next to the six languages of
 * data/guidance/, and checks that the engine treats it like any other: no C knows it.
 */
#include "config.h"

#include <string.h>

#include "aw-guidance.h"
#include "aw-languages.h"
#include "aw-text-fold.h"
#include "test-languages-resources.h"

#define XX_EMAIL(middle) \
  "Saluz Ana,\n\nDankoz zu mor vaxo kwen blik drap. " middle "\n\nAdiox,\nLi"

static AwGuidanceReport *
check (const char *language,
       const char *subject,
       const char *body)
{
  g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();
  g_autoptr(GError) error = NULL;
  AwGuidanceReport *report;

  aw_guidance_options_set_language (options, language);
  report = aw_guidance_check (aw_guidance_get_default (), subject, body, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static AwFinding *
find_rule (AwGuidanceReport *report,
           const char       *rule_id)
{
  GListModel *findings = aw_guidance_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(AwFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (aw_finding_get_rule_id (finding), rule_id))
        return finding;  /* the report keeps a reference */
    }
  return NULL;
}

/* The set of languages comes from the data: the six of common.json in its order, then
 * the one the test registered */
static void
test_listed (void)
{
  const char * const *languages = aw_guidance_get_languages ();
  const char *expected[] = { "en", "de", "fr", "es", "pt_BR", "it", "xx" };

  g_assert_cmpuint (g_strv_length ((char **) languages), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (languages[i], ==, expected[i]);
  g_assert_true (aw_guidance_is_language ("xx"));
  g_assert_cmpstr (aw_languages_get_default (), ==, "en");
  /* no draft template for it: the wizard does not offer it */
  g_assert_false (g_strv_contains (aw_languages_get_template_codes (), "xx"));
}

static void
test_detect (void)
{
  g_autofree char *xx = aw_guidance_detect_language (aw_guidance_get_default (),
                                                     XX_EMAIL ("Plim zorto fep grunk."));
  g_autofree char *en = aw_guidance_detect_language (aw_guidance_get_default (),
                                                     "Thank you for your time and the interview.");
  g_autoptr(AwGuidanceReport) report = check (NULL, NULL, XX_EMAIL ("Plim zorto fep grunk."));

  g_assert_cmpstr (xx, ==, "xx");
  g_assert_cmpstr (en, ==, "en");
  g_assert_cmpstr (aw_guidance_report_get_language (report), ==, "xx");
}

/* A phrase of the language is found, with its suggestion, and the greeting, sign-off,
 * thanks and feedback request of the language count */
static void
test_phrase_and_formulas (void)
{
  const char *body = XX_EMAIL ("Plim rekonsideru zorto. Konsilo fep grunk?");
  g_autoptr(AwGuidanceReport) report = check (NULL, NULL, body);
  AwFinding *pushy = find_rule (report, AW_RULE_PUSHY);
  g_autoptr(AwGuidanceReport) negated = check ("xx", NULL, XX_EMAIL ("Nix rekonsideru zorto. Konsilo?"));
  g_autoptr(AwGuidanceReport) allowed = check ("xx", NULL, XX_EMAIL ("Rekonsideru futuro. Konsilo?"));

  g_assert_nonnull (pushy);
  g_assert_cmpstr (aw_finding_get_text (pushy), ==, "rekonsideru");
  g_assert_cmpstr (aw_finding_get_suggestion (pushy), ==, "mi volonte auskultos");
  g_assert_false (aw_guidance_report_has_rule (report, AW_RULE_GREETING));
  g_assert_false (aw_guidance_report_has_rule (report, AW_RULE_SIGN_OFF));
  g_assert_false (aw_guidance_report_has_rule (report, AW_RULE_MISSING_THANKS));
  g_assert_false (aw_guidance_report_has_rule (report, AW_RULE_MISSING_FEEDBACK_REQUEST));

  g_assert_false (aw_guidance_report_has_rule (negated, AW_RULE_PUSHY));
  g_assert_false (aw_guidance_report_has_rule (allowed, AW_RULE_PUSHY));
}

/* Without the language's sign-off (and greeting) the email lacks them */
static void
test_signoff (void)
{
  g_autoptr(AwGuidanceReport) signed_off = check ("xx", NULL, XX_EMAIL ("Konsilo?"));
  g_autoptr(AwGuidanceReport) two_words =
    check ("xx", NULL, "Bon dio Ana,\n\nDankoz zu mor vaxo. Konsilo?\n\nKun plezo,\nLi");
  g_autoptr(AwGuidanceReport) bare =
    check ("xx", NULL, "Ana,\n\nDankoz zu mor vaxo kwen blik drap. Konsilo?\n\nzu mor vaxo kwen blik drap plim.");

  g_assert_false (aw_guidance_report_has_rule (signed_off, AW_RULE_SIGN_OFF));
  g_assert_false (aw_guidance_report_has_rule (two_words, AW_RULE_SIGN_OFF));
  g_assert_false (aw_guidance_report_has_rule (two_words, AW_RULE_GREETING));
  g_assert_true (aw_guidance_report_has_rule (bare, AW_RULE_SIGN_OFF));
}

/* The language's reply header starts quoted text: its words are the other side's */
static void
test_reply_header (void)
{
  const char *wrote = XX_EMAIL ("Konsilo?") "\n\nKun 3 mar 2025, Ana <ana@example.com> skribiz:\n"
                      "Plim rekonsideru zorto.\n";
  const char *from = XX_EMAIL ("Konsilo?") "\n\nEkde: Ana Blik\nSendiz: 3 mar 2025\n"
                     "Plim rekonsideru zorto.\n";
  const char *plain = "Saluz Ana,\n\nKun plezo mi legis. Rekonsideru zorto.\n";
  g_autofree char *masked = aw_text_mask_quoted (wrote);
  g_autofree char *masked_from = aw_text_mask_quoted (from);
  g_autofree char *not_masked = aw_text_mask_quoted (plain);
  g_autoptr(AwGuidanceReport) report = check (NULL, NULL, wrote);
  g_autoptr(AwGuidanceReport) report_from = check (NULL, NULL, from);

  g_assert_nonnull (masked);
  g_assert_null (strstr (masked, "rekonsideru"));
  g_assert_null (strstr (masked, "skribiz"));
  g_assert_nonnull (strstr (masked, "Adiox"));
  g_assert_cmpuint (strlen (masked), ==, strlen (wrote));
  g_assert_nonnull (masked_from);
  g_assert_null (strstr (masked_from, "rekonsideru"));
  g_assert_null (not_masked);

  g_assert_cmpstr (aw_guidance_report_get_language (report), ==, "xx");
  g_assert_false (aw_guidance_report_has_rule (report, AW_RULE_PUSHY));
  g_assert_false (aw_guidance_report_has_rule (report, AW_RULE_SIGN_OFF));
  g_assert_false (aw_guidance_report_has_rule (report_from, AW_RULE_PUSHY));
}

/* The language's reply prefix quotes the subject; its company suffix is a legal form */
static void
test_subject_and_company (void)
{
  g_autoptr(AwGuidanceReport) reply = check ("xx", "Rx: rekonsideru", XX_EMAIL ("Konsilo?"));
  g_autoptr(AwGuidanceReport) own = check ("xx", "Rekonsideru", XX_EMAIL ("Konsilo?"));
  g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();
  g_autoptr(GDateTime) sent = g_date_time_new_now_utc ();
  g_autoptr(AwGuidanceReport) repeat = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (aw_guidance_report_has_rule (reply, AW_RULE_PUSHY));
  g_assert_true (aw_guidance_report_has_rule (own, AW_RULE_PUSHY));

  aw_guidance_options_set_language (options, "xx");
  aw_guidance_options_set_recipient (options, "ana@blik.example", "Blik Xq");
  aw_guidance_options_add_previous_send (options, "hr@blik.example", "Blik", sent);
  repeat = aw_guidance_check (aw_guidance_get_default (), NULL, XX_EMAIL ("Konsilo?"),
                              options, &error);
  g_assert_no_error (error);
  g_assert_true (aw_guidance_report_has_rule (repeat, AW_RULE_REPEAT_FOLLOW_UP));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* registered by its constructor; referencing it keeps the object linked */
  g_assert_nonnull (test_languages_get_resource ());

  g_test_add_func ("/languages/listed", test_listed);
  g_test_add_func ("/languages/detect", test_detect);
  g_test_add_func ("/languages/phrase-and-formulas", test_phrase_and_formulas);
  g_test_add_func ("/languages/sign-off", test_signoff);
  g_test_add_func ("/languages/reply-header", test_reply_header);
  g_test_add_func ("/languages/subject-and-company", test_subject_and_company);

  return g_test_run ();
}
