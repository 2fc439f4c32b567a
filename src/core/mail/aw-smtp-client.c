/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-client.c: sends one message through the user's own SMTP server (GIO)
 *
 * One operation is one GTask whose callbacks walk through the SMTP dialogue:
 * connect, (TLS), greeting, EHLO, (STARTTLS, EHLO), AUTH, MAIL/RCPT/DATA, the data,
 * the final ".", QUIT. Every wait has a timer (RFC 5321 4.5.3.2) that cancels the
 * pending I/O; the caller's GCancellable does the same, and so does one deadline for the
 * whole operation (AW_SMTP_SESSION_DEADLINE). A message counts as sent only on the 2xx
 * after the final "."; only a 4xx or 5xx there refuses it, and anything else after that
 * "." was written is DELIVERY_UNCERTAIN.
 *
 * Hostile servers: no command (outside a PIPELINING batch) and no message body is
 * written while an answer nobody asked for is waiting (RFC 5321 4.1.1.4 and 4.3.2,
 * RFC 2920 3.1); TLS below 1.2 is refused before anything is sent over it (RFC 8996);
 * AUTH ends at the first 334 after the mechanism has nothing more to say (RFC 4954 4).
 *
 * Never logged: AUTH payloads (password, token) and the message.
 */
#include "config.h"

#include <string.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <glib/gi18n-lib.h>

#include "aw-smtp-client.h"
#include "aw-smtp-private.h"

/* RFC 5321 4.5.3.2, in seconds */
#define TIMEOUT_GREETING   (5 * 60)
#define TIMEOUT_COMMAND    (5 * 60)
#define TIMEOUT_DATA_INIT  (2 * 60)
#define TIMEOUT_DATA_BLOCK (3 * 60)
#define TIMEOUT_DATA_END   (10 * 60)
#define TIMEOUT_QUIT       10

/* The deadline of a whole operation (connect to result) in seconds: a server that answers
 * each step just within its own timeout cannot hold the client for hours. Long enough for
 * the RFC's full 10 minutes after the final "." after an ordinary dialogue. */
#define SESSION_DEADLINE AW_SMTP_SESSION_DEADLINE

#define READ_CHUNK 4096
#define MAX_PENDING_INPUT (AW_SMTP_REPLY_MAX_LINE * AW_SMTP_REPLY_MAX_LINES)

struct _AwSmtpClient
{
  GObject            parent_instance;

  char              *host;
  guint16            port;
  AwSmtpSecurity     security;
  char              *username;
  char              *password;
  char              *oauth2_token;
  AwCredentialSource *credential_source;
  guint              connect_timeout;
  GTlsDatabase      *tls_database;
  char              *pinned_fingerprint;
  AwCertificateInfo *rejected_certificate;
  double             timeout_scale;
  guint              session_deadline;
  guint64            reply_bytes_examined;
  guint              n_operations;
};

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

/* ---- the operation ---- */

typedef enum
{
  OP_SEND,
  OP_TEST,
  OP_PROBE,
} OpKind;

typedef enum
{
  CMD_MAIL,
  CMD_RCPT,
  CMD_DATA,
} CmdKind;

typedef struct _Op Op;
typedef void (*ReplyStep) (GTask *task, AwSmtpReply *reply);
typedef void (*WriteStep) (GTask *task);

struct _Op
{
  OpKind              kind;
  AwSmtpClient       *client;
  AwMessage          *message;

  GCancellable       *io_cancellable;
  GCancellable       *user_cancellable;
  gulong              cancel_handler;
  GSource            *timer;
  GSource            *deadline;
  gboolean            timed_out;
  gboolean            connect_phase;
  gboolean            finished;
  gboolean            released;
  AwSmtpStage         stage;
  gboolean            stage_set;

  GSocketConnection  *tcp;
  GIOStream          *stream;
  gboolean            secure;
  AwSmtpReplyParser  *parser;
  guint8              chunk[READ_CHUNK];
  GBytes             *outbuf;
  ReplyStep           reply_step;
  WriteStep           write_step;
  guint               reply_timeout;

  GHashTable         *caps;
  GPtrArray          *cap_lines;
  gboolean            used_helo;

  /* sending */
  GBytes             *wire;
  GBytes             *data;
  gboolean            is_8bit;
  gboolean            smtputf8;
  GPtrArray          *cmds;
  GArray             *cmd_kinds;
  guint               cmd_index;
  gboolean            pipelined;
  gboolean            data_accepted;
  GError             *envelope_error;
  gboolean            final_dot_sent;

  /* AUTH */
  const char         *mechanism;
  int                 auth_step;
  gboolean            auth_cancelled;
  gboolean            credentials_fetched;
  gboolean            credentials_renewed;
};

static void
secure_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

static void
op_release (Op *op)
{
  if (!op->released)
    {
      op->released = TRUE;
      op->client->n_operations--;
    }
}

static void
op_free (Op *op)
{
  op_release (op);
  if (op->timer != NULL)
    {
      g_source_destroy (op->timer);
      g_source_unref (op->timer);
    }
  if (op->deadline != NULL)
    {
      g_source_destroy (op->deadline);
      g_source_unref (op->deadline);
    }
  if (op->cancel_handler != 0)
    g_cancellable_disconnect (op->user_cancellable, op->cancel_handler);
  g_clear_object (&op->user_cancellable);
  g_clear_object (&op->io_cancellable);
  g_clear_object (&op->message);
  g_clear_object (&op->tcp);
  g_clear_object (&op->stream);
  g_clear_pointer (&op->parser, aw_smtp_reply_parser_free);
  g_clear_pointer (&op->outbuf, g_bytes_unref);
  g_clear_pointer (&op->caps, g_hash_table_unref);
  g_clear_pointer (&op->cap_lines, g_ptr_array_unref);
  g_clear_pointer (&op->wire, g_bytes_unref);
  g_clear_pointer (&op->data, g_bytes_unref);
  g_clear_pointer (&op->cmds, g_ptr_array_unref);
  g_clear_pointer (&op->cmd_kinds, g_array_unref);
  g_clear_error (&op->envelope_error);
  g_object_unref (op->client);
  g_free (op);
}

