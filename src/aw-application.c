/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-application.c: application actions, shortcuts, about window; the session: the
 * drafts and the sends in progress, shared by every window
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-application.h"
#include "aw-ui-resources.h"
#include "aw-preferences-window.h"
#include "aw-window.h"

struct _AwApplication
{
  AdwApplication  parent_instance;

  GSettings        *settings;
  AwOnlineAccounts *online_accounts;
  AwDraftStore     *draft_store;
  GPtrArray        *sends;           /* GtkWindow, unowned: each removes itself */
};

G_DEFINE_FINAL_TYPE (AwApplication, aw_application, ADW_TYPE_APPLICATION)

AwApplication *
aw_application_new (void)
{
  return g_object_new (AW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/afterword/Afterword",
                       NULL);
}

/**
 * aw_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
aw_application_get_settings (AwApplication *self)
{
  g_return_val_if_fail (AW_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * aw_application_get_online_accounts:
 *
 * Returns: (transfer none) (nullable): the Online Accounts list, %NULL before startup
 */
AwOnlineAccounts *
aw_application_get_online_accounts (AwApplication *self)
{
  g_return_val_if_fail (AW_IS_APPLICATION (self), NULL);

  return self->online_accounts;
}

/**
 * aw_application_get_draft_store:
 *
 * Returns: (transfer none): the drafts of the session
 */
AwDraftStore *
aw_application_get_draft_store (AwApplication *self)
{
  g_return_val_if_fail (AW_IS_APPLICATION (self), NULL);

  return self->draft_store;
}

static void
drafts_saved (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_draft_store_flush_finish (AW_DRAFT_STORE (object), result, &error))
    g_warning ("could not save the draft: %s", error->message);
  g_application_release (app);
}

void
aw_application_save_drafts (AwApplication *self)
{
  g_return_if_fail (AW_IS_APPLICATION (self));

  if (!aw_draft_store_has_pending (self->draft_store))
    return;
  g_application_hold (G_APPLICATION (self));
  aw_draft_store_flush_async (self->draft_store, NULL, drafts_saved, g_object_ref (self));
}

#define TOAST_DRAFT_ID "aw-draft-id"
#define TOAST_OVERLAY "aw-toast-overlay"

/* A toast in @toasts, if its window is still open */
static void
add_toast_if_shown (AdwToastOverlay *toasts,
                    const char      *title)
{
  if (gtk_widget_get_root (GTK_WIDGET (toasts)) != NULL)
    adw_toast_overlay_add_toast (toasts, adw_toast_new (title));
}

static void
draft_purged (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!aw_draft_store_purge_finish (AW_DRAFT_STORE (object), result, &error))
    g_debug ("could not purge a deleted draft: %s", error->message);
}

static void
draft_restored (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) toasts = user_data;
  g_autoptr(GError) error = NULL;

  /* The store leaves it off the list; say so rather than let the undo look done */
  if (!aw_draft_store_restore_finish (AW_DRAFT_STORE (object), result, &error))
    {
      g_warning ("could not restore the draft: %s", error->message);
      add_toast_if_shown (toasts, _("Could not restore the draft"));
    }
}

static void
on_undo_delete (AdwToast      *toast,
                AwApplication *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), TOAST_DRAFT_ID);
  AdwToastOverlay *toasts = g_object_get_data (G_OBJECT (toast), TOAST_OVERLAY);

  aw_draft_store_restore_async (self->draft_store, id, NULL, draft_restored,
                                g_object_ref (toasts));
}

/* Purging after an undo does nothing: the store lists the draft again. */
static void
on_delete_toast_dismissed (AdwToast      *toast,
                           AwApplication *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), TOAST_DRAFT_ID);

  aw_draft_store_purge_async (self->draft_store, id, NULL, draft_purged, NULL);
}

static void
draft_deleted (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) toasts = user_data;
  g_autoptr(GError) error = NULL;

  /* The store lists it again when its file could not move */
  if (!aw_draft_store_delete_finish (AW_DRAFT_STORE (object), result, &error) &&
      !g_error_matches (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND))
    {
      g_warning ("could not delete the draft: %s", error->message);
      add_toast_if_shown (toasts, _("Could not delete the draft"));
    }
}

