/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sender.c: one follow-up goes out once, through the keyring and the real test SMTP
 * server, and lands in the history with the exact bytes
 */
#include "config.h"

#include <string.h>

#include "aw-core-data.h"
#include "aw-password-store.h"
#include "aw-sender.h"
#include "aw-test-async.h"
#include "aw-test-smtp.h"

static AwAccount *
make_account (const char *mode)
{
  AwAccount *account = aw_account_new ();

  aw_account_set_id (account, mode);
  aw_account_set_display_name (account, "Sam Lee");
  aw_account_set_address (account, "applicant@example.org");
  aw_account_set_host (account, "localhost");
  aw_account_set_port (account, aw_test_smtp_port (mode));
  aw_account_set_security (account, g_str_equal (mode, "implicit-tls")
                           ? AW_ACCOUNT_SECURITY_TLS : AW_ACCOUNT_SECURITY_STARTTLS);
  aw_account_set_username (account, aw_test_smtp_user ());
  return account;
}

static AwDraft *
make_draft (const char *address)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_sender_name (draft, "Sam Lee");
  aw_draft_set_recipient_name (draft, "Dana Ruiz");
  aw_draft_set_recipient_address (draft, address);
  aw_draft_set_company (draft, "Acme");
  aw_draft_set_role (draft, "Product Designer");
  aw_draft_set_subject (draft, "Thank you for your time");
  aw_draft_set_body (draft, "Dear Dana,\n\nThank you for the conversations about the role.\n"
                            "I would welcome any feedback.\n\nBest regards,\nSam");
  return draft;
}

static void
store_password (AwAccount *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  aw_password_store_store_async (aw_account_get_host (account), aw_account_get_port (account),
                                 aw_account_get_login (account), aw_test_smtp_password (),
                                 NULL, aw_test_async_done, &result);
  g_assert_true (aw_password_store_store_finish (aw_test_async_wait (&result), &error));
  g_assert_no_error (error);
}

/* A sender for @account with its password in the keyring, trusting the test CA */
static AwSender *
make_sender (AwAccount *account,
             AwHistory *history)
{
  AwSender *sender;

  store_password (account);
  sender = aw_sender_new (account, history);
  aw_sender_set_tls_database (sender, aw_test_smtp_tls_database ());
  return sender;
}

static AwHistoryEntry *
send (AwSender  *sender,
      AwDraft   *draft,
      GArray    *stages,
      GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aw_sender_send_async (sender, draft, NULL, aw_test_async_done, &result);
  return aw_sender_send_finish (sender, aw_test_async_wait (&result), error);
}

static void
on_stage (AwSender      *sender,
          AwSenderStage  stage,
          GArray        *stages)
{
  g_array_append_val (stages, stage);
}

static gboolean
have_services (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: run through build-aux/test.sh");
      return FALSE;
    }
  return TRUE;
}

static void
test_send_records_history (void)
{
  g_autoptr(AwAccount) account = make_account ("starttls");
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(AwSender) sender = NULL;
  g_autoptr(AwDraft) draft = make_draft ("dana@acme.example");
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stages = g_array_new (FALSE, FALSE, sizeof (AwSenderStage));
  g_autoptr(GBytes) received = NULL;
  g_autoptr(GFile) eml = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *envelope = NULL;
  gsize stored_length;
  guint before;

  if (!have_services ())
    return;

  sender = make_sender (account, history);
  g_signal_connect (sender, "stage-changed", G_CALLBACK (on_stage), stages);

  before = aw_test_smtp_count ("starttls");
  entry = send (sender, draft, stages, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before + 1);

  /* every stage, in order */
  g_assert_cmpuint (stages->len, >=, 6);
  g_assert_cmpint (g_array_index (stages, AwSenderStage, 0), ==, AW_SENDER_STAGE_PASSWORD);
  g_assert_cmpint (g_array_index (stages, AwSenderStage, 1), ==, AW_SENDER_STAGE_CONNECTING);
  g_assert_cmpint (g_array_index (stages, AwSenderStage, stages->len - 2), ==, AW_SENDER_STAGE_RECORDING);
  g_assert_cmpint (g_array_index (stages, AwSenderStage, stages->len - 1), ==, AW_SENDER_STAGE_DONE);
  g_assert_false (aw_sender_get_busy (sender));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  g_assert_cmpstr (aw_history_entry_get_recipient_address (entry), ==, "dana@acme.example");
  g_assert_cmpstr (aw_history_entry_get_company (entry), ==, "Acme");
  g_assert_cmpint (aw_history_entry_get_status (entry), ==, AW_HISTORY_STATUS_SENT);
  g_assert_true (aw_history_find_previous (history, "dana@acme.example", NULL) == entry);

  /* the .eml is the message the server received */
  received = aw_test_smtp_message ("starttls", before + 1);
  eml = aw_history_get_eml_file (history, entry);
  g_assert_true (g_file_load_contents (eml, NULL, &stored, &stored_length, NULL, NULL));
  g_assert_cmpmem (stored, stored_length, g_bytes_get_data (received, NULL), g_bytes_get_size (received));
  g_assert_nonnull (g_strstr_len (stored, stored_length, aw_history_entry_get_message_id (entry)));
  envelope = aw_test_smtp_envelope ("starttls", before + 1);
  g_assert_nonnull (strstr (envelope, "dana@acme.example"));
}

