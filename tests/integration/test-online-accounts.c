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

#include <string.h>

#include <glib/gstdio.h>

#include "aw-history.h"
#include "aw-online-accounts.h"
#include "aw-sender.h"
#include "aw-test-async.h"
#include "aw-test-goa.h"
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
  if (!have_bus ())
    return FALSE;
#ifndef HAVE_GOA
  g_test_skip ("built without libgoa (-Donline_accounts=disabled)");
  return FALSE;
#else
  return TRUE;
#endif
}

/* Iterates the main context until check() holds; fails the test after WAIT_SECONDS */
static void
wait_until (gboolean  (*check) (gpointer data),
            gpointer    data,
            const char *what)
{
  aw_test_async_wait_until (check, data, WAIT_SECONDS, what);
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
  aw_sender_send_async (sender, draft, cancellable, aw_test_async_done, &result);
  aw_test_async_wait (&result);
  return aw_sender_send_finish (sender, result, error);
}

/* One case that sends: the fake service, its accounts, and what the send gave */
typedef struct
{
  GSubprocess      *fake;
  AwOnlineAccounts *accounts;
  AwHistoryEntry   *entry;
  GError           *error;
  guint             before;  /* messages the SMTP test server had for the port before */
} Case;

/* Starts the fake service; FALSE (the case skipped) without the bus or libgoa */
static gboolean
case_start (Case *c)
{
  if (!have_services ())
    return FALSE;
  c->fake = aw_test_goa_start ();
  return TRUE;
}

/* The fake service lists the account of @json_members; a send through it to the test
 * server's @mode port, Cancel pressed while signing in when @cancellable is set */
static void
case_send (Case         *c,
           const char   *json_members,
           const char   *mode,
           GCancellable *cancellable)
{
  aw_test_goa_add_account (json_members);
  c->accounts = load_accounts ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (c->accounts)), ==, 1);
  c->before = aw_test_smtp_count (mode);
  c->entry = send_cancellable (item (c->accounts, 0), cancellable, &c->error);
}

/* The same through a Google-like account signing in with @tokens_json */
static void
case_send_google (Case         *c,
                  const char   *tokens_json,
                  const char   *extra_members,
                  GCancellable *cancellable)
{
  g_autofree char *google = aw_test_goa_google_account ("account_g", tokens_json, extra_members);

  case_send (c, google, "starttls", cancellable);
}

static void
case_teardown (Case          *c,
               gconstpointer  data)
{
  if (c->fake != NULL)
    aw_test_goa_stop (c->fake);
  g_clear_object (&c->fake);
  g_clear_object (&c->accounts);
  g_clear_object (&c->entry);
  g_clear_error (&c->error);
}

/* The send reached the STARTTLS port once, signed in, from the account's address */
static void
assert_delivered_once (Case *c)
{
  g_autoptr(GBytes) received = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *text = NULL;
  g_autofree char *from = g_strdup_printf ("From: Sam Lee <%s>", aw_test_smtp_user ());

  g_assert_no_error (c->error);
  g_assert_nonnull (c->entry);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, c->before + 1);
  received = aw_test_smtp_message ("starttls", c->before + 1);
  text = g_strndup (g_bytes_get_data (received, NULL), g_bytes_get_size (received));
  g_assert_nonnull (strstr (text, from));
  envelope = aw_test_smtp_envelope ("starttls", c->before + 1);
  g_assert_nonnull (strstr (envelope, "\"authenticated\": true"));
  g_assert_nonnull (strstr (envelope, aw_test_smtp_user ()));
}

