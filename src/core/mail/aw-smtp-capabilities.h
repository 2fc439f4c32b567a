/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-capabilities.h: what a server offers after EHLO (RFC 5321 4.1.1.1) */
#pragma once

#include <glib.h>

#include "aw-smtp-reply.h"

G_BEGIN_DECLS

typedef struct _AwSmtpCapabilities AwSmtpCapabilities;

AwSmtpCapabilities *aw_smtp_capabilities_new        (void);
void                aw_smtp_capabilities_free       (AwSmtpCapabilities *self);
/* Forget everything, e.g. after STARTTLS (RFC 3207 4.2) or a HELO. */
void                aw_smtp_capabilities_clear      (AwSmtpCapabilities *self);
/* Replaces what was known with the extension lines of a 250 reply to EHLO. */
void                aw_smtp_capabilities_parse      (AwSmtpCapabilities *self,
                                                     const AwSmtpReply  *reply);
/* @keyword upper case: "PIPELINING", "SIZE", ... */
gboolean            aw_smtp_capabilities_has        (AwSmtpCapabilities *self,
                                                     const char         *keyword);
/* The parameters after the keyword ("35882577" for SIZE), "" for none, NULL if absent. */
const char         *aw_smtp_capabilities_get_params (AwSmtpCapabilities *self,
                                                     const char         *keyword);
/* Whether AUTH (or the old "AUTH=" form) lists @mechanism, case-insensitively. */
gboolean            aw_smtp_capabilities_has_auth   (AwSmtpCapabilities *self,
                                                     const char         *mechanism);
/* The extension lines as received, keyword upper-cased, in order. */
char              **aw_smtp_capabilities_dup_lines  (AwSmtpCapabilities *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwSmtpCapabilities, aw_smtp_capabilities_free)

G_END_DECLS
