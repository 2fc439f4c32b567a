/* aw-account-editor.c: adds or edits one sending account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aw-accessible.h"
#include "aw-account-actions.h"
#include "aw-account-editor.h"
#include "aw-autoconfig.h"
#include "aw-certificate-dialog.h"
#include "aw-password-store.h"
#include "aw-sender.h"

struct _AwAccountEditor
{
  AdwWindow           parent_instance;

  AwAccountStore     *store;
  AwAccount          *original;   /* NULL when adding */
  char               *pinned_fingerprint;
  GTlsDatabase       *tls_database;
  GCancellable       *cancellable;
  AwAutoconfig       *autoconfig;
  AwSender           *tester;
  char               *msmtp_password;
  guint               msmtp_timeout;
  guint               n_busy;

  GtkLabel           *error_label;
  AdwEntryRow        *name_row;
  AdwEntryRow        *address_row;
  GtkWidget          *detect_spinner;
  GtkWidget          *detect_button;
  GtkLabel           *detect_label;
  AdwEntryRow        *host_row;
  GtkSpinButton      *port_spin;
  AdwComboRow        *security_row;
  AdwEntryRow        *username_row;
  AdwPasswordEntryRow *password_row;
  GtkWidget          *msmtp_box;
  GtkWidget          *test_spinner;
  GtkLabel           *test_label;
  GtkWidget          *save_button;

  /* "Use your Google account from Online Accounts", below Detect Settings */
  AwOnlineAccounts   *online_accounts;
  char               *offer_account_id;   /* "goa:<id>", NULL when none to use */
  GtkWidget          *offer_list;
  AdwActionRow       *offer_row;
  GtkWidget          *offer_use_button;
  GtkWidget          *offer_settings_button;
};

G_DEFINE_FINAL_TYPE (AwAccountEditor, aw_account_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe (char **secret)
{
  if (*secret != NULL)
    {
      explicit_bzero (*secret, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

void
aw_account_editor_set_tls_database (AwAccountEditor *self,
                                    GTlsDatabase    *database)
{
  g_return_if_fail (AW_IS_ACCOUNT_EDITOR (self));
  g_set_object (&self->tls_database, database);
}

const char *
aw_account_editor_get_error_text (AwAccountEditor *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

const char *
aw_account_editor_get_test_text (AwAccountEditor *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT_EDITOR (self), NULL);
  return gtk_label_get_text (self->test_label);
}

gboolean
aw_account_editor_get_busy (AwAccountEditor *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT_EDITOR (self), FALSE);
  return self->n_busy > 0;
}

/* ---- The Online Accounts offer ---- */

static void show_error (AwAccountEditor *self, const char *text);

static void
update_offer (AwAccountEditor *self)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  const char *host = gtk_editable_get_text (GTK_EDITABLE (self->host_row));
  AwOnlineProvider provider = AW_ONLINE_PROVIDER_NONE;
  AwOnlineAccount *account = NULL;
  gboolean google;

  g_clear_pointer (&self->offer_account_id, g_free);
  if (self->online_accounts != NULL && aw_online_accounts_get_available (self->online_accounts) &&
      strchr (address, '@') != NULL)
    provider = aw_online_provider_for_server (address, host[0] != '\0' ? host : NULL);
  gtk_widget_set_visible (self->offer_list, provider != AW_ONLINE_PROVIDER_NONE);
  if (provider == AW_ONLINE_PROVIDER_NONE)
    return;

  google = provider == AW_ONLINE_PROVIDER_GOOGLE;
  account = aw_online_accounts_find (self->online_accounts, provider, address);
  if (account != NULL)
    {
      self->offer_account_id = g_strconcat ("goa:", aw_online_account_get_id (account), NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->offer_row),
                                     google ? _("Use your Google account from Online Accounts")
                                            : _("Use your Microsoft account from Online Accounts"));
      adw_action_row_set_subtitle (self->offer_row, aw_online_account_get_address (account));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->offer_row),
                                     google ? _("Add your Google account in Settings → Online Accounts to send without a password.")
                                            : _("Add your Microsoft account in Settings → Online Accounts to send without a password."));
      adw_action_row_set_subtitle (self->offer_row, "");
    }
  gtk_widget_set_visible (self->offer_use_button, account != NULL);
  gtk_widget_set_visible (self->offer_settings_button,
                          account == NULL && aw_online_accounts_can_open_settings ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->offer_use_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->offer_row)),
                                  -1);
}

