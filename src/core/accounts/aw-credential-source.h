/* aw-credential-source.h: where the SMTP client gets a secret at the moment it signs in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  AW_CREDENTIAL_KIND_PASSWORD,   /* AUTH PLAIN, LOGIN or CRAM-MD5 */
  AW_CREDENTIAL_KIND_OAUTH2,     /* AUTH XOAUTH2 with an access token */
} AwCredentialKind;

#define AW_TYPE_CREDENTIAL_SOURCE (aw_credential_source_get_type ())

G_DECLARE_INTERFACE (AwCredentialSource, aw_credential_source, AW, CREDENTIAL_SOURCE, GObject)

/* A secret is handed over once and never kept by the source's caller beyond the
 * sign-in. lookup gives the current one; renew is asked at most once per sign-in, when
 * the server refused it, and gives a fresh one (e.g. a renewed OAuth 2.0 token).
 * get_login returns NULL when the server wants no sign-in: then nothing is looked up. */
struct _AwCredentialSourceInterface
{
  GTypeInterface parent_iface;

  AwCredentialKind (*get_kind)      (AwCredentialSource   *self);
  const char      *(*get_login)     (AwCredentialSource   *self);
  void             (*lookup_async)  (AwCredentialSource   *self,
                                     gboolean              renew,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  char            *(*lookup_finish) (AwCredentialSource   *self,
                                     GAsyncResult         *result,
                                     GError              **error);
};

AwCredentialKind  aw_credential_source_get_kind      (AwCredentialSource   *self);
const char       *aw_credential_source_get_login     (AwCredentialSource   *self);
void              aw_credential_source_lookup_async  (AwCredentialSource   *self,
                                                      gboolean              renew,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
/* Returns the secret; the caller wipes it (explicit_bzero) before freeing it. */
char             *aw_credential_source_lookup_finish (AwCredentialSource   *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
