/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-online-accounts.c: GNOME Online Accounts as a source of sending accounts, against
 * a fake GOA service (tests/servers/fake-goa.py) on the private test bus, the real libgoa client
 * and the real SMTP test server: the list follows GOA live, a Google-like account sends
 * over XOAUTH2 exactly once, a stale token is renewed once before MAIL FROM, a failed
 * renewal says what to do, GOA's password works for IMAP/SMTP accounts, no service means
 * an empty list, and no token or password ends up in a file or a log line.
 */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "aw-history.h"
#include "aw-online-accounts.h"
#include "aw-sender.h"
#include "aw-test-smtp.h"

#define WAIT_SECONDS 20

static GString *log_text;
static char *stale_token;

/* Every log line of the run, debug included, is kept to look for secrets in it */
static GLogWriterOutput
record_log (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          g_string_append_len (log_text, fields[i].value,
                               fields[i].length < 0 ? (gssize) strlen (fields[i].value)
                                                    : fields[i].length);
          g_string_append_c (log_text, '\n');
        }
    }
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* The session bus of build-aux/test.sh */
static gboolean
have_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: run through build-aux/test.sh");
      return FALSE;
    }
  return TRUE;
}

/* That bus and libgoa */
static gboolean
have_services (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: run through build-aux/test.sh");
      return FALSE;
    }
#ifndef HAVE_GOA
  g_test_skip ("built without libgoa (-Donline_accounts=disabled)");
  return FALSE;
#else
  return TRUE;
#endif
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until check() holds; fails the test after WAIT_SECONDS */
static void
wait_until (gboolean (*check) (gpointer data),
            gpointer   data,
            const char *what)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, on_deadline, &expired);

  while (!check (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("timed out waiting for %s", what);
  g_source_remove (id);
}

/* One connection for the test's own calls, kept for the whole run */
static GDBusConnection *
bus (void)
{
  static GDBusConnection *connection;

  if (connection == NULL)
    connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  return g_object_ref (connection);
}

static gboolean
name_owned (void)
{
  g_autoptr(GDBusConnection) connection = bus ();
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.gnome.OnlineAccounts"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
  return g_variant_get_boolean (g_variant_get_child_value (reply, 0));
}

static GSubprocess *
start_fake_goa (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "servers", "fake-goa.py", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *fake;
  int i;

  g_assert_false (name_owned ());
  /* not holding the test's output open: meson waits for it to close */
  fake = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                           &error, "/usr/bin/python3", script, NULL);
  g_assert_no_error (error);
  for (i = 0; i < 200 && !name_owned (); i++)
    g_usleep (25000);
  g_assert_true (name_owned ());
  return fake;
}

static void
stop_fake_goa (GSubprocess *fake)
{
  int i;

  g_subprocess_send_signal (fake, SIGTERM);
  g_assert_true (g_subprocess_wait (fake, NULL, NULL));
  for (i = 0; i < 200 && name_owned (); i++)
    g_usleep (25000);
  g_assert_false (name_owned ());
}

