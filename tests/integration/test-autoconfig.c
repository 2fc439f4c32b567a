/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-autoconfig.c: server settings from the built-in table and from a real HTTPS server
 *
 * A SoupServer on 127.0.0.1 with a certificate from a CA made here with openssl serves
 * valid, broken, plain-only and slow config-v1.1.xml files, and real files of Thunderbird's
 * ISPDB (tests/data/ispdb/), whose outgoing server is checked against an independent
 * reader of the format (tests/tools/ispdb-expect.py). AW_TEST_ISPDB_DIR=<folder> runs that
 * comparison on another folder of files, e.g. a whole checkout of the ISPDB.
 */
#include "config.h"

#include <libsoup/soup.h>

#include "aw-autoconfig.h"
#include "aw-test-async.h"
#include "aw-test-http.h"

static GTlsDatabase *ca_database;
static SoupServer *server;
static guint server_port;
static GPtrArray *requests;
static char *ispdb_dir;

#define VALID_CONFIG \
  "<?xml version=\"1.0\"?>\n" \
  "<clientConfig version=\"1.1\">\n" \
  " <emailProvider id=\"%s\">\n" \
  "  <domain>%s</domain>\n" \
  "  <incomingServer type=\"imap\"><hostname>imap.%s</hostname><port>993</port>" \
  "<socketType>SSL</socketType></incomingServer>\n" \
  "  <outgoingServer type=\"smtp\">\n" \
  "   <hostname>%s.%s</hostname><port>%s</port><socketType>%s</socketType>\n" \
  "   <authentication>password-cleartext</authentication>\n" \
  "   <username>%%EMAILLOCALPART%%</username>\n" \
  "  </outgoingServer>\n" \
  " </emailProvider>\n" \
  "</clientConfig>\n"

static char *
valid_config (const char *domain,
              const char *host_prefix,
              const char *port,
              const char *socket_type)
{
  return g_strdup_printf (VALID_CONFIG, domain, domain, domain, host_prefix, domain, port,
                          socket_type);
}

