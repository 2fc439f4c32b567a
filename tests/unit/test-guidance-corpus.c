/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-guidance-corpus.c: the guidance engine scored on labelled emails, in process
 *
 * Reads the JSON that build-aux/corpus-json writes at build time (the dev and test
 * splits of tests/data/corpus, written blind, and the older phrase-tuned corpus of
 * tests/data/phrase-corpus) and checks every email with its language given, twice: phrases alone and
 * fused with the learned layer. Prints precision and recall per language, rule family and
 * rule (email level: a rule is found or not), the share of clean emails with any warning,
 * and how often language detection is right. The models learn from dev too (trained on
 * train and dev, thresholds chosen out of fold), so dev is printed for comparison only and
 * the floors judge the test split.
 *
 * The goal (issue 10) is precision and recall of at least 0.95 on the blind test split;
 * the shipped models reach it in all six languages over their span and presence rules
 * together, but not yet for every rule family and rule (README has the figures). So that
 * the goal stays
 * in view without letting regressions through, the test split is judged against floors
 * a little under what the shipped models score, PRECISION_FLOOR and RECALL_FLOOR per
 * language, and every language below the goal is named in the log. AW_CORPUS_MIN=0.95
 * judges them against the goal instead. The older, phrase-tuned corpus keeps its bar of
 * 0.95, no finding in a clean email, and detection of at least 0.95.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdlib.h>

#include "aw-guidance.h"
#include "aw-guidance-model.h"

#define GOAL 0.95
/* the floor: test t01-t09 pt_BR 0.957, it 0.961 (format 10 models, Dec 8 2026).
 * Spanish went from 0.951 to 0.940, 0.962, 0.951, 0.949 and 0.961 over six sets of models
 * while its cross-validated precision stayed within 0.007, so a closer floor would judge a
 * batch's noise, not a regression */
#define PRECISION_FLOOR 0.93
#define RECALL_FLOOR 0.94     /* test t01-t09: it 0.951, es 0.952 */
#define MIN_EMAILS 20     /* smaller sets are reported, not judged */
#define OLDER_MIN 0.95

static const char *span_rules[] = {
  "pushy", "status-request", "negative", "overpromise", "unprofessional", "placeholder",
};
static const char *presence_rules[] = { "missing-thanks", "missing-feedback-request" };
static const char *other_rules[] = { "greeting", "sign-off", "too-long" };
#define N_RULES (G_N_ELEMENTS (span_rules) + G_N_ELEMENTS (presence_rules))

typedef struct
{
  guint tp, fp, fn;
} Counts;

typedef struct
{
  Counts span, presence, other, all;
  Counts rule[N_RULES];   /* span rules, then presence rules */
  guint  clean, clean_warned, clean_any;
} Score;

static JsonObject *corpus_root;
static GString *failures;  /* every language below its bar, reported at the end */

static gboolean
has_label (JsonArray  *labels,
           const char *rule)
{
  for (guint i = 0; i < json_array_get_length (labels); i++)
    if (g_str_equal (json_array_get_string_element (labels, i), rule))
      return TRUE;
  return FALSE;
}

static void
count (Counts   *c,
       gboolean  expected,
       gboolean  found)
{
  c->tp += expected && found;
  c->fp += found && !expected;
  c->fn += expected && !found;
}

static void
count_family (Counts            *family,
              Counts            *all,
              Counts            *per_rule,
              const char       **rules,
              guint              n_rules,
              JsonArray         *labels,
              AwGuidanceReport  *report)
{
  for (guint r = 0; r < n_rules; r++)
    {
      gboolean expected = has_label (labels, rules[r]);
      gboolean found = aw_guidance_report_has_rule (report, rules[r]);

      count (family, expected, found);
      if (all != NULL)
        count (all, expected, found);
      if (per_rule != NULL)
        count (&per_rule[r], expected, found);
    }
}

static double
precision (const Counts *c)
{
  return c->tp + c->fp > 0 ? (double) c->tp / (c->tp + c->fp) : 1.0;
}

static double
recall (const Counts *c)
{
  return c->tp + c->fn > 0 ? (double) c->tp / (c->tp + c->fn) : 1.0;
}

