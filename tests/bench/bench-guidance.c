/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-guidance.c: how fast the guidance engine checks a draft (a meson benchmark)
 *
 * Checks a 150-word email, 10,000 words and 1 MiB of text, prints the time per check
 * and the throughput, and the time per word at each size, which stays flat when the
 * engine is linear; each with the learned layer (the default) and with phrases alone. Build with -Dbuildtype=release for figures worth quoting.
 */
#include "config.h"

#include <string.h>

#include "aw-guidance.h"
#include "aw-guidance-model.h"

/* A long draft as people write them: mostly fine sentences, now and then a problem. */
static const char *sentences[] = {
  "Thank you for taking the time to meet with me last week.",
  "I enjoyed learning about the team and the new platform.",
  "Could you share any feedback on my interview?",
  "I would be glad to be considered for future roles.",
  "Our conversation about the migration to the new data warehouse was very interesting.",
  "I have since read more about the tools your analysts use every day.",
  "It was good to hear how the team works with the customer support group.",
  "Please reconsider your decision, as I am the best candidate you will ever find.",
  "I hope the new colleague settles in quickly and that the project goes well.",
  "The case study made me think about how I present numbers to people outside finance.",
  "Is the position still open, and when can I expect a decision?",
  "Über eine Rückmeldung würde ich mich freuen; merci pour l'entretien.",
};

static char *
make_text (gsize target_bytes,
           guint *words)
{
  GString *s = g_string_new ("Dear Ms. Chen,\n\n");
  guint i = 0;

  while (s->len < target_bytes)
    {
      g_string_append (s, sentences[i++ % G_N_ELEMENTS (sentences)]);
      g_string_append_c (s, (i % 5 == 0) ? '\n' : ' ');
    }
  g_string_append (s, "\n\nBest regards,\nAnna\n");

  *words = 0;
  {
    char **w = g_strsplit_set (s->str, " \n", -1);

    for (guint k = 0; w[k] != NULL; k++)
      *words += w[k][0] != '\0';
    g_strfreev (w);
  }
  return g_string_free (s, FALSE);
}

static double
time_check (AwGuidance *guidance,
            const char *text,
            guint       iterations)
{
  g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();
  gint64 best = G_MAXINT64;

  aw_guidance_options_set_language (options, "en");
  /* best of 5 rounds of @iterations checks: the least disturbed by the machine */
  for (guint round = 0; round < 5; round++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < iterations; i++)
        {
          g_autoptr(AwGuidanceReport) report = aw_guidance_check (guidance, NULL, text, options, NULL);
          g_assert_nonnull (report);
        }
      best = MIN (best, g_get_monotonic_time () - start);
    }
  return (double) best * 1000.0 / iterations; /* ns per check */
}

int
main (int   argc,
      char *argv[])
{
  AwGuidance *guidance = aw_guidance_get_default ();
  struct { const char *name; gsize bytes; guint iterations; } sizes[] = {
    { "150-word email", 0, 2000 },
    { "10,000 words", 62000, 30 },
    { "1 MiB", 1024 * 1024, 4 },
  };
  double per_word[G_N_ELEMENTS (sizes)];
  g_autofree char *email = NULL;
  g_autoptr(AwGuidanceReport) warm = NULL;

  /* 150 words exactly, like a real draft */
  {
    GString *s = g_string_new ("Dear Ms. Chen,\n\n");
    guint n = 3;

    for (guint i = 0; n < 147; i++)
      {
        char **w = g_strsplit (sentences[i % 7], " ", -1);

        for (guint k = 0; w[k] && n < 147; k++, n++)
          g_string_append_printf (s, "%s ", w[k]);
        g_strfreev (w);
      }
    g_string_append (s, "\n\nBest regards,\nAnna\n");
    email = g_string_free (s, FALSE);
  }

  warm = aw_guidance_check (guidance, NULL, email, NULL, NULL); /* loads the rules */

  g_print ("%-16s %10s %12s %14s %12s %16s\n", "text", "words", "ns/check", "MiB/s", "ns/word",
           "phrases ns/check");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      guint words = 0;
      g_autofree char *text = i == 0 ? g_strdup (email) : make_text (sizes[i].bytes, &words);
      double ns, phrase_ns;
      gsize len = strlen (text);

      if (i == 0)
        {
          g_autoptr(AwGuidanceReport) r = aw_guidance_check (guidance, NULL, text, NULL, NULL);
          words = aw_guidance_report_get_word_count (r);
        }
      ns = time_check (guidance, text, sizes[i].iterations);
      per_word[i] = ns / MAX (words, 1);
      aw_guidance_model_set_enabled (FALSE);
      phrase_ns = time_check (guidance, text, sizes[i].iterations);
      aw_guidance_model_set_enabled (TRUE);
      g_print ("%-16s %10u %12.0f %14.1f %12.1f %16.0f\n", sizes[i].name, words, ns,
               (len / (1024.0 * 1024.0)) / (ns / 1e9), per_word[i], phrase_ns);
    }

  /* linear growth: the cost per word of 1 MiB stays within 3x of 10,000 words */
  g_print ("ns/word ratio 1 MiB : 10,000 words = %.2f (linear is about 1)\n", per_word[2] / per_word[1]);
  return per_word[2] / per_word[1] < 3.0 ? 0 : 1;
}
