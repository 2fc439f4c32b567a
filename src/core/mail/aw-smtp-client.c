/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-client.c: sends one message through the user's own SMTP server (GIO)
 *
 * The object holds the settings (server, security, credentials, timeouts, the trusted
 * certificate); each send, test or probe is one session (aw-smtp-session.c), which walks
 * through the dialogue (aw-smtp-dialogue.c): connect, (TLS), greeting, EHLO, (STARTTLS,
 * EHLO), AUTH (aw-smtp-auth.c), MAIL/RCPT/DATA and the data (aw-smtp-envelope.c), the
 * final ".", QUIT. The server's extensions are read by aw-smtp-capabilities.c, its
 * replies by aw-smtp-reply.c.
 *
 * Never logged: AUTH payloads (password, token) and the message.
 */
#include "config.h"

#include <string.h>

#include "aw-smtp-client.h"
#include "aw-smtp-session.h"

G_DEFINE_FINAL_TYPE (AwSmtpClient, aw_smtp_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_SECURITY,
  PROP_CONNECT_TIMEOUT,
  PROP_PINNED_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STAGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
aw_smtp_client_emit_stage (AwSmtpClient *self,
                           AwSmtpStage   stage)
{
  g_signal_emit (self, signals[STAGE_CHANGED], 0, stage);
}

/* ---- public API ---- */

/**
 * aw_smtp_client_send_async:
 * @message: the message; it is not changed
 *
 * Sends @message once. Never retries.
 */
void
aw_smtp_client_send_async (AwSmtpClient        *self,
                           AwMessage           *message,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));
  g_return_if_fail (AW_IS_MESSAGE (message));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  aw_smtp_session_start (self, AW_SMTP_SESSION_SEND, message, cancellable, callback, user_data,
                         aw_smtp_client_send_async);
}

/**
 * aw_smtp_client_send_finish:
 * @sent_bytes: (out) (optional) (transfer full) (nullable): the exact bytes handed to the
 *   server, for storing the sent .eml: set when the server accepted them and when the
 *   result is AW_SMTP_ERROR_DELIVERY_UNCERTAIN; %NULL otherwise
 *
 * Returns: whether the server accepted the message
 */
gboolean
aw_smtp_client_send_finish (AwSmtpClient  *self,
                            GAsyncResult  *result,
                            GBytes       **sent_bytes,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == aw_smtp_client_send_async, FALSE);

  if (sent_bytes != NULL)
    *sent_bytes = aw_smtp_session_dup_sent_bytes (G_TASK (result));
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
aw_smtp_client_test_connection_async (AwSmtpClient        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));

  aw_smtp_session_start (self, AW_SMTP_SESSION_TEST, NULL, cancellable, callback, user_data,
                         aw_smtp_client_test_connection_async);
}

gboolean
aw_smtp_client_test_connection_finish (AwSmtpClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
aw_smtp_client_probe_async (AwSmtpClient        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));

  aw_smtp_session_start (self, AW_SMTP_SESSION_PROBE, NULL, cancellable, callback, user_data,
                         aw_smtp_client_probe_async);
}

/**
 * aw_smtp_client_probe_finish:
 *
 * Returns: (transfer full): the server's EHLO extensions, or %NULL with @error set
 */
char **
aw_smtp_client_probe_finish (AwSmtpClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object ---- */

static void
aw_smtp_client_finalize (GObject *object)
{
  AwSmtpClient *self = (AwSmtpClient *) object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->password, aw_smtp_secure_free);
  g_clear_pointer (&self->oauth2_token, aw_smtp_secure_free);
  g_clear_object (&self->credential_source);
  g_clear_object (&self->tls_database);
  g_clear_pointer (&self->pinned_fingerprint, g_free);
  g_clear_object (&self->rejected_certificate);

  G_OBJECT_CLASS (aw_smtp_client_parent_class)->finalize (object);
}

