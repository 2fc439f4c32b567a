/* test-message.c: AwMessage builds a correct RFC 5322 message and refuses bad fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "aw-message.h"
#include "aw-message-private.h"
#include "aw-smtp-envelope.h"
#include "aw-smtp-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

#define GERMAN_SUBJECT "Vielen Dank für das Gespräch – Rückmeldung"
#define FRENCH_NAME "Amélie Lefèvre-Çonté"

static AwMessage *
sample (void)
{
  AwMessage *message = aw_message_new ();

  aw_message_set_from (message, FRENCH_NAME, "amelie@example.org");
  aw_message_set_to (message, "Jana Schröder <jana@firma.example>");
  aw_message_set_subject (message, GERMAN_SUBJECT);
  aw_message_set_body (message, "Liebe Frau Schröder,\n\nvielen Dank für Ihre Zeit.\n");
  return message;
}

static GMimeMessage *
parse_wire (GBytes *wire)
{
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;

  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (wire, NULL), g_bytes_get_size (wire));
  parser = g_mime_parser_new_with_stream (stream);
  return g_mime_parser_construct_message (parser, NULL);
}

static char *
decoded_body (GMimeMessage *message)
{
  GMimeObject *part = g_mime_message_get_mime_part (message);

  g_assert_true (GMIME_IS_TEXT_PART (part));
  return g_mime_text_part_get_text (GMIME_TEXT_PART (part));
}

static void
assert_crlf_only (GBytes *wire)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (wire, &size);
  gsize i;

  for (i = 0; i < size; i++)
    {
      if (data[i] == '\n')
        g_assert_true (i > 0 && data[i - 1] == '\r');
      if (data[i] == '\r')
        g_assert_true (i + 1 < size && data[i + 1] == '\n');
    }
}

static gboolean
contains (GBytes     *wire,
          const char *needle)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (wire, &size);

  return g_strstr_len (data, (gssize) size, needle) != NULL;
}

static void
test_headers_round_trip (void)
{
  g_autoptr(AwMessage) message = sample ();
  g_autoptr(GBytes) wire = NULL;
  g_autoptr(GMimeMessage) parsed = NULL;
  g_autofree char *body = NULL;
  InternetAddressList *from;
  InternetAddressMailbox *mailbox;
  const char *message_id;

  aw_message_set_cc (message, "hr@firma.example");
  aw_message_set_reply_to (message, "amelie.private@example.net");
  wire = aw_message_to_bytes (message, FALSE);
  g_assert_nonnull (wire);
  assert_crlf_only (wire);

  /* Non-ASCII goes as RFC 2047 encoded words, never raw */
  g_assert_false (contains (wire, "Schröder <"));
  g_assert_false (contains (wire, "für"));
  g_assert_true (contains (wire, "=?UTF-8?"));
  g_assert_true (contains (wire, "MIME-Version: 1.0"));
  g_assert_true (contains (wire, "charset=utf-8"));

  parsed = parse_wire (wire);
  g_assert_nonnull (parsed);
  g_assert_cmpstr (g_mime_message_get_subject (parsed), ==, GERMAN_SUBJECT);
  from = g_mime_message_get_from (parsed);
  g_assert_cmpint (internet_address_list_length (from), ==, 1);
  mailbox = INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (from, 0));
  g_assert_cmpstr (internet_address_get_name (INTERNET_ADDRESS (mailbox)), ==, FRENCH_NAME);
  g_assert_cmpstr (internet_address_mailbox_get_addr (mailbox), ==, "amelie@example.org");
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (g_mime_message_get_cc (parsed), 0))), ==, "hr@firma.example");
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (g_mime_message_get_reply_to (parsed), 0))), ==, "amelie.private@example.net");
  g_assert_nonnull (g_mime_message_get_date (parsed));

  message_id = aw_message_get_message_id (message);
  g_assert_nonnull (message_id);
  g_assert_true (g_str_has_suffix (message_id, "@example.org"));
  g_assert_cmpstr (g_mime_message_get_message_id (parsed), ==, message_id);

  body = decoded_body (parsed);
  g_assert_cmpstr (body, ==, "Liebe Frau Schröder,\r\n\r\nvielen Dank für Ihre Zeit.\r\n");
}

