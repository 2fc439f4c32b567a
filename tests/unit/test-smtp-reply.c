/* test-smtp-reply.c: the SMTP reply parser on whole, partial and broken input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "aw-smtp-error.h"
#include "aw-smtp-reply.h"

static AwSmtpReply *
parse (const char *text,
       gsize      *consumed,
       GError    **error)
{
  return aw_smtp_reply_parse ((const guint8 *) text, strlen (text), consumed, error);
}

static void
test_single_line (void)
{
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;
  g_autoptr(AwSmtpReply) reply = parse ("250 OK\r\n", &consumed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpint (reply->code, ==, 250);
  g_assert_null (reply->enhanced_code);
  g_assert_cmpuint (g_strv_length (reply->lines), ==, 1);
  g_assert_cmpstr (reply->lines[0], ==, "OK");
  g_assert_cmpuint (consumed, ==, 8);
}

static void
test_multi_line (void)
{
  const char *ehlo = "250-mail.example.org Hello\r\n250-PIPELINING\r\n250-SIZE 35882577\r\n"
                     "250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n";
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;
  g_autoptr(AwSmtpReply) reply = parse (ehlo, &consumed, &error);

  g_assert_no_error (error);
  g_assert_cmpint (reply->code, ==, 250);
  g_assert_cmpuint (g_strv_length (reply->lines), ==, 5);
  g_assert_cmpstr (reply->lines[0], ==, "mail.example.org Hello");
  g_assert_cmpstr (reply->lines[2], ==, "SIZE 35882577");
  g_assert_cmpstr (reply->lines[4], ==, "8BITMIME");
  g_assert_cmpuint (consumed, ==, strlen (ehlo));
}

static void
test_enhanced_code (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwSmtpReply) reply = parse ("534-5.7.9 Application-specific password required.\r\n"
                                        "534 5.7.9 Learn more at https://example.com\r\n",
                                        NULL, &error);
  g_autoptr(AwSmtpReply) mismatch = NULL;
  g_autoptr(AwSmtpReply) data = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (reply->code, ==, 534);
  g_assert_cmpstr (reply->enhanced_code, ==, "5.7.9");
  g_assert_cmpstr (reply->lines[0], ==, "Application-specific password required.");
  g_assert_cmpstr (reply->lines[1], ==, "Learn more at https://example.com");
  text = aw_smtp_reply_to_string (reply);
  g_assert_cmpstr (text, ==, "534 5.7.9 Application-specific password required. Learn more at https://example.com");

  /* The class digit must match the reply: "2.0.0" in a 550 is just text */
  mismatch = parse ("550 2.0.0 odd\r\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (mismatch->enhanced_code);
  g_assert_cmpstr (mismatch->lines[0], ==, "2.0.0 odd");

  /* 3xx replies carry no enhanced code */
  data = parse ("354 2.0.0 go ahead\r\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (data->enhanced_code);
}

static void
test_incomplete (void)
{
  const char *parts[] = { "", "2", "250", "250-first\r\n", "250-first\r\n250 la", NULL };
  int i;

  for (i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize consumed = 99;
      g_autoptr(AwSmtpReply) reply = parse (parts[i], &consumed, &error);

      g_assert_null (reply);
      g_assert_no_error (error);
      g_assert_cmpuint (consumed, ==, 0);
    }
}

static void
test_two_replies_in_one_buffer (void)
{
  const char *text = "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n354 go\r\n";
  gsize offset = 0;
  int codes[] = { 250, 250, 354 };
  int i;

  for (i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize consumed = 0;
      g_autoptr(AwSmtpReply) reply =
        aw_smtp_reply_parse ((const guint8 *) text + offset, strlen (text) - offset, &consumed, &error);

      g_assert_no_error (error);
      g_assert_cmpint (reply->code, ==, codes[i]);
      offset += consumed;
    }
  g_assert_cmpuint (offset, ==, strlen (text));
}

static void
test_bare_lf_and_code_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwSmtpReply) lf = parse ("220 hello\n", NULL, &error);
  g_autoptr(AwSmtpReply) bare = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (lf->lines[0], ==, "hello");

  bare = parse ("250\r\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bare->code, ==, 250);
  g_assert_cmpstr (bare->lines[0], ==, "");
}