/* Nothing reached the STARTTLS port, and the send failed with @domain and @code */
static void
assert_not_sent (Case   *c,
                 GQuark  domain,
                 int     code)
{
  g_assert_null (c->entry);
  g_assert_error (c->error, domain, code);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, c->before);
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

  g_assert_false (aw_test_goa_running ());
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
  static const struct { const char *address, *host; AwOnlineProvider provider; } cases[] = {
    { "sam@gmail.com", NULL, AW_ONLINE_PROVIDER_GOOGLE },
    { "sam@GoogleMail.com", NULL, AW_ONLINE_PROVIDER_GOOGLE },
    { "sam@acme.example", "smtp.gmail.com", AW_ONLINE_PROVIDER_GOOGLE },
    { "sam@outlook.com", NULL, AW_ONLINE_PROVIDER_MICROSOFT },
    { "sam@hotmail.co.uk", NULL, AW_ONLINE_PROVIDER_MICROSOFT },
    { "sam@live.de", NULL, AW_ONLINE_PROVIDER_MICROSOFT },
    { "sam@acme.example", "smtp.office365.com", AW_ONLINE_PROVIDER_MICROSOFT },
    { "sam@acme.example", "smtp-mail.outlook.com", AW_ONLINE_PROVIDER_MICROSOFT },
    { "sam@acme.example", "mail.acme.example", AW_ONLINE_PROVIDER_NONE },
    { "sam@notgmail.com", "smtp.notgmail.com", AW_ONLINE_PROVIDER_NONE },
    { "sam@deliver.example", NULL, AW_ONLINE_PROVIDER_NONE },
    { NULL, NULL, AW_ONLINE_PROVIDER_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (aw_online_provider_for_server (cases[i].address, cases[i].host), ==,
                     cases[i].provider);
}

static void
test_listed_live (Case          *c,
                  gconstpointer  data)
{
  g_autofree char *google = NULL;
  AwOnlineAccount *account;

  if (!case_start (c))
    return;

  google = aw_test_goa_google_account ("account_g", "[\"t\"]", NULL);
  aw_test_goa_add_account (google);
  aw_test_goa_add_account ("\"id\": \"account_ms\", \"ProviderType\": \"windows_live\", "
                           "\"ProviderName\": \"Microsoft\", \"EmailAddress\": \"sam.lee@outlook.com\", "
                           "\"Name\": \"Sam Lee\", \"SmtpHost\": \"smtp-mail.outlook.com\", "
                           "\"SmtpUseTls\": true, \"SmtpUserName\": \"sam.lee@outlook.com\", "
                           "\"tokens\": [\"t\"]");
  /* not listed: mail switched off, no SMTP, a password account without a password */
  aw_test_goa_add_account ("\"id\": \"account_off\", \"EmailAddress\": \"off@example.org\", "
                           "\"MailDisabled\": true, \"tokens\": [\"t\"]");
  aw_test_goa_add_account ("\"id\": \"account_nosmtp\", \"EmailAddress\": \"no@example.org\", "
                           "\"SmtpSupported\": false, \"tokens\": [\"t\"]");
  aw_test_goa_add_account ("\"id\": \"account_nosecret\", \"ProviderType\": \"imap_smtp\", "
                           "\"oauth2\": false, \"EmailAddress\": \"x@example.org\", "
                           "\"SmtpHost\": \"mail.example.org\"");

  c->accounts = load_accounts ();
  g_assert_true (aw_online_accounts_get_available (c->accounts));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (c->accounts)), ==, 2);

  account = aw_online_accounts_lookup (c->accounts, "account_g");
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
    g_assert_true (aw_online_accounts_lookup_account_id (c->accounts,
                                                         aw_account_get_id (as_account)) == account);
    g_assert_null (aw_online_accounts_lookup_account_id (c->accounts, "account_g"));
  }

  account = aw_online_accounts_lookup (c->accounts, "account_ms");
  g_assert_nonnull (account);
  g_assert_cmpstr (aw_online_account_get_host (account), ==, "smtp-mail.outlook.com");
  g_assert_cmpuint (aw_online_account_get_port (account), ==, 587);
  g_assert_cmpstr (aw_credential_source_get_login (AW_CREDENTIAL_SOURCE (account)), ==,
                   "sam.lee@outlook.com");

  /* the account editor's offer: the Online Accounts account of a Gmail or Outlook.com address */
  g_assert_true (aw_online_accounts_find (c->accounts, AW_ONLINE_PROVIDER_GOOGLE, "APPLICANT@example.org")
                 == aw_online_accounts_lookup (c->accounts, "account_g"));
  g_assert_true (aw_online_accounts_find (c->accounts, AW_ONLINE_PROVIDER_MICROSOFT, "someone@hotmail.com")
                 == aw_online_accounts_lookup (c->accounts, "account_ms"));
  g_assert_null (aw_online_accounts_find (c->accounts, AW_ONLINE_PROVIDER_NONE, NULL));

  /* added while the list is shown */
  aw_test_goa_add_account ("\"id\": \"account_new\", \"ProviderType\": \"imap_smtp\", "
                           "\"ProviderName\": \"IMAP and SMTP\", \"oauth2\": false, \"password\": \"p\", "
                           "\"EmailAddress\": \"new@example.org\", \"SmtpHost\": \"mail.example.org\", "
                           "\"SmtpUseTls\": false, \"SmtpUseSsl\": true");
  wait_for_n_items (c->accounts, 3);
  account = item (c->accounts, 2);
  g_assert_cmpstr (aw_online_account_get_id (account), ==, "account_new");
  g_assert_cmpint (aw_online_account_get_security (account), ==, AW_ACCOUNT_SECURITY_TLS);
  g_assert_cmpuint (aw_online_account_get_port (account), ==, 465);
  g_assert_cmpint (aw_credential_source_get_kind (AW_CREDENTIAL_SOURCE (account)), ==,
                   AW_CREDENTIAL_KIND_PASSWORD);

  /* mail switched off in Settings, then on again */
  aw_test_goa_update_account ("account_ms", "{\"MailDisabled\": true}");
  wait_for_n_items (c->accounts, 2);
  g_assert_null (aw_online_accounts_lookup (c->accounts, "account_ms"));
  aw_test_goa_update_account ("account_ms", "{\"MailDisabled\": false}");
  wait_for_n_items (c->accounts, 3);

  /* needs attention: still listed, and says so */
  account = aw_online_accounts_lookup (c->accounts, "account_g");
  g_assert_false (aw_online_account_get_attention_needed (account));
  aw_test_goa_update_account ("account_g", "{\"AttentionNeeded\": true}");
  while (!aw_online_account_get_attention_needed (account))
    g_main_context_iteration (NULL, TRUE);

  /* removed in Settings */
  aw_test_goa_remove_account ("account_new");
  wait_for_n_items (c->accounts, 2);
  g_assert_null (aw_online_accounts_lookup (c->accounts, "account_new"));

  /* the service goes away: nothing left to send with */
  aw_test_goa_stop (c->fake);
  g_clear_object (&c->fake);
  wait_for_n_items (c->accounts, 0);
  g_assert_false (aw_online_accounts_get_available (c->accounts));
}

