/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-session.c: one operation of the SMTP client: its replies and commands, its
 * timers and its result
 *
 * Every wait has a timer (RFC 5321 4.5.3.2) that cancels the pending I/O; the caller's
 * GCancellable does the same, and so does one deadline for the whole operation
 * (AW_SMTP_SESSION_DEADLINE). Every failure goes through aw_smtp_session_fail(), which
 * returns the error once and drops the connection; after the final "." was written, any
 * failure is AW_SMTP_ERROR_DELIVERY_UNCERTAIN. A result known while the dialogue is in
 * order is followed by a polite QUIT in the background.
 *
 * Hostile servers: no command (outside a PIPELINING batch) and no message body is
 * written while an answer nobody asked for is waiting (RFC 5321 4.1.1.4 and 4.3.2,
 * RFC 2920 3.1).
 *
 * The connection is aw-smtp-connect.c's business, the steps of the dialogue
 * aw-smtp-dialogue.c's.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "aw-smtp-session.h"

#define MAX_PENDING_INPUT (AW_SMTP_REPLY_MAX_LINE * AW_SMTP_REPLY_MAX_LINES)

/* Detaches a timer or the deadline, if set */
static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
session_release (AwSmtpSession *session)
{
  if (!session->released)
    {
      session->released = TRUE;
      session->client->n_operations--;
    }
}

static void
session_free (AwSmtpSession *session)
{
  session_release (session);
  clear_source (&session->clock.timer);
  clear_source (&session->clock.deadline);
  if (session->clock.cancel_handler != 0)
    g_cancellable_disconnect (session->clock.user_cancellable, session->clock.cancel_handler);
  g_clear_object (&session->clock.user_cancellable);
  g_clear_object (&session->clock.io_cancellable);
  g_clear_object (&session->message);
  g_clear_object (&session->conn.tcp);
  g_clear_object (&session->conn.stream);
  g_clear_pointer (&session->conn.parser, aw_smtp_reply_parser_free);
  g_clear_pointer (&session->conn.outbuf, g_bytes_unref);
  g_clear_pointer (&session->capabilities, aw_smtp_capabilities_free);
  g_clear_pointer (&session->transaction.envelope, aw_smtp_envelope_free);
  g_clear_error (&session->transaction.error);
  g_object_unref (session->client);
  g_free (session);
}

void
aw_smtp_session_set_stage (GTask       *task,
                           AwSmtpStage  stage)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  if (session->stage_set && session->stage == stage)
    return;
  session->stage_set = TRUE;
  session->stage = stage;
  aw_smtp_client_emit_stage (session->client, stage);
}

static void
close_connection (AwSmtpSession *session)
{
  if (session->conn.stream != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Closing a socket does not block; the TLS close_notify is skipped on purpose
       * (the peer may be gone). */
      if (G_IS_TLS_CONNECTION (session->conn.stream))
        g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (session->conn.stream), FALSE);
      if (session->conn.tcp != NULL)
        g_io_stream_close (G_IO_STREAM (session->conn.tcp), NULL, &error);
      g_clear_object (&session->conn.stream);
    }
  g_clear_object (&session->conn.tcp);
  session_release (session);
}

void
aw_smtp_session_stop_timer (AwSmtpSession *session)
{
  clear_source (&session->clock.timer);
}

