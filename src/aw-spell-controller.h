/* aw-spell-controller.h: spell checking of the editor's subject and body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "aw-draft.h"

G_BEGIN_DECLS

#define AW_SPELL_TAG_NAME "spelling-error"

#define AW_TYPE_SPELL_CONTROLLER (aw_spell_controller_get_type ())

G_DECLARE_FINAL_TYPE (AwSpellController, aw_spell_controller, AW, SPELL_CONTROLLER, GObject)

AwSpellController *aw_spell_controller_new                (GtkTextView       *body,
                                                           GtkEntry          *subject);
void               aw_spell_controller_set_draft          (AwSpellController *self,
                                                           AwDraft           *draft);
void               aw_spell_controller_set_enabled        (AwSpellController *self,
                                                           gboolean           enabled);
gboolean           aw_spell_controller_get_enabled        (AwSpellController *self);
/* Re-checks after an edit: at once when it fits in a few milliseconds (an edit touches
 * one paragraph), otherwise in idle chunks; "changed" says when the underlines moved. */
void               aw_spell_controller_update             (AwSpellController *self);
/* Checking, enabled and a dictionary installed */
gboolean           aw_spell_controller_is_active          (AwSpellController *self);
/* A sentence when the language has no dictionary installed, else NULL */
const char        *aw_spell_controller_get_notice         (AwSpellController *self);
/* Misspelled words in the subject and body, -1 when not checking */
int                aw_spell_controller_get_count          (AwSpellController *self);
gboolean           aw_spell_controller_is_pending         (AwSpellController *self);
/* The longest check step so far (an idle chunk, or the check after an edit), in µs */
gint64             aw_spell_controller_get_longest_step   (AwSpellController *self);
/* The dictionary is loading (in a thread) */
gboolean           aw_spell_controller_is_loading         (AwSpellController *self);
/* The subject's misspellings as underline attributes */
void               aw_spell_controller_add_subject_attributes (AwSpellController *self,
                                                           PangoAttrList     *attributes);
/* Selects the next misspelled word after the cursor (F7), wrapping; FALSE when none */
gboolean           aw_spell_controller_select_next        (AwSpellController *self);
/* The context menu for the word at a character offset of the body (for tests) */
void               aw_spell_controller_prepare_menu       (AwSpellController *self,
                                                           gboolean           subject,
                                                           int                offset);
GMenuModel        *aw_spell_controller_get_menu           (AwSpellController *self);
GActionGroup      *aw_spell_controller_get_actions        (AwSpellController *self);

G_END_DECLS
