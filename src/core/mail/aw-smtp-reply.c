/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-reply.c: parses SMTP replies (RFC 5321 4.2, enhanced codes RFC 3463)
 *
 * The client feeds it whatever arrived (AwSmtpReplyParser, incremental: a reply in
 * 4-byte pieces costs no more than one in a single piece); aw_smtp_reply_parse() is the
 * same over one buffer, for the fuzzer and the tests.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "aw-smtp-reply.h"
#include "aw-smtp-error.h"

void
aw_smtp_reply_free (AwSmtpReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->enhanced_code);
  g_strfreev (reply->lines);
  g_free (reply);
}

/* "c.sss.ddd" where c is the class digit of the reply code (RFC 3463 2); returns the
 * length of the code, or 0. */
static gsize
match_enhanced_code (const char *text,
                     gsize       length,
                     char        class_digit)
{
  gsize i = 0;
  int part;

  if (length < 5 || text[0] != class_digit || text[1] != '.')
    return 0;
  i = 2;
  for (part = 0; part < 2; part++)
    {
      gsize start = i;

      while (i < length && g_ascii_isdigit (text[i]) && i - start < 3)
        i++;
      if (i == start)
        return 0;
      if (part == 0)
        {
          if (i >= length || text[i] != '.')
            return 0;
          i++;
        }
    }
  if (i < length && text[i] != ' ')
    return 0;
  return i;
}

/* Characters a server could use to hide or reorder the words of an error sentence:
 * C0 and C1 controls, DEL, bidi marks, embeddings, overrides and isolates, and the
 * Unicode line and paragraph separators. */
static gboolean
is_unsafe_char (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f)
         || c == 0x061c || c == 0x200e || c == 0x200f
         || (c >= 0x2028 && c <= 0x202e)
         || (c >= 0x2066 && c <= 0x2069);
}

