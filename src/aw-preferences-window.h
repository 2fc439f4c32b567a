/* aw-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-account-editor.h"
#include "aw-account-store.h"
#include "aw-online-accounts.h"

G_BEGIN_DECLS

#define AW_TYPE_PREFERENCES_WINDOW (aw_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AwPreferencesWindow, aw_preferences_window, AW, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

AwPreferencesWindow *aw_preferences_window_new             (GtkWindow           *parent);
/* For tests: another account store than the user's */
AwPreferencesWindow *aw_preferences_window_new_with_store  (GtkWindow           *parent,
                                                            AwAccountStore      *store);
/* Opens the account editor (account NULL: a new one); returns it for tests */
AwAccountEditor     *aw_preferences_window_edit_account    (AwPreferencesWindow *self,
                                                            AwAccount           *account);
void                 aw_preferences_window_remove_account  (AwPreferencesWindow *self,
                                                            AwAccount           *account);
const char          *aw_preferences_window_get_error_text  (AwPreferencesWindow *self);
/* Shows the group "From Online Accounts" for @accounts (nullable: the group stays hidden) */
void                 aw_preferences_window_set_online_accounts (AwPreferencesWindow *self,
                                                                AwOnlineAccounts    *accounts);

G_END_DECLS
