/* test-draft.c: the draft model, its JSON and its field checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "aw-address.h"
#include "aw-draft.h"
#include "aw-draft-writer.h"

static AwDraft *
filled_draft (void)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_sender_name (draft, "Alex Morgan");
  aw_draft_set_recipient_name (draft, "Dana Weber");
  aw_draft_set_recipient_address (draft, "dana.weber@example.com");
  aw_draft_set_company (draft, "Acme");
  aw_draft_set_role (draft, "Data Engineer");
  return draft;
}

static void
test_defaults (void)
{
  g_autoptr(AwDraft) a = aw_draft_new ();
  g_autoptr(AwDraft) b = aw_draft_new ();

  g_assert_cmpstr (aw_draft_get_id (a), !=, aw_draft_get_id (b));
  g_assert_true (g_uuid_string_is_valid (aw_draft_get_id (a)));
  g_assert_cmpint (aw_draft_get_tone (a), ==, AW_TONE_WARM);
  g_assert_cmpint (aw_draft_get_stage (a), ==, AW_STAGE_INTERVIEW);
  g_assert_cmpint (aw_draft_get_salutation (a), ==, AW_SALUTATION_UNKNOWN);
  g_assert_true (aw_draft_get_ask_feedback (a));
  g_assert_true (aw_draft_get_open_to_future (a));
  g_assert_false (aw_draft_get_stay_in_touch (a));
  g_assert_cmpstr (aw_draft_get_subject (a), ==, "");
  g_assert_nonnull (aw_draft_get_dismissed (a));
  g_assert_null (aw_draft_get_dismissed (a)[0]);
  g_assert_true (aw_draft_is_empty (a));
  g_assert_false (aw_draft_is_context_valid (a));
  g_assert_true (aw_draft_writer_has_language (aw_draft_get_language (a)));
}

typedef struct
{
  GPtrArray *names;
} Notifications;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  Notifications *n = user_data;

  g_ptr_array_add (n->names, g_strdup (pspec->name));
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(AwDraft) draft = aw_draft_new ();
  g_autoptr(GDateTime) before = NULL;
  Notifications n = { g_ptr_array_new_with_free_func (g_free) };

  /* An old modified time, so the change is visible even within one microsecond */
  before = g_date_time_new_from_iso8601 ("2020-01-01T00:00:00Z", NULL);
  aw_draft_set_modified (draft, before);

  g_signal_connect (draft, "notify", G_CALLBACK (on_notify), &n);

  aw_draft_set_company (draft, "Acme");
  g_assert_cmpuint (n.names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (n.names, 0), ==, "company");
  g_assert_cmpstr (g_ptr_array_index (n.names, 1), ==, "modified");
  g_assert_cmpint (g_date_time_compare (aw_draft_get_modified (draft), before), >, 0);

  /* Same value: nothing */
  aw_draft_set_company (draft, "Acme");
  aw_draft_set_tone (draft, AW_TONE_WARM);
  aw_draft_set_ask_feedback (draft, TRUE);
  g_assert_cmpuint (n.names->len, ==, 2);

  /* NULL and "" are the same answer */
  aw_draft_set_detail (draft, NULL);
  aw_draft_set_detail (draft, "");
  g_assert_cmpuint (n.names->len, ==, 2);

  g_object_set (draft, "tone", AW_TONE_BRIEF, NULL);
  /* (g_object_set queues the notifications: order is GObject's) */
  g_assert_cmpuint (n.names->len, ==, 4);
  g_assert_true (g_str_equal (g_ptr_array_index (n.names, 2), "tone") ||
                 g_str_equal (g_ptr_array_index (n.names, 3), "tone"));
  g_assert_cmpint (aw_draft_get_tone (draft), ==, AW_TONE_BRIEF);

  g_ptr_array_unref (n.names);
}

