/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-smtp-reply.c: libFuzzer target for the SMTP reply parser
 *
 * Feeds arbitrary bytes the way the client does (parse, drop what was consumed, parse
 * again) and checks the parser's promises: it never reads past the buffer, consumes
 * something for every reply, and hands out sane codes and valid UTF-8 text.
 */
#include "config.h"

#include <string.h>

#include "aw-smtp-error.h"
#include "aw-smtp-reply.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
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
    }

  return 0;
}
