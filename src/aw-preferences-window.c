/* aw-preferences-window.c: sending accounts and other settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-password-store.h"
#include "aw-preferences-window.h"

struct _AwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AwAccountStore       *store;

  AdwPreferencesGroup  *accounts_group;
  GtkListBox           *accounts_list;
  GtkLabel             *error_label;
  GtkSwitch            *spell_check_switch;
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
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
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
  return row;
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

  gtk_widget_dispose_template (GTK_WIDGET (object), AW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);

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

  gtk_widget_class_install_action (widget_class, "prefs.add-account", NULL, add_account_activated);
}

static void
aw_preferences_window_init (AwPreferencesWindow *self)
{
  g_autoptr(GSettings) settings = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The binding keeps the settings object alive as long as the switch */
  settings = g_settings_new (APP_ID);
  g_settings_bind (settings, "spell-check", self->spell_check_switch, "active", G_SETTINGS_BIND_DEFAULT);
}
