/* aw-preferences-window.c: sending accounts and other settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-preferences-window.h"

struct _AwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *accounts_group;
};

G_DEFINE_FINAL_TYPE (AwPreferencesWindow, aw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

AwPreferencesWindow *
aw_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (AW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

static void
aw_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AW_TYPE_PREFERENCES_WINDOW);

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
}

static void
aw_preferences_window_init (AwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
