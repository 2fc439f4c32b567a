/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-spell-editor.c: spell checking in the editor, with the real hunspell dictionaries
 *
 * Underlines while typing, the context menu's suggestions, "Add to Dictionary" across a
 * restart (two processes sharing enchant's personal word list), "Ignore All", the toggle,
 * F7 and the "No typos" row, the subject, a long text checked in idle chunks, and
 * screenshots of the context menu in English and German (the whole screen, since the
 * menu is a popup surface of its own).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aw-application.h"
#include "aw-draft-writer.h"
#include "aw-editor-page-private.h"
#include "aw-guidance-panel-private.h"
#include "aw-spell-checker.h"
#include "aw-test-tmp.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"

typedef struct
{
  GtkWindow    *window;
  AwEditorPage *editor;
  AwDraft      *draft;
} Fixture;

static gboolean
not_loading (gpointer data)
{
  return !aw_spell_controller_is_loading (data);
}

static void
open_editor (Fixture    *fixture,
             const char *language,
             const char *body)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "spell-check", TRUE);
  fixture->draft = aw_test_ui_new_draft (language, body);
  fixture->editor = aw_test_ui_open_editor (fixture->draft, 1100, 700, &fixture->window);
  /* The dictionary loads in a thread */
  g_assert_true (aw_test_ui_wait_for (not_loading, aw_editor_page_get_spell_controller (fixture->editor), 20000));
}

static void
close_editor (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->draft);
}

static GtkTextBuffer *
buffer_of (Fixture *fixture)
{
  return gtk_text_view_get_buffer (aw_editor_page_get_body_view (fixture->editor));
}

static AwSpellController *
spell_of (Fixture *fixture)
{
  return aw_editor_page_get_spell_controller (fixture->editor);
}

static char *
body_text (Fixture *fixture)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer_of (fixture), &start, &end);
  return gtk_text_buffer_get_text (buffer_of (fixture), &start, &end, FALSE);
}

/* The words that carry the spelling tag, joined by "|" */
static char *
underlined (Fixture *fixture)
{
  GtkTextBuffer *buffer = buffer_of (fixture);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               AW_SPELL_TAG_NAME);
  GString *out = g_string_new (NULL);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (;;)
    {
      GtkTextIter start;
      g_autofree char *word = NULL;

      if (!gtk_text_iter_has_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
      if (!gtk_text_iter_has_tag (&iter, tag))
        break;
      start = iter;
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      word = gtk_text_buffer_get_text (buffer, &start, &iter, FALSE);
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append (out, word);
    }
  return g_string_free (out, FALSE);
}

static void
type_at_end (Fixture    *fixture,
             const char *text)
{
  GtkTextBuffer *buffer = buffer_of (fixture);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
}

static int
offset_of (Fixture    *fixture,
           const char *needle)
{
  g_autofree char *text = body_text (fixture);
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_strlen (text, found - text);
}

/* The suggestions of the context menu as prepared for the word at @offset */
static char **
menu_suggestions (Fixture *fixture,
                  int      offset)
{
  GMenuModel *menu = aw_spell_controller_get_menu (spell_of (fixture));
  g_autoptr(GMenuModel) section = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  aw_spell_controller_prepare_menu (spell_of (fixture), FALSE, offset);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);
      g_assert_nonnull (target);
      g_strv_builder_add (builder, g_variant_get_string (target, NULL));
    }
  return g_strv_builder_end (builder);
}

