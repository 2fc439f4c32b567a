/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-goa.h: the fake Online Accounts service (tests/servers/fake-goa.py) seen from a
 * test, on the private session bus of build-aux/test.sh
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether org.gnome.OnlineAccounts has an owner on the session bus */
gboolean     aw_test_goa_running        (void);
/* Starts the fake (none may be running) and waits until it owns the name */
GSubprocess *aw_test_goa_start          (void);
/* Stops it and waits until the name is gone */
void         aw_test_goa_stop           (GSubprocess *fake);

/* An account in the fake service: @json_members are JSON members without braces */
void         aw_test_goa_add_account    (const char  *json_members);
void         aw_test_goa_update_account (const char  *id,
                                         const char  *json);
void         aw_test_goa_remove_account (const char  *id);
/* How often the fake's @method was called for account @id */
int          aw_test_goa_calls          (const char  *id,
                                         const char  *method);

/* The JSON members of a Google-like account on the SMTP test server's STARTTLS port,
 * signing in with @tokens_json (a JSON list, the first one handed out first), followed
 * by @extra_members (nullable, e.g. "\"ensure_fails\": true") */
char        *aw_test_goa_google_account (const char  *id,
                                         const char  *tokens_json,
                                         const char  *extra_members);

G_END_DECLS
