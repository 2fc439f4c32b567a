/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-spell-menu.c: the suggestions in the context menus of the subject and the body
 *
 * One GMenu serves as the extra menu of both views. A right click or the menu key fills
 * it for the misspelled word there (the "target"): up to five suggestions, "Add to
 * Dictionary" and "Ignore All". The actions live in the views' "spelling" group.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-spell-controller-private.h"
#include "aw-spell-menu.h"
#include "aw-text-edit.h"

#define MAX_SUGGESTIONS 5

struct _AwSpellMenu
{
  GObject             parent_instance;

  AwSpellController  *controller;  /* not owned: it owns this menu */
  GtkTextView        *body;        /* not owned: the editor owns both views */
  GtkEntry           *subject;

  GMenu              *menu;
  GMenu              *suggestions_section;
  GMenu              *actions_section;
  GSimpleActionGroup *actions;
  gboolean            target_subject;
  int                 target_start;
  int                 target_end;
  char               *target_word;
};

G_DEFINE_FINAL_TYPE (AwSpellMenu, aw_spell_menu, G_TYPE_OBJECT)

static GtkTextBuffer *
body_buffer (AwSpellMenu *self)
{
  return gtk_text_view_get_buffer (self->body);
}

static void
set_actions_enabled (AwSpellMenu *self,
                     gboolean     enabled)
{
  const char *names[] = { "correct", "add", "ignore" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              names[i])),
                                 enabled);
}

static char *
dup_text (AwSpellMenu *self,
          gboolean     subject,
          int          start,
          int          end)
{
  if (subject)
    return gtk_editable_get_chars (GTK_EDITABLE (self->subject), start, end);
  return aw_text_edit_dup_range (body_buffer (self), start, end);
}

static void
append_suggestions (AwSpellMenu *self)
{
  AwSpellChecker *checker = aw_spell_controller_get_checker (self->controller);
  g_auto(GStrv) suggestions = aw_spell_checker_suggest (checker, self->target_word, MAX_SUGGESTIONS);

  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (NULL, NULL);
      g_autoptr(GString) label = g_string_new (suggestions[i]);

      /* A suggestion is shown as it is, never as a mnemonic */
      g_string_replace (label, "_", "__", 0);
      g_menu_item_set_label (item, label->str);
      g_menu_item_set_action_and_target_value (item, "spelling.correct",
                                               g_variant_new_string (suggestions[i]));
      g_menu_append_item (self->suggestions_section, item);
    }
}

void
aw_spell_menu_prepare (AwSpellMenu *self,
                       gboolean     subject,
                       int          offset)
{
  const AwSpellRange *found;

  g_return_if_fail (AW_IS_SPELL_MENU (self));

  g_menu_remove_all (self->suggestions_section);
  g_menu_remove_all (self->actions_section);
  g_clear_pointer (&self->target_word, g_free);
  set_actions_enabled (self, FALSE);
  if (self->controller == NULL || !aw_spell_controller_is_active (self->controller))
    return;

  found = aw_spell_controller_find_range (self->controller, subject, offset);
  if (found == NULL)
    return;

  self->target_subject = subject;
  self->target_start = found->start;
  self->target_end = found->end;
  self->target_word = dup_text (self, subject, found->start, found->end);

  append_suggestions (self);
  g_menu_append (self->actions_section, _("Add to Dictionary"), "spelling.add");
  /* Translators: the misspelled word stays unflagged in this draft only */
  g_menu_append (self->actions_section, _("Ignore All"), "spelling.ignore");
  set_actions_enabled (self, TRUE);
}

GMenuModel *
aw_spell_menu_get_model (AwSpellMenu *self)
{
  g_return_val_if_fail (AW_IS_SPELL_MENU (self), NULL);

  return G_MENU_MODEL (self->menu);
}

GActionGroup *
aw_spell_menu_get_actions (AwSpellMenu *self)
{
  g_return_val_if_fail (AW_IS_SPELL_MENU (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

/* The target word is still where the menu found it */
static gboolean
target_is_current (AwSpellMenu *self)
{
  g_autofree char *now = NULL;

  if (self->target_word == NULL || self->body == NULL)
    return FALSE;
  now = dup_text (self, self->target_subject, self->target_start, self->target_end);
  return g_strcmp0 (now, self->target_word) == 0;
}

static void
correct_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AwSpellMenu *self = user_data;
  const char *replacement = g_variant_get_string (parameter, NULL);

  if (!target_is_current (self))
    return;
  if (self->target_subject)
    {
      GtkEditable *editable = GTK_EDITABLE (self->subject);
      int position = aw_text_edit_replace_in_editable (editable, self->target_start,
                                                       self->target_end, replacement);

      gtk_editable_set_position (editable, position);
    }
  else
    aw_text_edit_replace_in_buffer (body_buffer (self), self->target_start, self->target_end,
                                    replacement);
  g_clear_pointer (&self->target_word, g_free);
}

static void
add_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  AwSpellMenu *self = user_data;
  g_autofree char *word = g_steal_pointer (&self->target_word);

  if (word != NULL && self->controller != NULL)
    aw_spell_controller_add_word (self->controller, word);
}

static void
ignore_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AwSpellMenu *self = user_data;
  g_autofree char *word = g_steal_pointer (&self->target_word);

  if (word != NULL && self->controller != NULL)
    aw_spell_controller_ignore_word (self->controller, word);
}