static const char *
typos_title (Fixture *fixture)
{
  GtkWidget *row = aw_guidance_panel_get_typos_row (aw_editor_page_get_guidance_panel (fixture->editor));

  if (!gtk_widget_get_visible (row))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
test_template_is_clean (void)
{
  Fixture fixture = { 0 };
  g_autofree char *words = NULL;

  /* The wizard's own text, with the names of the draft, has no typo */
  open_editor (&fixture, "en", NULL);
  words = underlined (&fixture);
  g_assert_cmpstr (words, ==, "");
  g_assert_cmpint (aw_spell_controller_get_count (spell_of (&fixture)), ==, 0);
  g_assert_cmpstr (typos_title (&fixture), ==, _("No typos"));
  close_editor (&fixture);
}

static void
test_underline_and_fix (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) suggestions = NULL;

  open_editor (&fixture, "en", "Dear Dana,\n\nthank you for the interview.\n");
  /* Key by key: the word being typed waits until the cursor leaves it */
  for (const char *c = "I realy"; *c; c++)
    {
      char key[2] = { *c, 0 };
      g_autofree char *typing = NULL;

      type_at_end (&fixture, key);
      aw_test_ui_iterate (10);
      typing = underlined (&fixture);
      g_assert_cmpstr (typing, ==, "");
    }
  type_at_end (&fixture, " ");
  aw_test_ui_iterate (10);
  type_at_end (&fixture, "enjoyed it.");
  before = underlined (&fixture);
  g_assert_cmpstr (before, ==, "realy");
  g_assert_nonnull (strstr (typos_title (&fixture), "1"));

  /* The menu for the word under the cursor offers the correction; choosing it fixes
   * the text and the underline goes. */
  suggestions = menu_suggestions (&fixture, offset_of (&fixture, "realy") + 2);
  g_assert_cmpuint (g_strv_length (suggestions), <=, 5);
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "really"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (aw_editor_page_get_body_view (fixture.editor)),
                                             "spelling.correct", "s", "really"));
  text = body_text (&fixture);
  g_assert_nonnull (strstr (text, "I really enjoyed it."));
  after = underlined (&fixture);
  g_assert_cmpstr (after, ==, "");
  g_assert_cmpstr (typos_title (&fixture), ==, _("No typos"));
  g_assert_cmpstr (aw_draft_get_body (fixture.draft), ==, text);
  close_editor (&fixture);
}

static void
test_ignore_all (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *key = aw_draft_make_finding_key ("spelling", "Zorblax");
  g_auto(GStrv) suggestions = NULL;

  open_editor (&fixture, "en", "Dear Dana,\n\nthe Zorblax team and Zorblax itself.\n");
  before = underlined (&fixture);
  g_assert_cmpstr (before, ==, "Zorblax|Zorblax");
  suggestions = menu_suggestions (&fixture, offset_of (&fixture, "Zorblax"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (aw_editor_page_get_body_view (fixture.editor)),
                                             "spelling.ignore", NULL));
  after = underlined (&fixture);
  g_assert_cmpstr (after, ==, "");
  /* For this draft only: it is kept with the draft's dismissals */
  g_assert_true (aw_draft_is_dismissed (fixture.draft, key));
  close_editor (&fixture);

  open_editor (&fixture, "en", "Dear Dana,\n\nthe Zorblax team.\n");
  g_free (after);
  after = underlined (&fixture);
  g_assert_cmpstr (after, ==, "Zorblax");
  close_editor (&fixture);
}

static void
test_toggle (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *on = NULL;
  g_autofree char *off = NULL;
  g_autofree char *again = NULL;
  GtkWidget *notice;

  open_editor (&fixture, "en", "Dear Dana,\n\nI realy apreciate the tiem you took.\n");
  gtk_editable_set_text (aw_editor_page_get_subject_entry (fixture.editor), "Thnak you");
  on = underlined (&fixture);
  g_assert_cmpstr (on, ==, "realy|apreciate|tiem");
  g_assert_cmpint (aw_spell_controller_get_count (spell_of (&fixture)), ==, 4);

  /* The editor's menu item is a stateful action; it writes the preference */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.check-spelling", NULL));
  off = underlined (&fixture);
  g_assert_cmpstr (off, ==, "");
  g_assert_cmpint (aw_spell_controller_get_count (spell_of (&fixture)), ==, -1);
  g_assert_null (typos_title (&fixture));
  g_assert_false (g_settings_get_boolean (settings, "spell-check"));
  notice = aw_test_ui_find_by_name (GTK_WIDGET (fixture.editor), "spell_notice");
  g_assert_nonnull (notice);
  g_assert_false (gtk_widget_get_visible (notice));

  /* And the preference (the Preferences switch) turns it back on */
  g_settings_set_boolean (settings, "spell-check", TRUE);
  again = underlined (&fixture);
  g_assert_cmpstr (again, ==, "realy|apreciate|tiem");
  close_editor (&fixture);
}

