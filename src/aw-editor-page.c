/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-editor-page.c: subject and body of the follow-up, with live guidance beside them
 *
 * Every change re-checks the whole draft in the same main-loop turn (the engine is
 * linear and fast). Highlights are GtkTextTags; they move with the text by themselves,
 * so after a check only the spans that really changed are untagged or tagged, plus the
 * few characters just typed.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <string.h>

#include "aw-draft-check.h"
#include "aw-editor-page-private.h"
#include "aw-finding-row.h"
#include "aw-guidance-panel.h"
#include "aw-severity-style.h"
#include "aw-spell-controller.h"

#define N_SEVERITIES 3

typedef struct
{
  int start;
  int end;
  int severity;
} Span;

struct _AwEditorPage
{
  GtkWidget          parent_instance;

  AwDraft           *draft;
  AwDraftCheck      *check;           /* options, dismissals and order of the findings */
  AwGuidanceReport  *report;
  GPtrArray         *findings;        /* AwFinding shown (not dismissed) */
  GArray            *spans;           /* Span, what is tagged in the buffer now */
  GtkTextTag        *tags[N_SEVERITIES];
  int                dirty_start;     /* characters inserted since the last check */
  int                dirty_end;
  gboolean           loading;
  gboolean           check_spelling;
  AwSpellController *spell;
  GSettings         *settings;

  GtkWidget         *content;
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  AdwFlap           *flap;
  GtkToggleButton   *guidance_toggle;
  GtkEntry          *subject_entry;
  GtkTextView       *body_view;
  AwGuidancePanel   *guidance_panel;
  GtkLabel          *spell_notice;
};

G_DEFINE_FINAL_TYPE (AwEditorPage, aw_editor_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DRAFT,
  PROP_CHECK_SPELLING,
  N_PROPS
};

enum {
  BACK,
  CHECKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * aw_editor_page_get_tag_name:
 *
 * Returns: the name of the GtkTextTag that highlights findings of @severity
 */
const char *
aw_editor_page_get_tag_name (AwSeverity severity)
{
  g_return_val_if_fail (severity < N_SEVERITIES, NULL);

  return aw_severity_style_get_tag_name (severity);
}

static GtkTextBuffer *
body_buffer (AwEditorPage *self)
{
  return gtk_text_view_get_buffer (self->body_view);
}

static char *
dup_body (AwEditorPage *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (body_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (body_buffer (self), &start, &end, FALSE);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a, *sb = b;

  if (sa->start != sb->start)
    return sa->start - sb->start;
  if (sa->end != sb->end)
    return sa->end - sb->end;
  return sa->severity - sb->severity;
}

static void
tag_range (AwEditorPage *self,
           int           severity,
           int           start,
           int           end,
           gboolean      apply)
{
  GtkTextBuffer *buffer = body_buffer (self);
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  if (apply)
    gtk_text_buffer_apply_tag (buffer, self->tags[severity], &from, &to);
  else
    gtk_text_buffer_remove_tag (buffer, self->tags[severity], &from, &to);
}

/* Tags the spans of @next that overlap [start, end) with @severity, clipped to it. */
static void
retag_overlapping (AwEditorPage *self,
                   GArray       *next,
                   int           severity,
                   int           start,
                   int           end)
{
  for (guint i = 0; i < next->len; i++)
    {
      Span *span = &g_array_index (next, Span, i);

      if (span->start >= end)
        break;
      if ((severity < 0 || span->severity == severity) && span->end > start)
        tag_range (self, span->severity, MAX (span->start, start), MIN (span->end, end), TRUE);
    }
}

static gboolean
touches_range (GArray *spans,
               int     start,
               int     end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      if (span->start <= end && span->end >= start)
        return TRUE;
    }
  return FALSE;
}

static void
update_highlights (AwEditorPage *self)
{
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (Span));
  guint i = 0, j = 0;

  for (guint k = 0; k < self->findings->len; k++)
    {
      AwFinding *finding = g_ptr_array_index (self->findings, k);
      Span span;

      if (aw_finding_get_part (finding) != AW_DRAFT_PART_BODY || !aw_finding_has_span (finding))
        continue;
      span.start = aw_finding_get_start (finding);
      span.end = aw_finding_get_end (finding);
      span.severity = MIN (aw_finding_get_severity (finding), N_SEVERITIES - 1);
      if (span.end > span.start)
        g_array_append_val (next, span);
    }
  g_array_sort (next, compare_spans);

