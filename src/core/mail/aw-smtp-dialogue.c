/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-dialogue.c: the steps of the SMTP dialogue, one reply at a time
 *
 * greeting, EHLO (or HELO), STARTTLS and EHLO again, AUTH, then the transaction:
 * MAIL FROM, RCPT TO, DATA (in one PIPELINING batch where offered), the message and the
 * final ".". A message counts as sent only on the 2xx after the final "."; only a 4xx
 * or 5xx there refuses it, and anything else is DELIVERY_UNCERTAIN. AUTH ends at the
 * first 334 after the mechanism has nothing more to say (RFC 4954 4).
 *
 * Each step reads the session (aw-smtp-session.h) and hands the next step to
 * aw_smtp_session_command() or aw_smtp_session_read_reply(). Never logged: AUTH
 * payloads and the message.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "aw-smtp-session.h"

static void after_ehlo (GTask *task);
static void start_envelope (GTask *task);

static AwSmtpSession *
session_of (GTask *task)
{
  return g_task_get_task_data (task);
}

/* ---- greeting, EHLO, STARTTLS ---- */

static char *
ehlo_argument (AwSmtpSession *session)
{
  g_autoptr(GSocketAddress) local = NULL;

  if (session->conn.tcp != NULL)
    local = g_socket_connection_get_local_address (session->conn.tcp, NULL);
  if (G_IS_INET_SOCKET_ADDRESS (local))
    {
      GInetAddress *inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
      g_autofree char *text = g_inet_address_to_string (inet);

      if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
        return g_strdup_printf ("[IPv6:%s]", text);
      return g_strdup_printf ("[%s]", text);
    }
  return g_strdup ("[127.0.0.1]");
}

static void
hello (GTask           *task,
       const char      *verb,
       AwSmtpReplyStep  step)
{
  g_autofree char *arg = ehlo_argument (session_of (task));
  g_autofree char *line = g_strdup_printf ("%s %s", verb, arg);

  aw_smtp_session_command (task, line, NULL, AW_SMTP_TIMEOUT_COMMAND, step);
}

static void
helo_reply (GTask       *task,
            AwSmtpReply *reply)
{
  if (reply->code != 250)
    {
      aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_PROTOCOL, reply);
      return;
    }
  aw_smtp_capabilities_clear (session_of (task)->capabilities);
  after_ehlo (task);
}

static void
ehlo_reply (GTask       *task,
            AwSmtpReply *reply)
{
  if (reply->code == 250)
    {
      aw_smtp_capabilities_parse (session_of (task)->capabilities, reply);
      after_ehlo (task);
      return;
    }
  if (reply->code >= 500 && reply->code < 600 && reply->code != 554)
    {
      hello (task, "HELO", helo_reply);
      return;
    }
  aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_PROTOCOL, reply);
}

void
aw_smtp_dialogue_send_ehlo (GTask *task)
{
  hello (task, "EHLO", ehlo_reply);
}

void
aw_smtp_dialogue_greeting_reply (GTask       *task,
                                 AwSmtpReply *reply)
{
  /* The connect timeout covered TCP, TLS and the greeting. */
  aw_smtp_session_end_connect_phase (task);

  if (reply->code != 220)
    {
      aw_smtp_session_fail_reply (task,
                                  reply->code == 554 ? AW_SMTP_ERROR_SERVER_BUSY : AW_SMTP_ERROR_PROTOCOL,
                                  reply);
      return;
    }
  aw_smtp_dialogue_send_ehlo (task);
}

static void
starttls_reply (GTask       *task,
                AwSmtpReply *reply)
{
  AwSmtpSession *session = session_of (task);
  GSocket *socket = g_socket_connection_get_socket (session->conn.tcp);

  if (reply->code != 220)
    {
      aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_TLS_FAILED, reply);
      return;
    }
  /* Anything the server sent after its 220 and before the handshake could be an
   * injected command answer (CVE-2011-0411 and kin): refuse. */
  if (aw_smtp_reply_parser_get_pending (session->conn.parser) > 0 || g_socket_get_available_bytes (socket) > 0)
    {
      aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                                       _("The server sent data before the secure connection was set up")));
      return;
    }
  aw_smtp_session_start_tls (task);
}

/* ---- AUTH ---- */

