/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-address.c: the one address check: what it accepts is exactly one mailbox
 */
#include "config.h"

#include "aw-address.h"

static void
test_valid (void)
{
  static const char *good[] = {
    "a@b.co", "dana.weber+jobs@example.com", "x_y@sub.example.org", "jörg@bücher.de",
    "j.o'neil+jobs@sub.firma.example", "jana@xn--bcher-kva.example", "jana@[192.0.2.1]",
    "jana@[IPv6:2001:db8::1]", "JANA@FIRMA.EXAMPLE", "用户@例子.广告",
  };
  static const char *bad[] = {
    "", "jana", "jana@", "@firma.example", "jana@firma", "jana@@firma.example",
    "jana smith@firma.example", ".jana@firma.example", "jana.@firma.example",
    "ja..na@firma.example", "jana@-firma.example", "jana@firma..example",
    "jana@.firma.example", "jana@firma.example.", "jana@firma_x.example",
    "<jana@firma.example>", "jana@firma.example>", "Jana <jana@firma.example>",
    "jana@fir ma.example", "jana@[192.0.2.1", "jana@[1.2.3]", "jana@[2001:db8::1]",
    /* lists */
    "jana@firma.example, evil@attacker.example", "jana@firma.example,evil@attacker.example",
    "jana@firma.example;evil@attacker.example", "a@b.example c@d.example",
    /* quoted local parts, with and without a comma */
    "\"jana\"@firma.example", "\"jana,evil\"@firma.example", "\"evil@attacker.example,\"@firma.example",
    /* groups */
    "team:jana@firma.example;", "undisclosed-recipients:;",
    /* header and command injection */
    "jana@firma.example\r\nRCPT TO:<evil@attacker.example>", "jana@firma.example\n",
    "jana@firma.example\r", "jana\t@firma.example", "jana@firma.example\x7f",
    /* Unicode controls, separators and bidi overrides */
    "jana\xc2\x85@firma.example", "jana\xe2\x80\xa8@firma.example", "jana@firma.example\xe2\x80\xae",
    "jana\xe2\x81\xa6@firma.example", "jana\xc2\xa0@firma.example", "jana@bü cher.example",
    /* not UTF-8 */
    "jana\xff@firma.example",
  };
  g_autofree char *long_local = g_strnfill (65, 'a');
  g_autofree char *long_local_ok = g_strnfill (64, 'a');
  g_autofree char *long_label = g_strnfill (64, 'b');
  g_autofree char *too_long = NULL;
  g_autofree char *address = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("good: %s", good[i]);
      g_assert_true (aw_address_is_valid (good[i]));
    }
  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *escaped = NULL;

      g_test_message ("bad: %s", escaped = g_strescape (bad[i], NULL));
      g_assert_false (aw_address_is_valid (bad[i]));
    }
  g_assert_false (aw_address_is_valid (NULL));

  address = g_strdup_printf ("%s@firma.example", long_local);
  g_assert_false (aw_address_is_valid (address));
  g_clear_pointer (&address, g_free);
  address = g_strdup_printf ("%s@firma.example", long_local_ok);
  g_assert_true (aw_address_is_valid (address));
  g_clear_pointer (&address, g_free);
  address = g_strdup_printf ("jana@%s.example", long_label);
  g_assert_false (aw_address_is_valid (address));
  too_long = g_strdup_printf ("jana@%s.%s.%s.%s.example", long_label + 1, long_label + 1,
                              long_label + 1, long_label + 1);
  g_assert_false (aw_address_is_valid (too_long));
}

static void
assert_single (const char *text,
               const char *address,
               const char *name)
{
  g_autofree char *parsed_name = NULL;
  g_autofree char *parsed = aw_address_parse_single (text, &parsed_name);

  g_test_message ("single: %s", text);
  g_assert_cmpstr (parsed, ==, address);
  g_assert_cmpstr (parsed_name, ==, name);
}

