/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-send-flow.c: set up an account in Preferences, send the generated draft through the
 * real review sheet to the SMTP test server, once; the history lists it; a second try
 * warns; a 535 keeps the draft; the password is nowhere on disk or in the log
 *
 * Needs a display, the keyring on a private bus and tests/servers/smtp-server.py
 * (build-aux/test.sh starts all three).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>

#include "aw-account-editor.h"
#include "aw-certificate-dialog.h"
#include "aw-application.h"
#include "aw-draft-writer.h"
#include "aw-editor-page-private.h"
#include "aw-finding-row.h"
#include "aw-history-list.h"
#include "aw-password-store.h"
#include "aw-preferences-window.h"
#include "aw-guidance-panel-private.h"
#include "aw-send-dialog-private.h"
#include "aw-sender.h"
#include "aw-test-async.h"
#include "aw-test-keyring.h"
#include "aw-test-smtp.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"

static AwAccountStore *store;
static AwHistory *history;
static GString *captured_log;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_string_append (captured_log, line);
  g_string_append_c (captured_log, '\n');
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (aw_test_widget_get (root, name)), text);
}

static gboolean
test_text_settled (gpointer data)
{
  const char *text = aw_account_editor_get_test_text (data);

  return !aw_account_editor_get_busy (data) && text != NULL && *text != '\0' &&
         !g_str_has_suffix (text, "…");
}

static gboolean
dialog_not_busy_on (gpointer data)
{
  return g_strcmp0 (aw_send_dialog_get_state (data), "progress") != 0;
}

static gboolean
transition_done (gpointer data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (data));
}

/* An account of the test user on the SMTP test server's @mode port, its password in the
 * keyring, made the one to send from */
static AwAccount *
use_account_on (const char *mode)
{
  AwAccount *account = aw_account_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  aw_account_set_address (account, "applicant@example.org");
  aw_account_set_host (account, "localhost");
  aw_account_set_port (account, aw_test_smtp_port (mode));
  aw_account_set_security (account, AW_ACCOUNT_SECURITY_STARTTLS);
  aw_account_set_username (account, aw_test_smtp_user ());
  g_assert_true (aw_account_store_add (store, account, &error));
  aw_account_store_set_default_id (store, aw_account_get_id (account));
  aw_password_store_store_async ("localhost", aw_account_get_port (account), aw_test_smtp_user (),
                                 aw_test_smtp_password (), NULL, aw_test_async_done, &result);
  aw_test_async_wait (&result);
  g_assert_true (aw_password_store_store_finish (result, &error));
  g_assert_no_error (error);
  return account;
}

/* Presses Send and waits until the sheet is past its progress page */
static void
send_and_wait (AwSendDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.send", NULL);
  aw_test_ui_iterate (50);
  g_assert_true (aw_test_ui_wait_for (dialog_not_busy_on, dialog, 30000));
}

/* @parent shows the history list, as the start page does */
static void
present_with_history_list (GtkWidget *parent,
                           GtkWidget *list)
{
  gtk_window_set_default_size (GTK_WINDOW (parent), 640, 480);
  gtk_window_set_child (GTK_WINDOW (parent), list);
  gtk_window_present (GTK_WINDOW (parent));
}

