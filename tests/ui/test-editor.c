/* test-editor.c: live guidance in the editor: highlights, panel, Apply, Ignore, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aw-application.h"
#include "aw-draft-writer.h"
#include "aw-editor-page-private.h"
#include "aw-guidance-panel-private.h"
#include "aw-finding-row.h"
#include "aw-guidance.h"
#include "aw-test-async.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"

#define PUSHY_SENTENCE "Please reconsider your decision."

typedef struct
{
  GtkWindow    *window;
  AwEditorPage *editor;
  AwDraft      *draft;
} Fixture;

/* Saves a PNG of @widget once layout and painting have settled */
static void
shot (GtkWidget  *widget,
      const char *name)
{
  aw_test_ui_iterate (200);
  g_free (aw_test_ui_save_screenshot (widget, name));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  int width = data ? GPOINTER_TO_INT (data) : 1200;

  fixture->draft = aw_test_ui_new_draft ("en", NULL);
  fixture->editor = aw_test_ui_open_editor (fixture->draft, width, 720, &fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->draft);
}

static GtkTextBuffer *
buffer_of (Fixture *fixture)
{
  return gtk_text_view_get_buffer (aw_editor_page_get_body_view (fixture->editor));
}

static char *
body_text (Fixture *fixture)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer_of (fixture), &start, &end);
  return gtk_text_buffer_get_text (buffer_of (fixture), &start, &end, FALSE);
}

/* Types @text where the cursor is, one character at a time, as the keyboard does. */
static void
type_text (Fixture    *fixture,
           const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char utf8[8] = { 0, };

      g_unichar_to_utf8 (g_utf8_get_char (p), utf8);
      gtk_text_buffer_insert_interactive_at_cursor (buffer_of (fixture), utf8, -1, TRUE);
    }
}

/* Puts the cursor at the start of the last paragraph before the sign-off. */
static void
place_cursor_after_first_paragraph (Fixture *fixture)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer_of (fixture), &iter);
  /* greeting line, blank line, first paragraph */
  gtk_text_iter_forward_line (&iter);
  gtk_text_iter_forward_line (&iter);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (buffer_of (fixture), &iter);
}

static AwFindingRow *
find_row (Fixture    *fixture,
          const char *rule_id)
{
  AwGuidancePanel *panel = aw_editor_page_get_guidance_panel (fixture->editor);

  for (guint i = 0; i < aw_guidance_panel_get_n_findings (panel); i++)
    {
      AwFindingRow *row = AW_FINDING_ROW (aw_guidance_panel_get_row (panel, i));

      if (g_strcmp0 (aw_finding_get_rule_id (aw_finding_row_get_finding (row)), rule_id) == 0)
        return row;
    }
  return NULL;
}

static void
test_generated_draft_is_clean (Fixture       *fixture,
                               gconstpointer  data)
{
  AwGuidancePanel *panel = aw_editor_page_get_guidance_panel (fixture->editor);
  g_autofree char *title = NULL;

  g_assert_cmpuint (aw_editor_page_get_findings (fixture->editor)->len, ==, 0);
  g_assert_cmpuint (aw_guidance_panel_get_n_findings (panel), ==, 0);
  g_assert_true (aw_guidance_panel_get_check (panel, AW_CHECK_THANKED));
  g_assert_true (aw_guidance_panel_get_check (panel, AW_CHECK_SHORT));
  title = g_strdup_printf ("%u/%u", aw_guidance_report_get_word_count (aw_editor_page_get_report (fixture->editor)),
                           AW_GUIDANCE_MAX_WORDS);
  g_assert_nonnull (strstr (aw_guidance_panel_get_check_title (panel, AW_CHECK_SHORT), title));
}

