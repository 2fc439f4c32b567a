/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-smtp.c: AwSmtpClient against a real SMTP server (tests/servers/smtp-server.py) and swaks
 *
 * Every fault mode of the server is one test: the right error code, and no message
 * delivered where none should be, exactly one where one should be.
 */
#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "aw-smtp-client.h"
#include "aw-smtp-private.h"
#include "aw-test-smtp.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

#define GERMAN_SUBJECT "Danke für das Gespräch über die Stelle – Rückmeldung?"
#define FRENCH_NAME "Amélie Lefèvre"
#define BODY_MARKER "Zeile-mit-Geheimnis-4711"

/* Everything logged while the tests run; checked at the end for secrets */
static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  gsize i;

  for (i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        if (fields[i].length < 0)
          g_string_append (captured_log, fields[i].value);
        else
          g_string_append_len (captured_log, fields[i].value, fields[i].length);
        g_string_append_c (captured_log, '\n');
      }
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static const char *
tricky_body (void)
{
  return "Sehr geehrte Frau Schröder,\n"
         "\n"
         "vielen Dank für Ihre Zeit und die Gelegenheit.\n"
         ".Eine Zeile, die mit einem Punkt beginnt\n"
         ".\n"
         "..zwei Punkte\n"
         "Leerzeichen am Ende   \n"
         "Tab am Ende\t\n"
         BODY_MARKER "\n"
         "\n"
         "Mit freundlichen Grüßen\n"
         "Amélie\n";
}

static AwMessage *
make_message (const char *body)
{
  AwMessage *message = aw_message_new ();

  aw_message_set_from (message, FRENCH_NAME, "applicant@example.org");
  aw_message_set_to (message, "Jana Schröder <jana@firma.example>");
  aw_message_set_bcc (message, "copy@example.org");
  aw_message_set_subject (message, GERMAN_SUBJECT);
  aw_message_set_body (message, body != NULL ? body : tricky_body ());
  return message;
}

static GMimeMessage *
parse_bytes (GBytes *bytes)
{
  g_autoptr(GMimeStream) stream =
    g_mime_stream_mem_new_with_buffer (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);

  return g_mime_parser_construct_message (parser, NULL);
}

/* The body as a reader gets it back: CR LF line ends, and no spaces at the end of a
 * line, which format=flowed (RFC 3676 4.2) cannot carry on a hard line break. */
static char *
crlf (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  int i;

  for (i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      while (len > 0 && lines[i][len - 1] == ' ')
        lines[i][--len] = '\0';
    }
  return g_strjoinv ("\r\n", lines);
}

/* Sends @message through @client to the server's @mode, which must store it; returns
 * the bytes the client says it sent and sets *n to the message's number there. */
static GBytes *
deliver (AwSmtpClient *client,
         AwMessage    *message,
         const char   *mode,
         guint        *n)
{
  g_autoptr(GError) error = NULL;
  GBytes *sent = NULL;
  guint before = aw_test_smtp_count (mode);

  g_assert_true (aw_test_smtp_send_full (client, message, NULL, &sent, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sent);
  g_assert_cmpuint (aw_test_smtp_count (mode), ==, before + 1);
  if (n != NULL)
    *n = before + 1;
  return sent;
}

/* The same, for a test that needs neither the bytes nor the number */
static void
deliver_one (AwSmtpClient *client,
             AwMessage    *message,
             const char   *mode)
{
  g_autoptr(GBytes) sent = deliver (client, message, mode, NULL);
}

/* Sends @message and expects the AW_SMTP_ERROR @code */
static void
expect_refusal (AwSmtpClient *client,
                AwMessage    *message,
                int           code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (aw_test_smtp_send (client, message, NULL, &error));
  g_assert_error (error, AW_SMTP_ERROR, code);
}

/* Sends @message and expects the AW_SMTP_ERROR @code; returns what the client sent. */
static GBytes *
send_expecting (AwSmtpClient *client,
                AwMessage    *message,
                int           code)
{
  g_autoptr(GError) error = NULL;
  GBytes *sent = NULL;

  g_assert_false (aw_test_smtp_send_full (client, message, NULL, &sent, &error));
  g_assert_error (error, AW_SMTP_ERROR, code);
  return sent;
}

/* The delivered message, parsed back: headers decoded, body byte for byte. */
static void
assert_delivered_intact (const char *mode,
                         guint       n,
                         AwMessage  *message,
                         GBytes     *sent,
                         const char *body)
{
  g_autoptr(GBytes) raw = aw_test_smtp_message (mode, n);
  g_autoptr(GMimeMessage) parsed = parse_bytes (raw);
  InternetAddressMailbox *from;
  GMimeObject *part;
  g_autofree char *text = NULL;
  g_autofree char *expected = crlf (body);
  g_autofree char *envelope = aw_test_smtp_envelope (mode, n);

  g_assert_nonnull (parsed);
  /* What was stored is exactly what the client says it sent */
  g_assert_nonnull (sent);
  g_assert_true (g_bytes_equal (raw, sent));

  g_assert_cmpstr (g_mime_message_get_subject (parsed), ==, GERMAN_SUBJECT);
  from = INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (g_mime_message_get_from (parsed), 0));
  g_assert_cmpstr (internet_address_get_name (INTERNET_ADDRESS (from)), ==, FRENCH_NAME);
  g_assert_cmpstr (internet_address_mailbox_get_addr (from), ==, "applicant@example.org");
  g_assert_cmpstr (g_mime_message_get_message_id (parsed), ==, aw_message_get_message_id (message));
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (parsed), "Bcc"));

  part = g_mime_message_get_mime_part (parsed);
  g_assert_true (GMIME_IS_TEXT_PART (part));
  g_assert_cmpstr (g_mime_object_get_content_type_parameter (part, "charset"), ==, "utf-8");
  text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  g_assert_cmpuint (strlen (text), ==, strlen (expected));
  g_assert_true (memcmp (text, expected, strlen (expected)) == 0);

  /* Envelope: the Bcc recipient is there, even though no header names it */
  g_assert_nonnull (strstr (envelope, "\"copy@example.org\""));
  g_assert_nonnull (strstr (envelope, "\"jana@firma.example\""));
}

