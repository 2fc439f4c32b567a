/* aw-test-ui.h: helpers shared by the tests that need a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-draft.h"
#include "aw-editor-page.h"

G_BEGIN_DECLS

void        aw_test_ui_init             (int         *argc,
                                         char      ***argv);
void        aw_test_ui_iterate          (guint        milliseconds);
gboolean    aw_test_ui_wait_for         (gboolean   (*condition) (gpointer data),
                                         gpointer     data,
                                         guint        timeout_ms);
void        aw_test_ui_wait_for_draw    (GtkWidget   *widget);
char       *aw_test_ui_save_screenshot  (GtkWidget   *widget,
                                         const char  *name);
GtkWidget  *aw_test_ui_find_by_name     (GtkWidget   *root,
                                         const char  *buildable_id_or_name);
char       *aw_test_ui_accessible_label (GtkWidget   *widget);

/* The editor tests' follow-up: Alex Morgan to Dana Whitfield, Data Engineer at Northwind
 * Analytics, in @language; the body is @body or, for NULL, the draft writer's */
AwDraft      *aw_test_ui_new_draft       (const char  *language,
                                          const char  *body);
/* A window of @width × @height holding an editor page that shows @draft, presented and
 * drawn; *@window is the window (destroy it when done) */
AwEditorPage *aw_test_ui_open_editor     (AwDraft     *draft,
                                          int          width,
                                          int          height,
                                          GtkWindow  **window);
/* Sorts @times and gives the median and the 95th percentile, for the benchmarks */
void          aw_test_ui_median_p95      (double      *times,
                                          guint        n,
                                          double      *median,
                                          double      *p95);

G_END_DECLS
