/* aw-validated-entry.h: a labelled entry that explains what is wrong with its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-ui-enums.h"

G_BEGIN_DECLS

typedef enum
{
  AW_ENTRY_KIND_TEXT,
  AW_ENTRY_KIND_EMAIL,
  AW_ENTRY_KIND_URL,
} AwEntryKind;


#define AW_TYPE_VALIDATED_ENTRY (aw_validated_entry_get_type ())

G_DECLARE_FINAL_TYPE (AwValidatedEntry, aw_validated_entry, AW, VALIDATED_ENTRY, GtkWidget)

GtkWidget  *aw_validated_entry_new            (void);
const char *aw_validated_entry_get_text       (AwValidatedEntry *self);
void        aw_validated_entry_set_text       (AwValidatedEntry *self,
                                               const char       *text);
gboolean    aw_validated_entry_get_valid      (AwValidatedEntry *self);
const char *aw_validated_entry_get_error      (AwValidatedEntry *self);
gboolean    aw_validated_entry_get_error_shown (AwValidatedEntry *self);
void        aw_validated_entry_show_error     (AwValidatedEntry *self);
GtkEntry   *aw_validated_entry_get_entry      (AwValidatedEntry *self);

G_END_DECLS