static gboolean
subject_has_spelling_underline (Fixture *fixture,
                                guint    start,
                                guint    end)
{
  PangoAttrList *attributes = gtk_entry_get_attributes (GTK_ENTRY (aw_editor_page_get_subject_entry (fixture->editor)));
  g_autoptr(GSList) list = NULL;
  gboolean found = FALSE;

  if (attributes == NULL)
    return FALSE;
  list = pango_attr_list_get_attributes (attributes);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attribute = l->data;

      if (attribute->klass->type == PANGO_ATTR_UNDERLINE &&
          ((PangoAttrInt *) attribute)->value == PANGO_UNDERLINE_ERROR &&
          attribute->start_index == start && attribute->end_index == end)
        found = TRUE;
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  return found;
}

static void
test_subject_and_next (void)
{
  Fixture fixture = { 0 };
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkWidget *row;

  open_editor (&fixture, "en", "Dear Dana,\n\nI realy liked it.\n\nThe tiem flew.\n");
  gtk_editable_set_text (aw_editor_page_get_subject_entry (fixture.editor), "Thnak you");
  g_assert_true (subject_has_spelling_underline (&fixture, 0, 5));
  g_assert_nonnull (strstr (typos_title (&fixture), "3"));

  /* F7 (and the "No typos" row) go from word to word, the subject first on wrap */
  buffer = buffer_of (&fixture);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_grab_focus (GTK_WIDGET (aw_editor_page_get_body_view (fixture.editor)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.next-misspelling", NULL));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, offset_of (&fixture, "realy"));

  row = aw_guidance_panel_get_typos_row (aw_editor_page_get_guidance_panel (fixture.editor));
  g_signal_emit_by_name (row, "activate");
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, offset_of (&fixture, "tiem"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.next-misspelling", NULL));
  {
    int s = -1, e = -1;

    g_assert_true (gtk_editable_get_selection_bounds (aw_editor_page_get_subject_entry (fixture.editor), &s, &e));
    g_assert_cmpint (s, ==, 0);
    g_assert_cmpint (e, ==, 5);
  }
  close_editor (&fixture);
}

static gboolean
not_pending (gpointer data)
{
  return !aw_spell_controller_is_pending (data);
}

static void
test_long_text_in_chunks (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GString) body = g_string_new ("Dear Dana,\n\n");
  g_autofree char *words = NULL;
  guint paragraphs = 0;

  /* 10,000 words, one misspelling in each paragraph of 50 */
  while (body->len < 62000)
    {
      g_string_append (body, "Thank you again for the conversation about the data platform and the team, "
                             "which I enjoyed very much; I would be glad to hear any feedback you may "
                             "have on my answers, and I wish you and the team a good week with many "
                             "good projects ahead, and teh best for the quarter.\n\n");
      paragraphs++;
    }
  open_editor (&fixture, "en", body->str);
  /* Too much for one frame: the first check runs in idle chunks */
  g_assert_true (aw_spell_controller_is_pending (spell_of (&fixture)) ||
                 aw_spell_controller_get_count (spell_of (&fixture)) == (int) paragraphs);
  g_assert_true (aw_test_ui_wait_for (not_pending, spell_of (&fixture), 20000));
  g_assert_cmpint (aw_spell_controller_get_count (spell_of (&fixture)), ==, paragraphs);
  close_editor (&fixture);
}

/* ---- "Add to Dictionary" across a restart: two processes, one personal word list ---- */

/* Runs this program again with AW_SPELL_TEST_CHILD=@child (and @language as the interface
 * language), a new process as after a restart; fails when the child fails. */
static void
run_child (const char *child,
           const char *language)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  g_subprocess_launcher_setenv (launcher, "AW_SPELL_TEST_CHILD", child, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, self, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("the %s run failed", child);
}

static void
add_word_first_run (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) suggestions = NULL;

  open_editor (&fixture, "en", "Dear Dana,\n\nI use Quizzlewort every day.\n");
  before = underlined (&fixture);
  g_assert_cmpstr (before, ==, "Quizzlewort");
  suggestions = menu_suggestions (&fixture, offset_of (&fixture, "Quizzlewort") + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (aw_editor_page_get_body_view (fixture.editor)),
                                             "spelling.add", NULL));
  after = underlined (&fixture);
  g_assert_cmpstr (after, ==, "");
  close_editor (&fixture);
}

static void
add_word_second_run (void)
{
  Fixture fixture = { 0 };
  g_autofree char *words = NULL;

  open_editor (&fixture, "en", "Dear Dana,\n\nQuizzlewort again, and a typo: teh.\n");
  words = underlined (&fixture);
  g_assert_cmpstr (words, ==, "teh");
  close_editor (&fixture);
}