static void
set_stage (GTask       *task,
           AwSmtpStage  stage)
{
  Op *op = g_task_get_task_data (task);

  if (op->stage_set && op->stage == stage)
    return;
  op->stage_set = TRUE;
  op->stage = stage;
  g_signal_emit (op->client, signals[STAGE_CHANGED], 0, stage);
}

static void
close_connection (Op *op)
{
  if (op->stream != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Closing a socket does not block; the TLS close_notify is skipped on purpose
       * (the peer may be gone). */
      if (G_IS_TLS_CONNECTION (op->stream))
        g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (op->stream), FALSE);
      if (op->tcp != NULL)
        g_io_stream_close (G_IO_STREAM (op->tcp), NULL, &error);
      g_clear_object (&op->stream);
    }
  g_clear_object (&op->tcp);
  op_release (op);
}

static void
stop_timer (Op *op)
{
  if (op->timer != NULL)
    {
      g_source_destroy (op->timer);
      g_clear_pointer (&op->timer, g_source_unref);
    }
}

static gboolean
on_timeout (gpointer user_data)
{
  Op *op = user_data;

  g_debug ("SMTP: timed out");
  op->timed_out = TRUE;
  g_cancellable_cancel (op->io_cancellable);
  g_clear_pointer (&op->timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
on_deadline (gpointer user_data)
{
  Op *op = user_data;

  g_debug ("SMTP: the session deadline passed");
  op->timed_out = TRUE;
  g_cancellable_cancel (op->io_cancellable);
  g_clear_pointer (&op->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
stop_deadline (Op *op)
{
  if (op->deadline != NULL)
    {
      g_source_destroy (op->deadline);
      g_clear_pointer (&op->deadline, g_source_unref);
    }
}

static void
start_timer (GTask *task,
             guint  seconds,
             gboolean scaled)
{
  Op *op = g_task_get_task_data (task);
  guint ms;

  stop_timer (op);
  if (scaled)
    ms = (guint) MAX (1.0, seconds * 1000.0 * op->client->timeout_scale);
  else
    ms = seconds * 1000;
  op->timer = g_timeout_source_new (ms);
  g_source_set_callback (op->timer, on_timeout, op, NULL);
  g_source_set_static_name (op->timer, "[afterword] smtp timeout");
  g_source_attach (op->timer, g_task_get_context (task));
}

/* Every failure goes through here; returns the error once and drops the connection. */
static void
op_fail (GTask  *task,
         GError *error)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) owned = error;

  if (op->finished)
    return;
  op->finished = TRUE;
  stop_timer (op);
  stop_deadline (op);

  if (op->final_dot_sent)
    {
      /* Keep a more precise "uncertain" (e.g. a 3xx to the final ".") */
      if (!g_error_matches (owned, AW_SMTP_ERROR, AW_SMTP_ERROR_DELIVERY_UNCERTAIN))
        {
          g_clear_error (&owned);
          owned = g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_DELIVERY_UNCERTAIN,
                                       _("The connection ended after the whole message was sent "
                                         "but before the server confirmed it; it may have been delivered"));
        }
      if (op->message != NULL && op->wire != NULL)
        aw_message_set_sent_bytes (op->message, op->wire);
    }

  g_debug ("SMTP: failed: %s", owned->message);
  close_connection (op);
  g_task_return_error (task, g_steal_pointer (&owned));
}

/* An I/O error from GIO, turned into the domain's codes. */
static void
op_fail_io (GTask      *task,
            GError     *io_error,
            AwSmtpError fallback)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) owned = io_error;

  if (g_error_matches (owned, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (op->timed_out)
        op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_TIMED_OUT,
                                            _("The server did not answer in time")));
      else
        op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_CANCELLED,
                                            _("Sending was cancelled")));
      return;
    }
  if (g_error_matches (owned, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_TIMED_OUT,
                                          _("The server did not answer in time")));
      return;
    }
  op_fail (task, g_error_new (AW_SMTP_ERROR, fallback, "%s", owned->message));
}

static void
op_fail_reply (GTask             *task,
               AwSmtpError        code,
               const AwSmtpReply *reply)
{
  g_autofree char *text = aw_smtp_reply_to_string (reply);
  g_autofree char *message = NULL;

  /* 421 means the server is closing the connection, whatever we asked */
  if (reply->code == 421 || (reply->code >= 400 && reply->code < 500
                             && code != AW_SMTP_ERROR_AUTH_FAILED
                             && code != AW_SMTP_ERROR_RECIPIENT_REJECTED))
    code = AW_SMTP_ERROR_SERVER_BUSY;

  message = g_strdup_printf (_("The server replied: %s"), text);
  op_fail (task, aw_smtp_error_new_from_reply (code, reply, message));
}

static void
quit_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  stop_timer (op);
  close_connection (op);
}

static void
quit_write_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error)
      || op->stream == NULL)
    {
      stop_timer (op);
      close_connection (op);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (op->stream), op->chunk,
                             sizeof op->chunk, G_PRIORITY_DEFAULT, op->io_cancellable,
                             quit_read_cb, g_steal_pointer (&task));
}

/* Polite QUIT after the result is known; closes the connection when done. */
static void
op_quit (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->stream == NULL || g_cancellable_is_cancelled (op->io_cancellable))
    {
      close_connection (op);
      return;
    }
  g_debug ("C: QUIT");
  g_clear_pointer (&op->outbuf, g_bytes_unref);
  op->outbuf = g_bytes_new_static ("QUIT\r\n", 6);
  start_timer (task, TIMEOUT_QUIT, FALSE);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (op->stream),
                                   g_bytes_get_data (op->outbuf, NULL),
                                   g_bytes_get_size (op->outbuf),
                                   G_PRIORITY_DEFAULT, op->io_cancellable,
                                   quit_write_cb, g_object_ref (task));
}

/* A definite failure while the dialogue is still in order: say goodbye properly. */
static void
op_fail_polite (GTask  *task,
                GError *error)
{
  Op *op = g_task_get_task_data (task);

  if (op->finished)
    {
      g_error_free (error);
      return;
    }
  op->finished = TRUE;
  stop_timer (op);
  stop_deadline (op);
  g_debug ("SMTP: failed: %s", error->message);
  g_task_return_error (task, error);
  op_quit (task);
}

