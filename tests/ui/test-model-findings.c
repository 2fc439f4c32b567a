/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-model-findings.c: the learned layer's findings in the real editor, with screenshots
 *
 * Nine follow-ups written for this test, three per language (en, de, fr): a sarcastic
 * one, one with an ultimatum, one that asks for news in a roundabout way; each is
 * otherwise polite (greeting, thanks, a question about feedback, sign-off). Each opens in
 * the editor with the interface in its own language (one child process per language: a
 * GTK process reads its translations once), is saved as screenshots/model-<lang>-<kind>.png
 * and its findings are logged with their source, so the log shows what the model catches
 * and what it misses. Whatever the weights are:
 * - a model finding is underlined inside one sentence, on at most six words and on fewer
 *   characters than the sentence has, and the underline holds nothing no finding covers;
 * - the panel has a row for every finding, named by the rule's message;
 * - across the nine emails the model finds something at all.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "aw-application.h"
#include "aw-editor-page-private.h"
#include "aw-finding-row.h"
#include "aw-guidance-panel-private.h"
#include "aw-guidance.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"

#define MAX_UNDERLINED_WORDS 6
#define TOTAL_MARKER "model-findings-total: "

typedef struct
{
  const char *language;
  const char *kind;
  const char *expected_rule;  /* what a reader would flag; logged, not asserted */
  const char *subject;
  const char *body;
} Email;

static const Email emails[] = {
  { "en", "sarcastic", AW_RULE_NEGATIVE, "Thank you – Data Engineer role",
    "Dear Dana,\n\n"
    "Thank you for letting me know about the Data Engineer decision. I am sure reading a "
    "two-page résumé kept your whole team busy for six weeks. Congratulations on finding "
    "someone so much better suited, I can only imagine how thorough the process was.\n\n"
    "Could you tell me which parts of my application I should strengthen for next time?\n\n"
    "Best regards,\nAlex Morgan\n" },
  { "en", "ultimatum", AW_RULE_PUSHY, "Thank you – Data Engineer role",
    "Hello Dana,\n\n"
    "Thank you for your message about the Data Engineer role. I put a lot of work into the "
    "take-home task, so I expect a proper explanation. If I do not receive one by Friday, I "
    "will raise the matter with your head of HR and share my experience publicly.\n\n"
    "Would you be willing to tell me what I could improve in my interview?\n\n"
    "Kind regards,\nAlex Morgan\n" },
  { "en", "indirect-status", AW_RULE_STATUS_REQUEST, "Thank you – Data Engineer role",
    "Hi Dana,\n\n"
    "Thank you again for the conversation last week about the Data Engineer position. I was "
    "wondering how things are moving along on your side, and whether there might be any "
    "news about the next steps. I would also be curious to hear if the timeline has "
    "shifted at all.\n\n"
    "Is there any feedback you could share about my technical interview?\n\n"
    "All the best,\nAlex Morgan\n" },
  { "de", "sarcastic", AW_RULE_NEGATIVE, "Vielen Dank – Stelle als Data Engineer",
    "Sehr geehrte Frau Whitfield,\n\n"
    "vielen Dank für Ihre Nachricht zur Stelle als Data Engineer. Es ist wirklich "
    "beeindruckend, dass Sie für eine einzige Absage ganze acht Wochen gebraucht haben. "
    "Ihr neuer Kollege ist bestimmt ein wahres Wunderkind, wenn er meine zehn Jahre "
    "Erfahrung so locker übertrifft.\n\n"
    "Könnten Sie mir sagen, woran ich für künftige Bewerbungen arbeiten sollte?\n\n"
    "Mit freundlichen Grüßen\nAlex Morgan\n" },
  { "de", "ultimatum", AW_RULE_PUSHY, "Vielen Dank – Stelle als Data Engineer",
    "Sehr geehrte Frau Whitfield,\n\n"
    "danke für Ihre Rückmeldung zum Vorstellungsgespräch. Ich erwarte bis Montag eine "
    "schriftliche Begründung für die Absage. Sollte ich bis dahin nichts von Ihnen hören, "
    "werde ich mich direkt an Ihre Geschäftsführung wenden und meinen Anwalt einschalten.\n\n"
    "Welche Punkte in meinem Gespräch hätte ich besser machen können?\n\n"
    "Viele Grüße\nAlex Morgan\n" },
  { "de", "indirect-status", AW_RULE_STATUS_REQUEST, "Vielen Dank – Stelle als Data Engineer",
    "Hallo Frau Whitfield,\n\n"
    "vielen Dank noch einmal für das freundliche Gespräch letzte Woche. Ich habe mich "
    "gefragt, wie sich die Dinge bei Ihnen inzwischen entwickeln und ob es schon etwas "
    "Neues zum weiteren Ablauf gibt. Falls sich der Zeitplan verschoben hat, würde mich "
    "das ebenfalls interessieren.\n\n"
    "Gibt es etwas, das Sie mir zu meiner Fallstudie zurückmelden können?\n\n"
    "Beste Grüße\nAlex Morgan\n" },
  { "fr", "sarcastic", AW_RULE_NEGATIVE, "Merci – poste de Data Engineer",
    "Bonjour Madame Whitfield,\n\n"
    "Merci pour votre message concernant le poste de Data Engineer. Bravo pour la rapidité "
    "légendaire de votre processus : trois mois pour lire un CV d’une page, c’est sans doute "
    "un record. Je ne doute pas que la personne retenue saura enfin vous expliquer ce "
    "qu’est une base de données.\n\n"
    "Pourriez-vous me dire ce qui a manqué dans ma candidature ?\n\n"
    "Cordialement,\nAlex Morgan\n" },
  { "fr", "ultimatum", AW_RULE_PUSHY, "Merci – poste de Data Engineer",
    "Bonjour Madame Whitfield,\n\n"
    "Je vous remercie pour votre réponse. J’attends une explication détaillée de votre "
    "décision d’ici vendredi. Faute de réponse de votre part, je porterai l’affaire devant "
    "votre direction générale et je publierai mon avis sur votre entreprise.\n\n"
    "Quels points de mon entretien aurais-je pu améliorer ?\n\n"
    "Bien à vous,\nAlex Morgan\n" },
  { "fr", "indirect-status", AW_RULE_STATUS_REQUEST, "Merci – poste de Data Engineer",
    "Bonjour Madame Whitfield,\n\n"
    "Merci encore pour notre échange de la semaine dernière. Je me demandais comment les "
    "choses avancent de votre côté et s’il y avait du nouveau concernant la suite du "
    "processus. Si le calendrier a changé, je serais aussi curieux de le savoir.\n\n"
    "Auriez-vous quelques remarques à me transmettre sur mon exercice technique ?\n\n"
    "Bien cordialement,\nAlex Morgan\n" },
};

