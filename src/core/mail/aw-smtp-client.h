/* aw-smtp-client.h: sends one message through the user's own SMTP server (GIO)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-certificate-info.h"
#include "aw-core-enums.h"
#include "aw-credential-source.h"
#include "aw-message.h"
#include "aw-smtp-error.h"

G_BEGIN_DECLS

typedef enum
{
  AW_SMTP_SECURITY_TLS,       /* implicit TLS, usually port 465: preferred */
  AW_SMTP_SECURITY_STARTTLS,  /* usually port 587; required, never falls back */
  AW_SMTP_SECURITY_NONE,      /* loopback hosts only */
} AwSmtpSecurity;

typedef enum
{
  AW_SMTP_STAGE_CONNECTING,
  AW_SMTP_STAGE_SECURING,
  AW_SMTP_STAGE_AUTHENTICATING,
  AW_SMTP_STAGE_SENDING,
  AW_SMTP_STAGE_DONE,
} AwSmtpStage;


/* Default for aw_smtp_client_set_connect_timeout(): TCP connect, TLS handshake and greeting */
#define AW_SMTP_DEFAULT_CONNECT_TIMEOUT 30

/* One deadline for a whole send, test or probe, beside the per-step RFC 5321 timeouts:
 * 15 minutes, which leaves the RFC's 10 minutes for the answer to the final "." after an
 * ordinary dialogue. */
#define AW_SMTP_SESSION_DEADLINE (15 * 60)

#define AW_TYPE_SMTP_CLIENT (aw_smtp_client_get_type ())

G_DECLARE_FINAL_TYPE (AwSmtpClient, aw_smtp_client, AW, SMTP_CLIENT, GObject)

/* Signal "stage-changed" (AwSmtpStage stage): emitted on the main context that was the
 * thread-default one when the operation started. */

AwSmtpClient      *aw_smtp_client_new                       (const char           *host,
                                                             guint16               port,
                                                             AwSmtpSecurity        security);
const char        *aw_smtp_client_get_host                  (AwSmtpClient         *self);
guint16            aw_smtp_client_get_port                  (AwSmtpClient         *self);
AwSmtpSecurity     aw_smtp_client_get_security              (AwSmtpClient         *self);
void               aw_smtp_client_set_credentials           (AwSmtpClient         *self,
                                                             const char           *username,
                                                             const char           *password);
void               aw_smtp_client_set_oauth2_token          (AwSmtpClient         *self,
                                                             const char           *username,
                                                             const char           *access_token);
void               aw_smtp_client_set_credential_source     (AwSmtpClient         *self,
                                                             AwCredentialSource   *source);
void               aw_smtp_client_set_connect_timeout       (AwSmtpClient         *self,
                                                             guint                 seconds);
void               aw_smtp_client_set_tls_database          (AwSmtpClient         *self,
                                                             GTlsDatabase         *database);
void               aw_smtp_client_set_pinned_fingerprint    (AwSmtpClient         *self,
                                                             const char           *sha256_hex);
AwCertificateInfo *aw_smtp_client_get_rejected_certificate  (AwSmtpClient         *self);

void               aw_smtp_client_send_async                (AwSmtpClient         *self,
                                                             AwMessage            *message,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
/* @sent_bytes: the bytes handed to the server, on success and when delivery is uncertain */
gboolean           aw_smtp_client_send_finish               (AwSmtpClient         *self,
                                                             GAsyncResult         *result,
                                                             GBytes              **sent_bytes,
                                                             GError              **error);

/* Connect, secure, authenticate (if credentials are set), QUIT. */
void               aw_smtp_client_test_connection_async     (AwSmtpClient         *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           aw_smtp_client_test_connection_finish    (AwSmtpClient         *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* Connect, secure (TLS or STARTTLS), EHLO, QUIT; no AUTH. Returns the EHLO extension
 * lines after securing, keyword upper-cased, e.g. { "PIPELINING", "SIZE 35882577",
 * "AUTH PLAIN LOGIN", NULL }. */
void               aw_smtp_client_probe_async               (AwSmtpClient         *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
char             **aw_smtp_client_probe_finish              (AwSmtpClient         *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
