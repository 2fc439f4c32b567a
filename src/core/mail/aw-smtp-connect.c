/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-connect.c: a session's connection: TCP, then TLS (implicit, or after STARTTLS)
 *
 * Only loopback hosts may be reached without encryption. The server's certificate must
 * be valid for the host, or be the one the user chose to trust (its SHA-256 pinned);
 * otherwise the client keeps it for the certificate dialog. TLS below 1.2 is refused
 * before anything is sent over it (RFC 8996). After STARTTLS every capability learned
 * before is forgotten (RFC 3207 4.2).
 */
#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <glib/gi18n-lib.h>

#include "aw-smtp-session.h"

static gboolean
on_accept_certificate (GTlsConnection       *conn,
                       GTlsCertificate      *peer_cert,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTask *task = user_data;
  AwSmtpSession *session = g_task_get_task_data (task);
  AwSmtpClient *self = session->client;
  g_autofree char *fingerprint = aw_certificate_sha256_hex (peer_cert);

  if (self->pinned_fingerprint != NULL && fingerprint != NULL
      && g_ascii_strcasecmp (self->pinned_fingerprint, fingerprint) == 0)
    {
      g_debug ("SMTP: accepting the certificate the user trusted for %s:%u",
               self->host, self->port);
      return TRUE;
    }

  g_clear_object (&self->rejected_certificate);
  self->rejected_certificate = aw_certificate_info_new (peer_cert, errors, self->host, self->port);
  return FALSE;
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GTlsProtocolVersion version;

  g_signal_handlers_disconnect_by_func (object, on_accept_certificate, task);

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, &error))
    {
      if (session->finished)
        return;
      if (session->client->rejected_certificate != NULL
          && g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          g_autofree char *reasons =
            aw_certificate_info_describe_errors (session->client->rejected_certificate);

          aw_smtp_session_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED,
                                                   _("The certificate of %s is not trusted: %s"),
                                                   session->client->host, reasons));
          return;
        }
      aw_smtp_session_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_TLS_FAILED);
      return;
    }
  if (session->finished)
    return;

  /* RFC 8996: no TLS 1.0 or 1.1 (nor SSL), before a password or a message goes over it */
  version = g_tls_connection_get_protocol_version (G_TLS_CONNECTION (object));
  if (version != G_TLS_PROTOCOL_VERSION_TLS_1_2 && version != G_TLS_PROTOCOL_VERSION_TLS_1_3)
    {
      const char *name = version == G_TLS_PROTOCOL_VERSION_SSL_3_0 ? "SSL 3.0"
                         : version == G_TLS_PROTOCOL_VERSION_TLS_1_0 ? "TLS 1.0"
                         : version == G_TLS_PROTOCOL_VERSION_TLS_1_1 ? "TLS 1.1" : NULL;

      g_debug ("SMTP: refusing TLS protocol version %d", (int) version);
      if (name != NULL)
        aw_smtp_session_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_FAILED,
                                                 /* Translators: %s is an old protocol version, e.g. "TLS 1.1" */
                                                 _("The server only offers %s, an outdated and unsafe "
                                      "version of TLS; TLS 1.2 or newer is required"), name));
      else
        aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_FAILED,
                                                         _("The server’s TLS version is not known to be safe; "
                                              "TLS 1.2 or newer is required")));
      return;
    }

  session->conn.secure = TRUE;
  g_set_object (&session->conn.stream, G_IO_STREAM (object));
  if (!session->clock.connect_phase)
    aw_smtp_session_stop_timer (session);

  if (session->clock.connect_phase)
    {
      /* Implicit TLS: now the greeting */
      aw_smtp_session_read_reply (task, AW_SMTP_TIMEOUT_GREETING, aw_smtp_dialogue_greeting_reply);
      return;
    }
  /* After STARTTLS forget everything learned before (RFC 3207 4.2) */
  aw_smtp_capabilities_clear (session->capabilities);
  aw_smtp_dialogue_send_ehlo (task);
}

void
aw_smtp_session_start_tls (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  AwSmtpClient *self = session->client;
  g_autoptr(GSocketConnectable) identity = g_network_address_new (self->host, self->port);
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) error = NULL;

  aw_smtp_session_set_stage (task, AW_SMTP_STAGE_SECURING);
  g_clear_object (&self->rejected_certificate);

  tls = g_tls_client_connection_new (G_IO_STREAM (session->conn.tcp), identity, &error);
  if (tls == NULL)
    {
      aw_smtp_session_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_FAILED, "%s", error->message));
      return;
    }
  if (self->tls_database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), self->tls_database);
  /* After STARTTLS the handshake needs its own timer (implicit TLS: the connect timer) */
  if (!session->clock.connect_phase)
    aw_smtp_session_start_timer (task, AW_SMTP_TIMEOUT_COMMAND, TRUE);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), task);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    session->clock.io_cancellable, handshake_cb, g_object_ref (task));
}

gboolean
aw_smtp_session_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  inet = g_inet_address_new_from_string (host);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSmtpSession *session = g_task_get_task_data (task);
  AwSmtpClient *self = session->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) conn = NULL;

  conn = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);
  if (conn == NULL)
    {
      if (session->finished)
        return;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          aw_smtp_session_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_CANNOT_CONNECT,
                                                   _("Could not connect to %s port %u: %s"),
                                                   self->host, self->port, error->message));
          return;
        }
      aw_smtp_session_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_CANNOT_CONNECT);
      return;
    }
  if (session->finished)
    return;

  session->conn.tcp = g_steal_pointer (&conn);
  session->conn.stream = G_IO_STREAM (g_object_ref (session->conn.tcp));

  /* SMTP is a dialogue of small writes (and the final "." on its own): without this,
   * Nagle's algorithm and the peer's delayed ACK cost ~40 ms per exchange. */
  if (!g_socket_set_option (g_socket_connection_get_socket (session->conn.tcp), IPPROTO_TCP, TCP_NODELAY, 1, &error))
    g_debug ("SMTP: could not set TCP_NODELAY: %s", error->message);
  g_clear_error (&error);

  if (self->security == AW_SMTP_SECURITY_NONE)
    {
      g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (session->conn.tcp, NULL);

      if (!G_IS_INET_SOCKET_ADDRESS (remote)
          || !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))))
        {
          aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INSECURE_NOT_ALLOWED,
                                                           _("Sending without encryption is only allowed to this computer")));
          return;
        }
    }

  if (self->security == AW_SMTP_SECURITY_TLS)
    aw_smtp_session_start_tls (task);
  else
    aw_smtp_session_read_reply (task, AW_SMTP_TIMEOUT_GREETING, aw_smtp_dialogue_greeting_reply);
}

/* TCP to the client's host and port; then TLS or the greeting */
void
aw_smtp_session_connect (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  AwSmtpClient *self = session->client;
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnectable) address = g_network_address_new (self->host, self->port);

  g_debug ("SMTP: connecting to %s:%u", self->host, self->port);
  g_socket_client_connect_async (socket_client, address, session->clock.io_cancellable,
                                 connect_cb, g_object_ref (task));
}
