/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-editor-export.h: the follow-up for another mail app: a mailto: URI or an .eml file
 */
#pragma once

#include <adwaita.h>

#include "aw-draft.h"

G_BEGIN_DECLS

/* mailto: URI (RFC 6068) with the recipient of @draft, @subject and @body */
char   *aw_editor_export_mailto_uri (AwDraft         *draft,
                                     const char      *subject,
                                     const char      *body);
/* An unsent RFC 5322 message to the recipient of @draft */
GBytes *aw_editor_export_eml        (AwDraft         *draft,
                                     const char      *subject,
                                     const char      *body);
/* Asks where to save @eml, saves it and says how that went in @toasts */
void    aw_editor_export_save_eml   (GtkWindow       *parent,
                                     AwDraft         *draft,
                                     GBytes          *eml,
                                     AdwToastOverlay *toasts);

G_END_DECLS
