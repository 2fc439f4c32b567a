/* aw-window.c: the main window: start page and, behind it, the follow-up flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-draft-row.h"
#include "aw-draft-store.h"
#include "aw-draft-writer.h"
#include "aw-editor-page.h"
#include "aw-history.h"
#include "aw-history-list.h"
#include "aw-send-dialog.h"
#include "aw-window.h"
#include "aw-wizard.h"

/* The drafts, the sends in progress and what happens to a draft (delete, undo, sent) are
 * the application's (aw-application.c) and the store's; the window shows them. */

struct _AwWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  AwDraftStore         *draft_store;
  AwHistory            *history;
  AwDraft              *draft;            /* the follow-up being written */
  char                 *generated_body;   /* the body as the writer made it */
  GCancellable         *cancellable;
  guint                 drafts_loaded : 1;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *start_page;
  GtkButton            *new_follow_up_button;
  GtkWidget            *start_box;
  GtkWidget            *drafts_box;
  GtkListBox           *drafts_list;
  AwWizard             *wizard;
  AwEditorPage         *editor_page;
};

G_DEFINE_FINAL_TYPE (AwWindow, aw_window, ADW_TYPE_APPLICATION_WINDOW)

AwWindow *
aw_window_new (AwApplication *application)
{
  return g_object_new (AW_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * aw_window_show_toast:
 * @title: a short, already translated sentence
 */
void
aw_window_show_toast (AwWindow   *self,
                      const char *title)
{
  g_return_if_fail (AW_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
restore_window_state (AwWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (AwWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
aw_window_close_request (GtkWindow *window)
{
  AwWindow *self = AW_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);

  /* A send in progress: ask first (quitting closes the windows, so this covers it). */
  if (aw_send_dialog_confirm_close (window))
    return TRUE;

  save_window_state (self);

  if (AW_IS_APPLICATION (app))
    aw_application_save_drafts (AW_APPLICATION (app));

  return GTK_WINDOW_CLASS (aw_window_parent_class)->close_request (window);
}

static void
drafts_changed (AwWindow *self)
{
  GListModel *drafts = G_LIST_MODEL (self->draft_store);

  gtk_widget_set_visible (self->drafts_box, g_list_model_get_n_items (drafts) > 0);
}

static GtkWidget *
create_draft_row (gpointer item,
                  gpointer user_data)
{
  return aw_draft_row_new (item);
}

static void
drafts_refreshed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_draft_store_refresh_finish (AW_DRAFT_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("could not list the drafts: %s", error->message);
      return;
    }
  self->drafts_loaded = TRUE;
}

/**
 * aw_window_reload_drafts:
 *
 * Reads the drafts folder again (asynchronously); the start page follows the store.
 */
void
aw_window_reload_drafts (AwWindow *self)
{
  g_return_if_fail (AW_IS_WINDOW (self));

  aw_draft_store_refresh_async (self->draft_store, self->cancellable, drafts_refreshed,
                                g_object_ref (self));
}

static void
history_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The editor's check follows the history's items-changed by itself */
  if (!aw_history_load_finish (AW_HISTORY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("could not load the sent history: %s", error->message);
}

/**
 * aw_window_set_history:
 * @history: (nullable): the sent follow-ups, for repeat-follow-up
 */
void
aw_window_set_history (AwWindow  *self,
                       AwHistory *history)
{
  g_return_if_fail (AW_IS_WINDOW (self));

  g_set_object (&self->history, history);
  aw_editor_page_set_history (self->editor_page, history);
  if (history != NULL && !aw_history_get_loaded (history))
    aw_history_load_async (history, self->cancellable, history_loaded, g_object_ref (self));
}

static void
set_current_draft (AwWindow *self,
                   AwDraft  *draft)
{
  if (self->draft == draft)
    return;
  if (self->draft != NULL)
    aw_draft_store_untrack (self->draft_store, self->draft);
  g_set_object (&self->draft, draft);
  g_clear_pointer (&self->generated_body, g_free);
  if (draft != NULL)
    aw_draft_store_track (self->draft_store, draft);
}

static void
open_wizard (AwWindow   *self,
             const char *step)
{
  aw_wizard_set_draft (self->wizard, self->draft);
  aw_wizard_set_step (self->wizard, step);
  gtk_stack_set_visible_child_name (self->main_stack, "wizard");
  gtk_widget_grab_focus (GTK_WIDGET (self->wizard));
}

static void
open_editor (AwWindow *self)
{
  aw_editor_page_set_draft (self->editor_page, self->draft);
  gtk_stack_set_visible_child_name (self->main_stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (aw_editor_page_get_body_view (self->editor_page)));
}

static void
show_start (AwWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "start");
  aw_wizard_set_draft (self->wizard, NULL);
  aw_editor_page_set_draft (self->editor_page, NULL);
  set_current_draft (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->new_follow_up_button));
}

static void
on_wizard_cancelled (AwWindow *self)
{
  show_start (self);
}

static void
on_wizard_finished (AwWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *body = aw_draft_get_body (self->draft);

  /* Write (again) unless the person has edited the text the writer made. */
  if (body == NULL || *body == '\0' || g_strcmp0 (body, self->generated_body) == 0)
    {
      if (!aw_draft_writer_write (self->draft, &error))
        {
          aw_window_show_toast (self, error->message);
          return;
        }
      g_free (self->generated_body);
      self->generated_body = g_strdup (aw_draft_get_body (self->draft));
    }
  else
    {
      AdwToast *toast = adw_toast_new (_("Your edited text was kept"));

      /* Translators: button in a toast: write the email again from the answers */
      adw_toast_set_button_label (toast, _("_Rewrite"));
      adw_toast_set_action_name (toast, "win.rewrite-follow-up");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  open_editor (self);
}

static void
rewrite_follow_up_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  AwWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->draft == NULL)
    return;
  if (!aw_draft_writer_write (self->draft, &error))
    {
      aw_window_show_toast (self, error->message);
      return;
    }
  g_free (self->generated_body);
  self->generated_body = g_strdup (aw_draft_get_body (self->draft));
  open_editor (self);
}

static void
on_editor_back (AwWindow *self)
{
  open_wizard (self, AW_WIZARD_STEP_FEEDBACK);
}

static void
new_follow_up_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  AwWindow *self = user_data;
  g_autoptr(AwDraft) draft = aw_draft_new ();

  set_current_draft (self, draft);
  open_wizard (self, AW_WIZARD_STEP_CONTEXT);
}

/**
 * aw_window_resume_draft:
 *
 * Opens a listed draft: in the editor when it has a body, else in the wizard.
 *
 * Returns: whether a draft with that id was listed
 */
gboolean
aw_window_resume_draft (AwWindow   *self,
                        const char *id)
{
  AwDraft *draft;
  const char *body;

  g_return_val_if_fail (AW_IS_WINDOW (self), FALSE);

  draft = aw_draft_store_lookup (self->draft_store, id);
  if (draft == NULL)
    return FALSE;
  set_current_draft (self, draft);
  body = aw_draft_get_body (draft);
  if (body != NULL && *body != '\0')
    open_editor (self);
  else
    open_wizard (self, aw_draft_is_context_valid (draft) ? AW_WIZARD_STEP_TONE : AW_WIZARD_STEP_CONTEXT);
  return TRUE;
}

static void
resume_draft_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  aw_window_resume_draft (AW_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

/**
 * aw_window_delete_draft:
 *
 * Removes a listed draft, with an Undo button in a toast.
 */
void
aw_window_delete_draft (AwWindow   *self,
                        const char *id)
{
  GtkApplication *app;

  g_return_if_fail (AW_IS_WINDOW (self));

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (AW_IS_APPLICATION (app))
    aw_application_delete_draft (AW_APPLICATION (app), id, self->toast_overlay);
}

static void
delete_draft_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  aw_window_delete_draft (AW_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
on_follow_up_sent (AwSendDialog   *dialog,
                   AwHistoryEntry *entry,
                   AwWindow       *self)
{
  AwDraft *draft = aw_send_dialog_get_draft (dialog);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* Sent: it is no longer an unfinished draft. */
  if (self->draft == draft)
    {
      aw_wizard_set_draft (self->wizard, NULL);
      aw_editor_page_set_draft (self->editor_page, NULL);
      set_current_draft (self, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "start");
    }
  if (AW_IS_APPLICATION (app))
    aw_application_draft_sent (AW_APPLICATION (app), draft);
  aw_window_show_toast (self, _("Follow-up sent"));
}

static void
send_follow_up_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  AwWindow *self = user_data;
  AwSendDialog *dialog;

  if (self->draft == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "editor") != 0)
    return;
  dialog = aw_send_dialog_present (GTK_WINDOW (self), self->draft);
  if (dialog != NULL)
    g_signal_connect_object (dialog, "sent", G_CALLBACK (on_follow_up_sent), self, 0);
}

static const GActionEntry win_actions[] = {
  { "new-follow-up", new_follow_up_activated },
  { "resume-draft", resume_draft_activated, "s" },
  { "delete-draft", delete_draft_activated, "s" },
  { "send-follow-up", send_follow_up_activated },
  { "rewrite-follow-up", rewrite_follow_up_activated },
};

/**
 * aw_window_get_draft_store:
 *
 * Returns: (transfer none) (nullable): where the window autosaves drafts: the
 *   application's, %NULL until the window has one
 */
AwDraftStore *
aw_window_get_draft_store (AwWindow *self)
{
  g_return_val_if_fail (AW_IS_WINDOW (self), NULL);

  return self->draft_store;
}

/**
 * aw_window_get_draft:
 *
 * Returns: (transfer none) (nullable): the follow-up being written
 */
AwDraft *
aw_window_get_draft (AwWindow *self)
{
  g_return_val_if_fail (AW_IS_WINDOW (self), NULL);

  return self->draft;
}

/**
 * aw_window_get_drafts_loaded:
 *
 * Returns: whether the start page lists the drafts on disk
 */
gboolean
aw_window_get_drafts_loaded (AwWindow *self)
{
  g_return_val_if_fail (AW_IS_WINDOW (self), FALSE);

  return self->drafts_loaded;
}

/* The session's drafts, once the window belongs to the application */
static void
on_application_changed (AwWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  AwDraftStore *store;

  if (!AW_IS_APPLICATION (app))
    return;
  store = aw_application_get_draft_store (AW_APPLICATION (app));
  if (store == self->draft_store)
    return;
  g_assert (self->draft_store == NULL);
  self->draft_store = g_object_ref (store);
  gtk_list_box_bind_model (self->drafts_list, G_LIST_MODEL (store), create_draft_row, NULL, NULL);
  g_signal_connect_object (store, "items-changed", G_CALLBACK (drafts_changed), self,
                           G_CONNECT_SWAPPED);
  drafts_changed (self);
  aw_window_reload_drafts (self);
}

static void
aw_window_constructed (GObject *object)
{
  AwWindow *self = AW_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkWidget *history_list;

  G_OBJECT_CLASS (aw_window_parent_class)->constructed (object);

  if (app != NULL)
    self->settings = g_object_ref (aw_application_get_settings (AW_APPLICATION (app)));
  else
    self->settings = g_settings_new (APP_ID);
  restore_window_state (self);

  /* g_object_new sets the application after constructed, and notifies it */
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  on_application_changed (self);
  aw_window_set_history (self, aw_history_get_default ());

  history_list = aw_history_list_new (self->history);
  gtk_widget_set_name (history_list, "history_list");
  gtk_widget_set_size_request (history_list, 320, -1);
  gtk_box_append (GTK_BOX (self->start_box), history_list);
}

static void
aw_window_dispose (GObject *object)
{
  AwWindow *self = AW_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->draft != NULL && self->draft_store != NULL)
    aw_draft_store_untrack (self->draft_store, self->draft);
  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->history);
  g_clear_object (&self->draft);
  g_clear_object (&self->draft_store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->generated_body, g_free);

  G_OBJECT_CLASS (aw_window_parent_class)->dispose (object);
}

static void
aw_window_class_init (AwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = aw_window_constructed;
  object_class->dispose = aw_window_dispose;
  window_class->close_request = aw_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AwWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, AwWindow, new_follow_up_button);
  gtk_widget_class_bind_template_child (widget_class, AwWindow, start_box);
  gtk_widget_class_bind_template_child (widget_class, AwWindow, drafts_box);
  gtk_widget_class_bind_template_child (widget_class, AwWindow, drafts_list);
  gtk_widget_class_bind_template_child (widget_class, AwWindow, wizard);
  gtk_widget_class_bind_template_child (widget_class, AwWindow, editor_page);
  gtk_widget_class_bind_template_callback (widget_class, on_wizard_cancelled);
  gtk_widget_class_bind_template_callback (widget_class, on_wizard_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_back);
}

static void
aw_window_init (AwWindow *self)
{
  g_type_ensure (AW_TYPE_WIZARD);
  g_type_ensure (AW_TYPE_EDITOR_PAGE);

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