static void
on_credentials (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSmtpSession *session = session_of (task);
  AwCredentialSource *credentials = AW_CREDENTIAL_SOURCE (source);
  g_autoptr(GError) error = NULL;
  char *secret = aw_credential_source_lookup_finish (credentials, result, &error);

  if (session->finished)
    {
      aw_smtp_secure_free (secret);
      return;
    }
  if (secret == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        aw_smtp_session_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_AUTH_FAILED);
      else
        aw_smtp_session_fail (task, g_steal_pointer (&error));  /* the source's own error, as it is */
      return;
    }
  if (aw_credential_source_get_kind (credentials) == AW_CREDENTIAL_KIND_OAUTH2)
    aw_smtp_client_set_oauth2_token (session->client, aw_credential_source_get_login (credentials), secret);
  else
    aw_smtp_client_set_credentials (session->client, aw_credential_source_get_login (credentials), secret);
  aw_smtp_secure_free (secret);
  session->auth.credentials_fetched = TRUE;
  after_ehlo (task);
}

/* The secret is asked for just before AUTH; a refused token once more (renew), still
 * before MAIL FROM, so a renewal can never send the message twice. */
static void
fetch_credentials (GTask    *task,
                   gboolean  renew)
{
  AwSmtpSession *session = session_of (task);

  aw_smtp_session_set_stage (task, AW_SMTP_STAGE_AUTHENTICATING);
  aw_credential_source_lookup_async (session->client->credential_source, renew,
                                     session->clock.io_cancellable,
                                     on_credentials, g_object_ref (task));
}

static const char *
client_secret (AwSmtpClient *client)
{
  return client->oauth2_token != NULL ? client->oauth2_token : client->password;
}

/* After a 235, or with nothing to sign in with */
static void
signed_in (GTask *task)
{
  if (session_of (task)->kind == AW_SMTP_SESSION_TEST)
    aw_smtp_session_succeed (task);
  else
    start_envelope (task);
}

static void
auth_refused (GTask       *task,
              AwSmtpReply *reply)
{
  AwSmtpSession *session = session_of (task);

  if (reply->code == 534 && g_strcmp0 (reply->enhanced_code, "5.7.9") == 0)
    aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_APP_PASSWORD_REQUIRED, reply);
  else if (reply->code == 504 || reply->code == 502)
    aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_AUTH_NOT_OFFERED, reply);
  else if (reply->code == 454)
    aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_SERVER_BUSY, reply);
  else if (reply->code >= 500 && strcmp (session->auth.mechanism, "XOAUTH2") == 0
           && session->client->credential_source != NULL && !session->auth.credentials_renewed)
    {
      /* An expired token (Gmail: the 334 JSON error, then 535): renew it once and sign
       * in again on this connection */
      g_debug ("SMTP: the token was refused; renewing it once");
      session->auth.credentials_renewed = TRUE;
      fetch_credentials (task, TRUE);
    }
  else
    aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_AUTH_FAILED, reply);
}

static void
auth_reply (GTask       *task,
            AwSmtpReply *reply)
{
  AwSmtpSession *session = session_of (task);
  AwSmtpClient *client = session->client;
  char *answer;

  /* After "*" the exchange is over, whatever the server says (RFC 4954 4: it must
   * answer 501); one more 334 would start an endless loop. */
  if (session->auth.cancelled)
    {
      if (reply->code == 334 || reply->code == 235)
        aw_smtp_session_fail (task, aw_smtp_error_new_from_reply (AW_SMTP_ERROR_PROTOCOL, reply,
                                                                  _("The server did not end the sign-in exchange")));
      else
        aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_PROTOCOL, reply);
      return;
    }
  if (reply->code == 235)
    {
      signed_in (task);
      return;
    }
  if (reply->code != 334)
    {
      auth_refused (task, reply);
      return;
    }

  session->auth.step++;
  answer = aw_smtp_auth_answer (session->auth.mechanism, session->auth.step, reply->lines[0],
                                client->username, client_secret (client));
  if (answer == NULL)
    {
      /* The mechanism has nothing more to say: cancel */
      session->auth.cancelled = TRUE;
      aw_smtp_session_command (task, "*", NULL, AW_SMTP_TIMEOUT_COMMAND, auth_reply);
      return;
    }
  aw_smtp_session_command (task, answer, "<hidden>", AW_SMTP_TIMEOUT_COMMAND, auth_reply);
  aw_smtp_secure_free (answer);
}

