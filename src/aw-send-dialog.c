/* aw-send-dialog.c: the review sheet, the progress and the result of sending one follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-account-actions.h"
#include "aw-application.h"
#include "aw-certificate-dialog.h"
#include "aw-draft-check.h"
#include "aw-guidance.h"
#include "aw-send-dialog-private.h"
#include "aw-severity-style.h"
#include "aw-sender.h"

struct _AwSendDialog
{
  AdwWindow          parent_instance;

  AwDraft           *draft;
  AwAccountStore    *accounts;
  AwHistory         *history;
  AwAccount         *account;
  AwOnlineAccounts  *online_accounts;
  /* The Online Accounts account behind self->account, giving its secret at sign-in */
  AwOnlineAccount   *online;
  AwSender          *sender;
  GTlsDatabase      *tls_database;
  GCancellable      *cancellable;
  char              *error_text;
  guint              n_errors;
  gboolean           repeat;

  GtkButton         *cancel_button;
  GtkButton         *send_button;
  GtkStack          *stack;
  GtkWidget         *repeat_box;
  GtkLabel          *repeat_label;
  GtkCheckButton    *repeat_check;
  GtkWidget         *no_account_box;
  AdwActionRow      *from_row;
  AdwActionRow      *to_row;
  AdwActionRow      *subject_row;
  AdwActionRow      *words_row;
  GtkWidget         *findings_group;
  GtkListBox        *findings_list;
  GtkCheckButton    *override_check;
  GtkSpinner        *spinner;
  GtkLabel          *stage_label;
  GtkLabel          *note_label;
  AdwStatusPage     *error_page;
  GtkWidget         *certificate_button;
  GtkWidget         *online_settings_button;
};

G_DEFINE_FINAL_TYPE (AwSendDialog, aw_send_dialog, ADW_TYPE_WINDOW)

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every open dialog is in the application's sends in progress, so quitting can ask and
 * cancel. Main thread only. */
gboolean
aw_send_dialog_any_busy (void)
{
  GPtrArray *sends = aw_application_get_sends (NULL);

  for (guint i = 0; i < sends->len; i++)
    if (aw_send_dialog_get_busy (g_ptr_array_index (sends, i)))
      return TRUE;
  return FALSE;
}

void
aw_send_dialog_cancel_all (void)
{
  GPtrArray *sends = aw_application_get_sends (NULL);

  for (guint i = 0; i < sends->len; i++)
    g_cancellable_cancel (AW_SEND_DIALOG (g_ptr_array_index (sends, i))->cancellable);
}

#define CLOSE_CONFIRMED "aw-send-dialog-close-confirmed"

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   GtkWindow        *window)
{
  if (g_strcmp0 (response, "stop") != 0)
    return;
  aw_send_dialog_cancel_all ();
  g_object_set_data (G_OBJECT (window), CLOSE_CONFIRMED, GINT_TO_POINTER (TRUE));
  gtk_window_close (window);
}

