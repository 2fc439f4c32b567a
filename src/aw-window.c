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

struct _AwWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  AwDraftStore         *draft_store;
  AwHistory            *history;
  AwDraft              *draft;            /* the follow-up being written */
  char                 *generated_body;   /* the body as the writer made it */
  GPtrArray            *drafts;           /* AwDraft listed on the start page */
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

static void
store_flushed (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_draft_store_flush_finish (AW_DRAFT_STORE (object), result, &error))
    g_warning ("could not save the draft: %s", error->message);
  if (app != NULL)
    g_application_release (app);
}

static gboolean
aw_window_close_request (GtkWindow *window)
{
  AwWindow *self = AW_WINDOW (window);
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  /* A send in progress: ask first (quitting closes the windows, so this covers it). */
  if (aw_send_dialog_confirm_close (window))
    return TRUE;

  save_window_state (self);

  /* Write what is still scheduled; the application stays until it is on disk. */
  if (aw_draft_store_has_pending (self->draft_store))
    {
      if (app != NULL)
        g_application_hold (app);
      aw_draft_store_flush_async (self->draft_store, NULL, store_flushed,
                                  app ? g_object_ref (app) : NULL);
    }

  return GTK_WINDOW_CLASS (aw_window_parent_class)->close_request (window);
}

static void
show_drafts (AwWindow *self)
{
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drafts_list))) != NULL)
    gtk_list_box_remove (self->drafts_list, child);
  for (guint i = 0; i < self->drafts->len; i++)
    {
      AwDraft *draft = g_ptr_array_index (self->drafts, i);

      if (aw_draft_is_empty (draft))
        continue;
      gtk_list_box_append (self->drafts_list, aw_draft_row_new (draft));
      shown++;
    }
  gtk_widget_set_visible (self->drafts_box, shown > 0);
}

static void
drafts_listed (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AwWindow) self = user_data;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  drafts = aw_draft_store_list_finish (AW_DRAFT_STORE (object), result, &error);
  if (drafts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("could not list the drafts: %s", error->message);
      return;
    }
  g_ptr_array_unref (self->drafts);
  self->drafts = g_steal_pointer (&drafts);
  self->drafts_loaded = TRUE;
  show_drafts (self);
}

/**
 * aw_window_reload_drafts:
 *
 * Lists the unfinished drafts on the start page again (from disk, asynchronously).
 */
