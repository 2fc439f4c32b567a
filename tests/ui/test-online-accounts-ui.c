/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-online-accounts-ui.c: a Google account of the fake Online Accounts service
 * (tests/servers/fake-goa.py) listed in Preferences, chosen there as the sending account over a
 * password account, and sent through from the review sheet to the SMTP test server with
 * its OAuth 2.0 token, exactly once; a renewal that fails shows the sentence and a button
 * that opens Settings, and keeps the draft.
 *
 * Needs a display, the private session bus and tests/servers/smtp-server.py (build-aux/test.sh).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "aw-application.h"
#include "aw-online-accounts.h"
#include "aw-preferences-window.h"
#include "aw-send-dialog-private.h"
#include "aw-test-goa.h"
#include "aw-test-smtp.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"

static AwAccountStore *store;
static AwHistory *history;

/* The Google-like account "account_g" of the fake service; @extra: more JSON members */
static void
add_google_account (const char *tokens_json,
                    const char *extra_members)
{
  g_autofree char *members = aw_test_goa_google_account ("account_g", tokens_json, extra_members);

  aw_test_goa_add_account (members);
}

static gboolean
loaded (gpointer data)
{
  return !aw_online_accounts_get_loading (data) &&
         g_list_model_get_n_items (G_LIST_MODEL (data)) > 0;
}

/* The fake service started with that account in it, and the list once it shows it */
static AwOnlineAccounts *
list_google_account (GSubprocess **fake,
                     const char   *tokens_json,
                     const char   *extra_members)
{
  AwOnlineAccounts *accounts;

  *fake = aw_test_goa_start ();
  add_google_account (tokens_json, extra_members);
  accounts = aw_online_accounts_new ();
  g_assert_true (aw_test_ui_wait_for (loaded, accounts, 20000));
  return accounts;
}

static gboolean
in_error_state (gpointer data)
{
  return g_strcmp0 (aw_send_dialog_get_state (data), "error") == 0;
}

/* The first check button under @widget */
static GtkWidget *
find_check (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AwDraft *
draft_new (void)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_language (draft, "en");
  aw_draft_set_sender_name (draft, "Sam Lee");
  aw_draft_set_recipient_name (draft, "Dana Ruiz");
  aw_draft_set_recipient_address (draft, "dana@acme.example");
  aw_draft_set_company (draft, "Acme");
  aw_draft_set_subject (draft, "Thank you for your time");
  aw_draft_set_body (draft, "Dear Dana,\n\nThank you for taking the time to talk with me about "
                     "the Product Designer role. I enjoyed learning about your team.\n\n"
                     "Best regards,\nSam Lee\n");
  return draft;
}