static void
test_pushy_finding_and_highlight (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer_of (fixture));
  AwFindingRow *row;
  AwFinding *finding;
  GtkTextTag *tag;
  GtkTextIter iter;

  place_cursor_after_first_paragraph (fixture);
  type_text (fixture, " " PUSHY_SENTENCE);

  /* The panel shows it at once: no idle, no timeout */
  row = find_row (fixture, AW_RULE_PUSHY);
  g_assert_nonnull (row);
  finding = aw_finding_row_get_finding (row);
  g_assert_true (aw_finding_has_span (finding));
  g_assert_cmpstr (aw_finding_get_message (finding), !=, "");
  g_assert_false (aw_guidance_panel_get_check (aw_editor_page_get_guidance_panel (fixture->editor),
                                               AW_CHECK_NO_PRESSURE));

  /* ... and the flagged words carry the highlight of its severity, only they */
  tag = gtk_text_tag_table_lookup (table, aw_editor_page_get_tag_name (aw_finding_get_severity (finding)));
  g_assert_nonnull (tag);
  for (int offset = aw_finding_get_start (finding); offset < aw_finding_get_end (finding); offset++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, offset);
      g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    }
  gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, aw_finding_get_end (finding));
  g_assert_false (gtk_text_iter_has_tag (&iter, tag) && aw_finding_get_end (finding) + 1 <
                  gtk_text_buffer_get_char_count (buffer_of (fixture)) &&
                  !gtk_text_iter_ends_tag (&iter, tag));
  gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, 0);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));

  /* A space typed right at the end of the highlight does not take its colour */
  {
    int end_offset = aw_finding_get_end (finding);
    GtkTextIter at;

    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &at, end_offset);
    gtk_text_buffer_place_cursor (buffer_of (fixture), &at);
    type_text (fixture, " ");
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, end_offset);
    g_assert_false (gtk_text_iter_has_tag (&iter, tag));
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, end_offset - 1);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    /* ... nor at its start (the row holds a new AwFinding after every keystroke) */
    int start_offset;

    finding = aw_finding_row_get_finding (find_row (fixture, AW_RULE_PUSHY));
    start_offset = aw_finding_get_start (finding);
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &at, start_offset);
    gtk_text_buffer_place_cursor (buffer_of (fixture), &at);
    type_text (fixture, " ");
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, start_offset);
    g_assert_false (gtk_text_iter_has_tag (&iter, tag));
    finding = aw_finding_row_get_finding (find_row (fixture, AW_RULE_PUSHY));
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, aw_finding_get_start (finding));
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  }

  aw_test_ui_iterate (200);
  shot (GTK_WIDGET (fixture->window), "editor-pushy.png");
  /* The highlight and the panel in the dark style */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shot (GTK_WIDGET (fixture->window), "editor-pushy-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Typing before it moves the highlight with the words */
  finding = aw_finding_row_get_finding (find_row (fixture, AW_RULE_PUSHY));
  {
    int start = aw_finding_get_start (finding);
    GtkTextIter at;

    gtk_text_buffer_get_start_iter (buffer_of (fixture), &at);
    gtk_text_buffer_place_cursor (buffer_of (fixture), &at);
    type_text (fixture, "Hi ");
    row = find_row (fixture, AW_RULE_PUSHY);
    g_assert_nonnull (row);
    finding = aw_finding_row_get_finding (row);
    g_assert_cmpint (aw_finding_get_start (finding), ==, start + 3);
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, start + 3);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, start + 2);
    g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  }

  /* Deleting the sentence removes finding and highlight */
  {
    g_autofree char *body = body_text (fixture);
    const char *first = strstr (body, "Please");
    const char *last = strstr (body, "decision.");
    GtkTextIter from, to;

    g_assert_nonnull (first);
    g_assert_nonnull (last);
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &from, g_utf8_pointer_to_offset (body, first));
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &to,
                                        g_utf8_pointer_to_offset (body, last) + strlen ("decision."));
    gtk_text_buffer_delete_interactive (buffer_of (fixture), &from, &to, TRUE);
    g_assert_null (find_row (fixture, AW_RULE_PUSHY));
    gtk_text_buffer_get_bounds (buffer_of (fixture), &from, &to);
    g_assert_false (gtk_text_iter_forward_to_tag_toggle (&from, tag));
  }
}

static void
test_select_span (Fixture       *fixture,
                  gconstpointer  data)
{
  AwFindingRow *row;
  AwFinding *finding;
  GtkTextIter start, end;

  place_cursor_after_first_paragraph (fixture);
  type_text (fixture, " " PUSHY_SENTENCE);
  row = find_row (fixture, AW_RULE_PUSHY);
  finding = aw_finding_row_get_finding (row);

  /* Clicking the row is activating it */
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer_of (fixture), &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, aw_finding_get_start (finding));
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, aw_finding_get_end (finding));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (aw_editor_page_get_body_view (fixture->editor))));
}