static AwDraft *
generated_draft (void)
{
  AwDraft *draft = aw_draft_new ();
  g_autoptr(GError) error = NULL;

  aw_draft_set_language (draft, "en");
  aw_draft_set_sender_name (draft, "Sam Lee");
  aw_draft_set_recipient_name (draft, "Dana Ruiz");
  aw_draft_set_recipient_address (draft, "dana@acme.example");
  aw_draft_set_company (draft, "Acme");
  aw_draft_set_role (draft, "Product Designer");
  aw_draft_set_ask_feedback (draft, TRUE);
  aw_draft_set_open_to_future (draft, TRUE);
  g_assert_true (aw_draft_writer_write (draft, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aw_draft_get_body (draft));
  return draft;
}

static void
test_add_account_in_preferences (void)
{
  AwPreferencesWindow *prefs = aw_preferences_window_new_with_store (NULL, store);
  AwAccountEditor *editor;
  GtkWidget *root;
  gboolean alive;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AwPassword) stored = NULL;
  g_autoptr(GError) error = NULL;
  AwAccount *account;

  gtk_window_present (GTK_WINDOW (prefs));
  aw_test_ui_wait_for_draw (GTK_WIDGET (prefs));

  editor = aw_preferences_window_edit_account (prefs, NULL);
  aw_account_editor_set_tls_database (editor, aw_test_smtp_tls_database ());
  aw_test_widget_watch (editor, &alive);
  aw_test_ui_wait_for_draw (GTK_WIDGET (editor));
  root = GTK_WIDGET (editor);

  set_text (root, "name_row", "Sam Lee");
  set_text (root, "address_row", "applicant@example.org");
  set_text (root, "host_row", "localhost");
  /* STARTTLS */
  adw_combo_row_set_selected (ADW_COMBO_ROW (aw_test_widget_get (root, "security_row")), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (aw_test_widget_get (root, "port_spin")),
                             aw_test_smtp_port ("starttls"));
  set_text (root, "username_row", aw_test_smtp_user ());
  set_text (root, "password_row", aw_test_smtp_password ());

  /* Test Connection: connect, TLS, AUTH, QUIT, one sentence */
  gtk_widget_activate_action (root, "account.test", NULL);
  g_assert_true (aw_test_ui_wait_for (test_text_settled, editor, 20000));
  g_assert_cmpstr (aw_account_editor_get_test_text (editor), ==,
                   "Connected securely to localhost and signed in.");
  aw_test_widget_shot (root, "account-editor.png");

  gtk_widget_activate_action (root, "account.save", NULL);
  g_assert_true (aw_test_ui_wait_for (aw_test_widget_is_false, &alive, 10000));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  account = aw_account_store_get_default_account (store);
  g_assert_cmpstr (aw_account_get_address (account), ==, "applicant@example.org");
  g_assert_cmpint (aw_account_get_security (account), ==, AW_ACCOUNT_SECURITY_STARTTLS);
  g_assert_cmpuint (aw_account_get_port (account), ==, aw_test_smtp_port ("starttls"));

  /* the password went to the keyring, and only there */
  aw_password_store_lookup_async ("localhost", aw_account_get_port (account),
                                  aw_test_smtp_user (), NULL, aw_test_async_done, &result);
  aw_test_async_wait (&result);
  stored = aw_password_store_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, aw_test_smtp_password ());

  aw_test_ui_iterate (200);
  aw_test_widget_shot (GTK_WIDGET (prefs), "preferences.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static char *
header_value (const char *message,
              const char *name)
{
  g_autofree char *lower = g_ascii_strdown (message, -1);
  g_autofree char *prefix = g_ascii_strdown (name, -1);
  g_autofree char *needle = g_strdup_printf ("\r\n%s: ", prefix);
  const char *start = strstr (lower, needle);
  const char *end;

  if (start == NULL)
    return NULL;
  start = message + (start - lower) + strlen (needle);
  end = strstr (start, "\r\n");
  return g_strndup (start, end - start);
}

static void
test_send_once_and_history (void)
{
  g_autoptr(AwDraft) draft = generated_draft ();
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *list = aw_history_list_new (history);
  AwSendDialog *dialog;
  AwTestSendLog log = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *expected_id = NULL;
  GtkWidget *row;
  guint before = aw_test_smtp_count ("starttls");

  present_with_history_list (parent, list);
  dialog = aw_test_send_sheet_open (GTK_WINDOW (parent), draft, store, history, NULL, TRUE, &log);

  g_assert_cmpstr (aw_send_dialog_get_state (dialog), ==, "review");
  g_assert_false (aw_send_dialog_get_repeat_warning (dialog));
  g_assert_true (gtk_widget_is_sensitive (aw_test_widget_get (GTK_WIDGET (dialog), "send_button")));
  aw_test_widget_shot (GTK_WIDGET (dialog), "review-sheet.png");

  /* Ctrl+Enter's action */
  text = aw_test_send_sheet_send (dialog, &log, "starttls", before);
  from = header_value (text, "From");
  to = header_value (text, "To");
  subject = header_value (text, "Subject");
  message_id = header_value (text, "Message-ID");
  g_assert_nonnull (strstr (from, "<applicant@example.org>"));
  g_assert_nonnull (strstr (to, "<dana@acme.example>"));
  g_assert_nonnull (subject);
  {
    g_autofree char *decoded = g_mime_utils_header_decode_text (NULL, subject);
    g_assert_cmpstr (decoded, ==, aw_draft_get_subject (draft));
  }
  expected_id = g_strdup_printf ("<%s>", aw_history_entry_get_message_id (log.entry));
  g_assert_cmpstr (message_id, ==, expected_id);

  /* the start page's list shows it */
  aw_test_ui_iterate (100);
  g_assert_true (gtk_widget_get_visible (list));
  aw_test_ui_wait_for_draw (list);
  row = aw_history_list_get_row (AW_HISTORY_LIST (list), 0);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Sent to Dana Ruiz at Acme, "));
  aw_test_widget_shot (parent, "history-list.png");

  aw_test_send_log_clear (&log);
  gtk_window_destroy (GTK_WINDOW (parent));
}

static void
test_second_attempt_warns (void)
{
  g_autoptr(AwDraft) draft = generated_draft ();
  AwSendDialog *dialog;
  GtkWidget *send_button, *repeat_check;
  const char *label;
  guint before = aw_test_smtp_count ("starttls");

  dialog = aw_test_send_sheet_open (NULL, draft, store, history, NULL, FALSE, NULL);

  g_assert_true (aw_send_dialog_get_repeat_warning (dialog));
  g_assert_true (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (dialog), "repeat_box")));
  label = gtk_label_get_text (GTK_LABEL (aw_test_widget_get (GTK_WIDGET (dialog), "repeat_label")));
  /* it quotes when the earlier one was sent */
  g_assert_true (g_str_has_prefix (label, "You already sent a follow-up to Dana Ruiz on "));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *year = g_date_time_format (now, "%Y");
    g_assert_nonnull (strstr (label, year));
  }

  /* blocked until confirmed */
  send_button = aw_test_widget_get (GTK_WIDGET (dialog), "send_button");
  g_assert_false (gtk_widget_is_sensitive (send_button));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.send", NULL);
  aw_test_ui_iterate (300);
  g_assert_cmpstr (aw_send_dialog_get_state (dialog), ==, "review");
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);

  /* It looks like a warning: an icon in the warning colour, not the text's colour */
  {
    GtkWidget *icon = aw_test_widget_get (GTK_WIDGET (dialog), "repeat_icon");
    GtkWidget *repeat_label = aw_test_widget_get (GTK_WIDGET (dialog), "repeat_label");
    GdkRGBA icon_color, text_color;

    g_assert_true (gtk_widget_get_visible (icon));
    g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialog-warning-symbolic");
    g_assert_true (gtk_widget_has_css_class (aw_test_widget_get (GTK_WIDGET (dialog), "repeat_box"),
                                             "aw-send-warning"));
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_style_context_get_color (gtk_widget_get_style_context (icon), &icon_color);
    gtk_style_context_get_color (gtk_widget_get_style_context (repeat_label), &text_color);
G_GNUC_END_IGNORE_DEPRECATIONS
    g_assert_false (gdk_rgba_equal (&icon_color, &text_color));
  }
  aw_test_widget_shot (GTK_WIDGET (dialog), "review-sheet-repeat.png");
  repeat_check = aw_test_widget_get (GTK_WIDGET (dialog), "repeat_check");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (repeat_check), TRUE);
  g_assert_true (gtk_widget_is_sensitive (send_button));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);
}