/* Paths are /<step>/<domain>/…: what each test domain does at each step. */
static void
handle (SoupServer        *server_,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", 3);
  const char *step = parts[0];
  const char *domain = parts[0] != NULL ? parts[1] : NULL;
  const char *email = query != NULL ? g_hash_table_lookup (query, "emailaddress") : NULL;
  g_autofree char *body = NULL;

  if (step != NULL && g_str_equal (step, "ispdb-file") && domain != NULL)
    {
      /* /ispdb-file/<file name>/<domain>: a real ISPDB file, byte for byte */
      g_autofree char *name = g_uri_unescape_string (domain, NULL);
      g_autofree char *file = NULL;
      gsize length = 0;

      if (name != NULL && name[0] != '.' && strchr (name, '/') == NULL)
        file = g_build_filename (ispdb_dir, name, NULL);
      if (file != NULL && g_file_get_contents (file, &body, &length, NULL))
        aw_test_http_respond (message, "application/xml", body, length);
      else
        soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  g_ptr_array_add (requests, g_strdup_printf ("%s %s%s", step, domain,
                                              email != NULL ? " with-address" : ""));
  if (domain == NULL)
    ;
  else if (g_str_equal (domain, "provider.test") && g_str_equal (step, "provider"))
    body = valid_config (domain, "out", "465", "SSL");
  else if (g_str_equal (domain, "ispdb.test") && g_str_equal (step, "well-known"))
    body = g_strdup ("<clientConfig><emailProvider><outgoingServer type=\"smtp\"><hostname>");
  else if (g_str_equal (domain, "ispdb.test") && g_str_equal (step, "ispdb"))
    body = valid_config (domain, "smtp", "587", "STARTTLS");
  else if (g_str_equal (domain, "plain.test") && g_str_equal (step, "provider"))
    body = valid_config (domain, "smtp", "25", "plain");
  else if (g_str_equal (domain, "plain.test") && g_str_equal (step, "well-known"))
    body = valid_config (domain, "submit", "465", "SSL");
  else if (g_str_equal (domain, "slow.test") && g_str_equal (step, "provider"))
    {
      aw_test_http_answer_later (message, 4, SOUP_STATUS_NOT_FOUND, NULL, NULL);
      return;
    }
  else if (g_str_equal (domain, "slow.test") && g_str_equal (step, "well-known"))
    body = valid_config (domain, "mail", "465", "SSL");

  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  aw_test_http_respond (message, "application/xml", body, -1);
}

static void
start_server (void)
{
  server = aw_test_http_start (TRUE, handle);
  server_port = aw_test_http_port (server);
  ca_database = aw_test_http_ca_database ();
  requests = g_ptr_array_new_with_free_func (g_free);
}

static AwAutoconfig *
make_autoconfig (const char *scheme)
{
  g_autofree char *provider = g_strdup_printf ("%s://127.0.0.1:%u/provider/{domain}/config-v1.1.xml",
                                               scheme, server_port);
  g_autofree char *well_known = g_strdup_printf ("https://127.0.0.1:%u/well-known/{domain}/config-v1.1.xml",
                                                 server_port);
  g_autofree char *ispdb = g_strdup_printf ("https://127.0.0.1:%u/ispdb/{domain}", server_port);

  g_ptr_array_set_size (requests, 0);
  return g_object_new (AW_TYPE_AUTOCONFIG,
                       "provider-url", provider,
                       "well-known-url", well_known,
                       "ispdb-url", ispdb,
                       "use-dns", FALSE,
                       "use-guesses", FALSE,
                       "tls-database", ca_database,
                       "timeout", 1,
                       NULL);
}

static AwAccount *
detect (AwAutoconfig        *autoconfig,
        const char          *address,
        GCancellable        *cancellable,
        AwAutoconfigSource  *source,
        GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_autoconfig_detect_async (autoconfig, address, cancellable, aw_test_async_done, &result);
  aw_test_async_wait (&result);
  return aw_autoconfig_detect_finish (autoconfig, result, source, NULL, NULL, error);
}

/* Detects @address; it must be found at @source, on @host */
static AwAccount *
detect_found (AwAutoconfig       *autoconfig,
              const char         *address,
              AwAutoconfigSource  source,
              const char         *host)
{
  g_autoptr(GError) error = NULL;
  AwAutoconfigSource found_at = AW_AUTOCONFIG_N_SOURCES;
  AwAccount *account = detect (autoconfig, address, NULL, &found_at, &error);

  g_assert_no_error (error);
  g_assert_cmpint (found_at, ==, source);
  g_assert_cmpstr (aw_account_get_host (account), ==, host);
  return account;
}

static char *
joined_requests (void)
{
  g_ptr_array_add (requests, NULL);
  g_ptr_array_set_size (requests, requests->len - 1);
  return g_strjoinv (", ", (char **) requests->pdata);
}

static void
test_provider_file_wins (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("https");
  g_autoptr(AwAccount) account = NULL;
  g_autofree char *seen = NULL;

  account = detect_found (autoconfig, "sam.lee@provider.test", AW_AUTOCONFIG_SOURCE_PROVIDER,
                          "out.provider.test");
  g_assert_cmpuint (aw_account_get_port (account), ==, 465);
  g_assert_cmpint (aw_account_get_security (account), ==, AW_ACCOUNT_SECURITY_TLS);
  g_assert_cmpstr (aw_account_get_username (account), ==, "sam.lee");
  seen = joined_requests ();
  g_assert_cmpstr (seen, ==, "provider provider.test with-address");
}

static void
test_order_broken_then_ispdb (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("https");
  g_autoptr(AwAccount) account = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *steps = NULL;

  account = detect_found (autoconfig, "sam@ispdb.test", AW_AUTOCONFIG_SOURCE_ISPDB,
                          "smtp.ispdb.test");
  g_assert_cmpint (aw_account_get_security (account), ==, AW_ACCOUNT_SECURITY_STARTTLS);
  /* 404, then a broken file, then the ISPDB, which never gets the address */
  seen = joined_requests ();
  g_assert_cmpstr (seen, ==, "provider ispdb.test with-address, well-known ispdb.test with-address, "
                             "ispdb ispdb.test");
  steps = g_strjoinv (",", (char **) aw_autoconfig_get_trace (autoconfig));
  g_assert_cmpstr (steps, ==, "builtin,provider,well-known,ispdb");
}

static void
test_plain_is_never_used (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("https");
  g_autoptr(AwAccount) account = NULL;

  account = detect_found (autoconfig, "sam@plain.test", AW_AUTOCONFIG_SOURCE_WELL_KNOWN,
                          "submit.plain.test");
}

static void
test_slow_server_times_out (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("https");
  g_autoptr(AwAccount) account = NULL;
  gint64 start = g_get_monotonic_time ();

  account = detect_found (autoconfig, "sam@slow.test", AW_AUTOCONFIG_SOURCE_WELL_KNOWN,
                          "mail.slow.test");
  /* the 1 s timeout, not the server's 4 s delay */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3500 * 1000);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("https");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AwAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (autoconfig, "timeout", 30, NULL);
  g_timeout_add (200, cancel_soon, cancellable);
  account = detect (autoconfig, "sam@slow.test", cancellable, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_not_found_and_http_refused (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("http");
  g_autoptr(AwAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;

  account = detect (autoconfig, "sam@provider.test", NULL, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_NOT_FOUND);
  /* the http:// provider URL was never requested */
  seen = joined_requests ();
  g_assert_cmpstr (seen, ==, "well-known provider.test with-address, ispdb provider.test");
  g_clear_error (&error);

  account = detect (autoconfig, "not-an-address", NULL, NULL, &error);
  g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_ADDRESS);
  g_clear_error (&error);
  account = detect (autoconfig, "sam@evil.test/../x?y", NULL, NULL, &error);
  g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_ADDRESS);
}

static void
test_builtin_table (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("https");
  g_autoptr(AwAccount) gmail = NULL;
  g_autoptr(AwAccount) outlook = NULL;
  g_autoptr(AwAccount) webde = NULL;
  g_autoptr(AwAccount) unknown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *outlook_name = NULL;
  g_autofree char *sentence = NULL;
  AwAutoconfigNote note = AW_AUTOCONFIG_NOTE_NONE;
  AwAutoconfigSource source;
  const char *expected[][4] = {
    { "a@gmail.com", "smtp.gmail.com", "465", "tls" },
    { "a@yahoo.com", "smtp.mail.yahoo.com", "465", "tls" },
    { "a@icloud.com", "smtp.mail.me.com", "587", "starttls" },
    { "a@gmx.de", "mail.gmx.net", "465", "tls" },
    { "a@web.de", "smtp.web.de", "587", "starttls" },
    { "a@orange.fr", "smtp.orange.fr", "465", "tls" },
    { "a@free.fr", "smtp.free.fr", "465", "tls" },
    { "a@libero.it", "smtp.libero.it", "465", "tls" },
    { "a@uol.com.br", "smtps.uol.com.br", "587", "starttls" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(AwAccount) account = aw_autoconfig_lookup_builtin (expected[i][0], NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (account);
      g_assert_cmpstr (aw_account_get_host (account), ==, expected[i][1]);
      g_assert_cmpuint (aw_account_get_port (account), ==, atoi (expected[i][2]));
      g_assert_cmpstr (aw_account_security_to_string (aw_account_get_security (account)), ==,
                       expected[i][3]);
      g_assert_null (aw_account_get_username (account));
      g_assert_cmpstr (aw_account_get_login (account), ==, expected[i][0]);
    }

  /* through detect: the table wins and no request goes out */
  gmail = detect (autoconfig, "Sam@GMail.com", NULL, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, AW_AUTOCONFIG_SOURCE_BUILTIN);
  g_assert_cmpuint (requests->len, ==, 0);
  g_clear_object (&gmail);
  gmail = aw_autoconfig_lookup_builtin ("sam@googlemail.com", &note, &name, &error);
  g_assert_cmpstr (name, ==, "Gmail");
  g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_APP_PASSWORD);
  sentence = aw_autoconfig_note_describe (note, name);
  g_assert_true (g_str_has_prefix (sentence, "Gmail needs an app password"));

  outlook = aw_autoconfig_lookup_builtin ("sam@hotmail.com", &note, &outlook_name, &error);
  g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_OAUTH);
  g_assert_cmpstr (aw_account_get_host (outlook), ==, "smtp-mail.outlook.com");

  webde = aw_autoconfig_lookup_builtin ("sam@web.de", &note, NULL, &error);
  g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_NONE);

  unknown = aw_autoconfig_lookup_builtin ("sam@example.org", &note, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (unknown);
}

static void
test_parse_config (void)
{
  static const char oauth_only[] =
    "<clientConfig><emailProvider id=\"x\"><outgoingServer type=\"smtp\">"
    "<hostname>smtp.%EMAILDOMAIN%</hostname><port>587</port><socketType>STARTTLS</socketType>"
    "<authentication>OAuth2</authentication><username>%EMAILADDRESS%</username>"
    "</outgoingServer></emailProvider></clientConfig>";
  static const char preferences[] =
    "<clientConfig><emailProvider id=\"x\">"
    "<outgoingServer type=\"exchange\"><hostname>ews.x.test</hostname><port>443</port>"
    "<socketType>SSL</socketType></outgoingServer>"
    "<outgoingServer type=\"smtp\"><hostname>bad port</hostname><port>99999</port>"
    "<socketType>SSL</socketType></outgoingServer>"
    "<outgoingServer type=\"smtp\"><hostname>smtp.x.test</hostname><port>70000</port>"
    "<socketType>SSL</socketType></outgoingServer>"
    "<outgoingServer type=\"smtp\"><hostname>gssapi.x.test</hostname><port>465</port>"
    "<socketType>SSL</socketType><authentication>GSSAPI</authentication></outgoingServer>"
    "<outgoingServer type=\"smtp\"><hostname> smtp2.x.test </hostname><port>465</port>"
    "<socketType>SSL</socketType><authentication>password-encrypted</authentication>"
    "</outgoingServer></emailProvider></clientConfig>";
  static const char entity[] =
    "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
    "<clientConfig><emailProvider><outgoingServer type=\"smtp\"><hostname>&e;</hostname>"
    "<port>465</port><socketType>SSL</socketType></outgoingServer></emailProvider></clientConfig>";
  g_autoptr(AwAccount) oauth = NULL;
  g_autoptr(AwAccount) picked = NULL;
  g_autoptr(AwAccount) none = NULL;
  g_autoptr(GError) error = NULL;
  AwAutoconfigNote note = AW_AUTOCONFIG_NOTE_NONE;

  oauth = aw_autoconfig_parse_config (oauth_only, strlen (oauth_only), "kim@corp.test", &note, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_account_get_host (oauth), ==, "smtp.corp.test");
  g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_OAUTH);
  g_assert_null (aw_account_get_username (oauth));

  picked = aw_autoconfig_parse_config (preferences, strlen (preferences), "kim@x.test", &note, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_account_get_host (picked), ==, "smtp2.x.test");
  g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_NONE);

  /* external entities are not loaded */
  none = aw_autoconfig_parse_config (entity, strlen (entity), "kim@x.test", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG);
  g_clear_error (&error);

  /* the host is checked after the placeholders are filled in (found by fuzz-autoconfig) */
  {
    static const char address_in_host[] =
      "<clientConfig><emailProvider><outgoingServer type=\"smtp\">"
      "<hostname>s%EMAILADDRESS%.rg</hostname><port>465</port><socketType>SSL</socketType>"
      "</outgoingServer></emailProvider></clientConfig>";

    g_assert_null (aw_autoconfig_parse_config (address_in_host, strlen (address_in_host),
                                               "kim@x.test", NULL, &error));
    g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG);
    g_clear_error (&error);
  }

  g_assert_null (aw_autoconfig_parse_config ("", 0, "kim@x.test", NULL, &error));
  g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG);
  g_clear_error (&error);
  g_assert_null (aw_autoconfig_parse_config ("<html>", 6, "kim@x.test", NULL, &error));
  g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG);
}