  /* Both sorted: walk them together */
  while (i < self->spans->len || j < next->len)
    {
      Span *old = i < self->spans->len ? &g_array_index (self->spans, Span, i) : NULL;
      Span *new = j < next->len ? &g_array_index (next, Span, j) : NULL;
      int cmp = old == NULL ? 1 : new == NULL ? -1 : compare_spans (old, new);

      if (cmp == 0)
        i++, j++;
      else if (cmp < 0)
        {
          tag_range (self, old->severity, old->start, old->end, FALSE);
          g_array_append_val (removed, *old);
          i++;
        }
      else
        {
          tag_range (self, new->severity, new->start, new->end, TRUE);
          j++;
        }
    }

  /* Removing a tag may have cut into a kept span of the same severity that overlaps. */
  for (guint k = 0; k < removed->len; k++)
    {
      Span *span = &g_array_index (removed, Span, k);
      retag_overlapping (self, next, span->severity, span->start, span->end);
    }

  /* Text just typed inside or at the edge of a span may have taken its tag: set it
   * right there. Typing elsewhere touches no tag at all. */
  if (self->dirty_end > self->dirty_start &&
      (touches_range (self->spans, self->dirty_start, self->dirty_end) ||
       touches_range (next, self->dirty_start, self->dirty_end)))
    {
      for (int s = 0; s < N_SEVERITIES; s++)
        tag_range (self, s, self->dirty_start, self->dirty_end, FALSE);
      retag_overlapping (self, next, -1, self->dirty_start, self->dirty_end);
    }
  self->dirty_start = self->dirty_end = 0;

  g_array_set_size (self->spans, 0);
  g_array_append_vals (self->spans, next->data, next->len);
}

static void
update_subject_highlights (AwEditorPage *self)
{
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_entry));
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  for (guint k = 0; k < self->findings->len; k++)
    {
      AwFinding *finding = g_ptr_array_index (self->findings, k);
      AwSeverity severity = MIN (aw_finding_get_severity (finding), N_SEVERITIES - 1);
      PangoAttribute *attribute;
      GdkRGBA color;
      int start, end;

      if (aw_finding_get_part (finding) != AW_DRAFT_PART_SUBJECT || !aw_finding_has_span (finding))
        continue;
      start = g_utf8_offset_to_pointer (subject, aw_finding_get_start (finding)) - subject;
      end = g_utf8_offset_to_pointer (subject, aw_finding_get_end (finding)) - subject;

      attribute = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      attribute->start_index = start;
      attribute->end_index = end;
      pango_attr_list_insert (attributes, attribute);
      aw_severity_style_get_underline (severity, &color);
      attribute = pango_attr_underline_color_new (color.red * 65535, color.green * 65535,
                                                  color.blue * 65535);
      attribute->start_index = start;
      attribute->end_index = end;
      pango_attr_list_insert (attributes, attribute);
    }
  aw_spell_controller_add_subject_attributes (self->spell, attributes);
  gtk_entry_set_attributes (self->subject_entry, attributes);
}

static void
recheck (AwEditorPage *self,
         const char   *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwGuidanceReport) report = NULL;
  g_autofree char *owned_body = NULL;
  const char *subject;
  GListModel *all;
  guint n;

  if (self->draft == NULL)
    return;
  if (body == NULL)
    body = owned_body = dup_body (self);
  subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_entry));

  report = aw_draft_check_run (self->check, subject, body, &error);
  if (report == NULL)
    {
      /* Not the text itself: it may be private. */
      g_warning ("guidance check failed: %s", error->message);
      return;
    }
  g_set_object (&self->report, report);

  /* Dismissed findings are already left out, the rest sorted */
  g_ptr_array_set_size (self->findings, 0);
  all = aw_guidance_report_get_findings (report);
  n = g_list_model_get_n_items (all);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->findings, g_list_model_get_item (all, i));

  update_highlights (self);
  aw_spell_controller_update (self->spell);
  update_subject_highlights (self);
  aw_guidance_panel_update (self->guidance_panel, report, self->findings,
                            aw_draft_get_ask_feedback (self->draft));
  g_signal_emit (self, signals[CHECKED], 0);
}