static AwFindingRow *
find_finding_row (AwEditorPage *editor,
                  const char   *rule_id)
{
  AwGuidancePanel *panel = aw_editor_page_get_guidance_panel (editor);

  for (guint i = 0; i < aw_guidance_panel_get_n_findings (panel); i++)
    {
      AwFindingRow *row = AW_FINDING_ROW (aw_guidance_panel_get_row (panel, i));

      if (g_strcmp0 (aw_finding_get_rule_id (aw_finding_row_get_finding (row)), rule_id) == 0)
        return row;
    }
  return NULL;
}

static AwSendDialog *
open_review_sheet (GtkWindow *parent,
                   AwDraft   *draft)
{
  AwSendDialog *dialog = aw_test_send_sheet_open (parent, draft, store, history, NULL, FALSE,
                                                  NULL);

  g_assert_cmpstr (aw_send_dialog_get_state (dialog), ==, "review");
  g_assert_false (aw_send_dialog_get_repeat_warning (dialog));
  return dialog;
}

/* A finding Ignored in the editor no longer blocks Send: the review sheet checks the
 * draft the way the editor does (AwDraftCheck), so it sees the same dismissals. */
static void
test_ignored_finding_does_not_block (void)
{
  g_autoptr(AwDraft) draft = generated_draft ();
  g_autofree char *body = g_strconcat (aw_draft_get_body (draft),
                                       "\nMy portfolio: [YOUR PORTFOLIO LINK]\n", NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AwEditorPage *editor = AW_EDITOR_PAGE (aw_editor_page_new ());
  AwSendDialog *dialog;
  AwFindingRow *row;

  /* Someone not in the history: no repeat to confirm */
  aw_draft_set_recipient_address (draft, "kim@initech.example");
  aw_draft_set_company (draft, "Initech");
  aw_draft_set_body (draft, body);
  gtk_window_set_default_size (window, 1000, 720);
  gtk_window_set_child (window, GTK_WIDGET (editor));
  aw_editor_page_set_history (editor, history);
  aw_editor_page_set_draft (editor, draft);
  gtk_window_present (window);
  aw_test_ui_wait_for_draw (GTK_WIDGET (window));

  /* The unfilled placeholder is an error: Send waits for the override */
  row = find_finding_row (editor, AW_RULE_PLACEHOLDER);
  g_assert_nonnull (row);
  dialog = open_review_sheet (window, draft);
  g_assert_true (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (dialog), "override_check")));
  g_assert_false (gtk_widget_is_sensitive (aw_test_widget_get (GTK_WIDGET (dialog), "send_button")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The person chooses Ignore in the editor */
  g_signal_emit_by_name (aw_test_ui_find_by_name (GTK_WIDGET (row), "ignore_button"), "clicked");
  g_assert_null (find_finding_row (editor, AW_RULE_PLACEHOLDER));

  /* The review sheet neither lists it nor asks for the override */
  dialog = open_review_sheet (window, draft);
  g_assert_false (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (dialog), "override_check")));
  g_assert_true (gtk_widget_is_sensitive (aw_test_widget_get (GTK_WIDGET (dialog), "send_button")));
  aw_test_widget_shot (GTK_WIDGET (dialog), "review-sheet-ignored-finding.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (window);
}

