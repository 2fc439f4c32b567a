/* aw-text-fold.h: one-pass tokenizer with folding and character offsets (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  AW_TOKEN_BREAK_BEFORE = 1 << 0, /* a clause boundary (. ! ? ; : ( ) blank line) precedes it */
  AW_TOKEN_COMMA_BEFORE = 1 << 1, /* a comma precedes it (ends a negation's reach) */
  AW_TOKEN_QUOTED       = 1 << 2, /* inside quotation marks on one line: a mention, not a use */
  AW_TOKEN_ALL_UPPER    = 1 << 3, /* has letters, all of them capitals */
  AW_TOKEN_NON_ASCII    = 1 << 4,
  AW_TOKEN_GLUED        = 1 << 5, /* joined to the previous token by ' ’ or - */
  AW_TOKEN_INITIAL_CAP  = 1 << 6, /* first letter is a capital */
} AwTokenFlags;

typedef struct
{
  guint32 byte_start;
  guint32 byte_end;
  guint32 char_start;
  guint32 char_end;
  guint32 fold_start;   /* into AwTokens.folded, NUL-terminated */
  guint16 fold_len;
  guint16 flags;
  guint32 line;         /* index into AwTokens.lines */
  guint16 n_letters;
} AwToken;

typedef struct
{
  guint32  first_token;
  guint32  n_tokens;
  gunichar last_char;   /* last non-space character of the line */
} AwLine;

typedef enum
{
  AW_MARK_EMOJI,
  AW_MARK_EXCLAMATION,  /* "!!", "?!", "!!!" */
  AW_MARK_EMOTICON,     /* :) ;-) :( :D */
  AW_MARK_PLACEHOLDER,  /* [Company], {name}, <Position>, ___ */
  AW_MARK_PARENTHESES,  /* "(position name)": a short group in parentheses, no digits;
                         * a template field when the language's data says so */
} AwMarkKind;

typedef struct
{
  AwMarkKind kind;
  guint32    byte_start;
  guint32    byte_end;
  guint32    char_start;
  guint32    char_end;
} AwMark;

typedef struct
{
  const char *text;     /* not owned */
  GArray     *tokens;   /* AwToken */
  GArray     *lines;    /* AwLine: only lines that have tokens */
  GArray     *marks;    /* AwMark */
  GString    *folded;
  guint32     n_chars;
  guint32     n_words;  /* whitespace-separated tokens */
} AwTokens;

AwTokens *aw_tokens_new           (const char *text);
void      aw_tokens_free          (AwTokens   *tokens);
char     *aw_text_fold            (const char *text);
void      aw_text_fold_append     (GString    *out,
                                   gunichar    c);
char     *aw_text_mask_quoted     (const char *text);

static inline const char *
aw_tokens_folded (AwTokens *tokens,
                  guint     i)
{
  return tokens->folded->str + g_array_index (tokens->tokens, AwToken, i).fold_start;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwTokens, aw_tokens_free)

G_END_DECLS
