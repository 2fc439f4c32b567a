/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-autoconfig-private.h: what the lookup sequence (aw-autoconfig.c) and the
 * config-v1.1.xml reader (aw-autoconfig-ispdb.c) share
 */
#pragma once

#include "aw-autoconfig.h"

G_BEGIN_DECLS

/* Splits name@domain; the domain comes back lower-cased and limited to host name
 * characters, safe for a URL and a DNS query. */
gboolean   aw_autoconfig_split_address        (const char         *address,
                                               char              **local_part,
                                               char              **domain);
/* A DNS name, never an IP literal or this machine: what the network may name. */
gboolean   aw_autoconfig_is_network_hostname  (const char         *host);
/* An account for @address; %EMAILADDRESS% and the like in @host and @username filled in. */
AwAccount *aw_autoconfig_make_account         (const char         *address,
                                               const char         *host,
                                               guint               port,
                                               AwAccountSecurity   security,
                                               const char         *username);

G_END_DECLS
