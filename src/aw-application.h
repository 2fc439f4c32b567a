/* aw-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-online-accounts.h"

G_BEGIN_DECLS

#define AW_TYPE_APPLICATION (aw_application_get_type ())

G_DECLARE_FINAL_TYPE (AwApplication, aw_application, AW, APPLICATION, AdwApplication)

AwApplication *aw_application_new          (void);
GSettings     *aw_application_get_settings (AwApplication *self);
/* The accounts of GNOME Online Accounts, one list for the whole application, created at
 * startup without waiting for the service */
AwOnlineAccounts *aw_application_get_online_accounts (AwApplication *self);

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
