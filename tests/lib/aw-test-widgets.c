/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-widgets.c: the few steps every ui test takes with a widget, and the review
 * sheet opened as the window opens it
 */
#include "config.h"

#include "aw-test-smtp.h"
#include "aw-send-dialog-private.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"

GtkWidget *
aw_test_widget_get (GtkWidget  *root,
                    const char *name)
{
  GtkWidget *widget = aw_test_ui_find_by_name (root, name);

  if (widget == NULL)
    g_error ("no widget %s", name);
  return widget;
}

void
aw_test_widget_shot (GtkWidget  *widget,
                     const char *name)
{
  aw_test_ui_wait_for_draw (widget);
  g_free (aw_test_ui_save_screenshot (widget, name));
}

static void
on_finalized (gpointer  alive,
              GObject  *where_the_object_was)
{
  *(gboolean *) alive = FALSE;
}

void
aw_test_widget_watch (gpointer  object,
                      gboolean *alive)
{
  *alive = TRUE;
  g_object_weak_ref (G_OBJECT (object), on_finalized, alive);
}

gboolean
aw_test_widget_is_false (gpointer flag)
{
  return !*(gboolean *) flag;
}

AwApplication *
aw_test_widget_app_new (void)
{
  AwApplication *app = aw_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return app;
}

AwWindow *
aw_test_widget_window_new (AwApplication *app,
                           int            width,
                           int            height)
{
  AwWindow *window = aw_window_new (app);

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  aw_test_ui_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
on_sent (AwSendDialog   *dialog,
         AwHistoryEntry *entry,
         AwTestSendLog  *log)
{
  g_set_object (&log->entry, entry);
  log->n_sent++;
}

AwSendDialog *
aw_test_send_sheet_open (GtkWindow        *parent,
                         AwDraft          *draft,
                         AwAccountStore   *store,
                         AwHistory        *history,
                         AwOnlineAccounts *online_accounts,
                         gboolean          trust_test_ca,
                         AwTestSendLog    *log)
{
  AwSendDialog *dialog = aw_send_dialog_new (parent, draft, store, history);

  if (online_accounts != NULL)
    aw_send_dialog_set_online_accounts (dialog, online_accounts);
  if (trust_test_ca)
    aw_send_dialog_set_tls_database (dialog, aw_test_smtp_tls_database ());
  if (log != NULL)
    {
      g_signal_connect (dialog, "sent", G_CALLBACK (on_sent), log);
      aw_test_widget_watch (dialog, &log->alive);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  aw_test_ui_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

char *
aw_test_send_sheet_send (AwSendDialog  *dialog,
                         AwTestSendLog *log,
                         const char    *mode,
                         guint          before)
{
  g_autoptr(GBytes) received = NULL;

  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.send", NULL);
  g_assert_true (aw_test_ui_wait_for (aw_test_widget_is_false, &log->alive, 30000));
  g_assert_cmpuint (log->n_sent, ==, 1);
  g_assert_cmpuint (aw_test_smtp_count (mode), ==, before + 1);
  received = aw_test_smtp_message (mode, before + 1);
  return g_strndup (g_bytes_get_data (received, NULL), g_bytes_get_size (received));
}

void
aw_test_send_log_clear (AwTestSendLog *log)
{
  g_clear_object (&log->entry);
}