static void
test_message_id_and_date_are_stable (void)
{
  g_autoptr(AwMessage) message = sample ();
  g_autoptr(GBytes) first = aw_message_to_bytes (message, TRUE);
  g_autofree char *id = g_strdup (aw_message_get_message_id (message));
  g_autoptr(GBytes) second = aw_message_to_bytes (message, TRUE);

  g_assert_cmpstr (id, ==, aw_message_get_message_id (message));
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_transfer_encoding (void)
{
  g_autoptr(AwMessage) message = sample ();
  g_autoptr(GBytes) eight = NULL;
  g_autoptr(GBytes) seven = NULL;
  g_autoptr(GBytes) ascii = NULL;
  gboolean is_8bit = FALSE;

  eight = aw_message_build_wire (message, TRUE, &is_8bit, NULL);
  g_assert_true (is_8bit);
  g_assert_true (contains (eight, "Content-Transfer-Encoding: 8bit"));

  seven = aw_message_build_wire (message, FALSE, &is_8bit, NULL);
  g_assert_false (is_8bit);
  g_assert_true (contains (seven, "Content-Transfer-Encoding: quoted-printable"));
  {
    gsize i, size;
    const guint8 *data = g_bytes_get_data (seven, &size);

    for (i = 0; i < size; i++)
      g_assert_cmpuint (data[i], <, 0x80);
  }

  aw_message_set_body (message, "Dear Ms Smith,\n\nthank you for your time.\n");
  ascii = aw_message_build_wire (message, TRUE, &is_8bit, NULL);
  g_assert_false (is_8bit);
  g_assert_false (contains (ascii, "quoted-printable"));
}

static void
test_bcc_only_in_envelope (void)
{
  g_autoptr(AwMessage) message = sample ();
  g_autoptr(GBytes) wire = NULL;
  g_auto(GStrv) recipients = NULL;

  aw_message_set_to (message, "jana@firma.example, Team <team@firma.example>");
  aw_message_set_bcc (message, "me@example.org");
  wire = aw_message_to_bytes (message, TRUE);
  g_assert_false (contains (wire, "me@example.org"));
  g_assert_false (contains (wire, "Bcc"));

  recipients = aw_message_get_recipients (message);
  g_assert_cmpuint (g_strv_length (recipients), ==, 3);
  g_assert_cmpstr (recipients[0], ==, "jana@firma.example");
  g_assert_cmpstr (recipients[1], ==, "team@firma.example");
  g_assert_cmpstr (recipients[2], ==, "me@example.org");
}

/* The envelope carries every domain in its canonical ASCII form, Bcc included; the
 * headers keep an ASCII domain as written */
static void
test_envelope_addresses (void)
{
  g_autoptr(AwMessage) message = sample ();
  g_autoptr(GBytes) wire = NULL;
  g_autofree char *from = NULL;
  g_auto(GStrv) recipients = NULL;
  const char * const expected[] = { "jana@xn--bcher-kva.example", "team@firma.example",
                                    "jürgen@example.org", NULL };

  aw_message_set_from (message, FRENCH_NAME, "amelie@Example.ORG");
  aw_message_set_to (message, "jana@bücher.example, Team <team@Firma.Example>");
  aw_message_set_bcc (message, "jürgen@example.org");
  from = aw_message_dup_envelope_from (message);
  recipients = aw_message_dup_envelope_recipients (message);
  g_assert_cmpstr (from, ==, "amelie@example.org");
  g_assert_cmpstrv (recipients, expected);
  g_assert_true (aw_message_needs_smtputf8 (message));

  wire = aw_message_to_bytes (message, TRUE);
  g_assert_true (contains (wire, "team@Firma.Example"));
  g_assert_true (contains (wire, "jana@xn--bcher-kva.example"));
}

/* A message that passed is not checked again until a field changes */
static void
test_validated_once (void)
{
  g_autoptr(AwMessage) message = sample ();
  g_autoptr(GError) error = NULL;

  g_assert_true (aw_message_validate (message, &error));
  g_assert_true (aw_message_validate (message, &error));
  aw_message_set_to (message, "not an address");
  g_assert_false (aw_message_validate (message, &error));
  g_assert_error (error, AW_MESSAGE_ERROR, AW_MESSAGE_ERROR_TO);
  g_clear_error (&error);
  g_object_set (message, "to", "jana@firma.example", NULL);
  g_assert_true (aw_message_validate (message, &error));
  aw_message_set_subject (message, "line\nbreak");
  g_assert_false (aw_message_validate (message, &error));
  g_assert_error (error, AW_MESSAGE_ERROR, AW_MESSAGE_ERROR_SUBJECT);
}

static void
assert_invalid (AwMessage      *message,
                AwMessageError  field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wire = NULL;

  g_assert_false (aw_message_validate (message, &error));
  g_assert_error (error, AW_MESSAGE_ERROR, (int) field);
  g_assert_nonnull (strchr (error->message, ':'));
  wire = aw_message_to_bytes (message, TRUE);
  g_assert_null (wire);
}

static void
test_header_injection_is_refused (void)
{
  struct {
    const char *property;
    const char *value;
    AwMessageError field;
  } cases[] = {
    { "subject", "Thanks\r\nBcc: victim@example.com", AW_MESSAGE_ERROR_SUBJECT },
    { "subject", "Thanks\nX-Evil: 1", AW_MESSAGE_ERROR_SUBJECT },
    { "from-name", "Amélie\rX: y", AW_MESSAGE_ERROR_FROM_NAME },
    { "from-address", "amelie@example.org\r\nBcc: x@example.com", AW_MESSAGE_ERROR_FROM_ADDRESS },
    { "to", "jana@firma.example\r\nBcc: x@example.com", AW_MESSAGE_ERROR_TO },
    { "cc", "a@example.com\n", AW_MESSAGE_ERROR_CC },
    { "bcc", "a@example.com\r", AW_MESSAGE_ERROR_BCC },
    { "reply-to", "a@example.com\nb@example.com", AW_MESSAGE_ERROR_REPLY_TO },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AwMessage) message = sample ();

      g_object_set (message, cases[i].property, cases[i].value, NULL);
      assert_invalid (message, cases[i].field);
    }
}