static void
on_insert_text (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                char          *text,
                int            length,
                AwEditorPage  *self)
{
  /* Runs before the insertion (the buffer emits "changed", and so the check runs,
   * inside its default handler): the spans move first. */
  int n = g_utf8_strlen (text, length);
  int pos = gtk_text_iter_get_offset (location);

  for (guint i = 0; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);

      if (span->start >= pos)
        span->start += n, span->end += n;
      else if (span->end > pos)
        span->end += n;
    }
  if (self->dirty_end > self->dirty_start)
    {
      self->dirty_start = MIN (self->dirty_start, pos);
      self->dirty_end = MAX (self->dirty_end + n, pos + n);
    }
  else
    {
      self->dirty_start = pos;
      self->dirty_end = pos + n;
    }
}

static int
shift_for_delete (int x,
                  int a,
                  int b)
{
  return x <= a ? x : x >= b ? x - (b - a) : a;
}

static void
on_delete_range (GtkTextBuffer *buffer,
                 GtkTextIter   *start,
                 GtkTextIter   *end,
                 AwEditorPage  *self)
{
  /* Runs before the deletion */
  int a = gtk_text_iter_get_offset (start);
  int b = gtk_text_iter_get_offset (end);

  for (guint i = 0; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);

      span->start = shift_for_delete (span->start, a, b);
      span->end = shift_for_delete (span->end, a, b);
    }
  if (self->dirty_end > self->dirty_start)
    {
      self->dirty_start = shift_for_delete (self->dirty_start, a, b);
      self->dirty_end = shift_for_delete (self->dirty_end, a, b);
    }
}

static void
on_body_changed (AwEditorPage *self)
{
  g_autofree char *body = NULL;

  if (self->loading || self->draft == NULL)
    return;
  body = dup_body (self);
  aw_draft_set_body (self->draft, body);
  recheck (self, body);
}

static void
on_subject_changed (AwEditorPage *self)
{
  if (self->loading || self->draft == NULL)
    return;
  aw_draft_set_subject (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)));
  recheck (self, NULL);
}

static void
update_title (AwEditorPage *self)
{
  g_autofree char *title = NULL;

  if (self->draft == NULL)
    return;
  /* Translators: the editor's title; %s is the recipient's name */
  title = g_strdup_printf (_("Follow-Up to %s"), aw_draft_get_recipient_name (self->draft));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, aw_draft_get_company (self->draft));
}

static void
on_draft_answers_changed (AwEditorPage *self)
{
  update_title (self);
}

static void
on_check_changed (AwEditorPage *self)
{
  /* Language, recipient, the feedback choice or the history changed */
  if (!self->loading)
    recheck (self, NULL);
}

static void
load_draft (AwEditorPage *self)
{
  GtkTextBuffer *buffer = body_buffer (self);
  GtkTextIter start, end;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry),
                         self->draft ? aw_draft_get_subject (self->draft) : "");
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, self->draft && aw_draft_get_body (self->draft) ?
                            aw_draft_get_body (self->draft) : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_array_set_size (self->spans, 0);
  self->dirty_start = self->dirty_end = 0;
  self->loading = FALSE;

  update_title (self);
  recheck (self, NULL);
}

/**
 * aw_editor_page_set_draft:
 *
 * Shows the subject and body of @draft; edits go to @draft at once.
 */
