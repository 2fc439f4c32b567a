/* aw-window.c: the main window: start page and, behind it, the follow-up flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-window.h"

struct _AwWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *start_page;
  GtkButton            *new_follow_up_button;
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
  save_window_state (AW_WINDOW (window));

  return GTK_WINDOW_CLASS (aw_window_parent_class)->close_request (window);
}

static void
new_follow_up_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  AwWindow *self = user_data;

  /* The wizard lands behind this page; until then the start page stays. */
  gtk_stack_set_visible_child_name (self->main_stack, "start");
}

static const GActionEntry win_actions[] = {
  { "new-follow-up", new_follow_up_activated },
};

static void
aw_window_constructed (GObject *object)
{
  AwWindow *self = AW_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (aw_window_parent_class)->constructed (object);

  if (app != NULL)
    self->settings = g_object_ref (aw_application_get_settings (AW_APPLICATION (app)));
  else
    self->settings = g_settings_new (APP_ID);
  restore_window_state (self);
}

static void
aw_window_dispose (GObject *object)
{
  AwWindow *self = AW_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_WINDOW);
  g_clear_object (&self->settings);

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
}

static void
aw_window_init (AwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
