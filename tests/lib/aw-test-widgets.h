/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-widgets.h: the few steps every ui test takes with a widget: find it or fail,
 * save a screenshot of it, know when it is gone; and the review sheet opened as the
 * window opens it
 */
#pragma once

#include <adwaita.h>

#include "aw-application.h"
#include "aw-send-dialog.h"
#include "aw-window.h"

G_BEGIN_DECLS

/* The widget of that buildable id or name under @root; the test fails without one */
GtkWidget    *aw_test_widget_get          (GtkWidget       *root,
                                           const char      *name);
/* Once layout and painting settled, a PNG of @widget in the screenshots folder */
void          aw_test_widget_shot         (GtkWidget       *widget,
                                           const char      *name);
/* Sets *alive to TRUE now, to FALSE when @object is finalized */
void          aw_test_widget_watch        (gpointer         object,
                                           gboolean        *alive);
/* A condition for aw_test_ui_wait_for(): *(gboolean *) flag is FALSE */
gboolean      aw_test_widget_is_false     (gpointer         flag);

/* The application, registered and not unique, so tests can open its windows */
AwApplication *aw_test_widget_app_new     (void);
/* A main window of @app, @width × @height (0: its own default size), presented and drawn */
AwWindow     *aw_test_widget_window_new   (AwApplication   *app,
                                           int              width,
                                           int              height);

/* What a review sheet did, for aw_test_send_sheet_open() */
typedef struct
{
  AwHistoryEntry *entry;   /* the last one its "sent" signal gave */
  guint           n_sent;
  gboolean        alive;   /* until the sheet is finalized */
} AwTestSendLog;

/* A review sheet for @draft, presented and drawn; with @online_accounts (nullable);
 * trusting the SMTP test server's CA when @trust_test_ca; followed by @log (nullable) */
AwSendDialog *aw_test_send_sheet_open     (GtkWindow        *parent,
                                           AwDraft          *draft,
                                           AwAccountStore   *store,
                                           AwHistory        *history,
                                           AwOnlineAccounts *online_accounts,
                                           gboolean          trust_test_ca,
                                           AwTestSendLog    *log);
/* Presses Send on @dialog (opened with @log) and waits until the sheet closed: sent once,
 * and the SMTP test server's @mode port had @before messages and now has one more, whose
 * text this returns */
char         *aw_test_send_sheet_send     (AwSendDialog    *dialog,
                                           AwTestSendLog   *log,
                                           const char      *mode,
                                           guint            before);
void          aw_test_send_log_clear      (AwTestSendLog   *log);

G_END_DECLS
