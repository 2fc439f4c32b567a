/* aw-spell-checker.h: misspelled words of a draft, through enchant, in the email's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "aw-draft.h"
#include "aw-guidance-report.h"

G_BEGIN_DECLS

/* A misspelled word: character offsets into the checked text, as AwFinding's */
typedef struct
{
  guint start;
  guint end;
} AwSpellRange;

#define AW_TYPE_SPELL_CHECKER (aw_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (AwSpellChecker, aw_spell_checker, AW, SPELL_CHECKER, GObject)

AwSpellChecker *aw_spell_checker_new               (const char     *language);
/* Loading a dictionary takes 0.1 to 2 s (pt_BR): the editor does it in a thread. */
void            aw_spell_checker_new_async         (const char          *language,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
AwSpellChecker *aw_spell_checker_new_finish        (GAsyncResult        *result,
                                                    GError             **error);

/* The email language ("en", "de", "pt_BR", ...) picks the dictionary. */
void            aw_spell_checker_set_language      (AwSpellChecker *self,
                                                    const char     *language);
const char     *aw_spell_checker_get_language      (AwSpellChecker *self);
/* The enchant dictionary in use ("en_GB"), or NULL when none is installed */
const char     *aw_spell_checker_get_dictionary    (AwSpellChecker *self);
gboolean        aw_spell_checker_is_available      (AwSpellChecker *self);

/* Words of these texts are never flagged (names, company, role, signature). */
void            aw_spell_checker_set_known_texts   (AwSpellChecker     *self,
                                                    const char * const *texts);
/* The same with the draft's sender, recipient, company and role */
void            aw_spell_checker_set_draft         (AwSpellChecker *self,
                                                    AwDraft        *draft);

/* Misspelled words of @text, in order; quoted reply text, URLs, addresses, numbers,
 * words in capitals and known names are skipped. Paragraphs (lines) seen before come
 * from a cache, so after an edit only the changed paragraph is looked at again. */
GArray         *aw_spell_checker_check             (AwSpellChecker *self,
                                                    const char     *text);
/* Checks the paragraphs of @text not cached yet until the monotonic clock passes
 * @deadline_us; TRUE when all of @text is cached (a check() then costs no lookups). */
gboolean        aw_spell_checker_prepare           (AwSpellChecker *self,
                                                    const char     *text,
                                                    gint64          deadline_us);
gboolean        aw_spell_checker_check_word        (AwSpellChecker *self,
                                                    const char     *word);
/* Up to @max suggestions, best first (NULL-terminated, never NULL) */
char          **aw_spell_checker_suggest           (AwSpellChecker *self,
                                                    const char     *word,
                                                    guint           max);
/* Into enchant's personal word list, which every enchant application shares */
void            aw_spell_checker_add_word          (AwSpellChecker *self,
                                                    const char     *word);
/* Known for this checker only (one draft), through enchant's session list */
void            aw_spell_checker_ignore_word       (AwSpellChecker *self,
                                                    const char     *word);

/* Adds a "spelling" finding (severity suggestion, up to three suggestions in the message,
 * the first as the finding's suggestion) to @report for each misspelled word */
void            aw_spell_checker_add_findings      (AwSpellChecker   *self,
                                                    AwGuidanceReport *report,
                                                    const char       *subject,
                                                    const char       *body);

/* Words looked up in the dictionary so far (for tests of the cache) */
guint           aw_spell_checker_get_lookups       (AwSpellChecker *self);

/* The dictionaries to try for @language, best first; @locale ("en_GB.UTF-8") gives the
 * region for English, NULL reads the desktop locale. */
char          **aw_spell_checker_dictionaries_for  (const char     *language,
                                                    const char     *locale);

G_END_DECLS