void
aw_window_reload_drafts (AwWindow *self)
{
  g_return_if_fail (AW_IS_WINDOW (self));

  aw_draft_store_list_async (self->draft_store, self->cancellable, drafts_listed,
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

/* The start page lists the current draft too, once something was typed into it. */
static void
list_current_draft (AwWindow *self)
{
  gboolean known = FALSE;

  if (self->draft == NULL || aw_draft_is_empty (self->draft))
    return;
  for (guint i = 0; i < self->drafts->len; i++)
    known |= g_ptr_array_index (self->drafts, i) == (gpointer) self->draft;
  if (!known)
    g_ptr_array_insert (self->drafts, 0, g_object_ref (self->draft));
  show_drafts (self);
}

static void
show_start (AwWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "start");
  list_current_draft (self);
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

  list_current_draft (self);
  set_current_draft (self, draft);
  open_wizard (self, AW_WIZARD_STEP_CONTEXT);
}

static AwDraft *
find_listed_draft (AwWindow   *self,
                   const char *id,
                   guint      *index)
{
  for (guint i = 0; i < self->drafts->len; i++)
    {
      AwDraft *draft = g_ptr_array_index (self->drafts, i);

      if (g_strcmp0 (aw_draft_get_id (draft), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return draft;
        }
    }
  return NULL;
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

  draft = find_listed_draft (self, id, NULL);
  if (draft == NULL)
    return FALSE;
  list_current_draft (self);
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

typedef struct
{
  AwWindow *window;
  AwDraft  *draft;
  guint     position;
  gboolean  undone;
} DeletedDraft;

static void
deleted_draft_free (gpointer  data,
                    GClosure *closure)
{
  DeletedDraft *deleted = data;

  g_clear_object (&deleted->window);
  g_clear_object (&deleted->draft);
  g_free (deleted);
}

static void
draft_restored (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_draft_store_restore_finish (AW_DRAFT_STORE (object), result, &error))
    g_warning ("could not restore the draft: %s", error->message);
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
on_undo_delete (AdwToast     *toast,
                DeletedDraft *deleted)
{
  AwWindow *self = deleted->window;

  deleted->undone = TRUE;
  g_ptr_array_insert (self->drafts, MIN (deleted->position, self->drafts->len),
                      g_object_ref (deleted->draft));
  show_drafts (self);
  aw_draft_store_restore_async (self->draft_store, aw_draft_get_id (deleted->draft), NULL,
                                draft_restored, g_object_ref (self));
}

static void
on_delete_toast_dismissed (AdwToast     *toast,
                           DeletedDraft *deleted)
{
  if (!deleted->undone)
    aw_draft_store_purge_async (deleted->window->draft_store, aw_draft_get_id (deleted->draft),
                                NULL, draft_purged, NULL);
}

static void
draft_deleted (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_draft_store_delete_finish (AW_DRAFT_STORE (object), result, &error) &&
      !g_error_matches (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND))
    {
      g_warning ("could not delete the draft: %s", error->message);
      aw_window_show_toast (self, _("Could not delete the draft"));
      aw_window_reload_drafts (self);
    }
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
  AwDraft *draft;
  DeletedDraft *deleted;
  AdwToast *toast;
  guint position = 0;

  g_return_if_fail (AW_IS_WINDOW (self));

  draft = find_listed_draft (self, id, &position);
  if (draft == NULL)
    return;

  deleted = g_new0 (DeletedDraft, 1);
  deleted->window = g_object_ref (self);
  deleted->draft = g_object_ref (draft);
  deleted->position = position;
  g_ptr_array_remove_index (self->drafts, position);
  show_drafts (self);

  aw_draft_store_delete_async (self->draft_store, id, NULL, draft_deleted, g_object_ref (self));

  toast = adw_toast_new (_("Draft deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_delete), deleted);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), deleted,
                         deleted_draft_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_draft_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  aw_window_delete_draft (AW_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
sent_draft_deleted (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree char *id = user_data;
  g_autoptr(GError) error = NULL;

  if (!aw_draft_store_delete_finish (AW_DRAFT_STORE (object), result, &error))
    {
      if (!g_error_matches (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_NOT_FOUND))
        g_warning ("could not remove the sent draft: %s", error->message);
      return;
    }
  aw_draft_store_purge_async (AW_DRAFT_STORE (object), id, NULL, draft_purged, NULL);
}

static void
on_follow_up_sent (AwSendDialog   *dialog,
                   AwHistoryEntry *entry,
                   AwWindow       *self)
{
  AwDraft *draft = aw_send_dialog_get_draft (dialog);
  g_autofree char *id = g_strdup (aw_draft_get_id (draft));
  guint position;

  /* Sent: it is no longer an unfinished draft. */
  if (self->draft == draft)
    {
      aw_wizard_set_draft (self->wizard, NULL);
      aw_editor_page_set_draft (self->editor_page, NULL);
      set_current_draft (self, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "start");
    }
  if (find_listed_draft (self, id, &position) != NULL)
    {
      g_ptr_array_remove_index (self->drafts, position);
      show_drafts (self);
    }
  aw_draft_store_delete_async (self->draft_store, id, NULL, sent_draft_deleted, g_strdup (id));
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
 * Returns: (transfer none): where the window autosaves drafts
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

  aw_window_reload_drafts (self);
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
  if (self->draft != NULL)
    aw_draft_store_untrack (self->draft_store, self->draft);
  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->history);
  g_clear_object (&self->draft);
  g_clear_object (&self->draft_store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
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

  self->draft_store = aw_draft_store_new (NULL);
  self->drafts = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