static void
start_auth (GTask *task)
{
  AwSmtpSession *session = session_of (task);
  AwSmtpClient *client = session->client;
  g_autofree char *log_line = NULL;
  char *line;

  if (!session->conn.secure)
    {
      aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INSECURE_NOT_ALLOWED,
                                                       _("Signing in is only allowed over an encrypted connection")));
      return;
    }
  session->auth.mechanism = aw_smtp_auth_choose_mechanism (session->capabilities,
                                                           client->oauth2_token != NULL);
  if (session->auth.mechanism == NULL)
    {
      aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_AUTH_NOT_OFFERED,
                                                       _("The server offers no supported way to sign in")));
      return;
    }

  aw_smtp_session_set_stage (task, AW_SMTP_STAGE_AUTHENTICATING);
  session->auth.step = 0;
  line = aw_smtp_auth_initial_command (session->auth.mechanism, client->username,
                                       client_secret (client), &log_line);
  aw_smtp_session_command (task, line, log_line, AW_SMTP_TIMEOUT_COMMAND, auth_reply);
  aw_smtp_secure_free (line);
}

static void
after_ehlo (GTask *task)
{
  AwSmtpSession *session = session_of (task);
  AwSmtpClient *client = session->client;

  if (client->security == AW_SMTP_SECURITY_STARTTLS && !session->conn.secure)
    {
      if (!aw_smtp_capabilities_has (session->capabilities, "STARTTLS"))
        {
          aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_NOT_OFFERED,
                                                           _("The server does not offer STARTTLS")));
          return;
        }
      aw_smtp_session_set_stage (task, AW_SMTP_STAGE_SECURING);
      aw_smtp_session_command (task, "STARTTLS", NULL, AW_SMTP_TIMEOUT_COMMAND, starttls_reply);
      return;
    }

  if (session->kind == AW_SMTP_SESSION_PROBE)
    {
      aw_smtp_session_succeed (task);
      return;
    }

  /* (a source without a login: the server wants no sign-in) */
  if (client->credential_source != NULL && !session->auth.credentials_fetched
      && aw_credential_source_get_login (client->credential_source) != NULL)
    {
      fetch_credentials (task, FALSE);
      return;
    }

  if (client->password != NULL || client->oauth2_token != NULL)
    start_auth (task);
  else
    signed_in (task);
}

/* ---- the transaction ---- */

static void send_data (GTask *task);
static void envelope_reply (GTask *task, AwSmtpReply *reply);

static guint
envelope_timeout (AwSmtpTransaction *transaction)
{
  AwSmtpCommandKind kind = aw_smtp_envelope_get_kind (transaction->envelope, transaction->next);

  return kind == AW_SMTP_COMMAND_DATA ? AW_SMTP_TIMEOUT_DATA_INIT : AW_SMTP_TIMEOUT_COMMAND;
}

static void
finish_envelope (GTask *task)
{
  AwSmtpTransaction *transaction = &session_of (task)->transaction;

  if (transaction->error != NULL)
    {
      GError *error = g_steal_pointer (&transaction->error);

      /* If DATA was accepted anyway (pipelining), the server waits for the message:
       * closing without the final "." discards the transaction. No QUIT then: it would
       * be taken as message text. */
      if (transaction->data_accepted)
        aw_smtp_session_fail (task, error);
      else
        aw_smtp_session_fail_polite (task, error);
      return;
    }
  if (!transaction->data_accepted)
    {
      aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                                       _("The server did not accept the message data")));
      return;
    }
  send_data (task);
}

static void
send_next_envelope_command (GTask *task)
{
  AwSmtpTransaction *transaction = &session_of (task)->transaction;
  const char *line = g_ptr_array_index (transaction->envelope->commands, transaction->next);
  g_autofree char *stripped = g_strndup (line, strlen (line) - 2);

  aw_smtp_session_command (task, stripped, NULL, envelope_timeout (transaction), envelope_reply);
}

