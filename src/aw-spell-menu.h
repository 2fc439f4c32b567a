/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-spell-menu.h: the suggestions in the context menus of the subject and the body
 */
#pragma once

#include <gtk/gtk.h>

#include "aw-spell-controller.h"

G_BEGIN_DECLS

#define AW_TYPE_SPELL_MENU (aw_spell_menu_get_type ())

G_DECLARE_FINAL_TYPE (AwSpellMenu, aw_spell_menu, AW, SPELL_MENU, GObject)

AwSpellMenu  *aw_spell_menu_new         (AwSpellController *controller,
                                         GtkTextView       *body,
                                         GtkEntry          *subject);
/* Fills the menu for the misspelled word at a character offset of the subject or body */
void          aw_spell_menu_prepare     (AwSpellMenu       *self,
                                         gboolean           subject,
                                         int                offset);
GMenuModel   *aw_spell_menu_get_model   (AwSpellMenu       *self);
GActionGroup *aw_spell_menu_get_actions (AwSpellMenu       *self);

G_END_DECLS
