/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-goa.c: the fake Online Accounts service (tests/servers/fake-goa.py) seen from a
 * test: started and stopped by the test, driven over its own D-Bus interface
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "aw-test-goa.h"
#include "aw-test-smtp.h"

#define GOA_NAME "org.gnome.OnlineAccounts"

/* One connection for the test's own calls, kept for the whole run */
static GDBusConnection *
bus (void)
{
  static GDBusConnection *connection;

  if (connection == NULL)
    connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  return g_object_ref (connection);
}

gboolean
aw_test_goa_running (void)
{
  g_autoptr(GDBusConnection) connection = bus ();
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", GOA_NAME), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Polls for up to five seconds until the name is owned, or not */
static void
wait_for_owner (gboolean owned)
{
  for (int i = 0; i < 200 && aw_test_goa_running () != owned; i++)
    g_usleep (25000);
  g_assert_true (aw_test_goa_running () == owned);
}

GSubprocess *
aw_test_goa_start (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "servers", "fake-goa.py", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *fake;

  g_assert_false (aw_test_goa_running ());
  /* not holding the test's output open: meson waits for it to close */
  fake = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                           &error, "/usr/bin/python3", script, NULL);
  g_assert_no_error (error);
  wait_for_owner (TRUE);
  return fake;
}

void
aw_test_goa_stop (GSubprocess *fake)
{
  g_subprocess_send_signal (fake, SIGTERM);
  g_assert_true (g_subprocess_wait (fake, NULL, NULL));
  wait_for_owner (FALSE);
}

static GVariant *
fake_call (const char *method,
           GVariant   *parameters)
{
  g_autoptr(GDBusConnection) connection = bus ();
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (connection, GOA_NAME,
                                       "/org/afterword/FakeGoa", "org.afterword.FakeGoa",
                                       method, parameters, NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  return reply;
}

void
aw_test_goa_add_account (const char *json_members)
{
  g_autofree char *json = g_strdup_printf ("{%s}", json_members);

  g_variant_unref (fake_call ("AddAccount", g_variant_new ("(s)", json)));
}

void
aw_test_goa_update_account (const char *id,
                            const char *json)
{
  g_variant_unref (fake_call ("Update", g_variant_new ("(ss)", id, json)));
}

void
aw_test_goa_remove_account (const char *id)
{
  g_variant_unref (fake_call ("RemoveAccount", g_variant_new ("(s)", id)));
}

int
aw_test_goa_calls (const char *id,
                   const char *method)
{
  g_autoptr(GVariant) reply = fake_call ("Calls", g_variant_new ("(s)", id));
  g_autofree char *key = g_strdup_printf ("\"%s\": ", method);
  const char *json = NULL;
  const char *at;

  g_variant_get (reply, "(&s)", &json);
  at = strstr (json, key);
  g_assert_nonnull (at);
  return atoi (at + strlen (key));
}

char *
aw_test_goa_google_account (const char *id,
                            const char *tokens_json,
                            const char *extra_members)
{
  return g_strdup_printf ("\"id\": \"%s\", \"ProviderType\": \"google\", \"ProviderName\": \"Google\", "
                          "\"EmailAddress\": \"%s\", \"Name\": \"Sam Lee\", "
                          "\"SmtpHost\": \"localhost:%u\", \"SmtpUseTls\": true, "
                          "\"SmtpUserName\": \"%s\", \"tokens\": %s%s%s",
                          id, aw_test_smtp_user (), aw_test_smtp_port ("starttls"),
                          aw_test_smtp_user (), tokens_json,
                          extra_members != NULL ? ", " : "",
                          extra_members != NULL ? extra_members : "");
}
