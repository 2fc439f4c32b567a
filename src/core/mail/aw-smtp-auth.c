/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-auth.c: the SASL mechanisms of SMTP AUTH (RFC 4954), as pure functions
 *
 * PLAIN (RFC 4616) and XOAUTH2 (Google's and Microsoft's OAuth 2.0 bearer form) send
 * everything in the AUTH line; LOGIN answers two prompts; CRAM-MD5 (RFC 2195) one
 * challenge. Nothing here does I/O or logs: tests/unit/test-smtp-auth.c checks it
 * without a server. Every buffer that held a secret is overwritten before it is freed.
 */
#include "config.h"

#include <string.h>

#include "aw-smtp-auth.h"

void
aw_smtp_secure_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

const char *
aw_smtp_auth_choose_mechanism (AwSmtpCapabilities *capabilities,
                               gboolean            oauth2)
{
  static const char * const password_mechanisms[] = { "PLAIN", "LOGIN", "CRAM-MD5" };
  guint i;

  if (oauth2)
    return aw_smtp_capabilities_has_auth (capabilities, "XOAUTH2") ? "XOAUTH2" : NULL;
  for (i = 0; i < G_N_ELEMENTS (password_mechanisms); i++)
    if (aw_smtp_capabilities_has_auth (capabilities, password_mechanisms[i]))
      return password_mechanisms[i];
  return NULL;
}

/* base64 of @length bytes, which are wiped afterwards */
static char *
encode_and_wipe (guint8 *raw,
                 gsize   length)
{
  char *encoded = g_base64_encode (raw, length);

  memset (raw, 0, length);
  g_free (raw);
  return encoded;
}

/* RFC 4616: authzid (empty) NUL authcid NUL passwd */
static char *
plain_response (const char *username,
                const char *password)
{
  gsize ulen = strlen (username), plen = strlen (password);
  guint8 *raw = g_malloc (ulen + plen + 2);

  raw[0] = '\0';
  memcpy (raw + 1, username, ulen);
  raw[ulen + 1] = '\0';
  memcpy (raw + ulen + 2, password, plen);
  return encode_and_wipe (raw, ulen + plen + 2);
}

static char *
xoauth2_response (const char *username,
                  const char *token)
{
  char *raw = g_strdup_printf ("user=%s\001auth=Bearer %s\001\001", username, token);

  return encode_and_wipe ((guint8 *) raw, strlen (raw));
}

char *
aw_smtp_auth_initial_command (const char  *mechanism,
                              const char  *username,
                              const char  *secret,
                              char       **log_line)
{
  char *response = NULL;
  char *line;

  if (strcmp (mechanism, "PLAIN") == 0)
    response = plain_response (username, secret);
  else if (strcmp (mechanism, "XOAUTH2") == 0)
    response = xoauth2_response (username, secret);

  if (response == NULL)
    {
      *log_line = NULL;
      return g_strdup_printf ("AUTH %s", mechanism);
    }
  *log_line = g_strdup_printf ("AUTH %s <hidden>", mechanism);
  line = g_strconcat ("AUTH ", mechanism, " ", response, NULL);
  aw_smtp_secure_free (response);
  return line;
}

/* RFC 2195: base64 of "user hex(HMAC-MD5(password, challenge))" */
static char *
cram_md5_answer (const char *challenge,
                 const char *username,
                 const char *password)
{
  gsize len = 0;
  g_autofree guchar *decoded = g_base64_decode (challenge, &len);
  char *digest = g_compute_hmac_for_data (G_CHECKSUM_MD5, (const guchar *) password,
                                          strlen (password), decoded, len);
  char *response = g_strdup_printf ("%s %s", username, digest);

  aw_smtp_secure_free (digest);
  return encode_and_wipe ((guint8 *) response, strlen (response));
}

char *
aw_smtp_auth_answer (const char *mechanism,
                     guint       step,
                     const char *challenge,
                     const char *username,
                     const char *secret)
{
  if (strcmp (mechanism, "LOGIN") == 0 && (step == 1 || step == 2))
    {
      const char *value = step == 1 ? username : secret;

      return g_base64_encode ((const guchar *) value, strlen (value));
    }
  if (strcmp (mechanism, "CRAM-MD5") == 0 && step == 1)
    return cram_md5_answer (challenge, username, secret);
  /* XOAUTH2: the 334 carries the server's JSON error; an empty line asks for the
   * final 535. */
  if (strcmp (mechanism, "XOAUTH2") == 0 && step == 1)
    return g_strdup ("");
  return NULL;
}