void
aw_account_editor_set_online_accounts (AwAccountEditor  *self,
                                       AwOnlineAccounts *accounts)
{
  g_return_if_fail (AW_IS_ACCOUNT_EDITOR (self));
  g_return_if_fail (accounts == NULL || AW_IS_ONLINE_ACCOUNTS (accounts));

  aw_account_actions_follow_online (&self->online_accounts, accounts,
                                    G_CALLBACK (update_offer), self);
  update_offer (self);
}

/* The same choice as Preferences' "Use for Sending" on that account */
static void
use_online_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AwAccountEditor *self = AW_ACCOUNT_EDITOR (widget);

  if (self->offer_account_id == NULL)
    return;
  aw_account_store_set_default_id (self->store, self->offer_account_id);
  aw_account_actions_save_in_background (self->store);
  gtk_window_close (GTK_WINDOW (self));
}

static void
open_online_settings_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  aw_account_actions_open_online_settings (AW_ACCOUNT_EDITOR (widget)->error_label);
}

static void
busy_begin (AwAccountEditor *self)
{
  self->n_busy++;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.save", FALSE);
}

static void
busy_end (AwAccountEditor *self)
{
  g_return_if_fail (self->n_busy > 0);
  self->n_busy--;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.save", self->n_busy == 0);
}

static void
show_error (AwAccountEditor *self,
            const char      *text)
{
  aw_account_actions_show_error (self->error_label, text);
}

static const char *
row_text (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && *text != '\0' ? text : NULL;
}

static AwAccountSecurity
get_security (AwAccountEditor *self)
{
  switch (adw_combo_row_get_selected (self->security_row))
    {
    case 1: return AW_ACCOUNT_SECURITY_STARTTLS;
    case 2: return AW_ACCOUNT_SECURITY_NONE;
    default: return AW_ACCOUNT_SECURITY_TLS;
    }
}

static void
set_security (AwAccountEditor   *self,
              AwAccountSecurity  security)
{
  adw_combo_row_set_selected (self->security_row,
                              security == AW_ACCOUNT_SECURITY_STARTTLS ? 1
                              : security == AW_ACCOUNT_SECURITY_NONE ? 2 : 0);
}

/* The account as the fields say, with the original's id. */
static AwAccount *
build_account (AwAccountEditor *self)
{
  AwAccount *account = self->original != NULL ? aw_account_copy (self->original) : aw_account_new ();
  g_autofree char *address = g_strdup (row_text (self->address_row));
  g_autofree char *host = g_strdup (row_text (self->host_row));

  if (address != NULL)
    g_strstrip (address);
  if (host != NULL)
    g_strstrip (host);
  aw_account_set_display_name (account, row_text (self->name_row));
  aw_account_set_address (account, address);
  aw_account_set_host (account, host);
  aw_account_set_port (account, (guint) gtk_spin_button_get_value_as_int (self->port_spin));
  aw_account_set_security (account, get_security (self));
  aw_account_set_username (account, row_text (self->username_row));
  /* A pin belongs to one server: changing the server drops it. */
  if (self->original != NULL &&
      (g_strcmp0 (aw_account_get_host (self->original), host) != 0 ||
       aw_account_get_port (self->original) != aw_account_get_port (account)))
    aw_account_set_pinned_fingerprint (account, NULL);
  if (self->pinned_fingerprint != NULL)
    aw_account_set_pinned_fingerprint (account, self->pinned_fingerprint);
  return account;
}

