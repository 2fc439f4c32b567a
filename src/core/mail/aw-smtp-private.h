/* aw-smtp-private.h: SMTP internals shared by the core and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "aw-message.h"
#include "aw-smtp-client.h"
#include "aw-smtp-error.h"
#include "aw-smtp-reply.h"

G_BEGIN_DECLS

/* An AW_SMTP_ERROR that keeps the server's reply code and enhanced code. */
GError  *aw_smtp_error_new_from_reply          (AwSmtpError        code,
                                                const AwSmtpReply *reply,
                                                const char        *message);

/* The wire form of the message and whether its body went as 8bit. */
GBytes  *aw_message_build_wire                 (AwMessage   *self,
                                                gboolean     eight_bit_ok,
                                                gboolean    *is_8bit,
                                                GError     **error);
/* Whether an address needs SMTPUTF8 (non-ASCII local part). */
gboolean aw_message_needs_smtputf8             (AwMessage   *self);
const char *aw_message_get_envelope_from       (AwMessage   *self);
void     aw_message_set_sent_bytes             (AwMessage   *self,
                                                GBytes      *bytes);

/* CR LF normalisation and dot-stuffing (RFC 5321 4.5.2); the result ends with
 * "\r\n.\r\n". Fails if a line is longer than 998 octets. */
GBytes  *aw_smtp_encode_data                   (GBytes      *message,
                                                GError     **error);

/* Tests: scale the RFC 5321 4.5.3.2 command timeouts (1.0 = the RFC values). */
void     aw_smtp_client_set_timeout_scale      (AwSmtpClient *self,
                                                double        scale);

/* Tests: the deadline of a whole operation, connect to result (default
 * AW_SMTP_SESSION_DEADLINE seconds). */
void     aw_smtp_client_set_session_deadline   (AwSmtpClient *self,
                                                guint         seconds);

/* Tests: bytes of server replies the reply parser looked at, over all operations. */
guint64  aw_smtp_client_get_reply_bytes_examined (AwSmtpClient *self);

/* Tests: operations not yet finished, including the QUIT after a result. */
guint    aw_smtp_client_get_n_operations       (AwSmtpClient *self);

G_END_DECLS
