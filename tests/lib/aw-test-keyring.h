/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-keyring.h: keyring items as other programs write them, for the tests that
 * check Afterword finds them (the keyring of build-aux/test.sh's private bus)
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  AW_TEST_KEYRING_MSMTP,        /* msmtp's own schema, de.marlam.msmtp.password */
  AW_TEST_KEYRING_SECRET_TOOL,  /* `secret-tool store --label=x host H service smtp user U` */
} AwTestKeyringWriter;

/* Stores @password for @host and @user, service "smtp", as @writer does */
void aw_test_keyring_store_smtp (AwTestKeyringWriter  writer,
                                 const char          *host,
                                 const char          *user,
                                 const char          *password);
/* Removes what @writer stored for @host */
void aw_test_keyring_clear      (AwTestKeyringWriter  writer,
                                 const char          *host);

G_END_DECLS
