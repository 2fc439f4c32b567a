/* aw-history-list.c: the follow-ups already sent, for the start page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-history-list.h"

struct _AwHistoryList
{
  AdwBin      parent_instance;

  AwHistory  *history;
  GtkWidget  *group;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (AwHistoryList, aw_history_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
aw_history_list_new (AwHistory *history)
{
  return g_object_new (AW_TYPE_HISTORY_LIST, "history", history, NULL);
}

AwHistory *
aw_history_list_get_history (AwHistoryList *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_LIST (self), NULL);
  return self->history;
}

GtkWidget *
aw_history_list_get_row (AwHistoryList *self,
                         guint          index)
{
  g_return_val_if_fail (AW_IS_HISTORY_LIST (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) index));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AwHistoryEntry *entry = item;
  g_autofree char *title = aw_history_entry_describe (entry);
  GtkWidget *row = adw_action_row_new ();
  const char *role = aw_history_entry_get_role (entry);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (aw_history_entry_get_status (entry) == AW_HISTORY_STATUS_DELIVERY_UNCERTAIN)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Delivery uncertain: the server never confirmed it. Check your Sent folder before sending again."));
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("mail-send-symbolic");

      gtk_widget_add_css_class (icon, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (role != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role);
    }
  return row;
}

static void
update_visibility (AwHistoryList *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->history != NULL &&
                          g_list_model_get_n_items (G_LIST_MODEL (self->history)) > 0);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!aw_history_load_finish (AW_HISTORY (source), result, &error))
    g_debug ("history: %s", error->message);
}

void
aw_history_list_set_history (AwHistoryList *self,
                             AwHistory     *history)
{
  g_return_if_fail (AW_IS_HISTORY_LIST (self));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (history), create_row, self, NULL);
  if (history != NULL)
    {
      g_signal_connect_swapped (history, "items-changed", G_CALLBACK (update_visibility), self);
      if (!aw_history_get_loaded (history))
        aw_history_load_async (history, NULL, on_loaded, NULL);
    }
  update_visibility (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

static void
aw_history_list_dispose (GObject *object)
{
  AwHistoryList *self = AW_HISTORY_LIST (object);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (aw_history_list_parent_class)->dispose (object);
}

static void
aw_history_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_HISTORY: g_value_set_object (value, AW_HISTORY_LIST (object)->history); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_history_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_HISTORY: aw_history_list_set_history (AW_HISTORY_LIST (object), g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_history_list_class_init (AwHistoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aw_history_list_dispose;
  object_class->get_property = aw_history_list_get_property;
  object_class->set_property = aw_history_list_set_property;

  /* NULL: the user's history (aw_history_get_default()) */
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, AW_TYPE_HISTORY,
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                  G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "aw-history-list");
}

static void
aw_history_list_init (AwHistoryList *self)
{
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Sent Follow-Ups"));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), GTK_WIDGET (self->list));
  adw_bin_set_child (ADW_BIN (self), self->group);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