static void
test_malformed (void)
{
  const char *bad[] = {
    "hello\r\n",
    "25x OK\r\n",
    "650 no such class\r\n",
    "190 no such class\r\n",
    "260 bad second digit\r\n",
    "250_OK\r\n",
    "250-one\r\n251 two\r\n",
    NULL
  };
  int i;

  for (i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwSmtpReply) reply = parse (bad[i], NULL, &error);

      g_assert_null (reply);
      g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL);
    }
}

static void
test_limits (void)
{
  g_autoptr(GString) text = g_string_new ("250 ");
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwSmtpReply) reply = NULL;
  int i;

  /* An endless line is refused even before its end arrives */
  for (i = 0; i < AW_SMTP_REPLY_MAX_LINE + 10; i++)
    g_string_append_c (text, 'x');
  reply = aw_smtp_reply_parse ((const guint8 *) text->str, text->len, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL);
  g_clear_error (&error);

  for (i = 0; i < AW_SMTP_REPLY_MAX_LINES + 1; i++)
    g_string_append (many, "250-x\r\n");
  g_string_append (many, "250 end\r\n");
  reply = aw_smtp_reply_parse ((const guint8 *) many->str, many->len, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL);
}

static void
test_text_is_clean (void)
{
  const char text[] = "550 bad \x01\x1b[31m \xff\xfe text\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AwSmtpReply) reply =
    aw_smtp_reply_parse ((const guint8 *) text, sizeof text - 1, NULL, &error);
  const char *p;

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (reply->lines[0], -1, NULL));
  for (p = reply->lines[0]; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
}

/* C1 controls, bidi overrides and isolates, and line/paragraph separators from a server
 * must not reach an error sentence: they could reorder or hide its words. */
