/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-envelope.h: one mail transaction: MAIL FROM, RCPT TO, DATA and the message
 * data (RFC 5321 3.3)
 */
#pragma once

#include <gio/gio.h>

#include "aw-message.h"
#include "aw-smtp-capabilities.h"
#include "aw-smtp-reply.h"

G_BEGIN_DECLS

typedef enum
{
  AW_SMTP_COMMAND_MAIL,
  AW_SMTP_COMMAND_RCPT,
  AW_SMTP_COMMAND_DATA,
} AwSmtpCommandKind;

typedef struct
{
  GBytes    *wire;      /* the message as built: what a send hands over */
  GBytes    *data;      /* @wire dot-stuffed, ending with ".\r\n" */
  GPtrArray *commands;  /* "MAIL FROM:<a> SIZE=n\r\n", "RCPT TO:<b>\r\n"..., "DATA\r\n" */
  GArray    *kinds;     /* the AwSmtpCommandKind of each command */
} AwSmtpEnvelope;

/* The transaction for a valid @message on a server that offers @capabilities. Fails with
 * AW_SMTP_ERROR_INVALID_MESSAGE (SMTPUTF8 needed but not offered, a line too long) or
 * AW_SMTP_ERROR_MESSAGE_TOO_LARGE (above the advertised SIZE). */
AwSmtpEnvelope    *aw_smtp_envelope_new         (AwMessage          *message,
                                                 AwSmtpCapabilities *capabilities,
                                                 GError            **error);
void               aw_smtp_envelope_free        (AwSmtpEnvelope     *self);
AwSmtpCommandKind  aw_smtp_envelope_get_kind    (AwSmtpEnvelope     *self,
                                                 guint               index);

/* The error for a refusal of a command of @kind (or of the final "." as DATA). */
GError            *aw_smtp_envelope_reply_error (AwSmtpCommandKind   kind,
                                                 const AwSmtpReply  *reply);

/* CR LF normalisation and dot-stuffing (RFC 5321 4.5.2); the result ends with
 * "\r\n.\r\n". Fails if a line is longer than 998 octets. */
GBytes            *aw_smtp_encode_data          (GBytes             *message,
                                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwSmtpEnvelope, aw_smtp_envelope_free)

G_END_DECLS