void
aw_editor_page_set_draft (AwEditorPage *self,
                          AwDraft      *draft)
{
  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (draft == NULL || AW_IS_DRAFT (draft));

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_set_object (&self->draft, draft);
  self->loading = TRUE;  /* load_draft() checks the new text */
  aw_draft_check_set_draft (self->check, draft);
  aw_spell_controller_set_draft (self->spell, draft);
  if (draft != NULL)
    {
      const char *answers[] = { "language", "recipient-address", "recipient-name", "company",
                                "ask-feedback" };

      for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
        {
          g_autofree char *signal = g_strconcat ("notify::", answers[i], NULL);
          g_signal_connect_swapped (draft, signal, G_CALLBACK (on_draft_answers_changed), self);
        }
    }
  load_draft (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

/**
 * aw_editor_page_get_draft:
 *
 * Returns: (transfer none) (nullable): the draft shown
 */
AwDraft *
aw_editor_page_get_draft (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->draft;
}

/**
 * aw_editor_page_set_history:
 * @history: (nullable): the sent follow-ups
 *
 * Earlier follow-ups to the same address or company give a repeat-follow-up finding.
 */
void
aw_editor_page_set_history (AwEditorPage *self,
                            AwHistory    *history)
{
  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (history == NULL || AW_IS_HISTORY (history));

  aw_draft_check_set_history (self->check, history);
}

/**
 * aw_editor_page_get_report:
 *
 * Returns: (transfer none) (nullable): the last check
 */
AwGuidanceReport *
aw_editor_page_get_report (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->report;
}

/**
 * aw_editor_page_get_findings:
 *
 * Returns: (transfer none) (element-type AwFinding): the findings shown
 */
GPtrArray *
aw_editor_page_get_findings (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->findings;
}

void
aw_editor_page_select_finding (AwEditorPage *self,
                               AwFinding    *finding)
{
  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (AW_IS_FINDING (finding));

  if (!aw_finding_has_span (finding))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
      return;
    }
  if (aw_finding_get_part (finding) == AW_DRAFT_PART_SUBJECT)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->subject_entry),
                                  aw_finding_get_start (finding), aw_finding_get_end (finding));
    }
  else
    {
      GtkTextBuffer *buffer = body_buffer (self);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, aw_finding_get_start (finding));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, aw_finding_get_end (finding));
      gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
      gtk_text_buffer_select_range (buffer, &start, &end);
      gtk_text_view_scroll_to_mark (self->body_view, gtk_text_buffer_get_insert (buffer),
                                    0.1, FALSE, 0, 0);
    }
  /* In a narrow window the panel covers the text: get it out of the way. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

void
aw_editor_page_apply_finding (AwEditorPage *self,
                              AwFinding    *finding)
{
  const char *suggestion;
  int start, end;

  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (AW_IS_FINDING (finding));

  suggestion = aw_finding_get_suggestion (finding);
  if (suggestion == NULL || !aw_finding_has_span (finding))
    return;
  start = aw_finding_get_start (finding);
  end = aw_finding_get_end (finding);

  if (aw_finding_get_part (finding) == AW_DRAFT_PART_SUBJECT)
    {
      GtkEditable *editable = GTK_EDITABLE (self->subject_entry);
      int position = start;

      gtk_editable_delete_text (editable, start, end);
      gtk_editable_insert_text (editable, suggestion, -1, &position);
    }
  else
    {
      GtkTextBuffer *buffer = body_buffer (self);
      GtkTextIter from, to;

      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
      gtk_text_buffer_delete (buffer, &from, &to);
      /* The check after the deletion re-tagged the text: iterators are stale now. */
      gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
      gtk_text_buffer_insert (buffer, &from, suggestion, -1);
      gtk_text_buffer_end_user_action (buffer);
    }
}

void
aw_editor_page_ignore_finding (AwEditorPage *self,
                               AwFinding    *finding)
{
  g_autofree char *key = NULL;

  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (AW_IS_FINDING (finding));

  if (self->draft == NULL)
    return;
  key = aw_draft_make_finding_key (aw_finding_get_rule_id (finding), aw_finding_get_text (finding));
  aw_draft_dismiss (self->draft, key);
  recheck (self, NULL);
}

GtkTextView *
aw_editor_page_get_body_view (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->body_view;
}

GtkEditable *
aw_editor_page_get_subject_entry (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return GTK_EDITABLE (self->subject_entry);
}

AwGuidancePanel *
aw_editor_page_get_guidance_panel (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->guidance_panel;
}

AwSpellController *
aw_editor_page_get_spell_controller (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->spell;
}

static char *
escape_mailto_part (const char *text)
{
  g_autoptr(GString) crlf = g_string_new (text ? text : "");

  /* RFC 6068: line breaks in the body are %0D%0A */
  g_string_replace (crlf, "\r\n", "\n", 0);
  g_string_replace (crlf, "\n", "\r\n", 0);
  return g_uri_escape_string (crlf->str, NULL, FALSE);
}

/**
 * aw_editor_page_dup_mailto_uri:
 *
 * Returns: (transfer full): a mailto: URI (RFC 6068) with the recipient, subject and body
 */
char *
aw_editor_page_dup_mailto_uri (AwEditorPage *self)
{
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  to = g_uri_escape_string (self->draft ? aw_draft_get_recipient_address (self->draft) : "",
                            "@", FALSE);
  subject = escape_mailto_part (gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)));
  text = dup_body (self);
  body = escape_mailto_part (text);
  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", to, subject, body);
}