static void
test_text_has_no_unicode_controls (void)
{
  static const gunichar bad[] = {
    0x80, 0x85, 0x9b, 0x9f, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
    0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029, 0x061c,
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char utf8[7] = { 0 };
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(AwSmtpReply) reply = NULL;
      const char *p;

      g_unichar_to_utf8 (bad[i], utf8);
      text = g_strdup_printf ("554 5.7.1 refused%sgnp.exe\r\n", utf8);
      reply = aw_smtp_reply_parse ((const guint8 *) text, strlen (text), NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (reply);
      for (p = reply->lines[0]; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_cmpuint (g_utf8_get_char (p), !=, bad[i]);
      g_assert_cmpstr (reply->lines[0], ==, "refused gnp.exe");
    }

  /* Letters outside ASCII stay as they are */
  {
    const char text[] = "550 Empf\xc3\xa4nger unbekannt \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\r\n";
    g_autoptr(AwSmtpReply) reply =
      aw_smtp_reply_parse ((const guint8 *) text, sizeof text - 1, NULL, NULL);

    g_assert_cmpstr (reply->lines[0], ==, "Empf\xc3\xa4nger unbekannt \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
  }
}

/* A legal reply of about 250 KiB (127 non-last lines at the line limit), the most the
 * client accepts. */
static GString *
huge_reply (void)
{
  GString *text = g_string_new (NULL);
  int i;

  for (i = 0; i < AW_SMTP_REPLY_MAX_LINES - 1; i++)
    {
      g_string_append_printf (text, "250-X-FILLER-%03d ", i);
      while (text->len % 2049 != 2047)
        g_string_append_c (text, 'x');
      g_string_append (text, "\r\n");
    }
  g_string_append (text, "250 8BITMIME\r\n");
  return text;
}

/* Fed 4 bytes at a time, as 4-byte TLS records arrive, the reply comes out whole and
 * every byte is looked at a bounded number of times: linear, not quadratic. */
static void
test_incremental_tiny_chunks (void)
{
  g_autoptr(GString) text = huge_reply ();
  g_autoptr(AwSmtpReplyParser) parser = aw_smtp_reply_parser_new ();
  g_autoptr(AwSmtpReply) reply = NULL;
  gsize offset;

  g_assert_cmpuint (text->len, >, 250 * 1024);
  for (offset = 0; offset < text->len; offset += 4)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (reply);
      aw_smtp_reply_parser_push (parser, (const guint8 *) text->str + offset,
                                 MIN (4, text->len - offset));
      reply = aw_smtp_reply_parser_next (parser, &error);
      g_assert_no_error (error);
    }
  g_assert_nonnull (reply);
  g_assert_cmpint (reply->code, ==, 250);
  g_assert_cmpuint (g_strv_length (reply->lines), ==, AW_SMTP_REPLY_MAX_LINES);
  g_assert_true (g_str_has_prefix (reply->lines[0], "X-FILLER-000 xxx"));
  g_assert_cmpuint (strlen (reply->lines[0]), ==, 2047 - 4);
  g_assert_cmpstr (reply->lines[AW_SMTP_REPLY_MAX_LINES - 1], ==, "8BITMIME");
  g_assert_cmpuint (aw_smtp_reply_parser_get_pending (parser), ==, 0);

  g_test_message ("%" G_GSIZE_FORMAT " bytes in 4-byte pieces: %" G_GUINT64_FORMAT " examined",
                  text->len, aw_smtp_reply_parser_get_bytes_examined (parser));
  g_assert_cmpuint (aw_smtp_reply_parser_get_bytes_examined (parser), <=, 3 * text->len);
}

/* Replies one after another in one piece come out one by one; what is left is pending. */
static void
test_incremental_pending (void)
{
  const char *text = "250 2.1.0 Sender OK\r\n354 go\r\n250 extra";
  g_autoptr(AwSmtpReplyParser) parser = aw_smtp_reply_parser_new ();
  g_autoptr(AwSmtpReply) first = NULL;
  g_autoptr(AwSmtpReply) second = NULL;
  g_autoptr(AwSmtpReply) third = NULL;
  g_autoptr(GError) error = NULL;

  aw_smtp_reply_parser_push (parser, (const guint8 *) text, strlen (text));
  g_assert_cmpuint (aw_smtp_reply_parser_get_pending (parser), ==, strlen (text));
  first = aw_smtp_reply_parser_next (parser, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->code, ==, 250);
  g_assert_cmpstr (first->enhanced_code, ==, "2.1.0");
  g_assert_cmpuint (aw_smtp_reply_parser_get_pending (parser), ==, strlen ("354 go\r\n250 extra"));
  second = aw_smtp_reply_parser_next (parser, &error);
  g_assert_cmpint (second->code, ==, 354);
  g_assert_cmpuint (aw_smtp_reply_parser_get_pending (parser), ==, strlen ("250 extra"));
  g_assert_null (aw_smtp_reply_parser_next (parser, &error));
  g_assert_no_error (error);
  aw_smtp_reply_parser_push (parser, (const guint8 *) "\r\n", 2);
  third = aw_smtp_reply_parser_next (parser, &error);
  g_assert_cmpstr (third->lines[0], ==, "extra");
  g_assert_cmpuint (aw_smtp_reply_parser_get_pending (parser), ==, 0);
}

/* Whatever the pieces, the incremental parser hands out exactly what the parser of one
 * buffer does, errors included. */
static void
check_same_in_pieces (const char *text,
                      gsize       length,
                      gsize       piece)
{
  g_autoptr(AwSmtpReplyParser) parser = aw_smtp_reply_parser_new ();
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GError) error = NULL;
  gsize offset = 0, fed = 0;

  for (;;)
    {
      g_autoptr(AwSmtpReply) expected = NULL;
      g_autoptr(AwSmtpReply) got = NULL;
      gsize consumed = 0;

      expected = aw_smtp_reply_parse ((const guint8 *) text + offset, length - offset,
                                      &consumed, &whole_error);
      while (got == NULL && error == NULL)
        {
          got = aw_smtp_reply_parser_next (parser, &error);
          if (got == NULL && error == NULL)
            {
              gsize n = MIN (piece, length - fed);

              if (n == 0)
                break;
              aw_smtp_reply_parser_push (parser, (const guint8 *) text + fed, n);
              fed += n;
            }
        }
      if (expected == NULL)
        {
          g_assert_null (got);
          if (whole_error != NULL)
            g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_PROTOCOL);
          else
            g_assert_no_error (error);
          return;
        }
      g_assert_no_error (error);
      g_assert_nonnull (got);
      g_assert_cmpint (got->code, ==, expected->code);
      g_assert_cmpstr (got->enhanced_code, ==, expected->enhanced_code);
      g_assert_cmpstrv (got->lines, expected->lines);
      offset += consumed;
      g_assert_cmpuint (aw_smtp_reply_parser_get_pending (parser), ==, fed - offset);
    }
}