static void
score_language (JsonArray  *emails,
                const char *lang,
                gboolean    fused,
                Score      *score,
                guint      *n,
                guint      *detected)
{
  AwGuidance *guidance = aw_guidance_get_default ();
  g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();

  memset (score, 0, sizeof *score);
  *n = 0;
  *detected = 0;
  aw_guidance_options_set_language (options, lang);
  aw_guidance_model_set_enabled (fused);

  for (guint i = 0; i < json_array_get_length (emails); i++)
    {
      JsonObject *email = json_array_get_object_element (emails, i);
      JsonArray *labels = json_object_get_array_member (email, "labels");
      const char *subject = json_object_get_string_member (email, "subject");
      const char *body = json_object_get_string_member (email, "body");
      g_autoptr(AwGuidanceReport) report = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_equal (json_object_get_string_member (email, "lang"), lang))
        continue;
      (*n)++;
      report = aw_guidance_check (guidance, subject, body, options, &error);
      g_assert_no_error (error);

      count_family (&score->span, &score->all, score->rule, span_rules, G_N_ELEMENTS (span_rules),
                    labels, report);
      count_family (&score->presence, &score->all, score->rule + G_N_ELEMENTS (span_rules),
                    presence_rules, G_N_ELEMENTS (presence_rules), labels, report);
      count_family (&score->other, NULL, NULL, other_rules, G_N_ELEMENTS (other_rules), labels,
                    report);
      if (json_array_get_length (labels) == 0)
        {
          score->clean++;
          score->clean_any += aw_guidance_report_get_n_findings (report) > 0;
          score->clean_warned += aw_guidance_report_count_severity (report, AW_SEVERITY_WARNING) +
                                 aw_guidance_report_count_severity (report, AW_SEVERITY_ERROR) > 0;
        }

      if (fused)
        {
          g_autoptr(AwGuidanceReport) guess = aw_guidance_check (guidance, subject, body, NULL, NULL);

          *detected += g_str_equal (aw_guidance_report_get_language (guess), lang);
        }
    }
  aw_guidance_model_set_enabled (TRUE);
}

static char *
describe (const Counts *c)
{
  return g_strdup_printf ("P %.3f R %.3f (tp %u fp %u fn %u)",
                          precision (c), recall (c), c->tp, c->fp, c->fn);
}

static const char *
rule_name (guint r)
{
  return r < G_N_ELEMENTS (span_rules) ? span_rules[r] : presence_rules[r - G_N_ELEMENTS (span_rules)];
}

static void
add_counts (Counts       *to,
            const Counts *from)
{
  to->tp += from->tp;
  to->fp += from->fp;
  to->fn += from->fn;
}

/* One line per rule: phrases alone and fused, the figures the targets are per */
static void
print_rules (const char *indent,
             const Score *phrase,
             const Score *fused)
{
  for (guint r = 0; r < N_RULES; r++)
    {
      g_autofree char *p = describe (&phrase->rule[r]);
      g_autofree char *f = describe (&fused->rule[r]);

      g_test_message ("%s%-24s phrase-only %s | fused %s", indent, rule_name (r), p, f);
    }
}

