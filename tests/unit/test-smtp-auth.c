/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-smtp-auth.c: the SMTP AUTH mechanisms and the EHLO capabilities, without a server
 */
#include "config.h"

#include <string.h>

#include "aw-smtp-auth.h"
#include "aw-smtp-capabilities.h"

/* The capabilities of an EHLO reply whose extension lines are @lines */
static AwSmtpCapabilities *
capabilities_of (const char * const *lines)
{
  AwSmtpCapabilities *capabilities = aw_smtp_capabilities_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  AwSmtpReply reply = { 250, NULL, NULL };

  g_ptr_array_add (all, (gpointer) "mail.example greets you");
  for (; *lines != NULL; lines++)
    g_ptr_array_add (all, (gpointer) *lines);
  g_ptr_array_add (all, NULL);
  reply.lines = (char **) all->pdata;
  aw_smtp_capabilities_parse (capabilities, &reply);
  return capabilities;
}

/* The base64 text @encoded, decoded, as a string of @length bytes */
static char *
decode (const char *encoded,
        gsize      *length)
{
  return (char *) g_base64_decode (encoded, length);
}

static void
test_capabilities (void)
{
  const char * const lines[] = { "PIPELINING", "size 35882577", "AUTH PLAIN", "AUTH=LOGIN",
                                 " 8BITMIME ", "", NULL };
  g_autoptr(AwSmtpCapabilities) capabilities = capabilities_of (lines);
  g_auto(GStrv) dup = aw_smtp_capabilities_dup_lines (capabilities);
  const char * const expected[] = { "PIPELINING", "SIZE 35882577", "AUTH PLAIN", "AUTH LOGIN",
                                    "8BITMIME", NULL };

  g_assert_true (aw_smtp_capabilities_has (capabilities, "PIPELINING"));
  g_assert_true (aw_smtp_capabilities_has (capabilities, "8BITMIME"));
  g_assert_false (aw_smtp_capabilities_has (capabilities, "STARTTLS"));
  g_assert_cmpstr (aw_smtp_capabilities_get_params (capabilities, "SIZE"), ==, "35882577");
  g_assert_cmpstr (aw_smtp_capabilities_get_params (capabilities, "PIPELINING"), ==, "");
  /* Both AUTH lines add up */
  g_assert_true (aw_smtp_capabilities_has_auth (capabilities, "plain"));
  g_assert_true (aw_smtp_capabilities_has_auth (capabilities, "LOGIN"));
  g_assert_false (aw_smtp_capabilities_has_auth (capabilities, "XOAUTH2"));
  g_assert_cmpstrv (dup, expected);

  aw_smtp_capabilities_clear (capabilities);
  g_assert_false (aw_smtp_capabilities_has (capabilities, "PIPELINING"));
  g_assert_false (aw_smtp_capabilities_has_auth (capabilities, "PLAIN"));
}

static void
test_choose_mechanism (void)
{
  const char * const all[] = { "AUTH CRAM-MD5 LOGIN PLAIN XOAUTH2", NULL };
  const char * const login_cram[] = { "AUTH CRAM-MD5 LOGIN", NULL };
  const char * const cram[] = { "AUTH CRAM-MD5", NULL };
  const char * const none[] = { "AUTH GSSAPI NTLM", NULL };
  g_autoptr(AwSmtpCapabilities) every = capabilities_of (all);
  g_autoptr(AwSmtpCapabilities) two = capabilities_of (login_cram);
  g_autoptr(AwSmtpCapabilities) one = capabilities_of (cram);
  g_autoptr(AwSmtpCapabilities) unusable = capabilities_of (none);

  /* A password: PLAIN, then LOGIN, then CRAM-MD5; never XOAUTH2 */
  g_assert_cmpstr (aw_smtp_auth_choose_mechanism (every, FALSE), ==, "PLAIN");
  g_assert_cmpstr (aw_smtp_auth_choose_mechanism (two, FALSE), ==, "LOGIN");
  g_assert_cmpstr (aw_smtp_auth_choose_mechanism (one, FALSE), ==, "CRAM-MD5");
  g_assert_null (aw_smtp_auth_choose_mechanism (unusable, FALSE));
  /* A token: XOAUTH2 or nothing */
  g_assert_cmpstr (aw_smtp_auth_choose_mechanism (every, TRUE), ==, "XOAUTH2");
  g_assert_null (aw_smtp_auth_choose_mechanism (two, TRUE));
}