static GVariant *
fake_call (const char *method,
           GVariant   *parameters)
{
  g_autoptr(GDBusConnection) connection = bus ();
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (connection, "org.gnome.OnlineAccounts",
                                       "/org/afterword/FakeGoa", "org.afterword.FakeGoa",
                                       method, parameters, NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  return reply;
}

/* An account in the fake service: @json_members are JSON members without braces */
static void
add_account (const char *json_members)
{
  g_autofree char *json = g_strdup_printf ("{%s}", json_members);

  g_variant_unref (fake_call ("AddAccount", g_variant_new ("(s)", json)));
}

static void
update_account (const char *id,
                const char *json)
{
  g_variant_unref (fake_call ("Update", g_variant_new ("(ss)", id, json)));
}

static void
remove_account (const char *id)
{
  g_variant_unref (fake_call ("RemoveAccount", g_variant_new ("(s)", id)));
}

/* How often the fake's method was called for an account */
static int
calls (const char *id,
       const char *method)
{
  g_autoptr(GVariant) reply = fake_call ("Calls", g_variant_new ("(s)", id));
  const char *json = NULL;
  g_autofree char *key = g_strdup_printf ("\"%s\": ", method);
  const char *at;

  g_variant_get (reply, "(&s)", &json);
  at = strstr (json, key);
  g_assert_nonnull (at);
  return atoi (at + strlen (key));
}

/* A Google-like account on the test server's STARTTLS port */
static char *
google_account (const char *id,
                const char *tokens_json)
{
  return g_strdup_printf ("\"id\": \"%s\", \"ProviderType\": \"google\", \"ProviderName\": \"Google\", "
                          "\"EmailAddress\": \"%s\", \"Name\": \"Sam Lee\", "
                          "\"SmtpHost\": \"localhost:%u\", \"SmtpUseTls\": true, "
                          "\"SmtpUserName\": \"%s\", \"tokens\": %s",
                          id, aw_test_smtp_user (), aw_test_smtp_port ("starttls"),
                          aw_test_smtp_user (), tokens_json);
}

static gboolean
loaded (gpointer data)
{
  return !aw_online_accounts_get_loading (data);
}

static AwOnlineAccounts *
load_accounts (void)
{
  AwOnlineAccounts *accounts = aw_online_accounts_new ();

  wait_until (loaded, accounts, "GOA to answer");
  return accounts;
}

typedef struct { GListModel *model; guint n; } Count;

static gboolean
has_n_items (gpointer data)
{
  Count *count = data;

  return g_list_model_get_n_items (count->model) == count->n;
}

static void
wait_for_n_items (AwOnlineAccounts *accounts,
                  guint             n)
{
  Count count = { G_LIST_MODEL (accounts), n };

  wait_until (has_n_items, &count, "the list of accounts to change");
}

static AwOnlineAccount *
item (AwOnlineAccounts *accounts,
      guint             position)
{
  g_autoptr(AwOnlineAccount) account = g_list_model_get_item (G_LIST_MODEL (accounts), position);

  return account;  /* the model keeps it alive */
}

static AwDraft *
make_draft (void)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_sender_name (draft, "Sam Lee");
  aw_draft_set_recipient_name (draft, "Dana Ruiz");
  aw_draft_set_recipient_address (draft, "dana@acme.example");
  aw_draft_set_company (draft, "Acme");
  aw_draft_set_role (draft, "Product Designer");
  aw_draft_set_subject (draft, "Thank you for your time");
  aw_draft_set_body (draft, "Dear Dana,\n\nThank you for the conversation about the role.\n"
                            "I would welcome any feedback.\n\nBest regards,\nSam");
  return draft;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
press_cancel (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

/* A moment after signing in began: Online Accounts has the request by then */
static void
cancel_when_signing_in (AwSender      *sender,
                        AwSenderStage  stage,
                        GCancellable  *cancellable)
{
  if (stage == AW_SENDER_STAGE_AUTHENTICATING)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 300, press_cancel, g_object_ref (cancellable),
                        g_object_unref);
}

/* Sends the test draft through @online as the UI would: an AwAccount made from it, the
 * secret from it; Cancel pressed while signing in when @cancellable is set */
static AwHistoryEntry *
send_cancellable (AwOnlineAccount  *online,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(AwAccount) account = aw_online_account_to_account (online);
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(AwSender) sender = aw_sender_new (account, history);
  g_autoptr(AwDraft) draft = make_draft ();
  g_autoptr(GAsyncResult) result = NULL;

  aw_sender_set_credential_source (sender, AW_CREDENTIAL_SOURCE (online));
  aw_sender_set_tls_database (sender, aw_test_smtp_tls_database ());
  if (cancellable != NULL)
    g_signal_connect (sender, "stage-changed", G_CALLBACK (cancel_when_signing_in), cancellable);
  aw_sender_send_async (sender, draft, cancellable, on_done, &result);
  wait_until (has_result, &result, "the send");
  return aw_sender_send_finish (sender, result, error);
}

static AwHistoryEntry *
send_through (AwOnlineAccount  *online,
              GError          **error)
{
  return send_cancellable (online, NULL, error);
}

/* ---- the cases ---- */

static void
test_no_service (void)
{
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  gint64 start;

  /* without libgoa the same: an empty list that is not available */
  if (!have_bus ())
    return;

  g_assert_false (name_owned ());
  start = g_get_monotonic_time ();
  accounts = aw_online_accounts_new ();
  /* creating it never waits for D-Bus */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 10);
  wait_until (loaded, accounts, "GOA to answer");
  g_test_message ("no GOA service: the list knew after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_false (aw_online_accounts_get_available (accounts));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);
  g_assert_null (aw_online_accounts_lookup (accounts, "account_1"));
}

static void
test_provider_for_server (void)
{
  g_assert_cmpint (aw_online_provider_for_server ("sam@gmail.com", NULL), ==, AW_ONLINE_PROVIDER_GOOGLE);
  g_assert_cmpint (aw_online_provider_for_server ("sam@GoogleMail.com", NULL), ==, AW_ONLINE_PROVIDER_GOOGLE);
  g_assert_cmpint (aw_online_provider_for_server ("sam@acme.example", "smtp.gmail.com"), ==, AW_ONLINE_PROVIDER_GOOGLE);
  g_assert_cmpint (aw_online_provider_for_server ("sam@outlook.com", NULL), ==, AW_ONLINE_PROVIDER_MICROSOFT);
  g_assert_cmpint (aw_online_provider_for_server ("sam@hotmail.co.uk", NULL), ==, AW_ONLINE_PROVIDER_MICROSOFT);
  g_assert_cmpint (aw_online_provider_for_server ("sam@live.de", NULL), ==, AW_ONLINE_PROVIDER_MICROSOFT);
  g_assert_cmpint (aw_online_provider_for_server ("sam@acme.example", "smtp.office365.com"), ==, AW_ONLINE_PROVIDER_MICROSOFT);
  g_assert_cmpint (aw_online_provider_for_server ("sam@acme.example", "smtp-mail.outlook.com"), ==, AW_ONLINE_PROVIDER_MICROSOFT);
  g_assert_cmpint (aw_online_provider_for_server ("sam@acme.example", "mail.acme.example"), ==, AW_ONLINE_PROVIDER_NONE);
  g_assert_cmpint (aw_online_provider_for_server ("sam@notgmail.com", "smtp.notgmail.com"), ==, AW_ONLINE_PROVIDER_NONE);
  g_assert_cmpint (aw_online_provider_for_server ("sam@deliver.example", NULL), ==, AW_ONLINE_PROVIDER_NONE);
  g_assert_cmpint (aw_online_provider_for_server (NULL, NULL), ==, AW_ONLINE_PROVIDER_NONE);
}

static void
test_listed_live (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autofree char *google = NULL;
  AwOnlineAccount *account;

  if (!have_services ())
    return;

  fake = start_fake_goa ();
  google = google_account ("account_g", "[\"t\"]");
  add_account (google);
  add_account ("\"id\": \"account_ms\", \"ProviderType\": \"windows_live\", "
               "\"ProviderName\": \"Microsoft\", \"EmailAddress\": \"sam.lee@outlook.com\", "
               "\"Name\": \"Sam Lee\", \"SmtpHost\": \"smtp-mail.outlook.com\", "
               "\"SmtpUseTls\": true, \"SmtpUserName\": \"sam.lee@outlook.com\", \"tokens\": [\"t\"]");
  /* not listed: mail switched off, no SMTP, a password account without a password */
  add_account ("\"id\": \"account_off\", \"EmailAddress\": \"off@example.org\", \"MailDisabled\": true, "
               "\"tokens\": [\"t\"]");
  add_account ("\"id\": \"account_nosmtp\", \"EmailAddress\": \"no@example.org\", "
               "\"SmtpSupported\": false, \"tokens\": [\"t\"]");
  add_account ("\"id\": \"account_nosecret\", \"ProviderType\": \"imap_smtp\", \"oauth2\": false, "
               "\"EmailAddress\": \"x@example.org\", \"SmtpHost\": \"mail.example.org\"");

  accounts = load_accounts ();
  g_assert_true (aw_online_accounts_get_available (accounts));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 2);

  account = aw_online_accounts_lookup (accounts, "account_g");
  g_assert_nonnull (account);
  g_assert_cmpstr (aw_online_account_get_provider_name (account), ==, "Google");
  g_assert_cmpstr (aw_online_account_get_provider_icon (account), ==, "goa-account-google");
  g_assert_cmpstr (aw_online_account_get_address (account), ==, aw_test_smtp_user ());
  g_assert_cmpstr (aw_online_account_get_name (account), ==, "Sam Lee");
  g_assert_cmpstr (aw_online_account_get_host (account), ==, "localhost");
  g_assert_cmpuint (aw_online_account_get_port (account), ==, aw_test_smtp_port ("starttls"));
  g_assert_cmpint (aw_online_account_get_security (account), ==, AW_ACCOUNT_SECURITY_STARTTLS);
  g_assert_cmpint (aw_credential_source_get_kind (AW_CREDENTIAL_SOURCE (account)), ==,
                   AW_CREDENTIAL_KIND_OAUTH2);

  /* the id of the AwAccount a send uses leads back to the account */
  {
    g_autoptr(AwAccount) as_account = aw_online_account_to_account (account);

    g_assert_cmpstr (aw_account_get_id (as_account), ==, "goa:account_g");
    g_assert_cmpstr (aw_account_get_address (as_account), ==, aw_test_smtp_user ());
    g_assert_true (aw_online_accounts_lookup_account_id (accounts, aw_account_get_id (as_account)) == account);
    g_assert_null (aw_online_accounts_lookup_account_id (accounts, "account_g"));
  }

  account = aw_online_accounts_lookup (accounts, "account_ms");
  g_assert_nonnull (account);
  g_assert_cmpstr (aw_online_account_get_host (account), ==, "smtp-mail.outlook.com");
  g_assert_cmpuint (aw_online_account_get_port (account), ==, 587);
  g_assert_cmpstr (aw_credential_source_get_login (AW_CREDENTIAL_SOURCE (account)), ==,
                   "sam.lee@outlook.com");

  /* the account editor's offer: the Online Accounts account of a Gmail or Outlook.com address */
  g_assert_true (aw_online_accounts_find (accounts, AW_ONLINE_PROVIDER_GOOGLE, "APPLICANT@example.org")
                 == aw_online_accounts_lookup (accounts, "account_g"));
  g_assert_true (aw_online_accounts_find (accounts, AW_ONLINE_PROVIDER_MICROSOFT, "someone@hotmail.com")
                 == aw_online_accounts_lookup (accounts, "account_ms"));
  g_assert_null (aw_online_accounts_find (accounts, AW_ONLINE_PROVIDER_NONE, NULL));

  /* added while the list is shown */
  add_account ("\"id\": \"account_new\", \"ProviderType\": \"imap_smtp\", "
               "\"ProviderName\": \"IMAP and SMTP\", \"oauth2\": false, \"password\": \"p\", "
               "\"EmailAddress\": \"new@example.org\", \"SmtpHost\": \"mail.example.org\", "
               "\"SmtpUseTls\": false, \"SmtpUseSsl\": true");
  wait_for_n_items (accounts, 3);
  account = item (accounts, 2);
  g_assert_cmpstr (aw_online_account_get_id (account), ==, "account_new");
  g_assert_cmpint (aw_online_account_get_security (account), ==, AW_ACCOUNT_SECURITY_TLS);
  g_assert_cmpuint (aw_online_account_get_port (account), ==, 465);
  g_assert_cmpint (aw_credential_source_get_kind (AW_CREDENTIAL_SOURCE (account)), ==,
                   AW_CREDENTIAL_KIND_PASSWORD);

  /* mail switched off in Settings, then on again */
  update_account ("account_ms", "{\"MailDisabled\": true}");
  wait_for_n_items (accounts, 2);
  g_assert_null (aw_online_accounts_lookup (accounts, "account_ms"));
  update_account ("account_ms", "{\"MailDisabled\": false}");
  wait_for_n_items (accounts, 3);

  /* needs attention: still listed, and says so */
  account = aw_online_accounts_lookup (accounts, "account_g");
  g_assert_false (aw_online_account_get_attention_needed (account));
  update_account ("account_g", "{\"AttentionNeeded\": true}");
  while (!aw_online_account_get_attention_needed (account))
    g_main_context_iteration (NULL, TRUE);

  /* removed in Settings */
  remove_account ("account_new");
  wait_for_n_items (accounts, 2);
  g_assert_null (aw_online_accounts_lookup (accounts, "account_new"));

  /* the service goes away: nothing left to send with */
  stop_fake_goa (fake);
  wait_for_n_items (accounts, 0);
  g_assert_false (aw_online_accounts_get_available (accounts));
}