/* ---- what the real ISPDB and providers' own files hold (issue 13) ---- */

/* A config file with the given <outgoingServer> elements. */
static AwAccount *
parse_servers (const char        *servers,
               const char        *address,
               AwAutoconfigNote  *note,
               GError           **error)
{
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">"
                                          "<emailProvider id=\"x.test\"><domain>x.test</domain>"
                                          "%s</emailProvider></clientConfig>\n", servers);

  return aw_autoconfig_parse_config (xml, strlen (xml), address, note, error);
}

#define SERVER(host, port, socket_type, auth) \
  "<outgoingServer type=\"smtp\"><hostname>" host "</hostname><port>" port "</port>" \
  "<socketType>" socket_type "</socketType>" auth "<username>%EMAILADDRESS%</username>" \
  "</outgoingServer>"
#define AUTH(method) "<authentication>" method "</authentication>"

static char *
one_server (const char *host,
            const char *port,
            const char *socket_type,
            const char *method)
{
  return g_strconcat ("<outgoingServer type=\"smtp\"><hostname>", host, "</hostname><port>", port,
                      "</port><socketType>", socket_type, "</socketType><authentication>",
                      method, "</authentication><username>%EMAILADDRESS%</username>"
                      "</outgoingServer>", NULL);
}

static void
test_older_auth_values (void)
{
  /* "plain" (a password in clear, over TLS) and "secure" (an encrypted password), as in
   * gmail.com and bluewin.ch of the ISPDB's history and in providers' own files */
  const char *methods[] = { "plain", "secure", "password-cleartext", "password-encrypted" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *servers = one_server ("smtp.x.test", "465", "SSL", methods[i]);
      g_autoptr(AwAccount) account = NULL;
      g_autoptr(GError) error = NULL;
      AwAutoconfigNote note = AW_AUTOCONFIG_NOTE_OAUTH;

      account = parse_servers (servers, "kim@x.test", &note, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (aw_account_get_host (account), ==, "smtp.x.test");
      g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_NONE);
    }
}

