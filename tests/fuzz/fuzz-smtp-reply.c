/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-smtp-reply.c: libFuzzer target for the SMTP reply parser
 *
 * Feeds arbitrary bytes to the parser of one buffer (parse, drop what was consumed, parse
 * again) and checks its promises: it never reads past the buffer, consumes something for
 * every reply, and hands out sane codes and valid UTF-8 text. Then feeds the same bytes
 * in pieces to the incremental parser the client uses: same replies, same failure, and
 * a bounded number of bytes looked at.
 */
#include "config.h"

#include <string.h>

#include "aw-smtp-error.h"
#include "aw-smtp-reply.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The incremental parser, fed in pieces of a size taken from the input, must hand out
 * the same replies as the parser of one buffer (and fail where it fails). */
static void
check_incremental (const guint8 *data,
                   size_t        size,
                   GPtrArray    *expected,
                   gboolean      expected_error)
{
  g_autoptr(AwSmtpReplyParser) parser = aw_smtp_reply_parser_new ();
  gsize piece = size > 0 ? 1 + data[0] % 16 : 1;
  gsize fed = 0;
  guint n = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwSmtpReply) reply = aw_smtp_reply_parser_next (parser, &error);

      if (error != NULL)
        {
          g_assert (expected_error && n == expected->len);
          return;
        }
      if (reply != NULL)
        {
          AwSmtpReply *want;

          g_assert (n < expected->len);
          want = g_ptr_array_index (expected, n++);
          g_assert (reply->code == want->code);
          g_assert (g_strcmp0 (reply->enhanced_code, want->enhanced_code) == 0);
          g_assert (g_strv_equal ((const char * const *) reply->lines,
                                  (const char * const *) want->lines));
          continue;
        }
      if (fed == size)
        break;
      aw_smtp_reply_parser_push (parser, data + fed, MIN (piece, size - fed));
      fed += MIN (piece, size - fed);
    }
  g_assert (!expected_error && n == expected->len);
  g_assert (aw_smtp_reply_parser_get_bytes_examined (parser) <= 3 * (guint64) size);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) aw_smtp_reply_free);
  gboolean failed = FALSE;
  gsize offset = 0;

  while (offset <= size)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwSmtpReply) reply = NULL;
      gsize consumed = 0;
      guint i;

      reply = aw_smtp_reply_parse (data + offset, size - offset, &consumed, &error);
      if (reply == NULL)
        {
          g_assert (consumed == 0);
          g_assert (error == NULL || g_error_matches (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL));
          failed = error != NULL;
          break;
        }

      g_assert (error == NULL);
      g_assert (consumed > 0 && consumed <= size - offset);
      g_assert (reply->code >= 200 && reply->code <= 559);
      g_assert (reply->lines != NULL && reply->lines[0] != NULL);
      g_assert (g_strv_length (reply->lines) <= AW_SMTP_REPLY_MAX_LINES);
      for (i = 0; reply->lines[i] != NULL; i++)
        {
          const char *p;

          g_assert (g_utf8_validate (reply->lines[i], -1, NULL));
          for (p = reply->lines[i]; *p != '\0'; p++)
            g_assert ((guchar) *p >= 0x20 && *p != 0x7f);
        }
      if (reply->enhanced_code != NULL)
        g_assert (reply->enhanced_code[0] == '0' + reply->code / 100);
      g_free (aw_smtp_reply_to_string (reply));

      offset += consumed;
      g_ptr_array_add (replies, g_steal_pointer (&reply));
    }

  check_incremental (data, size, replies, failed);
  return 0;
}