static void
test_invalid_addresses (void)
{
  const char *bad[] = {
    "jana", "jana@", "@firma.example", "jana@firma", "jana@@firma.example",
    "jana smith@firma.example", ".jana@firma.example", "jana.@firma.example",
    "ja..na@firma.example", "jana@-firma.example", "jana@firma..example",
    "a@b.example c@d.example", "jana@firma.example>",
    NULL
  };
  const char *good[] = {
    "jana@firma.example", "Jana Schröder <jana@firma.example>", "j.o'neil+jobs@sub.firma.example",
    "jana@[192.0.2.1]", "jana@bücher.example", "\"Schröder, Jana\" <jana@firma.example>",
    NULL
  };
  int i;

  for (i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(AwMessage) message = sample ();

      aw_message_set_to (message, bad[i]);
      g_test_message ("bad: %s", bad[i]);
      assert_invalid (message, AW_MESSAGE_ERROR_TO);
    }
  for (i = 0; good[i] != NULL; i++)
    {
      g_autoptr(AwMessage) message = sample ();
      g_autoptr(GError) error = NULL;

      aw_message_set_to (message, good[i]);
      g_test_message ("good: %s", good[i]);
      g_assert_true (aw_message_validate (message, &error));
      g_assert_no_error (error);
    }
}

static void
test_missing_fields (void)
{
  g_autoptr(AwMessage) no_to = sample ();
  g_autoptr(AwMessage) no_from = sample ();
  g_autoptr(AwMessage) two_reply_to = sample ();

  aw_message_set_to (no_to, "  ");
  assert_invalid (no_to, AW_MESSAGE_ERROR_NO_RECIPIENT);
  aw_message_set_from (no_from, "Amélie", NULL);
  assert_invalid (no_from, AW_MESSAGE_ERROR_FROM_ADDRESS);
  aw_message_set_reply_to (two_reply_to, "a@example.com, b@example.com");
  assert_invalid (two_reply_to, AW_MESSAGE_ERROR_REPLY_TO);
}

static void
test_long_lines_never_exceed_998 (void)
{
  g_autoptr(AwMessage) message = sample ();
  g_autoptr(GString) body = g_string_new ("Intro\n");
  g_autoptr(GBytes) wire = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GMimeMessage) parsed = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(GError) error = NULL;
  int i;

  for (i = 0; i < 3000; i++)
    g_string_append_c (body, 'a' + i % 26);
  g_string_append (body, "\nEnd\n");
  aw_message_set_body (message, body->str);

  wire = aw_message_to_bytes (message, TRUE);
  data = aw_smtp_encode_data (wire, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);

  parsed = parse_wire (wire);
  decoded = decoded_body (parsed);
  {
    g_autofree char *expected = NULL;
    g_auto(GStrv) lines = g_strsplit (body->str, "\n", -1);

    expected = g_strjoinv ("\r\n", lines);
    g_assert_cmpstr (decoded, ==, expected);
  }
}