static const char *languages[] = { "en", "de", "fr" };

/* ---- the child: one language's three emails in the editor ---- */

static AwApplication *app;
static guint n_model_findings;

typedef struct
{
  int start;  /* characters, the terminator included */
  int end;
} Sentence;

static gboolean
is_terminator (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* The sentence of @text (@n characters) around @offset: it ends after . ! ? or … that a
 * space or the end follows, or at a line break; leading spaces are not part of it */
static Sentence
sentence_around (const gunichar *text,
                 int             n,
                 int             offset)
{
  Sentence sentence = { 0, n };

  for (int i = offset; i > 0; i--)
    if (text[i - 1] == '\n' ||
        (i >= 2 && g_unichar_isspace (text[i - 1]) && is_terminator (text[i - 2])))
      {
        sentence.start = i;
        break;
      }
  while (sentence.start < offset && g_unichar_isspace (text[sentence.start]))
    sentence.start++;
  for (int i = offset; i < n; i++)
    if (text[i] == '\n' ||
        (is_terminator (text[i]) && (i + 1 == n || g_unichar_isspace (text[i + 1]))))
      {
        sentence.end = text[i] == '\n' ? i : i + 1;
        break;
      }
  return sentence;
}

/* Words as a reader counts them: letters and digits, joined by ' ’ or - inside a word */
static int
count_words (const gunichar *text,
             int             start,
             int             end)
{
  int words = 0;
  gboolean in_word = FALSE;

  for (int i = start; i < end; i++)
    {
      gboolean joiner = (text[i] == '\'' || text[i] == 0x2019 || text[i] == '-') && in_word &&
                        i + 1 < end && g_unichar_isalnum (text[i + 1]);

      if (g_unichar_isalnum (text[i]) || joiner)
        {
          words += in_word ? 0 : 1;
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }
  return words;
}

static gboolean
is_body_span (AwFinding *finding)
{
  return aw_finding_get_part (finding) == AW_DRAFT_PART_BODY && aw_finding_has_span (finding);
}

static gboolean
is_covered (GPtrArray  *findings,
            AwSeverity  severity,
            int         offset)
{
  for (guint i = 0; i < findings->len; i++)
    {
      AwFinding *f = g_ptr_array_index (findings, i);

      if (is_body_span (f) && aw_finding_get_severity (f) == severity &&
          aw_finding_get_start (f) <= offset && offset < aw_finding_get_end (f))
        return TRUE;
    }
  return FALSE;
}

/* The highlight of a model finding: on its words, inside one sentence, short, and the
 * tagged run around it holds nothing that no finding of its severity covers */
static void
assert_model_highlight (AwEditorPage *editor,
                        GPtrArray    *findings,
                        AwFinding    *finding)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (aw_editor_page_get_body_view (editor));
  AwSeverity severity = aw_finding_get_severity (finding);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               aw_editor_page_get_tag_name (severity));
  int start = aw_finding_get_start (finding), end = aw_finding_get_end (finding);
  g_autofree char *body = NULL;
  g_autofree gunichar *text = NULL;
  glong n;
  GtkTextIter from, to;
  Sentence sentence;
  int words;

  g_assert_nonnull (tag);
  g_assert_true (is_body_span (finding));
  gtk_text_buffer_get_bounds (buffer, &from, &to);
  body = gtk_text_buffer_get_text (buffer, &from, &to, FALSE);
  text = g_utf8_to_ucs4_fast (body, -1, &n);
  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, n);

  sentence = sentence_around (text, n, start);
  words = count_words (text, start, end);
  g_test_message ("  underlined %d of %d words, characters %d-%d of the sentence %d-%d", words,
                  count_words (text, sentence.start, sentence.end), start, end, sentence.start,
                  sentence.end);
  g_assert_cmpint (start, >=, sentence.start);
  g_assert_cmpint (end, <=, sentence.end);
  g_assert_cmpint (end - start, <, sentence.end - sentence.start);
  g_assert_cmpint (words, >=, 1);
  g_assert_cmpint (words, <=, MAX_UNDERLINED_WORDS);

  for (int offset = start; offset < end; offset++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &from, offset);
      g_assert_true (gtk_text_iter_has_tag (&from, tag));
    }

  /* The whole tagged run around it: [from, to) */
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  if (!gtk_text_iter_starts_tag (&from, tag))
    gtk_text_iter_backward_to_tag_toggle (&from, tag);
  to = from;
  gtk_text_iter_forward_to_tag_toggle (&to, tag);
  for (int offset = gtk_text_iter_get_offset (&from); offset < gtk_text_iter_get_offset (&to); offset++)
    if (!is_covered (findings, severity, offset))
      {
        g_test_fail_printf ("character %d is highlighted as %s, but no finding covers it",
                            offset, aw_severity_to_string (severity));
        break;
      }
}