typedef struct
{
  GArray *stages;
} StageLog;

static void
on_stage (AwSmtpClient *client,
          AwSmtpStage   stage,
          GArray       *stages)
{
  g_array_append_val (stages, stage);
}

static void
test_starttls_delivers (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("starttls", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GArray) stages = g_array_new (FALSE, FALSE, sizeof (AwSmtpStage));
  g_autoptr(GBytes) sent = NULL;
  g_autofree char *envelope = NULL;
  guint n;
  AwSmtpStage expected[] = { AW_SMTP_STAGE_CONNECTING, AW_SMTP_STAGE_SECURING,
                             AW_SMTP_STAGE_AUTHENTICATING, AW_SMTP_STAGE_SENDING,
                             AW_SMTP_STAGE_DONE };
  guint i;

  g_signal_connect (client, "stage-changed", G_CALLBACK (on_stage), stages);
  sent = deliver (client, message, "starttls", &n);
  assert_delivered_intact ("starttls", n, message, sent, tricky_body ());

  /* The server offers 8BITMIME: the body went as 8bit, announced in MAIL FROM */
  envelope = aw_test_smtp_envelope ("starttls", n);
  g_assert_nonnull (strstr (envelope, "BODY=8BITMIME"));
  g_assert_nonnull (strstr (envelope, "\"authenticated\": true"));
  g_assert_nonnull (strstr (envelope, "\"tls\": true"));

  /* Stages: connecting, securing (STARTTLS), authenticating, sending, done */
  g_assert_cmpuint (stages->len, >=, G_N_ELEMENTS (expected));
  for (i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (stages, AwSmtpStage, stages->len - G_N_ELEMENTS (expected) + i), ==, expected[i]);
  g_assert_cmpint (g_array_index (stages, AwSmtpStage, 0), ==, AW_SMTP_STAGE_CONNECTING);
}

static void
test_starttls_7bit_no_pipelining (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("starttls-7bit", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GBytes) sent = NULL;
  g_autofree char *envelope = NULL;
  guint n;
  g_autoptr(GBytes) raw = NULL;
  gsize i, size;
  const guint8 *data;

  sent = deliver (client, message, "starttls-7bit", &n);
  assert_delivered_intact ("starttls-7bit", n, message, sent, tricky_body ());

  /* No 8BITMIME: quoted-printable, pure ASCII on the wire, no BODY= parameter */
  envelope = aw_test_smtp_envelope ("starttls-7bit", n);
  g_assert_null (strstr (envelope, "BODY=8BITMIME"));
  raw = aw_test_smtp_message ("starttls-7bit", n);
  data = g_bytes_get_data (raw, &size);
  for (i = 0; i < size; i++)
    g_assert_cmpuint (data[i], <, 0x80);
  g_assert_nonnull (g_strstr_len ((const char *) data, (gssize) size, "quoted-printable"));
}

static void
test_implicit_tls_large_body (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("implicit-tls", AW_SMTP_SECURITY_TLS, TRUE);
  g_autoptr(AwMessage) message = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GBytes) sent = NULL;
  guint n;
  int line = 0;

  /* 200 KiB with every kind of awkward line */
  while (body->len < 200 * 1024)
    {
      switch (line++ % 6)
        {
        case 0: g_string_append (body, ".leading dot\n"); break;
        case 1: g_string_append (body, ".\n"); break;
        case 2: g_string_append (body, "trailing spaces    \n"); break;
        case 3: g_string_append (body, "Grüße, Ærøskøbing, 日本語, emoji 🙂\n"); break;
        case 4: g_string_append (body, "\n"); break;
        default: g_string_append_printf (body, "line %d of plain text that is long enough to matter\n", line);
        }
    }
  message = make_message (body->str);

  sent = deliver (client, message, "implicit-tls", &n);
  assert_delivered_intact ("implicit-tls", n, message, sent, body->str);
}

