/* aw-sender.h: sends one follow-up: password, message, SMTP, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-account.h"
#include "aw-certificate-info.h"
#include "aw-core-enums.h"
#include "aw-draft.h"
#include "aw-history.h"
#include "aw-message.h"
#include "aw-smtp-client.h"

G_BEGIN_DECLS

#define AW_SENDER_ERROR (aw_sender_error_quark ())
GQuark aw_sender_error_quark (void);

typedef enum
{
  AW_SENDER_ERROR_NO_PASSWORD,   /* the keyring has no password for the account */
  AW_SENDER_ERROR_BUSY,          /* this sender is already sending */
} AwSenderError;

typedef enum
{
  AW_SENDER_STAGE_IDLE,
  AW_SENDER_STAGE_PASSWORD,      /* reading the password from the keyring */
  AW_SENDER_STAGE_CONNECTING,
  AW_SENDER_STAGE_SECURING,
  AW_SENDER_STAGE_AUTHENTICATING,
  AW_SENDER_STAGE_SENDING,
  AW_SENDER_STAGE_RECORDING,     /* the server said 250; writing the history */
  AW_SENDER_STAGE_DONE,
} AwSenderStage;


/* "Connecting to smtp.example.com…" and so on; translated */
char *aw_sender_stage_describe (AwSenderStage stage,
                                const char   *host);

#define AW_TYPE_SENDER (aw_sender_get_type ())

/* Signal "stage-changed" (AwSenderStage stage) on the main context. Property "stage". */
G_DECLARE_FINAL_TYPE (AwSender, aw_sender, AW, SENDER, GObject)

AwSender          *aw_sender_new                      (AwAccount            *account,
                                                       AwHistory            *history);
AwAccount         *aw_sender_get_account              (AwSender             *self);
AwSenderStage      aw_sender_get_stage                (AwSender             *self);
gboolean           aw_sender_get_busy                 (AwSender             *self);
/* For tests and for a password just typed: skip the keyring. */
void               aw_sender_set_password             (AwSender             *self,
                                                       const char           *password);
/* Online Accounts: the secret comes from @source at sign-in, not from the keyring. */
void               aw_sender_set_credential_source    (AwSender             *self,
                                                       AwCredentialSource   *source);
/* For tests: trust this CA instead of the system's. */
void               aw_sender_set_tls_database         (AwSender             *self,
                                                       GTlsDatabase         *database);
AwCertificateInfo *aw_sender_get_rejected_certificate (AwSender             *self);

/* The message the draft becomes for this account (From: the draft's sender name and the
 * account's address; To: the recipient). */
AwMessage         *aw_sender_build_message            (AwAccount            *account,
                                                       AwDraft              *draft,
                                                       GError              **error);

/* Sends @draft once. On success returns the new history entry. On
 * AW_SMTP_ERROR_DELIVERY_UNCERTAIN the entry is recorded with that status and the
 * error returned. Nothing is retried. */
void               aw_sender_send_async               (AwSender             *self,
                                                       AwDraft              *draft,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
AwHistoryEntry    *aw_sender_send_finish              (AwSender             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* One sentence for a person, with what to do, for any error of send or test. */
char              *aw_sender_describe_error           (AwAccount            *account,
                                                       const GError         *error);

/* Connect, secure, authenticate, quit with the stored (or set) password. */
void               aw_sender_test_connection_async    (AwSender             *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           aw_sender_test_connection_finish   (AwSender             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

AwSmtpSecurity     aw_sender_smtp_security            (AwAccountSecurity     security);

G_END_DECLS