gboolean
aw_send_dialog_confirm_close (GtkWindow *window)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  if (!aw_send_dialog_any_busy () || g_object_get_data (G_OBJECT (window), CLOSE_CONFIRMED))
    return FALSE;

  dialog = adw_message_dialog_new (window, _("A Follow-Up Is Being Sent"),
                                   _("If you close now, it may stay unclear whether it was delivered. Wait a moment for the server's answer, or stop sending."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "wait", _("_Keep Sending"),
                                    "stop", _("_Stop and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "wait");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "wait");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

AwDraft *
aw_send_dialog_get_draft (AwSendDialog *self)
{
  g_return_val_if_fail (AW_IS_SEND_DIALOG (self), NULL);
  return self->draft;
}

void
aw_send_dialog_set_tls_database (AwSendDialog *self,
                                 GTlsDatabase *database)
{
  g_return_if_fail (AW_IS_SEND_DIALOG (self));
  g_set_object (&self->tls_database, database);
}

gboolean
aw_send_dialog_get_busy (AwSendDialog *self)
{
  g_return_val_if_fail (AW_IS_SEND_DIALOG (self), FALSE);
  return self->sender != NULL && aw_sender_get_busy (self->sender);
}

const char *
aw_send_dialog_get_state (AwSendDialog *self)
{
  g_return_val_if_fail (AW_IS_SEND_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
aw_send_dialog_get_error_text (AwSendDialog *self)
{
  g_return_val_if_fail (AW_IS_SEND_DIALOG (self), NULL);
  return self->error_text;
}

gboolean
aw_send_dialog_get_repeat_warning (AwSendDialog *self)
{
  g_return_val_if_fail (AW_IS_SEND_DIALOG (self), FALSE);
  return self->repeat;
}

static void
update_actions (AwSendDialog *self)
{
  const char *state = gtk_stack_get_visible_child_name (self->stack);
  gboolean reviewing = g_strcmp0 (state, "review") == 0;
  gboolean can_send = reviewing && self->account != NULL &&
                      (self->n_errors == 0 || gtk_check_button_get_active (self->override_check)) &&
                      (!self->repeat || gtk_check_button_get_active (self->repeat_check));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "send.send", can_send);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), reviewing);
  gtk_button_set_label (self->cancel_button,
                        g_strcmp0 (state, "error") == 0 ? _("_Close") : _("_Cancel"));
}

static char *
format_mailbox (const char *name,
                const char *address)
{
  if (name == NULL || *name == '\0')
    return g_strdup (address != NULL ? address : "");
  return g_strdup_printf ("%s <%s>", name, address != NULL ? address : "");
}

static char *
format_day (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  /* Translators: a date as strftime format, e.g. "12 March 2026" */
  return g_date_time_format (local, _("%-d %B %Y"));
}

static void
add_finding_row (AwSendDialog *self,
                 AwFinding    *finding)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  AwSeverity severity = aw_finding_get_severity (finding);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 aw_guidance_rule_get_title (aw_finding_get_rule_id (finding)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), aw_finding_get_message (finding));
  icon = aw_severity_style_new_icon (severity);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (self->findings_list, row);
}

static void
check_draft (AwSendDialog *self)
{
  g_autoptr(AwDraftCheck) check = aw_draft_check_new (self->draft, self->history);
  g_autoptr(AwGuidanceReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *address = aw_draft_get_recipient_address (self->draft);
  const char *company = aw_draft_get_company (self->draft);
  AwHistoryEntry *previous;
  GtkWidget *child;
  GListModel *findings;
  guint n_shown = 0;
  guint n_words;
  g_autofree char *words = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
  self->n_errors = 0;

  /* The same check as the editor's: "Ask for feedback", what the person chose to
   * Ignore there, the same order */
  report = aw_draft_check_run (check, NULL, NULL, &error);
  if (report != NULL)
    {
      findings = aw_guidance_report_get_findings (report);
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(AwFinding) finding = g_list_model_get_item (findings, i);

          /* The repeat is shown above, with its own confirmation. */
          if (g_strcmp0 (aw_finding_get_rule_id (finding), AW_RULE_REPEAT_FOLLOW_UP) == 0)
            continue;
          if (aw_finding_get_severity (finding) == AW_SEVERITY_ERROR)
            self->n_errors++;
          add_finding_row (self, finding);
          n_shown++;
        }
      n_words = aw_guidance_report_get_word_count (report);
      /* Translators: the length of the email body */
      words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", n_words), n_words);
    }
  else
    {
      g_debug ("guidance: %s", error->message);
      /* Translators: the subtitle of the "Length" row when the text could not be counted */
      words = g_strdup (_("Not checked"));
    }
  adw_action_row_set_subtitle (self->words_row, words);
  gtk_widget_set_visible (self->findings_group, n_shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->override_check), self->n_errors > 0);

  /* The history is the truth about earlier sends, whatever the guidance says. */
  previous = aw_history_find_previous (self->history, address, company);
  self->repeat = previous != NULL ||
                 (report != NULL && aw_guidance_report_has_rule (report, AW_RULE_REPEAT_FOLLOW_UP));
  gtk_widget_set_visible (self->repeat_box, self->repeat);
  if (previous != NULL)
    {
      g_autofree char *day = format_day (aw_history_entry_get_sent_at (previous));
      const char *who = aw_history_entry_get_recipient_name (previous) != NULL
                        ? aw_history_entry_get_recipient_name (previous)
                        : aw_history_entry_get_recipient_address (previous);
      g_autofree char *text = NULL;

      if (aw_history_entry_get_status (previous) == AW_HISTORY_STATUS_DELIVERY_UNCERTAIN)
        /* Translators: "You may already have sent a follow-up to Dana Ruiz on 12 March 2026: …" */
        text = g_strdup_printf (_("You may already have sent a follow-up to %s on %s: the server never confirmed it. Check your Sent folder before sending again."),
                                who, day);
      else
        /* Translators: "You already sent a follow-up to Dana Ruiz on 12 March 2026. …" */
        text = g_strdup_printf (_("You already sent a follow-up to %s on %s. One gracious note is enough; a second one can feel like pressure."),
                                who, day);
      gtk_label_set_text (self->repeat_label, text);
    }
  else if (self->repeat)
    gtk_label_set_text (self->repeat_label,
                        _("You already sent a follow-up to this company. One gracious note is enough; a second one can feel like pressure."));
}

