/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-http.c: a real HTTP or HTTPS server (SoupServer) on 127.0.0.1 for a test */
#include "config.h"

#include <string.h>

#include "aw-test-http.h"

static char *ca_dir;
static GTlsDatabase *ca_database;

static void
run_openssl (const char *command)
{
  g_autofree char *line = g_strdup_printf ("sh -c 'cd %s && %s >/dev/null 2>&1'", ca_dir, command);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (line, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* A CA, and a certificate for localhost and 127.0.0.1 that it signed */
static GTlsCertificate *
make_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  GTlsCertificate *certificate;

  if (g_find_program_in_path ("openssl") == NULL)
    g_error ("openssl is needed to make the test CA");
  ca_dir = g_dir_make_tmp ("aw-test-http-XXXXXX", &error);
  g_assert_no_error (error);
  run_openssl ("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=AfterwordTestCA "
               "-keyout ca.key -out ca.pem -addext basicConstraints=critical,CA:TRUE "
               "-addext keyUsage=critical,keyCertSign");
  run_openssl ("openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key "
               "-out server.csr");
  run_openssl ("printf \"subjectAltName=DNS:localhost,IP:127.0.0.1\\n\" > san.ext && "
               "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
               "-days 2 -extfile san.ext -out server.pem");

  ca = g_build_filename (ca_dir, "ca.pem", NULL);
  cert = g_build_filename (ca_dir, "server.pem", NULL);
  key = g_build_filename (ca_dir, "server.key", NULL);
  ca_database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  return certificate;
}

SoupServer *
aw_test_http_start (gboolean           https,
                    SoupServerCallback handler)
{
  g_autoptr(GTlsCertificate) certificate = https ? make_certificate () : NULL;
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new ("tls-certificate", certificate, NULL);

  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY |
                                           (https ? SOUP_SERVER_LISTEN_HTTPS : 0), &error));
  g_assert_no_error (error);
  return server;
}

guint
aw_test_http_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint port = g_uri_get_port (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

char *
aw_test_http_base_url (SoupServer *server)
{
  return g_strdup_printf ("%s://127.0.0.1:%u", soup_server_is_https (server) ? "https" : "http",
                          aw_test_http_port (server));
}

GTlsDatabase *
aw_test_http_ca_database (void)
{
  return ca_database;
}

void
aw_test_http_respond (SoupServerMessage *message,
                      const char        *content_type,
                      const char        *body,
                      gssize             length)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body,
                                    length < 0 ? strlen (body) : (gsize) length);
}

typedef struct
{
  SoupServerMessage *message;
  guint              status;
  const char        *content_type;
  const char        *body;
} LateAnswer;

static gboolean
answer_now (gpointer data)
{
  LateAnswer *late = data;

  if (late->body != NULL)
    aw_test_http_respond (late->message, late->content_type, late->body, -1);
  else
    soup_server_message_set_status (late->message, late->status, NULL);
  soup_server_message_unpause (late->message);
  g_object_unref (late->message);
  g_free (late);
  return G_SOURCE_REMOVE;
}

void
aw_test_http_answer_later (SoupServerMessage *message,
                           guint              seconds,
                           guint              status,
                           const char        *content_type,
                           const char        *body)
{
  LateAnswer *late = g_new0 (LateAnswer, 1);

  late->message = g_object_ref (message);
  late->status = status;
  late->content_type = content_type;
  late->body = body;
  soup_server_message_pause (message);
  g_timeout_add_seconds (seconds, answer_now, late);
}

void
aw_test_http_stop (SoupServer *server)
{
  soup_server_disconnect (server);
  g_object_unref (server);
  g_clear_object (&ca_database);
  if (ca_dir != NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf %s", ca_dir);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
      g_clear_pointer (&ca_dir, g_free);
    }
}
