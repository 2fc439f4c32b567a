/* aw-smtp-error.h: the errors of sending mail, in words a person understands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AW_SMTP_ERROR (aw_smtp_error_quark ())
GQuark aw_smtp_error_quark (void);

/**
 * AwSmtpError:
 * @AW_SMTP_ERROR_INVALID_MESSAGE: a header or address is invalid; the message names the field
 * @AW_SMTP_ERROR_CANNOT_CONNECT: the server could not be reached
 * @AW_SMTP_ERROR_TLS_NOT_OFFERED: STARTTLS was chosen but the server does not offer it
 * @AW_SMTP_ERROR_TLS_FAILED: the TLS handshake failed for a reason other than the certificate
 * @AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED: the certificate is not valid for this host; see
 *   aw_smtp_client_get_rejected_certificate()
 * @AW_SMTP_ERROR_INSECURE_NOT_ALLOWED: no encryption was chosen for a host that is not loopback,
 *   or credentials were set on an unencrypted connection
 * @AW_SMTP_ERROR_AUTH_NOT_OFFERED: credentials are set but the server offers no usable AUTH
 * @AW_SMTP_ERROR_AUTH_FAILED: wrong user name or password (535)
 * @AW_SMTP_ERROR_APP_PASSWORD_REQUIRED: the provider wants an app password (534 5.7.9)
 * @AW_SMTP_ERROR_RECIPIENT_REJECTED: the server refused a recipient (550 and friends)
 * @AW_SMTP_ERROR_MESSAGE_TOO_LARGE: larger than the server's SIZE, or 552
 * @AW_SMTP_ERROR_SERVER_BUSY: 421 or another temporary (4xx) refusal; try again later
 * @AW_SMTP_ERROR_PROTOCOL: the server said something unexpected
 * @AW_SMTP_ERROR_TIMED_OUT: the server stopped answering
 * @AW_SMTP_ERROR_CANCELLED: the caller cancelled before the message was handed over
 * @AW_SMTP_ERROR_DELIVERY_UNCERTAIN: the connection ended after the whole message was sent
 *   but before the server confirmed it; the message may have been delivered. Never retry
 *   automatically.
 */
typedef enum
{
  AW_SMTP_ERROR_INVALID_MESSAGE,
  AW_SMTP_ERROR_CANNOT_CONNECT,
  AW_SMTP_ERROR_TLS_NOT_OFFERED,
  AW_SMTP_ERROR_TLS_FAILED,
  AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED,
  AW_SMTP_ERROR_INSECURE_NOT_ALLOWED,
  AW_SMTP_ERROR_AUTH_NOT_OFFERED,
  AW_SMTP_ERROR_AUTH_FAILED,
  AW_SMTP_ERROR_APP_PASSWORD_REQUIRED,
  AW_SMTP_ERROR_RECIPIENT_REJECTED,
  AW_SMTP_ERROR_MESSAGE_TOO_LARGE,
  AW_SMTP_ERROR_SERVER_BUSY,
  AW_SMTP_ERROR_PROTOCOL,
  AW_SMTP_ERROR_TIMED_OUT,
  AW_SMTP_ERROR_CANCELLED,
  AW_SMTP_ERROR_DELIVERY_UNCERTAIN,
} AwSmtpError;

/* The server's reply that caused the error, when there was one (else 0 / NULL). */
int         aw_smtp_error_get_reply_code    (const GError *error);
const char *aw_smtp_error_get_enhanced_code (const GError *error);

char       *aw_smtp_error_describe          (const GError *error);

G_END_DECLS