/**
 * aw_editor_page_build_eml:
 *
 * Without an account there is no sender address, so this is an unsent message
 * ("X-Unsent: 1") that mail apps open as a draft: To, Subject, Date and the body as
 * UTF-8 text/plain.
 *
 * Returns: (transfer full): the message
 */
GBytes *
aw_editor_page_build_eml (AwEditorPage *self)
{
  GMimeMessage *message;
  GMimeTextPart *part;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  GMimeFormatOptions *format;

  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  g_mime_init ();
  message = g_mime_message_new (TRUE);
  if (self->draft != NULL)
    {
      g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO,
                                  aw_draft_get_recipient_name (self->draft),
                                  aw_draft_get_recipient_address (self->draft));
      if (aw_draft_get_sender_name (self->draft) != NULL && *aw_draft_get_sender_name (self->draft))
        g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM,
                                    aw_draft_get_sender_name (self->draft), "");
    }
  g_mime_message_set_subject (message, gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)),
                              "utf-8");
  g_mime_message_set_date (message, now);
  g_mime_object_set_header (GMIME_OBJECT (message), "X-Unsent", "1", NULL);

  body = dup_body (self);
  part = g_mime_text_part_new_with_subtype ("plain");
  g_mime_text_part_set_text (part, body);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (part));
  g_object_unref (part);

  format = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (format, GMIME_NEWLINE_FORMAT_DOS);
  text = g_mime_object_to_string (GMIME_OBJECT (message), format);
  g_mime_format_options_free (format);
  g_object_unref (message);
  return g_bytes_new_take (g_steal_pointer (&text), strlen (text ? text : ""));
}

static void
show_toast (AwEditorPage *self,
            const char   *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);
  g_autofree char *body = dup_body (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), body);
  show_toast (self, _("Message copied to the clipboard"));
}

static void
open_mail_app_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);
  g_autofree char *uri = aw_editor_page_dup_mailto_uri (self);

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

static void
eml_written (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AwEditorPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why, e.g. "Permission denied" */
      message = g_strdup_printf (_("Could not save the message: %s"), error->message);
      show_toast (self, message);
      return;
    }
  show_toast (self, _("Message saved"));
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  AwEditorPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GBytes) bytes = aw_editor_page_build_eml (self);

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                           eml_written, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_eml_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Save as .eml"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Email messages"));
  gtk_file_filter_add_pattern (filter, "*.eml");
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the proposed file name; %s is the company */
  name = g_strdup_printf (_("Follow-up to %s.eml"),
                          self->draft && aw_draft_get_company (self->draft) ?
                          aw_draft_get_company (self->draft) : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
toggle_guidance_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);

  gtk_toggle_button_set_active (self->guidance_toggle,
                                !gtk_toggle_button_get_active (self->guidance_toggle));
}

static void
next_misspelling_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);

  if (aw_spell_controller_select_next (self->spell) && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_spell_changed (AwEditorPage *self)
{
  const char *notice = aw_spell_controller_get_notice (self->spell);

  update_subject_highlights (self);
  aw_guidance_panel_set_typos (self->guidance_panel, aw_spell_controller_get_count (self->spell));
  gtk_label_set_label (self->spell_notice, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->spell_notice), notice != NULL);
}

static void
on_finding_activated (AwEditorPage *self,
                      AwFinding    *finding)
{
  aw_editor_page_select_finding (self, finding);
}

static void
on_finding_apply (AwEditorPage *self,
                  AwFinding    *finding)
{
  aw_editor_page_apply_finding (self, finding);
}

static void
on_finding_ignore (AwEditorPage *self,
                   AwFinding    *finding)
{
  aw_editor_page_ignore_finding (self, finding);
}

GtkWidget *
aw_editor_page_new (void)
{
  return g_object_new (AW_TYPE_EDITOR_PAGE, NULL);
}

