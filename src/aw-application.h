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

G_END_DECLS
