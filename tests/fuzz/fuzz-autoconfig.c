/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-autoconfig.c: libFuzzer target for the config-v1.1.xml parser
 *
 * The file comes from the internet (the provider's server or the ISPDB). Whatever the
 * bytes, the parser must not crash, and what it hands out must be a usable, encrypted
 * SMTP server: never "plain", a real port, a lower-case DNS name without spaces or
 * slashes, never an IP literal or loopback.
 */
#include "config.h"

#include <string.h>

#include "aw-autoconfig.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwAccount) account = NULL;
  AwAutoconfigNote note = AW_AUTOCONFIG_NOTE_NONE;
  const char *host;

  account = aw_autoconfig_parse_config ((const char *) data, size, "sam.lee@example.org",
                                        &note, &error);
  if (account == NULL)
    {
      g_assert (g_error_matches (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG));
      return 0;
    }

  g_assert (error == NULL);
  host = aw_account_get_host (account);
  g_assert (host != NULL && *host != '\0');
  g_assert (strpbrk (host, " /@:[%") == NULL);
  for (const char *p = host; *p != '\0'; p++)
    g_assert (!g_ascii_isupper (*p));
  g_assert (!g_hostname_is_ip_address (host));
  g_assert (g_strcmp0 (host, "localhost") != 0 && !g_str_has_suffix (host, ".localhost"));
  g_assert (aw_account_get_port (account) >= 1 && aw_account_get_port (account) <= 65535);
  g_assert (aw_account_get_security (account) != AW_ACCOUNT_SECURITY_NONE);
  g_assert (note == AW_AUTOCONFIG_NOTE_NONE || note == AW_AUTOCONFIG_NOTE_OAUTH);
  g_assert (g_strcmp0 (aw_account_get_address (account), "sam.lee@example.org") == 0);
  return 0;
}