static void
assert_delivered_once (guint        before,
                       const char  *from)
{
  g_autoptr(GBytes) received = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before + 1);
  received = aw_test_smtp_message ("starttls", before + 1);
  text = g_strndup (g_bytes_get_data (received, NULL), g_bytes_get_size (received));
  g_assert_nonnull (strstr (text, from));
  envelope = aw_test_smtp_envelope ("starttls", before + 1);
  g_assert_nonnull (strstr (envelope, "\"authenticated\": true"));
  g_assert_nonnull (strstr (envelope, aw_test_smtp_user ()));
}

static void
test_send_google (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *google = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *from = NULL;
  guint before;

  if (!have_services ())
    return;

  fake = start_fake_goa ();
  tokens = g_strdup_printf ("[\"%s\"]", aw_test_smtp_oauth2_token ());
  google = google_account ("account_g", tokens);
  add_account (google);
  accounts = load_accounts ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 1);

  before = aw_test_smtp_count ("starttls");
  entry = send_through (item (accounts, 0), &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  from = g_strdup_printf ("From: Sam Lee <%s>", aw_test_smtp_user ());
  assert_delivered_once (before, from);
  g_assert_cmpstr (aw_history_entry_get_sender_address (entry), ==, aw_test_smtp_user ());
  g_assert_cmpint (calls ("account_g", "GetAccessToken"), ==, 1);
  g_assert_cmpint (calls ("account_g", "EnsureCredentials"), ==, 0);

  stop_fake_goa (fake);
}