static void
test_send_google (Case          *c,
                  gconstpointer  data)
{
  g_autofree char *tokens = g_strdup_printf ("[\"%s\"]", aw_test_smtp_oauth2_token ());

  if (!case_start (c))
    return;

  case_send_google (c, tokens, NULL, NULL);
  assert_delivered_once (c);
  g_assert_cmpstr (aw_history_entry_get_sender_address (c->entry), ==, aw_test_smtp_user ());
  g_assert_cmpint (aw_test_goa_calls ("account_g", "GetAccessToken"), ==, 1);
  g_assert_cmpint (aw_test_goa_calls ("account_g", "EnsureCredentials"), ==, 0);
}

static void
test_stale_token (Case          *c,
                  gconstpointer  data)
{
  g_autofree char *tokens = g_strdup_printf ("[\"%s\", \"%s\"]", stale_token,
                                             aw_test_smtp_oauth2_token ());

  if (!case_start (c))
    return;

  case_send_google (c, tokens, NULL, NULL);
  assert_delivered_once (c);
  /* the cached token, EnsureCredentials, the fresh token: once each step */
  g_assert_cmpint (aw_test_goa_calls ("account_g", "GetAccessToken"), ==, 2);
  g_assert_cmpint (aw_test_goa_calls ("account_g", "EnsureCredentials"), ==, 1);
}

static void
test_renewal_fails (Case          *c,
                    gconstpointer  data)
{
  g_autofree char *tokens = g_strdup_printf ("[\"%s\"]", stale_token);
  g_autofree char *sentence = NULL;
  g_autoptr(AwAccount) account = NULL;
  AwOnlineAccount *online;

  if (!case_start (c))
    return;

  case_send_google (c, tokens, "\"ensure_fails\": true", NULL);
  assert_not_sent (c, AW_ONLINE_ACCOUNT_ERROR, AW_ONLINE_ACCOUNT_ERROR_SIGN_IN_AGAIN);
  g_assert_cmpint (aw_test_goa_calls ("account_g", "EnsureCredentials"), ==, 1);

  /* the sentence the send sheet shows, with the provider's name */
  online = item (c->accounts, 0);
  account = aw_online_account_to_account (online);
  sentence = aw_sender_describe_error (account, c->error);
  g_assert_cmpstr (sentence, ==, "Sign in to your Google account again in Settings → Online Accounts.");
  g_assert_null (strstr (sentence, stale_token));

  /* GOA marked the account; the list says so */
  while (!aw_online_account_get_attention_needed (online))
    g_main_context_iteration (NULL, TRUE);
}

