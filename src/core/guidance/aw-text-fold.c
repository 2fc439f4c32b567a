/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-text-fold.c: one-pass tokenizer with folding and character offsets
 *
 * The guidance engine reads a draft exactly once through here: every token comes out
 * folded (lower case, no diacritics) with its byte and character offsets, clause and
 * quotation flags, and the structural marks (emoji, "!!", placeholders) found on the way.
 */
#include "config.h"

#include <string.h>

#include "aw-languages.h"
#include "aw-text-fold.h"

#define MAX_FOLDED_TOKEN 64
#define MAX_PLACEHOLDER_CHARS 60
#define MAX_PARENTHESES_CHARS 40
#define FOLD_TABLE_SIZE 0x250

/* Folded form of U+0000..U+024F: at most two ASCII or Latin characters. */
static char fold_table[FOLD_TABLE_SIZE][8];

static void
fold_one_slow (gunichar  c,
               GString  *out)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  switch (c)
    {
    case 0x00DF: /* ß */
    case 0x1E9E:
      g_string_append (out, "ss");
      return;
    case 0x00C6: case 0x00E6: /* Æ æ */
      g_string_append (out, "ae");
      return;
    case 0x0152: case 0x0153: /* Œ œ */
      g_string_append (out, "oe");
      return;
    case 0x00D8: case 0x00F8: /* Ø ø */
      g_string_append_c (out, 'o');
      return;
    case 0x0141: case 0x0142: /* Ł ł */
      g_string_append_c (out, 'l');
      return;
    case 0x0110: case 0x0111: case 0x00D0: case 0x00F0: /* Đ đ Ð ð */
      g_string_append_c (out, 'd');
      return;
    case 0x00DE: case 0x00FE: /* Þ þ */
      g_string_append (out, "th");
      return;
    case 0x0131: /* dotless i */
      g_string_append_c (out, 'i');
      return;
    default:
      break;
    }

  if (g_unichar_ismark (c))
    return;

  c = g_unichar_tolower (c);
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    {
      if (!g_unichar_ismark (decomposed[i]))
        g_string_append_unichar (out, g_unichar_tolower (decomposed[i]));
    }
}

static void
ensure_fold_table (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      GString *tmp = g_string_new (NULL);

      for (gunichar c = 0; c < FOLD_TABLE_SIZE; c++)
        {
          g_string_truncate (tmp, 0);
          fold_one_slow (c, tmp);
          if (tmp->len < sizeof fold_table[0])
            memcpy (fold_table[c], tmp->str, tmp->len + 1);
        }
      g_string_free (tmp, TRUE);
      g_once_init_leave (&initialized, 1);
    }
}

/* Appends the folded form of @c (lower case, diacritics removed) to @out. */
void
aw_text_fold_append (GString  *out,
                     gunichar  c)
{
  if (c < 0x80)
    g_string_append_c (out, c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : (char) c);
  else if (c < FOLD_TABLE_SIZE)
    {
      ensure_fold_table ();
      g_string_append (out, fold_table[c]);
    }
  else
    fold_one_slow (c, out);
}

/* Returns: (transfer full): @text folded as a whole (for the data files' words) */
char *
aw_text_fold (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    aw_text_fold_append (out, g_utf8_get_char (p));

  return g_string_free (out, FALSE);
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return g_unichar_isspace (c);
}

static inline gboolean
is_emoji (gunichar c)
{
  return (c >= 0x1F000 && c <= 0x1FAFF) ||
         (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2B50 && c <= 0x2B55) ||
         c == 0x2B06 || c == 0x2B07 || c == 0x2934 || c == 0x2935 ||
         c == 0x231A || c == 0x231B || c == 0x23F0 || c == 0x23F3;
}

static inline gboolean
is_emoji_joiner (gunichar c)
{
  return c == 0x200D || c == 0xFE0F || c == 0xFE0E || (c >= 0x1F3FB && c <= 0x1F3FF);
}

static inline gboolean
is_apostrophe_or_hyphen (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011;
}

typedef struct
{
  const char *p;
  gunichar    c;
  guint32     char_offset;
} Cursor;

static inline gunichar
peek_char (const char *p)
{
  if ((guchar) *p < 0x80)
    return (guchar) *p;
  return g_utf8_get_char (p);
}

