/* aw-draft-writer.h: fills the per-language templates from a draft's answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "aw-draft.h"

G_BEGIN_DECLS

/* Sets the draft's subject and body from the templates of its language and tone.
 * Fails with AW_DRAFT_ERROR_MISSING_FIELD (the message names the field) when a value
 * the template needs is empty; never leaves a placeholder unfilled. */
gboolean            aw_draft_writer_write          (AwDraft     *draft,
                                                    GError     **error);
/* One line in the email language that shows what the tone sounds like. */
char               *aw_draft_writer_preview        (const char  *language,
                                                    AwTone       tone);
/* The template languages ("en", "de", "fr", "es", "pt_BR", "it"), sorted. */
const char * const *aw_draft_writer_get_languages  (void);
gboolean            aw_draft_writer_has_language   (const char  *language);
/* The language's own name ("Deutsch", "Français"), or NULL for an unknown code. */
const char         *aw_draft_language_get_name     (const char  *code);

G_END_DECLS
