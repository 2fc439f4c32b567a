/* aw-autoconfig.h: finds the outgoing server settings for an email address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-account.h"

G_BEGIN_DECLS

#define AW_AUTOCONFIG_ERROR (aw_autoconfig_error_quark ())
GQuark aw_autoconfig_error_quark (void);

typedef enum
{
  AW_AUTOCONFIG_ERROR_INVALID_ADDRESS,  /* not name@domain */
  AW_AUTOCONFIG_ERROR_NOT_FOUND,        /* every way was tried; enter the settings by hand */
  AW_AUTOCONFIG_ERROR_INVALID_CONFIG,   /* a config-v1.1.xml without a usable SMTP server */
} AwAutoconfigError;

/* Where the settings came from, in the order they are tried; the first hit wins. */
typedef enum
{
  AW_AUTOCONFIG_SOURCE_BUILTIN,      /* data/providers.json */
  AW_AUTOCONFIG_SOURCE_PROVIDER,     /* https://autoconfig.<domain>/mail/config-v1.1.xml */
  AW_AUTOCONFIG_SOURCE_WELL_KNOWN,   /* https://<domain>/.well-known/autoconfig/mail/… */
  AW_AUTOCONFIG_SOURCE_ISPDB,        /* https://autoconfig.thunderbird.net/v1.1/<domain> */
  AW_AUTOCONFIG_SOURCE_SRV,          /* _submissions._tcp, then _submission._tcp */
  AW_AUTOCONFIG_SOURCE_GUESS,        /* smtp.<domain>, mail.<domain>, probed with EHLO */
  AW_AUTOCONFIG_N_SOURCES
} AwAutoconfigSource;

/* The provider wants something special; aw_autoconfig_note_describe() says what. */
typedef enum
{
  AW_AUTOCONFIG_NOTE_NONE,
  AW_AUTOCONFIG_NOTE_APP_PASSWORD,
  AW_AUTOCONFIG_NOTE_OAUTH,
} AwAutoconfigNote;

#define AW_TYPE_AUTOCONFIG (aw_autoconfig_get_type ())

/* Properties (for tests; each also read from an environment variable of the same name
 * in upper case with AW_AUTOCONFIG_ in front, e.g. AW_AUTOCONFIG_ISPDB_URL):
 *   provider-url, well-known-url, ispdb-url: templates with "{domain}"; https:// only
 *   use-builtin, use-dns, use-guesses: booleans, default TRUE
 *   tls-database: trust this CA for autoconfig (default: the system's)
 *   timeout: seconds per HTTP request (default 10) */
G_DECLARE_FINAL_TYPE (AwAutoconfig, aw_autoconfig, AW, AUTOCONFIG, GObject)

AwAutoconfig *aw_autoconfig_new                (void);
void          aw_autoconfig_detect_async       (AwAutoconfig          *self,
                                                const char            *address,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
/* Returns an account with address, host, port, security and username set (no id). */
AwAccount    *aw_autoconfig_detect_finish      (AwAutoconfig          *self,
                                                GAsyncResult          *result,
                                                AwAutoconfigSource    *source,
                                                AwAutoconfigNote      *note,
                                                char                 **provider_name,
                                                GError               **error);

/* The steps of the last detection, for tests and debugging: "builtin", "provider",
 * "well-known", "ispdb", "srv:_submissions._tcp", "srv:_submission._tcp",
 * "guess:smtp.example.com:465", … in the order they ran. */
const char * const *aw_autoconfig_get_trace    (AwAutoconfig          *self);

/* Parses a Thunderbird config-v1.1.xml and picks its best SMTP server. */
AwAccount    *aw_autoconfig_parse_config       (const char            *xml,
                                                gsize                  length,
                                                const char            *address,
                                                AwAutoconfigNote      *note,
                                                GError               **error);
/* The built-in table: an account for @address, or NULL (no error) if the domain is not in it. */
AwAccount    *aw_autoconfig_lookup_builtin     (const char            *address,
                                                AwAutoconfigNote      *note,
                                                char                 **provider_name,
                                                GError               **error);

/* One translated sentence, e.g. "Gmail needs an app password: …" */
char         *aw_autoconfig_note_describe      (AwAutoconfigNote       note,
                                                const char            *provider_name);

G_END_DECLS
