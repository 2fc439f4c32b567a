/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-auth.h: the SASL mechanisms of SMTP AUTH (RFC 4954), as pure functions */
#pragma once

#include <glib.h>

#include "aw-smtp-capabilities.h"

G_BEGIN_DECLS

/* Where one sign-in exchange stands; the session keeps one. */
typedef struct
{
  const char *mechanism;            /* NULL until chosen */
  guint       step;                 /* 334 challenges answered so far */
  gboolean    cancelled;            /* "*" was sent */
  gboolean    credentials_fetched;  /* asked the credential source */
  gboolean    credentials_renewed;  /* asked it again for a refused token */
} AwSmtpAuthState;

/* XOAUTH2 for a token; for a password PLAIN, LOGIN, then CRAM-MD5. NULL when the server
 * offers none of them. */
const char *aw_smtp_auth_choose_mechanism (AwSmtpCapabilities *capabilities,
                                           gboolean            oauth2);

/* The AUTH command line, without CR LF; PLAIN and XOAUTH2 carry their initial response.
 * @log_line: (out): what a log may show instead, NULL when the line holds no secret. */
char       *aw_smtp_auth_initial_command  (const char         *mechanism,
                                           const char         *username,
                                           const char         *secret,
                                           char              **log_line);

/* The base64 answer to the @step-th 334 (counting from 1) whose text is @challenge;
 * NULL when the mechanism has nothing more to say (the client then cancels with "*"). */
char       *aw_smtp_auth_answer           (const char         *mechanism,
                                           guint               step,
                                           const char         *challenge,
                                           const char         *username,
                                           const char         *secret);

/* Overwrites a secret before freeing it; NULL is fine. */
void        aw_smtp_secure_free           (char               *secret);

G_END_DECLS
