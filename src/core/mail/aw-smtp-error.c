/* aw-smtp-error.c: the errors of sending mail, in words a person understands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-smtp-private.h"

typedef struct
{
  int   reply_code;
  char *enhanced_code;
} AwSmtpErrorPrivate;

static void
aw_smtp_error_private_init (AwSmtpErrorPrivate *priv)
{
  priv->reply_code = 0;
  priv->enhanced_code = NULL;
}

static void
aw_smtp_error_private_copy (const AwSmtpErrorPrivate *src,
                            AwSmtpErrorPrivate       *dest)
{
  dest->reply_code = src->reply_code;
  dest->enhanced_code = g_strdup (src->enhanced_code);
}

static void
aw_smtp_error_private_clear (AwSmtpErrorPrivate *priv)
{
  g_clear_pointer (&priv->enhanced_code, g_free);
}

G_DEFINE_EXTENDED_ERROR (AwSmtpError, aw_smtp_error)

GError *
aw_smtp_error_new_from_reply (AwSmtpError        code,
                              const AwSmtpReply *reply,
                              const char        *message)
{
  GError *error = g_error_new_literal (AW_SMTP_ERROR, code, message);
  AwSmtpErrorPrivate *priv = aw_smtp_error_get_private (error);

  if (reply != NULL && priv != NULL)
    {
      priv->reply_code = reply->code;
      priv->enhanced_code = g_strdup (reply->enhanced_code);
    }
  return error;
}

/**
 * aw_smtp_error_get_reply_code:
 *
 * Returns: the SMTP reply code behind an %AW_SMTP_ERROR, or 0
 */
int
aw_smtp_error_get_reply_code (const GError *error)
{
  AwSmtpErrorPrivate *priv;

  if (error == NULL || error->domain != AW_SMTP_ERROR)
    return 0;
  priv = aw_smtp_error_get_private (error);
  return priv != NULL ? priv->reply_code : 0;
}

/**
 * aw_smtp_error_get_enhanced_code:
 *
 * Returns: (nullable): the RFC 3463 enhanced status code, e.g. "5.7.9"
 */
const char *
aw_smtp_error_get_enhanced_code (const GError *error)
{
  AwSmtpErrorPrivate *priv;

  if (error == NULL || error->domain != AW_SMTP_ERROR)
    return NULL;
  priv = aw_smtp_error_get_private (error);
  return priv != NULL ? priv->enhanced_code : NULL;
}

/**
 * aw_smtp_error_describe:
 * @error: an error from the SMTP client or from aw_message_validate()
 *
 * Returns: (transfer full): one translated sentence of what happened and what to do
 */
char *
aw_smtp_error_describe (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == AW_MESSAGE_ERROR)
    return g_strdup (error->message);

  if (error->domain != AW_SMTP_ERROR)
    return g_strdup_printf (_("The message could not be sent: %s"), error->message);

  switch ((AwSmtpError) error->code)
    {
    case AW_SMTP_ERROR_INVALID_MESSAGE:
      return g_strdup (error->message);
    case AW_SMTP_ERROR_CANNOT_CONNECT:
      return g_strdup (_("The mail server could not be reached. Check the server name, the port and your internet connection, then try again."));
    case AW_SMTP_ERROR_TLS_NOT_OFFERED:
      return g_strdup (_("The mail server does not offer encryption (STARTTLS) on this port, so nothing was sent. Try the encrypted port 465 instead."));
    case AW_SMTP_ERROR_TLS_FAILED:
      return g_strdup (_("A secure connection to the mail server could not be set up. Check the port and the security setting of the account."));
    case AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED:
      return g_strdup (_("The mail server’s certificate is not trusted, so nothing was sent. Only trust it if you know this server and its certificate."));
    case AW_SMTP_ERROR_INSECURE_NOT_ALLOWED:
      return g_strdup (_("Sending without encryption is only allowed to this computer itself. Choose TLS or STARTTLS for the account."));
    case AW_SMTP_ERROR_AUTH_NOT_OFFERED:
      return g_strdup (_("The mail server does not offer a way to sign in, so nothing was sent. Check the server name and the port."));
    case AW_SMTP_ERROR_AUTH_FAILED:
      return g_strdup (_("The mail server did not accept the user name or password. Check them in the account settings."));
    case AW_SMTP_ERROR_APP_PASSWORD_REQUIRED:
      return g_strdup (_("Your mail provider wants an app password for this program. Create one in your provider’s security settings and enter it instead of your usual password."));
    case AW_SMTP_ERROR_RECIPIENT_REJECTED:
      return g_strdup (_("The mail server refused the recipient’s address, so nothing was sent. Check the address for typing mistakes."));
    case AW_SMTP_ERROR_MESSAGE_TOO_LARGE:
      return g_strdup (_("The message is larger than the mail server accepts, so nothing was sent. Shorten it and try again."));
    case AW_SMTP_ERROR_SERVER_BUSY:
      return g_strdup (_("The mail server is busy or temporarily unavailable, so nothing was sent. Your draft is kept; try again in a few minutes."));
    case AW_SMTP_ERROR_PROTOCOL:
      return g_strdup (_("The mail server answered in an unexpected way, so nothing was sent. Your draft is kept; try again later."));
    case AW_SMTP_ERROR_TIMED_OUT:
      return g_strdup (_("The mail server stopped answering, so nothing was sent. Your draft is kept; try again later."));
    case AW_SMTP_ERROR_CANCELLED:
      return g_strdup (_("Sending was cancelled and nothing was sent. Your draft is kept."));
    case AW_SMTP_ERROR_DELIVERY_UNCERTAIN:
      return g_strdup (_("The connection ended just after the whole message was handed over, so it may have been delivered. Check your Sent folder or ask the recipient before sending it again."));
    default:
      break;
    }

  return g_strdup (error->message);
}
