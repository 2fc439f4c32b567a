/* aw-account-editor.h: adds or edits one sending account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-account-store.h"
#include "aw-online-accounts.h"

G_BEGIN_DECLS

#define AW_TYPE_ACCOUNT_EDITOR (aw_account_editor_get_type ())

/* Signal "saved" (AwAccount *account): the account is in the store and saved; the
 * password (if one was entered) is in the keyring. The editor closes right after. */
G_DECLARE_FINAL_TYPE (AwAccountEditor, aw_account_editor, AW, ACCOUNT_EDITOR, AdwWindow)

AwAccountEditor *aw_account_editor_new               (GtkWindow       *parent,
                                                      AwAccountStore  *store,
                                                      AwAccount       *account);
/* For tests: trust this CA for Test Connection. */
void             aw_account_editor_set_tls_database  (AwAccountEditor *self,
                                                      GTlsDatabase    *database);
/* The inline error and the Test Connection sentence, for tests */
const char      *aw_account_editor_get_error_text    (AwAccountEditor *self);
const char      *aw_account_editor_get_test_text     (AwAccountEditor *self);
gboolean         aw_account_editor_get_busy          (AwAccountEditor *self);
/* (nullable): Online Accounts, for the offer to send through a Google or Microsoft
 * account from there instead of with a password */
void             aw_account_editor_set_online_accounts (AwAccountEditor  *self,
                                                        AwOnlineAccounts *accounts);

G_END_DECLS