static void
op_succeed (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->finished)
    return;
  op->finished = TRUE;
  stop_timer (op);
  stop_deadline (op);
  set_stage (task, AW_SMTP_STAGE_DONE);

  if (op->kind == OP_PROBE)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new ();
      guint i;

      for (i = 0; i < op->cap_lines->len; i++)
        g_ptr_array_add (lines, g_strdup (g_ptr_array_index (op->cap_lines, i)));
      g_ptr_array_add (lines, NULL);
      g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&lines), FALSE),
                             (GDestroyNotify) g_strfreev);
    }
  else
    g_task_return_boolean (task, TRUE);

  op_quit (task);
}

/* ---- reading replies and writing commands ---- */

static void read_more (GTask *task);

static void
deliver_reply (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(AwSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint64 examined = aw_smtp_reply_parser_get_bytes_examined (op->parser);
  ReplyStep step;

  reply = aw_smtp_reply_parser_next (op->parser, &error);
  op->client->reply_bytes_examined += aw_smtp_reply_parser_get_bytes_examined (op->parser) - examined;
  if (error != NULL)
    {
      op_fail (task, g_steal_pointer (&error));
      return;
    }
  if (reply == NULL)
    {
      if (aw_smtp_reply_parser_get_pending (op->parser) > MAX_PENDING_INPUT)
        {
          op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                              _("The server sent a reply that is too long")));
          return;
        }
      read_more (task);
      return;
    }

  if (!op->connect_phase)
    stop_timer (op);

  {
    g_autofree char *text = aw_smtp_reply_to_string (reply);

    g_debug ("S: %s", text);
  }

  step = op->reply_step;
  op->reply_step = NULL;
  step (task, reply);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (op->finished)
    return;
  if (n < 0)
    {
      op_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_PROTOCOL);
      return;
    }
  if (n == 0)
    {
      op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                          _("The server closed the connection unexpectedly")));
      return;
    }
  aw_smtp_reply_parser_push (op->parser, op->chunk, (gsize) n);
  deliver_reply (task);
}

static void
read_more (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  g_input_stream_read_async (g_io_stream_get_input_stream (op->stream), op->chunk,
                             sizeof op->chunk, G_PRIORITY_DEFAULT, op->io_cancellable,
                             read_cb, g_object_ref (task));
}

static void
read_reply (GTask     *task,
            guint      timeout,
            ReplyStep  step)
{
  Op *op = g_task_get_task_data (task);

  op->reply_step = step;
  if (!op->connect_phase)
    start_timer (task, timeout, TRUE);
  deliver_reply (task);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  WriteStep step;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      if (!op->finished)
        op_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_PROTOCOL);
      return;
    }
  if (op->finished)
    return;
  g_clear_pointer (&op->outbuf, g_bytes_unref);
  step = op->write_step;
  op->write_step = NULL;
  step (task);
}

/* Takes ownership of bytes. */
static void
write_bytes (GTask     *task,
             GBytes    *bytes,
             guint      timeout,
             WriteStep  step)
{
  Op *op = g_task_get_task_data (task);

  g_clear_pointer (&op->outbuf, g_bytes_unref);
  op->outbuf = bytes;
  op->write_step = step;
  if (!op->connect_phase)
    start_timer (task, timeout, TRUE);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (op->stream),
                                   g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, op->io_cancellable,
                                   write_cb, g_object_ref (task));
}

/* Whether the server sent something that answers nothing asked yet: bytes left after
 * the last reply, or bytes already waiting on the connection. Only looks, never waits. */
static gboolean
input_waiting (Op *op)
{
  GInputStream *input;
  gssize n;

  if (aw_smtp_reply_parser_get_pending (op->parser) > 0)
    return TRUE;
  input = g_io_stream_get_input_stream (op->stream);
  if (!G_IS_POLLABLE_INPUT_STREAM (input)
      || !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (input)))
    return FALSE;
  /* On a TLS stream this also handles records that carry no data (session tickets) */
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (input), op->chunk,
                                                sizeof op->chunk, NULL, NULL);
  if (n <= 0)
    return FALSE;
  aw_smtp_reply_parser_push (op->parser, op->chunk, (gsize) n);
  return TRUE;
}

/* Before a command (outside a PIPELINING batch) or the message is written, nothing may
 * be waiting: an early answer would be taken for the answer to what comes next (RFC 5321
 * 4.1.1.4 and 4.3.2, RFC 2920 3.1). Fails the operation and returns TRUE if something is. */
static gboolean
refuse_unasked_reply (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(AwSmtpReply) reply = NULL;

  if (!input_waiting (op))
    return FALSE;

  /* A server may say 421 and close at any time */
  reply = aw_smtp_reply_parser_next (op->parser, NULL);
  if (reply != NULL && reply->code == 421)
    op_fail_reply (task, AW_SMTP_ERROR_SERVER_BUSY, reply);
  else
    op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                        _("The server sent an answer before it was asked anything")));
  return TRUE;
}

static void
read_after_write (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  read_reply (task, op->reply_timeout, op->reply_step);
}

/* Writes one command line (without CR LF) and reads its reply. @log_line replaces the
 * line in the debug log when it holds a secret. */
static void
command (GTask      *task,
         const char *line,
         const char *log_line,
         guint       timeout,
         ReplyStep   step)
{
  Op *op = g_task_get_task_data (task);
  char *wire;
  gsize len;

  if (refuse_unasked_reply (task))
    return;
  wire = g_strconcat (line, "\r\n", NULL);
  len = strlen (wire);
  g_debug ("C: %s", log_line != NULL ? log_line : line);
  op->reply_step = step;
  op->reply_timeout = timeout;
  write_bytes (task, g_bytes_new_with_free_func (wire, len, (GDestroyNotify) secure_free, wire),
               timeout, read_after_write);
}

/* ---- capabilities ---- */

