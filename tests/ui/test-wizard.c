/* test-wizard.c: the wizard through its real widgets, from the start page to a draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-application.h"
#include "aw-draft-row.h"
#include "aw-send-dialog.h"
#include "aw-editor-page-private.h"
#include "aw-guidance-panel-private.h"
#include "aw-guidance.h"
#include "aw-test-http.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"
#include "aw-validated-entry.h"
#include "aw-window.h"
#include "aw-wizard.h"

static AwApplication *app;

/* Saves a PNG of @widget once layout and painting have settled */
static void
shot (GtkWidget  *widget,
      const char *name)
{
  aw_test_ui_iterate (200);
  g_free (aw_test_ui_save_screenshot (widget, name));
}

static AwWindow *
open_window (void)
{
  return aw_test_widget_window_new (app, 1000, 760);
}

static GtkWidget *
find (AwWindow   *window,
      const char *name)
{
  return aw_test_widget_get (GTK_WIDGET (window), name);
}

/* Types into a field the way a person does: focus it, then change its text. */
static void
type_into (AwWindow   *window,
           const char *name,
           const char *text)
{
  AwValidatedEntry *field = AW_VALIDATED_ENTRY (find (window, name));
  GtkEntry *entry = aw_validated_entry_get_entry (field);

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  aw_test_ui_iterate (10);
}

static AwWizard *
start_wizard (AwWindow *window)
{
  GtkWidget *wizard;

  g_assert_true (gtk_widget_activate_action (find (window, "new_follow_up_button"),
                                             "win.new-follow-up", NULL));
  wizard = find (window, "wizard");
  aw_test_ui_wait_for_draw (wizard);
  g_assert_cmpstr (aw_wizard_get_step (AW_WIZARD (wizard)), ==, AW_WIZARD_STEP_CONTEXT);
  /* Typing can start at once: the first field has the focus */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (aw_validated_entry_get_entry (AW_VALIDATED_ENTRY (find (window, "sender_name_entry"))))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), find (window, "sender_name_entry")));
  return AW_WIZARD (wizard);
}

static void
fill_context (AwWindow *window)
{
  type_into (window, "sender_name_entry", "Alex Morgan");
  type_into (window, "recipient_name_entry", "Dana Whitfield");
  type_into (window, "recipient_address_entry", "dana.whitfield@northwind.example");
  type_into (window, "company_entry", "Northwind Analytics");
  type_into (window, "role_entry", "Data Engineer");
  type_into (window, "detail_entry", "the conversation about your streaming pipeline");
}

static gboolean
next_enabled (AwWindow *window)
{
  return gtk_widget_get_sensitive (find (window, "next_button"));
}

