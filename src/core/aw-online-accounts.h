/* aw-online-accounts.h: the sending accounts of GNOME Online Accounts, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-online-account.h"

G_BEGIN_DECLS

#define AW_TYPE_ONLINE_ACCOUNTS (aw_online_accounts_get_type ())

/* A GListModel of AwOnlineAccount: every GOA account with Mail enabled and SMTP
 * supported, kept up to date as accounts are added, removed, disabled for mail or need
 * attention. Properties: "available" (the Online Accounts service answers; FALSE
 * without libgoa or without the service on the session bus) and "loading" (TRUE until
 * the first answer). Creating it never blocks. */
G_DECLARE_FINAL_TYPE (AwOnlineAccounts, aw_online_accounts, AW, ONLINE_ACCOUNTS, GObject)

AwOnlineAccounts *aw_online_accounts_new           (void);
gboolean          aw_online_accounts_get_available (AwOnlineAccounts *self);
gboolean          aw_online_accounts_get_loading   (AwOnlineAccounts *self);
/* (transfer none) (nullable): the account with this GOA id */
AwOnlineAccount  *aw_online_accounts_lookup        (AwOnlineAccounts *self,
                                                    const char       *id);

G_END_DECLS