static void
parse_capabilities (Op          *op,
                    AwSmtpReply *reply)
{
  guint i;

  g_hash_table_remove_all (op->caps);
  g_ptr_array_set_size (op->cap_lines, 0);

  for (i = 1; reply->lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (reply->lines[i]));
      char *space;
      char *keyword;
      const char *params = "";

      if (*line == '\0')
        continue;
      space = strchr (line, ' ');
      if (g_ascii_strncasecmp (line, "AUTH=", 5) == 0)
        space = line + 4;
      if (space != NULL)
        {
          *space = '\0';
          params = space + 1;
        }
      keyword = g_ascii_strup (line, -1);
      if (g_hash_table_contains (op->caps, keyword) && strcmp (keyword, "AUTH") == 0)
        {
          const char *old = g_hash_table_lookup (op->caps, keyword);

          g_hash_table_insert (op->caps, keyword, g_strconcat (old, " ", params, NULL));
        }
      else
        g_hash_table_insert (op->caps, keyword, g_strdup (params));
      g_ptr_array_add (op->cap_lines, *params != '\0' ? g_strdup_printf ("%s %s", keyword, params)
                                                      : g_strdup (keyword));
    }
}

static gboolean
has_cap (Op         *op,
         const char *keyword)
{
  return g_hash_table_contains (op->caps, keyword);
}

static gboolean
has_auth_mechanism (Op         *op,
                    const char *mechanism)
{
  const char *list = g_hash_table_lookup (op->caps, "AUTH");
  g_auto(GStrv) names = NULL;
  int i;

  if (list == NULL)
    return FALSE;
  names = g_strsplit (list, " ", -1);
  for (i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], mechanism) == 0)
      return TRUE;
  return FALSE;
}

/* ---- the dialogue ---- */

static void after_ehlo (GTask *task);
static void start_tls (GTask *task);
static void start_envelope (GTask *task);
static void auth_reply (GTask *task, AwSmtpReply *reply);

static void
on_credentials (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  AwCredentialSource *credentials = AW_CREDENTIAL_SOURCE (source);
  g_autoptr(GError) error = NULL;
  char *secret = aw_credential_source_lookup_finish (credentials, result, &error);

  if (op->finished)
    {
      secure_free (secret);
      return;
    }
  if (secret == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        op_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_AUTH_FAILED);
      else
        op_fail (task, g_steal_pointer (&error));  /* the source's own error, as it is */
      return;
    }
  if (aw_credential_source_get_kind (credentials) == AW_CREDENTIAL_KIND_OAUTH2)
    aw_smtp_client_set_oauth2_token (op->client, aw_credential_source_get_login (credentials), secret);
  else
    aw_smtp_client_set_credentials (op->client, aw_credential_source_get_login (credentials), secret);
  secure_free (secret);
  op->credentials_fetched = TRUE;
  after_ehlo (task);
}

/* The secret is asked for just before AUTH; a refused token once more (renew), still
 * before MAIL FROM, so a renewal can never send the message twice. */
static void
fetch_credentials (GTask    *task,
                   gboolean  renew)
{
  Op *op = g_task_get_task_data (task);

  set_stage (task, AW_SMTP_STAGE_AUTHENTICATING);
  aw_credential_source_lookup_async (op->client->credential_source, renew, op->io_cancellable,
                                     on_credentials, g_object_ref (task));
}

static char *
ehlo_argument (Op *op)
{
  g_autoptr(GSocketAddress) local = NULL;

  if (op->tcp != NULL)
    local = g_socket_connection_get_local_address (op->tcp, NULL);
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
helo_reply (GTask       *task,
            AwSmtpReply *reply)
{
  Op *op = g_task_get_task_data (task);

  if (reply->code != 250)
    {
      op_fail_reply (task, AW_SMTP_ERROR_PROTOCOL, reply);
      return;
    }
  g_hash_table_remove_all (op->caps);
  g_ptr_array_set_size (op->cap_lines, 0);
  op->used_helo = TRUE;
  after_ehlo (task);
}

static void
ehlo_reply (GTask       *task,
            AwSmtpReply *reply)
{
  Op *op = g_task_get_task_data (task);

  if (reply->code == 250)
    {
      parse_capabilities (op, reply);
      after_ehlo (task);
      return;
    }
  if (reply->code >= 500 && reply->code < 600 && reply->code != 554)
    {
      g_autofree char *arg = ehlo_argument (op);
      g_autofree char *line = g_strdup_printf ("HELO %s", arg);

      command (task, line, NULL, TIMEOUT_COMMAND, helo_reply);
      return;
    }
  op_fail_reply (task, AW_SMTP_ERROR_PROTOCOL, reply);
}

static void
send_ehlo (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *arg = ehlo_argument (op);
  g_autofree char *line = g_strdup_printf ("EHLO %s", arg);

  command (task, line, NULL, TIMEOUT_COMMAND, ehlo_reply);
}

static void
greeting_reply (GTask       *task,
                AwSmtpReply *reply)
{
  Op *op = g_task_get_task_data (task);

  /* The connect timeout covered TCP, TLS and the greeting. */
  op->connect_phase = FALSE;
  stop_timer (op);

  if (reply->code != 220)
    {
      op_fail_reply (task, reply->code == 554 ? AW_SMTP_ERROR_SERVER_BUSY : AW_SMTP_ERROR_PROTOCOL,
                     reply);
      return;
    }
  send_ehlo (task);
}

static void
starttls_reply (GTask       *task,
                AwSmtpReply *reply)
{
  Op *op = g_task_get_task_data (task);
  GSocket *socket = g_socket_connection_get_socket (op->tcp);

  if (reply->code != 220)
    {
      op_fail_reply (task, AW_SMTP_ERROR_TLS_FAILED, reply);
      return;
    }
  /* Anything the server sent after its 220 and before the handshake could be an
   * injected command answer (CVE-2011-0411 and kin): refuse. */
  if (aw_smtp_reply_parser_get_pending (op->parser) > 0 || g_socket_get_available_bytes (socket) > 0)
    {
      op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                          _("The server sent data before the secure connection was set up")));
      return;
    }
  start_tls (task);
}