/* A timer or the deadline fired: cancel the pending I/O, which then fails as TIMED_OUT */
static gboolean
time_out (AwSmtpSession  *session,
          GSource       **fired)
{
  session->clock.timed_out = TRUE;
  g_cancellable_cancel (session->clock.io_cancellable);
  g_clear_pointer (fired, g_source_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
on_timeout (gpointer user_data)
{
  AwSmtpSession *session = user_data;

  g_debug ("SMTP: timed out");
  return time_out (session, &session->clock.timer);
}

static gboolean
on_deadline (gpointer user_data)
{
  AwSmtpSession *session = user_data;

  g_debug ("SMTP: the session deadline passed");
  return time_out (session, &session->clock.deadline);
}

static void
stop_deadline (AwSmtpSession *session)
{
  clear_source (&session->clock.deadline);
}

void
aw_smtp_session_start_timer (GTask    *task,
                             guint     seconds,
                             gboolean  scaled)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  guint ms;

  aw_smtp_session_stop_timer (session);
  if (scaled)
    ms = (guint) MAX (1.0, seconds * 1000.0 * session->client->timeout_scale);
  else
    ms = seconds * 1000;
  session->clock.timer = g_timeout_source_new (ms);
  g_source_set_callback (session->clock.timer, on_timeout, session, NULL);
  g_source_set_static_name (session->clock.timer, "[afterword] smtp timeout");
  g_source_attach (session->clock.timer, g_task_get_context (task));
}

/* The greeting came: from here each step has its own timer */
void
aw_smtp_session_end_connect_phase (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  session->clock.connect_phase = FALSE;
  aw_smtp_session_stop_timer (session);
}

/* Every failure goes through here; returns the error once and drops the connection. */
void
aw_smtp_session_fail (GTask  *task,
                      GError *error)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(GError) owned = error;

  if (session->finished)
    return;
  session->finished = TRUE;
  aw_smtp_session_stop_timer (session);
  stop_deadline (session);

  if (session->transaction.final_dot_sent)
    {
      /* Keep a more precise "uncertain" (e.g. a 3xx to the final ".") */
      if (!g_error_matches (owned, AW_SMTP_ERROR, AW_SMTP_ERROR_DELIVERY_UNCERTAIN))
        {
          g_clear_error (&owned);
          owned = g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_DELIVERY_UNCERTAIN,
                                       _("The connection ended after the whole message was sent "
                                         "but before the server confirmed it; it may have been delivered"));
        }
    }

  g_debug ("SMTP: failed: %s", owned->message);
  close_connection (session);
  g_task_return_error (task, g_steal_pointer (&owned));
}

/* An I/O error from GIO, turned into the domain's codes. */
void
aw_smtp_session_fail_io (GTask      *task,
                         GError     *io_error,
                         AwSmtpError fallback)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(GError) owned = io_error;

  if (g_error_matches (owned, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (session->clock.timed_out)
        aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_TIMED_OUT,
                                                         _("The server did not answer in time")));
      else
        aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_CANCELLED,
                                                         _("Sending was cancelled")));
      return;
    }
  if (g_error_matches (owned, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_TIMED_OUT,
                                                       _("The server did not answer in time")));
      return;
    }
  aw_smtp_session_fail (task, g_error_new (AW_SMTP_ERROR, fallback, "%s", owned->message));
}

void
aw_smtp_session_fail_reply (GTask             *task,
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
  aw_smtp_session_fail (task, aw_smtp_error_new_from_reply (code, reply, message));
}

/* What the server sends next, into the chunk buffer; @callback gets a reference to @task */
static void
read_chunk (GTask               *task,
            GAsyncReadyCallback  callback)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  g_input_stream_read_async (g_io_stream_get_input_stream (session->conn.stream), session->conn.chunk,
                             sizeof session->conn.chunk, G_PRIORITY_DEFAULT, session->clock.io_cancellable,
                             callback, g_object_ref (task));
}

/* Writes the whole of the output buffer; @callback gets a reference to @task */
static void
write_outbuf (GTask               *task,
              GAsyncReadyCallback  callback)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (session->conn.stream),
                                   g_bytes_get_data (session->conn.outbuf, NULL),
                                   g_bytes_get_size (session->conn.outbuf),
                                   G_PRIORITY_DEFAULT, session->clock.io_cancellable,
                                   callback, g_object_ref (task));
}

static void
quit_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  aw_smtp_session_stop_timer (session);
  close_connection (session);
}

static void
quit_write_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error)
      || session->conn.stream == NULL)
    {
      aw_smtp_session_stop_timer (session);
      close_connection (session);
      return;
    }
  read_chunk (task, quit_read_cb);
}

/* Polite QUIT after the result is known; closes the connection when done. */
static void
session_quit (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  if (session->conn.stream == NULL || g_cancellable_is_cancelled (session->clock.io_cancellable))
    {
      close_connection (session);
      return;
    }
  g_debug ("C: QUIT");
  g_clear_pointer (&session->conn.outbuf, g_bytes_unref);
  session->conn.outbuf = g_bytes_new_static ("QUIT\r\n", 6);
  aw_smtp_session_start_timer (task, AW_SMTP_TIMEOUT_QUIT, FALSE);
  write_outbuf (task, quit_write_cb);
}

/* A definite failure while the dialogue is still in order: say goodbye properly. */
void
aw_smtp_session_fail_polite (GTask  *task,
                             GError *error)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  if (session->finished)
    {
      g_error_free (error);
      return;
    }
  session->finished = TRUE;
  aw_smtp_session_stop_timer (session);
  stop_deadline (session);
  g_debug ("SMTP: failed: %s", error->message);
  g_task_return_error (task, error);
  session_quit (task);
}

