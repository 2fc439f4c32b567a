/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-spell-checker.c: AwSpellChecker with the real hunspell dictionaries of Debian */
#include <string.h>

#include "aw-spell-checker.h"

typedef struct
{
  const char *language;
  const char *dictionary;   /* expected enchant tag */
  const char *correct;      /* a correct sentence, with non-ASCII letters where the language has them */
  const char *misspelled;   /* a sentence with one common misspelling ... */
  const char *wrong;        /* ... this word ... */
  const char *right;        /* ... whose correction must be among the suggestions */
} Case;

static const Case cases[] = {
  { "en", "en_US", "Thank you for taking the time to speak with me yesterday; I didn’t expect it.",
    "I really apreciate your time and the tour of the office.", "apreciate", "appreciate" },
  { "en_GB", "en_GB", "I enjoyed our conversation about the colour of the organisation’s brand.",
    "Thank you for the oportunity to meet the team.", "oportunity", "opportunity" },
  { "de", "de_DE", "Vielen Dank für das freundliche Gespräch am Dienstag, ich würde mich sehr freuen.",
    "Vielen Dank für das angenehme Gesprech und Ihre Zeit.", "Gesprech", "Gespräch" },
  { "fr", "fr_FR", "Je vous remercie pour l’entretien d’hier et pour votre accueil très chaleureux.",
    "Merci beaucoup pour votre acceuil et votre temps.", "acceuil", "accueil" },
  { "es", "es_ES", "Muchas gracias por la entrevista de ayer; fue una conversación muy interesante.",
    "Gracias por su tiempo y por la oportunidad de conoser al equipo.", "conoser", "conocer" },
  { "it", "it_IT", "Grazie per il colloquio di ieri, è stata un’occasione molto interessante.",
    "La ringrazio per il colloqio di ieri pomeriggio.", "colloqio", "colloquio" },
  { "pt_BR", "pt_BR", "Muito obrigado pela entrevista de ontem; a conversa foi ótima e útil.",
    "Agradeço pela oportunidade e pela atensão de vocês.", "atensão", "atenção" },
};

static guint
char_offset_of (const char *text,
                const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_strlen (text, found - text);
}

static AwDraft *
make_draft (void)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_sender_name (draft, "Anneliese Oyelaran");
  aw_draft_set_recipient_name (draft, "Zoë Krzyżanowska");
  aw_draft_set_company (draft, "Zentrixa");
  aw_draft_set_role (draft, "Dataops Engineer");
  return draft;
}

static void
test_misspelling (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new (c->language);
  g_autoptr(GArray) ranges = NULL;
  g_auto(GStrv) suggestions = NULL;
  AwSpellRange *range;

  g_assert_cmpstr (aw_spell_checker_get_dictionary (checker), ==, c->dictionary);
  ranges = aw_spell_checker_check (checker, c->misspelled);
  g_assert_cmpuint (ranges->len, ==, 1);
  range = &g_array_index (ranges, AwSpellRange, 0);
  g_assert_cmpuint (range->start, ==, char_offset_of (c->misspelled, c->wrong));
  g_assert_cmpuint (range->end, ==, range->start + g_utf8_strlen (c->wrong, -1));

  suggestions = aw_spell_checker_suggest (checker, c->wrong, 5);
  g_assert_cmpuint (g_strv_length (suggestions), <=, 5);
  if (!g_strv_contains ((const char * const *) suggestions, c->right))
    {
      g_autofree char *all = g_strjoinv (", ", suggestions);
      g_error ("%s: “%s” not among the suggestions for “%s”: %s", c->language, c->right,
               c->wrong, all);
    }
}

static void
test_correct (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new (c->language);
  g_autoptr(GArray) ranges = aw_spell_checker_check (checker, c->correct);

  g_assert_cmpuint (ranges->len, ==, 0);
}