static void
after_ehlo (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  AwSmtpClient *self = op->client;

  if (self->security == AW_SMTP_SECURITY_STARTTLS && !op->secure)
    {
      if (!has_cap (op, "STARTTLS"))
        {
          op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_NOT_OFFERED,
                                              _("The server does not offer STARTTLS")));
          return;
        }
      set_stage (task, AW_SMTP_STAGE_SECURING);
      command (task, "STARTTLS", NULL, TIMEOUT_COMMAND, starttls_reply);
      return;
    }

  if (op->kind == OP_PROBE)
    {
      op_succeed (task);
      return;
    }

  /* (a source without a login: the server wants no sign-in) */
  if (self->credential_source != NULL && !op->credentials_fetched
      && aw_credential_source_get_login (self->credential_source) != NULL)
    {
      fetch_credentials (task, FALSE);
      return;
    }

  if (self->password != NULL || self->oauth2_token != NULL)
    {
      g_autofree char *line = NULL;
      g_autofree char *log_line = NULL;

      if (!op->secure)
        {
          op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INSECURE_NOT_ALLOWED,
                                              _("Signing in is only allowed over an encrypted connection")));
          return;
        }
      if (self->oauth2_token != NULL)
        op->mechanism = has_auth_mechanism (op, "XOAUTH2") ? "XOAUTH2" : NULL;
      else if (has_auth_mechanism (op, "PLAIN"))
        op->mechanism = "PLAIN";
      else if (has_auth_mechanism (op, "LOGIN"))
        op->mechanism = "LOGIN";
      else if (has_auth_mechanism (op, "CRAM-MD5"))
        op->mechanism = "CRAM-MD5";
      else
        op->mechanism = NULL;

      if (op->mechanism == NULL)
        {
          op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_AUTH_NOT_OFFERED,
                                              _("The server offers no supported way to sign in")));
          return;
        }

      set_stage (task, AW_SMTP_STAGE_AUTHENTICATING);
      op->auth_step = 0;
      log_line = g_strdup_printf ("AUTH %s <hidden>", op->mechanism);
      if (strcmp (op->mechanism, "PLAIN") == 0)
        {
          gsize ulen = strlen (self->username), plen = strlen (self->password);
          guint8 *raw = g_malloc (ulen + plen + 2);
          char *encoded;

          raw[0] = '\0';
          memcpy (raw + 1, self->username, ulen);
          raw[ulen + 1] = '\0';
          memcpy (raw + ulen + 2, self->password, plen);
          encoded = g_base64_encode (raw, ulen + plen + 2);
          memset (raw, 0, ulen + plen + 2);
          g_free (raw);
          line = g_strconcat ("AUTH PLAIN ", encoded, NULL);
          secure_free (encoded);
        }
      else if (strcmp (op->mechanism, "XOAUTH2") == 0)
        {
          g_autofree char *raw = g_strdup_printf ("user=%s\001auth=Bearer %s\001\001",
                                                  self->username, self->oauth2_token);
          char *encoded = g_base64_encode ((const guchar *) raw, strlen (raw));

          memset (raw, 0, strlen (raw));
          line = g_strconcat ("AUTH XOAUTH2 ", encoded, NULL);
          secure_free (encoded);
        }
      else
        {
          line = g_strdup_printf ("AUTH %s", op->mechanism);
          g_clear_pointer (&log_line, g_free);
        }
      command (task, line, log_line, TIMEOUT_COMMAND, auth_reply);
      if (line != NULL)
        memset (line, 0, strlen (line));
      return;
    }

  if (op->kind == OP_TEST)
    {
      op_succeed (task);
      return;
    }
  start_envelope (task);
}

static void
auth_reply (GTask       *task,
            AwSmtpReply *reply)
{
  Op *op = g_task_get_task_data (task);
  AwSmtpClient *self = op->client;

  /* After "*" the exchange is over, whatever the server says (RFC 4954 4: it must
   * answer 501); one more 334 would start an endless loop. */
  if (op->auth_cancelled)
    {
      if (reply->code == 334 || reply->code == 235)
        op_fail (task, aw_smtp_error_new_from_reply (AW_SMTP_ERROR_PROTOCOL, reply,
                                                     _("The server did not end the sign-in exchange")));
      else
        op_fail_reply (task, AW_SMTP_ERROR_PROTOCOL, reply);
      return;
    }

  if (reply->code == 235)
    {
      if (op->kind == OP_TEST)
        op_succeed (task);
      else
        start_envelope (task);
      return;
    }

  if (reply->code == 334)
    {
      char *answer = NULL;

      op->auth_step++;
      if (strcmp (op->mechanism, "LOGIN") == 0 && op->auth_step <= 2)
        {
          const char *value = op->auth_step == 1 ? self->username : self->password;

          answer = g_base64_encode ((const guchar *) value, strlen (value));
        }
      else if (strcmp (op->mechanism, "CRAM-MD5") == 0 && op->auth_step == 1)
        {
          gsize len = 0;
          g_autofree guchar *challenge = g_base64_decode (reply->lines[0], &len);
          char *digest = g_compute_hmac_for_data (G_CHECKSUM_MD5,
                                                  (const guchar *) self->password,
                                                  strlen (self->password), challenge, len);
          char *response = g_strdup_printf ("%s %s", self->username, digest);

          answer = g_base64_encode ((const guchar *) response, strlen (response));
          secure_free (digest);
          secure_free (response);
        }
      else if (strcmp (op->mechanism, "XOAUTH2") == 0 && op->auth_step == 1)
        {
          /* The server's JSON error; an empty line asks for the final 535. */
          answer = g_strdup ("");
        }
      if (answer == NULL)
        {
          /* The mechanism has nothing more to say: cancel */
          op->auth_cancelled = TRUE;
          command (task, "*", NULL, TIMEOUT_COMMAND, auth_reply);
          return;
        }
      command (task, answer, "<hidden>", TIMEOUT_COMMAND, auth_reply);
      secure_free (answer);
      return;
    }

  if (reply->code == 534 && g_strcmp0 (reply->enhanced_code, "5.7.9") == 0)
    op_fail_reply (task, AW_SMTP_ERROR_APP_PASSWORD_REQUIRED, reply);
  else if (reply->code == 504 || reply->code == 502)
    op_fail_reply (task, AW_SMTP_ERROR_AUTH_NOT_OFFERED, reply);
  else if (reply->code == 454)
    op_fail_reply (task, AW_SMTP_ERROR_SERVER_BUSY, reply);
  else if (reply->code >= 500 && strcmp (op->mechanism, "XOAUTH2") == 0
           && self->credential_source != NULL && !op->credentials_renewed)
    {
      /* An expired token (Gmail: the 334 JSON error, then 535): renew it once and sign
       * in again on this connection */
      g_debug ("SMTP: the token was refused; renewing it once");
      op->credentials_renewed = TRUE;
      fetch_credentials (task, TRUE);
    }
  else
    op_fail_reply (task, AW_SMTP_ERROR_AUTH_FAILED, reply);
}

