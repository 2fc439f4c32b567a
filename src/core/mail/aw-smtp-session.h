/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-session.h: one operation of the SMTP client (a send, a test or a probe), inside
 * src/core/mail only
 *
 * An operation is one GTask whose task data is an AwSmtpSession. aw-smtp-session.c holds
 * its life (reading replies, writing commands, timers, the result); aw-smtp-connect.c
 * the connection (TCP, TLS, the certificate); aw-smtp-dialogue.c the SMTP steps
 * (greeting, EHLO, STARTTLS, AUTH, the transaction); aw-smtp-client.c the object that
 * starts them.
 */
#pragma once

#include <gio/gio.h>

#include "aw-smtp-auth.h"
#include "aw-smtp-capabilities.h"
#include "aw-smtp-client.h"
#include "aw-smtp-envelope.h"
#include "aw-smtp-private.h"

G_BEGIN_DECLS

/* RFC 5321 4.5.3.2, in seconds */
#define AW_SMTP_TIMEOUT_GREETING   (5 * 60)
#define AW_SMTP_TIMEOUT_COMMAND    (5 * 60)
#define AW_SMTP_TIMEOUT_DATA_INIT  (2 * 60)
#define AW_SMTP_TIMEOUT_DATA_BLOCK (3 * 60)
#define AW_SMTP_TIMEOUT_DATA_END   (10 * 60)
#define AW_SMTP_TIMEOUT_QUIT       10

#define AW_SMTP_READ_CHUNK 4096

/* The client's settings, which its sessions read (and the credentials, which a
 * credential source sets at sign-in). */
struct _AwSmtpClient
{
  GObject             parent_instance;

  char               *host;
  guint16             port;
  AwSmtpSecurity      security;
  char               *username;
  char               *password;
  char               *oauth2_token;
  AwCredentialSource *credential_source;
  guint               connect_timeout;
  GTlsDatabase       *tls_database;
  char               *pinned_fingerprint;
  AwCertificateInfo  *rejected_certificate;
  double              timeout_scale;
  guint               session_deadline;
  guint64             reply_bytes_examined;
  guint               n_operations;
};

/* Emits AwSmtpClient::stage-changed */
void aw_smtp_client_emit_stage (AwSmtpClient *self,
                                AwSmtpStage   stage);

typedef enum
{
  AW_SMTP_SESSION_SEND,
  AW_SMTP_SESSION_TEST,
  AW_SMTP_SESSION_PROBE,
} AwSmtpSessionKind;

typedef void (*AwSmtpReplyStep) (GTask *task, AwSmtpReply *reply);
typedef void (*AwSmtpWriteStep) (GTask *task);

/* Cancellation and the clocks: the per-step timer, the whole-operation deadline */
typedef struct
{
  GCancellable *io_cancellable;    /* cancels the pending I/O, for every reason below */
  GCancellable *user_cancellable;
  gulong        cancel_handler;
  GSource      *timer;
  GSource      *deadline;
  gboolean      timed_out;
  gboolean      connect_phase;     /* the connect timeout covers TCP, TLS and greeting */
} AwSmtpSessionClock;

/* The connection and what is on its way through it */
typedef struct
{
  GSocketConnection *tcp;
  GIOStream         *stream;       /* tcp, or the TLS connection over it */
  gboolean           secure;
  AwSmtpReplyParser *parser;
  guint8             chunk[AW_SMTP_READ_CHUNK];
  GBytes            *outbuf;
  AwSmtpReplyStep    reply_step;
  AwSmtpWriteStep    write_step;
  guint              reply_timeout;
} AwSmtpSessionConnection;

/* The mail transaction in progress */
typedef struct
{
  AwSmtpEnvelope *envelope;
  guint           next;            /* index of the command whose reply comes next */
  gboolean        pipelined;
  gboolean        data_accepted;
  GError         *error;           /* the first refusal */
  gboolean        final_dot_sent;  /* from here a failure is "delivery uncertain" */
} AwSmtpTransaction;

typedef struct
{
  AwSmtpSessionKind        kind;
  AwSmtpClient            *client;
  AwMessage               *message;
  gboolean                 finished;
  gboolean                 released;
  AwSmtpStage              stage;
  gboolean                 stage_set;

  AwSmtpSessionClock       clock;
  AwSmtpSessionConnection  conn;
  AwSmtpCapabilities      *capabilities;
  AwSmtpAuthState          auth;
  AwSmtpTransaction        transaction;
} AwSmtpSession;

/* aw-smtp-session.c */
void     aw_smtp_session_start                (AwSmtpClient        *client,
                                               AwSmtpSessionKind    kind,
                                               AwMessage           *message,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data,
                                               gpointer             source_tag);
GBytes  *aw_smtp_session_dup_sent_bytes       (GTask               *task);
void     aw_smtp_session_set_stage            (GTask               *task,
                                               AwSmtpStage          stage);
void     aw_smtp_session_end_connect_phase    (GTask               *task);
void     aw_smtp_session_fail                 (GTask               *task,
                                               GError              *error);
void     aw_smtp_session_fail_io              (GTask               *task,
                                               GError              *io_error,
                                               AwSmtpError          fallback);
void     aw_smtp_session_fail_reply           (GTask               *task,
                                               AwSmtpError          code,
                                               const AwSmtpReply   *reply);
void     aw_smtp_session_fail_polite          (GTask               *task,
                                               GError              *error);
void     aw_smtp_session_succeed              (GTask               *task);
void     aw_smtp_session_read_reply           (GTask               *task,
                                               guint                timeout,
                                               AwSmtpReplyStep      step);
void     aw_smtp_session_write_bytes          (GTask               *task,
                                               GBytes              *bytes,
                                               guint                timeout,
                                               AwSmtpWriteStep      step);
gboolean aw_smtp_session_refuse_unasked_reply (GTask               *task);
void     aw_smtp_session_command              (GTask               *task,
                                               const char          *line,
                                               const char          *log_line,
                                               guint                timeout,
                                               AwSmtpReplyStep      step);
void     aw_smtp_session_start_timer          (GTask               *task,
                                               guint                seconds,
                                               gboolean             scaled);
void     aw_smtp_session_stop_timer           (AwSmtpSession       *session);

/* aw-smtp-connect.c */
gboolean aw_smtp_session_host_is_loopback     (const char          *host);
void     aw_smtp_session_connect              (GTask               *task);
void     aw_smtp_session_start_tls            (GTask               *task);

/* aw-smtp-dialogue.c */
void     aw_smtp_dialogue_greeting_reply      (GTask               *task,
                                               AwSmtpReply         *reply);
void     aw_smtp_dialogue_send_ehlo           (GTask               *task);

G_END_DECLS
