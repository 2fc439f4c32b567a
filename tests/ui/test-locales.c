/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-locales.c: every page in every interface language, with nothing cut off
 *
 * For each language this program runs itself again with LANGUAGE set (a GTK process
 * reads its translations once), walks the start page, the three wizard steps, the
 * editor with a guidance finding, the review sheet, the preferences, a new account and
 * the shortcuts window, saves a screenshot of each into screenshots/locales/<lang>-<page>.png, and
 * fails when a label that is on screen is ellipsized.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-account-editor.h"
#include "aw-account-store.h"
#include "aw-application.h"
#include "aw-draft.h"
#include "aw-editor-page-private.h"
#include "aw-guidance.h"
#include "aw-preferences-window.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"
#include "aw-validated-entry.h"
#include "aw-window.h"
#include "aw-wizard.h"

static const char *languages[] = { "en", "de", "fr", "es", "pt_BR", "it" };

/* In each email language: something the user appreciated, and a sentence that asks
 * them to change their mind. */
static const struct {
  const char *language;
  const char *detail;
  const char *sentence;
} samples[] = {
  { "en", "the conversation about your data platform", "Please reconsider your decision." },
  { "de", "das Gespräch über Ihre Datenplattform", "Bitte überdenken Sie Ihre Entscheidung noch einmal." },
  { "fr", "l’échange sur votre plateforme de données", "Je vous prie de reconsidérer votre décision." },
  { "es", "la conversación sobre su plataforma de datos", "Le ruego que reconsidere su decisión." },
  { "pt_BR", "a conversa sobre a plataforma de dados", "Peço que reconsidere sua decisão." },
  { "it", "la conversazione sulla vostra piattaforma dati", "La prego di riconsiderare la sua decisione." },
};

static const char *current_language;
static AwApplication *app;

/* ---- the checks, run in the child ---- */

static void
collect_ellipsized_labels (GtkWidget *widget,
                           GString   *report)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) &&
      gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (report, "  \"%s\" (%d px wide)\n",
                            gtk_label_get_text (GTK_LABEL (widget)),
                            gtk_widget_get_width (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_ellipsized_labels (child, report);
}

/* Screenshot of @widget's window, then the ellipsis check. */
static void
check_page (GtkWidget  *widget,
            const char *page)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *name = g_strdup_printf ("locales/%s-%s.png", current_language, page);
  g_autofree char *folder = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                              "screenshots", "locales", NULL);

  aw_test_ui_wait_for_draw (widget);
  aw_test_ui_iterate (250);
  g_mkdir_with_parents (folder, 0755);
  g_free (aw_test_ui_save_screenshot (widget, name));

  collect_ellipsized_labels (widget, report);
  if (report->len > 0)
    g_error ("%s, page %s: labels are cut off:\n%s", current_language, page, report->str);
}

static void
type_into (GtkWidget  *root,
           const char *name,
           const char *text)
{
  GtkWidget *field = aw_test_widget_get (root, name);
  GtkEntry *entry = aw_validated_entry_get_entry (AW_VALIDATED_ENTRY (field));

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  aw_test_ui_iterate (10);
}

static gboolean
stack_shows_editor (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (data)), "editor") == 0;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static guint
sample_for (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (g_strcmp0 (samples[i].language, language) == 0)
      return i;
  g_assert_not_reached ();
}

static gboolean
has_pushy_finding (AwEditorPage *editor)
{
  AwGuidanceReport *report = aw_editor_page_get_report (editor);

  return report != NULL && aw_guidance_report_has_rule (report, "pushy");
}

