/* aw-languages-private.h: what aw-languages.c shares with the precompiled form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "aw-languages.h"

G_BEGIN_DECLS

/* guidance/compiled.gvariant (aw-languages-precompiled.c, data/guidance/FORMAT.md) */
#define AW_COMPILED_VERSION 1

/* The members of the blob's index */
enum
{
  AW_COMPILED_INDEX_ORDER,         /* as: the "languages" of common.json */
  AW_COMPILED_INDEX_COMMON_WORDS,  /* aay: common.json's packed list of each #AwLanguageWords */
  AW_COMPILED_INDEX_LANGUAGES,     /* a(saayays): code, its lists, detect words and chars */
};

GVariant *aw_languages_get_compiled_index (void);
GVariant *aw_languages_compiled_language  (GVariant   *index,
                                           const char *code,
                                           gsize      *position);
char    **aw_languages_dup_packed         (GVariant   *value,
                                           gsize       member);
guint64   aw_languages_checksum           (GVariant   *value);

G_END_DECLS
