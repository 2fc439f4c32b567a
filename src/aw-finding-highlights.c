/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-finding-highlights.c: the findings' underlines in the editor's body and subject
 *
 * Highlights are GtkTextTags; they move with the text by themselves, so after a check
 * only the spans that really changed are untagged or tagged, plus the few characters
 * just typed. The spans tagged now are kept here and moved along with each edit.
 */
#include "config.h"

#include "aw-finding.h"
#include "aw-finding-highlights.h"
#include "aw-severity-style.h"
#include "aw-text-edit.h"

#define N_SEVERITIES 3

typedef struct
{
  int start;
  int end;
  int severity;
} Span;

struct _AwFindingHighlights
{
  GtkTextBuffer *buffer;
  GtkTextTag    *tags[N_SEVERITIES];
  GArray        *spans;           /* Span, what is tagged in the buffer now */
  int            dirty_start;     /* characters inserted since the last check */
  int            dirty_end;
};

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
tag_range (AwFindingHighlights *self,
           int                  severity,
           int                  start,
           int                  end,
           gboolean             apply)
{
  aw_text_edit_tag_range (self->buffer, self->tags[severity], start, end, apply);
}

/* Tags the spans of @next that overlap [start, end) with @severity, clipped to it. */
static void
retag_overlapping (AwFindingHighlights *self,
                   GArray              *next,
                   int                  severity,
                   int                  start,
                   int                  end)
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

/* The body spans of @findings, sorted */
static GArray *
body_spans (GPtrArray *findings)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint k = 0; k < findings->len; k++)
    {
      AwFinding *finding = g_ptr_array_index (findings, k);
      Span span;

      if (aw_finding_get_part (finding) != AW_DRAFT_PART_BODY || !aw_finding_has_span (finding))
        continue;
      span.start = aw_finding_get_start (finding);
      span.end = aw_finding_get_end (finding);
      span.severity = MIN (aw_finding_get_severity (finding), N_SEVERITIES - 1);
      if (span.end > span.start)
        g_array_append_val (spans, span);
    }
  g_array_sort (spans, compare_spans);
  return spans;
}

void
aw_finding_highlights_update (AwFindingHighlights *self,
                              GPtrArray           *findings)
{
  g_autoptr(GArray) next = body_spans (findings);
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (Span));
  guint i = 0, j = 0;

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
add_underline (PangoAttrList *attributes,
               AwSeverity     severity,
               guint          start,
               guint          end)
{
  PangoAttribute *attribute;
  GdkRGBA color;

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

/**
 * aw_finding_highlights_subject_attributes:
 *
 * Returns: (transfer full): an underline in the severity's colour under each subject
 *   span of @findings
 */
PangoAttrList *
aw_finding_highlights_subject_attributes (GPtrArray  *findings,
                                          const char *subject)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  for (guint k = 0; k < findings->len; k++)
    {
      AwFinding *finding = g_ptr_array_index (findings, k);
      AwSeverity severity = MIN (aw_finding_get_severity (finding), N_SEVERITIES - 1);

      if (aw_finding_get_part (finding) != AW_DRAFT_PART_SUBJECT || !aw_finding_has_span (finding))
        continue;
      add_underline (attributes, severity,
                     g_utf8_offset_to_pointer (subject, aw_finding_get_start (finding)) - subject,
                     g_utf8_offset_to_pointer (subject, aw_finding_get_end (finding)) - subject);
    }
  return attributes;
}

static void
on_insert_text (GtkTextBuffer       *buffer,
                GtkTextIter         *location,
                char                *text,
                int                  length,
                AwFindingHighlights *self)
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
on_delete_range (GtkTextBuffer       *buffer,
                 GtkTextIter         *start,
                 GtkTextIter         *end,
                 AwFindingHighlights *self)
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
create_tags (AwFindingHighlights *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

  /* Underline colours that read on light and dark backgrounds alike; the faint
   * background tint keeps the span visible for people who do not see the colour. */
  for (int s = 0; s < N_SEVERITIES; s++)
    {
      GdkRGBA color, tint;

      aw_severity_style_get_underline (s, &color);
      aw_severity_style_get_tint (s, &tint);
      self->tags[s] = gtk_text_buffer_create_tag (self->buffer, aw_severity_style_get_tag_name (s),
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &color,
                                                  "background-rgba", &tint,
                                                  NULL);
    }
  /* Errors above warnings above suggestions where they overlap */
  for (int s = 0; s < N_SEVERITIES; s++)
    gtk_text_tag_set_priority (self->tags[s], gtk_text_tag_table_get_size (table) - N_SEVERITIES + s);
}

/**
 * aw_finding_highlights_new:
 *
 * Creates the severities' tags in @buffer and follows its edits.
 */
AwFindingHighlights *
aw_finding_highlights_new (GtkTextBuffer *buffer)
{
  AwFindingHighlights *self = g_new0 (AwFindingHighlights, 1);

  self->buffer = g_object_ref (buffer);
  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  create_tags (self);
  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_insert_text), self);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete_range), self);
  return self;
}

void
aw_finding_highlights_reset (AwFindingHighlights *self)
{
  g_array_set_size (self->spans, 0);
  self->dirty_start = self->dirty_end = 0;
}

void
aw_finding_highlights_free (AwFindingHighlights *self)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->spans, g_array_unref);
  g_free (self);
}