/* Cancel while Online Accounts is still getting the token: stops at once, nothing sent */
static void
test_cancel_while_signing_in (Case          *c,
                              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *tokens = g_strdup_printf ("[\"%s\"]", aw_test_smtp_oauth2_token ());
  gint64 start;

  if (!case_start (c))
    return;

  start = g_get_monotonic_time ();
  case_send_google (c, tokens, "\"token_delay_ms\": 10000", cancellable);
  /* what the sender returns for any Cancel (GTask's check of the cancellable) */
  assert_not_sent (c, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (aw_test_goa_calls ("account_g", "GetAccessToken"), ==, 1);
}

/* The renewed token is refused too: one renewal only, then the server's answer */
static void
test_renewed_token_refused (Case          *c,
                            gconstpointer  data)
{
  g_autofree char *tokens = g_strdup_printf ("[\"%s\", \"%s-2\"]", stale_token, stale_token);
  g_autoptr(AwAccount) account = NULL;
  g_autofree char *sentence = NULL;

  if (!case_start (c))
    return;

  case_send_google (c, tokens, NULL, NULL);
  assert_not_sent (c, AW_SMTP_ERROR, AW_SMTP_ERROR_AUTH_FAILED);
  g_assert_cmpint (aw_test_goa_calls ("account_g", "EnsureCredentials"), ==, 1);
  g_assert_cmpint (aw_test_goa_calls ("account_g", "GetAccessToken"), ==, 2);

  /* no advice about app passwords for an Online Accounts account */
  account = aw_online_account_to_account (item (c->accounts, 0));
  aw_account_set_host (account, "smtp.gmail.com");  /* as for the real Google account */
  sentence = aw_sender_describe_error (account, c->error);
  g_assert_null (strstr (sentence, "app password"));
}

/* The JSON members of an IMAP and SMTP account of the test user with @password, on the
 * SMTP test server's @mode port; @more: the members that differ */
static char *
imap_smtp_account (const char *id,
                   const char *password,
                   const char *mode,
                   const char *more)
{
  return g_strdup_printf ("\"id\": \"%s\", \"ProviderType\": \"imap_smtp\", "
                          "\"ProviderName\": \"IMAP and SMTP\", \"oauth2\": false, "
                          "\"password\": \"%s\", \"EmailAddress\": \"%s\", "
                          "\"SmtpHost\": \"localhost:%u\", %s",
                          id, password, aw_test_smtp_user (), aw_test_smtp_port (mode), more);
}

static void
test_password_account (Case          *c,
                       gconstpointer  data)
{
  g_autofree char *more = g_strdup_printf ("\"Name\": \"Sam Lee\", \"SmtpUseTls\": true, "
                                           "\"SmtpUserName\": \"%s\", \"SmtpAuthPlain\": true",
                                           aw_test_smtp_user ());
  g_autofree char *members = imap_smtp_account ("account_imap", aw_test_smtp_password (),
                                                "starttls", more);

  if (!case_start (c))
    return;

  case_send (c, members, "starttls", NULL);
  assert_delivered_once (c);
  g_assert_cmpint (aw_test_goa_calls ("account_imap", "GetPassword"), ==, 1);
}

/* An IMAP/SMTP account whose server wants no sign-in (here a relay on this computer):
 * sent without asking Online Accounts for anything */
static void
test_no_sign_in (Case          *c,
                 gconstpointer  data)
{
  g_autofree char *members = imap_smtp_account ("account_relay", "unused", "plain",
                                                "\"SmtpUseTls\": false, \"SmtpUseAuth\": false");

  if (!case_start (c))
    return;

  case_send (c, members, "plain", NULL);
  g_assert_cmpint (aw_online_account_get_security (item (c->accounts, 0)), ==,
                   AW_ACCOUNT_SECURITY_NONE);
  g_assert_cmpuint (aw_online_account_get_port (item (c->accounts, 0)), ==,
                    aw_test_smtp_port ("plain"));
  g_assert_no_error (c->error);
  g_assert_cmpuint (aw_test_smtp_count ("plain"), ==, c->before + 1);
  g_assert_cmpint (aw_test_goa_calls ("account_relay", "GetPassword"), ==, 0);
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

#define ADD_CASE(name, test) \
  g_test_add ("/online-accounts/" name, Case, NULL, NULL, test, case_teardown)
  g_test_add_func ("/online-accounts/no-service", test_no_service);
  g_test_add_func ("/online-accounts/provider-for-server", test_provider_for_server);
  ADD_CASE ("listed-live", test_listed_live);
  ADD_CASE ("send-google", test_send_google);
  ADD_CASE ("stale-token", test_stale_token);
  ADD_CASE ("renewal-fails", test_renewal_fails);
  ADD_CASE ("renewed-token-refused", test_renewed_token_refused);
  ADD_CASE ("cancel-while-signing-in", test_cancel_while_signing_in);
  ADD_CASE ("password-account", test_password_account);
  ADD_CASE ("no-sign-in", test_no_sign_in);
  g_test_add_func ("/online-accounts/no-secret-kept", test_no_secret_kept);

  status = g_test_run ();
  aw_test_smtp_shutdown ();
  g_string_free (log_text, TRUE);
  g_free (stale_token);
  return status;
}