/* ---- envelope and data ---- */

static void send_data (GTask *task);

static void
finish_envelope (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->envelope_error != NULL)
    {
      GError *error = g_steal_pointer (&op->envelope_error);

      /* If DATA was accepted anyway (pipelining), the server waits for the message:
       * closing without the final "." discards the transaction. No QUIT then: it would
       * be taken as message text. */
      if (op->data_accepted)
        op_fail (task, error);
      else
        op_fail_polite (task, error);
      return;
    }
  if (!op->data_accepted)
    {
      op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                          _("The server did not accept the message data")));
      return;
    }
  send_data (task);
}

static GError *
envelope_reply_error (CmdKind            kind,
                      const AwSmtpReply *reply)
{
  g_autofree char *text = aw_smtp_reply_to_string (reply);
  g_autofree char *message = g_strdup_printf (_("The server replied: %s"), text);
  AwSmtpError code;

  if (reply->code == 421 || (reply->code >= 400 && reply->code < 500 && kind != CMD_RCPT))
    code = AW_SMTP_ERROR_SERVER_BUSY;
  else if (reply->code == 552)
    code = AW_SMTP_ERROR_MESSAGE_TOO_LARGE;
  else if (kind == CMD_RCPT)
    code = reply->code >= 500 ? AW_SMTP_ERROR_RECIPIENT_REJECTED : AW_SMTP_ERROR_SERVER_BUSY;
  else if (reply->code == 530)
    code = AW_SMTP_ERROR_AUTH_FAILED;
  else
    code = AW_SMTP_ERROR_PROTOCOL;
  return aw_smtp_error_new_from_reply (code, reply, message);
}

static void envelope_reply (GTask *task, AwSmtpReply *reply);

static void
send_next_envelope_command (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  const char *line = g_ptr_array_index (op->cmds, op->cmd_index);
  CmdKind kind = g_array_index (op->cmd_kinds, CmdKind, op->cmd_index);
  g_autofree char *stripped = g_strndup (line, strlen (line) - 2);

  command (task, stripped, NULL, kind == CMD_DATA ? TIMEOUT_DATA_INIT : TIMEOUT_COMMAND,
           envelope_reply);
}

static void
envelope_reply (GTask       *task,
                AwSmtpReply *reply)
{
  Op *op = g_task_get_task_data (task);
  CmdKind kind = g_array_index (op->cmd_kinds, CmdKind, op->cmd_index);
  gboolean ok;

  if (kind == CMD_DATA)
    {
      ok = reply->code == 354;
      op->data_accepted = ok;
    }
  else
    ok = reply->code >= 200 && reply->code < 300;

  if (!ok && op->envelope_error == NULL)
    op->envelope_error = envelope_reply_error (kind, reply);

  op->cmd_index++;
  if (op->cmd_index >= op->cmds->len || reply->code == 421)
    {
      finish_envelope (task);
      return;
    }
  if (op->pipelined)
    {
      kind = g_array_index (op->cmd_kinds, CmdKind, op->cmd_index);
      read_reply (task, kind == CMD_DATA ? TIMEOUT_DATA_INIT : TIMEOUT_COMMAND, envelope_reply);
      return;
    }
  if (op->envelope_error != NULL)
    {
      finish_envelope (task);
      return;
    }
  send_next_envelope_command (task);
}

static void
pipelined_written (GTask *task)
{
  read_reply (task, TIMEOUT_COMMAND, envelope_reply);
}

static char *
envelope_address (const char *address)
{
  /* Non-ASCII domains go as IDNA A-labels; a non-ASCII local part needs SMTPUTF8. */
  const char *at = strrchr (address, '@');
  g_autofree char *local = NULL;
  g_autofree char *domain = NULL;

  if (at == NULL)
    return g_strdup (address);
  local = g_strndup (address, (gsize) (at - address));
  domain = g_hostname_to_ascii (at + 1);
  return g_strdup_printf ("%s@%s", local, domain != NULL ? domain : at + 1);
}