static void
test_set (const char *name)
{
  JsonArray *sets = json_object_get_array_member (corpus_root, "sets");
  const char *min_env = g_getenv ("AW_CORPUS_MIN");
  double min_precision = min_env != NULL ? g_ascii_strtod (min_env, NULL) : PRECISION_FLOOR;
  double min_recall = min_env != NULL ? g_ascii_strtod (min_env, NULL) : RECALL_FLOOR;
  const char * const *languages = aw_guidance_get_languages ();
  JsonArray *emails = NULL;
  gint64 start = g_get_monotonic_time ();
  guint total = 0;
  gboolean older = g_str_equal (name, "older");
  Score phrase_sum = { 0 }, fused_sum = { 0 };

  for (guint i = 0; i < json_array_get_length (sets); i++)
    {
      JsonObject *set = json_array_get_object_element (sets, i);

      if (g_str_equal (json_object_get_string_member (set, "name"), name))
        emails = json_object_get_array_member (set, "emails");
    }
  g_assert_nonnull (emails);

  for (guint l = 0; languages[l] != NULL; l++)
    {
      Score phrase, fused;
      guint n, detected, unused;
      g_autofree char *p_all = NULL, *f_all = NULL, *f_span = NULL, *f_presence = NULL;
      g_autofree char *p_span = NULL, *p_presence = NULL, *f_other = NULL;

      score_language (emails, languages[l], FALSE, &phrase, &n, &unused);
      score_language (emails, languages[l], TRUE, &fused, &n, &detected);
      total += n;
      if (n == 0)
        {
          g_test_message ("%s %s: no emails", name, languages[l]);
          continue;
        }
      p_all = describe (&phrase.all);
      f_all = describe (&fused.all);
      p_span = describe (&phrase.span);
      f_span = describe (&fused.span);
      p_presence = describe (&phrase.presence);
      f_presence = describe (&fused.presence);
      f_other = describe (&fused.other);
      g_test_message ("%s %-5s %4u emails (%u clean), detection %.3f", name, languages[l], n,
                      fused.clean, (double) detected / n);
      g_test_message ("  span+presence  phrase-only %s | fused %s", p_all, f_all);
      g_test_message ("  span           phrase-only %s | fused %s", p_span, f_span);
      g_test_message ("  presence       phrase-only %s | fused %s", p_presence, f_presence);
      g_test_message ("  greeting, sign-off, too-long (fused) %s", f_other);
      if (!older)
        print_rules ("    ", &phrase, &fused);
      for (guint r = 0; r < N_RULES; r++)
        {
          add_counts (&phrase_sum.rule[r], &phrase.rule[r]);
          add_counts (&fused_sum.rule[r], &fused.rule[r]);
        }
      g_test_message ("  clean emails with a warning: phrase-only %u (%.1f%%) | fused %u (%.1f%%); "
                      "with any finding: %u | %u",
                      phrase.clean_warned, phrase.clean ? 100.0 * phrase.clean_warned / phrase.clean : 0,
                      fused.clean_warned, fused.clean ? 100.0 * fused.clean_warned / fused.clean : 0,
                      phrase.clean_any, fused.clean_any);

      if (!older && (precision (&fused.all) < GOAL || recall (&fused.all) < GOAL))
        g_test_message ("  %s %s is below the goal of %.2f", name, languages[l], GOAL);
      /* the models learn from dev (its thresholds and weights); only test is blind */
      if (g_str_equal (name, "test") && n >= MIN_EMAILS &&
          (precision (&fused.all) < min_precision || recall (&fused.all) < min_recall))
        g_string_append_printf (failures, "%s%s %s: fused precision %.3f, recall %.3f: below "
                                "the floor (precision %.2f, recall %.2f)",
                                failures->len ? "; " : "", name, languages[l],
                                precision (&fused.all), recall (&fused.all),
                                min_precision, min_recall);
      /* the older corpus, which the phrases were tuned on, keeps its stricter bar */
      if (older && (precision (&fused.all) < OLDER_MIN || recall (&fused.all) < OLDER_MIN ||
                    fused.clean_any > 0 || detected < n * OLDER_MIN))
        g_string_append_printf (failures, "%solder %s: fused precision %.3f, recall %.3f (at least "
                                "%.2f), %u clean emails with findings (none allowed), detection %.3f",
                                failures->len ? "; " : "", languages[l], precision (&fused.all),
                                recall (&fused.all), OLDER_MIN, fused.clean_any, (double) detected / n);
    }
  if (!older)
    {
      g_test_message ("%s, all languages, per rule:", name);
      print_rules ("  ", &phrase_sum, &fused_sum);
    }
  g_test_message ("%s: %u emails scored twice in %.2f s", name, total,
                  (g_get_monotonic_time () - start) / 1e6);
}

static void
test_all (void)
{
  failures = g_string_new (NULL);
  test_set ("dev");
  test_set ("test");
  test_set ("older");
  if (failures->len > 0)
    g_test_fail_printf ("%s", failures->str);
  g_string_free (failures, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *path;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  path = g_getenv ("AW_GUIDANCE_CORPUS");
  if (path == NULL)
    {
      g_printerr ("AW_GUIDANCE_CORPUS must name the JSON of build-aux/corpus-json\n");
      return 1;
    }
  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }
  corpus_root = json_node_get_object (json_parser_get_root (parser));

  /* one test case, so that every set is scored and printed even when one fails (TAP bails
   * out after a failed case) */
  g_test_add_func ("/guidance-corpus/dev-test-older", test_all);
  return g_test_run ();
}