static void
on_body_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 AwSpellMenu     *self)
{
  GtkTextBuffer *buffer = body_buffer (self);
  GtkTextIter iter, start, end;
  int bx, by;

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_SECONDARY)
    return;
  gtk_text_view_window_to_buffer_coords (self->body, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->body, &iter, bx, by);
  /* The menu is about the word clicked, unless the click is inside a selection */
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end) ||
      !gtk_text_iter_in_range (&iter, &start, &end))
    gtk_text_buffer_place_cursor (buffer, &iter);
  aw_spell_menu_prepare (self, FALSE, gtk_text_iter_get_offset (&iter));
}

static gboolean
is_menu_key (guint           keyval,
             GdkModifierType state)
{
  return keyval == GDK_KEY_Menu ||
         ((keyval == GDK_KEY_F10 || keyval == GDK_KEY_KP_F4) && (state & GDK_SHIFT_MASK) != 0);
}

static gboolean
on_body_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             AwSpellMenu           *self)
{
  GtkTextIter iter;

  if (is_menu_key (keyval, state))
    {
      gtk_text_buffer_get_iter_at_mark (body_buffer (self), &iter,
                                        gtk_text_buffer_get_insert (body_buffer (self)));
      aw_spell_menu_prepare (self, FALSE, gtk_text_iter_get_offset (&iter));
    }
  return FALSE;
}

static void
prepare_subject_menu (AwSpellMenu *self)
{
  aw_spell_menu_prepare (self, TRUE, gtk_editable_get_position (GTK_EDITABLE (self->subject)));
}

static gboolean
prepare_subject_menu_idle (gpointer user_data)
{
  AwSpellMenu *self = user_data;

  if (self->subject != NULL)
    prepare_subject_menu (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
on_subject_pressed (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    AwSpellMenu     *self)
{
  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_SECONDARY)
    return;
  /* GTK 4.8 has no public way from a point to a position in an entry: the menu is for
   * the word at the cursor, looked at again right after the entry's own handler (which
   * may move the cursor); an open menu follows its model. */
  prepare_subject_menu (self);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, prepare_subject_menu_idle, g_object_ref (self), NULL);
}

static gboolean
on_subject_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AwSpellMenu           *self)
{
  if (is_menu_key (keyval, state))
    prepare_subject_menu (self);
  return FALSE;
}

static void
attach (AwSpellMenu *self,
        GtkWidget   *widget,
        GCallback    pressed,
        GCallback    key)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", pressed, self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", key, self, 0);
  gtk_widget_add_controller (widget, keys);

  gtk_widget_insert_action_group (widget, "spelling", G_ACTION_GROUP (self->actions));
}

/**
 * aw_spell_menu_new:
 *
 * Gives @body and @subject the menu as their extra menu, and the gestures and keys that
 * fill it. @controller owns the menu; the views must outlive it.
 */
AwSpellMenu *
aw_spell_menu_new (AwSpellController *controller,
                   GtkTextView       *body,
                   GtkEntry          *subject)
{
  AwSpellMenu *self = g_object_new (AW_TYPE_SPELL_MENU, NULL);

  self->controller = controller;
  self->body = body;
  self->subject = subject;
  gtk_text_view_set_extra_menu (body, G_MENU_MODEL (self->menu));
  gtk_entry_set_extra_menu (subject, G_MENU_MODEL (self->menu));
  attach (self, GTK_WIDGET (body), G_CALLBACK (on_body_pressed), G_CALLBACK (on_body_key));
  attach (self, GTK_WIDGET (subject), G_CALLBACK (on_subject_pressed), G_CALLBACK (on_subject_key));
  return self;
}

static void
aw_spell_menu_dispose (GObject *object)
{
  AwSpellMenu *self = AW_SPELL_MENU (object);

  /* The views keep the action group: it must do nothing from now on */
  set_actions_enabled (self, FALSE);
  self->controller = NULL;
  self->body = NULL;
  self->subject = NULL;

  G_OBJECT_CLASS (aw_spell_menu_parent_class)->dispose (object);
}

static void
aw_spell_menu_finalize (GObject *object)
{
  AwSpellMenu *self = AW_SPELL_MENU (object);

  g_clear_pointer (&self->target_word, g_free);
  g_clear_object (&self->menu);
  g_clear_object (&self->suggestions_section);
  g_clear_object (&self->actions_section);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (aw_spell_menu_parent_class)->finalize (object);
}

static void
aw_spell_menu_class_init (AwSpellMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aw_spell_menu_dispose;
  object_class->finalize = aw_spell_menu_finalize;
}

static void
aw_spell_menu_init (AwSpellMenu *self)
{
  const GActionEntry entries[] = {
    { "correct", correct_activated, "s" },
    { "add", add_activated },
    { "ignore", ignore_activated },
  };

  self->menu = g_menu_new ();
  self->suggestions_section = g_menu_new ();
  self->actions_section = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->suggestions_section));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->actions_section));
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  set_actions_enabled (self, FALSE);
}
