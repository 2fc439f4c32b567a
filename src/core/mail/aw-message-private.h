/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-message-private.h: what the SMTP client and the tests need of a message beyond its
 * public API: the wire form and the envelope
 */
#pragma once

#include "aw-message.h"

G_BEGIN_DECLS

/* The wire form of the message and whether its body went as 8bit. NULL with an
 * AW_MESSAGE_ERROR if the message is not valid. */
GBytes   *aw_message_build_wire                 (AwMessage   *self,
                                                 gboolean     eight_bit_ok,
                                                 gboolean    *is_8bit,
                                                 GError     **error);
/* Whether an address needs SMTPUTF8 (non-ASCII local part). */
gboolean  aw_message_needs_smtputf8             (AwMessage   *self);
/* The envelope addresses (RFC 5321 MAIL FROM and RCPT TO): bare, the domain in its
 * canonical ASCII form (IDNA A-labels, lower case). */
char     *aw_message_dup_envelope_from          (AwMessage   *self);
char    **aw_message_dup_envelope_recipients    (AwMessage   *self);

G_END_DECLS
