/* aw-history-entry.h: one follow-up that was sent (or may have been)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "aw-core-enums.h"

G_BEGIN_DECLS

typedef enum
{
  AW_HISTORY_STATUS_SENT,                /* the server answered 250 */
  AW_HISTORY_STATUS_DELIVERY_UNCERTAIN,  /* the message went out, the 250 never came */
} AwHistoryStatus;


#define AW_TYPE_HISTORY_ENTRY (aw_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (AwHistoryEntry, aw_history_entry, AW, HISTORY_ENTRY, GObject)

AwHistoryEntry  *aw_history_entry_new                   (const char      *recipient_name,
                                                         const char      *recipient_address,
                                                         const char      *company,
                                                         const char      *role,
                                                         const char      *subject,
                                                         const char      *sender_address,
                                                         GDateTime       *sent_at,
                                                         const char      *message_id,
                                                         AwHistoryStatus  status);
const char      *aw_history_entry_get_recipient_name    (AwHistoryEntry  *self);
const char      *aw_history_entry_get_recipient_address (AwHistoryEntry  *self);
const char      *aw_history_entry_get_company           (AwHistoryEntry  *self);
const char      *aw_history_entry_get_role              (AwHistoryEntry  *self);
const char      *aw_history_entry_get_subject           (AwHistoryEntry  *self);
const char      *aw_history_entry_get_sender_address    (AwHistoryEntry  *self);
GDateTime       *aw_history_entry_get_sent_at           (AwHistoryEntry  *self);
const char      *aw_history_entry_get_message_id        (AwHistoryEntry  *self);
AwHistoryStatus  aw_history_entry_get_status            (AwHistoryEntry  *self);
/* The file name of the exact sent message inside the history folder, "<hash>.eml" */
const char      *aw_history_entry_get_eml_name          (AwHistoryEntry  *self);

/* "Sent to Dana Ruiz at Acme, 12 March" (translated; the year is added when it is not
 * this year; "Maybe sent to …" for delivery uncertain) */
char            *aw_history_entry_describe              (AwHistoryEntry  *self);

JsonNode        *aw_history_entry_to_json               (AwHistoryEntry  *self);
AwHistoryEntry  *aw_history_entry_new_from_json         (JsonNode        *node);

G_END_DECLS
