/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-keyring.c: keyring items as msmtp and secret-tool write them */
#include "config.h"

#include <libsecret/secret.h>

#include "aw-test-keyring.h"

static const SecretSchema *
schema_of (AwTestKeyringWriter writer)
{
  static const SecretSchema msmtp = {
    "de.marlam.msmtp.password", SECRET_SCHEMA_NONE,
    { { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } }
  };
  static const SecretSchema generic = {
    "org.freedesktop.Secret.Generic", SECRET_SCHEMA_NONE,
    { { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } }
  };

  return writer == AW_TEST_KEYRING_MSMTP ? &msmtp : &generic;
}

void
aw_test_keyring_store_smtp (AwTestKeyringWriter  writer,
                            const char          *host,
                            const char          *user,
                            const char          *password)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (secret_password_store_sync (schema_of (writer), SECRET_COLLECTION_DEFAULT,
                                             writer == AW_TEST_KEYRING_MSMTP ? "msmtp" : "x",
                                             password, NULL, &error,
                                             "host", host, "service", "smtp", "user", user,
                                             NULL));
  g_assert_no_error (error);
}

void
aw_test_keyring_clear (AwTestKeyringWriter  writer,
                       const char          *host)
{
  secret_password_clear_sync (schema_of (writer), NULL, NULL, "host", host, NULL);
}
