/* aw-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-draft-store.h"
#include "aw-online-accounts.h"

G_BEGIN_DECLS

#define AW_TYPE_APPLICATION (aw_application_get_type ())

G_DECLARE_FINAL_TYPE (AwApplication, aw_application, AW, APPLICATION, AdwApplication)

AwApplication *aw_application_new          (void);
GSettings     *aw_application_get_settings (AwApplication *self);
/* The accounts of GNOME Online Accounts, one list for the whole application, created at
 * startup without waiting for the service */
AwOnlineAccounts *aw_application_get_online_accounts (AwApplication *self);

/* The session's drafts: one store for every window, created at startup; its list is what
 * the start page shows. */
AwDraftStore     *aw_application_get_draft_store (AwApplication *self);
/* Writes what is still scheduled; the application stays until it is on disk. */
void              aw_application_save_drafts (AwApplication   *self);
/* Deletes a listed draft, with an Undo button in a toast in @toasts; purged once the
 * toast is gone. */
void              aw_application_delete_draft (AwApplication   *self,
                                               const char      *id,
                                               AdwToastOverlay *toasts);
/* The draft was sent: it is no longer an unfinished draft (no undo). */
void              aw_application_draft_sent  (AwApplication   *self,
                                              AwDraft         *draft);

/* Sends in progress: the application's open review sheets, so that quitting can ask
 * first and stop them. @self may be NULL: the default application's list (a sheet with
 * no application yet), or, when no application exists, one for sheets outside any. */
void              aw_application_add_send    (AwApplication *self,
                                              GtkWindow     *sheet);
void              aw_application_remove_send (AwApplication *self,
                                              GtkWindow     *sheet);
/* (element-type GtkWindow) (transfer none) */
GPtrArray        *aw_application_get_sends   (AwApplication *self);

G_END_DECLS