static void
test_apply (Fixture       *fixture,
            gconstpointer  data)
{
  AwFindingRow *row;
  AwFinding *finding;
  GtkWidget *apply;
  g_autofree char *suggestion = NULL;
  g_autofree char *flagged = NULL;
  g_autofree char *body = NULL;

  place_cursor_after_first_paragraph (fixture);
  type_text (fixture, " " PUSHY_SENTENCE);
  row = find_row (fixture, AW_RULE_PUSHY);
  finding = aw_finding_row_get_finding (row);
  if (aw_finding_get_suggestion (finding) == NULL)
    {
      g_test_skip ("the English pushy rule for this phrase has no suggestion");
      return;
    }
  suggestion = g_strdup (aw_finding_get_suggestion (finding));
  flagged = g_strdup (aw_finding_get_text (finding));

  apply = aw_test_ui_find_by_name (GTK_WIDGET (row), "apply_button");
  g_assert_true (gtk_widget_get_visible (apply));
  g_signal_emit_by_name (apply, "clicked");

  body = body_text (fixture);
  g_assert_nonnull (strstr (body, suggestion));
  g_assert_null (strstr (body, flagged));
  g_assert_cmpstr (aw_draft_get_body (fixture->draft), ==, body);

  /* Undo brings the words back */
  gtk_text_buffer_undo (buffer_of (fixture));
  g_free (body);
  body = body_text (fixture);
  g_assert_nonnull (strstr (body, flagged));
  g_assert_nonnull (find_row (fixture, AW_RULE_PUSHY));
}

static void
test_ignore (Fixture       *fixture,
             gconstpointer  data)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer_of (fixture));
  AwFindingRow *row;
  AwFinding *finding;
  GtkTextTag *tag;
  GtkTextIter iter;
  int start;

  place_cursor_after_first_paragraph (fixture);
  type_text (fixture, " " PUSHY_SENTENCE);
  row = find_row (fixture, AW_RULE_PUSHY);
  finding = aw_finding_row_get_finding (row);
  tag = gtk_text_tag_table_lookup (table, aw_editor_page_get_tag_name (aw_finding_get_severity (finding)));
  start = aw_finding_get_start (finding);

  g_signal_emit_by_name (aw_test_ui_find_by_name (GTK_WIDGET (row), "ignore_button"), "clicked");
  g_assert_null (find_row (fixture, AW_RULE_PUSHY));
  gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, start);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  g_assert_cmpuint (g_strv_length ((char **) aw_draft_get_dismissed (fixture->draft)), ==, 1);

  /* Typing elsewhere: it stays dismissed */
  gtk_text_buffer_get_end_iter (buffer_of (fixture), &iter);
  gtk_text_buffer_place_cursor (buffer_of (fixture), &iter);
  type_text (fixture, " ");
  g_assert_null (find_row (fixture, AW_RULE_PUSHY));

  /* Changing the flagged words: it is a new finding */
  {
    g_autofree char *body = body_text (fixture);
    const char *word = strstr (body, "reconsider");
    GtkTextIter at;

    g_assert_nonnull (word);
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &at,
                                        g_utf8_pointer_to_offset (body, word) + strlen ("reconsider"));
    gtk_text_buffer_place_cursor (buffer_of (fixture), &at);
    type_text (fixture, "ing");
  }
  g_assert_nonnull (find_row (fixture, AW_RULE_PUSHY));
}

/* A history in a folder of its own, holding one earlier follow-up */
static AwHistory *
history_with_one_send (const char *address,
                       const char *company)
{
  g_autofree char *path = g_dir_make_tmp ("afterword-editor-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GDateTime) sent = g_date_time_new_now_utc ();
  g_autoptr(AwHistoryEntry) entry = aw_history_entry_new ("Dana Ruiz", address, company, "Designer",
                                                          "Thank you", "sam@example.com", sent,
                                                          "<1@example.com>", AW_HISTORY_STATUS_SENT);
  static const char text[] = "Subject: Thank you\r\n\r\nHi\r\n";
  g_autoptr(GBytes) eml = g_bytes_new_static (text, strlen (text));
  AwHistory *history = aw_history_new (folder);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  aw_history_record_async (history, entry, eml, NULL, aw_test_async_done, &result);
  g_assert_true (aw_history_record_finish (history, aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
  return history;
}

static void
remove_history (AwHistory *history)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFile *folder = aw_history_get_folder (history);
  GFile *child;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) &&
         child != NULL)
    g_file_delete (child, NULL, NULL);
  g_file_delete (folder, NULL, NULL);
}