static void
test_invalid_email_inline (void)
{
  AwWindow *window = open_window ();
  AwWizard *wizard = start_wizard (window);
  AwValidatedEntry *address;
  GtkWidget *error_label;

  g_assert_false (next_enabled (window));

  fill_context (window);
  aw_test_ui_iterate (50);
  g_assert_true (aw_wizard_get_step_valid (wizard));
  g_assert_true (next_enabled (window));

  /* Not an address: no message while typing ... */
  type_into (window, "recipient_address_entry", "dana.whitfield at northwind");
  address = AW_VALIDATED_ENTRY (find (window, "recipient_address_entry"));
  g_assert_false (aw_validated_entry_get_valid (address));
  g_assert_false (aw_validated_entry_get_error_shown (address));
  g_assert_false (next_enabled (window));

  /* ... but once the field loses focus, inline, next to it */
  gtk_widget_grab_focus (GTK_WIDGET (aw_validated_entry_get_entry (AW_VALIDATED_ENTRY (find (window, "company_entry")))));
  aw_test_ui_iterate (50);
  g_assert_true (aw_validated_entry_get_error_shown (address));
  error_label = gtk_widget_get_last_child (GTK_WIDGET (address));
  g_assert_true (GTK_IS_LABEL (error_label));
  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   aw_validated_entry_get_error (address));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (aw_validated_entry_get_entry (address)), "error"));
  /* No dialog */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);

      g_assert_false (GTK_IS_DIALOG (toplevel) || ADW_IS_MESSAGE_DIALOG (toplevel));
      g_assert_true (toplevel == GTK_WINDOW (window) || !gtk_widget_get_visible (GTK_WIDGET (toplevel)));
    }
  shot (GTK_WIDGET (window), "wizard-invalid-email.png");

  /* An empty required field says so after focus-out too */
  type_into (window, "role_entry", "");
  gtk_widget_grab_focus (GTK_WIDGET (aw_validated_entry_get_entry (AW_VALIDATED_ENTRY (find (window, "detail_entry")))));
  aw_test_ui_iterate (20);
  g_assert_true (aw_validated_entry_get_error_shown (AW_VALIDATED_ENTRY (find (window, "role_entry"))));

  /* A link that is not http(s) */
  type_into (window, "posting_url_entry", "ftp://jobs.example/42");
  gtk_widget_grab_focus (GTK_WIDGET (aw_validated_entry_get_entry (AW_VALIDATED_ENTRY (find (window, "company_entry")))));
  aw_test_ui_iterate (20);
  g_assert_true (aw_validated_entry_get_error_shown (AW_VALIDATED_ENTRY (find (window, "posting_url_entry"))));

  /* Fixing the address removes its message at once */
  type_into (window, "recipient_address_entry", "dana@northwind.example");
  g_assert_false (aw_validated_entry_get_error_shown (address));
  g_assert_false (gtk_widget_get_visible (error_label));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_back_keeps_answers (void)
{
  AwWindow *window = open_window ();
  AwWizard *wizard = start_wizard (window);
  AwDraft *draft = aw_wizard_get_draft (wizard);

  fill_context (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_cmpstr (aw_wizard_get_step (wizard), ==, AW_WIZARD_STEP_TONE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (window, "brief_check")), TRUE);
  g_assert_cmpint (aw_draft_get_tone (draft), ==, AW_TONE_BRIEF);

  /* Back (Escape is bound to the same action) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  g_assert_cmpstr (aw_wizard_get_step (wizard), ==, AW_WIZARD_STEP_CONTEXT);
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "recipient_name_entry"))),
                   ==, "Dana Whitfield");
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "detail_entry"))),
                   ==, "the conversation about your streaming pipeline");
  g_assert_cmpstr (aw_draft_get_company (draft), ==, "Northwind Analytics");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (window, "brief_check"))));

  /* Back out of the wizard: the start page lists the unfinished draft */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (window, "main_stack"))), ==, "start");
  aw_test_ui_iterate (50);
  g_assert_true (gtk_widget_get_visible (find (window, "drafts_box")));
  shot (GTK_WIDGET (window), "start-page-with-draft.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
editor_shown (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (data)), "editor") == 0;
}