static void
test_parse_single (void)
{
  static const char *bad[] = {
    "", "   ", "Jana", "Jana <>", "<>", "Jana <jana@firma.example",
    "Jana jana@firma.example>", "\"unterminated <jana@firma.example>",
    /* a second address, in every wrapping */
    "jana@firma.example, evil@attacker.example",
    "<jana@firma.example, evil@attacker.example>",
    "Jana <jana@firma.example, evil@attacker.example>",
    "\"Jana Novak\" <jana@firma.example,evil@attacker.example>",
    "Jana <jana@firma.example>, Evil <evil@attacker.example>",
    "<jana@firma.example>, <evil@attacker.example>",
    "Jana <jana@firma.example> evil@attacker.example",
    "\"Jana\" <jana@firma.example> <evil@attacker.example>",
    "Jana <jana@firma.example><evil@attacker.example>",
    "evil@attacker.example <jana@firma.example>",
    "Jana, evil@attacker.example <jana@firma.example>",
    "\"Jana\" evil@attacker.example <jana@firma.example>",
    /* quoted local parts with commas */
    "\"jana,evil@attacker.example\"@firma.example",
    "Jana <\"jana, evil\"@firma.example>",
    /* groups */
    "Team: jana@firma.example, evil@attacker.example;",
    "Team: <jana@firma.example>;", "undisclosed-recipients:;",
    /* CR/LF injection */
    "Jana <jana@firma.example>\r\nBcc: evil@attacker.example",
    "jana@firma.example\r\nRCPT TO:<evil@attacker.example>",
    "\"Jana\r\nBcc: evil@attacker.example\" <jana@firma.example>",
    "Jana\n <jana@firma.example>",
    /* Unicode controls in the name */
    "Jana\xe2\x80\xae <jana@firma.example>", "\"Jana\xc2\x9b\" <jana@firma.example>",
  };
  guint i;

  assert_single ("jana@firma.example", "jana@firma.example", NULL);
  assert_single ("  jana@firma.example ", "jana@firma.example", NULL);
  assert_single ("<jana@firma.example>", "jana@firma.example", NULL);
  assert_single ("Jana Schröder <jana@firma.example>", "jana@firma.example", "Jana Schröder");
  assert_single ("\"Schröder, Jana\" <jana@firma.example>", "jana@firma.example", "Schröder, Jana");
  assert_single ("\"Jana \\\"JJ\\\" <Novak>\" <jana@firma.example>", "jana@firma.example",
                 "Jana \"JJ\" <Novak>");
  assert_single ("\"evil@attacker.example, x\" <jana@firma.example>", "jana@firma.example",
                 "evil@attacker.example, x");
  assert_single ("Jana <jana@bücher.example>", "jana@bücher.example", "Jana");
  assert_single ("Jana <jana@[192.0.2.1]>", "jana@[192.0.2.1]", "Jana");

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *address = aw_address_parse_single (bad[i], &name);
      g_autofree char *escaped = NULL;

      g_test_message ("bad single: %s", escaped = g_strescape (bad[i], NULL));
      g_assert_null (address);
      g_assert_null (name);
    }
  g_assert_null (aw_address_parse_single (NULL, NULL));
}

static void
test_split_list (void)
{
  g_auto(GStrv) two = aw_address_split_list ("jana@firma.example, \"Doe, Jane\" <jane@x.example>");
  g_auto(GStrv) quoted = aw_address_split_list ("\"a,b\"@x.example");
  g_auto(GStrv) angled = aw_address_split_list ("<a@b.example, c@d.example>");
  g_auto(GStrv) blanks = aw_address_split_list (" , a@b.example ,, ");
  g_auto(GStrv) empty = aw_address_split_list ("");
  g_auto(GStrv) none = aw_address_split_list (NULL);
  g_auto(GStrv) escaped = aw_address_split_list ("\"a\\\", b\" <a@b.example>, c@d.example");

  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpstr (two[0], ==, "jana@firma.example");
  g_assert_cmpstr (two[1], ==, "\"Doe, Jane\" <jane@x.example>");
  g_assert_cmpuint (g_strv_length (quoted), ==, 1);
  g_assert_cmpuint (g_strv_length (angled), ==, 1);
  g_assert_cmpuint (g_strv_length (blanks), ==, 1);
  g_assert_cmpstr (blanks[0], ==, "a@b.example");
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (escaped), ==, 2);
  g_assert_cmpstr (escaped[1], ==, "c@d.example");

  g_assert_null (aw_address_split_list ("\"unterminated, a@b.example"));
  g_assert_null (aw_address_split_list ("a@b.example>"));
  g_assert_null (aw_address_split_list ("<<a@b.example>>"));
  g_assert_null (aw_address_split_list ("Jana <a@b.example"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/address/valid", test_valid);
  g_test_add_func ("/address/parse-single", test_parse_single);
  g_test_add_func ("/address/split-list", test_split_list);

  return g_test_run ();
}
