/* aw-certificate-info.c: what a person needs to decide whether to trust a certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-certificate-info.h"

struct _AwCertificateInfo
{
  GObject               parent_instance;

  GTlsCertificate      *certificate;
  GTlsCertificateFlags  errors;
  char                 *host;
  guint16               port;
  char                 *subject;
  char                 *issuer;
  GDateTime            *not_before;
  GDateTime            *not_after;
  char                 *sha256;
};

G_DEFINE_FINAL_TYPE (AwCertificateInfo, aw_certificate_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CERTIFICATE,
  PROP_ERRORS,
  PROP_HOST,
  PROP_PORT,
  PROP_SUBJECT,
  PROP_ISSUER,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
aw_certificate_info_finalize (GObject *object)
{
  AwCertificateInfo *self = (AwCertificateInfo *) object;

  g_clear_object (&self->certificate);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_clear_pointer (&self->sha256, g_free);

  G_OBJECT_CLASS (aw_certificate_info_parent_class)->finalize (object);
}

static void
aw_certificate_info_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AwCertificateInfo *self = AW_CERTIFICATE_INFO (object);

  switch (prop_id)
    {
    case PROP_CERTIFICATE:
      g_value_set_object (value, self->certificate);
      break;
    case PROP_ERRORS:
      g_value_set_flags (value, self->errors);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_NOT_BEFORE:
      g_value_set_boxed (value, self->not_before);
      break;
    case PROP_NOT_AFTER:
      g_value_set_boxed (value, self->not_after);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_certificate_info_class_init (AwCertificateInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = aw_certificate_info_finalize;
  object_class->get_property = aw_certificate_info_get_property;

  properties[PROP_CERTIFICATE] =
    g_param_spec_object ("certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE, flags);
  properties[PROP_ERRORS] =
    g_param_spec_flags ("errors", NULL, NULL, G_TYPE_TLS_CERTIFICATE_FLAGS, 0, flags);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  properties[PROP_NOT_BEFORE] =
    g_param_spec_boxed ("not-before", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NOT_AFTER] =
    g_param_spec_boxed ("not-after", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_certificate_info_init (AwCertificateInfo *self)
{
}

/**
 * aw_certificate_sha256_hex:
 *
 * Returns: (transfer full): SHA-256 of the DER encoding, 64 lowercase hex digits
 */
char *
aw_certificate_sha256_hex (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

AwCertificateInfo *
aw_certificate_info_new (GTlsCertificate      *certificate,
                         GTlsCertificateFlags  errors,
                         const char           *host,
                         guint16               port)
{
  AwCertificateInfo *self;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  self = g_object_new (AW_TYPE_CERTIFICATE_INFO, NULL);
  self->certificate = g_object_ref (certificate);
  self->errors = errors;
  self->host = g_strdup (host);
  self->port = port;
  self->subject = g_tls_certificate_get_subject_name (certificate);
  self->issuer = g_tls_certificate_get_issuer_name (certificate);
  self->not_before = g_tls_certificate_get_not_valid_before (certificate);
  self->not_after = g_tls_certificate_get_not_valid_after (certificate);
  self->sha256 = aw_certificate_sha256_hex (certificate);
  return self;
}

GTlsCertificate *
aw_certificate_info_get_certificate (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);
  return self->certificate;
}

GTlsCertificateFlags
aw_certificate_info_get_errors (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), 0);
  return self->errors;
}

const char *
aw_certificate_info_get_host (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);
  return self->host;
}

guint16
aw_certificate_info_get_port (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), 0);
  return self->port;
}

const char *
aw_certificate_info_get_subject (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);
  return self->subject;
}

const char *
aw_certificate_info_get_issuer (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);
  return self->issuer;
}

GDateTime *
aw_certificate_info_get_not_before (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);
  return self->not_before;
}

GDateTime *
aw_certificate_info_get_not_after (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);
  return self->not_after;
}

const char *
aw_certificate_info_get_sha256 (AwCertificateInfo *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);
  return self->sha256;
}

char *
aw_certificate_info_format_sha256 (AwCertificateInfo *self)
{
  GString *out;
  gsize i;

  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);

  if (self->sha256 == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (i = 0; self->sha256[i] != '\0'; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (self->sha256[i]));
      if (self->sha256[i + 1] != '\0')
        g_string_append_c (out, g_ascii_toupper (self->sha256[i + 1]));
      else
        break;
    }
  return g_string_free (out, FALSE);
}

char *
aw_certificate_info_describe_errors (AwCertificateInfo *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (self), NULL);

  if (self->errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_ptr_array_add (lines, (char *) _("It is not signed by an authority this computer trusts."));
  if (self->errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_ptr_array_add (lines, (char *) _("It was issued for a different server name."));
  if (self->errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_ptr_array_add (lines, (char *) _("It is not valid yet."));
  if (self->errors & G_TLS_CERTIFICATE_EXPIRED)
    g_ptr_array_add (lines, (char *) _("It has expired."));
  if (self->errors & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (lines, (char *) _("It has been revoked."));
  if (self->errors & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (lines, (char *) _("It uses insecure cryptography."));
  if (lines->len == 0)
    g_ptr_array_add (lines, (char *) _("It could not be verified."));
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}
