/* aw-preferences-window.c: sending accounts and other settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-account-actions.h"
#include "aw-password-store.h"
#include "aw-preferences-window.h"

struct _AwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AwAccountStore       *store;
  AwOnlineAccounts     *online_accounts;
  /* Leads the radio group of "Use for Sending" buttons; never shown */
  GtkWidget            *default_group;

  AdwPreferencesGroup  *accounts_group;
  GtkListBox           *accounts_list;
  GtkLabel             *error_label;
  GtkSwitch            *spell_check_switch;
  AdwPreferencesGroup  *online_group;
  GtkWidget            *online_settings_button;
  GtkLabel             *online_status_label;
  GtkListBox           *online_list;
};

G_DEFINE_FINAL_TYPE (AwPreferencesWindow, aw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

AwPreferencesWindow *
aw_preferences_window_new (GtkWindow *parent)
{
  return aw_preferences_window_new_with_store (parent, NULL);
}

static void show_error (AwPreferencesWindow *self, const char *text);

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AwPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_account_store_load_finish (AW_ACCOUNT_STORE (source), result, &error))
    show_error (self, error->message);
}

static void
show_error (AwPreferencesWindow *self,
            const char          *text)
{
  aw_account_actions_show_error (self->error_label, text);
}

const char *
aw_preferences_window_get_error_text (AwPreferencesWindow *self)
{
  g_return_val_if_fail (AW_IS_PREFERENCES_WINDOW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

/**
 * aw_preferences_window_edit_account:
 *
 * Returns: (transfer none): the editor, shown
 */
AwAccountEditor *
aw_preferences_window_edit_account (AwPreferencesWindow *self,
                                    AwAccount           *account)
{
  AwAccountEditor *editor;

  g_return_val_if_fail (AW_IS_PREFERENCES_WINDOW (self), NULL);

  editor = aw_account_editor_new (GTK_WINDOW (self), self->store, account);
  aw_account_editor_set_online_accounts (editor, self->online_accounts);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AwPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_account_store_save_finish (AW_ACCOUNT_STORE (source), result, &error))
    show_error (self, error->message);
}

static void
on_secret_cleared (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AwPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_password_store_clear_finish (result, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a sentence about the keyring */
      text = g_strdup_printf (_("The account is removed, but its password could not be removed from your keyring: %s"),
                              error->message);
      show_error (self, text);
    }
}

/**
 * aw_preferences_window_remove_account:
 *
 * Removes the account and its password from the keyring.
 */
void
aw_preferences_window_remove_account (AwPreferencesWindow *self,
                                      AwAccount           *account)
{
  g_autoptr(AwAccount) removed = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AW_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (AW_IS_ACCOUNT (account));

  removed = g_object_ref (account);
  if (!aw_account_store_remove (self->store, aw_account_get_id (removed), &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  aw_account_store_save_async (self->store, NULL, on_saved, g_object_ref (self));
  aw_password_store_clear_async (aw_account_get_host (removed), aw_account_get_port (removed),
                                 aw_account_get_login (removed), NULL, on_secret_cleared,
                                 g_object_ref (self));
}

static void
on_edit_clicked (GtkButton *button,
                 gpointer   user_data)
{
  AwPreferencesWindow *self = AW_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  aw_preferences_window_edit_account (self, user_data);
}

static void
on_remove_clicked (GtkButton *button,
                   gpointer   user_data)
{
  AwPreferencesWindow *self = AW_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  aw_preferences_window_remove_account (self, user_data);
}

/* The account people send from: the store's default id (a "goa:" id included), else the
 * account the store falls back to */
static char *
current_default_id (AwAccountStore *store)
{
  g_autofree char *id = NULL;
  AwAccount *account;

  g_object_get (store, "default-id", &id, NULL);
  if (id != NULL && g_str_has_prefix (id, "goa:"))
    return g_steal_pointer (&id);
  account = aw_account_store_get_default_account (store);
  return account != NULL ? g_strdup (aw_account_get_id (account)) : NULL;
}

static void
set_default_check (GtkCheckButton *check)
{
  AwAccountStore *store = g_object_get_data (G_OBJECT (check), "aw-store");
  g_autofree char *id = current_default_id (store);

  gtk_check_button_set_active (check, g_strcmp0 (id, g_object_get_data (G_OBJECT (check),
                                                                        "aw-account-id")) == 0);
}

/* Follows the store, while the button is in an open window */
static void
sync_default_check (GtkCheckButton *check)
{
  if (AW_IS_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (check))))
    set_default_check (check);
}

static void
on_default_check_toggled (GtkCheckButton *check,
                          gpointer        user_data)
{
  AwAccountStore *store = g_object_get_data (G_OBJECT (check), "aw-store");
  const char *id = g_object_get_data (G_OBJECT (check), "aw-account-id");
  g_autofree char *current = current_default_id (store);

  if (!gtk_check_button_get_active (check) || g_strcmp0 (current, id) == 0 ||
      !AW_IS_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (check))))
    return;
  aw_account_store_set_default_id (store, id);
  aw_account_store_save_async (store, NULL, on_saved,
                               g_object_ref (gtk_widget_get_root (GTK_WIDGET (check))));
}

