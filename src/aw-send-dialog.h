/* aw-send-dialog.h: the review sheet, the progress and the result of sending one follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-account-store.h"
#include "aw-draft.h"
#include "aw-history.h"
#include "aw-online-accounts.h"

G_BEGIN_DECLS

#define AW_TYPE_SEND_DIALOG (aw_send_dialog_get_type ())

/* Signal "sent" (AwHistoryEntry *entry): the server accepted the message; the dialog
 * closes right after. */
G_DECLARE_FINAL_TYPE (AwSendDialog, aw_send_dialog, AW, SEND_DIALOG, AdwWindow)

/* Opens the review sheet for @draft over @parent, with the default account store and
 * history. This is what win.send-follow-up calls. */
AwSendDialog *aw_send_dialog_present          (GtkWindow      *parent,
                                               AwDraft        *draft);

AwSendDialog *aw_send_dialog_new              (GtkWindow      *parent,
                                               AwDraft        *draft,
                                               AwAccountStore *accounts,
                                               AwHistory      *history);
AwDraft      *aw_send_dialog_get_draft        (AwSendDialog   *self);
/* The Online Accounts list behind a "goa:" default account id (aw_send_dialog_new takes
 * the application's when @parent has an AwApplication) */
void          aw_send_dialog_set_online_accounts (AwSendDialog     *self,
                                                  AwOnlineAccounts *accounts);
/* Sending now: the sheet shows the progress */
gboolean      aw_send_dialog_get_busy         (AwSendDialog   *self);

/* Whether any send dialog of the process is sending now, and stopping them all (quit). */
gboolean      aw_send_dialog_any_busy         (void);
void          aw_send_dialog_cancel_all       (void);
/* For a main window's close-request: while a send is in progress, asks whether to stop it
 * and returns TRUE (refuse closing now); the window closes after "Stop and Close". */
gboolean      aw_send_dialog_confirm_close    (GtkWindow      *window);

G_END_DECLS