static void
populate (AwSendDialog *self)
{
  g_autofree char *to = format_mailbox (aw_draft_get_recipient_name (self->draft),
                                        aw_draft_get_recipient_address (self->draft));
  const char *subject = aw_draft_get_subject (self->draft);

  g_autofree char *default_id = NULL;
  AwOnlineAccount *online = NULL;

  /* A "goa:" default is an Online Accounts account: never fall back to another account
   * for it, or the message would leave through an account the person did not choose */
  g_object_get (self->accounts, "default-id", &default_id, NULL);
  if (default_id != NULL && g_str_has_prefix (default_id, "goa:"))
    {
      if (self->online_accounts != NULL)
        online = aw_online_accounts_lookup_account_id (self->online_accounts, default_id);
      g_set_object (&self->online, online);
      if (online != NULL)
        {
          g_clear_object (&self->account);
          self->account = aw_online_account_to_account (online);
        }
      else
        g_clear_object (&self->account);
    }
  else
    {
      g_clear_object (&self->online);
      g_set_object (&self->account, aw_account_store_get_default_account (self->accounts));
    }
  if (self->account != NULL)
    {
      const char *name = aw_draft_get_sender_name (self->draft);
      g_autofree char *from = format_mailbox (name != NULL && *name != '\0'
                                              ? name : aw_account_get_display_name (self->account),
                                              aw_account_get_address (self->account));

      if (self->online != NULL)
        {
          g_autofree char *via = NULL;

          /* Translators: the sending account on the review sheet: "Sam Lee <sam@gmail.com> via Google" */
          via = g_strdup_printf (_("%s via %s"), from,
                                 aw_online_account_get_provider_name (self->online));
          adw_action_row_set_subtitle (self->from_row, via);
        }
      else
        adw_action_row_set_subtitle (self->from_row, from);
    }
  else
    adw_action_row_set_subtitle (self->from_row, _("No sending account"));
  gtk_widget_set_visible (self->no_account_box, self->account == NULL);
  adw_action_row_set_subtitle (self->to_row, to);
  adw_action_row_set_subtitle (self->subject_row,
                               subject != NULL && *subject != '\0' ? subject : _("(no subject)"));
  check_draft (self);
  update_actions (self);
}

/* Online Accounts answered, or an account changed there */
static void
on_online_accounts_changed (AwSendDialog *self)
{
  if (!aw_send_dialog_get_busy (self))
    populate (self);
}

/**
 * aw_send_dialog_set_online_accounts:
 * @accounts: (nullable): the application's Online Accounts list
 */
void
aw_send_dialog_set_online_accounts (AwSendDialog     *self,
                                    AwOnlineAccounts *accounts)
{
  g_return_if_fail (AW_IS_SEND_DIALOG (self));

  aw_account_actions_follow_online (&self->online_accounts, accounts,
                                    G_CALLBACK (on_online_accounts_changed), self);
  if (self->draft != NULL)
    populate (self);
}

static void
on_accounts_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AwSendDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_account_store_load_finish (AW_ACCOUNT_STORE (source), result, &error))
    g_debug ("accounts: %s", error->message);
  populate (self);
}

static void
on_history_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AwSendDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_history_load_finish (AW_HISTORY (source), result, &error))
    g_debug ("history: %s", error->message);
  populate (self);
}

static void
show_error (AwSendDialog *self,
            const char   *text,
            gboolean      certificate)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  adw_status_page_set_description (self->error_page, text);
  gtk_widget_set_visible (self->certificate_button, certificate);
  gtk_widget_set_visible (self->online_settings_button, FALSE);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_actions (self);
}

