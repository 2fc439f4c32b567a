/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-account-actions.h: what the account editor, Preferences and the review sheet do
 * alike with the accounts and Online Accounts
 */
#pragma once

#include <gtk/gtk.h>

#include "aw-account-store.h"
#include "aw-online-accounts.h"

G_BEGIN_DECLS

/* Saves @store in the background; a failure is only logged */
void aw_account_actions_save_in_background    (AwAccountStore    *store);
/* Sets *@field to @accounts and calls @changed (swapped: @owner first) whenever its list,
 * its availability or its loading changes; the handlers of the previous list go */
void aw_account_actions_follow_online         (AwOnlineAccounts **field,
                                               AwOnlineAccounts  *accounts,
                                               GCallback          changed,
                                               gpointer           owner);
/* Shows @text in @label, or hides it for NULL */
void aw_account_actions_show_error            (GtkLabel          *label,
                                               const char        *text);
/* Opens Settings → Online Accounts; says why it could not in @error_label (nullable) */
void aw_account_actions_open_online_settings  (GtkLabel          *error_label);

G_END_DECLS