static void
test_encode_data (void)
{
  const char *input = "Subject: x\r\n\r\n.hidden\r\n.\r\nbare lf\nbare cr\rtrailing  \r\nlast";
  const char *expected = "Subject: x\r\n\r\n..hidden\r\n..\r\nbare lf\r\nbare cr\r\ntrailing  \r\nlast\r\n.\r\n";
  g_autoptr(GBytes) in = g_bytes_new_static (input, strlen (input));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = aw_smtp_encode_data (in, &error);
  g_autofree char *text = NULL;
  g_autoptr(GString) long_line = g_string_new ("Subject: x\r\n\r\n");
  g_autoptr(GBytes) too_long = NULL;
  g_autoptr(GBytes) refused = NULL;
  int i;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  g_assert_cmpstr (text, ==, expected);

  for (i = 0; i < 999; i++)
    g_string_append_c (long_line, 'x');
  too_long = g_bytes_new (long_line->str, long_line->len);
  refused = aw_smtp_encode_data (too_long, &error);
  g_assert_null (refused);
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_INVALID_MESSAGE);
}

static void
test_error_sentences (void)
{
  int code;

  for (code = AW_SMTP_ERROR_INVALID_MESSAGE; code <= AW_SMTP_ERROR_DELIVERY_UNCERTAIN; code++)
    {
      g_autoptr(GError) error = g_error_new_literal (AW_SMTP_ERROR, code, "raw");
      g_autofree char *sentence = aw_smtp_error_describe (error);

      g_assert_nonnull (sentence);
      /* invalid-message errors already name the field in their own text */
      if (code == AW_SMTP_ERROR_INVALID_MESSAGE)
        g_assert_cmpstr (sentence, ==, "raw");
      else
        g_assert_cmpuint (strlen (sentence), >, 40);
    }
}

static void
test_reply_codes_kept_in_error (void)
{
  const char *text = "534-5.7.9 Application-specific password required\r\n534 5.7.9 see help\r\n";
  g_autoptr(AwSmtpReply) reply = aw_smtp_reply_parse ((const guint8 *) text, strlen (text), NULL, NULL);
  g_autoptr(GError) error = aw_smtp_error_new_from_reply (AW_SMTP_ERROR_APP_PASSWORD_REQUIRED, reply, "x");
  g_autoptr(GError) copy = g_error_copy (error);

  g_assert_cmpint (aw_smtp_error_get_reply_code (error), ==, 534);
  g_assert_cmpstr (aw_smtp_error_get_enhanced_code (error), ==, "5.7.9");
  g_assert_cmpint (aw_smtp_error_get_reply_code (copy), ==, 534);
  g_assert_cmpstr (aw_smtp_error_get_enhanced_code (copy), ==, "5.7.9");
}

/* RFC 3676 4.2 reading, for what Afterword writes (quote depth 0, DelSp=no): a line
 * ending in a space joins the next one; one leading space is stuffing. */