static void
add_mark (AwTokens   *self,
          AwMarkKind  kind,
          guint32     byte_start,
          guint32     byte_end,
          guint32     char_start,
          guint32     char_end)
{
  AwMark mark = { kind, byte_start, byte_end, char_start, char_end };

  /* Emoji sequences and "!!!" arrive as neighbours: extend the last mark instead. */
  if (self->marks->len > 0)
    {
      AwMark *last = &g_array_index (self->marks, AwMark, self->marks->len - 1);

      if (last->kind == kind && last->byte_end == byte_start &&
          (kind == AW_MARK_EMOJI || kind == AW_MARK_EXCLAMATION))
        {
          last->byte_end = byte_end;
          last->char_end = char_end;
          return;
        }
    }
  g_array_append_val (self->marks, mark);
}

/* "[Company]'s": an apostrophe after a closing bracket is a possessive, no quotation */
static inline gboolean
closes_bracket (gunichar c)
{
  return c == ']' || c == ')' || c == '}' || c == '>';
}

/* Which quotation mark closes the one that opened a quotation */
static gboolean
closes_quote (gunichar open,
              gunichar c)
{
  switch (open)
    {
    case '"':
      return c == '"';
    case 0x201C: /* “, often closed with a plain " typed on the keyboard */
      return c == 0x201D || c == '"';
    case 0x201E: /* „ */
      return c == 0x201C || c == 0x201D || c == '"';
    case 0x00AB: /* « */
      return c == 0x00BB;
    case 0x00BB: /* » (German) */
      return c == 0x00AB;
    case 0x201A: /* ‚ */
      return c == 0x2018 || c == 0x2019;
    case 0x2018: /* ‘ */
      return c == 0x2019;
    case '\'':
      return c == '\'';
    default:
      return FALSE;
    }
}

/**
 * aw_tokens_new:
 * @text: valid UTF-8, NUL-terminated
 *
 * Reads @text once. Returns: (transfer full): the tokens, lines and marks
 */