static void
on_store_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  aw_account_store_load_finish (AW_ACCOUNT_STORE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
store_loaded (gpointer data)
{
  return aw_account_store_get_loaded (data);
}

/* A password account in the store, the one the store would fall back to */
static void
add_password_account (void)
{
  g_autoptr(AwAccount) account = aw_account_new ();
  g_autoptr(GError) error = NULL;

  aw_account_store_load_async (store, NULL, on_store_loaded, NULL);
  g_assert_true (aw_test_ui_wait_for (store_loaded, store, 10000));

  aw_account_set_address (account, "sam.lee@example.net");
  aw_account_set_display_name (account, "Sam Lee");
  aw_account_set_host (account, "localhost");
  aw_account_set_port (account, aw_test_smtp_port ("starttls"));
  aw_account_set_security (account, AW_ACCOUNT_SECURITY_STARTTLS);
  aw_account_set_username (account, aw_test_smtp_user ());
  g_assert_true (aw_account_store_add (store, account, &error));
  g_assert_no_error (error);
}

/* Preferences lists the account; choosing it makes it the account to send from */
static void
choose_in_preferences (AwOnlineAccounts *accounts)
{
  AwPreferencesWindow *prefs = aw_preferences_window_new_with_store (NULL, store);
  GtkListBoxRow *row;
  GtkWidget *check;
  g_autofree char *default_id = NULL;

  aw_preferences_window_set_online_accounts (prefs, accounts);
  gtk_window_present (GTK_WINDOW (prefs));
  aw_test_ui_wait_for_draw (GTK_WIDGET (prefs));

  g_assert_true (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (prefs), "online_group")));
  g_assert_true (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (prefs), "online_list")));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (aw_test_widget_get (GTK_WIDGET (prefs), "online_list")), 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (aw_test_widget_get (GTK_WIDGET (prefs), "online_list")), 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, aw_test_smtp_user ());
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Google");

  /* the password account is the one in use until the choice */
  check = find_check (GTK_WIDGET (row));
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  /* the same words as its accessible name, which the AT-SPI walk checks */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (check), ==, "Use for Sending");

  gtk_widget_activate (check);
  aw_test_ui_iterate (200);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_object_get (store, "default-id", &default_id, NULL);
  g_assert_cmpstr (default_id, ==, "goa:account_g");
  /* the password account's button went off with it */
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (aw_test_widget_get (GTK_WIDGET (prefs), "accounts_list")), 0);

    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (first)))));
  }
  aw_test_widget_shot (GTK_WIDGET (prefs), "preferences-online-accounts.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_choose_and_send (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwDraft) draft = draft_new ();
  g_autofree char *tokens = NULL;
  g_autofree char *text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *via = NULL;
  AwSendDialog *dialog;
  AwTestSendLog log = { 0 };
  guint before;

#ifndef HAVE_GOA
  g_test_skip ("built without libgoa");
  return;
#endif
  tokens = g_strdup_printf ("[\"%s\"]", aw_test_smtp_oauth2_token ());
  accounts = list_google_account (&fake, tokens, NULL);

  add_password_account ();
  choose_in_preferences (accounts);

  before = aw_test_smtp_count ("starttls");
  dialog = aw_test_send_sheet_open (NULL, draft, store, history, accounts, TRUE, &log);

  /* the review sheet says which account sends */
  via = g_strdup_printf ("Sam Lee <%s> via Google", aw_test_smtp_user ());
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (aw_test_widget_get (GTK_WIDGET (dialog), "from_row"))),
                   ==, via);
  g_assert_true (gtk_widget_is_sensitive (aw_test_widget_get (GTK_WIDGET (dialog), "send_button")));
  aw_test_widget_shot (GTK_WIDGET (dialog), "review-sheet-online-account.png");

  text = aw_test_send_sheet_send (dialog, &log, "starttls", before);
  from = g_strdup_printf ("From: Sam Lee <%s>", aw_test_smtp_user ());
  g_assert_nonnull (strstr (text, from));
  g_assert_null (strstr (text, "sam.lee@example.net"));
  /* signed in with the account's token, not the keyring */
  g_assert_cmpint (aw_test_goa_calls ("account_g", "GetAccessToken"), ==, 1);

  aw_test_send_log_clear (&log);
  aw_test_goa_stop (fake);
}

static void
test_renewal_fails (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwDraft) draft = draft_new ();
  g_autofree char *dir = NULL;
  g_autofree char *script = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  AwSendDialog *dialog;
  guint before;

#ifndef HAVE_GOA
  g_test_skip ("built without libgoa");
  return;