static void
test_full_path (void)
{
  AwWindow *window = open_window ();
  AwWizard *wizard = start_wizard (window);
  AwEditorPage *editor;
  AwGuidanceReport *report;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *body = NULL;

  fill_context (window);
  shot (GTK_WIDGET (window), "wizard-1-context.png");
  g_assert_true (next_enabled (window));
  gtk_widget_activate (find (window, "next_button"));
  aw_test_ui_iterate (300);
  g_assert_cmpstr (aw_wizard_get_step (wizard), ==, AW_WIZARD_STEP_TONE);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (window, "formal_check")), TRUE);
  shot (GTK_WIDGET (window), "wizard-2-tone.png");
  gtk_widget_activate (find (window, "next_button"));
  aw_test_ui_iterate (300);
  g_assert_cmpstr (aw_wizard_get_step (wizard), ==, AW_WIZARD_STEP_FEEDBACK);

  gtk_switch_set_active (GTK_SWITCH (find (window, "stay_in_touch_switch")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find (window, "feedback_area_row")), "the system design interview");
  shot (GTK_WIDGET (window), "wizard-3-feedback.png");
  gtk_widget_activate (find (window, "next_button"));
  g_assert_true (aw_test_ui_wait_for (editor_shown, find (window, "main_stack"), 2000));
  aw_test_ui_iterate (300);

  editor = AW_EDITOR_PAGE (find (window, "editor_page"));
  buffer = gtk_text_view_get_buffer (aw_editor_page_get_body_view (editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_true (strstr (body, "Dana") != NULL);
  g_assert_true (strstr (body, "Alex Morgan") != NULL);
  g_assert_null (strchr (body, '{'));
  g_assert_cmpstr (gtk_editable_get_text (aw_editor_page_get_subject_entry (editor)), !=, "");

  report = aw_editor_page_get_report (editor);
  g_assert_nonnull (report);
  for (guint i = 0; i < aw_guidance_report_get_n_findings (report); i++)
    {
      g_autoptr(AwFinding) finding = g_list_model_get_item (aw_guidance_report_get_findings (report), i);
      g_test_message ("unexpected finding: %s", aw_finding_get_rule_id (finding));
    }
  g_assert_cmpuint (aw_guidance_report_get_n_findings (report), ==, 0);
  g_assert_cmpuint (aw_guidance_panel_get_n_findings (aw_editor_page_get_guidance_panel (editor)), ==, 0);
  for (AwCheck check = 0; check < AW_N_CHECKS; check++)
    g_assert_true (aw_guidance_panel_get_check (aw_editor_page_get_guidance_panel (editor), check));
  shot (GTK_WIDGET (window), "editor-draft.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A real HTTP server on loopback with four job posting pages */
static const char posting_json_ld[] =
  "<!DOCTYPE html><html><head><title>Careers</title>"
  "<script type=\"application/ld+json\">"
  "{\"@context\": \"https://schema.org/\", \"@type\": \"JobPosting\","
  " \"title\": \"Senior Data Engineer\","
  " \"hiringOrganization\": {\"@type\": \"Organization\", \"name\": \"Lumen Freight\"}}"
  "</script></head><body><h1>Senior Data Engineer</h1></body></html>";
static const char posting_open_graph[] =
  "<!DOCTYPE html><html><head>"
  "<meta property=\"og:title\" content=\"Product Designer\">"
  "<meta property=\"og:site_name\" content=\"Harbor Health\">"
  "<title>Jobs</title></head><body></body></html>";

static void
serve_posting (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  if (g_str_equal (path, "/json-ld"))
    aw_test_http_respond (message, "text/html", posting_json_ld, -1);
  else if (g_str_equal (path, "/open-graph"))
    aw_test_http_respond (message, "text/html", posting_open_graph, -1);
  else if (g_str_equal (path, "/garbage"))
    aw_test_http_respond (message, "text/html", "\x01\x02<<<>>>\xff\xfe", 10);
  else if (g_str_equal (path, "/slow"))
    /* Never answers while the test waits: the lookup's timeout has to end it. */
    soup_server_message_pause (message);
  else
    soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static gboolean
lookup_done (gpointer data)
{
  AwWindow *window = data;

  return !gtk_widget_get_visible (aw_test_ui_find_by_name (GTK_WIDGET (window), "lookup_spinner")) &&
         gtk_widget_get_visible (aw_test_ui_find_by_name (GTK_WIDGET (window), "lookup_note"));
}

static void
look_up (AwWindow   *window,
         const char *url,
         gboolean    slow)
{
  GtkWidget *spinner = find (window, "lookup_spinner");

  gtk_widget_set_visible (find (window, "lookup_note"), FALSE);
  type_into (window, "posting_url_entry", url);
  /* Leaving the field starts the lookup by itself while role or company is empty */
  gtk_widget_grab_focus (GTK_WIDGET (aw_validated_entry_get_entry (AW_VALIDATED_ENTRY (find (window, "company_entry")))));
  if (slow)
    {
      /* Still waiting after half a second: the spinner shows, the fields stay usable */
      aw_test_ui_iterate (500);
      g_assert_true (gtk_widget_get_visible (spinner));
      g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
      type_into (window, "company_entry", "Typed While Waiting");
    }
  g_assert_true (aw_test_ui_wait_for (lookup_done, window, 10000));
}

static void
test_posting_lookup (void)
{
  AwWindow *window = open_window ();
  AwWizard *wizard = start_wizard (window);
  SoupServer *server = aw_test_http_start (FALSE, serve_posting);
  g_autofree char *base = aw_test_http_base_url (server);
  g_autofree char *url = NULL;
  const char *note;

  aw_wizard_set_lookup_timeout (wizard, 2);

  /* JSON-LD: role and company */
  url = g_strconcat (base, "/json-ld", NULL);
  look_up (window, url, FALSE);
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "role_entry"))), ==,
                   "Senior Data Engineer");
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "company_entry"))), ==,
                   "Lumen Freight");
  g_assert_cmpstr (aw_draft_get_role (aw_wizard_get_draft (wizard)), ==, "Senior Data Engineer");
  shot (GTK_WIDGET (window), "wizard-posting-filled.png");

  /* What the person typed wins: nothing is overwritten */
  type_into (window, "role_entry", "Data Engineer");
  g_free (url);
  url = g_strconcat (base, "/open-graph", NULL);
  type_into (window, "posting_url_entry", url);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.look-up-posting", NULL);
  g_assert_true (aw_test_ui_wait_for (lookup_done, window, 10000));
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "role_entry"))), ==,
                   "Data Engineer");

  /* OpenGraph only, into empty fields */
  type_into (window, "role_entry", "");
  type_into (window, "company_entry", "");
  look_up (window, url, FALSE);
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "role_entry"))), ==,
                   "Product Designer");

  /* Garbage: a quiet note, no dialog, fields untouched */
  type_into (window, "role_entry", "");
  g_free (url);
  url = g_strconcat (base, "/garbage", NULL);
  look_up (window, url, FALSE);
  note = gtk_label_get_text (GTK_LABEL (find (window, "lookup_note")));
  g_assert_cmpstr (note, !=, "");
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "role_entry"))), ==, "");

  /* Slow: the spinner turns, typing goes on, and the timeout ends it quietly */
  g_free (url);
  url = g_strconcat (base, "/slow", NULL);
  look_up (window, url, TRUE);
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "role_entry"))), ==, "");
  shot (GTK_WIDGET (window), "wizard-posting-failed.png");

  gtk_window_destroy (GTK_WINDOW (window));
  aw_test_http_stop (server);
}