AwTokens *
aw_tokens_new (const char *text)
{
  AwTokens *self = g_new0 (AwTokens, 1);
  const char *p = text;
  guint32 char_offset = 0;
  gunichar prev = 0;
  gboolean in_token = FALSE;
  gboolean in_ws_word = FALSE;
  AwToken tok = { 0 };
  guint16 pending_flags = AW_TOKEN_BREAK_BEFORE;
  guint newlines_in_gap = 0;
  guint32 physical_line = 0;
  guint32 last_token_physical_line = G_MAXUINT32;
  gunichar line_last_char = 0;
  guint n_upper = 0, n_lower = 0;
  gboolean token_overflow = FALSE;
  /* quotation state */
  gunichar quote_open = 0;
  guint quote_first_token = 0;
  /* bracket placeholder state */
  gunichar bracket_open = 0;
  guint32 bracket_byte = 0, bracket_char = 0;
  guint bracket_letters = 0, bracket_len = 0;
  gboolean bracket_bad = FALSE;
  gboolean bracket_space = FALSE;
  gboolean bracket_slash = FALSE;
  /* parenthesized group state: "(date)", "(position name)" */
  gboolean paren_open = FALSE;
  gboolean paren_bad = FALSE;
  guint32 paren_byte = 0, paren_char = 0;
  guint paren_len = 0, paren_letters = 0;
  /* runs of ! ? and _ */
  guint32 run_byte = 0, run_char = 0;
  guint run_len = 0, run_bangs = 0, underscores = 0;
  guint32 underscore_byte = 0, underscore_char = 0;
  /* tokens are written in place into the room reserved below, the array's length set at
   * the end: a call per token to append it would cost more than the token */
  guint n_tokens = 0;

  ensure_fold_table ();

  self->text = text;
  /* sized for the text at once: growing by doubling copies a long text's tokens again
   * and again, and every fresh page costs a fault (text of 5-6 bytes a word) */
  {
    gsize length = strlen (text);

    self->tokens = g_array_sized_new (FALSE, FALSE, sizeof (AwToken), length / 5 + 64);
    g_array_set_size (self->tokens, length / 5 + 64);
    self->lines = g_array_sized_new (FALSE, FALSE, sizeof (AwLine), length / 40 + 16);
    self->folded = g_string_sized_new (length + 64);
  }
  self->marks = g_array_new (FALSE, FALSE, sizeof (AwMark));

  while (TRUE)
    {
      gunichar c;
      const char *next;
      guint32 byte_offset = p - text;

      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p;
          next = p + 1;
        }
      else
        {
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);
        }

      /* end of a run of ! and ? */
      if (run_len > 0 && c != '!' && c != '?')
        {
          if ((run_len >= 2 && run_bangs >= 1) || run_len >= 3)
            add_mark (self, AW_MARK_EXCLAMATION, run_byte, byte_offset, run_char, char_offset);
          run_len = run_bangs = 0;
        }
      if (underscores > 0 && c != '_')
        {
          if (underscores >= 3)
            add_mark (self, AW_MARK_PLACEHOLDER, underscore_byte, byte_offset,
                      underscore_char, char_offset);
          underscores = 0;
        }

      if (c != 0 && is_word_char (c))
        {
          if (!in_token)
            {
              in_token = TRUE;
              tok.byte_start = byte_offset;
              tok.char_start = char_offset;
              tok.fold_start = self->folded->len;
              tok.flags = pending_flags;
              if (is_apostrophe_or_hyphen (prev) && n_tokens > 0 &&
                  g_array_index (self->tokens, AwToken, n_tokens - 1).byte_end ==
                  byte_offset - (prev < 0x80 ? 1 : 3))
                tok.flags |= AW_TOKEN_GLUED;
              if (newlines_in_gap >= 2)
                tok.flags |= AW_TOKEN_BREAK_BEFORE;
              pending_flags = 0;
              newlines_in_gap = 0;
              n_upper = n_lower = 0;
              tok.n_letters = 0;
              token_overflow = FALSE;

              if (physical_line != last_token_physical_line)
                {
                  AwLine line = { n_tokens, 0, 0 };

                  g_array_append_val (self->lines, line);
                  last_token_physical_line = physical_line;
                }
              tok.line = self->lines->len - 1;
            }

          if (c < 0x80)
            {
              if (g_ascii_isupper ((char) c))
                n_upper++;
              else if (g_ascii_islower ((char) c))
                n_lower++;
              if (g_ascii_isalpha ((char) c))
                {
                  if (tok.n_letters == 0 && g_ascii_isupper ((char) c))
                    tok.flags |= AW_TOKEN_INITIAL_CAP;
                  tok.n_letters++;
                }
            }
          else
            {
              tok.flags |= AW_TOKEN_NON_ASCII;
              if (g_unichar_isalpha (c))
                {
                  if (g_unichar_isupper (c) || g_unichar_istitle (c))
                    {
                      n_upper++;
                      if (tok.n_letters == 0)
                        tok.flags |= AW_TOKEN_INITIAL_CAP;
                    }
                  else if (g_unichar_islower (c))
                    n_lower++;
                  tok.n_letters++;
                }
            }

          if (!token_overflow)
            {
              aw_text_fold_append (self->folded, c);

              /* fast path: the rest of a plain ASCII word, outside any bracket */
              if (c < 0x80 && bracket_open == 0)
                {
                  while (g_ascii_isalnum (*next))
                    {
                      char b = *next++;

                      if (g_ascii_isupper (b))
                        {
                          n_upper++;
                          tok.n_letters++;
                          b = b - 'A' + 'a';
                        }
                      else if (g_ascii_islower (b))
                        {
                          n_lower++;
                          tok.n_letters++;
                        }
                      g_string_append_c (self->folded, b);
                      char_offset++;
                      c = (guchar) next[-1];
                    }
                  line_last_char = c;
                }

              if (self->folded->len - tok.fold_start > MAX_FOLDED_TOKEN)
                {
                  /* No phrase is that long: keep the token, but let it match nothing. */
                  token_overflow = TRUE;
                  g_string_truncate (self->folded, tok.fold_start);
                }
            }
        }
      else
        {
          if (in_token)
            {
              in_token = FALSE;
              tok.byte_end = byte_offset;
              tok.char_end = char_offset;
              tok.fold_len = self->folded->len - tok.fold_start;
              g_string_append_c (self->folded, '\0');
              if (tok.n_letters > 0 && n_lower == 0 && n_upper == tok.n_letters)
                tok.flags |= AW_TOKEN_ALL_UPPER;
              if (n_tokens == self->tokens->len)
                g_array_set_size (self->tokens, 2 * n_tokens);
              g_array_index (self->tokens, AwToken, n_tokens++) = tok;
              g_array_index (self->lines, AwLine, self->lines->len - 1).n_tokens++;
            }

          if (c == 0)
            break;

          switch (c)
            {
            case '\n':
              if (last_token_physical_line == physical_line && self->lines->len > 0)
                g_array_index (self->lines, AwLine, self->lines->len - 1).last_char = line_last_char;
              physical_line++;
              newlines_in_gap++;
              line_last_char = 0;
              quote_open = 0;
              bracket_open = 0;
              break;

            case '.':
              /* "3.5" and "example.com" are no sentence ends */
              if (!(is_word_char (prev) && is_word_char (peek_char (next))))
                pending_flags |= AW_TOKEN_BREAK_BEFORE;
              break;

            case '!': case '?':
              if (run_len == 0)
                {
                  run_byte = byte_offset;
                  run_char = char_offset;
                }
              run_len++;
              if (c == '!')
                run_bangs++;
              pending_flags |= AW_TOKEN_BREAK_BEFORE;
              break;

            case ';': case ':':
            case 0x2026: /* … */
            case 0x00BF: case 0x00A1: /* ¿ ¡ open a Spanish sentence */
              pending_flags |= AW_TOKEN_BREAK_BEFORE;
              break;

            /* an aside in parentheses stays in its sentence: "could you tell me
             * (if you have a minute) what fell short?" is one request */
            case ',': case '(': case ')':
              pending_flags |= AW_TOKEN_COMMA_BEFORE;
              break;

            case '_':
              if (underscores == 0)
                {
                  underscore_byte = byte_offset;
                  underscore_char = char_offset;
                }
              underscores++;
              break;

            default:
              break;
            }

          /* emoticons :) ;-) :( :D and <3 */
          if ((c == ':' || c == ';') && (prev == 0 || is_space (prev)))
            {
              const char *q = next;
              gunichar d;

              if (*q == '-' || *q == '\'')
                q++;
              d = (guchar) *q;
              if ((d == ')' || d == '(' || d == 'D' || d == 'P' || d == 'p') &&
                  !is_word_char (peek_char (q + 1)))
                add_mark (self, AW_MARK_EMOTICON, byte_offset, (q + 1) - text,
                          char_offset, char_offset + (q + 1 - p));
            }
          else if (c == '<' && *next == '3' && !is_word_char (peek_char (next + 1)))
            add_mark (self, AW_MARK_EMOTICON, byte_offset, byte_offset + 2,
                      char_offset, char_offset + 2);

          if (is_emoji (c) || (is_emoji_joiner (c) && self->marks->len > 0 &&
                               g_array_index (self->marks, AwMark, self->marks->len - 1).byte_end == byte_offset))
            add_mark (self, AW_MARK_EMOJI, byte_offset, next - text, char_offset, char_offset + 1);

          /* quotation marks: a mention between them is not a use */
          if (c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB ||
              c == 0x00BB || c == 0x201A || c == 0x2018 || c == 0x2019 || c == '\'')
            {
              gunichar nc = peek_char (next);

              if (quote_open != 0 && closes_quote (quote_open, c) &&
                  ((c != '\'' && c != 0x2019) || !is_word_char (nc)))
                {
                  for (guint i = quote_first_token; i < n_tokens; i++)
                    g_array_index (self->tokens, AwToken, i).flags |= AW_TOKEN_QUOTED;
                  quote_open = 0;
                }
              else if (quote_open == 0 && c != 0x201D && c != 0x2019 &&
                       (c != '\'' || (!is_word_char (prev) && !closes_bracket (prev) &&
                                        is_word_char (nc))) &&
                       (c != 0x00BB || is_word_char (nc)))
                {
                  quote_open = c;
                  quote_first_token = n_tokens;
                }
            }

          /* [Company] {name} <Position> [Recruiter/Hiring Manager Name] */
          if (c == '[' || c == '{' || c == '<')
            {
              bracket_open = c;
              bracket_byte = byte_offset;
              bracket_char = char_offset;
              bracket_letters = bracket_len = 0;
              bracket_bad = bracket_space = bracket_slash = FALSE;
            }
          else if (bracket_open != 0 &&
                   ((bracket_open == '[' && c == ']') || (bracket_open == '{' && c == '}') ||
                    (bracket_open == '<' && c == '>')))
            {
              /* a slash without spaces is a path or a link (<a/b>, [docs/x]); between
               * words it separates alternatives of a template field */
              if (bracket_slash && !bracket_space)
                bracket_bad = TRUE;
              if (bracket_letters > 0 && !bracket_bad && bracket_len <= MAX_PLACEHOLDER_CHARS &&
                  !(c == ']' && *next == '('))
                add_mark (self, AW_MARK_PLACEHOLDER, bracket_byte, next - text,
                          bracket_char, char_offset + 1);
              bracket_open = 0;
            }
          else if (bracket_open != 0)
            {
              bracket_len++;
              if (c == ' ')
                bracket_space = TRUE;
              else if (c == '/')
                bracket_slash = TRUE;
              else if (c == '@' || c == '=' || c == ':' || (bracket_open == '<' && c == '.'))
                bracket_bad = TRUE;
            }

          if (c == '(')
            {
              paren_open = TRUE;
              paren_bad = FALSE;
              paren_byte = byte_offset;
              paren_char = char_offset;
              paren_len = paren_letters = 0;
            }
          else if (paren_open && c == ')')
            {
              if (!paren_bad && paren_letters > 0 && paren_len <= MAX_PARENTHESES_CHARS)
                add_mark (self, AW_MARK_PARENTHESES, paren_byte, next - text,
                          paren_char, char_offset + 1);
              paren_open = FALSE;
            }
          else if (paren_open && ++paren_len > MAX_PARENTHESES_CHARS)
            paren_open = FALSE;
          else if (paren_open && c != ' ' && c != '/' && c != '\'' && c != 0x2019 && c != '-')
            paren_bad = TRUE;
        }

      if (paren_open && is_word_char (c))
        {
          if (++paren_len > MAX_PARENTHESES_CHARS)
            paren_open = FALSE;
          else if (g_unichar_isalpha (c))
            paren_letters++;
          else
            paren_bad = TRUE;  /* "(2019)", "(ext. 12)" */
        }

      if (bracket_open != 0 && c != bracket_open && is_word_char (c))
        {
          bracket_len++;
          if (bracket_len == 1 && bracket_open == '<' && !g_unichar_isalpha (c))
            bracket_bad = TRUE;
          if (g_unichar_isalpha (c))
            bracket_letters++;
        }

      if (!is_space (c))
        {
          line_last_char = c;
          if (!in_ws_word)
            {
              in_ws_word = TRUE;
              self->n_words++;
            }
        }
      else
        in_ws_word = FALSE;

      prev = c;
      p = next;
      char_offset++;
    }

  if (last_token_physical_line == physical_line && self->lines->len > 0)
    g_array_index (self->lines, AwLine, self->lines->len - 1).last_char = line_last_char;

  g_array_set_size (self->tokens, n_tokens);
  self->n_chars = char_offset;
  return self;
}

