/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-json.c: a draft as the JSON object autosave writes and reads
 *
 * Every member is optional when reading: a missing one keeps the default of
 * aw_draft_new(); one of the wrong type is AW_DRAFT_ERROR_INVALID.
 */
#include "config.h"

#include "aw-draft-private.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = g_date_time_format_iso8601 (value);

  add_string (builder, name, text);
}

JsonNode *
aw_draft_to_json (AwDraft *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (AW_IS_DRAFT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, AW_DRAFT_FORMAT_VERSION);
  add_string (builder, "id", self->id);
  add_time (builder, "created", self->created);
  add_time (builder, "modified", self->modified);
  add_string (builder, "sender_name", self->sender_name);
  add_string (builder, "recipient_name", self->recipient_name);
  add_string (builder, "recipient_address", self->recipient_address);
  add_string (builder, "salutation", aw_salutation_to_string (self->salutation));
  add_string (builder, "company", self->company);
  add_string (builder, "role", self->role);
  add_string (builder, "stage", aw_stage_to_string (self->stage));
  add_string (builder, "detail", self->detail);
  add_string (builder, "posting_url", self->posting_url);
  add_string (builder, "tone", aw_tone_to_string (self->tone));
  add_string (builder, "language", self->language);
  json_builder_set_member_name (builder, "ask_feedback");
  json_builder_add_boolean_value (builder, self->ask_feedback);
  add_string (builder, "feedback_area", self->feedback_area);
  json_builder_set_member_name (builder, "open_to_future");
  json_builder_add_boolean_value (builder, self->open_to_future);
  json_builder_set_member_name (builder, "stay_in_touch");
  json_builder_add_boolean_value (builder, self->stay_in_touch);
  add_string (builder, "subject", self->subject);
  add_string (builder, "body", self->body);
  json_builder_set_member_name (builder, "dismissed");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < self->dismissed->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->dismissed, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                   "“%s” is not a string", name);
      return FALSE;
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *name,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                   "“%s” is not true or false", name);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static GDateTime *
read_time (JsonObject  *object,
           const char  *name,
           GError     **error)
{
  g_autofree char *text = NULL;
  GDateTime *value;

  if (!read_string (object, name, &text, error))
    return NULL;
  if (text == NULL)
    return g_date_time_new_now_utc ();

  value = g_date_time_new_from_iso8601 (text, NULL);
  if (value == NULL)
    g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                 "“%s” is not a date and time", name);
  return value;
}

/**
 * aw_draft_new_from_json:
 *
 * Reads what aw_draft_to_json() wrote. Missing members keep the defaults of
 * aw_draft_new(); members of the wrong type, an unknown stage/tone, a bad id or a
 * bad date are AW_DRAFT_ERROR_INVALID.
 */
AwDraft *
aw_draft_new_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(AwDraft) self = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *tone = NULL;
  g_autofree char *salutation = NULL;
  g_autofree char *language = NULL;
  JsonObject *object;
  JsonNode *dismissed;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                           "A draft is a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_string (object, "id", &id, error))
    return NULL;
  if (!aw_draft_id_is_valid (id))
    {
      g_set_error_literal (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                           "The draft has no valid id");
      return NULL;
    }

  self = g_object_new (AW_TYPE_DRAFT, NULL);
  g_free (self->id);
  self->id = g_steal_pointer (&id);

  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  if (!(self->created = read_time (object, "created", error)) ||
      !(self->modified = read_time (object, "modified", error)))
    return NULL;

  if (!read_string (object, "sender_name", &self->sender_name, error) ||
      !read_string (object, "recipient_name", &self->recipient_name, error) ||
      !read_string (object, "recipient_address", &self->recipient_address, error) ||
      !read_string (object, "company", &self->company, error) ||
      !read_string (object, "role", &self->role, error) ||
      !read_string (object, "detail", &self->detail, error) ||
      !read_string (object, "posting_url", &self->posting_url, error) ||
      !read_string (object, "feedback_area", &self->feedback_area, error) ||
      !read_string (object, "subject", &self->subject, error) ||
      !read_string (object, "body", &self->body, error) ||
      !read_string (object, "stage", &stage, error) ||
      !read_string (object, "tone", &tone, error) ||
      !read_string (object, "salutation", &salutation, error) ||
      !read_string (object, "language", &language, error) ||
      !read_boolean (object, "ask_feedback", &self->ask_feedback, error) ||
      !read_boolean (object, "open_to_future", &self->open_to_future, error) ||
      !read_boolean (object, "stay_in_touch", &self->stay_in_touch, error))
    return NULL;

  if ((stage != NULL && !aw_stage_from_string (stage, &self->stage)) ||
      (tone != NULL && !aw_tone_from_string (tone, &self->tone)) ||
      (salutation != NULL && !aw_salutation_from_string (salutation, &self->salutation)))
    {
      g_set_error_literal (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                           "The draft has an unknown stage, tone or salutation");
      return NULL;
    }

  if (language != NULL && *language != '\0')
    {
      g_free (self->language);
      self->language = g_steal_pointer (&language);
    }

  dismissed = json_object_get_member (object, "dismissed");
  if (dismissed != NULL && !JSON_NODE_HOLDS_NULL (dismissed))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (dismissed))
        {
          g_set_error_literal (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                               "“dismissed” is not a list");
          return NULL;
        }
      array = json_node_get_array (dismissed);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_set_error_literal (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                                   "“dismissed” holds something that is not a string");
              return NULL;
            }
          g_ptr_array_insert (self->dismissed, self->dismissed->len - 1,
                              g_strdup (json_node_get_string (element)));
        }
    }

  return g_steal_pointer (&self);
}
