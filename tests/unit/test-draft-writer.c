/* test-draft-writer.c: every template combination is short, complete and clean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Enumerates language x tone x stage x feedback (off, on, on with an area) x
 * open-to-future x stay-in-touch x detail x salutation and checks each draft: under
 * 150 words, zero findings from the guidance engine (missing-feedback-request disabled
 * when no feedback is asked for, as the editor does), no placeholder left, the names in.
 */
#include "config.h"

#include "aw-draft-writer.h"
#include "aw-guidance.h"

typedef struct
{
  const char *language;
  const char *detail;
  const char *feedback_area;
} Sample;

/* Values a user would type, in the email's language */
static const Sample samples[] = {
  { "de", "das Gespräch über Ihre Datenplattform", "die Fallstudie" },
  { "en", "the conversation about your data platform", "the case study" },
  { "es", "la conversación sobre su plataforma de datos", "el caso práctico" },
  { "fr", "l'échange sur votre plateforme de données", "l'étude de cas" },
  { "it", "la conversazione sulla vostra piattaforma dati", "il caso di studio" },
  { "pt_BR", "a conversa sobre a plataforma de dados", "o estudo de caso" },
};

static const Sample *
sample_for (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (g_str_equal (samples[i].language, language))
      return &samples[i];
  g_assert_not_reached ();
}

static gboolean
has_placeholder (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\{[a-z_]*\\}|\\{|\\}", 0, 0, NULL);

  return g_regex_match (regex, text, 0, NULL);
}

static void
test_languages (void)
{
  const char * const *languages = aw_draft_writer_get_languages ();
  static const char *expected[] = { "de", "en", "es", "fr", "it", "pt_BR", NULL };
  static const char *names[] = { "Deutsch", "English", "Español", "Français", "Italiano",
                                 "Português (Brasil)" };

  g_assert_true (g_strv_equal (languages, expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_assert_cmpstr (aw_draft_language_get_name (expected[i]), ==, names[i]);
      g_assert_true (aw_draft_writer_has_language (expected[i]));
      /* The guidance engine knows every template language */
      g_assert_true (aw_guidance_is_language (expected[i]));
    }
  g_assert_null (aw_draft_language_get_name ("nl"));
  g_assert_false (aw_draft_writer_has_language ("nl"));
}

static void
test_previews (void)
{
  const char * const *languages = aw_draft_writer_get_languages ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      char *previews[3] = { NULL, };

      for (AwTone tone = AW_TONE_WARM; tone <= AW_TONE_BRIEF; tone++)
        {
          previews[tone] = aw_draft_writer_preview (languages[i], tone);
          g_assert_nonnull (previews[tone]);
          g_assert_cmpuint (strlen (previews[tone]), >, 10);
          g_assert_null (strchr (previews[tone], '\n'));
          g_assert_false (has_placeholder (previews[tone]));
        }
      g_assert_cmpstr (previews[0], !=, previews[1]);
      g_assert_cmpstr (previews[1], !=, previews[2]);
      for (guint t = 0; t < 3; t++)
        g_free (previews[t]);
    }
  g_assert_null (aw_draft_writer_preview ("nl", AW_TONE_WARM));
}

static AwDraft *
base_draft (const char *language)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_language (draft, language);
  aw_draft_set_sender_name (draft, "Alex Morgan");
  aw_draft_set_recipient_name (draft, "Dana Weber");
  aw_draft_set_recipient_address (draft, "dana.weber@example.com");
  aw_draft_set_company (draft, "Acme Analytics");
  aw_draft_set_role (draft, "Data Engineer");
  return draft;
}