void
aw_smtp_session_succeed (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  if (session->finished)
    return;
  session->finished = TRUE;
  aw_smtp_session_stop_timer (session);
  stop_deadline (session);
  aw_smtp_session_set_stage (task, AW_SMTP_STAGE_DONE);

  if (session->kind == AW_SMTP_SESSION_PROBE)
    g_task_return_pointer (task, aw_smtp_capabilities_dup_lines (session->capabilities),
                           (GDestroyNotify) g_strfreev);
  else
    g_task_return_boolean (task, TRUE);

  session_quit (task);
}

/* ---- reading replies and writing commands ---- */

static void read_more (GTask *task);

static void
deliver_reply (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(AwSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint64 examined = aw_smtp_reply_parser_get_bytes_examined (session->conn.parser);
  AwSmtpReplyStep step;

  reply = aw_smtp_reply_parser_next (session->conn.parser, &error);
  session->client->reply_bytes_examined += aw_smtp_reply_parser_get_bytes_examined (session->conn.parser) - examined;
  if (error != NULL)
    {
      aw_smtp_session_fail (task, g_steal_pointer (&error));
      return;
    }
  if (reply == NULL)
    {
      if (aw_smtp_reply_parser_get_pending (session->conn.parser) > MAX_PENDING_INPUT)
        {
          aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                                           _("The server sent a reply that is too long")));
          return;
        }
      read_more (task);
      return;
    }

  if (!session->clock.connect_phase)
    aw_smtp_session_stop_timer (session);

  {
    g_autofree char *text = aw_smtp_reply_to_string (reply);

    g_debug ("S: %s", text);
  }

  step = session->conn.reply_step;
  session->conn.reply_step = NULL;
  step (task, reply);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (session->finished)
    return;
  if (n < 0)
    {
      aw_smtp_session_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_PROTOCOL);
      return;
    }
  if (n == 0)
    {
      aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                                       _("The server closed the connection unexpectedly")));
      return;
    }
  aw_smtp_reply_parser_push (session->conn.parser, session->conn.chunk, (gsize) n);
  deliver_reply (task);
}

static void
read_more (GTask *task)
{
  read_chunk (task, read_cb);
}

void
aw_smtp_session_read_reply (GTask           *task,
                            guint            timeout,
                            AwSmtpReplyStep  step)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  session->conn.reply_step = step;
  if (!session->clock.connect_phase)
    aw_smtp_session_start_timer (task, timeout, TRUE);
  deliver_reply (task);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  AwSmtpWriteStep step;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      if (!session->finished)
        aw_smtp_session_fail_io (task, g_steal_pointer (&error), AW_SMTP_ERROR_PROTOCOL);
      return;
    }
  if (session->finished)
    return;
  g_clear_pointer (&session->conn.outbuf, g_bytes_unref);
  step = session->conn.write_step;
  session->conn.write_step = NULL;
  step (task);
}

/* Takes ownership of bytes. */
void
aw_smtp_session_write_bytes (GTask           *task,
                             GBytes          *bytes,
                             guint            timeout,
                             AwSmtpWriteStep  step)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  g_clear_pointer (&session->conn.outbuf, g_bytes_unref);
  session->conn.outbuf = bytes;
  session->conn.write_step = step;
  if (!session->clock.connect_phase)
    aw_smtp_session_start_timer (task, timeout, TRUE);
  write_outbuf (task, write_cb);
}

/* Whether the server sent something that answers nothing asked yet: bytes left after
 * the last reply, or bytes already waiting on the connection. Only looks, never waits. */
static gboolean
input_waiting (AwSmtpSession *session)
{
  GInputStream *input;
  gssize n;

  if (aw_smtp_reply_parser_get_pending (session->conn.parser) > 0)
    return TRUE;
  input = g_io_stream_get_input_stream (session->conn.stream);
  if (!G_IS_POLLABLE_INPUT_STREAM (input)
      || !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (input)))
    return FALSE;
  /* On a TLS stream this also handles records that carry no data (session tickets) */
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (input), session->conn.chunk,
                                                sizeof session->conn.chunk, NULL, NULL);
  if (n <= 0)
    return FALSE;
  aw_smtp_reply_parser_push (session->conn.parser, session->conn.chunk, (gsize) n);
  return TRUE;
}

/* Before a command (outside a PIPELINING batch) or the message is written, nothing may
 * be waiting: an early answer would be taken for the answer to what comes next (RFC 5321
 * 4.1.1.4 and 4.3.2, RFC 2920 3.1). Fails the operation and returns TRUE if something is. */