#endif
  /* A stand-in for gnome-control-center that notes how it was opened */
  dir = g_dir_make_tmp ("aw-settings-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_build_filename (dir, "gnome-control-center", NULL);
  marker = g_build_filename (dir, "opened", NULL);
  contents = g_strdup_printf ("#!/bin/sh\necho \"$@\" > '%s'\n", marker);
  g_assert_true (g_file_set_contents (script, contents, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  path = g_strdup_printf ("%s:%s", dir, g_getenv ("PATH"));
  g_setenv ("PATH", path, TRUE);

  accounts = list_google_account (&fake, "[\"aw-stale-token\"]", "\"ensure_fails\": true");

  /* another company: no repeat warning in the way */
  aw_draft_set_recipient_address (draft, "jo@globex.example");
  aw_draft_set_company (draft, "Globex");
  before = aw_test_smtp_count ("starttls");
  dialog = aw_test_send_sheet_open (NULL, draft, store, history, accounts, TRUE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.send", NULL);
  g_assert_true (aw_test_ui_wait_for (in_error_state, dialog, 30000));

  g_assert_cmpstr (aw_send_dialog_get_error_text (dialog), ==,
                   "Sign in to your Google account again in Settings → Online Accounts.");
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);
  /* the draft stays */
  g_assert_true (aw_send_dialog_get_draft (dialog) == draft);
  button = aw_test_widget_get (GTK_WIDGET (dialog), "online_settings_button");
  g_assert_true (gtk_widget_get_visible (button));
  aw_test_ui_iterate (300);
  aw_test_widget_shot (GTK_WIDGET (dialog), "send-online-sign-in-again.png");

  g_clear_pointer (&contents, g_free);
  gtk_widget_activate (button);
  for (int i = 0; i < 100 && !g_file_test (marker, G_FILE_TEST_EXISTS); i++)
    aw_test_ui_iterate (50);
  g_assert_true (g_file_get_contents (marker, &contents, NULL, NULL));
  g_assert_cmpstr (g_strstrip (contents), ==, "online-accounts");

  gtk_window_destroy (GTK_WINDOW (dialog));
  aw_test_goa_stop (fake);
  g_unlink (marker);
  g_unlink (script);
  g_rmdir (dir);
}

static gboolean
answered (gpointer data)
{
  return !aw_online_accounts_get_loading (data);
}

/* No Online Accounts service on the bus: one line says so, the rest of Preferences is as
 * without it */
static void
test_no_service (void)
{
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  AwPreferencesWindow *prefs;
  GtkWidget *label;

  g_assert_false (aw_test_goa_running ());
  accounts = aw_online_accounts_new ();
  g_assert_true (aw_test_ui_wait_for (answered, accounts, 20000));
  prefs = aw_preferences_window_new_with_store (NULL, store);
  aw_preferences_window_set_online_accounts (prefs, accounts);
  gtk_window_present (GTK_WINDOW (prefs));
  aw_test_ui_wait_for_draw (GTK_WIDGET (prefs));

  label = aw_test_widget_get (GTK_WIDGET (prefs), "online_status_label");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "Online Accounts is not available on this computer.");
  g_assert_false (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (prefs), "online_list")));
  g_assert_false (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (prefs), "online_settings_button")));
  g_assert_true (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (prefs), "accounts_list")));
  aw_test_widget_shot (GTK_WIDGET (prefs), "preferences-no-online-accounts.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* The account editor: a Gmail address offers the Google account of Online Accounts, or
 * says how to add it there; "Use" makes it the sending account */
static void
test_editor_offer (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *default_id = NULL;
  AwPreferencesWindow *prefs;
  AwAccountEditor *editor;
  GtkWidget *offer, *use;
  gboolean alive;

#ifndef HAVE_GOA
  g_test_skip ("built without libgoa");
  return;
#endif
  fake = aw_test_goa_start ();
  accounts = aw_online_accounts_new ();
  g_assert_true (aw_test_ui_wait_for (answered, accounts, 20000));
  g_assert_true (aw_online_accounts_get_available (accounts));
  aw_account_store_set_default_id (store, NULL);

  prefs = aw_preferences_window_new_with_store (NULL, store);
  aw_preferences_window_set_online_accounts (prefs, accounts);
  gtk_window_present (GTK_WINDOW (prefs));
  editor = aw_preferences_window_edit_account (prefs, NULL);
  aw_test_widget_watch (editor, &alive);
  offer = aw_test_widget_get (GTK_WIDGET (editor), "offer_list");
  use = aw_test_widget_get (GTK_WIDGET (editor), "offer_use_button");
  g_assert_false (gtk_widget_get_visible (offer));

  /* no Google account there yet: how to add it */
  gtk_editable_set_text (GTK_EDITABLE (aw_test_widget_get (GTK_WIDGET (editor), "address_row")), "sam.lee@gmail.com");
  g_assert_true (gtk_widget_get_visible (offer));
  g_assert_false (gtk_widget_get_visible (use));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (aw_test_widget_get (GTK_WIDGET (editor), "offer_row"))), ==,
                   "Add your Google account in Settings → Online Accounts to send without a password.");
  aw_test_widget_shot (GTK_WIDGET (editor), "account-editor-online-add.png");

  /* added in Settings while the editor is open: the offer to use it */
  tokens = g_strdup_printf ("[\"%s\"]", aw_test_smtp_oauth2_token ());
  add_google_account (tokens, NULL);
  g_assert_true (aw_test_ui_wait_for (widget_visible, use, 20000));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (aw_test_widget_get (GTK_WIDGET (editor), "offer_row"))), ==,
                   "Use your Google account from Online Accounts");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (use)), ==, "_Use");
  aw_test_widget_shot (GTK_WIDGET (editor), "account-editor-online-offer.png");

  g_assert_true (gtk_widget_is_sensitive (use));
  g_assert_true (gtk_widget_activate (use));
  /* the button answers after its press animation; then the editor closes */
  g_assert_true (aw_test_ui_wait_for (aw_test_widget_is_false, &alive, 5000));
  g_object_get (store, "default-id", &default_id, NULL);
  g_assert_cmpstr (default_id, ==, "goa:account_g");

  gtk_window_destroy (GTK_WINDOW (prefs));
  aw_test_goa_stop (fake);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  aw_test_ui_init (&argc, &argv);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("no session bus: run through build-aux/test.sh\n");
      return 1;
    }
  aw_test_smtp_init ();
  /* The application class registers the UI resources (templates). */
  g_type_class_unref (g_type_class_ref (AW_TYPE_APPLICATION));

  store = aw_account_store_new (NULL);
  history = aw_history_new (NULL);

  g_test_add_func ("/online-accounts-ui/choose-and-send", test_choose_and_send);
  g_test_add_func ("/online-accounts-ui/renewal-fails", test_renewal_fails);
  g_test_add_func ("/online-accounts-ui/editor-offer", test_editor_offer);
  g_test_add_func ("/online-accounts-ui/no-service", test_no_service);

  status = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&history);
  aw_test_smtp_shutdown ();
  return status;
}