static void
test_xoauth2 (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("starttls", AW_SMTP_SECURITY_STARTTLS, FALSE);
  g_autoptr(AwMessage) message = make_message (NULL);
  guint before = aw_test_smtp_count ("starttls");

  aw_smtp_client_set_oauth2_token (client, aw_test_smtp_user (), aw_test_smtp_oauth2_token ());
  deliver_one (client, message, "starttls");

  aw_smtp_client_set_oauth2_token (client, aw_test_smtp_user (), "expired-token");
  expect_refusal (client, message, AW_SMTP_ERROR_AUTH_FAILED);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before + 1);
}

static void
test_none_on_loopback (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("plain", AW_SMTP_SECURITY_NONE, FALSE);
  g_autoptr(AwSmtpClient) with_password = aw_test_smtp_client ("plain", AW_SMTP_SECURITY_NONE, TRUE);
  g_autoptr(AwSmtpClient) remote = aw_smtp_client_new ("192.0.2.1", 25, AW_SMTP_SECURITY_NONE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GError) error = NULL;
  guint before = aw_test_smtp_count ("plain");

  deliver_one (client, message, "plain");

  /* A password never crosses an unencrypted connection */
  expect_refusal (with_password, message, AW_SMTP_ERROR_INSECURE_NOT_ALLOWED);
  g_assert_cmpuint (aw_test_smtp_count ("plain"), ==, before + 1);

  /* No encryption to anything but loopback, refused before connecting */
  g_assert_false (aw_test_smtp_send (remote, message, NULL, &error));
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_INSECURE_NOT_ALLOWED);
}

/* A non-ASCII local part needs SMTPUTF8: used where offered, refused before MAIL
 * where not; a non-ASCII domain goes as IDNA without it. */