static void
test_every_combination (void)
{
  const char * const *languages = aw_draft_writer_get_languages ();
  AwGuidance *guidance = aw_guidance_get_default ();
  guint combinations = 0;
  guint failures = 0;
  guint max_words = 0;
  g_autofree char *longest = NULL;

  for (guint l = 0; languages[l] != NULL; l++)
    for (AwTone tone = AW_TONE_WARM; tone <= AW_TONE_BRIEF; tone++)
      for (AwStage stage = AW_STAGE_APPLIED; stage <= AW_STAGE_TRIAL_DAY; stage++)
        for (guint feedback = 0; feedback < 3; feedback++)
          for (guint future = 0; future < 2; future++)
            for (guint touch = 0; touch < 2; touch++)
              for (guint detail = 0; detail < 2; detail++)
                for (AwSalutation salutation = AW_SALUTATION_UNKNOWN;
                     salutation <= AW_SALUTATION_MALE; salutation++)
                  {
                    const Sample *sample = sample_for (languages[l]);
                    g_autoptr(AwDraft) draft = base_draft (languages[l]);
                    g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();
                    g_autoptr(AwGuidanceReport) report = NULL;
                    g_autoptr(GError) error = NULL;
                    g_autofree char *label = NULL;
                    const char *body;
                    guint words;
                    guint n_findings;

                    aw_draft_set_tone (draft, tone);
                    aw_draft_set_stage (draft, stage);
                    aw_draft_set_ask_feedback (draft, feedback > 0);
                    aw_draft_set_feedback_area (draft, feedback == 2 ? sample->feedback_area : "");
                    aw_draft_set_open_to_future (draft, future);
                    aw_draft_set_stay_in_touch (draft, touch);
                    aw_draft_set_detail (draft, detail ? sample->detail : "");
                    aw_draft_set_salutation (draft, salutation);

                    label = g_strdup_printf ("%s/%s/%s/feedback=%u/future=%u/touch=%u/detail=%u/%s",
                                             languages[l], aw_tone_to_string (tone),
                                             aw_stage_to_string (stage), feedback, future, touch,
                                             detail, aw_salutation_to_string (salutation));
                    combinations++;

                    if (!aw_draft_writer_write (draft, &error))
                      {
                        g_test_message ("%s: %s", label, error->message);
                        failures++;
                        continue;
                      }
                    body = aw_draft_get_body (draft);

                    aw_guidance_options_set_language (options, languages[l]);
                    aw_guidance_options_set_recipient (options, "dana.weber@example.com",
                                                       "Acme Analytics");
                    if (!aw_draft_get_ask_feedback (draft))
                      aw_guidance_options_disable_rule (options, AW_RULE_MISSING_FEEDBACK_REQUEST);
                    report = aw_guidance_check (guidance, aw_draft_get_subject (draft), body,
                                                options, &error);
                    if (report == NULL)
                      {
                        /* e.g. a template language without guidance rules */
                        if (failures++ == 0)
                          g_test_message ("%s: %s", label, error->message);
                        continue;
                      }

                    words = aw_guidance_report_get_word_count (report);
                    n_findings = aw_guidance_report_get_n_findings (report);
                    if (words > max_words)
                      {
                        max_words = words;
                        g_free (longest);
                        longest = g_strdup (label);
                      }

                    if (n_findings > 0 || words >= AW_GUIDANCE_MAX_WORDS ||
                        has_placeholder (aw_draft_get_subject (draft)) || has_placeholder (body) ||
                        (strstr (body, "Weber") == NULL && strstr (body, "Dana") == NULL) ||
                        !g_str_has_suffix (body, "Alex Morgan\n") ||
                        (detail && strstr (body, sample->detail) == NULL) ||
                        (feedback == 2 && strstr (body, sample->feedback_area) == NULL))
                      {
                        GListModel *findings = aw_guidance_report_get_findings (report);

                        failures++;
                        g_test_message ("%s: %u words, %u findings", label, words, n_findings);
                        for (guint f = 0; f < g_list_model_get_n_items (findings); f++)
                          {
                            g_autoptr(AwFinding) finding = g_list_model_get_item (findings, f);

                            g_test_message ("  %s: “%s”", aw_finding_get_rule_id (finding),
                                            aw_finding_get_text (finding));
                          }
                        g_test_message ("  Subject: %s\n%s", aw_draft_get_subject (draft), body);
                      }
                  }

  g_test_message ("%u combinations, longest %u words (%s)", combinations, max_words, longest);
  g_assert_cmpuint (combinations, ==, 6 * 3 * 5 * 3 * 2 * 2 * 2 * 3);
  g_assert_cmpuint (failures, ==, 0);
}