static void
fill_fields (AwAccountEditor *self,
             AwAccount       *account)
{
  if (aw_account_get_display_name (account) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), aw_account_get_display_name (account));
  if (aw_account_get_address (account) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), aw_account_get_address (account));
  gtk_editable_set_text (GTK_EDITABLE (self->host_row),
                         aw_account_get_host (account) ? aw_account_get_host (account) : "");
  gtk_spin_button_set_value (self->port_spin, aw_account_get_port (account));
  set_security (self, aw_account_get_security (account));
  gtk_editable_set_text (GTK_EDITABLE (self->username_row),
                         aw_account_get_username (account) ? aw_account_get_username (account) : "");
}

/* ---- msmtp's password ---- */

static void
on_msmtp_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AwAccountEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwPassword) password = aw_password_store_lookup_msmtp_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  wipe (&self->msmtp_password);
  if (password != NULL)
    self->msmtp_password = g_strdup (password);
  gtk_widget_set_visible (self->msmtp_box, self->msmtp_password != NULL &&
                          row_text (ADW_ENTRY_ROW (self->password_row)) == NULL);
}

static void
on_own_looked_up (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AwAccountEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwPassword) password = aw_password_store_lookup_finish (result, &error);
  g_autoptr(AwAccount) account = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      /* Locked, no Secret Service, prompt dismissed: say so, keep everything typed. */
      show_error (self, error->message);
      return;
    }
  if (password != NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->password_row),
                                   _("A password is saved in your keyring. Type a new one to replace it."));
      gtk_widget_set_visible (self->msmtp_box, FALSE);
      return;
    }
  /* Nothing of ours: perhaps msmtp has one. */
  account = build_account (self);
  aw_password_store_lookup_msmtp_async (aw_account_get_host (account), aw_account_get_login (account),
                                        self->cancellable, on_msmtp_looked_up, g_object_ref (self));
}

static gboolean
check_keyring (gpointer user_data)
{
  AwAccountEditor *self = user_data;
  g_autoptr(AwAccount) account = build_account (self);

  self->msmtp_timeout = 0;
  if (aw_account_get_host (account) == NULL || aw_account_get_login (account) == NULL)
    return G_SOURCE_REMOVE;
  aw_password_store_lookup_async (aw_account_get_host (account), aw_account_get_port (account),
                                  aw_account_get_login (account), self->cancellable,
                                  on_own_looked_up, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_keyring_check (AwAccountEditor *self)
{
  g_clear_handle_id (&self->msmtp_timeout, g_source_remove);
  self->msmtp_timeout = g_timeout_add (500, check_keyring, self);
}

static void
use_msmtp_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AwAccountEditor *self = AW_ACCOUNT_EDITOR (widget);

  if (self->msmtp_password == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), self->msmtp_password);
  gtk_widget_set_visible (self->msmtp_box, FALSE);
}

/* ---- Detect Settings ---- */

static void
on_detected (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AwAccountEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwAccount) found = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *note_text = NULL;
  AwAutoconfigNote note = AW_AUTOCONFIG_NOTE_NONE;

  found = aw_autoconfig_detect_finish (AW_AUTOCONFIG (source), result, NULL, &note, &provider, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  busy_end (self);
  gtk_spinner_stop (GTK_SPINNER (self->detect_spinner));
  gtk_widget_set_visible (self->detect_spinner, FALSE);
  gtk_widget_set_sensitive (self->detect_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->detect_label), TRUE);

  if (found == NULL)
    {
      gtk_label_set_text (self->detect_label, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), aw_account_get_host (found));
  gtk_spin_button_set_value (self->port_spin, aw_account_get_port (found));
  set_security (self, aw_account_get_security (found));
  gtk_editable_set_text (GTK_EDITABLE (self->username_row),
                         aw_account_get_username (found) ? aw_account_get_username (found) : "");
  note_text = aw_autoconfig_note_describe (note, provider);
  gtk_label_set_text (self->detect_label,
                      note_text != NULL ? note_text : _("Settings found. Enter your password and test the connection."));
}