static AwCertificateDialog *
find_certificate_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (AW_IS_CERTIFICATE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return AW_CERTIFICATE_DIALOG (window);
    }
  return NULL;
}

static gboolean
is_error_state (gpointer data)
{
  return g_strcmp0 (aw_send_dialog_get_state (data), "error") == 0;
}

/* The account's server presents a certificate the system does not know: the person
 * reviews it (fingerprint in pairs, monospace, selectable), trusts it, and the send they
 * wanted goes on at once, saying so. */
static void
test_trust_certificate_sends (void)
{
  g_autoptr(AwDraft) draft = generated_draft ();
  AwSendDialog *dialog;
  AwCertificateDialog *certificate;
  AwAccount *account = aw_account_store_get_default_account (store);
  GtkWidget *fingerprint, *note;
  g_autoptr(GRegex) pairs = g_regex_new ("^([0-9A-F]{2}:){15}[0-9A-F]{2}\n([0-9A-F]{2}:){15}[0-9A-F]{2}$",
                                         0, 0, NULL);
  AwTestSendLog log = { 0 };
  guint before = aw_test_smtp_count ("starttls");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (account);
  g_assert_null (aw_account_get_pinned_fingerprint (account));
  /* Someone not written to before, so no repeat warning stands in the way */
  aw_draft_set_recipient_name (draft, "Robin Vale");
  aw_draft_set_recipient_address (draft, "robin@lumen.example");
  aw_draft_set_company (draft, "Lumen");

  /* No test CA: the test server's certificate is unknown, as a self-signed one would be */
  dialog = aw_test_send_sheet_open (NULL, draft, store, history, NULL, FALSE, &log);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.send", NULL);
  g_assert_true (aw_test_ui_wait_for (is_error_state, dialog, 30000));
  g_assert_true (gtk_widget_get_visible (aw_test_widget_get (GTK_WIDGET (dialog),
                                                             "certificate_button")));
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.review-certificate", NULL);
  certificate = find_certificate_dialog ();
  g_assert_nonnull (certificate);
  aw_test_ui_wait_for_draw (GTK_WIDGET (certificate));

  fingerprint = aw_test_widget_get (GTK_WIDGET (certificate), "fingerprint_label");
  g_assert_true (g_regex_match (pairs, gtk_label_get_text (GTK_LABEL (fingerprint)), 0, NULL));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (fingerprint)));
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (fingerprint)), ==, 0.0);
  g_assert_true (gtk_widget_has_css_class (fingerprint, "monospace"));
  {
    /* ... and it is the certificate's own SHA-256 */
    g_autoptr(GString) plain = g_string_new (gtk_label_get_text (GTK_LABEL (fingerprint)));
    g_autofree char *lower = NULL;

    g_string_replace (plain, ":", "", 0);
    g_string_replace (plain, "\n", "", 0);
    lower = g_ascii_strdown (plain->str, -1);
    g_assert_cmpstr (lower, ==,
                     aw_certificate_info_get_sha256 (aw_certificate_dialog_get_info (certificate)));
  }
  aw_test_widget_shot (GTK_WIDGET (certificate), "certificate-dialog.png");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (certificate), AW_CERTIFICATE_DIALOG_RESPONSE_TRUST);
  /* The send goes on at once, and the sheet says why */
  g_assert_cmpstr (aw_send_dialog_get_state (dialog), ==, "progress");
  note = aw_test_widget_get (GTK_WIDGET (dialog), "note_label");
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, "Certificate trusted. Sending…");

  g_assert_true (aw_test_ui_wait_for (aw_test_widget_is_false, &log.alive, 30000));
  g_assert_cmpuint (log.n_sent, ==, 1);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before + 1);
  g_assert_nonnull (aw_account_get_pinned_fingerprint (account));

  /* Leave the account as the other tests expect it */
  aw_account_set_pinned_fingerprint (account, NULL);
  g_assert_true (aw_account_store_update (store, account, &error));
  g_assert_no_error (error);
  aw_test_send_log_clear (&log);
}