static void
test_skipped (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new (c->language);
  g_autoptr(AwDraft) draft = make_draft ();
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GArray) without_names = NULL;
  g_autofree char *text = NULL;

  text = g_strdup_printf ("Zoë Krzyżanowska, Zentrixa, Dataops, Krzyżanowska’s.\n"
                          "%s\n"
                          "https://zentrixa.example/jobs/qwrtz www.zentrixa.example/karriere "
                          "hr-team@zentrixa.example <jobs@zentrixa.example> "
                          "NDA, XJQ-4471, QWRTZ, 12.03.2026, 3rd, 14h30, iOS.\n"
                          "Anneliese Oyelaran\n"
                          "> Quotd linee withh errrors\n"
                          ">> Mre quotd txet\n", c->correct);
  aw_spell_checker_set_draft (checker, draft);
  ranges = aw_spell_checker_check (checker, text);
  for (guint i = 0; i < ranges->len; i++)
    {
      AwSpellRange *r = &g_array_index (ranges, AwSpellRange, i);
      g_autofree char *word = g_utf8_substring (text, r->start, r->end);

      g_test_message ("%s: flagged “%s”", c->language, word);
    }
  g_assert_cmpuint (ranges->len, ==, 0);

  /* Without the draft, the names are unknown words: the skip is the names' doing. */
  aw_spell_checker_set_draft (checker, NULL);
  without_names = aw_spell_checker_check (checker, text);
  g_assert_cmpuint (without_names->len, >=, 3);
}

static void
test_offsets (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new (c->language);
  g_autoptr(GArray) ranges = NULL;
  g_autofree char *text = NULL;

  /* Non-ASCII before and on the flagged words, over several lines */
  text = g_strdup_printf ("«%s»\n\n— %s — ✓ 😀\n%s", c->correct, c->misspelled, c->misspelled);
  ranges = aw_spell_checker_check (checker, text);
  g_assert_cmpuint (ranges->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      AwSpellRange *r = &g_array_index (ranges, AwSpellRange, i);
      g_autofree char *word = g_utf8_substring (text, r->start, r->end);

      g_assert_cmpstr (word, ==, c->wrong);
    }
  g_assert_cmpuint (g_array_index (ranges, AwSpellRange, 0).start, ==,
                    char_offset_of (text, c->wrong));
}

/* en_US knows "resume", "cafe" and "naive" only without their accents; English accepts
 * both, other languages do not: a wrong accent there is a typo */
static void
test_english_accents (void)
{
  g_autoptr(AwSpellChecker) en = aw_spell_checker_new ("en");
  g_autoptr(AwSpellChecker) pt = aw_spell_checker_new ("pt_BR");
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GArray) typo = NULL;
  g_autoptr(GArray) accent = NULL;

  ranges = aw_spell_checker_check (en, "I attached my résumé; we met at the café, how naïve.");
  g_assert_cmpuint (ranges->len, ==, 0);
  /* an accented word whose plain form is no word is still caught */
  typo = aw_spell_checker_check (en, "Thank you for the intervéw yesterday.");
  g_assert_cmpuint (typo->len, ==, 1);
  /* in Portuguese "ámigos" is a typo, though "amigos" is a word */
  accent = aw_spell_checker_check (pt, "Obrigado, ámigos, pela entrevista.");
  g_assert_cmpuint (accent->len, ==, 1);
}

static void
test_dictionaries_for (void)
{
  g_auto(GStrv) gb = aw_spell_checker_dictionaries_for ("en", "en_GB.UTF-8");
  g_auto(GStrv) us = aw_spell_checker_dictionaries_for ("en", "en_US.UTF-8");
  g_auto(GStrv) de_locale = aw_spell_checker_dictionaries_for ("en", "de_DE.UTF-8");
  g_auto(GStrv) de = aw_spell_checker_dictionaries_for ("de", "en_GB.UTF-8");
  g_auto(GStrv) pt = aw_spell_checker_dictionaries_for ("pt_BR", NULL);
  g_auto(GStrv) fr = aw_spell_checker_dictionaries_for ("fr", NULL);
  g_auto(GStrv) es = aw_spell_checker_dictionaries_for ("es", NULL);
  g_auto(GStrv) it = aw_spell_checker_dictionaries_for ("it", NULL);

  g_assert_cmpstr (gb[0], ==, "en_GB");
  g_assert_cmpstr (us[0], ==, "en_US");
  g_assert_cmpstr (de_locale[0], ==, "en_US");
  g_assert_cmpstr (de[0], ==, "de_DE");
  g_assert_cmpstr (pt[0], ==, "pt_BR");
  g_assert_cmpstr (fr[0], ==, "fr_FR");
  g_assert_cmpstr (es[0], ==, "es_ES");
  g_assert_cmpstr (it[0], ==, "it_IT");
}

