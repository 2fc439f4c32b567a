/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-finding-highlights.h: the findings' underlines in the editor's body and subject
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _AwFindingHighlights AwFindingHighlights;

AwFindingHighlights *aw_finding_highlights_new    (GtkTextBuffer       *buffer);
void                 aw_finding_highlights_free   (AwFindingHighlights *self);
/* Forgets what is tagged (the buffer got a new text without tags) */
void                 aw_finding_highlights_reset  (AwFindingHighlights *self);
/* Tags the body spans of @findings (AwFinding), untagging what is no longer found */
void                 aw_finding_highlights_update (AwFindingHighlights *self,
                                                   GPtrArray           *findings);
/* Underline attributes for the subject spans of @findings in @subject */
PangoAttrList       *aw_finding_highlights_subject_attributes (GPtrArray  *findings,
                                                               const char *subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwFindingHighlights, aw_finding_highlights_free)

G_END_DECLS
