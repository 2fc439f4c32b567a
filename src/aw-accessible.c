/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-accessible.c: small helpers that make controls reachable for assistive tools
 *
 * GTK 4.8 exposes, through AT-SPI, the actions of a widget's own action group (those
 * without a parameter). A check button or an AdwComboRow has none, so a screen reader
 * or a voice control tool could change them only by sending keys. These helpers give
 * them actions. (A control inside an AdwActionRow gets its name in the template: GTK 4.8
 * does not take one from a labelled-by relation to the row.)
 */
#include "config.h"

#include "aw-accessible.h"

static void
select_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (user_data), TRUE);
}

/* Gives @widget a "choice" group with the actions @names, each calling @activated with
 * @widget as user data */
static void
insert_choice_actions (GtkWidget   *widget,
                       const char **names,
                       guint        n_names,
                       GCallback    activated)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  /* The actions live in the widget's own group, so they hold no reference to it. */
  for (guint i = 0; i < n_names; i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], NULL);

      g_signal_connect_object (action, "activate", activated, widget, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (widget, "choice", G_ACTION_GROUP (group));
}

/**
 * aw_accessible_add_select_action:
 *
 * Gives @check the action "choice.select", which makes it the active one of its group.
 */
void
aw_accessible_add_select_action (GtkCheckButton *check)
{
  const char *names[] = { "select" };

  g_return_if_fail (GTK_IS_CHECK_BUTTON (check));

  insert_choice_actions (GTK_WIDGET (check), names, G_N_ELEMENTS (names),
                         G_CALLBACK (select_activated));
}

static void
step_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AdwComboRow *row = ADW_COMBO_ROW (user_data);
  GListModel *model = adw_combo_row_get_model (row);
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint selected = adw_combo_row_get_selected (row);
  gboolean next = g_str_equal (g_action_get_name (G_ACTION (action)), "next");

  if (n_items == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else if (next && selected + 1 < n_items)
    selected++;
  else if (!next && selected > 0)
    selected--;
  adw_combo_row_set_selected (row, selected);
}

/**
 * aw_accessible_add_choice_actions:
 *
 * Gives @row the actions "choice.next" and "choice.previous", which select the item
 * after or before the selected one.
 */
void
aw_accessible_add_choice_actions (AdwComboRow *row)
{
  const char *names[] = { "next", "previous" };

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  insert_choice_actions (GTK_WIDGET (row), names, G_N_ELEMENTS (names),
                         G_CALLBACK (step_activated));
}

static void
name_from_tooltip (GtkWidget  *button,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                    -1);
}

/**
 * aw_accessible_name_icon_buttons:
 *
 * Names every icon-only button inside @widget after its tooltip, and keeps the name in
 * step with it. For the buttons a library builds inside its widgets (the peek button of
 * AdwPasswordEntryRow 1.2 has a tooltip, "Show Text", but no accessible name).
 */
void
aw_accessible_name_icon_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        {
          name_from_tooltip (child, NULL, NULL);
          g_signal_connect (child, "notify::tooltip-text", G_CALLBACK (name_from_tooltip), NULL);
        }
      else
        aw_accessible_name_icon_buttons (child);
    }
}
