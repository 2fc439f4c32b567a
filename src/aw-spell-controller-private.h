/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-spell-controller-private.h: what the spelling's context menu reads and asks
 */
#pragma once

#include "aw-spell-checker.h"
#include "aw-spell-controller.h"

G_BEGIN_DECLS

/* The misspelled word of the subject or the body at or around a character offset, as
 * last checked, or NULL */
const AwSpellRange *aw_spell_controller_find_range (AwSpellController *self,
                                                    gboolean           subject,
                                                    int                offset);
/* (nullable): NULL while the dictionary loads */
AwSpellChecker *aw_spell_controller_get_checker  (AwSpellController *self);
/* "Add to Dictionary" and "Ignore All" (the latter kept with the draft) */
void            aw_spell_controller_add_word     (AwSpellController *self,
                                                  const char        *word);
void            aw_spell_controller_ignore_word  (AwSpellController *self,
                                                  const char        *word);

G_END_DECLS