static void
test_wrong_password (void)
{
  g_autoptr(AwAccount) account = make_account ("auth-535");
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(AwSender) sender = NULL;
  g_autoptr(AwDraft) draft = make_draft ("dana@acme.example");
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  if (!have_services ())
    return;

  sender = make_sender (account, history);
  entry = send (sender, draft, NULL, &error);
  g_assert_null (entry);
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_AUTH_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  sentence = aw_sender_describe_error (account, error);
  g_assert_nonnull (sentence);
  g_assert_null (strstr (sentence, aw_test_smtp_password ()));
  g_test_message ("535: %s", sentence);
}

static void
test_delivery_uncertain_is_recorded (void)
{
  g_autoptr(AwAccount) account = make_account ("disconnect-after-dot");
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(AwSender) sender = NULL;
  g_autoptr(AwDraft) draft = make_draft ("jobs@globex.example");
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(AwHistoryEntry) recorded = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_services ())
    return;

  sender = aw_sender_new (account, history);
  aw_sender_set_password (sender, aw_test_smtp_password ());
  aw_sender_set_tls_database (sender, aw_test_smtp_tls_database ());
  entry = send (sender, draft, NULL, &error);
  g_assert_null (entry);
  g_assert_error (error, AW_SMTP_ERROR, AW_SMTP_ERROR_DELIVERY_UNCERTAIN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  recorded = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_assert_cmpint (aw_history_entry_get_status (recorded), ==, AW_HISTORY_STATUS_DELIVERY_UNCERTAIN);
}

static void
test_no_password_saved (void)
{
  g_autoptr(AwAccount) account = make_account ("starttls");
  g_autoptr(AwHistory) history = NULL;
  g_autoptr(AwSender) sender = NULL;
  g_autoptr(AwDraft) draft = make_draft ("dana@acme.example");
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  if (!have_services ())
    return;

  aw_account_set_username (account, "nobody-saved-this@example.org");
  history = aw_history_new (NULL);
  sender = aw_sender_new (account, history);
  before = aw_test_smtp_count ("starttls");
  entry = send (sender, draft, NULL, &error);
  g_assert_error (error, AW_SENDER_ERROR, AW_SENDER_ERROR_NO_PASSWORD);
  g_assert_cmpuint (aw_test_smtp_count ("starttls"), ==, before);
}

static void
test_invalid_draft (void)
{
  g_autoptr(AwAccount) account = make_account ("starttls");
  g_autoptr(AwSender) sender = aw_sender_new (account, NULL);
  g_autoptr(AwDraft) draft = make_draft ("not an address");
  g_autoptr(AwHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = send (sender, draft, NULL, &error);
  g_assert_null (entry);
  g_assert_error (error, AW_MESSAGE_ERROR, AW_MESSAGE_ERROR_TO);
}

/* Recipient texts that would smuggle in a second address (issue 13, 2.5) */
static const char *smuggled[] = {
  "dana@acme.example, evil@attacker.example",
  "dana@acme.example,evil@attacker.example",
  "<dana@acme.example, evil@attacker.example>",
  "Dana Ruiz <dana@acme.example>, Evil <evil@attacker.example>",
  "\"Dana Ruiz\" <dana@acme.example, evil@attacker.example>",
  "Team: dana@acme.example, evil@attacker.example;",
  "dana@acme.example\r\nRCPT TO:<evil@attacker.example>",
  "\"dana,evil@attacker.example\"@acme.example",
};

/* Nothing the server stored since before is addressed to the attacker (other test
 * programs may share the server, so this reads what came in rather than counting) */
static void
assert_nothing_for_attacker (guint before)
{
  guint n = aw_test_smtp_count ("starttls");
  guint i;

  for (i = before + 1; i <= n; i++)
    {
      g_autofree char *envelope = aw_test_smtp_envelope ("starttls", i);
      g_autoptr(GBytes) message = aw_test_smtp_message ("starttls", i);

      g_assert_null (strstr (envelope, "attacker.example"));
      g_assert_null (g_strstr_len (g_bytes_get_data (message, NULL), g_bytes_get_size (message),
                                   "evil@attacker.example"));
    }
}

/* What is tried with a draft: building its message, or sending it */
typedef GObject *(*Attempt) (gpointer  target,
                             AwDraft  *draft,
                             GError  **error);

/* For each smuggled recipient, a draft made by @make is refused by @attempt: no result,
 * AW_MESSAGE_ERROR_TO */
static void
refuse_each_smuggled (AwDraft *(*make) (const char *recipient),
                      Attempt   attempt,
                      gpointer  target)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (smuggled); i++)
    {
      g_autoptr(AwDraft) draft = make (smuggled[i]);
      g_autoptr(GObject) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = NULL;

      g_test_message ("recipient: %s", escaped = g_strescape (smuggled[i], NULL));
      result = attempt (target, draft, &error);
      g_assert_null (result);
      g_assert_error (error, AW_MESSAGE_ERROR, AW_MESSAGE_ERROR_TO);
    }
}