static void
test_wrong_password_keeps_draft (void)
{
  g_autoptr(AwDraft) draft = generated_draft ();
  g_autoptr(AwAccount) account = NULL;
  g_autoptr(GError) auth_error = NULL;
  g_autofree char *subject = g_strdup (aw_draft_get_subject (draft));
  g_autofree char *body = g_strdup (aw_draft_get_body (draft));
  g_autofree char *expected = NULL;
  AwSendDialog *dialog;
  AwTestSendLog log = { 0 };
  guint n_history = g_list_model_get_n_items (G_LIST_MODEL (history));

  aw_draft_set_recipient_address (draft, "hiring@initech.example");
  aw_draft_set_company (draft, "Initech");

  account = use_account_on ("auth-535");

  dialog = aw_test_send_sheet_open (NULL, draft, store, history, NULL, TRUE, &log);
  send_and_wait (dialog);

  g_assert_cmpstr (aw_send_dialog_get_state (dialog), ==, "error");
  auth_error = g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_AUTH_FAILED, "");
  expected = aw_sender_describe_error (account, auth_error);
  g_assert_cmpstr (aw_send_dialog_get_error_text (dialog), ==, expected);
  g_test_message ("535 sentence: %s", expected);
  g_assert_true (aw_test_ui_wait_for (transition_done,
                                      aw_test_widget_get (GTK_WIDGET (dialog), "stack"), 5000));
  aw_test_ui_iterate (100);
  aw_test_widget_shot (GTK_WIDGET (dialog), "send-error.png");

  /* nothing recorded, the draft as it was */
  g_assert_cmpuint (log.n_sent, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, n_history);
  g_assert_cmpstr (aw_draft_get_subject (draft), ==, subject);
  g_assert_cmpstr (aw_draft_get_body (draft), ==, body);

  /* back to the review sheet, still sendable */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.back", NULL);
  g_assert_cmpstr (aw_send_dialog_get_state (dialog), ==, "review");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_delivery_uncertain (void)
{
  g_autoptr(AwDraft) draft = generated_draft ();
  g_autoptr(AwAccount) account = NULL;
  g_autoptr(AwHistoryEntry) newest = NULL;
  g_autoptr(GError) uncertain = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *list = aw_history_list_new (history);
  GtkWidget *parent = gtk_window_new ();
  AwSendDialog *dialog;
  GtkWidget *row;
  const char *label;
  guint n_history = g_list_model_get_n_items (G_LIST_MODEL (history));

  aw_draft_set_recipient_address (draft, "talent@globex.example");
  aw_draft_set_recipient_name (draft, "Kim Park");
  aw_draft_set_company (draft, "Globex");
  /* the server takes the whole message, then hangs up before its 250 */
  account = use_account_on ("disconnect-after-dot");

  present_with_history_list (parent, list);
  dialog = aw_test_send_sheet_open (GTK_WINDOW (parent), draft, store, history, NULL, TRUE, NULL);
  send_and_wait (dialog);

  g_assert_cmpstr (aw_send_dialog_get_state (dialog), ==, "error");
  uncertain = g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_DELIVERY_UNCERTAIN, "");
  expected = aw_sender_describe_error (account, uncertain);
  g_assert_cmpstr (aw_send_dialog_get_error_text (dialog), ==, expected);
  g_test_message ("uncertain sentence: %s", expected);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* recorded as such, and shown with the advice */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, n_history + 1);
  newest = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_assert_cmpint (aw_history_entry_get_status (newest), ==, AW_HISTORY_STATUS_DELIVERY_UNCERTAIN);
  aw_test_ui_wait_for_draw (list);
  row = aw_history_list_get_row (AW_HISTORY_LIST (list), 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Maybe sent to Kim Park at Globex, "));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Sent folder"));
  aw_test_widget_shot (parent, "history-uncertain.png");

  /* trying again warns, with the same advice */
  dialog = aw_test_send_sheet_open (NULL, draft, store, history, NULL, FALSE, NULL);
  g_assert_true (aw_send_dialog_get_repeat_warning (dialog));
  label = gtk_label_get_text (GTK_LABEL (aw_test_widget_get (GTK_WIDGET (dialog), "repeat_label")));
  g_assert_true (g_str_has_prefix (label, "You may already have sent a follow-up to Kim Park on "));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (parent));
}