static void
test_missing_dictionary (void)
{
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new ("tlh");
  g_autoptr(GArray) ranges = aw_spell_checker_check (checker, "nuqneH qaStaH nuq");
  g_auto(GStrv) suggestions = aw_spell_checker_suggest (checker, "nuqneH", 5);

  g_assert_false (aw_spell_checker_is_available (checker));
  g_assert_null (aw_spell_checker_get_dictionary (checker));
  g_assert_cmpuint (ranges->len, ==, 0);
  g_assert_cmpuint (g_strv_length (suggestions), ==, 0);
}

static void
test_incremental (void)
{
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new ("en_US");
  const char *before = "Dear Anna,\n\nthanks for the call yesterday.\n\nBest wishes,\nTom\n";
  const char *after = "Dear Anna,\n\nthanks for the call yesterdy and the walk.\n\nBest wishes,\nTom\n";
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;
  g_autoptr(GArray) third = NULL;
  guint lookups;

  first = aw_spell_checker_check (checker, before);
  g_assert_cmpuint (first->len, ==, 0);
  lookups = aw_spell_checker_get_lookups (checker);
  g_assert_cmpuint (lookups, >, 5);

  /* One paragraph changed: only its new words reach the dictionary. */
  second = aw_spell_checker_check (checker, after);
  g_assert_cmpuint (aw_spell_checker_get_lookups (checker) - lookups, ==, 3);  /* yesterdy, and, walk */
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpuint (g_array_index (second, AwSpellRange, 0).start, ==, char_offset_of (after, "yesterdy"));

  /* Nothing changed: no lookup at all */
  lookups = aw_spell_checker_get_lookups (checker);
  third = aw_spell_checker_check (checker, after);
  g_assert_cmpuint (aw_spell_checker_get_lookups (checker), ==, lookups);
  g_assert_cmpuint (third->len, ==, 1);
}

static void
test_prepare (void)
{
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new ("en_US");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) ranges = NULL;
  guint lookups;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Paragraph %u talks about teh project and the team.\n", i);

  g_assert_false (aw_spell_checker_prepare (checker, text->str, g_get_monotonic_time () - 1));
  g_assert_cmpuint (aw_spell_checker_get_lookups (checker), ==, 0);
  g_assert_true (aw_spell_checker_prepare (checker, text->str, G_MAXINT64));
  lookups = aw_spell_checker_get_lookups (checker);
  ranges = aw_spell_checker_check (checker, text->str);
  g_assert_cmpuint (aw_spell_checker_get_lookups (checker), ==, lookups);
  g_assert_cmpuint (ranges->len, ==, 200);
}

static void
test_personal_and_session (void)
{
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new ("en_US");
  g_autoptr(AwSpellChecker) other = NULL;
  g_autoptr(AwSpellChecker) reopened = NULL;
  g_autofree char *dic = NULL;

  g_assert_false (aw_spell_checker_check_word (checker, "Afterwordly"));
  g_assert_false (aw_spell_checker_check_word (checker, "Zquirkle"));
  aw_spell_checker_add_word (checker, "Afterwordly");
  aw_spell_checker_ignore_word (checker, "Zquirkle");
  g_assert_true (aw_spell_checker_check_word (checker, "Afterwordly"));
  g_assert_true (aw_spell_checker_check_word (checker, "Zquirkle"));

  /* The personal list is enchant's file, the session list stays with the checker. */
  dic = g_build_filename (g_get_user_config_dir (), "enchant", "en_US.dic", NULL);
  g_assert_true (g_file_test (dic, G_FILE_TEST_EXISTS));
  other = aw_spell_checker_new ("en_US");
  g_assert_true (aw_spell_checker_check_word (other, "Afterwordly"));
  g_assert_false (aw_spell_checker_check_word (other, "Zquirkle"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("ENCHANT_CONFIG_DIR");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *kinds[] = { "misspelling", "correct", "skipped", "offsets" };
      GTestDataFunc funcs[] = { test_misspelling, test_correct, test_skipped, test_offsets };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *path = g_strdup_printf ("/spell-checker/%s/%s", cases[i].language, kinds[k]);
          g_test_add_data_func (path, &cases[i], funcs[k]);
        }
    }
  g_test_add_func ("/spell-checker/dictionaries-for", test_dictionaries_for);
  g_test_add_func ("/spell-checker/english-accents", test_english_accents);
  g_test_add_func ("/spell-checker/missing-dictionary", test_missing_dictionary);
  g_test_add_func ("/spell-checker/incremental", test_incremental);
  g_test_add_func ("/spell-checker/prepare", test_prepare);
  g_test_add_func ("/spell-checker/personal-and-session", test_personal_and_session);

  return g_test_run ();
}
