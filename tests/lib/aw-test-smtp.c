/* aw-test-smtp.c: the SMTP test server (tests/servers/smtp-server.py) seen from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "aw-smtp-private.h"
#include "aw-test-smtp.h"
#include "aw-test-tmp.h"

static char *state_dir;
static GSubprocess *server;
static JsonObject *info;
static GTlsDatabase *database;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
aw_test_smtp_init (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ports = NULL;
  const char *dir = g_getenv ("AW_TEST_SMTP_DIR");

  if (info != NULL)
    return;

  if (dir != NULL && *dir != '\0')
    state_dir = g_strdup (dir);
  else
    {
      const char *srcdir = g_getenv ("G_TEST_SRCDIR");
      g_autofree char *script = g_build_filename (srcdir != NULL ? srcdir : ".", "servers", "smtp-server.py", NULL);
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      int i;

      state_dir = g_dir_make_tmp ("afterword-smtp-XXXXXX", &error);
      g_assert_no_error (error);
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      /* The server must not outlive a test that crashes */
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      server = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", script,
                                            "--state-dir", state_dir, NULL);
      g_assert_no_error (error);
      ports = g_build_filename (state_dir, "ports.json", NULL);
      for (i = 0; i < 400 && !g_file_test (ports, G_FILE_TEST_EXISTS); i++)
        g_usleep (50 * 1000);
      g_clear_pointer (&ports, g_free);
    }

  ports = g_build_filename (state_dir, "ports.json", NULL);
  json_parser_load_from_file (parser, ports, &error);
  g_assert_no_error (error);
  info = json_object_ref (json_node_get_object (json_parser_get_root (parser)));

  database = g_tls_file_database_new (aw_test_smtp_ca_file (), &error);
  g_assert_no_error (error);
}

void
aw_test_smtp_shutdown (void)
{
  g_clear_object (&database);
  g_clear_pointer (&info, json_object_unref);
  if (server != NULL)
    {
      g_subprocess_send_signal (server, SIGTERM);
      g_subprocess_wait (server, NULL, NULL);
      g_clear_object (&server);
      aw_test_remove_tree (state_dir);
    }
  g_clear_pointer (&state_dir, g_free);
}

const char *
aw_test_smtp_dir (void)
{
  aw_test_smtp_init ();
  return state_dir;
}

guint16
aw_test_smtp_port (const char *mode)
{
  aw_test_smtp_init ();
  g_assert_true (json_object_has_member (info, mode));
  return (guint16) json_object_get_int_member (info, mode);
}

const char *
aw_test_smtp_ca_file (void)
{
  return json_object_get_string_member (info, "ca");
}

const char *
aw_test_smtp_user (void)
{
  aw_test_smtp_init ();
  return json_object_get_string_member (info, "user");
}

const char *
aw_test_smtp_password (void)
{
  aw_test_smtp_init ();
  return json_object_get_string_member (info, "password");
}

const char *
aw_test_smtp_oauth2_token (void)
{
  aw_test_smtp_init ();
  return json_object_get_string_member (info, "oauth2-token");
}

GTlsDatabase *
aw_test_smtp_tls_database (void)
{
  aw_test_smtp_init ();
  return database;
}

guint
aw_test_smtp_count (const char *mode)
{
  g_autofree char *path = g_build_filename (aw_test_smtp_dir (), "mail", mode, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml") && name[0] != '.')
      n++;
  return n;
}

GBytes *
aw_test_smtp_message (const char *mode,
                      guint       n)
{
  g_autofree char *name = g_strdup_printf ("%u.eml", n);
  g_autofree char *path = g_build_filename (aw_test_smtp_dir (), "mail", mode, name, NULL);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

char *
aw_test_smtp_envelope (const char *mode,
                       guint       n)
{
  g_autofree char *name = g_strdup_printf ("%u.json", n);
  g_autofree char *path = g_build_filename (aw_test_smtp_dir (), "mail", mode, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

AwSmtpClient *
aw_test_smtp_client (const char     *mode,
                     AwSmtpSecurity  security,
                     gboolean        with_password)
{
  AwSmtpClient *client = aw_smtp_client_new ("localhost", aw_test_smtp_port (mode), security);

  aw_smtp_client_set_tls_database (client, aw_test_smtp_tls_database ());
  aw_smtp_client_set_connect_timeout (client, 10);
  if (with_password)
    aw_smtp_client_set_credentials (client, aw_test_smtp_user (), aw_test_smtp_password ());
  return client;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GMainContext  *context,
          GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (context, TRUE);
  return *slot;
}

/* The QUIT after a result runs in the background: wait for it, so no connection
 * outlives the context. */
static void
finish_background (GMainContext *context,
                   AwSmtpClient *client)
{
  while (aw_smtp_client_get_n_operations (client) > 0)
    g_main_context_iteration (context, TRUE);
}

gboolean
aw_test_smtp_send (AwSmtpClient  *client,
                   AwMessage     *message,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return aw_test_smtp_send_full (client, message, cancellable, NULL, error);
}

gboolean
aw_test_smtp_send_full (AwSmtpClient  *client,
                        AwMessage     *message,
                        GCancellable  *cancellable,
                        GBytes       **sent_bytes,
                        GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  g_main_context_push_thread_default (context);
  aw_smtp_client_send_async (client, message, cancellable, store_result, &result);
  ok = aw_smtp_client_send_finish (client, wait_for (context, &result), sent_bytes, error);
  /* let the QUIT and close run */
  finish_background (context, client);
  g_main_context_pop_thread_default (context);
  return ok;
}

gboolean
aw_test_smtp_test_connection (AwSmtpClient  *client,
                              GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  g_main_context_push_thread_default (context);
  aw_smtp_client_test_connection_async (client, NULL, store_result, &result);
  ok = aw_smtp_client_test_connection_finish (client, wait_for (context, &result), error);
  finish_background (context, client);
  g_main_context_pop_thread_default (context);
  return ok;
}

char **
aw_test_smtp_probe (AwSmtpClient  *client,
                    GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  char **caps;

  g_main_context_push_thread_default (context);
  aw_smtp_client_probe_async (client, NULL, store_result, &result);
  caps = aw_smtp_client_probe_finish (client, wait_for (context, &result), error);
  finish_background (context, client);
  g_main_context_pop_thread_default (context);
  return caps;
}
