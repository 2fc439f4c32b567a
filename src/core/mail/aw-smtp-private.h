/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-private.h: SMTP internals shared by the core and its tests (the message
 * internals are in aw-message-private.h)
 */
#pragma once

#include "aw-smtp-client.h"
#include "aw-smtp-error.h"
#include "aw-smtp-reply.h"

G_BEGIN_DECLS

/* An AW_SMTP_ERROR that keeps the server's reply code and enhanced code. */
GError  *aw_smtp_error_new_from_reply          (AwSmtpError        code,
                                                const AwSmtpReply *reply,
                                                const char        *message);

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