static void
test_json_round_trip (void)
{
  g_autoptr(AwDraft) draft = filled_draft ();
  g_autoptr(AwDraft) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = aw_draft_make_finding_key ("pushy", "reconsider");

  aw_draft_set_salutation (draft, AW_SALUTATION_FEMALE);
  aw_draft_set_stage (draft, AW_STAGE_TRIAL_DAY);
  aw_draft_set_tone (draft, AW_TONE_FORMAL);
  aw_draft_set_language (draft, "de");
  aw_draft_set_detail (draft, "das Gespräch über „Daten“ {role}\nzweite Zeile");
  aw_draft_set_posting_url (draft, "https://jobs.example.com/123");
  aw_draft_set_ask_feedback (draft, FALSE);
  aw_draft_set_feedback_area (draft, "die Fallstudie");
  aw_draft_set_open_to_future (draft, FALSE);
  aw_draft_set_stay_in_touch (draft, TRUE);
  aw_draft_set_subject (draft, "Betreff");
  aw_draft_set_body (draft, "Text\n\nmit Absätzen 😀");
  g_assert_true (aw_draft_dismiss (draft, key));
  g_assert_false (aw_draft_dismiss (draft, key));
  g_assert_true (aw_draft_dismiss (draft, "too-long:"));

  node = aw_draft_to_json (draft);
  copy = aw_draft_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  g_assert_cmpstr (aw_draft_get_id (copy), ==, aw_draft_get_id (draft));
  g_assert_cmpstr (aw_draft_get_sender_name (copy), ==, "Alex Morgan");
  g_assert_cmpstr (aw_draft_get_recipient_address (copy), ==, "dana.weber@example.com");
  g_assert_cmpint (aw_draft_get_salutation (copy), ==, AW_SALUTATION_FEMALE);
  g_assert_cmpint (aw_draft_get_stage (copy), ==, AW_STAGE_TRIAL_DAY);
  g_assert_cmpint (aw_draft_get_tone (copy), ==, AW_TONE_FORMAL);
  g_assert_cmpstr (aw_draft_get_language (copy), ==, "de");
  g_assert_cmpstr (aw_draft_get_detail (copy), ==, aw_draft_get_detail (draft));
  g_assert_cmpstr (aw_draft_get_posting_url (copy), ==, "https://jobs.example.com/123");
  g_assert_false (aw_draft_get_ask_feedback (copy));
  g_assert_cmpstr (aw_draft_get_feedback_area (copy), ==, "die Fallstudie");
  g_assert_false (aw_draft_get_open_to_future (copy));
  g_assert_true (aw_draft_get_stay_in_touch (copy));
  g_assert_cmpstr (aw_draft_get_subject (copy), ==, "Betreff");
  g_assert_cmpstr (aw_draft_get_body (copy), ==, "Text\n\nmit Absätzen 😀");
  g_assert_true (aw_draft_is_dismissed (copy, "pushy:reconsider"));
  g_assert_true (aw_draft_is_dismissed (copy, "too-long:"));
  g_assert_false (aw_draft_is_dismissed (copy, "pushy:reconsider it"));
  g_assert_cmpuint (g_strv_length ((char **) aw_draft_get_dismissed (copy)), ==, 2);
  /* Times survive to the microsecond */
  g_assert_true (g_date_time_equal (aw_draft_get_created (copy), aw_draft_get_created (draft)));
  g_assert_true (g_date_time_equal (aw_draft_get_modified (copy), aw_draft_get_modified (draft)));

  /* And the JSON of the copy is the same JSON */
  again = aw_draft_to_json (copy);
  g_assert_true (json_node_equal (node, again));
}

static void
test_json_rejects (void)
{
  static const char *bad[] = {
    "[]",
    "{}",
    "{\"id\": \"../../etc/passwd\"}",
    "{\"id\": \"abc\", \"stage\": \"hired\"}",
    "{\"id\": \"abc\", \"tone\": 3}",
    "{\"id\": \"abc\", \"ask_feedback\": \"yes\"}",
    "{\"id\": \"abc\", \"modified\": \"yesterday\"}",
    "{\"id\": \"abc\", \"dismissed\": [1, 2]}",
    "{\"id\": \"abc\", \"body\": {\"text\": \"x\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(AwDraft) draft = NULL;

      g_assert_nonnull (node);
      draft = aw_draft_new_from_json (node, &error);
      g_assert_null (draft);
      g_assert_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID);
    }
}

static void
test_json_minimal (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"id\": \"abc-1\", \"company\": \"Acme\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwDraft) draft = aw_draft_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (aw_draft_get_id (draft), ==, "abc-1");
  g_assert_cmpstr (aw_draft_get_company (draft), ==, "Acme");
  g_assert_cmpint (aw_draft_get_tone (draft), ==, AW_TONE_WARM);
  g_assert_nonnull (aw_draft_get_modified (draft));
}

static void
test_context_valid (void)
{
  g_autoptr(AwDraft) draft = filled_draft ();

  g_assert_true (aw_draft_is_context_valid (draft));
  g_assert_false (aw_draft_is_empty (draft));

  aw_draft_set_posting_url (draft, "ftp://example.com/job");
  g_assert_false (aw_draft_is_context_valid (draft));
  aw_draft_set_posting_url (draft, "https://example.com/job?id=1");
  g_assert_true (aw_draft_is_context_valid (draft));

  aw_draft_set_recipient_address (draft, "dana.weber@example");
  g_assert_false (aw_draft_is_context_valid (draft));
  aw_draft_set_recipient_address (draft, "  dana@example.com ");
  g_assert_true (aw_draft_is_context_valid (draft));

  aw_draft_set_role (draft, "   ");
  g_assert_false (aw_draft_is_context_valid (draft));
  aw_draft_set_role (draft, "Data Engineer");
  aw_draft_set_sender_name (draft, "");
  g_assert_false (aw_draft_is_context_valid (draft));
}