static void
test_no_auth_values (void)
{
  /* the server knows the client by its address, or by a POP login just before: nothing
   * to send, so this is no authentication, as "none" */
  const char *methods[] = { "client-IP-address", "smtp-after-pop", "none" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *server = one_server ("smtp.x.test", "587", "STARTTLS", methods[i]);
      g_autofree char *filled = g_strconcat (SERVER ("gssapi.x.test", "465", "SSL", AUTH ("GSSAPI")),
                                             server, NULL);
      g_autoptr(AwAccount) account = NULL;
      g_autoptr(GError) error = NULL;
      AwAutoconfigNote note = AW_AUTOCONFIG_NOTE_OAUTH;

      account = parse_servers (filled, "kim@x.test", &note, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (aw_account_get_host (account), ==, "smtp.x.test");
      g_assert_cmpint (aw_account_get_security (account), ==, AW_ACCOUNT_SECURITY_STARTTLS);
      g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_NONE);
    }
}

static void
test_password_over_oauth_only (void)
{
  static const char oauth_first[] =
    SERVER ("oauth.x.test", "465", "SSL", AUTH ("OAuth2"))
    SERVER ("oauth2.x.test", "587", "STARTTLS", AUTH ("OAuth2"))
    SERVER ("password.x.test", "587", "STARTTLS", AUTH ("password-cleartext"))
    SERVER ("later.x.test", "465", "SSL", AUTH ("none"));
  static const char only_oauth[] =
    SERVER ("plain.x.test", "25", "plain", AUTH ("password-cleartext"))
    SERVER ("oauth.x.test", "465", "SSL", AUTH ("OAuth2"))
    SERVER ("oauth2.x.test", "587", "STARTTLS", AUTH ("OAuth2"));
  static const char both_in_one[] =
    SERVER ("both.x.test", "465", "SSL", AUTH ("OAuth2") AUTH ("password-cleartext"))
    SERVER ("password.x.test", "587", "STARTTLS", AUTH ("password-cleartext"));
  g_autoptr(AwAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  AwAutoconfigNote note = AW_AUTOCONFIG_NOTE_NONE;

  /* a password server further down wins over OAuth2-only servers above it */
  account = parse_servers (oauth_first, "kim@x.test", &note, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_account_get_host (account), ==, "password.x.test");
  g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_NONE);
  g_clear_object (&account);

  /* with OAuth2-only servers alone, the first of them, and the note says so */
  account = parse_servers (only_oauth, "kim@x.test", &note, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_account_get_host (account), ==, "oauth.x.test");
  g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_OAUTH);
  g_clear_object (&account);

  /* a server that takes OAuth2 or a password is a password server: the first one */
  note = AW_AUTOCONFIG_NOTE_OAUTH;
  account = parse_servers (both_in_one, "kim@x.test", &note, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_account_get_host (account), ==, "both.x.test");
  g_assert_cmpint (note, ==, AW_AUTOCONFIG_NOTE_NONE);
}