static GObject *
attempt_build (gpointer   account,
               AwDraft   *draft,
               GError   **error)
{
  return (GObject *) aw_sender_build_message (account, draft, error);
}

static GObject *
attempt_send (gpointer   sender,
              AwDraft   *draft,
              GError   **error)
{
  return (GObject *) send (sender, draft, NULL, error);
}

static void
test_build_requires_one_address (void)
{
  g_autoptr(AwAccount) account = make_account ("starttls");

  refuse_each_smuggled (make_draft, attempt_build, account);

  /* A name cannot open a second address either: it is quoted as a whole */
  {
    g_autoptr(AwDraft) draft = make_draft (" dana@acme.example ");
    g_autoptr(AwMessage) message = NULL;
    g_auto(GStrv) recipients = NULL;
    g_autoptr(GError) error = NULL;

    aw_draft_set_recipient_name (draft, "Dana\", evil@attacker.example, \"Ruiz");
    message = aw_sender_build_message (account, draft, &error);
    g_assert_no_error (error);
    recipients = aw_message_get_recipients (message);
    g_assert_cmpuint (g_strv_length (recipients), ==, 1);
    g_assert_cmpstr (recipients[0], ==, "dana@acme.example");
  }
}

/* Sends a draft made by @make for each smuggled recipient: each is refused before the
 * server, nothing is recorded, nothing reaches the attacker. */
static void
assert_smuggled_refused (AwDraft *(*make) (const char *recipient))
{
  g_autoptr(AwAccount) account = make_account ("starttls");
  g_autoptr(AwHistory) history = aw_history_new (NULL);
  g_autoptr(AwSender) sender = make_sender (account, history);
  guint before = aw_test_smtp_count ("starttls");

  refuse_each_smuggled (make, attempt_send, sender);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  assert_nothing_for_attacker (before);
}

static void
test_send_refuses_smuggled_recipients (void)
{
  if (have_services ())
    assert_smuggled_refused (make_draft);
}

/* A draft read back from a draft file whose recipient was edited by hand */
static AwDraft *
make_draft_from_json (const char *recipient)
{
  g_autoptr(AwDraft) original = make_draft ("dana@acme.example");
  g_autoptr(JsonNode) node = aw_draft_to_json (original);
  g_autoptr(JsonNode) loaded_node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AwDraft *draft;

  json_object_set_string_member (json_node_get_object (node), "recipient_address", recipient);
  text = json_to_string (node, FALSE);
  loaded_node = json_from_string (text, &error);
  g_assert_no_error (error);
  draft = aw_draft_new_from_json (loaded_node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_draft_get_recipient_address (draft), ==, recipient);
  return draft;
}

/* A draft file edited by hand or written by another version never passed the wizard */
static void
test_send_refuses_smuggled_recipients_from_json (void)
{
  if (have_services ())
    assert_smuggled_refused (make_draft_from_json);
}

/* The sign-in advice of data/providers.json: by server or address, never for an Online
 * Accounts account, and the plain sentence for everyone else */
