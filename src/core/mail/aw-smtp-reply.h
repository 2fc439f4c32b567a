/* aw-smtp-reply.h: parses SMTP replies (RFC 5321 4.2, enhanced codes RFC 3463)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest reply line accepted (RFC 5321 allows 512; be lenient) and most lines per reply */
#define AW_SMTP_REPLY_MAX_LINE  2048
#define AW_SMTP_REPLY_MAX_LINES 128

typedef struct
{
  int     code;           /* 200..599 */
  char   *enhanced_code;  /* "5.7.9" or NULL */
  char  **lines;          /* text of each line, enhanced code and CR LF removed, valid UTF-8 */
} AwSmtpReply;

AwSmtpReply *aw_smtp_reply_parse       (const guint8  *data,
                                        gsize          length,
                                        gsize         *consumed,
                                        GError       **error);
void         aw_smtp_reply_free        (AwSmtpReply   *reply);
char        *aw_smtp_reply_to_string   (const AwSmtpReply *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwSmtpReply, aw_smtp_reply_free)

/* The same parser, incremental: bytes go in as they arrive (push), replies come out
 * (next). Each byte is looked at a bounded number of times, however the bytes are split.
 * After an error the parser is of no further use. */
typedef struct _AwSmtpReplyParser AwSmtpReplyParser;

AwSmtpReplyParser *aw_smtp_reply_parser_new                (void);
void               aw_smtp_reply_parser_free               (AwSmtpReplyParser *self);
void               aw_smtp_reply_parser_push               (AwSmtpReplyParser *self,
                                                            const guint8      *data,
                                                            gsize              length);
AwSmtpReply       *aw_smtp_reply_parser_next               (AwSmtpReplyParser *self,
                                                            GError           **error);
gsize              aw_smtp_reply_parser_get_pending        (AwSmtpReplyParser *self);
guint64            aw_smtp_reply_parser_get_bytes_examined (AwSmtpReplyParser *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwSmtpReplyParser, aw_smtp_reply_parser_free)

G_END_DECLS