gboolean
aw_smtp_session_refuse_unasked_reply (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  g_autoptr(AwSmtpReply) reply = NULL;

  if (!input_waiting (session))
    return FALSE;

  /* A server may say 421 and close at any time */
  reply = aw_smtp_reply_parser_next (session->conn.parser, NULL);
  if (reply != NULL && reply->code == 421)
    aw_smtp_session_fail_reply (task, AW_SMTP_ERROR_SERVER_BUSY, reply);
  else
    aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL,
                                                     _("The server sent an answer before it was asked anything")));
  return TRUE;
}

static void
read_after_write (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  aw_smtp_session_read_reply (task, session->conn.reply_timeout, session->conn.reply_step);
}

/* Writes one command line (without CR LF) and reads its reply. @log_line replaces the
 * line in the debug log when it holds a secret. */
void
aw_smtp_session_command (GTask           *task,
                         const char      *line,
                         const char      *log_line,
                         guint            timeout,
                         AwSmtpReplyStep  step)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  char *wire;
  gsize len;

  if (aw_smtp_session_refuse_unasked_reply (task))
    return;
  wire = g_strconcat (line, "\r\n", NULL);
  len = strlen (wire);
  g_debug ("C: %s", log_line != NULL ? log_line : line);
  session->conn.reply_step = step;
  session->conn.reply_timeout = timeout;
  aw_smtp_session_write_bytes (task,
                               g_bytes_new_with_free_func (wire, len, (GDestroyNotify) aw_smtp_secure_free, wire),
                               timeout, read_after_write);
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GCancellable *io_cancellable = user_data;

  g_cancellable_cancel (io_cancellable);
}

static GTask *
session_new (AwSmtpClient        *self,
             AwSmtpSessionKind    kind,
             AwMessage           *message,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  AwSmtpSession *session = g_new0 (AwSmtpSession, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  session->kind = kind;
  session->client = g_object_ref (self);
  self->n_operations++;
  session->message = message != NULL ? g_object_ref (message) : NULL;
  session->clock.io_cancellable = g_cancellable_new ();
  session->conn.parser = aw_smtp_reply_parser_new ();
  session->capabilities = aw_smtp_capabilities_new ();
  session->clock.connect_phase = TRUE;
  g_task_set_task_data (task, session, (GDestroyNotify) session_free);

  return g_steal_pointer (&task);
}

/* The message is checked here once (a message that passed is not checked again), before
 * any connection. */
static void
begin (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);
  AwSmtpClient *self = session->client;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (self->security == AW_SMTP_SECURITY_NONE && !aw_smtp_session_host_is_loopback (self->host))
    {
      aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INSECURE_NOT_ALLOWED,
                                                       _("Sending without encryption is only allowed to this computer")));
      return;
    }
  if (session->message != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!aw_message_validate (session->message, &error))
        {
          aw_smtp_session_fail (task, g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_INVALID_MESSAGE,
                                                           error->message));
          return;
        }
    }

  if (cancellable != NULL)
    {
      session->clock.user_cancellable = g_object_ref (cancellable);
      session->clock.cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                             session->clock.io_cancellable, NULL);
    }

  aw_smtp_session_set_stage (task, AW_SMTP_STAGE_CONNECTING);
  session->clock.deadline = g_timeout_source_new (self->session_deadline * 1000);
  g_source_set_callback (session->clock.deadline, on_deadline, session, NULL);
  g_source_set_static_name (session->clock.deadline, "[afterword] smtp session deadline");
  g_source_attach (session->clock.deadline, g_task_get_context (task));
  aw_smtp_session_start_timer (task, self->connect_timeout, FALSE);
  aw_smtp_session_connect (task);
}

/**
 * aw_smtp_session_dup_sent_bytes:
 *
 * Returns: (transfer full) (nullable): the message as handed to the server, once its
 *   final "." was written and unless the server then refused it
 */
GBytes *
aw_smtp_session_dup_sent_bytes (GTask *task)
{
  AwSmtpSession *session = g_task_get_task_data (task);

  if (!session->transaction.final_dot_sent || session->transaction.envelope == NULL)
    return NULL;
  return g_bytes_ref (session->transaction.envelope->wire);
}

/* A new operation of @self: its GTask (@source_tag) returns to @callback */
void
aw_smtp_session_start (AwSmtpClient        *self,
                       AwSmtpSessionKind    kind,
                       AwMessage           *message,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data,
                       gpointer             source_tag)
{
  g_autoptr(GTask) task = session_new (self, kind, message, cancellable, callback, user_data,
                                       source_tag);

  begin (task);
}