static void
test_repeat_follow_up (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AwHistory) history = history_with_one_send ("dana@northwind.example", "Northwind Analytics");

  AwGuidancePanel *panel = aw_editor_page_get_guidance_panel (fixture->editor);

  g_assert_null (find_row (fixture, AW_RULE_REPEAT_FOLLOW_UP));
  g_assert_true (aw_guidance_panel_get_check (panel, AW_CHECK_FIRST_FOLLOW_UP));
  aw_editor_page_set_history (fixture->editor, history);
  g_assert_nonnull (find_row (fixture, AW_RULE_REPEAT_FOLLOW_UP));
  /* The repeat has its own checklist row; "No pressure" stays about the text */
  g_assert_true (aw_guidance_panel_get_check (panel, AW_CHECK_NO_PRESSURE));
  g_assert_false (aw_guidance_panel_get_check (panel, AW_CHECK_FIRST_FOLLOW_UP));
  g_assert_cmpstr (aw_guidance_panel_get_check_title (panel, AW_CHECK_FIRST_FOLLOW_UP), ==,
                   "First follow-up to them");
  shot (GTK_WIDGET (fixture->window), "editor-repeat-checklist.png");

  /* Pressure in the text still shows there, history or not */
  place_cursor_after_first_paragraph (fixture);
  type_text (fixture, " " PUSHY_SENTENCE);
  g_assert_false (aw_guidance_panel_get_check (panel, AW_CHECK_NO_PRESSURE));
  g_assert_false (aw_guidance_panel_get_check (panel, AW_CHECK_FIRST_FOLLOW_UP));

  aw_editor_page_set_history (fixture->editor, NULL);
  g_assert_null (find_row (fixture, AW_RULE_REPEAT_FOLLOW_UP));
  g_assert_true (aw_guidance_panel_get_check (panel, AW_CHECK_FIRST_FOLLOW_UP));
  remove_history (history);
}

static void
test_subject_edits_reach_draft (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkEditable *subject = aw_editor_page_get_subject_entry (fixture->editor);

  gtk_editable_set_text (subject, "Thank you, and a quick question");
  g_assert_cmpstr (aw_draft_get_subject (fixture->draft), ==, "Thank you, and a quick question");
  type_text (fixture, "x");
  {
    g_autofree char *body = body_text (fixture);
    g_assert_cmpstr (aw_draft_get_body (fixture->draft), ==, body);
  }
}

static void
test_mailto_and_eml (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *uri = aw_editor_page_dup_mailto_uri (fixture->editor);
  g_autoptr(GBytes) eml = aw_editor_page_build_eml (fixture->editor);
  g_autofree char *text = g_strndup (g_bytes_get_data (eml, NULL), g_bytes_get_size (eml));
  g_autofree char *body = body_text (fixture);
  g_autofree char *subject_param = NULL;
  g_autofree char *body_param = NULL;
  g_auto(GStrv) params = NULL;
  const char *query;

  g_assert_true (g_str_has_prefix (uri, "mailto:dana@northwind.example?"));
  query = strchr (uri, '?') + 1;
  params = g_strsplit (query, "&", -1);
  g_assert_cmpuint (g_strv_length (params), ==, 2);
  g_assert_true (g_str_has_prefix (params[0], "subject="));
  g_assert_true (g_str_has_prefix (params[1], "body="));
  subject_param = g_uri_unescape_string (params[0] + strlen ("subject="), NULL);
  body_param = g_uri_unescape_string (params[1] + strlen ("body="), NULL);
  g_assert_cmpstr (subject_param, ==, gtk_editable_get_text (aw_editor_page_get_subject_entry (fixture->editor)));
  {
    g_autoptr(GString) crlf = g_string_new (body);
    g_string_replace (crlf, "\n", "\r\n", 0);
    g_assert_cmpstr (body_param, ==, crlf->str);
  }
  g_assert_null (strchr (params[1], '\n'));
  g_assert_null (strchr (params[1], ' '));

  g_assert_nonnull (strstr (text, "To: Dana Whitfield <dana@northwind.example>\r\n"));
  g_assert_nonnull (strstr (text, "X-Unsent: 1\r\n"));
  g_assert_nonnull (strstr (text, "Subject: "));
  g_assert_nonnull (strstr (text, "Content-Type: text/plain"));
}

