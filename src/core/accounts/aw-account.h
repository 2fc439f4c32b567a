/* aw-account.h: one sending account (no password: that lives in the keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "aw-core-enums.h"

G_BEGIN_DECLS

typedef enum
{
  AW_ACCOUNT_SECURITY_TLS,       /* implicit TLS, usually port 465 */
  AW_ACCOUNT_SECURITY_STARTTLS,  /* STARTTLS, usually port 587 */
  AW_ACCOUNT_SECURITY_NONE,      /* only accepted for localhost */
} AwAccountSecurity;


/* "tls", "starttls", "none": the strings of accounts.json and config-v1.1.xml-like data */
const char *aw_account_security_to_string   (AwAccountSecurity  security);
gboolean    aw_account_security_from_string (const char        *string,
                                             AwAccountSecurity *security);

#define AW_TYPE_ACCOUNT (aw_account_get_type ())

G_DECLARE_FINAL_TYPE (AwAccount, aw_account, AW, ACCOUNT, GObject)

AwAccount         *aw_account_new                    (void);
AwAccount         *aw_account_copy                   (AwAccount         *self);
const char        *aw_account_get_id                 (AwAccount         *self);
void               aw_account_set_id                 (AwAccount         *self,
                                                      const char        *id);
const char        *aw_account_get_display_name       (AwAccount         *self);
void               aw_account_set_display_name       (AwAccount         *self,
                                                      const char        *display_name);
const char        *aw_account_get_address            (AwAccount         *self);
void               aw_account_set_address            (AwAccount         *self,
                                                      const char        *address);
const char        *aw_account_get_host               (AwAccount         *self);
void               aw_account_set_host               (AwAccount         *self,
                                                      const char        *host);
guint              aw_account_get_port               (AwAccount         *self);
void               aw_account_set_port               (AwAccount         *self,
                                                      guint              port);
AwAccountSecurity  aw_account_get_security           (AwAccount         *self);
void               aw_account_set_security           (AwAccount         *self,
                                                      AwAccountSecurity  security);
const char        *aw_account_get_username           (AwAccount         *self);
void               aw_account_set_username           (AwAccount         *self,
                                                      const char        *username);
const char        *aw_account_get_pinned_fingerprint (AwAccount         *self);
void               aw_account_set_pinned_fingerprint (AwAccount         *self,
                                                      const char        *fingerprint);

/* The user name to log in with: the username, else the address. */
const char        *aw_account_get_login              (AwAccount         *self);
gboolean           aw_account_is_host_local          (AwAccount         *self);
/* Whether the account can be saved; sets AW_ACCOUNT_ERROR_INVALID with a sentence. */
gboolean           aw_account_validate               (AwAccount         *self,
                                                      GError           **error);

JsonNode          *aw_account_to_json                (AwAccount         *self);
AwAccount         *aw_account_new_from_json          (JsonNode          *node,
                                                      GError           **error);

#define AW_ACCOUNT_ERROR (aw_account_error_quark ())
GQuark aw_account_error_quark (void);

typedef enum
{
  AW_ACCOUNT_ERROR_INVALID,    /* a field is missing or wrong; the message says which */
  AW_ACCOUNT_ERROR_NOT_FOUND,  /* no account with that id */
  AW_ACCOUNT_ERROR_CORRUPT,    /* accounts.json cannot be read */
} AwAccountError;

G_END_DECLS
