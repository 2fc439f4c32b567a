/* aw-certificate-info.h: what a person needs to decide whether to trust a certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AW_TYPE_CERTIFICATE_INFO (aw_certificate_info_get_type ())

G_DECLARE_FINAL_TYPE (AwCertificateInfo, aw_certificate_info, AW, CERTIFICATE_INFO, GObject)

AwCertificateInfo    *aw_certificate_info_new                (GTlsCertificate      *certificate,
                                                              GTlsCertificateFlags  errors,
                                                              const char           *host,
                                                              guint16               port);
GTlsCertificate      *aw_certificate_info_get_certificate    (AwCertificateInfo    *self);
GTlsCertificateFlags  aw_certificate_info_get_errors         (AwCertificateInfo    *self);
const char           *aw_certificate_info_get_host           (AwCertificateInfo    *self);
guint16               aw_certificate_info_get_port           (AwCertificateInfo    *self);
const char           *aw_certificate_info_get_subject        (AwCertificateInfo    *self);
const char           *aw_certificate_info_get_issuer         (AwCertificateInfo    *self);
GDateTime            *aw_certificate_info_get_not_before     (AwCertificateInfo    *self);
GDateTime            *aw_certificate_info_get_not_after      (AwCertificateInfo    *self);
/* 64 lowercase hex digits, no separators: the value for aw_smtp_client_set_pinned_fingerprint() */
const char           *aw_certificate_info_get_sha256         (AwCertificateInfo    *self);
/* "AB:CD:…" for showing */
char                 *aw_certificate_info_format_sha256      (AwCertificateInfo    *self);
/* One translated sentence per problem in the errors, newline separated */
char                 *aw_certificate_info_describe_errors    (AwCertificateInfo    *self);

char                 *aw_certificate_sha256_hex              (GTlsCertificate      *certificate);

G_END_DECLS