static void
aw_smtp_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwSmtpClient *self = AW_SMTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;
    case PROP_PINNED_FINGERPRINT:
      g_value_set_string (value, self->pinned_fingerprint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_smtp_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AwSmtpClient *self = AW_SMTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_HOST:
      self->host = g_value_dup_string (value);
      break;
    case PROP_PORT:
      self->port = (guint16) g_value_get_uint (value);
      break;
    case PROP_SECURITY:
      self->security = g_value_get_enum (value);
      break;
    case PROP_CONNECT_TIMEOUT:
      aw_smtp_client_set_connect_timeout (self, g_value_get_uint (value));
      break;
    case PROP_PINNED_FINGERPRINT:
      aw_smtp_client_set_pinned_fingerprint (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_smtp_client_class_init (AwSmtpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aw_smtp_client_finalize;
  object_class->get_property = aw_smtp_client_get_property;
  object_class->set_property = aw_smtp_client_set_property;

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 1, G_MAXUINT16, 465,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECURITY] =
    g_param_spec_enum ("security", NULL, NULL, AW_TYPE_SMTP_SECURITY, AW_SMTP_SECURITY_TLS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL, 1, 3600, AW_SMTP_DEFAULT_CONNECT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PINNED_FINGERPRINT] =
    g_param_spec_string ("pinned-fingerprint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AwSmtpClient::stage-changed:
   * @stage: the #AwSmtpStage just entered
   */
  signals[STAGE_CHANGED] =
    g_signal_new ("stage-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, AW_TYPE_SMTP_STAGE);
}

static void
aw_smtp_client_init (AwSmtpClient *self)
{
  self->connect_timeout = AW_SMTP_DEFAULT_CONNECT_TIMEOUT;
  self->timeout_scale = 1.0;
  self->session_deadline = AW_SMTP_SESSION_DEADLINE;
}

AwSmtpClient *
aw_smtp_client_new (const char     *host,
                    guint16         port,
                    AwSmtpSecurity  security)
{
  g_return_val_if_fail (host != NULL, NULL);

  return g_object_new (AW_TYPE_SMTP_CLIENT,
                       "host", host,
                       "port", (guint) port,
                       "security", security,
                       NULL);
}

const char *
aw_smtp_client_get_host (AwSmtpClient *self)
{
  g_return_val_if_fail (AW_IS_SMTP_CLIENT (self), NULL);
  return self->host;
}

guint16
aw_smtp_client_get_port (AwSmtpClient *self)
{
  g_return_val_if_fail (AW_IS_SMTP_CLIENT (self), 0);
  return self->port;
}

AwSmtpSecurity
aw_smtp_client_get_security (AwSmtpClient *self)
{
  g_return_val_if_fail (AW_IS_SMTP_CLIENT (self), AW_SMTP_SECURITY_TLS);
  return self->security;
}

void
aw_smtp_client_set_credentials (AwSmtpClient *self,
                                const char   *username,
                                const char   *password)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->password, aw_smtp_secure_free);
  g_clear_pointer (&self->oauth2_token, aw_smtp_secure_free);
  if (username != NULL && password != NULL)
    {
      self->username = g_strdup (username);
      self->password = g_strdup (password);
    }
}

void
aw_smtp_client_set_oauth2_token (AwSmtpClient *self,
                                 const char   *username,
                                 const char   *access_token)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->password, aw_smtp_secure_free);
  g_clear_pointer (&self->oauth2_token, aw_smtp_secure_free);
  if (username != NULL && access_token != NULL)
    {
      self->username = g_strdup (username);
      self->oauth2_token = g_strdup (access_token);
    }
}

/**
 * aw_smtp_client_set_credential_source:
 * @source: (nullable): asked for the secret just before AUTH, and once more (renew) when
 *   the server refuses an XOAUTH2 token; its errors are returned as they are
 */
void
aw_smtp_client_set_credential_source (AwSmtpClient       *self,
                                      AwCredentialSource *source)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));
  g_return_if_fail (source == NULL || AW_IS_CREDENTIAL_SOURCE (source));

  g_set_object (&self->credential_source, source);
}

void
aw_smtp_client_set_connect_timeout (AwSmtpClient *self,
                                    guint         seconds)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));

  seconds = CLAMP (seconds, 1, 3600);
  if (self->connect_timeout == seconds)
    return;
  self->connect_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
}

void
aw_smtp_client_set_tls_database (AwSmtpClient *self,
                                 GTlsDatabase *database)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  g_set_object (&self->tls_database, database);
}

void
aw_smtp_client_set_pinned_fingerprint (AwSmtpClient *self,
                                       const char   *sha256_hex)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (AW_IS_SMTP_CLIENT (self));

  if (sha256_hex != NULL)
    {
      GString *hex = g_string_new (NULL);
      const char *p;

      for (p = sha256_hex; *p != '\0'; p++)
        if (g_ascii_isxdigit (*p))
          g_string_append_c (hex, g_ascii_tolower (*p));
      normalized = g_string_free (hex, FALSE);
      if (strlen (normalized) != 64)
        g_clear_pointer (&normalized, g_free);
    }

  if (g_strcmp0 (self->pinned_fingerprint, normalized) == 0)
    return;
  g_free (self->pinned_fingerprint);
  self->pinned_fingerprint = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINNED_FINGERPRINT]);
}

/**
 * aw_smtp_client_get_rejected_certificate:
 *
 * Returns: (transfer none) (nullable): the certificate the last connection refused
 */
AwCertificateInfo *
aw_smtp_client_get_rejected_certificate (AwSmtpClient *self)
{
  g_return_val_if_fail (AW_IS_SMTP_CLIENT (self), NULL);
  return self->rejected_certificate;
}

void
aw_smtp_client_set_timeout_scale (AwSmtpClient *self,
                                  double        scale)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));
  self->timeout_scale = scale > 0 ? scale : 1.0;
}

void
aw_smtp_client_set_session_deadline (AwSmtpClient *self,
                                     guint         seconds)
{
  g_return_if_fail (AW_IS_SMTP_CLIENT (self));
  self->session_deadline = seconds > 0 ? MIN (seconds, 24 * 60 * 60) : AW_SMTP_SESSION_DEADLINE;
}

guint64
aw_smtp_client_get_reply_bytes_examined (AwSmtpClient *self)
{
  g_return_val_if_fail (AW_IS_SMTP_CLIENT (self), 0);
  return self->reply_bytes_examined;
}

guint
aw_smtp_client_get_n_operations (AwSmtpClient *self)
{
  g_return_val_if_fail (AW_IS_SMTP_CLIENT (self), 0);
  return self->n_operations;
}