void
aw_application_delete_draft (AwApplication   *self,
                             const char      *id,
                             AdwToastOverlay *toasts)
{
  AdwToast *toast;

  g_return_if_fail (AW_IS_APPLICATION (self));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));

  if (aw_draft_store_lookup (self->draft_store, id) == NULL)
    return;
  aw_draft_store_delete_async (self->draft_store, id, NULL, draft_deleted, g_object_ref (toasts));

  toast = adw_toast_new (_("Draft deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), TOAST_DRAFT_ID, g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (toast), TOAST_OVERLAY, g_object_ref (toasts), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (toasts, toast);
}

static void
sent_draft_removed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!aw_draft_store_remove_finish (AW_DRAFT_STORE (object), result, &error) &&
      !g_error_matches (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND))
    g_warning ("could not remove the sent draft: %s", error->message);
}

void
aw_application_draft_sent (AwApplication *self,
                           AwDraft       *draft)
{
  g_return_if_fail (AW_IS_APPLICATION (self));
  g_return_if_fail (AW_IS_DRAFT (draft));

  aw_draft_store_remove_async (self->draft_store, aw_draft_get_id (draft), NULL,
                               sent_draft_removed, NULL);
}

/* The list of @self, of the default application when @self is NULL, or, with no
 * application at all (a test showing a sheet alone), the list for sheets outside any. */
static GPtrArray *
sends_of (AwApplication *self)
{
  static GPtrArray *outside_any;
  GApplication *app = g_application_get_default ();

  if (self == NULL && AW_IS_APPLICATION (app))
    self = AW_APPLICATION (app);
  if (self != NULL)
    return self->sends;
  if (outside_any == NULL)
    outside_any = g_ptr_array_new ();
  return outside_any;
}

void
aw_application_add_send (AwApplication *self,
                         GtkWindow     *sheet)
{
  g_return_if_fail (self == NULL || AW_IS_APPLICATION (self));
  g_return_if_fail (GTK_IS_WINDOW (sheet));

  g_ptr_array_add (sends_of (self), sheet);
}

void
aw_application_remove_send (AwApplication *self,
                            GtkWindow     *sheet)
{
  g_return_if_fail (self == NULL || AW_IS_APPLICATION (self));

  g_ptr_array_remove (sends_of (self), sheet);
}

/**
 * aw_application_get_sends:
 * @self: (nullable): the application, or %NULL for the default one
 *
 * Returns: (transfer none) (element-type GtkWindow): the open review sheets
 */
GPtrArray *
aw_application_get_sends (AwApplication *self)
{
  g_return_val_if_fail (self == NULL || AW_IS_APPLICATION (self), NULL);

  return sends_of (self);
}

static AwWindow *
get_or_create_window (AwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (aw_window_new (self));
  return AW_WINDOW (window);
}

static void
aw_application_activate (GApplication *app)
{
  AwWindow *window = get_or_create_window (AW_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AwApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows rather than quit outright, so each can refuse (a send in progress). */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AwPreferencesWindow *preferences = aw_preferences_window_new (parent);

  aw_preferences_window_set_online_accounts (preferences, self->online_accounts);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Afterword developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Afterword"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Afterword developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Afterword developers",
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static void
aw_application_startup (GApplication *app)
{
  AwApplication *self = AW_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };

  G_APPLICATION_CLASS (aw_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  /* Asks the service in the background: startup never waits for it */
  self->online_accounts = aw_online_accounts_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-follow-up",
                                         new_accels);

  /* Dark style follows the system: libadwaita's default, stated for clarity. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static void
aw_application_finalize (GObject *object)
{
  AwApplication *self = AW_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->online_accounts);
  g_clear_object (&self->draft_store);
  g_clear_pointer (&self->sends, g_ptr_array_unref);

  G_OBJECT_CLASS (aw_application_parent_class)->finalize (object);
}

static void
aw_application_class_init (AwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The resources live in a static library: reference them so the linker keeps
   * the object whose constructor registers them. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) aw_ui_get_resource ();

  object_class->finalize = aw_application_finalize;
  app_class->activate = aw_application_activate;
  app_class->startup = aw_application_startup;
}

static void
aw_application_init (AwApplication *self)
{
  self->sends = g_ptr_array_new ();
  /* Here rather than at startup: the folder is known, and nothing is read until a
   * window asks for the list. */
  self->draft_store = aw_draft_store_new (NULL);
}