static void
aw_editor_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwEditorPage *self = AW_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    case PROP_CHECK_SPELLING:
      g_value_set_boolean (value, self->check_spelling);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_editor_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AwEditorPage *self = AW_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      aw_editor_page_set_draft (self, g_value_get_object (value));
      break;
    case PROP_CHECK_SPELLING:
      if (self->check_spelling != g_value_get_boolean (value))
        {
          self->check_spelling = g_value_get_boolean (value);
          aw_spell_controller_set_enabled (self->spell, self->check_spelling);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_editor_page_dispose (GObject *object)
{
  AwEditorPage *self = AW_EDITOR_PAGE (object);

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);
  g_clear_object (&self->settings);
  /* It points at the views: gone before them */
  if (self->spell != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->spell, self);
      g_object_run_dispose (G_OBJECT (self->spell));
    }
  g_clear_object (&self->spell);
  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_EDITOR_PAGE);
  if (self->check != NULL)
    g_signal_handlers_disconnect_by_data (self->check, self);
  g_clear_object (&self->check);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (aw_editor_page_parent_class)->dispose (object);
}

static void
aw_editor_page_finalize (GObject *object)
{
  AwEditorPage *self = AW_EDITOR_PAGE (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);

  G_OBJECT_CLASS (aw_editor_page_parent_class)->finalize (object);
}

static void
aw_editor_page_class_init (AwEditorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = aw_editor_page_get_property;
  object_class->set_property = aw_editor_page_set_property;
  object_class->dispose = aw_editor_page_dispose;
  object_class->finalize = aw_editor_page_finalize;

  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, AW_TYPE_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Spell checking on or off (GSettings "spell-check", the editor's menu) */
  properties[PROP_CHECK_SPELLING] =
    g_param_spec_boolean ("check-spelling", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person wants to change the answers of the wizard. */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A check finished and the highlights and panel show it (for tests and benchmarks). */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (AW_TYPE_GUIDANCE_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-editor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, content);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, flap);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, guidance_toggle);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, guidance_panel);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, spell_notice);

  gtk_widget_class_install_action (widget_class, "editor.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "editor.open-mail-app", NULL, open_mail_app_activated);
  gtk_widget_class_install_action (widget_class, "editor.save-eml", NULL, save_eml_activated);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "editor.toggle-guidance", NULL,
                                   toggle_guidance_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "editor.toggle-guidance", NULL);
  gtk_widget_class_install_property_action (widget_class, "editor.check-spelling", "check-spelling");
  gtk_widget_class_install_action (widget_class, "editor.next-misspelling", NULL,
                                   next_misspelling_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "editor.next-misspelling", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.send-follow-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.send-follow-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.save-eml", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
aw_editor_page_init (AwEditorPage *self)
{
  GtkTextBuffer *buffer;
  /* Underline colours that read on light and dark backgrounds alike; the faint
   * background tint keeps the span visible for people who do not see the colour. */
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  self->check = aw_draft_check_new (NULL, NULL);
  g_signal_connect_swapped (self->check, "changed", G_CALLBACK (on_check_changed), self);

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = body_buffer (self);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  /* An email needs no tab characters: Tab moves on to the guidance, as everywhere. */
  gtk_text_view_set_accepts_tab (self->body_view, FALSE);
  for (int s = 0; s < N_SEVERITIES; s++)
    {
      GdkRGBA color, tint;

      aw_severity_style_get_underline (s, &color);
      aw_severity_style_get_tint (s, &tint);
      self->tags[s] = gtk_text_buffer_create_tag (buffer, aw_severity_style_get_tag_name (s),
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &color,
                                                  "background-rgba", &tint,
                                                  NULL);
    }
  /* Errors above warnings above suggestions where they overlap */
  for (int s = 0; s < N_SEVERITIES; s++)
    gtk_text_tag_set_priority (self->tags[s], gtk_text_tag_table_get_size (gtk_text_buffer_get_tag_table (buffer)) - N_SEVERITIES + s);

  self->spell = aw_spell_controller_new (self->body_view, self->subject_entry);
  g_signal_connect_swapped (self->spell, "changed", G_CALLBACK (on_spell_changed), self);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "spell-check", self, "check-spelling", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_insert_text), self);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete_range), self);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_body_changed), self);
  g_signal_connect_swapped (self->subject_entry, "changed", G_CALLBACK (on_subject_changed), self);
  g_signal_connect_swapped (self->guidance_panel, "finding-activated",
                            G_CALLBACK (on_finding_activated), self);
  g_signal_connect_swapped (self->guidance_panel, "finding-apply", G_CALLBACK (on_finding_apply), self);
  g_signal_connect_swapped (self->guidance_panel, "finding-ignore",
                            G_CALLBACK (on_finding_ignore), self);
}