static void
on_stage_changed (AwSender      *sender,
                  AwSenderStage  stage,
                  AwSendDialog  *self)
{
  g_autofree char *text = NULL;

  /* Back to idle means finished: the result page says what happened. */
  if (stage == AW_SENDER_STAGE_IDLE)
    return;
  text = aw_sender_stage_describe (stage, aw_account_get_host (self->account));
  gtk_label_set_text (self->stage_label, text);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AwSendDialog) self = user_data;
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  entry = aw_sender_send_finish (AW_SENDER (source), result, &error);
  if (entry == NULL)
    {
      text = aw_sender_describe_error (self->account, error);
      show_error (self, text, g_error_matches (error, AW_SMTP_ERROR,
                                               AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED) &&
                              aw_sender_get_rejected_certificate (self->sender) != NULL);
      /* "Sign in to your Google account again in Settings → Online Accounts." */
      gtk_widget_set_visible (self->online_settings_button,
                              g_error_matches (error, AW_ONLINE_ACCOUNT_ERROR,
                                               AW_ONLINE_ACCOUNT_ERROR_SIGN_IN_AGAIN) &&
                              aw_online_accounts_can_open_settings ());
      return;
    }

  /* The window's handler shows the toast and moves the draft out of the drafts. */
  g_signal_emit (self, signals[SENT], 0, entry);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* @note: (nullable): a line above the progress, saying why this send started */
static void
start_send (AwSendDialog *self,
            const char   *note)
{
  if (self->account == NULL || aw_send_dialog_get_busy (self))
    return;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->sender == NULL || aw_sender_get_account (self->sender) != self->account)
    {
      g_clear_object (&self->sender);
      self->sender = aw_sender_new (self->account, self->history);
      g_signal_connect (self->sender, "stage-changed", G_CALLBACK (on_stage_changed), self);
      if (self->online != NULL)
        aw_sender_set_credential_source (self->sender, AW_CREDENTIAL_SOURCE (self->online));
    }
  if (self->tls_database != NULL)
    aw_sender_set_tls_database (self->sender, self->tls_database);

  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  on_stage_changed (self->sender, AW_SENDER_STAGE_PASSWORD, self);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
  aw_sender_send_async (self->sender, self->draft, self->cancellable, on_sent,
                        g_object_ref (self));
}

static void
open_online_settings_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  aw_account_actions_open_online_settings (NULL);
}

static void
send_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  start_send (AW_SEND_DIALOG (widget), NULL);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AwSendDialog *self = AW_SEND_DIALOG (widget);

  /* While sending, Cancel stops the send; the result (cancelled, or sent if the server
   * already had it) arrives through on_sent. */
  if (aw_send_dialog_get_busy (self))
    {
      gtk_label_set_text (self->stage_label, _("Cancelling…"));
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AwSendDialog *self = AW_SEND_DIALOG (widget);

  gtk_stack_set_visible_child_name (self->stack, "review");
  populate (self);
}

static void
add_account_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AwSendDialog *self = AW_SEND_DIALOG (widget);
  GtkWindow *transient_for = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GtkWindow) parent = transient_for != NULL ? g_object_ref (transient_for) : NULL;

  /* Preferences opens over the main window, so the sheet goes first: opened while the
   * sheet was still the active window, Preferences belonged to it and went with it. */
  gtk_window_close (GTK_WINDOW (self));
  if (parent != NULL)
    {
      gtk_window_present (parent);
      gtk_widget_activate_action (GTK_WIDGET (parent), "app.preferences", NULL);
    }
}

static void
on_certificate_response (AdwMessageDialog *dialog,
                         const char       *response,
                         AwSendDialog     *self)
{
  AwCertificateInfo *info = aw_certificate_dialog_get_info (AW_CERTIFICATE_DIALOG (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, AW_CERTIFICATE_DIALOG_RESPONSE_TRUST) != 0 || self->account == NULL)
    return;

  aw_account_set_pinned_fingerprint (self->account, aw_certificate_info_get_sha256 (info));
  if (aw_account_store_update (self->accounts, self->account, &error))
    aw_account_actions_save_in_background (self->accounts);
  else
    g_debug ("accounts: %s", error->message);

  /* The person trusted it in order to send: go on with that send, and say so. The
   * confirmations on the review page were given before this send started. */
  start_send (self, _("Certificate trusted. Sending…"));
}

static void
review_certificate_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  AwSendDialog *self = AW_SEND_DIALOG (widget);
  AwCertificateInfo *info = self->sender ? aw_sender_get_rejected_certificate (self->sender) : NULL;
  AwCertificateDialog *dialog;

  if (info == NULL)
    return;
  dialog = aw_certificate_dialog_new (GTK_WINDOW (self), info);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_check_toggled (AwSendDialog *self)
{
  update_actions (self);
}