static void
test_stale_token (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *google = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *from = NULL;
  guint before;

  if (!have_services ())
    return;

  fake = start_fake_goa ();
  tokens = g_strdup_printf ("[\"%s\", \"%s\"]", stale_token, aw_test_smtp_oauth2_token ());
  google = google_account ("account_g", tokens);
  add_account (google);
  accounts = load_accounts ();

  before = aw_test_smtp_count ("starttls");
  entry = send_through (item (accounts, 0), &error);
  g_assert_no_error (error);
  from = g_strdup_printf ("From: Sam Lee <%s>", aw_test_smtp_user ());
  assert_delivered_once (before, from);
  /* the cached token, EnsureCredentials, the fresh token: once each step */
  g_assert_cmpint (calls ("account_g", "GetAccessToken"), ==, 2);
  g_assert_cmpint (calls ("account_g", "EnsureCredentials"), ==, 1);

  stop_fake_goa (fake);
}

static void
test_renewal_fails (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *google = NULL;
  g_autofree char *members = NULL;
  g_autofree char *sentence = NULL;
  g_autoptr(AwAccount) account = NULL;
  AwOnlineAccount *online;
  guint before;

  if (!have_services ())
    return;

  fake = start_fake_goa ();
  google = google_account ("account_g", "[\"%s\"]");
  members = g_strdup_printf ("%s, \"ensure_fails\": true", google);
  /* google_account() left a %s for the stale token */
  g_free (google);
  google = g_strdup_printf (members, stale_token);
  add_account (google);
  accounts = load_accounts ();
  online = item (accounts, 0);

  before = aw_test_smtp_count ("starttls");
  entry = send_through (online, &error);
  g_assert_null (entry);
  g_assert_error (error, AW_ONLINE_ACCOUNT_ERROR, AW_ONLINE_ACCOUNT_ERROR_SIGN_IN_AGAIN);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);
  g_assert_cmpint (calls ("account_g", "EnsureCredentials"), ==, 1);

  /* the sentence the send sheet shows, with the provider's name */
  account = aw_online_account_to_account (online);
  sentence = aw_sender_describe_error (account, error);
  g_assert_cmpstr (sentence, ==, "Sign in to your Google account again in Settings → Online Accounts.");
  g_assert_null (strstr (sentence, stale_token));

  /* GOA marked the account; the list says so */
  while (!aw_online_account_get_attention_needed (online))
    g_main_context_iteration (NULL, TRUE);

  stop_fake_goa (fake);
}