static void
test_address_and_url_checks (void)
{
  static const char *good_addresses[] = {
    "a@b.co", "dana.weber+jobs@example.com", "x_y@sub.example.org", "jörg@bücher.de",
  };
  static const char *bad_addresses[] = {
    "", "dana", "@example.com", "dana@", "dana@example", "dana@@example.com",
    "da na@example.com", "dana@example..com", "dana@.example.com", "dana@example.com.",
    ".dana@example.com", "dana.@example.com", "<dana@example.com>", "dana@exa mple.com",
  };
  static const char *good_urls[] = {
    "https://jobs.example.com/1", "http://127.0.0.1:8080/x", "HTTPS://EXAMPLE.COM",
  };
  static const char *bad_urls[] = {
    "", "example.com/job", "ftp://example.com", "javascript:alert(1)", "https://",
    "file:///etc/passwd", "mailto:dana@example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good_addresses); i++)
    g_assert_true (aw_address_is_valid (good_addresses[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad_addresses); i++)
    g_assert_false (aw_address_is_valid (bad_addresses[i]));
  for (guint i = 0; i < G_N_ELEMENTS (good_urls); i++)
    g_assert_true (aw_draft_url_is_valid (good_urls[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    g_assert_false (aw_draft_url_is_valid (bad_urls[i]));
}

static void
test_default_language (void)
{
  static const struct { const char *language; const char *lc_all; const char *expected; } cases[] = {
    { "de_DE:en", NULL, "de" },
    { "pt_BR", NULL, "pt_BR" },
    { "pt_PT:pt", NULL, "pt_BR" },
    { "fr_CA.UTF-8", NULL, "fr" },
    { "nl:it", NULL, "it" },
    { NULL, "es_ES.UTF-8", "es" },
    { NULL, "it_IT@euro", "it" },
    { NULL, "nl_NL.UTF-8", "en" },
    { NULL, "C", "en" },
    { NULL, NULL, "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AwDraft) draft = NULL;

      g_unsetenv ("LC_MESSAGES");
      g_unsetenv ("LANG");
      if (cases[i].language)
        g_setenv ("LANGUAGE", cases[i].language, TRUE);
      else
        g_unsetenv ("LANGUAGE");
      if (cases[i].lc_all)
        g_setenv ("LC_ALL", cases[i].lc_all, TRUE);
      else
        g_unsetenv ("LC_ALL");

      g_assert_cmpstr (aw_draft_get_default_language (), ==, cases[i].expected);
      draft = aw_draft_new ();
      g_assert_cmpstr (aw_draft_get_language (draft), ==, cases[i].expected);
    }
}

static void
test_enum_strings (void)
{
  AwStage stage;
  AwTone tone;
  AwSalutation salutation;

  for (AwStage s = AW_STAGE_APPLIED; s <= AW_STAGE_TRIAL_DAY; s++)
    {
      g_assert_true (aw_stage_from_string (aw_stage_to_string (s), &stage));
      g_assert_cmpint (stage, ==, s);
      g_assert_nonnull (aw_stage_get_label (s));
    }
  for (AwTone t = AW_TONE_WARM; t <= AW_TONE_BRIEF; t++)
    {
      g_assert_true (aw_tone_from_string (aw_tone_to_string (t), &tone));
      g_assert_cmpint (tone, ==, t);
      g_assert_nonnull (aw_tone_get_label (t));
    }
  for (AwSalutation s = AW_SALUTATION_UNKNOWN; s <= AW_SALUTATION_MALE; s++)
    {
      g_assert_true (aw_salutation_from_string (aw_salutation_to_string (s), &salutation));
      g_assert_cmpint (salutation, ==, s);
    }
  g_assert_false (aw_stage_from_string ("hired", &stage));
  g_assert_false (aw_tone_from_string (NULL, &tone));
  g_assert_cmpstr (aw_stage_to_string (AW_STAGE_PHONE_SCREEN), ==, "phone-screen");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/draft/defaults", test_defaults);
  g_test_add_func ("/draft/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/draft/json/round-trip", test_json_round_trip);
  g_test_add_func ("/draft/json/rejects", test_json_rejects);
  g_test_add_func ("/draft/json/minimal", test_json_minimal);
  g_test_add_func ("/draft/context-valid", test_context_valid);
  g_test_add_func ("/draft/address-and-url-checks", test_address_and_url_checks);
  g_test_add_func ("/draft/default-language", test_default_language);
  g_test_add_func ("/draft/enum-strings", test_enum_strings);

  return g_test_run ();
}