static AwFindingRow *
row_of (AwGuidancePanel *panel,
        AwFinding       *finding)
{
  for (guint i = 0; i < aw_guidance_panel_get_n_findings (panel); i++)
    {
      AwFindingRow *row = AW_FINDING_ROW (aw_guidance_panel_get_row (panel, i));

      if (aw_finding_row_get_finding (row) == finding)
        return row;
    }
  return NULL;
}

/* The finding's row is on the panel, shows the rule's message and is named by it */
static void
assert_row (AwGuidancePanel *panel,
            AwFinding       *finding)
{
  AwFindingRow *row = row_of (panel, finding);
  const char *message = aw_finding_get_message (finding);
  GtkLabel *message_label;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  message_label = GTK_LABEL (aw_test_widget_get (GTK_WIDGET (row), "message_label"));
  g_assert_cmpstr (gtk_label_get_text (message_label), ==, message);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, message);
}

/* Rules found, each with its source and score, and whether the expected one is there */
static void
log_findings (const Email *email,
              GPtrArray   *findings)
{
  const char *expected = "missed";

  g_test_message ("%s/%s: %u finding(s)", email->language, email->kind, findings->len);
  for (guint i = 0; i < findings->len; i++)
    {
      AwFinding *f = g_ptr_array_index (findings, i);
      const char *source = aw_finding_source_to_string (aw_finding_get_source (f));

      g_test_message ("  %s from the %s (score %.2f, %s) on “%s”: %s", aw_finding_get_rule_id (f),
                      source, aw_finding_get_score (f),
                      aw_severity_to_string (aw_finding_get_severity (f)),
                      aw_finding_has_span (f) ? aw_finding_get_text (f) : "",
                      aw_finding_get_message (f));
      if (g_strcmp0 (aw_finding_get_rule_id (f), email->expected_rule) == 0)
        expected = source;
    }
  g_test_message ("%s/%s: %s %s", email->language, email->kind, email->expected_rule,
                  g_str_equal (expected, "missed") ? "missed" : expected);
}

/* Scrolls the guidance panel to its findings, the heading at the top unless the first
 * model finding's row would then be cut off at the bottom */
static void
scroll_to_findings (AwGuidancePanel *panel,
                    GPtrArray       *findings)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (aw_test_widget_get (GTK_WIDGET (panel),
                                                                         "scrolled_window"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  GtkWidget *heading = aw_test_widget_get (GTK_WIDGET (panel), "findings_heading");
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (scrolled)));
  graphene_rect_t bounds;
  double value;

  g_assert_true (gtk_widget_compute_bounds (heading, content, &bounds));
  value = bounds.origin.y - 12;
  for (guint i = 0; i < findings->len; i++)
    {
      AwFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row;

      if (aw_finding_get_source (finding) != AW_FINDING_SOURCE_MODEL)
        continue;
      row = GTK_WIDGET (row_of (panel, finding));
      if (row != NULL && gtk_widget_compute_bounds (row, content, &bounds))
        value = MIN (value, bounds.origin.y + bounds.size.height + 12 -
                            gtk_adjustment_get_page_size (adjustment));
      break;
    }
  gtk_adjustment_set_value (adjustment, value);
}