void
aw_tokens_free (AwTokens *tokens)
{
  if (tokens == NULL)
    return;
  g_array_unref (tokens->tokens);
  g_array_unref (tokens->lines);
  g_array_unref (tokens->marks);
  g_string_free (tokens->folded, TRUE);
  g_free (tokens);
}

/* Quoted reply text: "> " lines, and everything from a reply header on ("On ... wrote:",
 * "Am ... schrieb ...:", "-----Original Message-----", "From: ... / Sent: ...") is the
 * other side's text, not the writer's. The words of a header are the "reply_header"
 * lists of every language's data (aw-languages.c): a German reply quotes an English
 * email as often as a German one. */

typedef struct
{
  const char *start;   /* first byte of the line */
  const char *end;     /* the '\n' or the terminating NUL */
} QuoteLine;

/* The first word of @line, folded, and whether a ':' follows it (after spaces). */
static char *
first_word (const QuoteLine *line,
            gboolean        *colon)
{
  const char *p = line->start;
  const char *word;
  g_autofree char *raw = NULL;

  *colon = FALSE;
  while (p < line->end && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  word = p;
  while (p < line->end && g_unichar_isalnum (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p == word)
    return NULL;
  raw = g_strndup (word, p - word);
  while (p < line->end && (*p == ' ' || *p == '\t' || (guchar) p[0] == 0xC2))
    p += (guchar) p[0] == 0xC2 ? 2 : 1;  /* "De :" with a space or a no-break space */
  *colon = p < line->end && *p == ':';
  return aw_text_fold (raw);
}

static gboolean
word_in (const char      *word,
         AwLanguageWords  kind)
{
  return word != NULL &&
         g_hash_table_contains (aw_languages_get_word_set (kind, aw_text_fold), word);
}

static const char *
line_last_char (const QuoteLine *line)
{
  const char *p = line->end;

  while (p > line->start && g_ascii_isspace (p[-1]))
    p--;
  return p > line->start ? p - 1 : NULL;
}

/* Whether a folded word of the line is one of the "wrote" verbs */
static gboolean
has_wrote_verb (const QuoteLine *line)
{
  GHashTable *verbs = aw_languages_get_word_set (AW_LANGUAGE_WORDS_REPLY_VERBS, aw_text_fold);
  g_autofree char *raw = g_strndup (line->start, line->end - line->start);
  g_autofree char *folded = aw_text_fold (raw);
  char *p = folded;

  while (*p != '\0')
    {
      char *word;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      word = p;
      while (*p != '\0' && g_ascii_isalnum (*p))
        p++;
      if (p > word)
        {
          char saved = *p;
          gboolean found;

          *p = '\0';
          found = g_hash_table_contains (verbs, word);
          *p = saved;
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

/* The index of the line where a reply header starts, or -1 */
static int
find_reply_header (GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const QuoteLine *line = &g_array_index (lines, QuoteLine, i);
      const char *last = line_last_char (line);
      const char *p = line->start;
      gboolean colon;
      g_autofree char *word = first_word (line, &colon);

      while (p < line->end && (*p == ' ' || *p == '\t'))
        p++;

      /* "-----Original Message-----", "-----Ursprüngliche Nachricht-----" */
      if (line->end - p >= 5 && strncmp (p, "-----", 5) == 0)
        {
          const char *q = p;

          while (q < line->end && !g_unichar_isalpha (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          if (q < line->end)
            return i;
        }

      /* "On Mon, 3 Mar 2025 at 09:14, Grace <grace@example.com> wrote:", possibly
       * wrapped before "wrote:" */
      if (last != NULL && *last == ':' && has_wrote_verb (line))
        {
          gboolean unused;

          /* "Grace Abara <grace@example.com> schrieb am Mo., 3. März 2025, 09:14:" */
          if (word_in (word, AW_LANGUAGE_WORDS_REPLY_OPENERS) || memchr (line->start, '@', line->end - line->start))
            return i;
          if (i > 0)
            {
              const QuoteLine *prev = &g_array_index (lines, QuoteLine, i - 1);
              g_autofree char *prev_word = first_word (prev, &unused);

              if (word_in (prev_word, AW_LANGUAGE_WORDS_REPLY_OPENERS))
                return i - 1;
            }
        }

      /* "From: Grace Abara" followed by "Sent: ..." or "To: ..." */
      if (colon && word_in (word, AW_LANGUAGE_WORDS_REPLY_FROM))
        {
          for (guint j = i + 1; j < lines->len && j <= i + 2; j++)
            {
              gboolean next_colon;
              g_autofree char *next = first_word (&g_array_index (lines, QuoteLine, j),
                                                  &next_colon);

              if (next_colon && word_in (next, AW_LANGUAGE_WORDS_REPLY_FIELDS))
                return i;
            }
        }
    }
  return -1;
}

/* Whether @line starts with ">" after its indentation */
static gboolean
line_is_quoted (const QuoteLine *line)
{
  const char *q = line->start;

  while (q < line->end && (*q == ' ' || *q == '\t'))
    q++;
  return q < line->end && *q == '>';
}

static gboolean
any_line_quoted (GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    if (line_is_quoted (&g_array_index (lines, QuoteLine, i)))
      return TRUE;
  return FALSE;
}

/**
 * aw_text_mask_quoted:
 * @text: a body, valid UTF-8
 *
 * Blanks out quoted reply text: lines starting with `>` and everything from a reply header
 * on. Every masked character becomes one space (line breaks stay), so character offsets
 * of the rest do not move.
 *
 * Returns: (transfer full) (nullable): the masked copy, or %NULL when nothing is quoted
 */
char *
aw_text_mask_quoted (const char *text)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (QuoteLine));
  GString *out;
  int header;
  const char *p = text;

  for (;;)
    {
      QuoteLine line = { p, strchr (p, '\n') };

      if (line.end == NULL)
        line.end = p + strlen (p);
      g_array_append_val (lines, line);
      if (*line.end == '\0')
        break;
      p = line.end + 1;
    }

  /* the usual case, nothing quoted: no copy of a long text to throw away; otherwise at
   * least one line below is masked */
  header = find_reply_header (lines);
  if (header < 0 && !any_line_quoted (lines))
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (guint i = 0; i < lines->len; i++)
    {
      const QuoteLine *line = &g_array_index (lines, QuoteLine, i);

      if ((header >= 0 && (int) i >= header) || line_is_quoted (line))
        {
          for (const char *q = line->start; q < line->end; q = g_utf8_next_char (q))
            g_string_append_c (out, *q == '\r' || *q == '\t' ? *q : ' ');
        }
      else
        g_string_append_len (out, line->start, line->end - line->start);
      if (*line->end == '\n')
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