static gboolean
drafts_loaded (gpointer data)
{
  return aw_window_get_drafts_loaded (AW_WINDOW (data));
}

/* The start page's row of the draft @id, if listed (earlier tests leave drafts too) */
static AwDraftRow *
draft_row (AwWindow   *window,
           const char *id)
{
  GtkListBox *list = GTK_LIST_BOX (find (window, "drafts_list"));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (aw_draft_get_id (aw_draft_row_get_draft (AW_DRAFT_ROW (row))), id) == 0)
      return AW_DRAFT_ROW (row);
  return NULL;
}

static void
test_resume_and_delete_with_undo (void)
{
  AwWindow *window = open_window ();
  AwWizard *wizard = start_wizard (window);
  g_autofree char *id = NULL;
  AdwToastOverlay *toasts;

  fill_context (window);
  id = g_strdup (aw_draft_get_id (aw_wizard_get_draft (wizard)));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  g_assert_nonnull (draft_row (window, id));

  /* Resume: the wizard again, with the answers; then back to the start */
  g_signal_emit_by_name (draft_row (window, id), "activate");
  aw_test_ui_iterate (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (window, "main_stack"))), ==, "wizard");
  g_assert_cmpstr (aw_validated_entry_get_text (AW_VALIDATED_ENTRY (find (window, "recipient_name_entry"))),
                   ==, "Dana Whitfield");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (window, "main_stack"))), ==, "start");

  /* Written to disk within a second */
  aw_test_ui_iterate (1000);
  gtk_window_destroy (GTK_WINDOW (window));
  window = open_window ();
  g_assert_true (aw_test_ui_wait_for (drafts_loaded, window, 5000));
  g_assert_nonnull (draft_row (window, id));

  /* Delete, then Undo */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-draft", "s", id);
  aw_test_ui_iterate (200);
  g_assert_null (draft_row (window, id));
  shot (GTK_WIDGET (window), "start-page-draft-deleted.png");
  toasts = ADW_TOAST_OVERLAY (find (window, "toast_overlay"));
  g_assert_nonnull (toasts);
  /* The toast's Undo button is the toast action; emit what clicking it emits */
  {
    GtkWidget *undo = NULL;
    for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (toasts)); w && !undo;
         w = gtk_widget_get_next_sibling (w))
      if (g_strcmp0 (G_OBJECT_TYPE_NAME (w), "AdwToastWidget") == 0)
        undo = w;
    g_assert_nonnull (undo);
    for (GtkWidget *b = gtk_widget_get_first_child (undo); b != NULL; b = gtk_widget_get_next_sibling (b))
      if (GTK_IS_BUTTON (b) && gtk_button_get_label (GTK_BUTTON (b)) != NULL)
        g_signal_emit_by_name (b, "clicked");
  }
  aw_test_ui_iterate (300);
  g_assert_nonnull (draft_row (window, id));

  /* The file is back: a fresh window lists it too */
  gtk_window_destroy (GTK_WINDOW (window));
  window = open_window ();
  g_assert_true (aw_test_ui_wait_for (drafts_loaded, window, 5000));
  g_assert_nonnull (draft_row (window, id));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_send_opens_dialog (void)
{
  AwWindow *window = open_window ();
  AwWizard *wizard = start_wizard (window);
  gboolean found = FALSE;

  fill_context (window);
  for (int i = 0; i < 3; i++)
    gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  g_assert_true (aw_test_ui_wait_for (editor_shown, find (window, "main_stack"), 2000));

  /* Send… and Ctrl+Enter are the same window action */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.send-follow-up", NULL);
  aw_test_ui_iterate (300);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (AW_IS_SEND_DIALOG (toplevel))
        {
          found = TRUE;
          g_assert_true (aw_send_dialog_get_draft (AW_SEND_DIALOG (toplevel)) == aw_window_get_draft (window));
          gtk_window_destroy (toplevel);
        }
    }
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
editor_body (AwWindow *window)
{
  AwEditorPage *editor = AW_EDITOR_PAGE (find (window, "editor_page"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (aw_editor_page_get_body_view (editor));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_change_answers_after_writing (void)
{
  AwWindow *window = open_window ();
  AwWizard *wizard = start_wizard (window);
  AwEditorPage *editor = AW_EDITOR_PAGE (find (window, "editor_page"));
  g_autofree char *warm = NULL;
  g_autofree char *brief = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *rewritten = NULL;
  GtkTextBuffer *buffer;

  fill_context (window);
  for (int i = 0; i < 3; i++)
    gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  g_assert_true (aw_test_ui_wait_for (editor_shown, find (window, "main_stack"), 2000));
  warm = editor_body (window);

  /* Back from the editor lands on the last step; an untouched text is written again */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.back", NULL);
  g_assert_cmpstr (aw_wizard_get_step (wizard), ==, AW_WIZARD_STEP_FEEDBACK);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (window, "brief_check")), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  g_assert_true (aw_test_ui_wait_for (editor_shown, find (window, "main_stack"), 2000));
  brief = editor_body (window);
  g_assert_cmpstr (brief, !=, warm);

  /* An edited text is kept, and Rewrite in the toast writes it anew */
  buffer = gtk_text_view_get_buffer (aw_editor_page_get_body_view (editor));
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "My own words. ", -1, TRUE);
  edited = editor_body (window);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  g_assert_true (aw_test_ui_wait_for (editor_shown, find (window, "main_stack"), 2000));
  kept = editor_body (window);
  g_assert_cmpstr (kept, ==, edited);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.rewrite-follow-up", NULL);
  rewritten = editor_body (window);
  g_assert_cmpstr (rewritten, ==, brief);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow_window (void)
{
  AwWindow *window = aw_test_widget_window_new (app, 600, 700);
  GtkWidget *entry;
  graphene_rect_t bounds;

  start_wizard (window);
  fill_context (window);
  aw_test_ui_iterate (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 600);

  /* Every field fits inside the window */
  entry = find (window, "recipient_address_entry");
  g_assert_true (gtk_widget_compute_bounds (entry, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 600);
  shot (GTK_WIDGET (window), "wizard-600px.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_every_control_has_a_name (void)
{
  AwWindow *window = open_window ();
  const char *fields[] = { "sender_name_entry", "recipient_name_entry", "recipient_address_entry",
                           "posting_url_entry", "company_entry", "role_entry", "detail_entry" };

  start_wizard (window);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *label = aw_test_ui_accessible_label (find (window, fields[i]));
      GtkWidget *title = gtk_widget_get_first_child (find (window, fields[i]));

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      /* A mnemonic that focuses the field */
      g_assert_true (gtk_label_get_use_underline (GTK_LABEL (title)));
      g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (title)) ==
                     GTK_WIDGET (aw_validated_entry_get_entry (AW_VALIDATED_ENTRY (find (window, fields[i])))));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  aw_test_ui_init (&argc, &argv);
  /* Screenshots should show pages, not slides between them */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = aw_test_widget_app_new ();

  g_test_add_func ("/wizard/invalid-email-inline", test_invalid_email_inline);
  g_test_add_func ("/wizard/back-keeps-answers", test_back_keeps_answers);
  g_test_add_func ("/wizard/full-path", test_full_path);
  g_test_add_func ("/wizard/accessible-names", test_every_control_has_a_name);
  g_test_add_func ("/wizard/posting-lookup", test_posting_lookup);
  g_test_add_func ("/wizard/resume-and-delete-with-undo", test_resume_and_delete_with_undo);
  g_test_add_func ("/wizard/send-opens-dialog", test_send_opens_dialog);
  g_test_add_func ("/wizard/change-answers-after-writing", test_change_answers_after_writing);
  g_test_add_func ("/wizard/narrow-window", test_narrow_window);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