static void
test_every_socket_type (void)
{
  static const char plain_then_ssl[] =
    "<outgoingServer type=\"smtp\"><hostname>smtp.x.test</hostname><port>465</port>"
    "<socketType>plain</socketType><socketType>SSL</socketType>"
    "<authentication>password-cleartext</authentication></outgoingServer>";
  static const char unknown_then_starttls[] =
    "<outgoingServer type=\"smtp\"><hostname>smtp.x.test</hostname><port>587</port>"
    "<socketType>STARTSSL</socketType><socketType>STARTTLS</socketType>"
    "<socketType>SSL</socketType><authentication>password-cleartext</authentication>"
    "</outgoingServer>";
  static const char plain_only[] =
    "<outgoingServer type=\"smtp\"><hostname>smtp.x.test</hostname><port>587</port>"
    "<socketType>plain</socketType><socketType>STARTSSL</socketType>"
    "<authentication>password-cleartext</authentication></outgoingServer>";
  g_autoptr(AwAccount) ssl = NULL;
  g_autoptr(AwAccount) starttls = NULL;
  g_autoptr(AwAccount) none = NULL;
  g_autoptr(GError) error = NULL;

  ssl = parse_servers (plain_then_ssl, "kim@x.test", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aw_account_get_security (ssl), ==, AW_ACCOUNT_SECURITY_TLS);

  /* the first encrypted one, in the file's order */
  starttls = parse_servers (unknown_then_starttls, "kim@x.test", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aw_account_get_security (starttls), ==, AW_ACCOUNT_SECURITY_STARTTLS);

  none = parse_servers (plain_only, "kim@x.test", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG);
}