static void
test_smtputf8_only_when_needed_and_offered (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("starttls", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwSmtpClient) old = aw_test_smtp_client ("starttls-7bit", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(AwMessage) idn = make_message (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *idn_envelope = NULL;
  guint before = aw_test_smtp_count ("starttls");
  guint before_old = aw_test_smtp_count ("starttls-7bit");

  aw_message_set_to (message, "Jürgen <jürgen@firma.example>");
  deliver_one (client, message, "starttls");
  envelope = aw_test_smtp_envelope ("starttls", before + 1);
  g_assert_nonnull (strstr (envelope, "SMTPUTF8"));
  g_assert_nonnull (strstr (envelope, "j\\u00fcrgen@firma.example"));

  expect_refusal (old, message, AW_SMTP_ERROR_INVALID_MESSAGE);
  g_assert_cmpuint (aw_test_smtp_count ("starttls-7bit"), ==, before_old);

  aw_message_set_to (idn, "jana@bücher.example");
  g_assert_true (aw_test_smtp_send (old, idn, NULL, &error));
  g_assert_no_error (error);
  idn_envelope = aw_test_smtp_envelope ("starttls-7bit", before_old + 1);
  g_assert_nonnull (strstr (idn_envelope, "jana@xn--bcher-kva.example"));
  g_assert_null (strstr (idn_envelope, "SMTPUTF8"));
  {
    g_autoptr(GBytes) raw = aw_test_smtp_message ("starttls-7bit", before_old + 1);
    gsize i, size;
    const guint8 *data = g_bytes_get_data (raw, &size);

    g_assert_nonnull (g_strstr_len ((const char *) data, (gssize) size, "jana@xn--bcher-kva.example"));
    for (i = 0; i < size; i++)
      g_assert_cmpuint (data[i], <, 0x80);
  }
}

typedef struct
{
  const char     *mode;
  AwSmtpSecurity  security;
  gboolean        with_password;
  AwSmtpError     expected;
  int             reply_code;
  const char     *enhanced_code;
  guint           delivered;
} Fault;

static const Fault faults[] = {
  { "greeting-421", AW_SMTP_SECURITY_NONE, FALSE, AW_SMTP_ERROR_SERVER_BUSY, 421, "4.3.2", 0 },
  { "ehlo-rejected", AW_SMTP_SECURITY_TLS, TRUE, AW_SMTP_ERROR_AUTH_NOT_OFFERED, 0, NULL, 0 },
  { "no-starttls", AW_SMTP_SECURITY_STARTTLS, TRUE, AW_SMTP_ERROR_TLS_NOT_OFFERED, 0, NULL, 0 },
  { "no-auth", AW_SMTP_SECURITY_STARTTLS, TRUE, AW_SMTP_ERROR_AUTH_NOT_OFFERED, 0, NULL, 0 },
  { "auth-535", AW_SMTP_SECURITY_STARTTLS, TRUE, AW_SMTP_ERROR_AUTH_FAILED, 535, "5.7.8", 0 },
  { "auth-534", AW_SMTP_SECURITY_STARTTLS, TRUE, AW_SMTP_ERROR_APP_PASSWORD_REQUIRED, 534, "5.7.9", 0 },
  { "rcpt-550", AW_SMTP_SECURITY_STARTTLS, TRUE, AW_SMTP_ERROR_RECIPIENT_REJECTED, 550, "5.1.1", 0 },
  { "data-552", AW_SMTP_SECURITY_STARTTLS, TRUE, AW_SMTP_ERROR_MESSAGE_TOO_LARGE, 552, "5.3.4", 0 },
  { "disconnect-after-dot", AW_SMTP_SECURITY_STARTTLS, TRUE, AW_SMTP_ERROR_DELIVERY_UNCERTAIN, 0, NULL, 1 },
  { "self-signed", AW_SMTP_SECURITY_TLS, TRUE, AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED, 0, NULL, 0 },
  { "wrong-host", AW_SMTP_SECURITY_TLS, TRUE, AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED, 0, NULL, 0 },
  { "starttls-injection", AW_SMTP_SECURITY_STARTTLS, TRUE, AW_SMTP_ERROR_PROTOCOL, 0, NULL, 0 },
};

static void
test_fault (gconstpointer data)
{
  const Fault *fault = data;
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client (fault->mode, fault->security, fault->with_password);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  guint before = aw_test_smtp_count (fault->mode);

  g_assert_false (aw_test_smtp_send (client, message, NULL, &error));
  g_assert_error (error, AW_SMTP_ERROR, (int) fault->expected);
  g_assert_cmpint (aw_smtp_error_get_reply_code (error), ==, fault->reply_code);
  g_assert_cmpstr (aw_smtp_error_get_enhanced_code (error), ==, fault->enhanced_code);
  sentence = aw_smtp_error_describe (error);
  g_assert_nonnull (sentence);
  g_test_message ("%s: %s / %s", fault->mode, error->message, sentence);

  /* No retry, no silent second copy */
  g_assert_cmpuint (aw_test_smtp_count (fault->mode), ==, before + fault->delivered);
}

static void
test_ehlo_rejected_falls_back_to_helo (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("ehlo-rejected", AW_SMTP_SECURITY_TLS, FALSE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GBytes) sent = NULL;
  guint n;

  sent = deliver (client, message, "ehlo-rejected", &n);
  assert_delivered_intact ("ehlo-rejected", n, message, sent, tricky_body ());
}

static void
test_size_limit_fails_early (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("size-limit", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwMessage) small = make_message (NULL);
  g_autoptr(AwMessage) large = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint before = aw_test_smtp_count ("size-limit");

  while (body->len < 20000)
    g_string_append (body, "Thank you for your time and the opportunity.\n");
  large = make_message (body->str);

  g_assert_false (aw_test_smtp_send (client, large, NULL, &error));
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_MESSAGE_TOO_LARGE);
  /* decided from the advertised SIZE, before any MAIL FROM */
  g_assert_cmpint (aw_smtp_error_get_reply_code (error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpuint (aw_test_smtp_count ("size-limit"), ==, before);

  deliver_one (client, small, "size-limit");
}

/* RFC 5321 4.5.3.2 timeouts, scaled down: the server takes the whole message and then
 * never confirms it. That is "delivery uncertain", never a retry. */
static void
test_no_reply_after_dot_is_uncertain (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("slow-after-dot", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GBytes) sent = NULL;
  guint before = aw_test_smtp_count ("slow-after-dot");
  gint64 start;

  /* 10 minutes for the final reply become 1.2 s */
  aw_smtp_client_set_timeout_scale (client, 0.002);
  start = g_get_monotonic_time ();
  sent = send_expecting (client, message, AW_SMTP_ERROR_DELIVERY_UNCERTAIN);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_nonnull (sent);
  g_assert_cmpuint (aw_test_smtp_count ("slow-after-dot"), ==, before + 1);
}

static void
test_auth_login (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("auth-login-only", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwSmtpClient) wrong = aw_test_smtp_client ("auth-login-only", AW_SMTP_SECURITY_STARTTLS, FALSE);
  g_autoptr(AwMessage) message = make_message (NULL);
  guint before = aw_test_smtp_count ("auth-login-only");
  g_autofree char *envelope = NULL;

  deliver_one (client, message, "auth-login-only");
  envelope = aw_test_smtp_envelope ("auth-login-only", before + 1);
  g_assert_nonnull (strstr (envelope, "\"authenticated\": true"));

  aw_smtp_client_set_credentials (wrong, aw_test_smtp_user (), "wrong password");
  expect_refusal (wrong, message, AW_SMTP_ERROR_AUTH_FAILED);
  g_assert_cmpuint (aw_test_smtp_count ("auth-login-only"), ==, before + 1);
}

static void
test_silent_server_times_out (void)
{
  g_autoptr(AwSmtpClient) plain = aw_test_smtp_client ("silent", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwSmtpClient) tls = aw_test_smtp_client ("silent", AW_SMTP_SECURITY_TLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GError) error = NULL;
  gint64 start;

  aw_smtp_client_set_connect_timeout (plain, 1);
  aw_smtp_client_set_connect_timeout (tls, 1);

  start = g_get_monotonic_time ();
  g_assert_false (aw_test_smtp_send (plain, message, NULL, &error));
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* implicit TLS: the handshake never completes */
  expect_refusal (tls, message, AW_SMTP_ERROR_TIMED_OUT);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_closes_promptly (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("silent", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GThread *thread;
  gint64 start;

  aw_smtp_client_set_connect_timeout (client, 60);
  start = g_get_monotonic_time ();
  thread = g_thread_new ("cancel", cancel_later, cancellable);
  g_assert_false (aw_test_smtp_send (client, message, cancellable, &error));
  g_thread_join (thread);
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(AwSmtpClient) client = NULL;
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  guint16 port;

  /* A port that was free a moment ago: nobody listens there */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  client = aw_smtp_client_new ("127.0.0.1", port, AW_SMTP_SECURITY_TLS);
  g_assert_false (aw_test_smtp_send (client, message, NULL, &error));
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_CANNOT_CONNECT);
}

static void
test_invalid_message_never_connects (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("starttls", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GArray) stages = g_array_new (FALSE, FALSE, sizeof (AwSmtpStage));
  guint before = aw_test_smtp_count ("starttls");

  aw_message_set_subject (message, "Thanks\r\nBcc: everyone@example.com");
  g_signal_connect (client, "stage-changed", G_CALLBACK (on_stage), stages);
  expect_refusal (client, message, AW_SMTP_ERROR_INVALID_MESSAGE);
  g_assert_cmpuint (stages->len, ==, 0);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);
}

static char *
file_sha256 (const char *pem_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (pem_path, &error);

  g_assert_no_error (error);
  return aw_certificate_sha256_hex (cert);
}

static void
test_certificate_pinning (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("self-signed", AW_SMTP_SECURITY_TLS, TRUE);
  g_autoptr(AwSmtpClient) changed = aw_test_smtp_client ("wrong-host", AW_SMTP_SECURITY_TLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autofree char *pem = g_build_filename (aw_test_smtp_dir (), "self-signed.pem", NULL);
  g_autofree char *expected = file_sha256 (pem);
  g_autofree char *shown = NULL;
  g_autofree char *reasons = NULL;
  AwCertificateInfo *info;
  g_autoptr(AwCertificateInfo) kept = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint before = aw_test_smtp_count ("self-signed");

  expect_refusal (client, message, AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED);

  info = aw_smtp_client_get_rejected_certificate (client);
  g_assert_nonnull (info);
  kept = g_object_ref (info);
  g_assert_cmpstr (aw_certificate_info_get_sha256 (info), ==, expected);
  g_assert_cmpuint (strlen (expected), ==, 64);
  g_assert_nonnull (strstr (aw_certificate_info_get_subject (info), "localhost"));
  g_assert_nonnull (aw_certificate_info_get_issuer (info));
  g_assert_true (aw_certificate_info_get_errors (info) & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_cmpstr (aw_certificate_info_get_host (info), ==, "localhost");
  g_assert_cmpuint (aw_certificate_info_get_port (info), ==, aw_test_smtp_port ("self-signed"));
  g_assert_true (g_date_time_compare (aw_certificate_info_get_not_before (info), now) <= 0);
  g_assert_true (g_date_time_compare (aw_certificate_info_get_not_after (info), now) > 0);
  shown = aw_certificate_info_format_sha256 (info);
  g_assert_cmpuint (strlen (shown), ==, 64 + 31);
  reasons = aw_certificate_info_describe_errors (info);
  g_assert_cmpstr (reasons, !=, "");
  g_assert_cmpuint (aw_test_smtp_count ("self-signed"), ==, before);

  /* The user trusts exactly this certificate for this host and port */
  aw_smtp_client_set_pinned_fingerprint (client, shown);
  deliver_one (client, message, "self-signed");

  /* A different certificate with the same pin fails again */
  aw_smtp_client_set_pinned_fingerprint (changed, expected);
  expect_refusal (changed, message, AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED);
  g_assert_true (aw_certificate_info_get_errors (aw_smtp_client_get_rejected_certificate (changed))
                 & G_TLS_CERTIFICATE_BAD_IDENTITY);
  g_assert_cmpstr (aw_certificate_info_get_sha256 (aw_smtp_client_get_rejected_certificate (changed)), !=, expected);
}

static void
test_system_trust_store_rejects_test_ca (void)
{
  g_autoptr(AwSmtpClient) client = aw_smtp_client_new ("localhost", aw_test_smtp_port ("starttls"),
                                                       AW_SMTP_SECURITY_STARTTLS);
  g_autoptr(AwMessage) message = make_message (NULL);
  guint before = aw_test_smtp_count ("starttls");

  aw_smtp_client_set_credentials (client, aw_test_smtp_user (), aw_test_smtp_password ());
  expect_refusal (client, message, AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);
}

static void
test_connection_and_probe (void)
{
  g_autoptr(AwSmtpClient) good = aw_test_smtp_client ("starttls", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwSmtpClient) bad = aw_test_smtp_client ("starttls", AW_SMTP_SECURITY_STARTTLS, FALSE);
  g_autoptr(AwSmtpClient) probe = aw_test_smtp_client ("implicit-tls", AW_SMTP_SECURITY_TLS, FALSE);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) caps = NULL;
  guint before = aw_test_smtp_count ("starttls");

  g_assert_true (aw_test_smtp_test_connection (good, &error));
  g_assert_no_error (error);

  aw_smtp_client_set_credentials (bad, aw_test_smtp_user (), "not the password");
  g_assert_false (aw_test_smtp_test_connection (bad, &error));
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);

  caps = aw_test_smtp_probe (probe, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) caps, "PIPELINING"));
  g_assert_true (g_strv_contains ((const char * const *) caps, "8BITMIME"));
  g_assert_true (g_strv_contains ((const char * const *) caps, "AUTH LOGIN PLAIN XOAUTH2"));
}

/* swaks, an independent SMTP client, against the same server: the server script is not
 * the only judge of what a correct dialogue and a correct message look like. */
static void
run_swaks (const char *mode,
           gboolean    tls_on_connect,
           const char *data_path)
{
  g_autoptr(GSubprocess) swaks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_strdup_printf ("localhost:%u", aw_test_smtp_port (mode));
  g_autoptr(GBytes) out = NULL;

  swaks = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                            "swaks", "--server", server,
                            tls_on_connect ? "--tls-on-connect" : "--tls",
                            "--tls-verify", "--tls-ca-path", aw_test_smtp_ca_file (),
                            "--auth", "LOGIN", "--auth-user", aw_test_smtp_user (),
                            "--auth-password", aw_test_smtp_password (),
                            "--from", "applicant@example.org", "--to", "jana@firma.example",
                            "--data", data_path, NULL);
  g_assert_no_error (error);
  /* swaks's transcript shows the AUTH exchange: keep it out of the test log */
  g_subprocess_communicate (swaks, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (swaks));
  g_assert_cmpint (g_subprocess_get_exit_status (swaks), ==, 0);
}