static gboolean
is_busy (gpointer data)
{
  return aw_send_dialog_get_busy (data);
}

static gboolean
is_not_busy (gpointer data)
{
  return !aw_send_dialog_get_busy (data);
}

static void
test_close_asks_while_sending (void)
{
  g_autoptr(AwDraft) draft = generated_draft ();
  g_autoptr(AwAccount) account = NULL;
  GtkWidget *parent = gtk_window_new ();
  AwSendDialog *dialog;
  gboolean alive;
  guint n_history = g_list_model_get_n_items (G_LIST_MODEL (history));

  aw_draft_set_recipient_address (draft, "people@umbrella.example");
  aw_draft_set_company (draft, "Umbrella");
  /* a server that accepts the connection and never says a word */
  account = use_account_on ("silent");

  gtk_window_present (GTK_WINDOW (parent));
  dialog = aw_test_send_sheet_open (GTK_WINDOW (parent), draft, store, history, NULL, FALSE, NULL);
  aw_test_widget_watch (dialog, &alive);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.send", NULL);
  g_assert_true (aw_test_ui_wait_for (is_busy, dialog, 5000));
  g_assert_true (aw_send_dialog_any_busy ());
  g_assert_true (aw_test_ui_wait_for (transition_done,
                                      aw_test_widget_get (GTK_WIDGET (dialog), "stack"), 5000));
  aw_test_widget_shot (GTK_WIDGET (dialog), "send-progress.png");

  /* the sheet does not vanish mid-send, and the main window asks before closing */
  gtk_window_close (GTK_WINDOW (dialog));
  aw_test_ui_iterate (100);
  g_assert_true (alive);
  g_assert_true (aw_send_dialog_confirm_close (GTK_WINDOW (parent)));

  /* "Stop and Close": the send is cancelled, nothing recorded */
  aw_send_dialog_cancel_all ();
  g_assert_true (aw_test_ui_wait_for (is_not_busy, dialog, 10000));
  aw_test_ui_iterate (100);
  g_assert_cmpstr (aw_send_dialog_get_state (dialog), ==, "error");
  g_assert_cmpstr (aw_send_dialog_get_error_text (dialog), ==, "Sending was cancelled. Nothing was sent.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, n_history);
  g_assert_false (aw_send_dialog_confirm_close (GTK_WINDOW (parent)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (parent));
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
label_not_busy (gpointer data)
{
  AwAccountEditor *editor = data;

  return !aw_account_editor_get_busy (editor);
}

static void
test_detect_and_msmtp_password (void)
{
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/accounts.json");
  g_autoptr(AwAccountStore) other = aw_account_store_new (nowhere);
  AwAccountEditor *editor = aw_account_editor_new (NULL, other, NULL);
  GtkWidget *root = GTK_WIDGET (editor);
  const char *note;

  gtk_window_present (GTK_WINDOW (editor));
  aw_test_ui_wait_for_draw (root);

  /* Detect Settings: the built-in table, with its note */
  set_text (root, "address_row", "sam.lee@gmail.com");
  gtk_widget_activate_action (root, "account.detect", NULL);
  g_assert_true (aw_test_ui_wait_for (label_not_busy, editor, 10000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (aw_test_widget_get (root, "host_row"))), ==,
                   "smtp.gmail.com");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (aw_test_widget_get (root, "port_spin"))),
                   ==, 465);
  note = gtk_label_get_text (GTK_LABEL (aw_test_widget_get (root, "detect_label")));
  g_assert_true (g_str_has_prefix (note, "Gmail needs an app password"));

  /* msmtp's password for this server and user is offered */
  aw_test_keyring_store_smtp (AW_TEST_KEYRING_MSMTP, "smtp.gmail.com", "sam.lee@gmail.com",
                              "msmtp-secret-Qw3");
  /* any change schedules the keyring check */
  set_text (root, "name_row", "Sam Lee");
  set_text (root, "host_row", "smtp.gmail.com ");
  set_text (root, "host_row", "smtp.gmail.com");
  g_assert_true (aw_test_ui_wait_for (widget_visible, aw_test_widget_get (root, "msmtp_box"), 10000));
  aw_test_widget_shot (root, "account-editor-msmtp.png");
  gtk_widget_activate_action (root, "account.use-msmtp", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (aw_test_widget_get (root, "password_row"))), ==,
                   "msmtp-secret-Qw3");
  g_assert_false (gtk_widget_get_visible (aw_test_widget_get (root, "msmtp_box")));

  gtk_window_destroy (GTK_WINDOW (editor));
  aw_test_keyring_clear (AW_TEST_KEYRING_MSMTP, "smtp.gmail.com");
}

