/* aw-message.h: one follow-up email as an RFC 5322 message (GMime)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AW_MESSAGE_ERROR (aw_message_error_quark ())
GQuark aw_message_error_quark (void);

/* Which field is wrong: the UI can point at it. */
typedef enum
{
  AW_MESSAGE_ERROR_FROM_NAME,
  AW_MESSAGE_ERROR_FROM_ADDRESS,
  AW_MESSAGE_ERROR_TO,
  AW_MESSAGE_ERROR_CC,
  AW_MESSAGE_ERROR_BCC,
  AW_MESSAGE_ERROR_REPLY_TO,
  AW_MESSAGE_ERROR_SUBJECT,
  AW_MESSAGE_ERROR_BODY,
  AW_MESSAGE_ERROR_NO_RECIPIENT,
} AwMessageError;

#define AW_TYPE_MESSAGE (aw_message_get_type ())

G_DECLARE_FINAL_TYPE (AwMessage, aw_message, AW, MESSAGE, GObject)

/* to, cc, bcc: one or more addresses separated by commas, each "a@b.example" or
 * "Name <a@b.example>". reply-to: one address. Every setter accepts NULL for "none". */
AwMessage  *aw_message_new                    (void);
void        aw_message_set_from               (AwMessage   *self,
                                               const char  *name,
                                               const char  *address);
const char *aw_message_get_from_name          (AwMessage   *self);
const char *aw_message_get_from_address       (AwMessage   *self);
void        aw_message_set_to                 (AwMessage   *self,
                                               const char  *addresses);
const char *aw_message_get_to                 (AwMessage   *self);
void        aw_message_set_cc                 (AwMessage   *self,
                                               const char  *addresses);
const char *aw_message_get_cc                 (AwMessage   *self);
void        aw_message_set_bcc                (AwMessage   *self,
                                               const char  *addresses);
const char *aw_message_get_bcc                (AwMessage   *self);
void        aw_message_set_reply_to           (AwMessage   *self,
                                               const char  *address);
const char *aw_message_get_reply_to           (AwMessage   *self);
void        aw_message_set_subject            (AwMessage   *self,
                                               const char  *subject);
const char *aw_message_get_subject            (AwMessage   *self);
void        aw_message_set_body               (AwMessage   *self,
                                               const char  *body);
const char *aw_message_get_body               (AwMessage   *self);
/* Default: the time of the first build. */
void        aw_message_set_date               (AwMessage   *self,
                                               GDateTime   *date);
GDateTime  *aw_message_get_date               (AwMessage   *self);

/* Checks every field; the error code names the field. A message that passed is not
 * checked again until a field changes. */
gboolean    aw_message_validate               (AwMessage   *self,
                                               GError     **error);

/* Without angle brackets; generated once for the sender's domain on the first build and
 * kept, so every build of this message carries the same Message-ID. NULL before that. */
const char *aw_message_get_message_id         (AwMessage   *self);

/* The whole message as it goes on the wire (CR LF line ends, no Bcc header, before
 * dot-stuffing). eight_bit_ok: the server advertises 8BITMIME, so a non-ASCII body may go
 * as 8bit; otherwise it is quoted-printable. NULL if the message is not valid. */
GBytes     *aw_message_to_bytes               (AwMessage   *self,
                                               gboolean     eight_bit_ok);

/* Envelope recipients: To, Cc and Bcc addresses (without names). */
char      **aw_message_get_recipients         (AwMessage   *self);

G_END_DECLS