static char *
unflow (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *lf = g_strdup (text);
  char *src, *dst;
  int i;

  for (src = dst = lf; *src != '\0'; src++)
    if (*src != '\r')
      *dst++ = *src;
  *dst = '\0';
  g_assert_true (g_str_has_suffix (lf, "\n"));
  lines = g_strsplit (lf, "\n", -1);
  for (i = 0; lines[i + 1] != NULL; i++)   /* the last one is after the final newline */
    {
      const char *line = lines[i];
      gsize len;

      /* stuffing leaves no quote marker or "From " at the start of a line */
      g_assert_false (line[0] == '>');
      g_assert_false (g_str_has_prefix (line, "From "));
      if (g_str_equal (line, "-- "))
        {
          g_string_append (out, "-- \n");
          continue;
        }
      if (line[0] == ' ')
        line++;
      len = strlen (line);
      g_string_append (out, line);
      if (len == 0 || line[len - 1] != ' ')
        g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_flowed_round_trip (const char *body,
                          const char *expected)
{
  gboolean eight_bit;

  for (eight_bit = FALSE; eight_bit <= TRUE; eight_bit++)
    {
      g_autoptr(AwMessage) message = sample ();
      g_autoptr(GBytes) wire = NULL;
      g_autoptr(GMimeMessage) parsed = NULL;
      g_autofree char *decoded = NULL;
      g_autofree char *unflowed = NULL;
      g_auto(GStrv) lines = NULL;
      GMimeObject *part;
      int i, soft = 0;

      aw_message_set_body (message, body);
      wire = aw_message_to_bytes (message, eight_bit);
      g_assert_nonnull (wire);
      parsed = parse_wire (wire);
      part = g_mime_message_get_mime_part (parsed);
      g_assert_cmpstr (g_mime_object_get_content_type_parameter (part, "format"), ==, "flowed");
      g_assert_cmpstr (g_mime_object_get_content_type_parameter (part, "delsp"), ==, "no");
      g_assert_cmpstr (g_mime_object_get_content_type_parameter (part, "charset"), ==, "utf-8");

      decoded = decoded_body (parsed);
      unflowed = unflow (decoded);
      g_assert_cmpstr (unflowed, ==, expected);

      /* no line longer than 78 characters, unless it is one word that cannot be broken */
      lines = g_strsplit (decoded, "\r\n", -1);
      for (i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *word = g_strstrip (g_strdup (lines[i]));

          if (g_str_has_suffix (lines[i], " ") && !g_str_equal (lines[i], "-- "))
            soft++;
          if (g_utf8_strlen (lines[i], -1) > 78)
            {
              g_test_message ("long line: %s", lines[i]);
              g_assert_null (strchr (word, ' '));
            }
        }
      if (strlen (body) > 200)
        g_assert_cmpint (soft, >, 0);
    }
}

static void
test_format_flowed (void)
{
  const char *paragraph =
    "Thank you for taking the time to talk with me about the Product Designer role last "
    "Tuesday. I enjoyed hearing how the team plans the next release, and I would welcome "
    "any feedback on my portfolio review, in particular on the case study about the "
    "booking flow. Please keep me in mind for future roles.";
  const char *german =
    "vielen Dank für das freundliche Gespräch über die Stelle als Produktdesignerin in "
    "Ihrem Team in Köln; über eine kurze Rückmeldung zu meiner Präsentation würde ich "
    "mich sehr freuen.";
  const char *url =
    "https://jobs.example.com/postings/2026/product-designer-berlin-remote-friendly?"
    "utm_source=newsletter&utm_medium=email&ref=0123456789abcdef0123456789abcdef";
  g_autofree char *line72 = g_strnfill (72, 'x');
  g_autofree char *body = NULL;
  g_autofree char *words72 = NULL;

  words72 = g_strdup_printf ("%.*s %.*s", 40, line72, 40, line72);
  body = g_strdup_printf ("Dear Dana,\n\n%s\n\n%s\n\nThe posting: %s (still open?)\n%s\n"
                          "From the start I liked the team.\n> not a quote\n  two spaces first\n"
                          "several   spaces   between   words   here   and   there   and   "
                          "again   and   again   to   pass   the   width\n"
                          "%s\n%s\n\nBest regards,\nSam\n-- \nSam Lee\n+49 30 1234567\n",
                          paragraph, german, url, url, line72, words72);
  assert_flowed_round_trip (body, body);

  /* Spaces at the end of a line would read as a soft break: they are dropped, the line
   * stays its own line; the signature separator keeps its space */
  assert_flowed_round_trip ("Best regards,   \nSam \n-- \nSam Lee", "Best regards,\nSam\n-- \nSam Lee\n");
  assert_flowed_round_trip ("", "\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/message/headers-round-trip", test_headers_round_trip);
  g_test_add_func ("/message/id-and-date-stable", test_message_id_and_date_are_stable);
  g_test_add_func ("/message/transfer-encoding", test_transfer_encoding);
  g_test_add_func ("/message/bcc-only-in-envelope", test_bcc_only_in_envelope);
  g_test_add_func ("/message/envelope-addresses", test_envelope_addresses);
  g_test_add_func ("/message/validated-once", test_validated_once);
  g_test_add_func ("/message/header-injection", test_header_injection_is_refused);
  g_test_add_func ("/message/invalid-addresses", test_invalid_addresses);
  g_test_add_func ("/message/missing-fields", test_missing_fields);
  g_test_add_func ("/message/long-lines", test_long_lines_never_exceed_998);
  g_test_add_func ("/message/format-flowed", test_format_flowed);
  g_test_add_func ("/message/encode-data", test_encode_data);
  g_test_add_func ("/message/error-sentences", test_error_sentences);
  g_test_add_func ("/message/reply-codes-in-error", test_reply_codes_kept_in_error);

  return g_test_run ();
}
