/* aw-history-entry.c: one follow-up that was sent (or may have been)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-history-entry.h"

struct _AwHistoryEntry
{
  GObject          parent_instance;

  char            *recipient_name;
  char            *recipient_address;
  char            *company;
  char            *role;
  char            *subject;
  char            *sender_address;
  GDateTime       *sent_at;
  char            *message_id;
  char            *eml_name;
  AwHistoryStatus  status;
};

G_DEFINE_FINAL_TYPE (AwHistoryEntry, aw_history_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECIPIENT_NAME,
  PROP_RECIPIENT_ADDRESS,
  PROP_COMPANY,
  PROP_ROLE,
  PROP_SENT_AT,
  PROP_MESSAGE_ID,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
nonempty (const char *value)
{
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/**
 * aw_history_entry_new:
 * @message_id: the Message-ID without angle brackets
 */
AwHistoryEntry *
aw_history_entry_new (const char      *recipient_name,
                      const char      *recipient_address,
                      const char      *company,
                      const char      *role,
                      const char      *subject,
                      const char      *sender_address,
                      GDateTime       *sent_at,
                      const char      *message_id,
                      AwHistoryStatus  status)
{
  AwHistoryEntry *self;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (recipient_address != NULL, NULL);
  g_return_val_if_fail (sent_at != NULL, NULL);
  g_return_val_if_fail (message_id != NULL, NULL);

  self = g_object_new (AW_TYPE_HISTORY_ENTRY, NULL);
  self->recipient_name = nonempty (recipient_name);
  self->recipient_address = g_strdup (recipient_address);
  self->company = nonempty (company);
  self->role = nonempty (role);
  self->subject = nonempty (subject);
  self->sender_address = nonempty (sender_address);
  self->sent_at = g_date_time_ref (sent_at);
  self->message_id = g_strdup (message_id);
  self->status = status;

  /* The file name is derived, never taken from the (remote-influenced) id itself. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, message_id, -1);
  self->eml_name = g_strdup_printf ("%.32s.eml", hash);
  return self;
}

const char *
aw_history_entry_get_recipient_name (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->recipient_name;
}

const char *
aw_history_entry_get_recipient_address (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->recipient_address;
}

const char *
aw_history_entry_get_company (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->company;
}

const char *
aw_history_entry_get_role (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->role;
}

const char *
aw_history_entry_get_subject (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->subject;
}

const char *
aw_history_entry_get_sender_address (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->sender_address;
}

GDateTime *
aw_history_entry_get_sent_at (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->sent_at;
}

const char *
aw_history_entry_get_message_id (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->message_id;
}

AwHistoryStatus
aw_history_entry_get_status (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), AW_HISTORY_STATUS_SENT);
  return self->status;
}

const char *
aw_history_entry_get_eml_name (AwHistoryEntry *self)
{
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);
  return self->eml_name;
}

/**
 * aw_history_entry_describe:
 *
 * Returns: (transfer full): one line for the start page
 */
char *
aw_history_entry_describe (AwHistoryEntry *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  const char *who;

  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);

  local = g_date_time_to_local (self->sent_at);
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a day and month as strftime format, e.g. "12 March" */
    date = g_date_time_format (local, _("%-d %B"));
  else
    /* Translators: a day, month and year as strftime format, e.g. "12 March 2025" */
    date = g_date_time_format (local, _("%-d %B %Y"));

  who = self->recipient_name != NULL ? self->recipient_name : self->recipient_address;
  if (self->status == AW_HISTORY_STATUS_DELIVERY_UNCERTAIN)
    {
      if (self->company != NULL)
        /* Translators: "Maybe sent to Dana Ruiz at Acme, 12 March"; the first %s is the recipient's name or address, the second the
         * company, the third a date */
        return g_strdup_printf (_("Maybe sent to %s at %s, %s"), who, self->company, date);
      /* Translators: "Maybe sent to Dana Ruiz, 12 March" */
      return g_strdup_printf (_("Maybe sent to %s, %s"), who, date);
    }
  if (self->company != NULL)
    /* Translators: "Sent to Dana Ruiz at Acme, 12 March"; the first %s is the recipient's name or address, the second the
         * company, the third a date */
    return g_strdup_printf (_("Sent to %s at %s, %s"), who, self->company, date);
  /* Translators: "Sent to Dana Ruiz, 12 March" */
  return g_strdup_printf (_("Sent to %s, %s"), who, date);
}

