/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-envelope.c: one mail transaction: MAIL FROM, RCPT TO, DATA and the message
 * data (RFC 5321 3.3)
 *
 * Everything is decided before the first command goes out: the wire form (8bit only
 * where 8BITMIME is offered), SMTPUTF8 for a non-ASCII local part (RFC 6531), the SIZE
 * limit (RFC 1870) and the dot-stuffed data. The addresses come from the message
 * (aw_message_dup_envelope_from() and aw_message_dup_envelope_recipients()).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-message-private.h"
#include "aw-smtp-envelope.h"
#include "aw-smtp-private.h"

void
aw_smtp_envelope_free (AwSmtpEnvelope *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->wire, g_bytes_unref);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_clear_pointer (&self->kinds, g_array_unref);
  g_free (self);
}

AwSmtpCommandKind
aw_smtp_envelope_get_kind (AwSmtpEnvelope *self,
                           guint           index)
{
  return g_array_index (self->kinds, AwSmtpCommandKind, index);
}

static void
add_command (AwSmtpEnvelope    *self,
             AwSmtpCommandKind  kind,
             char              *line)
{
  g_ptr_array_add (self->commands, line);
  g_array_append_val (self->kinds, kind);
}

static char *
mail_command (AwMessage          *message,
              AwSmtpEnvelope     *self,
              gboolean            size_offered,
              gboolean            is_8bit,
              gboolean            smtputf8)
{
  g_autofree char *from = aw_message_dup_envelope_from (message);
  GString *mail = g_string_new (NULL);

  g_string_append_printf (mail, "MAIL FROM:<%s>", from);
  if (size_offered)
    g_string_append_printf (mail, " SIZE=%" G_GSIZE_FORMAT, g_bytes_get_size (self->wire));
  if (is_8bit)
    g_string_append (mail, " BODY=8BITMIME");
  if (smtputf8)
    g_string_append (mail, " SMTPUTF8");
  g_string_append (mail, "\r\n");
  return g_string_free (mail, FALSE);
}

/* RFC 1870: refuse before sending what the server said it would not take */
static gboolean
check_size (AwSmtpEnvelope  *self,
            const char      *size_param,
            GError         **error)
{
  guint64 limit = size_param != NULL ? g_ascii_strtoull (size_param, NULL, 10) : 0;

  if (limit > 0 && g_bytes_get_size (self->wire) > limit)
    {
      g_autofree char *size_text = g_format_size (g_bytes_get_size (self->wire));
      g_autofree char *limit_text = g_format_size (limit);

      g_set_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_MESSAGE_TOO_LARGE,
                   /* Translators: both are sizes such as "1.2 MB" */
                   _("The message is %s; the server accepts at most %s"),
                   size_text, limit_text);
      return FALSE;
    }
  return TRUE;
}

AwSmtpEnvelope *
aw_smtp_envelope_new (AwMessage          *message,
                      AwSmtpCapabilities *capabilities,
                      GError            **error)
{
  g_autoptr(AwSmtpEnvelope) self = g_new0 (AwSmtpEnvelope, 1);
  g_autoptr(GError) build_error = NULL;
  g_auto(GStrv) recipients = NULL;
  const char *size_param = aw_smtp_capabilities_get_params (capabilities, "SIZE");
  gboolean smtputf8 = aw_message_needs_smtputf8 (message);
  gboolean is_8bit = FALSE;
  int i;

  if (smtputf8 && !aw_smtp_capabilities_has (capabilities, "SMTPUTF8"))
    {
      g_set_error_literal (error, AW_SMTP_ERROR, AW_SMTP_ERROR_INVALID_MESSAGE,
                           _("The mail server does not accept addresses with "
                             "non-ASCII characters before the “@”"));
      return NULL;
    }
  self->wire = aw_message_build_wire (message, aw_smtp_capabilities_has (capabilities, "8BITMIME"),
                                      &is_8bit, &build_error);
  if (self->wire == NULL)
    {
      g_set_error_literal (error, AW_SMTP_ERROR, AW_SMTP_ERROR_INVALID_MESSAGE,
                           build_error->message);
      return NULL;
    }
  self->data = aw_smtp_encode_data (self->wire, error);
  if (self->data == NULL || !check_size (self, size_param, error))
    return NULL;

  self->commands = g_ptr_array_new_with_free_func (g_free);
  self->kinds = g_array_new (FALSE, FALSE, sizeof (AwSmtpCommandKind));
  add_command (self, AW_SMTP_COMMAND_MAIL,
               mail_command (message, self, size_param != NULL, is_8bit, smtputf8));
  recipients = aw_message_dup_envelope_recipients (message);
  for (i = 0; recipients[i] != NULL; i++)
    add_command (self, AW_SMTP_COMMAND_RCPT, g_strdup_printf ("RCPT TO:<%s>\r\n", recipients[i]));
  add_command (self, AW_SMTP_COMMAND_DATA, g_strdup ("DATA\r\n"));
  return g_steal_pointer (&self);
}

GError *
aw_smtp_envelope_reply_error (AwSmtpCommandKind  kind,
                              const AwSmtpReply *reply)
{
  g_autofree char *text = aw_smtp_reply_to_string (reply);
  g_autofree char *message = g_strdup_printf (_("The server replied: %s"), text);
  AwSmtpError code;

  if (reply->code == 421 || (reply->code >= 400 && reply->code < 500 && kind != AW_SMTP_COMMAND_RCPT))
    code = AW_SMTP_ERROR_SERVER_BUSY;
  else if (reply->code == 552)
    code = AW_SMTP_ERROR_MESSAGE_TOO_LARGE;
  else if (kind == AW_SMTP_COMMAND_RCPT)
    code = reply->code >= 500 ? AW_SMTP_ERROR_RECIPIENT_REJECTED : AW_SMTP_ERROR_SERVER_BUSY;
  else if (reply->code == 530)
    code = AW_SMTP_ERROR_AUTH_FAILED;
  else
    code = AW_SMTP_ERROR_PROTOCOL;
  return aw_smtp_error_new_from_reply (code, reply, message);
}

GBytes *
aw_smtp_encode_data (GBytes  *message,
                     GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (message, &size);
  GByteArray *out = g_byte_array_sized_new (size + size / 50 + 8);
  gsize i = 0;

  while (i < size)
    {
      gsize start = i;
      gsize line_len;

      while (i < size && data[i] != '\r' && data[i] != '\n')
        i++;
      line_len = i - start;
      if (line_len > 998)
        {
          g_byte_array_unref (out);
          g_set_error_literal (error, AW_SMTP_ERROR, AW_SMTP_ERROR_INVALID_MESSAGE,
                               _("The message has a line longer than 998 characters"));
          return NULL;
        }
      if (line_len > 0 && data[start] == '.')
        g_byte_array_append (out, (const guint8 *) ".", 1);
      g_byte_array_append (out, (const guint8 *) data + start, (guint) line_len);
      g_byte_array_append (out, (const guint8 *) "\r\n", 2);

      /* CR LF, a bare LF or a bare CR all end the line */
      if (i < size && data[i] == '\r' && i + 1 < size && data[i + 1] == '\n')
        i += 2;
      else if (i < size)
        i++;
    }
  g_byte_array_append (out, (const guint8 *) ".\r\n", 3);
  return g_byte_array_free_to_bytes (out);
}