static char *
clean_text (const char *text,
            gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  GString *out = g_string_sized_new (strlen (valid));
  const char *p;

  /* Nothing that may reach a label or a log line can steer how it is shown */
  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unsafe_char (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

struct _AwSmtpReplyParser
{
  GByteArray *buffer;
  gsize       start;       /* first byte of the reply being read */
  gsize       line_start;  /* first byte of the line being read */
  gsize       scanned;     /* bytes of that line already searched for its LF */
  GPtrArray  *lines;       /* the reply's complete lines so far */
  char       *enhanced;
  int         code;
  gboolean    failed;
  guint64     examined;
};

AwSmtpReplyParser *
aw_smtp_reply_parser_new (void)
{
  AwSmtpReplyParser *self = g_new0 (AwSmtpReplyParser, 1);

  self->buffer = g_byte_array_new ();
  self->lines = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
aw_smtp_reply_parser_free (AwSmtpReplyParser *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->buffer);
  g_ptr_array_unref (self->lines);
  g_free (self->enhanced);
  g_free (self);
}

void
aw_smtp_reply_parser_push (AwSmtpReplyParser *self,
                           const guint8      *data,
                           gsize              length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  /* Drop what earlier replies used once it is at least half the buffer: each byte is
   * moved at most once on average. */
  if (self->start > 0 && self->start >= self->buffer->len / 2)
    {
      g_byte_array_remove_range (self->buffer, 0, (guint) self->start);
      self->line_start -= self->start;
      self->start = 0;
    }
  g_byte_array_append (self->buffer, data, (guint) length);
}

/* Bytes received that are not part of a reply handed out yet. */
gsize
aw_smtp_reply_parser_get_pending (AwSmtpReplyParser *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->buffer->len - self->start;
}

/* For tests: how many bytes the parser has looked at so far. */
guint64
aw_smtp_reply_parser_get_bytes_examined (AwSmtpReplyParser *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->examined;
}

static AwSmtpReply *
parser_fail (AwSmtpReplyParser  *self,
             GError            **error,
             const char         *message)
{
  self->failed = TRUE;
  g_set_error_literal (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL, message);
  return NULL;
}

/**
 * aw_smtp_reply_parser_next:
 * @error: %AW_SMTP_ERROR_PROTOCOL when the bytes are not an SMTP reply
 *
 * Returns: (transfer full) (nullable): the next complete reply, or %NULL with @error
 *   unset when more bytes are needed
 */
AwSmtpReply *
aw_smtp_reply_parser_next (AwSmtpReplyParser  *self,
                           GError            **error)
{
  const guint8 *data;
  AwSmtpReply *reply;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->failed, NULL);

  data = self->buffer->data;
  for (;;)
    {
      gsize from = self->line_start + self->scanned;
      const guint8 *nl = NULL;
      gsize line_len;
      const char *line;
      gboolean last;
      int line_code;
      gsize text_start;

      /* Only the bytes not searched before */
      if (from < self->buffer->len)
        nl = memchr (data + from, '\n', self->buffer->len - from);
      if (nl == NULL)
        {
          self->examined += self->buffer->len - from;
          self->scanned = self->buffer->len - self->line_start;
          if (self->scanned > AW_SMTP_REPLY_MAX_LINE)
            return parser_fail (self, error, _("The server sent a reply line that is too long"));
          return NULL;
        }
      self->examined += (gsize) (nl - (data + from)) + 1;

      line = (const char *) data + self->line_start;
      line_len = (gsize) (nl - (data + self->line_start));
      if (line_len > AW_SMTP_REPLY_MAX_LINE)
        return parser_fail (self, error, _("The server sent a reply line that is too long"));
      if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;
      /* The line itself is read once more below */
      self->examined += line_len;

      if (line_len < 3
          || line[0] < '2' || line[0] > '5'
          || line[1] < '0' || line[1] > '5'
          || !g_ascii_isdigit (line[2])
          || (line_len > 3 && line[3] != ' ' && line[3] != '-'))
        return parser_fail (self, error, _("The server sent a line that is not an SMTP reply"));

      line_code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
      if (self->lines->len > 0 && line_code != self->code)
        return parser_fail (self, error, _("The server sent a reply whose lines have different codes"));
      self->code = line_code;
      last = line_len == 3 || line[3] == ' ';

      text_start = line_len > 3 ? 4 : 3;
      if (line[0] != '3')
        {
          gsize elen = match_enhanced_code (line + text_start, line_len - text_start, line[0]);

          if (elen > 0)
            {
              if (self->lines->len == 0)
                self->enhanced = g_strndup (line + text_start, elen);
              text_start += elen;
              if (text_start < line_len)
                text_start++;
            }
        }

      g_ptr_array_add (self->lines, clean_text (line + text_start, line_len - text_start));
      self->line_start = (gsize) (nl - data) + 1;
      self->scanned = 0;

      if (last)
        break;

      if (self->lines->len >= AW_SMTP_REPLY_MAX_LINES)
        return parser_fail (self, error, _("The server sent a reply with too many lines"));
    }

  g_ptr_array_add (self->lines, NULL);
  reply = g_new0 (AwSmtpReply, 1);
  reply->code = self->code;
  reply->enhanced_code = g_steal_pointer (&self->enhanced);
  reply->lines = (char **) g_ptr_array_steal (self->lines, NULL);
  self->code = 0;
  self->start = self->line_start;
  return reply;
}

/**
 * aw_smtp_reply_parse:
 * @data: bytes received from the server
 * @length: how many
 * @consumed: (out): bytes that made up the returned reply
 * @error: %AW_SMTP_ERROR_PROTOCOL when the bytes are not an SMTP reply
 *
 * Returns: (transfer full) (nullable): the first complete reply in @data, or %NULL with
 *   @error unset when more bytes are needed
 */
AwSmtpReply *
aw_smtp_reply_parse (const guint8  *data,
                     gsize          length,
                     gsize         *consumed,
                     GError       **error)
{
  g_autoptr(AwSmtpReplyParser) parser = NULL;
  AwSmtpReply *reply;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (consumed != NULL)
    *consumed = 0;
  parser = aw_smtp_reply_parser_new ();
  aw_smtp_reply_parser_push (parser, data, length);
  reply = aw_smtp_reply_parser_next (parser, error);
  if (reply != NULL && consumed != NULL)
    *consumed = parser->start;
  return reply;
}

/**
 * aw_smtp_reply_to_string:
 *
 * Returns: (transfer full): "550 5.1.1 text text" on one line, for error messages
 */
char *
aw_smtp_reply_to_string (const AwSmtpReply *reply)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (reply != NULL, NULL);

  text = g_strjoinv (" ", reply->lines);
  g_strstrip (text);
  if (reply->enhanced_code != NULL)
    return g_strdup_printf ("%d %s %s", reply->code, reply->enhanced_code, text);
  return g_strdup_printf ("%d %s", reply->code, text);
}