static void
test_provider_advice (void)
{
  const struct { const char *id, *host, *address, *expected; } cases[] = {
    { "a", "smtp.gmail.com", "sam@example.org", "Gmail needs an app password" },
    { "b", "mail.example.org", "sam@googlemail.com", "Gmail needs an app password" },
    { "c", "smtp.mail.me.com", "sam@example.org", "iCloud Mail needs an app-specific password" },
    { "d", "smtp.office365.com", "sam@firma.example", "Outlook and Hotmail accept only OAuth" },
    { "e", "smtp-mail.outlook.com", "sam@live.com", "Outlook and Hotmail accept only OAuth" },
    { "goa:gmail", "smtp.gmail.com", "sam@gmail.com", NULL },
    { "f", "mail.example.org", "sam@example.org", NULL },
  };
  g_autoptr(GError) refused = g_error_new_literal (AW_SMTP_ERROR, AW_SMTP_ERROR_AUTH_FAILED, "535");
  g_autofree char *plain = aw_smtp_error_describe (refused);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AwAccount) account = aw_account_new ();
      g_autofree char *sentence = NULL;

      aw_account_set_id (account, cases[i].id);
      aw_account_set_host (account, cases[i].host);
      aw_account_set_address (account, cases[i].address);
      sentence = aw_sender_describe_error (account, refused);
      if (cases[i].expected != NULL)
        g_assert_true (g_str_has_prefix (sentence, cases[i].expected));
      else
        g_assert_cmpstr (sentence, ==, plain);
    }
}

/* The msgids of a .po file (active entries only); the text between quotes is kept as
 * written, escapes and all */
static GHashTable *
po_msgids (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *id = NULL;
  int i;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "msgid \""))
        {
          id = g_string_new (NULL);
          line += strlen ("msgid ");
        }
      else if (id == NULL || line[0] != '"')
        {
          if (id != NULL)
            g_hash_table_add (ids, g_string_free (g_steal_pointer (&id), FALSE));
          continue;
        }
      g_string_append_len (id, line + 1, (gssize) strlen (line) - 2);
    }
  return ids;
}

/* The advice strings live in data/providers.json, where xgettext does not look: each
 * must still be in every translation, or it would show in English. */
static void
test_provider_advice_translated (void)
{
  g_autoptr(GBytes) bytes = aw_core_data_lookup ("providers.json", NULL);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  JsonArray *providers = json_object_get_array_member (json_node_get_object (root), "providers");
  const char *root_dir = g_getenv ("AFTERWORD_SOURCE_ROOT");
  g_autofree char *linguas_path = NULL;
  g_autofree char *linguas = NULL;
  g_auto(GStrv) languages = NULL;
  guint n_advice = 0;
  int l;

  if (root_dir == NULL)
    {
      g_test_skip ("AFTERWORD_SOURCE_ROOT is not set");
      return;
    }
  linguas_path = g_build_filename (root_dir, "po", "LINGUAS", NULL);
  g_assert_true (g_file_get_contents (linguas_path, &linguas, NULL, NULL));
  languages = g_strsplit (g_strstrip (linguas), "\n", -1);
  for (l = 0; languages[l] != NULL; l++)
    {
      g_autofree char *po = g_strdup_printf ("%s.po", g_strstrip (languages[l]));
      g_autofree char *path = g_build_filename (root_dir, "po", po, NULL);
      g_autoptr(GHashTable) ids = po_msgids (path);
      guint i;

      for (i = 0; i < json_array_get_length (providers); i++)
        {
          JsonObject *provider = json_array_get_object_element (providers, i);
          const char *advice = json_object_get_string_member_with_default (provider, "advice", NULL);

          if (advice == NULL)
            continue;
          n_advice++;
          if (!g_hash_table_contains (ids, advice))
            g_error ("%s has no translation of “%s”", po, advice);
        }
    }
  g_assert_cmpuint (n_advice, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The isolated XDG folders hide GNOME's proxy settings schema: no proxy here. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  aw_test_smtp_init ();

  g_test_add_func ("/sender/send-records-history", test_send_records_history);
  g_test_add_func ("/sender/wrong-password", test_wrong_password);
  g_test_add_func ("/sender/delivery-uncertain", test_delivery_uncertain_is_recorded);
  g_test_add_func ("/sender/no-password-saved", test_no_password_saved);
  g_test_add_func ("/sender/invalid-draft", test_invalid_draft);
  g_test_add_func ("/sender/build-requires-one-address", test_build_requires_one_address);
  g_test_add_func ("/sender/smuggled-recipients", test_send_refuses_smuggled_recipients);
  g_test_add_func ("/sender/smuggled-recipients-from-json", test_send_refuses_smuggled_recipients_from_json);
  g_test_add_func ("/sender/provider-advice", test_provider_advice);
  g_test_add_func ("/sender/provider-advice-translated", test_provider_advice_translated);

  status = g_test_run ();
  aw_test_smtp_shutdown ();
  return status;
}