static void
test_salutation_forms (void)
{
  static const struct { const char *language; AwTone tone; AwSalutation salutation; const char *greeting; } cases[] = {
    { "de", AW_TONE_FORMAL, AW_SALUTATION_FEMALE, "Sehr geehrte Frau Weber,\n\nhaben Sie vielen Dank" },
    { "de", AW_TONE_FORMAL, AW_SALUTATION_MALE, "Sehr geehrter Herr Weber,\n\nhaben Sie" },
    { "de", AW_TONE_WARM, AW_SALUTATION_FEMALE, "Liebe Frau Weber,\n\nvielen Dank" },
    { "de", AW_TONE_FORMAL, AW_SALUTATION_UNKNOWN, "Guten Tag Dana Weber,\n\n" },
    { "fr", AW_TONE_FORMAL, AW_SALUTATION_FEMALE, "Madame Weber,\n\nJe vous remercie" },
    { "fr", AW_TONE_WARM, AW_SALUTATION_UNKNOWN, "Bonjour Dana Weber,\n\n" },
    { "es", AW_TONE_FORMAL, AW_SALUTATION_FEMALE, "Estimada Sra. Weber:\n\n" },
    { "es", AW_TONE_FORMAL, AW_SALUTATION_UNKNOWN, "Buenos días, Dana Weber:\n\n" },
    { "pt_BR", AW_TONE_FORMAL, AW_SALUTATION_FEMALE, "Prezada Sra. Weber,\n\n" },
    { "it", AW_TONE_FORMAL, AW_SALUTATION_FEMALE, "Gentile Sig.ra Weber,\n\n" },
    { "it", AW_TONE_FORMAL, AW_SALUTATION_UNKNOWN, "Gentile Dana Weber,\n\n" },
    { "en", AW_TONE_WARM, AW_SALUTATION_UNKNOWN, "Dear Dana,\n\n" },
    { "en", AW_TONE_FORMAL, AW_SALUTATION_MALE, "Dear Mr. Weber,\n\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AwDraft) draft = base_draft (cases[i].language);
      g_autoptr(GError) error = NULL;

      aw_draft_set_tone (draft, cases[i].tone);
      aw_draft_set_salutation (draft, cases[i].salutation);
      g_assert_true (aw_draft_writer_write (draft, &error));
      g_assert_no_error (error);
      if (!g_str_has_prefix (aw_draft_get_body (draft), cases[i].greeting))
        g_error ("%s: expected “%s”, got:\n%s", cases[i].language, cases[i].greeting,
                 aw_draft_get_body (draft));
    }
}

static void
test_stage_aware (void)
{
  static const struct { AwStage stage; const char *phrase; } cases[] = {
    { AW_STAGE_APPLIED, "consider my application" },
    { AW_STAGE_PHONE_SCREEN, "our phone conversation" },
    { AW_STAGE_INTERVIEW, "the interview" },
    { AW_STAGE_FINAL_ROUND, "the final-round interviews" },
    { AW_STAGE_TRIAL_DAY, "the trial day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AwDraft) draft = base_draft ("en");
      g_autoptr(GError) error = NULL;

      aw_draft_set_stage (draft, cases[i].stage);
      g_assert_true (aw_draft_writer_write (draft, &error));
      g_assert_nonnull (strstr (aw_draft_get_body (draft), cases[i].phrase));
    }
}

static void
test_values_inserted_literally (void)
{
  g_autoptr(AwDraft) draft = base_draft ("en");
  g_autoptr(GError) error = NULL;

  /* A user value that looks like a placeholder stays as typed, once */
  aw_draft_set_company (draft, "Acme {role} {sender_name}");
  aw_draft_set_detail (draft, "  the {detail}\n  talk.  ");
  g_assert_true (aw_draft_writer_write (draft, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (aw_draft_get_subject (draft), "at Acme {role} {sender_name}"));
  g_assert_nonnull (strstr (aw_draft_get_body (draft), "team at Acme {role} {sender_name}."));
  /* white space collapsed, the final full stop is the template's */
  g_assert_nonnull (strstr (aw_draft_get_body (draft), "appreciated the {detail} talk.\n"));
}

static void
test_names (void)
{
  static const struct { const char *language; AwTone tone; AwSalutation salutation; const char *name; const char *greeting; } cases[] = {
    { "en", AW_TONE_WARM, AW_SALUTATION_UNKNOWN, "Dr. Dana Weber", "Dear Dana,\n" },
    { "en", AW_TONE_FORMAL, AW_SALUTATION_MALE, "Prof. Jan Weber Jr.", "Dear Mr. Weber,\n" },
    { "en", AW_TONE_FORMAL, AW_SALUTATION_UNKNOWN, "Dr. Dana Weber", "Dear Dr. Dana Weber,\n" },
    { "de", AW_TONE_FORMAL, AW_SALUTATION_FEMALE, "Ursula von der Leyen", "Sehr geehrte Frau von der Leyen,\n" },
    { "de", AW_TONE_FORMAL, AW_SALUTATION_MALE, "Herr Jan de Vries", "Sehr geehrter Herr de Vries,\n" },
    { "es", AW_TONE_FORMAL, AW_SALUTATION_FEMALE, "Ana de la Cruz", "Estimada Sra. de la Cruz:\n" },
    { "fr", AW_TONE_WARM, AW_SALUTATION_MALE, "Jean du Pont", "Bonjour Monsieur du Pont,\n" },
    { "en", AW_TONE_WARM, AW_SALUTATION_UNKNOWN, "Dana", "Dear Dana,\n" },
    { "de", AW_TONE_FORMAL, AW_SALUTATION_FEMALE, "Weber", "Sehr geehrte Frau Weber,\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AwDraft) draft = base_draft (cases[i].language);
      g_autoptr(GError) error = NULL;

      aw_draft_set_tone (draft, cases[i].tone);
      aw_draft_set_salutation (draft, cases[i].salutation);
      aw_draft_set_recipient_name (draft, cases[i].name);
      g_assert_true (aw_draft_writer_write (draft, &error));
      if (!g_str_has_prefix (aw_draft_get_body (draft), cases[i].greeting))
        g_error ("%s: expected “%s”, got:\n%s", cases[i].name, cases[i].greeting,
                 aw_draft_get_body (draft));
    }
}

static void
test_french_elision (void)
{
  g_autoptr(AwDraft) draft = base_draft ("fr");
  g_autoptr(GError) error = NULL;
  const char *body;

  aw_draft_set_role (draft, "Ingénieur Qualité");
  aw_draft_set_company (draft, "Hachette Livre");
  g_assert_true (aw_draft_writer_write (draft, &error));
  body = aw_draft_get_body (draft);
  g_assert_nonnull (strstr (body, "le poste d'Ingénieur Qualité"));
  g_assert_nonnull (strstr (body, "l'équipe d'Hachette Livre"));
  g_assert_null (strstr (body, "de Hachette"));

  aw_draft_set_company (draft, "Capgemini");
  g_assert_true (aw_draft_writer_write (draft, &error));
  g_assert_nonnull (strstr (aw_draft_get_body (draft), "l'équipe de Capgemini"));

  /* Other languages do not elide */
  aw_draft_set_language (draft, "es");
  aw_draft_set_company (draft, "Acme");
  g_assert_true (aw_draft_writer_write (draft, &error));
  g_assert_nonnull (strstr (aw_draft_get_body (draft), "el equipo de Acme"));
}

static void
test_missing_fields (void)
{
  static const char *fields[] = { "sender-name", "recipient-name", "company", "role" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(AwDraft) draft = base_draft ("de");
      g_autoptr(GError) error = NULL;

      aw_draft_set_subject (draft, "before");
      g_object_set (draft, fields[i], "  ", NULL);
      g_assert_false (aw_draft_writer_write (draft, &error));
      g_assert_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_MISSING_FIELD);
      /* Unchanged on error */
      g_assert_cmpstr (aw_draft_get_subject (draft), ==, "before");
    }
}

static void
test_unknown_language (void)
{
  g_autoptr(AwDraft) draft = base_draft ("nl");
  g_autoptr(GError) error = NULL;

  g_assert_false (aw_draft_writer_write (draft, &error));
  g_assert_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_UNKNOWN_LANGUAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/draft-writer/languages", test_languages);
  g_test_add_func ("/draft-writer/previews", test_previews);
  g_test_add_func ("/draft-writer/every-combination", test_every_combination);
  g_test_add_func ("/draft-writer/salutation-forms", test_salutation_forms);
  g_test_add_func ("/draft-writer/stage-aware", test_stage_aware);
  g_test_add_func ("/draft-writer/values-inserted-literally", test_values_inserted_literally);
  g_test_add_func ("/draft-writer/names", test_names);
  g_test_add_func ("/draft-writer/french-elision", test_french_elision);
  g_test_add_func ("/draft-writer/missing-fields", test_missing_fields);
  g_test_add_func ("/draft-writer/unknown-language", test_unknown_language);

  return g_test_run ();
}
