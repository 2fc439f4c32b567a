/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-json-file.c: one JSON file of items, read and written atomically in a worker thread
 *
 * The account store (accounts.json) and the history (sent/index.json) keep their lists
 * so: {"version": 1, …, "<member>": [ one object an item ]}. One unreadable item is
 * skipped, so that it does not cost the user the others.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "aw-json-file.h"

/* ---- loading ---- */

typedef struct
{
  GFile              *file;
  char               *member;
  AwJsonFileReadItem  read_item;
  GError             *corrupt;
} LoadData;

typedef struct
{
  GPtrArray  *items;
  JsonObject *root;
} LoadResult;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_object_unref (load->file);
  g_free (load->member);
  g_clear_error (&load->corrupt);
  g_free (load);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->root, json_object_unref);
  g_free (result);
}

/* The array @member of the document in @contents, or NULL if it is not one. */
static JsonArray *
parse_items (JsonParser *parser,
             const char *contents,
             gsize       length,
             const char *member)
{
  JsonNode *root, *array;

  if (!json_parser_load_from_data (parser, contents, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  array = json_object_get_member (json_node_get_object (root), member);
  return array != NULL && JSON_NODE_HOLDS_ARRAY (array) ? json_node_get_array (array) : NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (load->file);
  LoadResult *result = g_new0 (LoadResult, 1);
  JsonArray *array;
  gsize length = 0;

  result->items = g_ptr_array_new_with_free_func (g_object_unref);
  if (!g_file_load_contents (load->file, cancellable, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_pointer (task, result, load_result_free);
      else
        {
          load_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }
  array = parse_items (parser, contents, length, load->member);
  if (array == NULL)
    {
      load_result_free (result);
      g_task_return_error (task, g_steal_pointer (&load->corrupt));
      return;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = load->read_item (json_array_get_element (array, i));

      if (item != NULL)
        g_ptr_array_add (result->items, item);
      else
        g_debug ("%s: skipped unreadable entry %u", name, i);
    }
  result->root = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  g_task_return_pointer (task, result, load_result_free);
}

void
aw_json_file_load_async (gpointer             source_object,
                         GFile               *file,
                         const char          *member,
                         AwJsonFileReadItem   read_item,
                         GError              *corrupt,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (member != NULL && read_item != NULL && corrupt != NULL);

  load = g_new0 (LoadData, 1);
  load->file = g_object_ref (file);
  load->member = g_strdup (member);
  load->read_item = read_item;
  load->corrupt = corrupt;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_json_file_load_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

GPtrArray *
aw_json_file_load_finish (GAsyncResult  *result,
                          JsonObject   **root,
                          GError       **error)
{
  LoadResult *loaded;
  GPtrArray *items;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == aw_json_file_load_async, NULL);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;
  items = g_steal_pointer (&loaded->items);
  if (root != NULL)
    *root = g_steal_pointer (&loaded->root);
  load_result_free (loaded);
  return items;
}

/* ---- saving ---- */

char *
aw_json_file_serialize (JsonObject          *extra,
                        const char          *member,
                        GPtrArray           *items,
                        AwJsonFileWriteItem  write_item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  if (extra != NULL)
    {
      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &value))
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_value (builder, json_node_copy (value));
        }
    }
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_value (builder, write_item (g_ptr_array_index (items, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
aw_json_file_write (const char  *path,
                    const char  *contents,
                    gssize       length,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

typedef struct
{
  char *path;
  char *contents;
  char *failure_message;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_free (save->path);
  g_free (save->contents);
  g_free (save->failure_message);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(GError) error = NULL;

  if (!aw_json_file_write (save->path, save->contents, -1, &error))
    {
      g_debug ("saving %s failed: %s", save->path, error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "%s", save->failure_message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
aw_json_file_save_async (gpointer             source_object,
                         GFile               *file,
                         char                *contents,
                         const char          *failure_message,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL && failure_message != NULL);

  save = g_new0 (SaveData, 1);
  save->path = g_file_get_path (file);
  save->contents = contents;
  save->failure_message = g_strdup (failure_message);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_json_file_save_async);
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
aw_json_file_save_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == aw_json_file_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
