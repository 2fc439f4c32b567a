/* aw-certificate-dialog.h: shows an untrusted certificate and lets the person pin it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-certificate-info.h"

G_BEGIN_DECLS

#define AW_CERTIFICATE_DIALOG_RESPONSE_TRUST  "trust"
#define AW_CERTIFICATE_DIALOG_RESPONSE_CANCEL "cancel"

#define AW_TYPE_CERTIFICATE_DIALOG (aw_certificate_dialog_get_type ())

/* Responses (AdwMessageDialog::response): "trust" or "cancel". */
G_DECLARE_FINAL_TYPE (AwCertificateDialog, aw_certificate_dialog, AW, CERTIFICATE_DIALOG,
                      AdwMessageDialog)

AwCertificateDialog *aw_certificate_dialog_new      (GtkWindow           *parent,
                                                     AwCertificateInfo   *info);
AwCertificateInfo   *aw_certificate_dialog_get_info (AwCertificateDialog *self);

G_END_DECLS
