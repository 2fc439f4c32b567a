/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-reply.c: parses SMTP replies (RFC 5321 4.2, enhanced codes RFC 3463)
 *
 * A pure function over a byte buffer, so the client can feed it whatever arrived and
 * the fuzzer can feed it anything.
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
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *enhanced = NULL;
  AwSmtpReply *reply;
  gsize pos = 0;
  int code = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (consumed != NULL)
    *consumed = 0;

  for (;;)
    {
      const guint8 *nl;
      gsize line_len;
      const char *line;
      gboolean last;
      int line_code;
      gsize text_start;

      if (pos >= length)
        return NULL;

      nl = memchr (data + pos, '\n', length - pos);
      if (nl == NULL)
        {
          if (length - pos > AW_SMTP_REPLY_MAX_LINE)
            goto too_long;
          return NULL;
        }

      line = (const char *) data + pos;
      line_len = (gsize) (nl - (data + pos));
      if (line_len > AW_SMTP_REPLY_MAX_LINE)
        goto too_long;
      if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;

      if (line_len < 3
          || line[0] < '2' || line[0] > '5'
          || line[1] < '0' || line[1] > '5'
          || !g_ascii_isdigit (line[2])
          || (line_len > 3 && line[3] != ' ' && line[3] != '-'))
        {
          g_set_error_literal (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                               _("The server sent a line that is not an SMTP reply"));
          return NULL;
        }

      line_code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
      if (lines->len > 0 && line_code != code)
        {
          g_set_error_literal (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                               _("The server sent a reply whose lines have different codes"));
          return NULL;
        }
      code = line_code;
      last = line_len == 3 || line[3] == ' ';

      text_start = line_len > 3 ? 4 : 3;
      if (line[0] != '3')
        {
          gsize elen = match_enhanced_code (line + text_start, line_len - text_start, line[0]);

          if (elen > 0)
            {
              if (lines->len == 0)
                enhanced = g_strndup (line + text_start, elen);
              text_start += elen;
              if (text_start < line_len)
                text_start++;
            }
        }

      g_ptr_array_add (lines, clean_text (line + text_start, line_len - text_start));
      pos = (gsize) (nl - data) + 1;

      if (last)
        break;

      if (lines->len >= AW_SMTP_REPLY_MAX_LINES)
        {
          g_set_error_literal (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                               _("The server sent a reply with too many lines"));
          return NULL;
        }
    }

  g_ptr_array_add (lines, NULL);
  reply = g_new0 (AwSmtpReply, 1);
  reply->code = code;
  reply->enhanced_code = g_steal_pointer (&enhanced);
  reply->lines = (char **) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
  if (consumed != NULL)
    *consumed = pos;
  return reply;

too_long:
  g_set_error_literal (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                       _("The server sent a reply line that is too long"));
  return NULL;
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
