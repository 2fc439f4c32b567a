/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-credential-source.c: where the SMTP client gets a secret at the moment it signs in */
#include "config.h"

#include "aw-credential-source.h"

G_DEFINE_INTERFACE (AwCredentialSource, aw_credential_source, G_TYPE_OBJECT)

static void
aw_credential_source_default_init (AwCredentialSourceInterface *iface)
{
}

AwCredentialKind
aw_credential_source_get_kind (AwCredentialSource *self)
{
  g_return_val_if_fail (AW_IS_CREDENTIAL_SOURCE (self), AW_CREDENTIAL_KIND_PASSWORD);

  return AW_CREDENTIAL_SOURCE_GET_IFACE (self)->get_kind (self);
}

const char *
aw_credential_source_get_login (AwCredentialSource *self)
{
  g_return_val_if_fail (AW_IS_CREDENTIAL_SOURCE (self), NULL);

  return AW_CREDENTIAL_SOURCE_GET_IFACE (self)->get_login (self);
}

/**
 * aw_credential_source_lookup_async:
 * @renew: %TRUE when the server refused the last secret: get a fresh one
 */
void
aw_credential_source_lookup_async (AwCredentialSource  *self,
                                   gboolean             renew,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (AW_IS_CREDENTIAL_SOURCE (self));

  AW_CREDENTIAL_SOURCE_GET_IFACE (self)->lookup_async (self, renew, cancellable,
                                                       callback, user_data);
}

char *
aw_credential_source_lookup_finish (AwCredentialSource  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (AW_IS_CREDENTIAL_SOURCE (self), NULL);

  return AW_CREDENTIAL_SOURCE_GET_IFACE (self)->lookup_finish (self, result, error);
}