static void
test_add_survives_restart (void)
{
  g_autofree char *dir = aw_test_tmp_dir ("afterword-enchant-XXXXXX");
  g_autoptr(AwSpellChecker) checker = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;

  /* enchant's personal word list lives here for both runs (and the checker below) */
  g_setenv ("ENCHANT_CONFIG_DIR", dir, TRUE);
  run_child ("first-run", "en");
  run_child ("second-run", "en");

  /* enchant's own file, which other enchant applications read too */
  checker = aw_spell_checker_new ("en");
  path = g_strdup_printf ("%s/%s.dic", dir, aw_spell_checker_get_dictionary (checker));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Quizzlewort"));
  g_assert_true (aw_spell_checker_check_word (checker, "Quizzlewort"));
  g_unsetenv ("ENCHANT_CONFIG_DIR");
}

/* ---- the context menu on screen, in English and German ---- */

static void
screenshot_menu (const char *language,
                 const char *body,
                 const char *word,
                 const char *expected_label,
                 const char *file)
{
  Fixture fixture = { 0 };
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GMenuModel *menu;
  g_autoptr(GMenuModel) actions = NULL;
  g_autofree char *label = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  open_editor (&fixture, language, body);
  view = aw_editor_page_get_body_view (fixture.editor);
  buffer = buffer_of (&fixture);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of (&fixture, word) + 2);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  aw_spell_controller_prepare_menu (spell_of (&fixture), FALSE, gtk_text_iter_get_offset (&iter));

  menu = aw_spell_controller_get_menu (spell_of (&fixture));
  actions = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (actions, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, expected_label);

  /* The underline, then what Shift+F10 does after the controller saw the key */
  {
    g_autofree char *underline_file = g_strdup_printf ("spell-underline-%s.png", language);
    aw_test_ui_iterate (200);
    g_free (aw_test_ui_save_screenshot (GTK_WIDGET (fixture.window), underline_file));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "menu.popup", NULL));
  aw_test_ui_iterate (600);

  folder = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                             "screenshots", NULL);
  g_mkdir_with_parents (folder, 0755);
  path = g_build_filename (folder, file, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("screenshot: %s", path);
  close_editor (&fixture);
}

static void
menu_english (void)
{
  screenshot_menu ("en", "Dear Dana,\n\nthank you for the interview. I realy enjoyed it.\n",
                   "realy", "Add to Dictionary", "spell-menu-en.png");
}

static void
menu_german (void)
{
  screenshot_menu ("de", "Sehr geehrte Frau Whitfield,\n\nvielen Dank für das angenehme Gesprech.\n",
                   "Gesprech", "Zum Wörterbuch hinzufügen", "spell-menu-de.png");
}

static void
test_menu_screenshots (void)
{
  run_child ("menu-en", "en");
  run_child ("menu-de", "de");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AwApplication) app = NULL;

  if (g_getenv ("LANGUAGE") == NULL || g_str_equal (g_getenv ("LANGUAGE"), ""))
    g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  aw_test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* For the resources (templates, CSS) */
  app = aw_test_widget_app_new ();

  g_test_add_func ("/spell-editor/template-is-clean", test_template_is_clean);
  g_test_add_func ("/spell-editor/underline-and-fix", test_underline_and_fix);
  g_test_add_func ("/spell-editor/ignore-all", test_ignore_all);
  g_test_add_func ("/spell-editor/toggle", test_toggle);
  g_test_add_func ("/spell-editor/subject-and-next", test_subject_and_next);
  g_test_add_func ("/spell-editor/long-text-in-chunks", test_long_text_in_chunks);
  g_test_add_func ("/spell-editor/add-to-dictionary", test_add_survives_restart);
  g_test_add_func ("/spell-editor/menu", test_menu_screenshots);

  /* The runs the tests above start as processes of their own */
  {
    const char *child = g_getenv ("AW_SPELL_TEST_CHILD");
    const struct { const char *name; void (*func) (void); } children[] = {
      { "first-run", add_word_first_run }, { "second-run", add_word_second_run },
      { "menu-en", menu_english }, { "menu-de", menu_german },
    };

    for (guint i = 0; child != NULL && i < G_N_ELEMENTS (children); i++)
      if (g_str_equal (child, children[i].name))
        {
          children[i].func ();
          return 0;
        }
  }

  return g_test_run ();
}
