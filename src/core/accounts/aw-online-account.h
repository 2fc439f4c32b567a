/* aw-online-account.h: one sending account of GNOME Online Accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-account.h"
#include "aw-credential-source.h"

G_BEGIN_DECLS

#define AW_ONLINE_ACCOUNT_ERROR (aw_online_account_error_quark ())
GQuark aw_online_account_error_quark (void);

typedef enum
{
  /* Online Accounts could not give a token or password, or could not renew one: the
   * message says "Sign in to your <provider> account again in Settings → Online Accounts." */
  AW_ONLINE_ACCOUNT_ERROR_SIGN_IN_AGAIN,
} AwOnlineAccountError;

#define AW_TYPE_ONLINE_ACCOUNT (aw_online_account_get_type ())

/* Implements AwCredentialSource: the token (GetAccessToken, after EnsureCredentials when
 * renewing) or GOA's "smtp-password", asked for at send time and never kept.
 * Properties (read-only, notified when GOA changes them): "id", "provider-type",
 * "provider-name", "provider-icon", "address", "name", "host", "port", "security",
 * "login", "kind", "attention-needed". */
G_DECLARE_FINAL_TYPE (AwOnlineAccount, aw_online_account, AW, ONLINE_ACCOUNT, GObject)

const char        *aw_online_account_get_id               (AwOnlineAccount *self);
const char        *aw_online_account_get_provider_type    (AwOnlineAccount *self);
const char        *aw_online_account_get_provider_name    (AwOnlineAccount *self);
const char        *aw_online_account_get_provider_icon    (AwOnlineAccount *self);
const char        *aw_online_account_get_address          (AwOnlineAccount *self);
const char        *aw_online_account_get_name             (AwOnlineAccount *self);
const char        *aw_online_account_get_host             (AwOnlineAccount *self);
guint              aw_online_account_get_port             (AwOnlineAccount *self);
AwAccountSecurity  aw_online_account_get_security         (AwOnlineAccount *self);
gboolean           aw_online_account_get_attention_needed (AwOnlineAccount *self);

/* An AwAccount with this account's address, name and server, for AwSender and the
 * history (id "goa:<GOA id>"); its secret comes from this object, never the keyring. */
AwAccount         *aw_online_account_to_account           (AwOnlineAccount *self);

G_END_DECLS