/* Cancel while Online Accounts is still getting the token: stops at once, nothing sent */
static void
test_cancel_while_signing_in (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *google = NULL;
  g_autofree char *members = NULL;
  g_autofree char *tokens = NULL;
  gint64 start;
  guint before;

  if (!have_services ())
    return;

  fake = start_fake_goa ();
  tokens = g_strdup_printf ("[\"%s\"]", aw_test_smtp_oauth2_token ());
  google = google_account ("account_g", tokens);
  members = g_strdup_printf ("%s, \"token_delay_ms\": 10000", google);
  add_account (members);
  accounts = load_accounts ();

  before = aw_test_smtp_count ("starttls");
  start = g_get_monotonic_time ();
  entry = send_cancellable (item (accounts, 0), cancellable, &error);
  g_assert_null (entry);
  /* what the sender returns for any Cancel (GTask's check of the cancellable) */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);
  g_assert_cmpint (calls ("account_g", "GetAccessToken"), ==, 1);

  stop_fake_goa (fake);
}

/* The renewed token is refused too: one renewal only, then the server's answer */
static void
test_renewed_token_refused (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwAccount) account = NULL;
  g_autofree char *google = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *sentence = NULL;
  guint before;

  if (!have_services ())
    return;

  fake = start_fake_goa ();
  tokens = g_strdup_printf ("[\"%s\", \"%s-2\"]", stale_token, stale_token);
  google = google_account ("account_g", tokens);
  add_account (google);
  accounts = load_accounts ();

  before = aw_test_smtp_count ("starttls");
  entry = send_through (item (accounts, 0), &error);
  g_assert_null (entry);
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_AUTH_FAILED);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);
  g_assert_cmpint (calls ("account_g", "EnsureCredentials"), ==, 1);
  g_assert_cmpint (calls ("account_g", "GetAccessToken"), ==, 2);

  /* no advice about app passwords for an Online Accounts account */
  account = aw_online_account_to_account (item (accounts, 0));
  aw_account_set_host (account, "smtp.gmail.com");  /* as for the real Google account */
  sentence = aw_sender_describe_error (account, error);
  g_assert_null (strstr (sentence, "app password"));

  stop_fake_goa (fake);
}