static gboolean
has_report (gpointer editor)
{
  return aw_editor_page_get_report (editor) != NULL;
}

static void
test_email (gconstpointer data)
{
  const Email *email = data;
  g_autoptr(AwDraft) draft = aw_test_ui_new_draft (email->language, email->body);
  g_autofree char *shot_name = g_strdup_printf ("model-%s-%s.png", email->language, email->kind);
  AwGuidancePanel *panel;
  AwEditorPage *editor;
  GtkWindow *window;
  GPtrArray *findings;

  aw_draft_set_subject (draft, email->subject);
  editor = aw_test_ui_open_editor (draft, 1280, 800, &window);
  g_assert_true (aw_test_ui_wait_for (has_report, editor, 5000));
  panel = aw_editor_page_get_guidance_panel (editor);
  findings = aw_editor_page_get_findings (editor);

  /* First the picture, so that a failed check below still leaves one to look at */
  scroll_to_findings (panel, findings);
  aw_test_widget_shot (GTK_WIDGET (window), shot_name);
  log_findings (email, findings);

  g_assert_cmpuint (aw_guidance_panel_get_n_findings (panel), ==, findings->len);
  for (guint i = 0; i < findings->len; i++)
    {
      AwFinding *finding = g_ptr_array_index (findings, i);

      assert_row (panel, finding);
      if (aw_finding_get_source (finding) != AW_FINDING_SOURCE_MODEL)
        continue;
      n_model_findings++;
      assert_model_highlight (editor, findings, finding);
    }
  gtk_window_destroy (window);
}

static int
run_child (const char   *language,
           int           argc,
           char        **argv)
{
  int status;

  aw_test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* For the resources (templates, CSS) */
  app = aw_test_widget_app_new ();

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    if (g_str_equal (emails[i].language, language))
      {
        g_autofree char *path = g_strdup_printf ("/model-findings/%s/%s", language, emails[i].kind);
        g_test_add_data_func (path, &emails[i], test_email);
      }
  status = g_test_run ();
  g_print ("%s%u\n", TOTAL_MARKER, n_model_findings);
  g_clear_object (&app);
  return status;
}

/* ---- the parent: each language in a child process with its interface language ---- */

static guint total_model_findings;
static guint n_languages_run;

static void
test_language (gconstpointer data)
{
  const char *language = data;
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  char *argv[] = { program, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *said = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  gboolean counted = FALSE;

  g_assert_nonnull (program);
  env = g_environ_setenv (env, "LANGUAGE", language, TRUE);
  env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "AW_TEST_MODEL_LANGUAGE", language, TRUE);
  g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors, &wait_status,
                &error);
  g_assert_no_error (error);

  /* Everything the child said, as TAP comments: its findings, its results, its failures */
  said = g_strconcat (output, errors, NULL);
  lines = g_strsplit (said, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], TOTAL_MARKER))
        {
          total_model_findings += (guint) strtoul (lines[i] + strlen (TOTAL_MARKER), NULL, 10);
          counted = TRUE;
        }
      else if (*lines[i] != '\0' && strstr (lines[i], "-DEBUG: ") == NULL)
        g_test_message ("%s| %s", language, lines[i]);
    }
  if (!g_spawn_check_wait_status (wait_status, NULL) || !counted)
    g_test_fail_printf ("the %s emails failed their checks (the child's output is above)", language);
  n_languages_run++;
}

static void
test_model_finds_something (void)
{
  if (n_languages_run < G_N_ELEMENTS (languages))
    {
      g_test_skip ("needs the emails of every language, run before it");
      return;
    }
  g_test_message ("model findings in the nine emails: %u", total_model_findings);
  if (total_model_findings == 0)
    g_test_fail_printf ("not one model finding in nine emails written to need one: this test "
                        "measures nothing (are the models in data/guidance/ loaded?)");
}

int
main (int   argc,
      char *argv[])
{
  const char *child_language = g_getenv ("AW_TEST_MODEL_LANGUAGE");

  if (child_language != NULL)
    return run_child (child_language, argc, argv);

  /* The child's words (“…”, é, ß) reach the log as they are */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model-findings/%s", languages[i]);
      g_test_add_data_func (path, languages[i], test_language);
    }
  g_test_add_func ("/model-findings/some-model-finding", test_model_finds_something);
  return g_test_run ();
}