static void
test_remove_account_removes_secret (void)
{
  AwPreferencesWindow *prefs = aw_preferences_window_new_with_store (NULL, store);
  g_autoptr(AwAccount) account = g_object_ref (aw_account_store_get_default_account (store));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwPassword) password = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  gtk_window_present (GTK_WINDOW (prefs));
  aw_test_ui_wait_for_draw (GTK_WIDGET (prefs));
  aw_preferences_window_remove_account (prefs, account);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n - 1);
  aw_test_ui_iterate (500);
  g_assert_null (aw_preferences_window_get_error_text (prefs));

  aw_password_store_lookup_async (aw_account_get_host (account), aw_account_get_port (account),
                                  aw_account_get_login (account), NULL, aw_test_async_done, &result);
  aw_test_async_wait (&result);
  password = aw_password_store_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_null (password);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
assert_no_file_contains (const char *path,
                         const char *secret)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
          g_file_get_contents (path, &contents, &length, NULL))
        {
          if (g_strstr_len (contents, length, secret) != NULL)
            g_error ("the password is in %s", path);
        }
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        assert_no_file_contains (child, secret);
    }
}

static void
test_password_nowhere (void)
{
  /* every file under the test HOME (config, data, cache, state: accounts.json, the
   * history, the .eml files) and every log line of this run */
  assert_no_file_contains (g_get_home_dir (), aw_test_smtp_password ());
  g_assert_cmpuint (captured_log->len, >, 0);
  g_assert_null (strstr (captured_log->str, aw_test_smtp_password ()));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  /* Format every debug line too, so the password check sees them all. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);
  aw_test_ui_init (&argc, &argv);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("no session bus with a keyring: run through build-aux/test.sh\n");
      return 1;
    }
  aw_test_smtp_init ();
  g_mime_init ();
  /* The application class registers the UI resources (templates). */
  g_type_class_unref (g_type_class_ref (AW_TYPE_APPLICATION));
  {
    /* The application's style sheet, which AdwApplication would load at startup */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/afterword/Afterword/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  store = aw_account_store_new (NULL);
  history = aw_history_new (NULL);

  g_test_add_func ("/send-flow/add-account-in-preferences", test_add_account_in_preferences);
  g_test_add_func ("/send-flow/send-once-and-history", test_send_once_and_history);
  g_test_add_func ("/send-flow/second-attempt-warns", test_second_attempt_warns);
  g_test_add_func ("/send-flow/ignored-finding-does-not-block", test_ignored_finding_does_not_block);
  g_test_add_func ("/send-flow/trust-certificate-sends", test_trust_certificate_sends);
  g_test_add_func ("/send-flow/wrong-password-keeps-draft", test_wrong_password_keeps_draft);
  g_test_add_func ("/send-flow/delivery-uncertain", test_delivery_uncertain);
  g_test_add_func ("/send-flow/close-asks-while-sending", test_close_asks_while_sending);
  g_test_add_func ("/send-flow/detect-and-msmtp-password", test_detect_and_msmtp_password);
  g_test_add_func ("/send-flow/remove-account-removes-secret", test_remove_account_removes_secret);
  g_test_add_func ("/send-flow/password-nowhere", test_password_nowhere);

  status = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&history);
  aw_test_smtp_shutdown ();
  return status;
}
