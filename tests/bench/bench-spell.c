/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-spell.c: AwSpellChecker on 10,000 words, in ms
 *
 * A full check of a 10,000-word text with a fresh checker (every paragraph and word
 * new to it: the first check of a long draft), goal at most 30 ms; a re-check after a
 * one-character edit (one paragraph new), and the time to load each dictionary.
 * Prints median and 95th percentile; fails when a median misses its goal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aw-spell-checker.h"

#define ROUNDS 30

static const char * const sentences[] = {
  "Thank you again for the conversation about the data platform and the team.",
  "I learned a lot from the questions about data quality, monitoring and alerting.",
  "It was good to hear how the analysts and engineers plan their work together.",
  "The case study made me think about trade-offs I had not weighed before.",
  "I enjoyed the discussion about testing pipelines before they reach production.",
  "Please let me know if there is anything else I can send, such as references.",
  "I look forward to hearing from you, and I wish you a pleasant week ahead.",
  "Our talk about the migration to the new warehouse was especially interesting.",
  "I recieved the schedule on Tuesday and will keep the afternoon free.",
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Real emails with their real vocabulary: the English corpus, one email after another */
static char *
read_corpus (guint words)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *folder = g_build_filename (srcdir ? srcdir : "tests", "corpus", "en", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);
  guint count = 0;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len && count < words; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_auto(GStrv) parts = NULL;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      parts = g_strsplit_set (contents, " \n\t", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if (*parts[j] != '\0')
          count++;
      g_string_append (text, contents);
      g_string_append (text, "\n\n");
    }
  if (count < words)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static char *
make_text (guint words)
{
  GString *text = g_string_new (NULL);
  guint count = 0;
  char *corpus = read_corpus (words);

  if (corpus != NULL)
    {
      g_string_free (text, TRUE);
      return corpus;
    }

  for (guint i = 0; count < words; i++)
    {
      const char *sentence = sentences[i % G_N_ELEMENTS (sentences)];
      g_auto(GStrv) parts = g_strsplit (sentence, " ", -1);

      /* a paragraph every five sentences, as people write */
      if (i > 0)
        g_string_append (text, i % 5 == 0 ? "\n\n" : " ");
      g_string_append (text, sentence);
      count += g_strv_length (parts);
    }
  return g_string_free (text, FALSE);
}

static void
report (const char *what,
        double     *times,
        guint       n,
        double      goal_ms,
        gboolean   *ok)
{
  double median, p95;

  qsort (times, n, sizeof (double), compare_doubles);
  median = times[n / 2];
  p95 = times[(n * 95) / 100];
  if (goal_ms > 0)
    {
      printf ("%s: median %.3f ms, p95 %.3f ms (goal: at most %.0f ms) %s\n", what, median, p95,
              goal_ms, median <= goal_ms ? "ok" : "MISSED");
      *ok &= median <= goal_ms;
    }
  else
    printf ("%s: median %.3f ms, p95 %.3f ms\n", what, median, p95);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *text = make_text (10000);
  g_autofree char *edited = NULL;
  const char *languages[] = { "en_US", "en_GB", "de", "fr", "es", "it", "pt_BR" };
  double full[ROUNDS], again[ROUNDS], load[ROUNDS];
  gboolean ok = TRUE;
  guint flagged = 0;
  char *middle;

  /* The same text with one letter changed in the middle */
  edited = g_strdup (text);
  middle = strchr (edited + strlen (edited) / 2, ' ');
  middle[1] = 'X';

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(AwSpellChecker) checker = NULL;
      g_autoptr(GArray) first = NULL;
      g_autoptr(GArray) second = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      checker = aw_spell_checker_new ("en_US");
      load[round] = (g_get_monotonic_time () - start) / 1000.0;
      if (!aw_spell_checker_is_available (checker))
        g_error ("no en_US dictionary (hunspell-en-us)");

      start = g_get_monotonic_time ();
      first = aw_spell_checker_check (checker, text);
      full[round] = (g_get_monotonic_time () - start) / 1000.0;
      flagged = first->len;

      start = g_get_monotonic_time ();
      second = aw_spell_checker_check (checker, edited);
      again[round] = (g_get_monotonic_time () - start) / 1000.0;
    }

  printf ("10,000 words, %u misspellings flagged\n", flagged);
  report ("full check of 10,000 words, fresh checker (en_US)", full, ROUNDS, 30, &ok);
  report ("re-check of 10,000 words after a one-letter edit", again, ROUNDS, 4, &ok);
  report ("loading the en_US dictionary (once per draft)", load, ROUNDS, 0, &ok);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(AwSpellChecker) checker = aw_spell_checker_new (languages[i]);

      printf ("loading %s (%s): %.1f ms\n", languages[i],
              aw_spell_checker_get_dictionary (checker) ? aw_spell_checker_get_dictionary (checker) : "none",
              (g_get_monotonic_time () - start) / 1000.0);
    }
  return ok ? 0 : 1;
}