static gboolean
aw_send_dialog_close_request (GtkWindow *window)
{
  AwSendDialog *self = AW_SEND_DIALOG (window);

  /* Never vanish in the middle of a send: the person would not know what happened. */
  if (aw_send_dialog_get_busy (self))
    {
      gtk_label_set_text (self->stage_label,
                          _("Still sending. Press Cancel to stop, or wait for the server's answer."));
      return TRUE;
    }
  return GTK_WINDOW_CLASS (aw_send_dialog_parent_class)->close_request (window);
}

/**
 * aw_send_dialog_new:
 * @accounts: (nullable): %NULL for aw_account_store_get_default()
 * @history: (nullable): %NULL for aw_history_get_default()
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
AwSendDialog *
aw_send_dialog_new (GtkWindow      *parent,
                    AwDraft        *draft,
                    AwAccountStore *accounts,
                    AwHistory      *history)
{
  AwSendDialog *self;

  g_return_val_if_fail (AW_IS_DRAFT (draft), NULL);

  self = g_object_new (AW_TYPE_SEND_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->draft = g_object_ref (draft);
  self->accounts = g_object_ref (accounts != NULL ? accounts : aw_account_store_get_default ());
  self->history = g_object_ref (history != NULL ? history : aw_history_get_default ());
  if (parent != NULL && AW_IS_APPLICATION (gtk_window_get_application (parent)))
    aw_send_dialog_set_online_accounts (self, aw_application_get_online_accounts (
                                          AW_APPLICATION (gtk_window_get_application (parent))));

  populate (self);
  if (!aw_account_store_get_loaded (self->accounts))
    aw_account_store_load_async (self->accounts, NULL, on_accounts_loaded, g_object_ref (self));
  if (!aw_history_get_loaded (self->history))
    aw_history_load_async (self->history, NULL, on_history_loaded, g_object_ref (self));
  return self;
}

/**
 * aw_send_dialog_present:
 *
 * Returns: (transfer none): the dialog
 */
AwSendDialog *
aw_send_dialog_present (GtkWindow *parent,
                        AwDraft   *draft)
{
  AwSendDialog *self = aw_send_dialog_new (parent, draft, NULL, NULL);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

static void
aw_send_dialog_dispose (GObject *object)
{
  AwSendDialog *self = AW_SEND_DIALOG (object);

  aw_application_remove_send (NULL, GTK_WINDOW (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->sender != NULL)
    g_signal_handlers_disconnect_by_data (self->sender, self);
  if (self->online_accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->online_accounts, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_SEND_DIALOG);
  g_clear_object (&self->online_accounts);
  g_clear_object (&self->online);
  g_clear_object (&self->draft);
  g_clear_object (&self->accounts);
  g_clear_object (&self->history);
  g_clear_object (&self->account);
  g_clear_object (&self->sender);
  g_clear_object (&self->tls_database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->error_text, g_free);

  G_OBJECT_CLASS (aw_send_dialog_parent_class)->dispose (object);
}

static void
aw_send_dialog_class_init (AwSendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = aw_send_dialog_dispose;
  window_class->close_request = aw_send_dialog_close_request;

  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, AW_TYPE_HISTORY_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-send-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, repeat_box);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, repeat_label);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, repeat_check);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, no_account_box);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, words_row);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, findings_group);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, findings_list);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, override_check);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, stage_label);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, certificate_button);
  gtk_widget_class_bind_template_child (widget_class, AwSendDialog, online_settings_button);

  gtk_widget_class_install_action (widget_class, "send.send", NULL, send_activated);
  gtk_widget_class_install_action (widget_class, "send.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "send.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "send.add-account", NULL, add_account_activated);
  gtk_widget_class_install_action (widget_class, "send.open-online-settings", NULL,
                                   open_online_settings_activated);
  gtk_widget_class_install_action (widget_class, "send.review-certificate", NULL,
                                   review_certificate_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "send.send", NULL);
}

static void
aw_send_dialog_init (AwSendDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->repeat_check, "toggled", G_CALLBACK (on_check_toggled), self);
  g_signal_connect_swapped (self->override_check, "toggled", G_CALLBACK (on_check_toggled), self);
  aw_application_add_send (NULL, GTK_WINDOW (self));
}