static void
test_auth_required_and_dns_names_only (void)
{
  const char *refused[] = {
    /* no <authentication> at all */
    "<outgoingServer type=\"smtp\"><hostname>noauth.x.test</hostname><port>465</port>"
    "<socketType>SSL</socketType></outgoingServer>",
    /* an empty one, or one Afterword cannot do */
    SERVER ("empty.x.test", "465", "SSL", AUTH ("")),
    SERVER ("ntlm.x.test", "465", "SSL", AUTH ("NTLM") AUTH ("TLS-client-cert")),
    /* loopback and IP literals: the ISPDB once held protonmail.com's Bridge on 127.0.0.1 */
    SERVER ("127.0.0.1", "1025", "STARTTLS", AUTH ("password-cleartext")),
    SERVER ("10.0.0.25", "465", "SSL", AUTH ("password-cleartext")),
    SERVER ("::1", "465", "SSL", AUTH ("password-cleartext")),
    SERVER ("[::1]", "465", "SSL", AUTH ("password-cleartext")),
    SERVER ("localhost", "465", "SSL", AUTH ("password-cleartext")),
    SERVER ("LocalHost.", "465", "SSL", AUTH ("password-cleartext")),
    SERVER ("smtp.localhost", "465", "SSL", AUTH ("password-cleartext")),
    /* what the resolver reads as 127.0.0.1 all the same */
    SERVER ("2130706433", "465", "SSL", AUTH ("password-cleartext")),
    SERVER ("127.1", "465", "SSL", AUTH ("password-cleartext")),
    SERVER ("0x7f.1", "465", "SSL", AUTH ("password-cleartext")),
    SERVER ("0x7f000001", "465", "SSL", AUTH ("password-cleartext")),
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *servers = g_strconcat (refused[i],
                                              SERVER ("good.x.test", "587", "STARTTLS",
                                                      AUTH ("password-cleartext")), NULL);
      g_autoptr(AwAccount) alone = NULL;
      g_autoptr(AwAccount) next = NULL;
      g_autoptr(GError) error = NULL;

      alone = parse_servers (refused[i], "kim@x.test", NULL, &error);
      if (alone != NULL)
        g_error ("accepted: %s", refused[i]);
      g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG);
      g_clear_error (&error);

      /* the next server of the file is used instead */
      next = parse_servers (servers, "kim@x.test", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (aw_account_get_host (next), ==, "good.x.test");
    }

  /* names that only look like addresses are names */
  {
    g_autoptr(AwAccount) account = NULL;
    g_autoptr(GError) error = NULL;

    account = parse_servers (SERVER ("smtp1.163.com", "465", "SSL", AUTH ("password-cleartext")),
                             "kim@x.test", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (aw_account_get_host (account), ==, "smtp1.163.com");
  }
}

static void
test_unknown_placeholders_blanked (void)
{
  const char *cases[][2] = {
    /* <username>, the user-name field afterwards (NULL: empty, the address is the login) */
    { "%USERNAME%", NULL },                         /* tugraz.at in the ISPDB's history */
    { "%REALNAME%", NULL },
    { "%EMAILLOCALPART%%DOMAINSUFFIX%", "kim" },
    { "%EMAILLOCALPART%.%EMAILDOMAIN%", "kim.x.test" },
    { "%EMAILADDRESS%", NULL },
    { "corp\\%EMAILLOCALPART%", "corp\\kim" },
    { "50%off", "50%off" },                        /* a lone % is text */
    { "%emailaddress%", NULL },                     /* the names are upper case */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *servers = g_strdup_printf (
        "<outgoingServer type=\"smtp\"><hostname>smtp.x.test</hostname><port>465</port>"
        "<socketType>SSL</socketType><authentication>password-cleartext</authentication>"
        "<username>%s</username></outgoingServer>", cases[i][0]);
      g_autoptr(AwAccount) account = NULL;
      g_autoptr(GError) error = NULL;

      account = parse_servers (servers, "kim@x.test", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (aw_account_get_username (account), ==, cases[i][1]);
    }

  /* text from the address is not read again as a placeholder */
  {
    g_autoptr(AwAccount) account = NULL;
    g_autoptr(GError) error = NULL;

    account = parse_servers ("<outgoingServer type=\"smtp\"><hostname>smtp.x.test</hostname>"
                             "<port>465</port><socketType>SSL</socketType>"
                             "<authentication>password-cleartext</authentication>"
                             "<username>%EMAILLOCALPART%</username></outgoingServer>",
                             "a%EMAILDOMAIN%b@x.test", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (aw_account_get_username (account), ==, "a%EMAILDOMAIN%b");
  }

  /* in a host name an unknown placeholder is not guessed at: that server is refused */
  {
    g_autoptr(AwAccount) account = NULL;
    g_autoptr(GError) error = NULL;

    account = parse_servers (SERVER ("smtp.%ISPDOMAIN%", "465", "SSL", AUTH ("password-cleartext")),
                             "kim@x.test", NULL, &error);
    g_assert_null (account);
    g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG);
  }
}

static void
test_host_names_lower_cased (void)
{
  g_autoptr(AwAccount) account = NULL;
  g_autoptr(AwAccount) placeholder = NULL;
  g_autoptr(GError) error = NULL;

  account = parse_servers (SERVER ("SMTP.Mail.X.Test", "465", "SSL", AUTH ("password-cleartext")),
                           "kim@x.test", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_account_get_host (account), ==, "smtp.mail.x.test");

  placeholder = parse_servers (SERVER ("Mail.%EMAILDOMAIN%", "465", "SSL", AUTH ("password-cleartext")),
                               "Kim@X.Test", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_account_get_host (placeholder), ==, "mail.x.test");
}

/* ---- real ISPDB files against an independent reader ---- */

/* "gmail.com.xml", "gmail.com@0123abcdef.xml" and "gmail.com" all stand for gmail.com,
 * as in tests/tools/ispdb-expect.py. */
static char *
domain_of_file (const char *name)
{
  g_autofree char *domain = g_strdup (name);
  char *at = strchr (domain, '@');

  if (at != NULL)
    *at = '\0';
  if (g_str_has_suffix (domain, ".xml"))
    domain[strlen (domain) - 4] = '\0';
  return g_ascii_strdown (domain, -1);
}

/* The line tests/tools/ispdb-expect.py prints for what Afterword picked. */
static char *
describe_pick (const char       *name,
               AwAccount        *account,
               AwAutoconfigNote  note)
{
  if (account == NULL)
    return g_strdup_printf ("%s\t-", name);
  return g_strdup_printf ("%s\t%s\t%u\t%s\t%s\t%s", name, aw_account_get_host (account),
                          aw_account_get_port (account),
                          aw_account_security_to_string (aw_account_get_security (account)),
                          aw_account_get_username (account) != NULL
                          ? aw_account_get_username (account) : "",
                          note == AW_AUTOCONFIG_NOTE_OAUTH ? "oauth" : "none");
}

static GHashTable *
expected_picks (GPtrArray *names)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = 0;

  g_ptr_array_add (argv, g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                         ? g_strdup ("/usr/bin/python3") : g_find_program_in_path ("python3"));
  g_assert_nonnull (argv->pdata[0]);
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "tools", "ispdb-expect.py", NULL));
  g_ptr_array_add (argv, g_strdup ("sam.lee"));
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (argv, g_build_filename (ispdb_dir, names->pdata[i], NULL));
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &output, &errors, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ispdb-expect.py failed: %s", errors);

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab = strchr (lines[i], '\t');

      if (tab != NULL)
        g_hash_table_insert (expected, g_strndup (lines[i], tab - lines[i]), g_strdup (lines[i]));
    }
  return expected;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