static void
test_incremental_same_as_whole (void)
{
  const char *inputs[] = {
    "250-mail.example.org Hello\r\n250-PIPELINING\r\n250 8BITMIME\r\n354 go\r\n",
    "534-5.7.9 Application-specific password required.\r\n534 5.7.9 Learn more\r\n",
    "220 hello\n250\r\n550 2.0.0 odd\r\n",
    "250-one\r\n251 two\r\n",
    "250 fine\r\nhello\r\n",
    "250 fine\r\n25",
    "",
  };
  gsize pieces[] = { 1, 2, 3, 4, 7, 64, 4096 };
  g_autoptr(GString) long_line = g_string_new ("250 fine\r\n250 ");
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) huge = huge_reply ();
  guint i, j;

  while (long_line->len < AW_SMTP_REPLY_MAX_LINE + 20)
    g_string_append_c (long_line, 'x');
  for (i = 0; i < AW_SMTP_REPLY_MAX_LINES + 1; i++)
    g_string_append (many, "250-x\r\n");
  g_string_append (many, "250 end\r\n");

  for (j = 0; j < G_N_ELEMENTS (pieces); j++)
    {
      for (i = 0; i < G_N_ELEMENTS (inputs); i++)
        check_same_in_pieces (inputs[i], strlen (inputs[i]), pieces[j]);
      check_same_in_pieces (long_line->str, long_line->len, pieces[j]);
      check_same_in_pieces (many->str, many->len, pieces[j]);
      check_same_in_pieces (huge->str, huge->len, pieces[j]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/smtp-reply/single-line", test_single_line);
  g_test_add_func ("/smtp-reply/multi-line", test_multi_line);
  g_test_add_func ("/smtp-reply/enhanced-code", test_enhanced_code);
  g_test_add_func ("/smtp-reply/incomplete", test_incomplete);
  g_test_add_func ("/smtp-reply/two-replies", test_two_replies_in_one_buffer);
  g_test_add_func ("/smtp-reply/bare-lf-and-code-only", test_bare_lf_and_code_only);
  g_test_add_func ("/smtp-reply/malformed", test_malformed);
  g_test_add_func ("/smtp-reply/limits", test_limits);
  g_test_add_func ("/smtp-reply/text-is-clean", test_text_is_clean);
  g_test_add_func ("/smtp-reply/text-has-no-unicode-controls", test_text_has_no_unicode_controls);
  g_test_add_func ("/smtp-reply/incremental/tiny-chunks", test_incremental_tiny_chunks);
  g_test_add_func ("/smtp-reply/incremental/pending", test_incremental_pending);
  g_test_add_func ("/smtp-reply/incremental/same-as-whole", test_incremental_same_as_whole);

  return g_test_run ();
}
