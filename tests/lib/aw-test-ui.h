/* aw-test-ui.h: helpers shared by the tests that need a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