static void
start_envelope (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recipients = NULL;
  g_autofree char *from = NULL;
  GString *mail;
  const char *size_param;
  CmdKind kind;
  int i;

  set_stage (task, AW_SMTP_STAGE_SENDING);

  op->smtputf8 = aw_message_needs_smtputf8 (op->message);
  if (op->smtputf8 && !has_cap (op, "SMTPUTF8"))
    {
      op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INVALID_MESSAGE,
                                          _("The mail server does not accept addresses with "
                                            "non-ASCII characters before the “@”")));
      return;
    }

  op->wire = aw_message_build_wire (op->message, has_cap (op, "8BITMIME"), &op->is_8bit, &error);
  if (op->wire == NULL)
    {
      op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INVALID_MESSAGE,
                                          error->message));
      return;
    }
  op->data = aw_smtp_encode_data (op->wire, &error);
  if (op->data == NULL)
    {
      op_fail (task, g_steal_pointer (&error));
      return;
    }

  size_param = g_hash_table_lookup (op->caps, "SIZE");
  if (size_param != NULL)
    {
      guint64 limit = g_ascii_strtoull (size_param, NULL, 10);

      if (limit > 0 && g_bytes_get_size (op->wire) > limit)
        {
          g_autofree char *size_text = g_format_size (g_bytes_get_size (op->wire));
          g_autofree char *limit_text = g_format_size (limit);

          op_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_MESSAGE_TOO_LARGE,
                                      /* Translators: both are sizes such as "1.2 MB" */
                                      _("The message is %s; the server accepts at most %s"),
                                      size_text, limit_text));
          return;
        }
    }

  op->cmds = g_ptr_array_new_with_free_func (g_free);
  op->cmd_kinds = g_array_new (FALSE, FALSE, sizeof (CmdKind));

  from = envelope_address (aw_message_get_envelope_from (op->message));
  mail = g_string_new (NULL);
  g_string_append_printf (mail, "MAIL FROM:<%s>", from);
  if (size_param != NULL)
    g_string_append_printf (mail, " SIZE=%" G_GSIZE_FORMAT, g_bytes_get_size (op->wire));
  if (op->is_8bit)
    g_string_append (mail, " BODY=8BITMIME");
  if (op->smtputf8)
    g_string_append (mail, " SMTPUTF8");
  g_string_append (mail, "\r\n");
  g_ptr_array_add (op->cmds, g_string_free (mail, FALSE));
  kind = CMD_MAIL;
  g_array_append_val (op->cmd_kinds, kind);

  recipients = aw_message_get_recipients (op->message);
  for (i = 0; recipients[i] != NULL; i++)
    {
      g_autofree char *to = envelope_address (recipients[i]);

      g_ptr_array_add (op->cmds, g_strdup_printf ("RCPT TO:<%s>\r\n", to));
      kind = CMD_RCPT;
      g_array_append_val (op->cmd_kinds, kind);
    }
  g_ptr_array_add (op->cmds, g_strdup ("DATA\r\n"));
  kind = CMD_DATA;
  g_array_append_val (op->cmd_kinds, kind);

  op->cmd_index = 0;
  op->pipelined = has_cap (op, "PIPELINING");
  if (op->pipelined)
    {
      GString *all;
      guint j;

      if (refuse_unasked_reply (task))
        return;
      all = g_string_new (NULL);
      for (j = 0; j < op->cmds->len; j++)
        {
          const char *line = g_ptr_array_index (op->cmds, j);

          g_debug ("C: %.*s", (int) strlen (line) - 2, line);
          g_string_append (all, line);
        }
      write_bytes (task, g_string_free_to_bytes (all), TIMEOUT_COMMAND, pipelined_written);
      return;
    }
  send_next_envelope_command (task);
}

static void
final_reply (GTask       *task,
             AwSmtpReply *reply)
{
  Op *op = g_task_get_task_data (task);

  if (reply->code >= 200 && reply->code < 300)
    {
      aw_message_set_sent_bytes (op->message, op->wire);
      op_succeed (task);
      return;
    }
  if (reply->code >= 400)
    {
      /* A definite refusal: the message was not accepted. */
      op->final_dot_sent = FALSE;
      op_fail (task, envelope_reply_error (CMD_DATA, reply));
      return;
    }
  /* Anything else neither accepts nor refuses the message: it may go out. */
  {
    g_autofree char *text = aw_smtp_reply_to_string (reply);
    g_autofree char *message =
      g_strdup_printf (_("The server answered the end of the message with “%s”, which "
                         "neither accepts nor refuses it; it may have been delivered"), text);

    op_fail (task, aw_smtp_error_new_from_reply (AW_SMTP_ERROR_DELIVERY_UNCERTAIN, reply, message));
  }
}

static void
final_dot_written (GTask *task)
{
  read_reply (task, TIMEOUT_DATA_END, final_reply);
}

static void
body_written (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  /* An answer before the final "." answers nothing: closing now drops the transaction */
  if (refuse_unasked_reply (task))
    return;
  /* From here on a failure means "delivery uncertain". */
  op->final_dot_sent = TRUE;
  write_bytes (task, g_bytes_new_static (".\r\n", 3), TIMEOUT_DATA_BLOCK, final_dot_written);
}

static void
send_data (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  gsize size = g_bytes_get_size (op->data);

  if (refuse_unasked_reply (task))
    return;
  g_debug ("C: <message, %" G_GSIZE_FORMAT " bytes>", size);
  write_bytes (task, g_bytes_new_from_bytes (op->data, 0, size - 3), TIMEOUT_DATA_BLOCK,
               body_written);
}

/* ---- connecting and TLS ---- */

static gboolean
on_accept_certificate (GTlsConnection       *conn,
                       GTlsCertificate      *peer_cert,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  AwSmtpClient *self = op->client;
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
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GTlsProtocolVersion version;

  g_signal_handlers_disconnect_by_func (object, on_accept_certificate, task);

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, &error))
    {
      if (op->finished)
        return;
      if (op->client->rejected_certificate != NULL
          && g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          g_autofree char *reasons =
            aw_certificate_info_describe_errors (op->client->rejected_certificate);

          op_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED,
                                      _("The certificate of %s is not trusted: %s"),
                                      op->client->host, reasons));
          return;
        }
      op_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_TLS_FAILED);
      return;
    }
  if (op->finished)
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
        op_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_FAILED,
                                    /* Translators: %s is an old protocol version, e.g. "TLS 1.1" */
                                    _("The server only offers %s, an outdated and unsafe "
                                      "version of TLS; TLS 1.2 or newer is required"), name));
      else
        op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_FAILED,
                                            _("The server’s TLS version is not known to be safe; "
                                              "TLS 1.2 or newer is required")));
      return;
    }

  op->secure = TRUE;
  g_set_object (&op->stream, G_IO_STREAM (object));
  if (!op->connect_phase)
    stop_timer (op);

  if (op->connect_phase)
    {
      /* Implicit TLS: now the greeting */
      read_reply (task, TIMEOUT_GREETING, greeting_reply);
      return;
    }
  /* After STARTTLS forget everything learned before (RFC 3207 4.2) */
  g_hash_table_remove_all (op->caps);
  g_ptr_array_set_size (op->cap_lines, 0);
  send_ehlo (task);
}

