/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-text-edit.c: reading, selecting and replacing character ranges of the editor's
 * subject entry and body buffer, shared by the guidance and the spelling
 *
 * Offsets are in characters, as AwFinding and AwSpellRange give them.
 */
#include "config.h"

#include "aw-text-edit.h"

/* Returns: (transfer full): the whole text of @buffer */
char *
aw_text_edit_dup_buffer (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Returns: (transfer full): the characters [start, end) of @buffer */
char *
aw_text_edit_dup_range (GtkTextBuffer *buffer,
                        int            start,
                        int            end)
{
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  return gtk_text_buffer_get_text (buffer, &from, &to, FALSE);
}

/* Applies @tag to the characters [start, end) of @buffer, or removes it */
void
aw_text_edit_tag_range (GtkTextBuffer *buffer,
                        GtkTextTag    *tag,
                        int            start,
                        int            end,
                        gboolean       apply)
{
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  if (apply)
    gtk_text_buffer_apply_tag (buffer, tag, &from, &to);
  else
    gtk_text_buffer_remove_tag (buffer, tag, &from, &to);
}

/* Focuses @view, selects [start, end) and scrolls it into sight */
void
aw_text_edit_select_in_view (GtkTextView *view,
                             int          start,
                             int          end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_select_range (buffer, &from, &to);
  gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (buffer), 0.1, FALSE, 0, 0);
}

void
aw_text_edit_select_in_editable (GtkEditable *editable,
                                 int          start,
                                 int          end)
{
  gtk_widget_grab_focus (GTK_WIDGET (editable));
  gtk_editable_select_region (editable, start, end);
}

/* Replaces [start, end) of @buffer by @text as one undoable step */
void
aw_text_edit_replace_in_buffer (GtkTextBuffer *buffer,
                                int            start,
                                int            end,
                                const char    *text)
{
  GtkTextIter from, to;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_delete (buffer, &from, &to);
  /* Handlers of the deletion (the checks) may have re-tagged the text: iterators are
   * stale now. */
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_insert (buffer, &from, text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

/* Replaces [start, end) of @editable by @text.
 * Returns: the position right after the inserted text */
int
aw_text_edit_replace_in_editable (GtkEditable *editable,
                                  int          start,
                                  int          end,
                                  const char  *text)
{
  int position = start;

  gtk_editable_delete_text (editable, start, end);
  gtk_editable_insert_text (editable, text, -1, &position);
  return position;
}
