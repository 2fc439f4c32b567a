/* aw-online-accounts-private.h: what AwOnlineAccounts needs of an account item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "aw-online-account.h"

#ifdef HAVE_GOA_HEADERS
G_BEGIN_DECLS

/* Whether a GOA object is a sending account: Mail enabled, SMTP supported, a host and a
 * way to sign in that Afterword speaks (XOAUTH2 or GOA's password). */
gboolean         aw_online_account_is_usable (GoaObject       *object);
AwOnlineAccount *aw_online_account_new       (GoaObject       *object);
GoaObject       *aw_online_account_get_object (AwOnlineAccount *self);
/* Reads the GOA properties again; notifies what changed. */
void             aw_online_account_update    (AwOnlineAccount *self);

G_END_DECLS
#endif
