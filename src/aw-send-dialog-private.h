/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-send-dialog-private.h: what only the review sheet itself and the tests reach
 */
#pragma once

#include "aw-send-dialog.h"

G_BEGIN_DECLS

/* Trust this CA for the SMTP connection (the test server's) */
void          aw_send_dialog_set_tls_database   (AwSendDialog *self,
                                                 GTlsDatabase *database);
/* "review", "progress" or "error" */
const char   *aw_send_dialog_get_state          (AwSendDialog *self);
/* The sentence shown on the error page */
const char   *aw_send_dialog_get_error_text     (AwSendDialog *self);
/* The review page warns of an earlier follow-up to the same person or company */
gboolean      aw_send_dialog_get_repeat_warning (AwSendDialog *self);

G_END_DECLS
