/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-autoconfig.c: server settings from the built-in table and from a real HTTPS server
 *
 * A SoupServer on 127.0.0.1 with a certificate from a CA made here with openssl serves
 * valid, broken, plain-only and slow config-v1.1.xml files.
 */
#include "config.h"

#include <libsoup/soup.h>

#include "aw-autoconfig.h"

static char *tmp_dir;
static GTlsDatabase *ca_database;
static SoupServer *server;
static guint server_port;
static GPtrArray *requests;

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

static gboolean
unpause_later (gpointer data)
{
  SoupServerMessage *message = data;

  soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_unpause (message);
  g_object_unref (message);
  return G_SOURCE_REMOVE;
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
      soup_server_message_pause (message);
      g_timeout_add_seconds (4, unpause_later, g_object_ref (message));
      return;
    }
  else if (g_str_equal (domain, "slow.test") && g_str_equal (step, "well-known"))
    body = valid_config (domain, "mail", "465", "SSL");

  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/xml", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
run_openssl (const char *command)
{
  g_autofree char *line = g_strdup_printf ("sh -c 'cd %s && %s'", tmp_dir, command);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (line, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  GSList *uris;

  tmp_dir = g_dir_make_tmp ("aw-autoconfig-XXXXXX", &error);
  g_assert_no_error (error);
  run_openssl ("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=AfterwordTestCA "
               "-keyout ca.key -out ca.pem -addext basicConstraints=critical,CA:TRUE "
               "-addext keyUsage=critical,keyCertSign >/dev/null 2>&1");
  run_openssl ("openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key "
               "-out server.csr >/dev/null 2>&1");
  run_openssl ("printf \"subjectAltName=DNS:localhost,IP:127.0.0.1\\n\" > san.ext && "
               "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
               "-days 2 -extfile san.ext -out server.pem >/dev/null 2>&1");

  ca = g_build_filename (tmp_dir, "ca.pem", NULL);
  cert = g_build_filename (tmp_dir, "server.pem", NULL);
  key = g_build_filename (tmp_dir, "server.key", NULL);
  ca_database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                                           SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  server_port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
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

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static AwAccount *
detect (AwAutoconfig        *autoconfig,
        const char          *address,
        GCancellable        *cancellable,
        AwAutoconfigSource  *source,
        GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_autoconfig_detect_async (autoconfig, address, cancellable, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return aw_autoconfig_detect_finish (autoconfig, result, source, NULL, NULL, error);
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
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  AwAutoconfigSource source;

  account = detect (autoconfig, "sam.lee@provider.test", NULL, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, AW_AUTOCONFIG_SOURCE_PROVIDER);
  g_assert_cmpstr (aw_account_get_host (account), ==, "out.provider.test");
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
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *steps = NULL;
  AwAutoconfigSource source;

  account = detect (autoconfig, "sam@ispdb.test", NULL, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, AW_AUTOCONFIG_SOURCE_ISPDB);
  g_assert_cmpstr (aw_account_get_host (account), ==, "smtp.ispdb.test");
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
  g_autoptr(GError) error = NULL;
  AwAutoconfigSource source;

  account = detect (autoconfig, "sam@plain.test", NULL, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, AW_AUTOCONFIG_SOURCE_WELL_KNOWN);
  g_assert_cmpstr (aw_account_get_host (account), ==, "submit.plain.test");
}

static void
test_slow_server_times_out (void)
{
  g_autoptr(AwAutoconfig) autoconfig = make_autoconfig ("https");
  g_autoptr(AwAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  AwAutoconfigSource source;
  gint64 start = g_get_monotonic_time ();

  account = detect (autoconfig, "sam@slow.test", NULL, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, AW_AUTOCONFIG_SOURCE_WELL_KNOWN);
  g_assert_cmpstr (aw_account_get_host (account), ==, "mail.slow.test");
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

  if (g_find_program_in_path ("openssl") == NULL)
    {
      g_printerr ("openssl is needed to make the test CA\n");
      return 1;
    }
  start_server ();

  g_test_add_func ("/autoconfig/builtin-table", test_builtin_table);
  g_test_add_func ("/autoconfig/parse-config", test_parse_config);
  g_test_add_func ("/autoconfig/provider-file-wins", test_provider_file_wins);
  g_test_add_func ("/autoconfig/order-broken-then-ispdb", test_order_broken_then_ispdb);
  g_test_add_func ("/autoconfig/plain-is-never-used", test_plain_is_never_used);
  g_test_add_func ("/autoconfig/slow-server-times-out", test_slow_server_times_out);
  g_test_add_func ("/autoconfig/cancel", test_cancel);
  g_test_add_func ("/autoconfig/not-found-and-http-refused", test_not_found_and_http_refused);
  g_test_add_func ("/autoconfig/srv-then-guesses-in-order", test_srv_then_guesses_in_order);

  status = g_test_run ();

  g_clear_object (&server);
  g_clear_object (&ca_database);
  g_ptr_array_unref (requests);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf %s", tmp_dir);
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}
