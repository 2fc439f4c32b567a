/* aw-languages.h: the one place that knows the email languages and loads their data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Word lists the code needs for every language at once (data/guidance/FORMAT.md):
 * data/guidance/common.json and each data/guidance/<code>.json add to them. */
typedef enum
{
  AW_LANGUAGE_WORDS_ACRONYMS,         /* common.json "acronyms" only: each language's own
                                       * "acronyms" belong to its rules */
  AW_LANGUAGE_WORDS_COMPANY_SUFFIXES, /* "company_suffixes": Inc, GmbH, SARL */
  AW_LANGUAGE_WORDS_REPLY_PREFIXES,   /* "reply_prefixes": Re, AW, TR */
  AW_LANGUAGE_WORDS_SUBJECT_LABELS,   /* "subject_labels": Subject, Betreff */
  AW_LANGUAGE_WORDS_REPLY_OPENERS,    /* "reply_header" "opens": On, Am */
  AW_LANGUAGE_WORDS_REPLY_VERBS,      /* "reply_header" "wrote": wrote, schrieb */
  AW_LANGUAGE_WORDS_REPLY_FROM,       /* "reply_header" "from": From, Von */
  AW_LANGUAGE_WORDS_REPLY_FIELDS,     /* "reply_header" "fields": Sent, To, Betreff */
  AW_LANGUAGE_WORDS_NAME_TITLES,      /* "names" "titles": dr, frau, mme (lower case) */
  AW_LANGUAGE_WORDS_NAME_SUFFIXES,    /* "names" "suffixes": jr, phd */
  AW_LANGUAGE_WORDS_NAME_PARTICLES,   /* "names" "particles": von, de, della */
  AW_LANGUAGE_N_WORDS,
} AwLanguageWords;

typedef char *(*AwLanguageFoldFunc) (const char *word);

/* What aw_languages_compile() stores of one language's rules: a sunk reference */
typedef GVariant *(*AwLanguageRulesFunc) (const char  *code,
                                          JsonObject  *data,
                                          gpointer     user_data,
                                          GError     **error);

const char * const *aw_languages_get_codes          (void);
gboolean            aw_languages_contains           (const char          *code);
const char         *aw_languages_get_default        (void);
const char * const *aw_languages_get_template_codes (void);
JsonObject         *aw_languages_get_data           (const char          *code,
                                                     GError             **error);
GVariant           *aw_languages_get_compiled_rules (const char          *code,
                                                     GError             **error);
char              **aw_languages_get_detect         (const char          *code,
                                                     char               **chars,
                                                     GError             **error);
char              **aw_languages_read_detect        (JsonObject          *object,
                                                     char               **chars);
const char * const *aw_languages_get_words          (AwLanguageWords      kind);
GHashTable         *aw_languages_get_word_set       (AwLanguageWords      kind,
                                                     AwLanguageFoldFunc   fold);

/* The precompiled form (data/guidance/FORMAT.md): aw-compile-guidance and tests */
GBytes             *aw_languages_compile            (AwLanguageRulesFunc  compile_rules,
                                                     gpointer             user_data,
                                                     GError             **error);
GVariant           *aw_languages_open_compiled      (GBytes              *bytes,
                                                     GError             **error);
GVariant           *aw_languages_compiled_get_rules (GVariant            *blob,
                                                     const char          *code,
                                                     GError             **error);
GVariant           *aw_languages_pack_strings       (const char * const  *strings,
                                                     gssize               n_strings);
const char        **aw_languages_unpack_strings     (GVariant            *packed,
                                                     gsize               *n_strings);

G_END_DECLS