/* A radio button "Use for Sending" in front of a row, shared by both lists */
static void
add_default_check (AwPreferencesWindow *self,
                   GtkWidget           *row,
                   const char          *account_id)
{
  GtkWidget *check;

  if (self->store == NULL)
    return;
  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Use for Sending"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Use for Sending"), -1);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->default_group));
  g_object_set_data_full (G_OBJECT (check), "aw-account-id", g_strdup (account_id), g_free);
  g_object_set_data_full (G_OBJECT (check), "aw-store", g_object_ref (self->store), g_object_unref);
  set_default_check (GTK_CHECK_BUTTON (check));
  g_signal_connect (check, "toggled", G_CALLBACK (on_default_check_toggled), NULL);
  g_signal_connect_object (self->store, "notify::default-id", G_CALLBACK (sync_default_check),
                           check, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (sync_default_check),
                           check, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AwAccount *account = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = NULL;
  const char *name = aw_account_get_display_name (account);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), aw_account_get_address (account));
  if (name != NULL && *name != '\0')
    /* Translators: an account's sender name, server and port: "Sam Lee · smtp.example.com:465" */
    subtitle = g_strdup_printf (_("%s · %s:%u"), name,
                                aw_account_get_host (account), aw_account_get_port (account));
  else
    /* Translators: an account's server and port: "smtp.example.com:465" */
    subtitle = g_strdup_printf (_("%s:%u"), aw_account_get_host (account), aw_account_get_port (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit"), -1);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (on_edit_clicked), account, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), account, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  add_default_check (user_data, row, aw_account_get_id (account));
  return row;
}

/* A themed icon for the provider, or a generic one when the theme has none */
static const char *
provider_icon_name (GtkWidget       *widget,
                    AwOnlineAccount *account)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  const char *type = aw_online_account_get_provider_type (account);
  const char *name = NULL;

  if (g_strcmp0 (type, "google") == 0)
    name = "goa-account-google";
  else if (g_strcmp0 (type, "windows_live") == 0 || g_strcmp0 (type, "ms_graph") == 0)
    name = "goa-account-msn";
  if (name != NULL && gtk_icon_theme_has_icon (theme, name))
    return name;
  return "mail-send-symbolic";
}

/* An Online Accounts account: chosen here, edited only in Settings */
static GtkWidget *
create_online_row (gpointer item,
                   gpointer user_data)
{
  AwPreferencesWindow *self = user_data;
  AwOnlineAccount *account = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  g_autofree char *account_id = g_strconcat ("goa:", aw_online_account_get_id (account), NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), aw_online_account_get_address (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), aw_online_account_get_provider_name (account));
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), provider_icon_name (GTK_WIDGET (self), account));
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  aw_online_account_get_provider_name (account), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  add_default_check (self, row, account_id);
  return row;
}