/* RFC 4616: "AUTH PLAIN" and base64 of NUL user NUL password, the line hidden in logs */
static void
test_plain (void)
{
  g_autofree char *log_line = NULL;
  g_autofree char *line = aw_smtp_auth_initial_command ("PLAIN", "jana", "pässwort", &log_line);
  g_autofree char *decoded = NULL;
  gsize length = 0;

  g_assert_true (g_str_has_prefix (line, "AUTH PLAIN "));
  decoded = decode (line + strlen ("AUTH PLAIN "), &length);
  g_assert_cmpmem (decoded, length, "\0jana\0pässwort", strlen ("pässwort") + 6);
  g_assert_cmpstr (log_line, ==, "AUTH PLAIN <hidden>");
  g_assert_null (strstr (log_line, "jana"));
  /* Nothing more to say: a further 334 is answered with "*" by the session */
  g_assert_null (aw_smtp_auth_answer ("PLAIN", 1, "", "jana", "pässwort"));
}

static void
test_xoauth2 (void)
{
  g_autofree char *log_line = NULL;
  g_autofree char *line = aw_smtp_auth_initial_command ("XOAUTH2", "jana@example.org", "ya29.token",
                                                        &log_line);
  g_autofree char *decoded = NULL;
  g_autofree char *empty = NULL;
  gsize length = 0;

  g_assert_true (g_str_has_prefix (line, "AUTH XOAUTH2 "));
  decoded = decode (line + strlen ("AUTH XOAUTH2 "), &length);
  g_assert_cmpmem (decoded, length, "user=jana@example.org\001auth=Bearer ya29.token\001\001",
                   strlen ("user=jana@example.org\001auth=Bearer ya29.token\001\001"));
  g_assert_cmpstr (log_line, ==, "AUTH XOAUTH2 <hidden>");
  /* The server's JSON error comes as a 334: an empty answer asks for the final 535 */
  empty = aw_smtp_auth_answer ("XOAUTH2", 1, "eyJzdGF0dXMiOiI0MDEifQ==", "jana@example.org", "ya29.token");
  g_assert_cmpstr (empty, ==, "");
  g_assert_null (aw_smtp_auth_answer ("XOAUTH2", 2, "", "jana@example.org", "ya29.token"));
}

static void
test_login (void)
{
  g_autofree char *log_line = NULL;
  g_autofree char *line = aw_smtp_auth_initial_command ("LOGIN", "jana", "secret", &log_line);
  g_autofree char *user = aw_smtp_auth_answer ("LOGIN", 1, "VXNlcm5hbWU6", "jana", "secret");
  g_autofree char *password = aw_smtp_auth_answer ("LOGIN", 2, "UGFzc3dvcmQ6", "jana", "secret");

  /* The line holds no secret: it may be logged as it is */
  g_assert_cmpstr (line, ==, "AUTH LOGIN");
  g_assert_null (log_line);
  g_assert_cmpstr (user, ==, "amFuYQ==");
  g_assert_cmpstr (password, ==, "c2VjcmV0");
  g_assert_null (aw_smtp_auth_answer ("LOGIN", 3, "", "jana", "secret"));
}

/* The example of RFC 2195 section 2 */
static void
test_cram_md5 (void)
{
  g_autofree char *log_line = NULL;
  g_autofree char *line = aw_smtp_auth_initial_command ("CRAM-MD5", "tim", "tanstaaftanstaaf", &log_line);
  g_autofree char *answer =
    aw_smtp_auth_answer ("CRAM-MD5", 1, "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+",
                         "tim", "tanstaaftanstaaf");

  g_assert_cmpstr (line, ==, "AUTH CRAM-MD5");
  g_assert_null (log_line);
  g_assert_cmpstr (answer, ==, "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
  g_assert_null (aw_smtp_auth_answer ("CRAM-MD5", 2, "", "tim", "tanstaaftanstaaf"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/smtp-auth/capabilities", test_capabilities);
  g_test_add_func ("/smtp-auth/choose-mechanism", test_choose_mechanism);
  g_test_add_func ("/smtp-auth/plain", test_plain);
  g_test_add_func ("/smtp-auth/xoauth2", test_xoauth2);
  g_test_add_func ("/smtp-auth/login", test_login);
  g_test_add_func ("/smtp-auth/cram-md5", test_cram_md5);

  return g_test_run ();
}