static void
test_password_account (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *members = NULL;
  g_autofree char *from = NULL;
  guint before;

  if (!have_services ())
    return;

  fake = start_fake_goa ();
  members = g_strdup_printf ("\"id\": \"account_imap\", \"ProviderType\": \"imap_smtp\", "
                             "\"ProviderName\": \"IMAP and SMTP\", \"oauth2\": false, "
                             "\"password\": \"%s\", \"EmailAddress\": \"%s\", "
                             "\"Name\": \"Sam Lee\", \"SmtpHost\": \"localhost:%u\", "
                             "\"SmtpUseTls\": true, \"SmtpUserName\": \"%s\", "
                             "\"SmtpAuthPlain\": true",
                             aw_test_smtp_password (), aw_test_smtp_user (),
                             aw_test_smtp_port ("starttls"), aw_test_smtp_user ());
  add_account (members);
  accounts = load_accounts ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 1);

  before = aw_test_smtp_count ("starttls");
  entry = send_through (item (accounts, 0), &error);
  g_assert_no_error (error);
  from = g_strdup_printf ("From: Sam Lee <%s>", aw_test_smtp_user ());
  assert_delivered_once (before, from);
  g_assert_cmpint (calls ("account_imap", "GetPassword"), ==, 1);

  stop_fake_goa (fake);
}

/* An IMAP/SMTP account whose server wants no sign-in (here a relay on this computer):
 * sent without asking Online Accounts for anything */