ispdb_files (void)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (ispdb_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (ispdb_dir, name, NULL);

      if (name[0] != '.' && !g_str_has_prefix (name, "README") &&
          g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
test_ispdb_files (void)
{
  g_autoptr(GPtrArray) names = ispdb_files ();
  g_autoptr(GHashTable) expected = NULL;
  guint parsed_agree = 0, fetched_agree = 0, usable = 0, not_a_domain = 0;

  g_assert_cmpuint (names->len, >, 0);
  expected = expected_picks (names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *domain = domain_of_file (name);
      g_autofree char *address = g_strdup_printf ("sam.lee@%s", domain);
      g_autofree char *path = g_build_filename (ispdb_dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *parsed = NULL;
      g_autofree char *fetched = NULL;
      g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
      g_autofree char *none = g_strdup_printf ("https://127.0.0.1:%u/none/{domain}", server_port);
      g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/ispdb-file/%s/{domain}",
                                              server_port, escaped);
      g_autoptr(AwAutoconfig) autoconfig = NULL;
      g_autoptr(AwAccount) account = NULL;
      g_autoptr(AwAccount) detected = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      AwAutoconfigNote note = AW_AUTOCONFIG_NOTE_NONE;
      AwAutoconfigSource source = AW_AUTOCONFIG_N_SOURCES;
      const char *want = g_hash_table_lookup (expected, name);
      gsize length = 0;

      g_assert_nonnull (want);

      /* 1. the parser on the bytes */
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      account = aw_autoconfig_parse_config (contents, length, address, &note, &error);
      g_assert_true ((account != NULL) != (error != NULL));
      g_clear_error (&error);
      parsed = describe_pick (name, account, note);
      if (g_str_equal (parsed, want))
        parsed_agree++;
      else
        g_test_message ("parsed  %s\nexpected %s", parsed, want);
      usable += account != NULL;

      /* 2. the same file served as the ISPDB's answer over real HTTPS, through detect;
       * a few ISPDB files are templates named for no domain ("oxcloud-eu.xml") */
      if (strchr (domain, '.') == NULL)
        {
          not_a_domain++;
          continue;
        }
      autoconfig = g_object_new (AW_TYPE_AUTOCONFIG,
                                 "provider-url", none, "well-known-url", none, "ispdb-url", url,
                                 "use-builtin", FALSE, "use-dns", FALSE, "use-guesses", FALSE,
                                 "tls-database", ca_database, "timeout", 5, NULL);
      note = AW_AUTOCONFIG_NOTE_NONE;
      aw_autoconfig_detect_async (autoconfig, address, NULL, aw_test_async_done, &result);
      aw_test_async_wait (&result);
      detected = aw_autoconfig_detect_finish (autoconfig, result, &source, &note, NULL, &error);
      if (detected != NULL)
        g_assert_cmpint (source, ==, AW_AUTOCONFIG_SOURCE_ISPDB);
      if (detected == NULL &&
          !g_error_matches (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_NOT_FOUND))
        fetched = g_strdup_printf ("%s\terror: %s", name, error->message);
      else
        fetched = describe_pick (name, detected, note);
      if (g_str_equal (fetched, want))
        fetched_agree++;
      else
        g_test_message ("fetched %s\nexpected %s", fetched, want);
    }

  g_test_message ("ISPDB files in %s: %u; parsed: %u agree; fetched over HTTPS: %u of %u "
                  "agree; %u with a usable outgoing server",
                  ispdb_dir, names->len, parsed_agree, fetched_agree,
                  names->len - not_a_domain, usable);
  g_assert_cmpuint (parsed_agree, ==, names->len);
  g_assert_cmpuint (fetched_agree, ==, names->len - not_a_domain);
  g_assert_cmpuint (usable, >, 0);
}

static void
test_srv_then_guesses_in_order (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("https");
  g_autoptr(AwAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *steps = NULL;

  /* .invalid never resolves (RFC 6761): every step runs and misses, in the order of the
   * issue, with real DNS and real connection attempts. */
  g_object_set (autoconfig, "use-dns", TRUE, "use-guesses", TRUE, NULL);
  account = detect (autoconfig, "sam@nothing.invalid", NULL, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_NOT_FOUND);
  steps = g_strjoinv (",", (char **) aw_autoconfig_get_trace (autoconfig));
  g_assert_cmpstr (steps, ==, "builtin,provider,well-known,ispdb,"
                              "srv:_submissions._tcp,srv:_submission._tcp,"
                              "guess:smtp.nothing.invalid:465,guess:smtp.nothing.invalid:587,"
                              "guess:mail.nothing.invalid:465,guess:mail.nothing.invalid:587");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The isolated XDG folders hide GNOME's proxy settings schema: no proxy here. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  start_server ();
  ispdb_dir = g_strdup (g_getenv ("AW_TEST_ISPDB_DIR"));
  if (ispdb_dir == NULL)
    ispdb_dir = g_test_build_filename (G_TEST_DIST, "data", "ispdb", NULL);

  g_test_add_func ("/autoconfig/builtin-table", test_builtin_table);
  g_test_add_func ("/autoconfig/parse-config", test_parse_config);
  g_test_add_func ("/autoconfig/provider-file-wins", test_provider_file_wins);
  g_test_add_func ("/autoconfig/order-broken-then-ispdb", test_order_broken_then_ispdb);
  g_test_add_func ("/autoconfig/plain-is-never-used", test_plain_is_never_used);
  g_test_add_func ("/autoconfig/slow-server-times-out", test_slow_server_times_out);
  g_test_add_func ("/autoconfig/cancel", test_cancel);
  g_test_add_func ("/autoconfig/not-found-and-http-refused", test_not_found_and_http_refused);
  g_test_add_func ("/autoconfig/older-auth-values", test_older_auth_values);
  g_test_add_func ("/autoconfig/no-auth-values", test_no_auth_values);
  g_test_add_func ("/autoconfig/password-over-oauth-only", test_password_over_oauth_only);
  g_test_add_func ("/autoconfig/every-socket-type", test_every_socket_type);
  g_test_add_func ("/autoconfig/auth-required-and-dns-names-only",
                   test_auth_required_and_dns_names_only);
  g_test_add_func ("/autoconfig/unknown-placeholders-blanked", test_unknown_placeholders_blanked);
  g_test_add_func ("/autoconfig/host-names-lower-cased", test_host_names_lower_cased);
  g_test_add_func ("/autoconfig/ispdb-files", test_ispdb_files);
  g_test_add_func ("/autoconfig/srv-then-guesses-in-order", test_srv_then_guesses_in_order);

  status = g_test_run ();

  aw_test_http_stop (server);
  g_ptr_array_unref (requests);
  g_free (ispdb_dir);
  return status;
}