static void
test_narrow_and_wide (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwFlap *flap = ADW_FLAP (aw_test_ui_find_by_name (GTK_WIDGET (fixture->editor), "flap"));
  GtkWidget *toggle = aw_test_ui_find_by_name (GTK_WIDGET (fixture->editor), "guidance_toggle");
  int width = GPOINTER_TO_INT (data);

  aw_test_ui_iterate (300);
  if (width <= 600)
    {
      /* The panel is a toggle over the text */
      g_assert_true (adw_flap_get_folded (flap));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
      aw_test_ui_iterate (400);
      shot (GTK_WIDGET (fixture->window), "editor-600px.png");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
      aw_test_ui_iterate (400);
      g_assert_true (adw_flap_get_reveal_flap (flap));
      shot (GTK_WIDGET (fixture->window), "editor-600px-guidance.png");
    }
  else
    {
      g_assert_false (adw_flap_get_folded (flap));
      g_assert_true (adw_flap_get_reveal_flap (flap));
      shot (GTK_WIDGET (fixture->window), "editor-1920px.png");
    }
}

static void
count_tag_change (GtkTextBuffer *buffer,
                  GtkTextTag    *tag,
                  GtkTextIter   *start,
                  GtkTextIter   *end,
                  guint         *count)
{
  (*count)++;
}

static void
test_typing_elsewhere_touches_no_tag (Fixture       *fixture,
                                      gconstpointer  data)
{
  guint changes = 0;
  GtkTextIter iter;
  gulong apply_id, remove_id;

  place_cursor_after_first_paragraph (fixture);
  type_text (fixture, " " PUSHY_SENTENCE);
  g_assert_nonnull (find_row (fixture, AW_RULE_PUSHY));

  apply_id = g_signal_connect (buffer_of (fixture), "apply-tag", G_CALLBACK (count_tag_change), &changes);
  remove_id = g_signal_connect (buffer_of (fixture), "remove-tag", G_CALLBACK (count_tag_change), &changes);

  /* Far from the highlight, before and after it: the tags just move with the text */
  gtk_text_buffer_get_start_iter (buffer_of (fixture), &iter);
  gtk_text_buffer_place_cursor (buffer_of (fixture), &iter);
  type_text (fixture, "Hello. ");
  gtk_text_buffer_get_end_iter (buffer_of (fixture), &iter);
  gtk_text_buffer_place_cursor (buffer_of (fixture), &iter);
  type_text (fixture, " Thanks again.");
  g_assert_cmpuint (changes, ==, 0);
  g_assert_nonnull (find_row (fixture, AW_RULE_PUSHY));

  g_signal_handler_disconnect (buffer_of (fixture), apply_id);
  g_signal_handler_disconnect (buffer_of (fixture), remove_id);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AwApplication) app = NULL;

  aw_test_ui_init (&argc, &argv);
  /* Screenshots should show pages, not slides between them */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* For the resources (templates, CSS) */
  app = aw_test_widget_app_new ();

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/editor/generated-draft-is-clean", test_generated_draft_is_clean, NULL);
  ADD ("/editor/pushy-finding-and-highlight", test_pushy_finding_and_highlight, NULL);
  ADD ("/editor/typing-elsewhere-touches-no-tag", test_typing_elsewhere_touches_no_tag, NULL);
  ADD ("/editor/select-span", test_select_span, NULL);
  ADD ("/editor/apply", test_apply, NULL);
  ADD ("/editor/ignore", test_ignore, NULL);
  ADD ("/editor/repeat-follow-up", test_repeat_follow_up, NULL);
  ADD ("/editor/subject-and-body-reach-draft", test_subject_edits_reach_draft, NULL);
  ADD ("/editor/mailto-and-eml", test_mailto_and_eml, NULL);
  ADD ("/editor/narrow-600", test_narrow_and_wide, GINT_TO_POINTER (600));
  ADD ("/editor/wide-1920", test_narrow_and_wide, GINT_TO_POINTER (1920));
#undef ADD

  return g_test_run ();
}
