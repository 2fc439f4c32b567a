/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-smtp.c: time to deliver one message over loopback with STARTTLS and AUTH,
 * Afterword's client beside msmtp, same message, same server, same run
 *
 * Prints the median of each and their ratio. msmtp is a fresh process per message (as
 * a user runs it); the Afterword figure is the in-process send, connect to 250.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "aw-smtp-client.h"
#include "aw-test-smtp.h"

#define ROUNDS 15

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static AwMessage *
make_message (void)
{
  AwMessage *message = aw_message_new ();

  aw_message_set_from (message, "Amélie Lefèvre", "applicant@example.org");
  aw_message_set_to (message, "Jana Schröder <jana@firma.example>");
  aw_message_set_subject (message, "Danke für das Gespräch");
  aw_message_set_body (message,
                       "Liebe Frau Schröder,\n\n"
                       "vielen Dank für Ihre Zeit und die Gelegenheit, das Team kennenzulernen.\n"
                       "Über eine kurze Rückmeldung, was ich verbessern kann, würde ich mich freuen.\n\n"
                       "Mit freundlichen Grüßen\nAmélie Lefèvre\n");
  return message;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(AwMessage) message = make_message ();
  g_autoptr(GBytes) wire = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *eml = NULL;
  guint before;
  int i;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  aw_test_smtp_init ();
  before = aw_test_smtp_count ("starttls");

  for (i = 0; i < ROUNDS; i++)
    {
      g_autoptr(AwSmtpClient) client = aw_test_smtp_client ("starttls", AW_SMTP_SECURITY_STARTTLS, TRUE);
      g_autoptr(AwMessage) copy = make_message ();
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!aw_test_smtp_send (client, copy, NULL, &error))
        g_error ("afterword: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ours, ms);
    }

  /* msmtp: the same bytes, through the same server */
  wire = aw_message_to_bytes (message, TRUE);
  dir = g_dir_make_tmp ("afterword-bench-XXXXXX", &error);
  g_assert_no_error (error);
  eml = g_build_filename (dir, "message.eml", NULL);
  g_file_set_contents (eml, g_bytes_get_data (wire, NULL), (gssize) g_bytes_get_size (wire), &error);
  g_assert_no_error (error);
  config = g_build_filename (dir, "msmtprc", NULL);
  config_text = g_strdup_printf ("account bench\nhost localhost\nport %u\n"
                                 "tls on\ntls_starttls on\ntls_trust_file %s\n"
                                 "auth plain\nuser %s\npassword %s\nfrom applicant@example.org\n"
                                 "account default : bench\n",
                                 aw_test_smtp_port ("starttls"), aw_test_smtp_ca_file (),
                                 aw_test_smtp_user (), aw_test_smtp_password ());
  g_file_set_contents_full (config, config_text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  for (i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autoptr(GSubprocess) msmtp = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_subprocess_launcher_set_stdin_file_path (launcher, eml);
      msmtp = g_subprocess_launcher_spawn (launcher, &error, "msmtp", "-C", config,
                                           "jana@firma.example", NULL);
      g_assert_no_error (error);
      if (!g_subprocess_wait_check (msmtp, NULL, &error))
        g_error ("msmtp failed: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (theirs, ms);
    }

  if (aw_test_smtp_count ("starttls") != before + 2 * ROUNDS)
    g_error ("expected %d deliveries, the server stored %u", 2 * ROUNDS,
             aw_test_smtp_count ("starttls") - before);

  g_print ("smtp delivery over loopback, STARTTLS + AUTH PLAIN, %d rounds each\n", ROUNDS);
  g_print ("afterword (in-process): median %.1f ms\n", median (ours));
  g_print ("msmtp %s(new process): median %.1f ms\n", "", median (theirs));
  g_print ("ratio afterword/msmtp: %.2f\n", median (ours) / median (theirs));

  g_unlink (config);
  g_unlink (eml);
  g_rmdir (dir);
  aw_test_smtp_shutdown ();
  return 0;
}