JsonNode *
aw_history_entry_to_json (AwHistoryEntry *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *date = NULL;

  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (self), NULL);

  date = g_date_time_format_iso8601 (self->sent_at);
  json_builder_begin_object (builder);
#define ADD(key, value) \
  if ((value) != NULL) { json_builder_set_member_name (builder, key); json_builder_add_string_value (builder, value); }
  ADD ("recipient-name", self->recipient_name);
  ADD ("recipient-address", self->recipient_address);
  ADD ("company", self->company);
  ADD ("role", self->role);
  ADD ("subject", self->subject);
  ADD ("sender-address", self->sender_address);
  ADD ("sent-at", date);
  ADD ("message-id", self->message_id);
  ADD ("status", self->status == AW_HISTORY_STATUS_SENT ? "sent" : "delivery-uncertain");
  ADD ("eml", self->eml_name);
#undef ADD
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * aw_history_entry_new_from_json:
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL if @node is not one
 */
AwHistoryEntry *
aw_history_entry_new_from_json (JsonNode *node)
{
  g_autoptr(GDateTime) sent_at = NULL;
  JsonObject *object;
  const char *address, *message_id, *date, *status;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  address = json_object_get_string_member_with_default (object, "recipient-address", NULL);
  message_id = json_object_get_string_member_with_default (object, "message-id", NULL);
  date = json_object_get_string_member_with_default (object, "sent-at", NULL);
  status = json_object_get_string_member_with_default (object, "status", "sent");
  if (address == NULL || message_id == NULL || date == NULL ||
      (sent_at = g_date_time_new_from_iso8601 (date, NULL)) == NULL)
    return NULL;

#define GET(key) json_object_get_string_member_with_default (object, key, NULL)
  return aw_history_entry_new (GET ("recipient-name"), address, GET ("company"), GET ("role"),
                               GET ("subject"), GET ("sender-address"), sent_at, message_id,
                               g_strcmp0 (status, "delivery-uncertain") == 0
                               ? AW_HISTORY_STATUS_DELIVERY_UNCERTAIN
                               : AW_HISTORY_STATUS_SENT);
#undef GET
}

static void
aw_history_entry_finalize (GObject *object)
{
  AwHistoryEntry *self = AW_HISTORY_ENTRY (object);

  g_free (self->recipient_name);
  g_free (self->recipient_address);
  g_free (self->company);
  g_free (self->role);
  g_free (self->subject);
  g_free (self->sender_address);
  g_clear_pointer (&self->sent_at, g_date_time_unref);
  g_free (self->message_id);
  g_free (self->eml_name);

  G_OBJECT_CLASS (aw_history_entry_parent_class)->finalize (object);
}

static void
aw_history_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AwHistoryEntry *self = AW_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_RECIPIENT_NAME: g_value_set_string (value, self->recipient_name); break;
    case PROP_RECIPIENT_ADDRESS: g_value_set_string (value, self->recipient_address); break;
    case PROP_COMPANY: g_value_set_string (value, self->company); break;
    case PROP_ROLE: g_value_set_string (value, self->role); break;
    case PROP_SENT_AT: g_value_set_boxed (value, self->sent_at); break;
    case PROP_MESSAGE_ID: g_value_set_string (value, self->message_id); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_history_entry_class_init (AwHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = aw_history_entry_finalize;
  object_class->get_property = aw_history_entry_get_property;

  properties[PROP_RECIPIENT_NAME] = g_param_spec_string ("recipient-name", NULL, NULL, NULL, flags);
  properties[PROP_RECIPIENT_ADDRESS] = g_param_spec_string ("recipient-address", NULL, NULL, NULL, flags);
  properties[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties[PROP_SENT_AT] = g_param_spec_boxed ("sent-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_MESSAGE_ID] = g_param_spec_string ("message-id", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, AW_TYPE_HISTORY_STATUS,
                                               AW_HISTORY_STATUS_SENT, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_history_entry_init (AwHistoryEntry *self)
{
}