static void
envelope_reply (GTask       *task,
                AwSmtpReply *reply)
{
  AwSmtpTransaction *transaction = &session_of (task)->transaction;
  AwSmtpCommandKind kind = aw_smtp_envelope_get_kind (transaction->envelope, transaction->next);
  gboolean ok;

  if (kind == AW_SMTP_COMMAND_DATA)
    {
      ok = reply->code == 354;
      transaction->data_accepted = ok;
    }
  else
    ok = reply->code >= 200 && reply->code < 300;

  if (!ok && transaction->error == NULL)
    transaction->error = aw_smtp_envelope_reply_error (kind, reply);

  transaction->next++;
  if (transaction->next >= transaction->envelope->commands->len || reply->code == 421)
    finish_envelope (task);
  else if (transaction->pipelined)
    aw_smtp_session_read_reply (task, envelope_timeout (transaction), envelope_reply);
  else if (transaction->error != NULL)
    finish_envelope (task);
  else
    send_next_envelope_command (task);
}

static void
pipelined_written (GTask *task)
{
  aw_smtp_session_read_reply (task, AW_SMTP_TIMEOUT_COMMAND, envelope_reply);
}

/* RFC 2920: MAIL, RCPT and DATA in one write, then their replies in order */
static void
send_pipelined (GTask *task)
{
  AwSmtpTransaction *transaction = &session_of (task)->transaction;
  GString *all;
  guint i;

  if (aw_smtp_session_refuse_unasked_reply (task))
    return;
  all = g_string_new (NULL);
  for (i = 0; i < transaction->envelope->commands->len; i++)
    {
      const char *line = g_ptr_array_index (transaction->envelope->commands, i);

      g_debug ("C: %.*s", (int) strlen (line) - 2, line);
      g_string_append (all, line);
    }
  aw_smtp_session_write_bytes (task, g_string_free_to_bytes (all), AW_SMTP_TIMEOUT_COMMAND,
                               pipelined_written);
}

static void
start_envelope (GTask *task)
{
  AwSmtpSession *session = session_of (task);
  GError *error = NULL;

  aw_smtp_session_set_stage (task, AW_SMTP_STAGE_SENDING);
  session->transaction.envelope = aw_smtp_envelope_new (session->message, session->capabilities,
                                                        &error);
  if (session->transaction.envelope == NULL)
    {
      aw_smtp_session_fail (task, error);
      return;
    }
  session->transaction.next = 0;
  session->transaction.pipelined = aw_smtp_capabilities_has (session->capabilities, "PIPELINING");
  if (session->transaction.pipelined)
    send_pipelined (task);
  else
    send_next_envelope_command (task);
}

static void
final_reply (GTask       *task,
             AwSmtpReply *reply)
{
  if (reply->code >= 200 && reply->code < 300)
    {
      aw_smtp_session_succeed (task);
      return;
    }
  if (reply->code >= 400)
    {
      /* A definite refusal: the message was not accepted. */
      session_of (task)->transaction.final_dot_sent = FALSE;
      aw_smtp_session_fail (task, aw_smtp_envelope_reply_error (AW_SMTP_COMMAND_DATA, reply));
      return;
    }
  /* Anything else neither accepts nor refuses the message: it may go out. */
  {
    g_autofree char *text = aw_smtp_reply_to_string (reply);
    g_autofree char *message =
      g_strdup_printf (_("The server answered the end of the message with “%s”, which "
                         "neither accepts nor refuses it; it may have been delivered"), text);

    aw_smtp_session_fail (task, aw_smtp_error_new_from_reply (AW_SMTP_ERROR_DELIVERY_UNCERTAIN,
                                                              reply, message));
  }
}

static void
final_dot_written (GTask *task)
{
  aw_smtp_session_read_reply (task, AW_SMTP_TIMEOUT_DATA_END, final_reply);
}

static void
body_written (GTask *task)
{
  /* An answer before the final "." answers nothing: closing now drops the transaction */
  if (aw_smtp_session_refuse_unasked_reply (task))
    return;
  /* From here on a failure means "delivery uncertain". */
  session_of (task)->transaction.final_dot_sent = TRUE;
  aw_smtp_session_write_bytes (task, g_bytes_new_static (".\r\n", 3), AW_SMTP_TIMEOUT_DATA_BLOCK,
                               final_dot_written);
}

static void
send_data (GTask *task)
{
  GBytes *data = session_of (task)->transaction.envelope->data;
  gsize size = g_bytes_get_size (data);

  if (aw_smtp_session_refuse_unasked_reply (task))
    return;
  g_debug ("C: <message, %" G_GSIZE_FORMAT " bytes>", size);
  aw_smtp_session_write_bytes (task, g_bytes_new_from_bytes (data, 0, size - 3),
                               AW_SMTP_TIMEOUT_DATA_BLOCK, body_written);
}