static void
start_tls (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  AwSmtpClient *self = op->client;
  g_autoptr(GSocketConnectable) identity = g_network_address_new (self->host, self->port);
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) error = NULL;

  set_stage (task, AW_SMTP_STAGE_SECURING);
  g_clear_object (&self->rejected_certificate);

  tls = g_tls_client_connection_new (G_IO_STREAM (op->tcp), identity, &error);
  if (tls == NULL)
    {
      op_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_FAILED, "%s", error->message));
      return;
    }
  if (self->tls_database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), self->tls_database);
  /* After STARTTLS the handshake needs its own timer (implicit TLS: the connect timer) */
  if (!op->connect_phase)
    start_timer (task, TIMEOUT_COMMAND, TRUE);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), task);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    op->io_cancellable, handshake_cb, g_object_ref (task));
}

static gboolean
host_is_loopback (const char *host)
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
  Op *op = g_task_get_task_data (task);
  AwSmtpClient *self = op->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) conn = NULL;

  conn = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);
  if (conn == NULL)
    {
      if (op->finished)
        return;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          op_fail (task, g_error_new (AW_SMTP_ERROR, AW_SMTP_ERROR_CANNOT_CONNECT,
                                      _("Could not connect to %s port %u: %s"),
                                      self->host, self->port, error->message));
          return;
        }
      op_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_CANNOT_CONNECT);
      return;
    }
  if (op->finished)
    return;

  op->tcp = g_steal_pointer (&conn);
  op->stream = G_IO_STREAM (g_object_ref (op->tcp));

  /* SMTP is a dialogue of small writes (and the final "." on its own): without this,
   * Nagle's algorithm and the peer's delayed ACK cost ~40 ms per exchange. */
  if (!g_socket_set_option (g_socket_connection_get_socket (op->tcp), IPPROTO_TCP, TCP_NODELAY, 1, &error))
    g_debug ("SMTP: could not set TCP_NODELAY: %s", error->message);
  g_clear_error (&error);

  if (self->security == AW_SMTP_SECURITY_NONE)
    {
      g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (op->tcp, NULL);

      if (!G_IS_INET_SOCKET_ADDRESS (remote)
          || !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))))
        {
          op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INSECURE_NOT_ALLOWED,
                                              _("Sending without encryption is only allowed to this computer")));
          return;
        }
    }

  if (self->security == AW_SMTP_SECURITY_TLS)
    start_tls (task);
  else
    read_reply (task, TIMEOUT_GREETING, greeting_reply);
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GCancellable *io_cancellable = user_data;

  g_cancellable_cancel (io_cancellable);
}

static GTask *
start_operation (AwSmtpClient        *self,
                 OpKind               kind,
                 AwMessage           *message,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  op->kind = kind;
  op->client = g_object_ref (self);
  self->n_operations++;
  op->message = message != NULL ? g_object_ref (message) : NULL;
  op->io_cancellable = g_cancellable_new ();
  op->parser = aw_smtp_reply_parser_new ();
  op->caps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  op->cap_lines = g_ptr_array_new_with_free_func (g_free);
  op->connect_phase = TRUE;
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  return g_steal_pointer (&task);
}

static void
begin (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  AwSmtpClient *self = op->client;
  g_autoptr(GSocketClient) socket_client = NULL;
  g_autoptr(GSocketConnectable) address = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (self->security == AW_SMTP_SECURITY_NONE && !host_is_loopback (self->host))
    {
      op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INSECURE_NOT_ALLOWED,
                                          _("Sending without encryption is only allowed to this computer")));
      return;
    }
  if (op->message != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!aw_message_validate (op->message, &error))
        {
          op_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INVALID_MESSAGE,
                                              error->message));
          return;
        }
    }

  if (cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (cancellable);
      op->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                  op->io_cancellable, NULL);
    }

  set_stage (task, AW_SMTP_STAGE_CONNECTING);
  op->deadline = g_timeout_source_new (self->session_deadline * 1000);
  g_source_set_callback (op->deadline, on_deadline, op, NULL);
  g_source_set_static_name (op->deadline, "[afterword] smtp session deadline");
  g_source_attach (op->deadline, g_task_get_context (task));
  start_timer (task, self->connect_timeout, FALSE);
  g_debug ("SMTP: connecting to %s:%u", self->host, self->port);

  socket_client = g_socket_client_new ();
  address = g_network_address_new (self->host, self->port);
  g_socket_client_connect_async (socket_client, address, op->io_cancellable,
                                 connect_cb, g_object_ref (task));
}

/* ---- public API ---- */

/**
 * aw_smtp_client_send_async:
 * @message: the message; its sent bytes are set when the server accepted it
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
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AW_IS_SMTP_CLIENT (self));
  g_return_if_fail (AW_IS_MESSAGE (message));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_operation (self, OP_SEND, message, cancellable, callback, user_data,
                          aw_smtp_client_send_async);
  begin (task);
}

gboolean
aw_smtp_client_send_finish (AwSmtpClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == aw_smtp_client_send_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
aw_smtp_client_test_connection_async (AwSmtpClient        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AW_IS_SMTP_CLIENT (self));

  task = start_operation (self, OP_TEST, NULL, cancellable, callback, user_data,
                          aw_smtp_client_test_connection_async);
  begin (task);
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
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AW_IS_SMTP_CLIENT (self));

  task = start_operation (self, OP_PROBE, NULL, cancellable, callback, user_data,
                          aw_smtp_client_probe_async);
  begin (task);
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

/* ---- data encoding ---- */

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

/* ---- the object ---- */

static void
aw_smtp_client_finalize (GObject *object)
{
  AwSmtpClient *self = (AwSmtpClient *) object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->password, secure_free);
  g_clear_pointer (&self->oauth2_token, secure_free);
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
  self->session_deadline = SESSION_DEADLINE;
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
  g_clear_pointer (&self->password, secure_free);
  g_clear_pointer (&self->oauth2_token, secure_free);
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
  g_clear_pointer (&self->password, secure_free);
  g_clear_pointer (&self->oauth2_token, secure_free);
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
  self->session_deadline = seconds > 0 ? MIN (seconds, 24 * 60 * 60) : SESSION_DEADLINE;
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