static void
test_swaks_cross_check (void)
{
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GBytes) wire = aw_message_to_bytes (message, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "swaks-message.eml", NULL);
  g_autoptr(GBytes) got = NULL;
  guint before = aw_test_smtp_count ("starttls");
  guint before_tls = aw_test_smtp_count ("implicit-tls");

  g_file_set_contents (path, g_bytes_get_data (wire, NULL), (gssize) g_bytes_get_size (wire), &error);
  g_assert_no_error (error);

  run_swaks ("starttls", FALSE, path);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before + 1);
  got = aw_test_smtp_message ("starttls", before + 1);
  /* swaks dot-stuffs on its own and the server unstuffs: the same bytes arrive, plus
   * the CR LF swaks always puts before its final "." */
  g_assert_cmpuint (g_bytes_get_size (got), ==, g_bytes_get_size (wire) + 2);
  g_assert_true (memcmp (g_bytes_get_data (got, NULL), g_bytes_get_data (wire, NULL),
                         g_bytes_get_size (wire)) == 0);
  g_assert_true (memcmp ((const char *) g_bytes_get_data (got, NULL) + g_bytes_get_size (wire),
                         "\r\n", 2) == 0);

  run_swaks ("implicit-tls", TRUE, path);
  g_assert_cmpuint (aw_test_smtp_count ("implicit-tls"), ==, before_tls + 1);
}