static void
update_online_group (AwPreferencesWindow *self)
{
  gboolean available = aw_online_accounts_get_available (self->online_accounts);
  gboolean loading = aw_online_accounts_get_loading (self->online_accounts);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->online_accounts));

  gtk_widget_set_visible (GTK_WIDGET (self->online_list), available && n > 0);
  gtk_widget_set_visible (self->online_settings_button,
                          available && aw_online_accounts_can_open_settings ());
  if (loading)
    gtk_widget_set_visible (GTK_WIDGET (self->online_status_label), FALSE);
  else
    {
      gtk_label_set_text (self->online_status_label,
                          !available ? _("Online Accounts is not available on this computer.")
                                     : _("No mail account in Settings → Online Accounts yet."));
      gtk_widget_set_visible (GTK_WIDGET (self->online_status_label), !available || n == 0);
    }
}

/**
 * aw_preferences_window_set_online_accounts:
 * @accounts: (nullable): the application's Online Accounts list
 */
void
aw_preferences_window_set_online_accounts (AwPreferencesWindow *self,
                                           AwOnlineAccounts    *accounts)
{
  g_return_if_fail (AW_IS_PREFERENCES_WINDOW (self));

  aw_account_actions_follow_online (&self->online_accounts, accounts,
                                    G_CALLBACK (update_online_group), self);
  gtk_widget_set_visible (GTK_WIDGET (self->online_group), accounts != NULL);
  if (accounts == NULL)
    {
      gtk_list_box_bind_model (self->online_list, NULL, NULL, NULL, NULL);
      return;
    }
  gtk_list_box_bind_model (self->online_list, G_LIST_MODEL (accounts), create_online_row,
                           self, NULL);
  update_online_group (self);
}

static void
open_online_settings_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  aw_account_actions_open_online_settings (AW_PREFERENCES_WINDOW (widget)->error_label);
}

static void
add_account_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  aw_preferences_window_edit_account (AW_PREFERENCES_WINDOW (widget), NULL);
}

/**
 * aw_preferences_window_new_with_store:
 * @store: (nullable): %NULL for aw_account_store_get_default()
 */
AwPreferencesWindow *
aw_preferences_window_new_with_store (GtkWindow      *parent,
                                      AwAccountStore *store)
{
  AwPreferencesWindow *self = g_object_new (AW_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            NULL);

  self->store = g_object_ref (store != NULL ? store : aw_account_store_get_default ());
  gtk_list_box_bind_model (self->accounts_list, G_LIST_MODEL (self->store), create_row, self, NULL);
  if (!aw_account_store_get_loaded (self->store))
    aw_account_store_load_async (self->store, NULL, on_loaded, g_object_ref (self));
  return self;
}

static void
aw_preferences_window_dispose (GObject *object)
{
  AwPreferencesWindow *self = AW_PREFERENCES_WINDOW (object);

  if (self->online_accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->online_accounts, self);
  /* The lists make no more rows once the window is gone */
  if (self->accounts_list != NULL)
    gtk_list_box_bind_model (self->accounts_list, NULL, NULL, NULL, NULL);
  if (self->online_list != NULL)
    gtk_list_box_bind_model (self->online_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), AW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->online_accounts);
  g_clear_object (&self->default_group);

  G_OBJECT_CLASS (aw_preferences_window_parent_class)->dispose (object);
}

static void
aw_preferences_window_class_init (AwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aw_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AwPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, AwPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, AwPreferencesWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AwPreferencesWindow, spell_check_switch);
  gtk_widget_class_bind_template_child (widget_class, AwPreferencesWindow, online_group);
  gtk_widget_class_bind_template_child (widget_class, AwPreferencesWindow, online_settings_button);
  gtk_widget_class_bind_template_child (widget_class, AwPreferencesWindow, online_status_label);
  gtk_widget_class_bind_template_child (widget_class, AwPreferencesWindow, online_list);

  gtk_widget_class_install_action (widget_class, "prefs.add-account", NULL, add_account_activated);
  gtk_widget_class_install_action (widget_class, "prefs.open-online-settings", NULL,
                                   open_online_settings_activated);
}

static void
aw_preferences_window_init (AwPreferencesWindow *self)
{
  g_autoptr(GSettings) settings = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->default_group = g_object_ref_sink (gtk_check_button_new ());
  /* The binding keeps the settings object alive as long as the switch */
  settings = g_settings_new (APP_ID);
  g_settings_bind (settings, "spell-check", self->spell_check_switch, "active", G_SETTINGS_BIND_DEFAULT);
}
