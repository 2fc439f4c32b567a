/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-text-edit.h: reading, selecting and replacing character ranges of the editor's
 * subject entry and body buffer, shared by the guidance and the spelling
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *aw_text_edit_dup_buffer          (GtkTextBuffer *buffer);
char *aw_text_edit_dup_range           (GtkTextBuffer *buffer,
                                        int            start,
                                        int            end);
void  aw_text_edit_tag_range           (GtkTextBuffer *buffer,
                                        GtkTextTag    *tag,
                                        int            start,
                                        int            end,
                                        gboolean       apply);
void  aw_text_edit_select_in_view      (GtkTextView   *view,
                                        int            start,
                                        int            end);
void  aw_text_edit_select_in_editable  (GtkEditable   *editable,
                                        int            start,
                                        int            end);
void  aw_text_edit_replace_in_buffer   (GtkTextBuffer *buffer,
                                        int            start,
                                        int            end,
                                        const char    *text);
int   aw_text_edit_replace_in_editable (GtkEditable   *editable,
                                        int            start,
                                        int            end,
                                        const char    *text);

G_END_DECLS
