/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the main window opens, is styled, offers "New Follow-Up" and lists the
 * application's drafts
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-application.h"
#include "aw-draft-row.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"
#include "aw-window.h"

static AwApplication *app;

static AwWindow *
open_window (void)
{
  return aw_test_widget_window_new (app, 0, 0);
}

static void
test_window_shows_start_page (void)
{
  AwWindow *window = open_window ();
  GtkWidget *button;
  g_autofree char *accessible = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GString) expected = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, _("Afterword"));

  button = aw_test_ui_find_by_name (GTK_WIDGET (window), "new_follow_up_button");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  accessible = aw_test_ui_accessible_label (button);
  expected = g_string_new (_("_New Follow-Up"));
  g_string_replace (expected, "_", "", 1);
  g_assert_cmpstr (accessible, ==, expected->str);

  shot = aw_test_ui_save_screenshot (GTK_WIDGET (window), "start-page.png");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (window));
}

static AwDraft *
draft_for (const char *recipient,
           const char *company)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_recipient_name (draft, recipient);
  aw_draft_set_company (draft, company);
  return draft;
}

static const char *
row_title (GtkListBox *list,
           int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

/* The start page shows the application's store, newest first, and follows it */
static void
test_start_page_lists_drafts (void)
{
  AwDraftStore *store = aw_application_get_draft_store (app);
  g_autoptr(AwDraft) older = draft_for ("Dana Whitfield", "Northwind Analytics");
  g_autoptr(AwDraft) newer = draft_for ("Sam Okafor", "Globex");
  AwWindow *window;
  GtkListBox *list;

  aw_draft_store_schedule_save (store, older);
  aw_draft_store_schedule_save (store, newer);
  window = open_window ();
  g_assert_true (aw_window_get_draft_store (window) == store);
  list = GTK_LIST_BOX (aw_test_ui_find_by_name (GTK_WIDGET (window), "drafts_list"));
  g_assert_true (gtk_widget_get_visible (aw_test_ui_find_by_name (GTK_WIDGET (window), "drafts_box")));
  g_assert_cmpstr (row_title (list, 0), ==, "Sam Okafor");
  g_assert_cmpstr (row_title (list, 1), ==, "Dana Whitfield");
  g_assert_null (row_title (list, 2));
  g_free (aw_test_ui_save_screenshot (GTK_WIDGET (window), "start-page-two-drafts.png"));

  /* A change to a listed draft shows; a deleted one goes (Undo: test-wizard) */
  aw_draft_set_recipient_name (older, "Dana W. Whitfield");
  g_assert_cmpstr (row_title (list, 1), ==, "Dana W. Whitfield");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-draft", "s", aw_draft_get_id (newer));
  g_assert_cmpstr (row_title (list, 0), ==, "Dana W. Whitfield");
  g_assert_null (row_title (list, 1));

  aw_draft_store_remove_async (store, aw_draft_get_id (older), NULL, NULL, NULL);
  aw_test_ui_iterate (200);
  g_assert_false (gtk_widget_get_visible (aw_test_ui_find_by_name (GTK_WIDGET (window), "drafts_box")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_interface_is_translated (void)
{
  AwWindow *window = open_window ();
  GtkWidget *button;

  button = aw_test_ui_find_by_name (GTK_WIDGET (window), "new_follow_up_button");
  /* The German catalog is in use: the label is its translation, not the English */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_New Follow-Up"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), !=, "_New Follow-Up");
  g_free (aw_test_ui_save_screenshot (GTK_WIDGET (window), "start-page-de.png"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_shortcuts_are_registered (void)
{
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_auto(GStrv) prefs = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                               "app.preferences");
  g_auto(GStrv) new_follow_up = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                       "win.new-follow-up");

  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) prefs, "<Control>comma"));
  g_assert_true (g_strv_contains ((const char * const *) new_follow_up, "<Control>n"));
}

static void
test_window_size_is_remembered (void)
{
  AwWindow *window = open_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (window), 777, 555);
  aw_test_ui_iterate (100);
  gtk_window_close (GTK_WINDOW (window));
  aw_test_ui_iterate (100);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);

  window = open_window ();
  {
    int width, height;
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 777);
    g_assert_cmpint (height, ==, 555);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  aw_test_ui_init (&argc, &argv);

  app = aw_test_widget_app_new ();

  g_test_add_func ("/window/start-page", test_window_shows_start_page);
  /* The "window-de" test runs this binary again with LANGUAGE=de. */
  if (g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "de"))
    g_test_add_func ("/window/translated", test_interface_is_translated);
  g_test_add_func ("/window/shortcuts", test_shortcuts_are_registered);
  g_test_add_func ("/window/start-page-lists-drafts", test_start_page_lists_drafts);
  g_test_add_func ("/window/size-remembered", test_window_size_is_remembered);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
