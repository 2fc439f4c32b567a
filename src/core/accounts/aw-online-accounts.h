/* aw-online-accounts.h: the sending accounts of GNOME Online Accounts, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-online-account.h"

G_BEGIN_DECLS

/* The providers whose accounts Online Accounts signs in with OAuth 2.0 */
typedef enum
{
  AW_ONLINE_PROVIDER_NONE,
  AW_ONLINE_PROVIDER_GOOGLE,      /* GOA provider "google" */
  AW_ONLINE_PROVIDER_MICROSOFT,   /* GOA providers "windows_live" and "ms_graph" */
} AwOnlineProvider;

/* Which provider an address and its SMTP server (as Detect Settings found it; either may
 * be NULL) belong to: Gmail and Google Workspace, Outlook.com/Hotmail/Live and
 * Microsoft 365. For the account editor's "Use your Google account from Online
 * Accounts". */
AwOnlineProvider aw_online_provider_for_server (const char *address,
                                                const char *smtp_host);

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
/* (transfer none) (nullable): the account behind an AwAccount id "goa:<GOA id>" (as
 * aw_online_account_to_account() makes it, and as AwAccountStore can keep it as its
 * default id for "send from this account"); NULL for any other id */
AwOnlineAccount  *aw_online_accounts_lookup_account_id (AwOnlineAccounts *self,
                                                        const char       *account_id);
/* (transfer none) (nullable): an account of @provider, the one for @address (any case)
 * when there is one, else the first; NULL when Online Accounts has none of that
 * provider */
AwOnlineAccount  *aw_online_accounts_find          (AwOnlineAccounts *self,
                                                    AwOnlineProvider  provider,
                                                    const char       *address);

/* Settings → Online Accounts: whether it can be opened here (gnome-control-center is
 * installed), and opening it without waiting for it. */
gboolean          aw_online_accounts_can_open_settings (void);
gboolean          aw_online_accounts_open_settings     (GError          **error);

G_END_DECLS