static void
walk_every_page (void)
{
  AwWindow *window = aw_window_new (app);
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *wizard, *main_stack;
  AwEditorPage *editor;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  GtkWindow *other;

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  gtk_window_present (GTK_WINDOW (window));
  check_page (root, "1-start");

  /* The interface really is in this language (English is the source). */
  if (g_strcmp0 (current_language, "en") != 0)
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (aw_test_widget_get (root, "new_follow_up_button"))),
                     !=, "_New Follow-Up");

  g_assert_true (gtk_widget_activate_action (root, "win.new-follow-up", NULL));
  wizard = aw_test_widget_get (root, "wizard");
  type_into (root, "sender_name_entry", "Alex Morgan");
  type_into (root, "recipient_name_entry", "Dana Whitfield");
  type_into (root, "recipient_address_entry", "dana.whitfield@northwind.example");
  type_into (root, "company_entry", "Northwind Analytics");
  type_into (root, "role_entry", "Data Engineer");
  type_into (root, "detail_entry", samples[sample_for (current_language)].detail);
  /* Leave the focus somewhere neutral so no inline message is pending. */
  gtk_widget_grab_focus (aw_test_widget_get (root, "sender_name_entry"));
  check_page (root, "2-wizard-context");

  /* The email's language follows the desktop locale by default. */
  g_assert_cmpstr (aw_draft_get_language (aw_window_get_draft (window)), ==, current_language);

  g_assert_true (gtk_widget_activate_action (wizard, "wizard.next", NULL));
  check_page (root, "3-wizard-tone");
  g_assert_true (gtk_widget_activate_action (wizard, "wizard.next", NULL));
  check_page (root, "4-wizard-feedback");
  g_assert_true (gtk_widget_activate_action (wizard, "wizard.next", NULL));

  main_stack = aw_test_widget_get (root, "main_stack");
  g_assert_true (aw_test_ui_wait_for (stack_shows_editor, main_stack, 3000));
  editor = AW_EDITOR_PAGE (aw_test_widget_get (root, "editor_page"));
  g_assert_false (has_pushy_finding (editor));

  /* A finding in the guidance panel, in this language's words. */
  buffer = gtk_text_view_get_buffer (aw_editor_page_get_body_view (editor));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  gtk_text_buffer_insert (buffer, &end, samples[sample_for (current_language)].sentence, -1);
  aw_test_ui_iterate (50);
  g_assert_true (has_pushy_finding (editor));
  check_page (root, "5-editor");

  g_assert_true (gtk_widget_activate_action (root, "win.send-follow-up", NULL));
  aw_test_ui_iterate (300);
  other = find_toplevel (g_type_from_name ("AwSendDialog"));
  g_assert_nonnull (other);
  check_page (GTK_WIDGET (other), "6-review");
  gtk_window_destroy (other);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  aw_test_ui_iterate (200);
  other = find_toplevel (AW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (other);
  check_page (GTK_WIDGET (other), "7-preferences");

  /* A new account, as "Add Account…" opens it; the store is a throw-away file. */
  {
    g_autofree char *path = g_build_filename (g_get_user_config_dir (), "locales-accounts.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(AwAccountStore) store = aw_account_store_new (file);
    AwAccountEditor *account_editor = aw_account_editor_new (other, store, NULL);

    gtk_window_present (GTK_WINDOW (account_editor));
    check_page (GTK_WIDGET (account_editor), "7-account");
    gtk_window_destroy (GTK_WINDOW (account_editor));
  }
  gtk_window_destroy (other);

  other = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (other);
  gtk_window_present (other);
  check_page (GTK_WIDGET (other), "8-shortcuts");
  gtk_window_close (other);

  gtk_window_destroy (GTK_WINDOW (window));
}

static int
run_child (int    argc,
           char **argv)
{
  int status;

  aw_test_ui_init (&argc, &argv);
  app = aw_test_widget_app_new ();

  g_test_add_func ("/locales/walk-every-page", walk_every_page);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}

/* ---- the parent: one subtest per language, each in its own process ---- */

static void
test_language (gconstpointer data)
{
  const char *language = data;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "AW_TEST_LOCALE", language, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_successful (child))
    {
      g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

      /* As TAP comments, so the child's own TAP lines do not confuse the runner. */
      for (guint i = 0; lines[i] != NULL; i++)
        g_test_message ("%s: %s", language, lines[i]);
      g_test_fail_printf ("the %s interface failed its walk (output above)", language);
    }
}

int
main (int   argc,
      char *argv[])
{
  current_language = g_getenv ("AW_TEST_LOCALE");
  if (current_language != NULL)
    return run_child (argc, argv);

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/locales/%s", languages[i]);
      g_test_add_data_func (path, languages[i], test_language);
    }
  return g_test_run ();
}