static void
detect_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AwAccountEditor *self = AW_ACCOUNT_EDITOR (widget);
  g_autofree char *address = g_strdup (row_text (self->address_row));

  if (address == NULL)
    {
      show_error (self, _("Enter your email address first."));
      return;
    }
  show_error (self, NULL);
  g_strstrip (address);
  if (self->autoconfig == NULL)
    self->autoconfig = aw_autoconfig_new ();
  busy_begin (self);
  gtk_widget_set_sensitive (self->detect_button, FALSE);
  gtk_widget_set_visible (self->detect_spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->detect_spinner));
  gtk_widget_set_visible (GTK_WIDGET (self->detect_label), TRUE);
  gtk_label_set_text (self->detect_label, _("Looking up the settings of your provider…"));
  aw_autoconfig_detect_async (self->autoconfig, address, self->cancellable, on_detected,
                              g_object_ref (self));
}

/* ---- Test Connection ---- */

static void test_activated (GtkWidget *widget, const char *action_name, GVariant *parameter);

static void
on_test_certificate_response (AdwMessageDialog *dialog,
                              const char       *response,
                              AwAccountEditor  *self)
{
  AwCertificateInfo *info = aw_certificate_dialog_get_info (AW_CERTIFICATE_DIALOG (dialog));

  if (g_strcmp0 (response, AW_CERTIFICATE_DIALOG_RESPONSE_TRUST) != 0)
    return;
  g_free (self->pinned_fingerprint);
  self->pinned_fingerprint = g_strdup (aw_certificate_info_get_sha256 (info));
  test_activated (GTK_WIDGET (self), NULL, NULL);
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AwAccountEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  AwSender *sender = AW_SENDER (source);

  if (!aw_sender_test_connection_finish (sender, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (self->cancellable))
    return;
  busy_end (self);
  gtk_spinner_stop (GTK_SPINNER (self->test_spinner));
  gtk_widget_set_visible (self->test_spinner, FALSE);

  if (error == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a server name */
      text = g_strdup_printf (_("Connected securely to %s and signed in."),
                              aw_account_get_host (aw_sender_get_account (sender)));
      gtk_label_set_text (self->test_label, text);
      return;
    }
  {
    g_autofree char *text = aw_sender_describe_error (aw_sender_get_account (sender), error);
    gtk_label_set_text (self->test_label, text);
  }
  if (g_error_matches (error, AW_SMTP_ERROR, AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED) &&
      aw_sender_get_rejected_certificate (sender) != NULL)
    {
      AwCertificateDialog *dialog = aw_certificate_dialog_new (GTK_WINDOW (self),
                                                               aw_sender_get_rejected_certificate (sender));

      g_signal_connect_object (dialog, "response", G_CALLBACK (on_test_certificate_response),
                               self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
test_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AwAccountEditor *self = AW_ACCOUNT_EDITOR (widget);
  g_autoptr(AwAccount) account = build_account (self);
  g_autoptr(GError) error = NULL;
  const char *password = row_text (ADW_ENTRY_ROW (self->password_row));

  if (!aw_account_validate (account, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  g_clear_object (&self->tester);
  self->tester = aw_sender_new (account, NULL);
  if (password != NULL)
    aw_sender_set_password (self->tester, password);
  if (self->tls_database != NULL)
    aw_sender_set_tls_database (self->tester, self->tls_database);

  busy_begin (self);
  gtk_widget_set_visible (self->test_spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->test_spinner));
  gtk_label_set_text (self->test_label, _("Testing the connection…"));
  aw_sender_test_connection_async (self->tester, self->cancellable, on_tested, g_object_ref (self));
}

/* ---- Save ---- */

static void
on_old_secret_cleared (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!aw_password_store_clear_finish (result, &error))
    g_debug ("keyring: %s", error->message);
}

/* Puts the account into the store and writes it; keeps the editor open when the
 * password could not be stored (keyring_error), so the person can try again. */
static void
commit (AwAccountEditor *self,
        AwAccount       *account,
        const char      *keyring_error)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->original != NULL)
    ok = aw_account_store_update (self->store, account, &error);
  else
    ok = aw_account_store_add (self->store, account, &error);
  if (!ok)
    {
      show_error (self, error->message);
      return;
    }
  g_set_object (&self->original, account);
  aw_account_actions_save_in_background (self->store);

  if (keyring_error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a sentence about the keyring */
      text = g_strdup_printf (_("The account settings are saved, but the password is not: %s"),
                              keyring_error);
      show_error (self, text);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, account);
  gtk_window_destroy (GTK_WINDOW (self));
}

typedef struct
{
  AwAccountEditor *self;
  AwAccount       *account;
  AwAccount       *previous;
} SaveData;

static void
save_data_free (SaveData *save)
{
  g_object_unref (save->self);
  g_object_unref (save->account);
  g_clear_object (&save->previous);
  g_free (save);
}

static gboolean
same_secret_key (AwAccount *a,
                 AwAccount *b)
{
  return g_strcmp0 (aw_account_get_host (a), aw_account_get_host (b)) == 0 &&
         aw_account_get_port (a) == aw_account_get_port (b) &&
         g_strcmp0 (aw_account_get_login (a), aw_account_get_login (b)) == 0;
}

static void
on_password_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SaveData *save = user_data;
  g_autoptr(GError) error = NULL;

  busy_end (save->self);
  if (aw_password_store_store_finish (result, &error))
    {
      if (save->previous != NULL && !same_secret_key (save->previous, save->account))
        aw_password_store_clear_async (aw_account_get_host (save->previous),
                                       aw_account_get_port (save->previous),
                                       aw_account_get_login (save->previous),
                                       NULL, on_old_secret_cleared, NULL);
      gtk_editable_set_text (GTK_EDITABLE (save->self->password_row), "");
      commit (save->self, save->account, NULL);
    }
  else
    commit (save->self, save->account, error->message);
  save_data_free (save);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AwAccountEditor *self = AW_ACCOUNT_EDITOR (widget);
  g_autoptr(AwAccount) account = build_account (self);
  g_autoptr(GError) error = NULL;
  const char *password = row_text (ADW_ENTRY_ROW (self->password_row));
  SaveData *save;

  if (self->n_busy > 0)
    return;
  if (!aw_account_validate (account, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);

  if (password == NULL)
    {
      if (self->original != NULL && !same_secret_key (self->original, account))
        {
          show_error (self, _("The server or user name changed: enter the password again."));
          return;
        }
      commit (self, account, NULL);
      return;
    }

  save = g_new0 (SaveData, 1);
  save->self = g_object_ref (self);
  save->account = g_object_ref (account);
  save->previous = self->original != NULL ? g_object_ref (self->original) : NULL;
  busy_begin (self);
  aw_password_store_store_async (aw_account_get_host (account), aw_account_get_port (account),
                                 aw_account_get_login (account), password, NULL,
                                 on_password_stored, save);
}

static void
on_port_or_security_changed (AwAccountEditor *self)
{
  schedule_keyring_check (self);
}

static void
on_security_selected (AwAccountEditor *self)
{
  /* Follow the usual port of the security, unless the person typed another one. */
  int port = gtk_spin_button_get_value_as_int (self->port_spin);

  if (get_security (self) == AW_ACCOUNT_SECURITY_TLS && port == 587)
    gtk_spin_button_set_value (self->port_spin, 465);
  else if (get_security (self) == AW_ACCOUNT_SECURITY_STARTTLS && port == 465)
    gtk_spin_button_set_value (self->port_spin, 587);
}

/**
 * aw_account_editor_new:
 * @account: (nullable): the account to edit, or %NULL to add one
 *
 * Returns: (transfer none): the editor, not yet shown
 */
AwAccountEditor *
aw_account_editor_new (GtkWindow      *parent,
                       AwAccountStore *store,
                       AwAccount      *account)
{
  AwAccountEditor *self;

  g_return_val_if_fail (AW_IS_ACCOUNT_STORE (store), NULL);

  self = g_object_new (AW_TYPE_ACCOUNT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  if (account != NULL)
    {
      self->original = g_object_ref (account);
      fill_fields (self, account);
      gtk_window_set_title (GTK_WINDOW (self), aw_account_get_address (account));
      schedule_keyring_check (self);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Sending Account"));
  return self;
}

static void
aw_account_editor_dispose (GObject *object)
{
  AwAccountEditor *self = AW_ACCOUNT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->msmtp_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_ACCOUNT_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->original);
  g_clear_object (&self->tls_database);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->autoconfig);
  g_clear_object (&self->tester);
  if (self->online_accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->online_accounts, self);
  g_clear_object (&self->online_accounts);
  g_clear_pointer (&self->offer_account_id, g_free);
  g_clear_pointer (&self->pinned_fingerprint, g_free);
  wipe (&self->msmtp_password);

  G_OBJECT_CLASS (aw_account_editor_parent_class)->dispose (object);
}

static void
aw_account_editor_class_init (AwAccountEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aw_account_editor_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, AW_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-account-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, detect_spinner);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, detect_button);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, detect_label);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, host_row);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, port_spin);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, security_row);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, username_row);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, msmtp_box);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, test_label);
  gtk_widget_class_bind_template_child (widget_class, AwAccountEditor, save_button);

  gtk_widget_class_install_action (widget_class, "account.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "account.detect", NULL, detect_activated);
  gtk_widget_class_install_action (widget_class, "account.test", NULL, test_activated);
  gtk_widget_class_install_action (widget_class, "account.use-msmtp", NULL, use_msmtp_activated);
  gtk_widget_class_install_action (widget_class, "account.use-online", NULL, use_online_activated);
  gtk_widget_class_install_action (widget_class, "account.open-online-settings", NULL,
                                   open_online_settings_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
aw_account_editor_init (AwAccountEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->address_row, "changed", G_CALLBACK (schedule_keyring_check), self);
  g_signal_connect_swapped (self->host_row, "changed", G_CALLBACK (schedule_keyring_check), self);
  g_signal_connect_swapped (self->username_row, "changed", G_CALLBACK (schedule_keyring_check), self);
  g_signal_connect_swapped (self->port_spin, "value-changed",
                            G_CALLBACK (on_port_or_security_changed), self);
  g_signal_connect_swapped (self->security_row, "notify::selected",
                            G_CALLBACK (on_security_selected), self);
  aw_accessible_add_choice_actions (self->security_row);
  aw_accessible_name_icon_buttons (GTK_WIDGET (self->password_row));

  /* The Online Accounts offer, below Detect Settings' sentence */
  self->offer_list = gtk_list_box_new ();
  gtk_widget_set_name (self->offer_list, "offer_list");
  gtk_widget_add_css_class (self->offer_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->offer_list), GTK_SELECTION_NONE);
  gtk_widget_set_visible (self->offer_list, FALSE);
  self->offer_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->offer_row), "offer_row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->offer_row), FALSE);
  adw_action_row_add_prefix (self->offer_row, gtk_image_new_from_icon_name ("dialog-information-symbolic"));
  self->offer_use_button = gtk_button_new_with_mnemonic (_("_Use"));
  gtk_widget_set_name (self->offer_use_button, "offer_use_button");
  gtk_widget_set_valign (self->offer_use_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->offer_use_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->offer_use_button), "account.use-online");
  adw_action_row_add_suffix (self->offer_row, self->offer_use_button);
  self->offer_settings_button = gtk_button_new_with_mnemonic (_("Open _Settings"));
  gtk_widget_set_name (self->offer_settings_button, "offer_settings_button");
  gtk_widget_set_valign (self->offer_settings_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->offer_settings_button),
                                  "account.open-online-settings");
  adw_action_row_add_suffix (self->offer_row, self->offer_settings_button);
  gtk_list_box_append (GTK_LIST_BOX (self->offer_list), GTK_WIDGET (self->offer_row));
  if (GTK_IS_BOX (gtk_widget_get_parent (GTK_WIDGET (self->detect_label))))
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->detect_label))),
                                self->offer_list, GTK_WIDGET (self->detect_label));
  g_signal_connect_swapped (self->address_row, "changed", G_CALLBACK (update_offer), self);
  g_signal_connect_swapped (self->host_row, "changed", G_CALLBACK (update_offer), self);
}