static void
test_no_sign_in (void)
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(AwOnlineAccounts) accounts = NULL;
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *members = NULL;
  guint before;

  if (!have_services ())
    return;

  fake = start_fake_goa ();
  members = g_strdup_printf ("\"id\": \"account_relay\", \"ProviderType\": \"imap_smtp\", "
                             "\"ProviderName\": \"IMAP and SMTP\", \"oauth2\": false, "
                             "\"password\": \"unused\", \"EmailAddress\": \"%s\", "
                             "\"SmtpHost\": \"localhost:%u\", \"SmtpUseTls\": false, "
                             "\"SmtpUseAuth\": false",
                             aw_test_smtp_user (), aw_test_smtp_port ("plain"));
  add_account (members);
  accounts = load_accounts ();
  g_assert_cmpint (aw_online_account_get_security (item (accounts, 0)), ==, AW_ACCOUNT_SECURITY_NONE);
  g_assert_cmpuint (aw_online_account_get_port (item (accounts, 0)), ==, aw_test_smtp_port ("plain"));

  before = aw_test_smtp_count ("plain");
  entry = send_through (item (accounts, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (aw_test_smtp_count ("plain"), ==, before + 1);
  g_assert_cmpint (calls ("account_relay", "GetPassword"), ==, 0);

  stop_fake_goa (fake);
}

/* Last: the files of the run and every log line hold no token and no password */
static void
assert_not_in_tree (const char  *path,
                    const char **secrets)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      if (dir == NULL)
        return;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          assert_not_in_tree (child, secrets);
        }
      return;
    }
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        return;
      for (guint i = 0; secrets[i] != NULL; i++)
        if (memmem (contents, length, secrets[i], strlen (secrets[i])) != NULL)
          g_error ("a secret was written to %s", path);
    }
}

static void
test_no_secret_kept (void)
{
  g_autofree char *sasl = g_strdup_printf ("user=%s\001auth=Bearer %s\001\001",
                                           aw_test_smtp_user (), aw_test_smtp_oauth2_token ());
  g_autofree char *sasl_base64 = g_base64_encode ((const guchar *) sasl, strlen (sasl));
  const char *secrets[] = { aw_test_smtp_oauth2_token (), stale_token,
                            aw_test_smtp_password (), sasl_base64, NULL };
  g_autofree char *smtp_log = NULL;

  if (!have_services ())
    return;

  assert_not_in_tree (g_get_home_dir (), secrets);
  if (g_getenv ("AW_TEST_TMP") != NULL)
    {
      smtp_log = g_build_filename (g_getenv ("AW_TEST_TMP"), "smtp.log", NULL);
      assert_not_in_tree (smtp_log, secrets);
    }
  /* the sends above wrote the history, so the walk had files to read */
  g_assert_true (g_file_test (g_get_user_data_dir (), G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (log_text->len, >, 0);
  for (guint i = 0; secrets[i] != NULL; i++)
    g_assert_null (strstr (log_text->str, secrets[i]));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (record_log, NULL, NULL);
  g_log_set_debug_enabled (TRUE);
  stale_token = g_strdup_printf ("aw-stale-token-%08x", g_random_int ());
  aw_test_smtp_init ();

  g_test_add_func ("/online-accounts/no-service", test_no_service);
  g_test_add_func ("/online-accounts/provider-for-server", test_provider_for_server);
  g_test_add_func ("/online-accounts/listed-live", test_listed_live);
  g_test_add_func ("/online-accounts/send-google", test_send_google);
  g_test_add_func ("/online-accounts/stale-token", test_stale_token);
  g_test_add_func ("/online-accounts/renewal-fails", test_renewal_fails);
  g_test_add_func ("/online-accounts/renewed-token-refused", test_renewed_token_refused);
  g_test_add_func ("/online-accounts/cancel-while-signing-in", test_cancel_while_signing_in);
  g_test_add_func ("/online-accounts/password-account", test_password_account);
  g_test_add_func ("/online-accounts/no-sign-in", test_no_sign_in);
  g_test_add_func ("/online-accounts/no-secret-kept", test_no_secret_kept);

  status = g_test_run ();
  aw_test_smtp_shutdown ();
  g_string_free (log_text, TRUE);
  g_free (stale_token);
  return status;
}