/* ---- hostile servers (tests/servers/smtp-server.py, class Scripted) ---- */

/* DATA is answered with 354 and, in the same packet, a 250 nobody asked for; the final
 * "." is refused with 554. The extra 250 must not pass for the answer to the ".": a
 * reply waiting before the body is written is a protocol error (RFC 5321 4.1.1.4). */
static void
test_reply_before_body_is_refused (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("data-extra-250", AW_SMTP_SECURITY_NONE, FALSE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GBytes) sent = send_expecting (client, message, AW_SMTP_ERROR_PROTOCOL);

  g_assert_null (sent);
}

/* A "220" that came with the EHLO reply, before STARTTLS was sent, is not the answer to
 * STARTTLS. (The server never answers STARTTLS: a client that took the early 220 would
 * wait in a TLS handshake until its timer ran out.) */
static void
test_early_220_is_not_starttls_reply (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("ehlo-extra-220", AW_SMTP_SECURITY_STARTTLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  gint64 start = g_get_monotonic_time ();

  aw_smtp_client_set_timeout_scale (client, 0.01);
  expect_refusal (client, message, AW_SMTP_ERROR_PROTOCOL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* Only 4yz and 5yz refuse a message. Any other answer to the final "." leaves it open
 * whether the message went out: "delivery uncertain", with the sent bytes kept for the
 * history, so that the user is warned before sending a second copy. */
static void
test_3xx_after_dot_is_uncertain (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("dot-354", AW_SMTP_SECURITY_NONE, FALSE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sent = NULL;

  g_assert_false (aw_test_smtp_send_full (client, message, NULL, &sent, &error));
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_DELIVERY_UNCERTAIN);
  g_assert_cmpint (aw_smtp_error_get_reply_code (error), ==, 354);
  g_assert_nonnull (sent);
}

static guint
auth_attempts (const char *mode)
{
  g_autofree char *path = g_build_filename (aw_test_smtp_dir (), "mail", mode, "auth-attempts", NULL);
  g_autofree char *contents = NULL;
  guint n = 0;
  const char *p;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  for (p = contents; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* A server that speaks only TLS 1.1 (RFC 8996: TLS 1.0 and 1.1 must not be used) gets
 * neither the password nor the message, with implicit TLS and with STARTTLS. */
static void
test_old_tls_refused (void)
{
  const struct { const char *mode; AwSmtpSecurity security; } cases[] = {
    { "tls11-implicit", AW_SMTP_SECURITY_TLS },
    { "tls11-starttls", AW_SMTP_SECURITY_STARTTLS },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AwSmtpClient) client = aw_test_smtp_client (cases[i].mode, cases[i].security, TRUE);
      g_autoptr(AwMessage) message = make_message (NULL);
      g_autoptr(GError) error = NULL;
      guint before = aw_test_smtp_count (cases[i].mode);
      guint before_auth = auth_attempts (cases[i].mode);

      g_assert_false (aw_test_smtp_send (client, message, NULL, &error));
      g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_TLS_FAILED);
      g_test_message ("%s: %s", cases[i].mode, error->message);
      g_assert_nonnull (strstr (error->message, "TLS 1.1"));
      g_assert_cmpuint (auth_attempts (cases[i].mode), ==, before_auth);
      g_assert_cmpuint (aw_test_smtp_count (cases[i].mode), ==, before);
    }
}

/* A server that answers every AUTH line with 334 ends the exchange at the client's "*"
 * (RFC 4954 4), not after thousands of round trips. The server gives in with 235 after
 * 20 rounds: a client that kept going would deliver. */
static void
test_endless_auth_ends (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("auth-endless-334", AW_SMTP_SECURITY_TLS, TRUE);
  g_autoptr(AwMessage) message = make_message (NULL);
  guint before = aw_test_smtp_count ("auth-endless-334");

  expect_refusal (client, message, AW_SMTP_ERROR_PROTOCOL);
  g_assert_cmpuint (aw_test_smtp_count ("auth-endless-334"), ==, before);
}

/* Every answer 0.6 s late, each well within its own RFC timeout: only the deadline of the
 * whole session (2 s here) ends it. Without one the same server takes the message. */
static void
test_session_deadline (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("slow-steps", AW_SMTP_SECURITY_NONE, FALSE);
  g_autoptr(AwSmtpClient) patient = aw_test_smtp_client ("slow-steps", AW_SMTP_SECURITY_NONE, FALSE);
  g_autoptr(AwMessage) message = make_message (NULL);
  g_autoptr(GError) error = NULL;
  guint before = aw_test_smtp_count ("slow-steps");
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  aw_smtp_client_set_session_deadline (client, 2);
  g_assert_false (aw_test_smtp_send (client, message, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_TIMED_OUT);
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC - G_USEC_PER_SEC / 10);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (aw_test_smtp_count ("slow-steps"), ==, before);
  g_clear_error (&error);

  deliver_one (patient, message, "slow-steps");
}

/* A legal 254 KiB EHLO reply, 4 bytes per TLS record: the parser looks at each byte a
 * bounded number of times (it used to re-read the whole buffer on every read). */
static void
test_huge_reply_in_tiny_records (void)
{
  g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("huge-ehlo", AW_SMTP_SECURITY_TLS, FALSE);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) caps = NULL;
  guint64 examined;
  guint i, fillers = 0;
  gsize reply_size = 0;

  caps = aw_test_smtp_probe (client, &error);
  g_assert_no_error (error);
  for (i = 0; caps[i] != NULL; i++)
    {
      /* "250-" + the line + CR LF */
      reply_size += 4 + strlen (caps[i]) + 2;
      if (g_str_has_prefix (caps[i], "X-FILLER-"))
        {
          g_assert_cmpuint (strlen (caps[i]), ==, 13 + 2030);
          fillers++;
        }
    }
  g_assert_cmpuint (fillers, ==, 125);
  g_assert_true (g_strv_contains ((const char * const *) caps, "8BITMIME"));
  g_assert_cmpuint (reply_size, >, 250 * 1024);

  examined = aw_smtp_client_get_reply_bytes_examined (client);
  g_test_message ("reply of %" G_GSIZE_FORMAT " bytes: %" G_GUINT64_FORMAT " bytes examined",
                  reply_size, examined);
  g_assert_cmpuint (examined, <=, 4 * (reply_size + 1024));
}

static void
test_logs_hold_no_secret (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *plain_b64 = NULL;
  g_autofree char *pass_b64 = NULL;
  const char *password = aw_test_smtp_password ();
  gsize ulen = strlen (aw_test_smtp_user ()), plen = strlen (password);
  guint8 *raw = g_malloc0 (ulen + plen + 2);

  memcpy (raw + 1, aw_test_smtp_user (), ulen);
  memcpy (raw + ulen + 2, password, plen);
  plain_b64 = g_base64_encode (raw, ulen + plen + 2);
  pass_b64 = g_base64_encode ((const guchar *) password, plen);
  g_free (raw);

  /* The log is not empty: the dialogue was traced */
  g_assert_nonnull (strstr (captured_log->str, "C: EHLO"));
  g_assert_nonnull (strstr (captured_log->str, "AUTH PLAIN <hidden>"));

  g_assert_null (strstr (captured_log->str, password));
  g_assert_null (strstr (captured_log->str, plain_b64));
  g_assert_null (strstr (captured_log->str, pass_b64));
  g_assert_null (strstr (captured_log->str, aw_test_smtp_oauth2_token ()));
  g_assert_null (strstr (captured_log->str, BODY_MARKER));
}

int
main (int   argc,
      char *argv[])
{
  guint i;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The test environment has only our schemas, not GNOME's proxy settings */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_mime_init ();
  aw_test_smtp_init ();

  g_test_add_func ("/smtp/deliver/starttls", test_starttls_delivers);
  g_test_add_func ("/smtp/deliver/starttls-7bit-no-pipelining", test_starttls_7bit_no_pipelining);
  g_test_add_func ("/smtp/deliver/implicit-tls-200k-body", test_implicit_tls_large_body);
  g_test_add_func ("/smtp/deliver/xoauth2", test_xoauth2);
  g_test_add_func ("/smtp/deliver/none-loopback-only", test_none_on_loopback);
  g_test_add_func ("/smtp/deliver/helo-fallback", test_ehlo_rejected_falls_back_to_helo);
  g_test_add_func ("/smtp/deliver/smtputf8", test_smtputf8_only_when_needed_and_offered);
  g_test_add_func ("/smtp/deliver/auth-login", test_auth_login);
  for (i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/smtp/fault/%s", faults[i].mode);

      g_test_add_data_func (path, &faults[i], test_fault);
    }
  g_test_add_func ("/smtp/fault/size-limit", test_size_limit_fails_early);
  g_test_add_func ("/smtp/fault/silent-times-out", test_silent_server_times_out);
  g_test_add_func ("/smtp/fault/no-reply-after-dot", test_no_reply_after_dot_is_uncertain);
  g_test_add_func ("/smtp/fault/unreachable", test_unreachable);
  g_test_add_func ("/smtp/fault/cancel-closes-promptly", test_cancel_closes_promptly);
  g_test_add_func ("/smtp/fault/invalid-message-never-connects", test_invalid_message_never_connects);
  g_test_add_func ("/smtp/hostile/reply-before-body", test_reply_before_body_is_refused);
  g_test_add_func ("/smtp/hostile/220-before-starttls", test_early_220_is_not_starttls_reply);
  g_test_add_func ("/smtp/hostile/3xx-after-dot", test_3xx_after_dot_is_uncertain);
  g_test_add_func ("/smtp/hostile/tls-1.1", test_old_tls_refused);
  g_test_add_func ("/smtp/hostile/endless-auth", test_endless_auth_ends);
  g_test_add_func ("/smtp/hostile/session-deadline", test_session_deadline);
  g_test_add_func ("/smtp/hostile/huge-reply-tiny-records", test_huge_reply_in_tiny_records);
  g_test_add_func ("/smtp/certificate/pinning", test_certificate_pinning);
  g_test_add_func ("/smtp/certificate/system-store", test_system_trust_store_rejects_test_ca);
  g_test_add_func ("/smtp/account/test-connection-and-probe", test_connection_and_probe);
  g_test_add_func ("/smtp/peer/swaks-cross-check", test_swaks_cross_check);
  /* last: it reads what all the others logged */
  g_test_add_func ("/smtp/zz-logs/hold-no-secret", test_logs_hold_no_secret);

  status = g_test_run ();
  aw_test_smtp_shutdown ();
  return status;
}
