/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-autosave-restore.c: killing the app mid-edit loses at most the last second
 *
 * Starts autosave-helper (the real window, typing into the editor), kills it with
 * SIGKILL while it types, then opens a window as the app does at startup: the start
 * page lists the draft, resuming it shows everything but at most the last second.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "aw-application.h"
#include "aw-editor-page.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"
#include "aw-window.h"

#include "autosave-helper.h"

/* The helper types one character every 20 ms: one second is 50 characters. */
#define CHARS_PER_SECOND 50

static AwApplication *app;

static char *
expected_text (guint n)
{
  GString *text = g_string_new (NULL);
  const char *source = AW_AUTOSAVE_TEXT;
  guint length = g_utf8_strlen (source, -1);

  for (guint i = 0; i < n; i++)
    {
      const char *p = g_utf8_offset_to_pointer (source, i % length);
      g_string_append_unichar (text, g_utf8_get_char (p));
    }
  return g_string_free (text, FALSE);
}

static gboolean
drafts_loaded (gpointer data)
{
  return aw_window_get_drafts_loaded (AW_WINDOW (data));
}

/* Whether @widget renders now: between a queued draw (the editor's blinking cursor) and
 * the next frame it has nothing to render, and a screenshot then would be empty */
static gboolean
can_be_shot (gpointer widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), 1, 1);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return node != NULL;
}

static void
shot (AwWindow   *window,
      const char *name)
{
  g_assert_true (aw_test_ui_wait_for (can_be_shot, window, 5000));
  g_free (aw_test_ui_save_screenshot (GTK_WIDGET (window), name));
}

static void
test_kill_and_restore (void)
{
  const char *helper = g_getenv ("AW_AUTOSAVE_HELPER");
  const char *argv[] = { helper, NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed_text = NULL;
  g_autofree char *body = NULL;
  AwWindow *window;
  AwEditorPage *editor;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  const char *marker;
  guint typed = 0;
  guint restored;

  g_assert_nonnull (helper);

  /* Same HOME and XDG folders as this test: the helper saves where we look. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  /* Let it type for about two and a half seconds, then kill it mid-word */
  while (typed < 2 * CHARS_PER_SECOND + CHARS_PER_SECOND / 2 + 3)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "typed "))
        typed = atoi (line + strlen ("typed "));
    }
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (process));
  g_test_message ("killed after %u typed characters", typed);

  /* Start again */
  window = aw_test_widget_window_new (app, 0, 0);
  g_assert_true (aw_test_ui_wait_for (drafts_loaded, window, 5000));
  aw_test_ui_iterate (100);
  g_assert_true (gtk_widget_get_visible (aw_test_ui_find_by_name (GTK_WIDGET (window), "drafts_box")));
  shot (window, "start-page-restored-draft.png");

  /* The one row: resume it */
  {
    GtkWidget *list = aw_test_ui_find_by_name (GTK_WIDGET (window), "drafts_list");
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));

    g_assert_nonnull (row);
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Dana Whitfield");
    g_signal_emit_by_name (row, "activate");
  }
  aw_test_ui_iterate (200);
  editor = AW_EDITOR_PAGE (aw_test_ui_find_by_name (GTK_WIDGET (window), "editor_page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  buffer = gtk_text_view_get_buffer (aw_editor_page_get_body_view (editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  marker = strstr (body, AW_AUTOSAVE_MARKER);
  g_assert_nonnull (marker);
  marker += strlen (AW_AUTOSAVE_MARKER);
  restored = g_utf8_strlen (marker, -1);
  typed_text = expected_text (restored);
  g_test_message ("restored %u of %u typed characters", restored, typed);
  g_assert_cmpstr (marker, ==, typed_text);
  g_assert_cmpuint (restored, <=, typed);
  g_assert_cmpuint (restored + CHARS_PER_SECOND, >=, typed);
  shot (window, "editor-restored.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  aw_test_ui_init (&argc, &argv);

  app = aw_test_widget_app_new ();

  g_test_add_func ("/autosave/kill-and-restore", test_kill_and_restore);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
