/* aw-history.c: the follow-ups that were sent, in $XDG_DATA_HOME/afterword/sent/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-history.h"
#include "aw-json-file.h"

struct _AwHistory
{
  GObject    parent_instance;

  GFile     *folder;
  GPtrArray *entries;  /* newest first */
  gboolean   loaded;

  /* Index writes may finish out of order in the thread pool: only a newer snapshot may
   * replace the file. generation is touched on the main thread only. */
  guint64    generation;
  GMutex     write_lock;
  guint64    written_generation;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AwHistory, aw_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * aw_history_new:
 * @folder: (nullable): where to keep the history; %NULL for $XDG_DATA_HOME/afterword/sent
 */
AwHistory *
aw_history_new (GFile *folder)
{
  return g_object_new (AW_TYPE_HISTORY, "folder", folder, NULL);
}

/**
 * aw_history_get_default:
 *
 * Returns: (transfer none): the user's history, shared by the process
 */
AwHistory *
aw_history_get_default (void)
{
  static AwHistory *history = NULL;

  if (history == NULL)
    history = aw_history_new (NULL);
  return history;
}

GFile *
aw_history_get_folder (AwHistory *self)
{
  g_return_val_if_fail (AW_IS_HISTORY (self), NULL);
  return self->folder;
}

gboolean
aw_history_get_loaded (AwHistory *self)
{
  g_return_val_if_fail (AW_IS_HISTORY (self), FALSE);
  return self->loaded;
}

static GType
list_get_item_type (GListModel *model)
{
  return AW_TYPE_HISTORY_ENTRY;
}

static guint
list_get_n_items (GListModel *model)
{
  return AW_HISTORY (model)->entries->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  AwHistory *self = AW_HISTORY (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
    return FALSE;
  ta = g_strstrip (g_strdup (a));
  tb = g_strstrip (g_strdup (b));
  fa = g_utf8_casefold (ta, -1);
  fb = g_utf8_casefold (tb, -1);
  return g_strcmp0 (fa, fb) == 0;
}

/**
 * aw_history_find_previous:
 *
 * Returns: (transfer none) (nullable): the newest entry to @address or @company
 */
AwHistoryEntry *
aw_history_find_previous (AwHistory  *self,
                          const char *address,
                          const char *company)
{
  g_return_val_if_fail (AW_IS_HISTORY (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      AwHistoryEntry *entry = g_ptr_array_index (self->entries, i);

      if (same_text (address, aw_history_entry_get_recipient_address (entry)) ||
          same_text (company, aw_history_entry_get_company (entry)))
        return entry;
    }
  return NULL;
}

/**
 * aw_history_get_eml_file:
 *
 * Returns: (transfer full): the file with the exact bytes that were sent
 */
GFile *
aw_history_get_eml_file (AwHistory      *self,
                         AwHistoryEntry *entry)
{
  g_return_val_if_fail (AW_IS_HISTORY (self), NULL);
  g_return_val_if_fail (AW_IS_HISTORY_ENTRY (entry), NULL);

  return g_file_get_child (self->folder, aw_history_entry_get_eml_name (entry));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  AwHistoryEntry *ea = *(AwHistoryEntry **) a;
  AwHistoryEntry *eb = *(AwHistoryEntry **) b;

  return g_date_time_compare (aw_history_entry_get_sent_at (eb), aw_history_entry_get_sent_at (ea));
}

static gpointer
read_entry (JsonNode *node)
{
  return aw_history_entry_new_from_json (node);
}

void
aw_history_load_async (AwHistory           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GFile) index = NULL;

  g_return_if_fail (AW_IS_HISTORY (self));

  index = g_file_get_child (self->folder, "index.json");
  aw_json_file_load_async (self, index, "sent", read_entry,
                           g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                _("The list of sent follow-ups cannot be read.")),
                           cancellable, callback, user_data);
}

gboolean
aw_history_load_finish (AwHistory     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  GPtrArray *entries;
  guint old_len;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  entries = aw_json_file_load_finish (result, NULL, error);
  if (entries == NULL)
    return FALSE;

  g_ptr_array_sort (entries, compare_newest_first);
  old_len = self->entries->len;
  g_ptr_array_unref (self->entries);
  self->entries = entries;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->entries->len);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  return TRUE;
}

typedef struct
{
  char    *folder;
  char    *eml_name;
  GBytes  *eml;
  char    *index;
  guint64  generation;
} RecordData;

static void
record_data_free (gpointer data)
{
  RecordData *record = data;

  g_free (record->folder);
  g_free (record->eml_name);
  g_clear_pointer (&record->eml, g_bytes_unref);
  g_free (record->index);
  g_free (record);
}

static void
record_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AwHistory *self = source_object;
  RecordData *record = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *eml_path = g_build_filename (record->folder, record->eml_name, NULL);
  g_autofree char *index_path = g_build_filename (record->folder, "index.json", NULL);
  gboolean ok = TRUE;

  if (record->eml != NULL)
    ok = aw_json_file_write (eml_path, g_bytes_get_data (record->eml, NULL),
                             g_bytes_get_size (record->eml), &error);
  if (ok)
    {
      g_mutex_lock (&self->write_lock);
      if (record->generation > self->written_generation)
        {
          ok = aw_json_file_write (index_path, record->index, -1, &error);
          if (ok)
            self->written_generation = record->generation;
        }
      g_mutex_unlock (&self->write_lock);
    }
  if (!ok)
    {
      g_debug ("history: %s", error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The sent follow-up could not be recorded in %s."),
                               record->folder);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * aw_history_record_async:
 * @eml: (nullable): the exact bytes sent, as aw_message_get_sent_bytes() returns them
 *
 * Records a send. The entry shows in the model at once; the files are written in a
 * worker thread, the .eml first, then the index.
 */
void
aw_history_record_async (AwHistory           *self,
                         AwHistoryEntry      *entry,
                         GBytes              *eml,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RecordData *record;

  g_return_if_fail (AW_IS_HISTORY (self));
  g_return_if_fail (AW_IS_HISTORY_ENTRY (entry));

  g_ptr_array_insert (self->entries, 0, g_object_ref (entry));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);

  record = g_new0 (RecordData, 1);
  record->folder = g_file_get_path (self->folder);
  record->eml_name = g_strdup (aw_history_entry_get_eml_name (entry));
  record->eml = eml != NULL ? g_bytes_ref (eml) : NULL;
  record->index = aw_json_file_serialize (NULL, "sent", self->entries,
                                          (AwJsonFileWriteItem) aw_history_entry_to_json);
  record->generation = ++self->generation;

  /* Not cancellable on purpose: once the server said 250, the record must be written. */
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, aw_history_record_async);
  g_task_set_task_data (task, record, record_data_free);
  g_task_run_in_thread (task, record_thread);
}

gboolean
aw_history_record_finish (AwHistory     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
aw_history_constructed (GObject *object)
{
  AwHistory *self = AW_HISTORY (object);

  G_OBJECT_CLASS (aw_history_parent_class)->constructed (object);

  if (self->folder == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "afterword", "sent", NULL);
      self->folder = g_file_new_for_path (path);
    }
}

static void
aw_history_finalize (GObject *object)
{
  AwHistory *self = AW_HISTORY (object);

  g_clear_object (&self->folder);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (aw_history_parent_class)->finalize (object);
}

static void
aw_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AwHistory *self = AW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_FOLDER: g_value_set_object (value, self->folder); break;
    case PROP_LOADED: g_value_set_boolean (value, self->loaded); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AwHistory *self = AW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_FOLDER: self->folder = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_history_class_init (AwHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = aw_history_constructed;
  object_class->finalize = aw_history_finalize;
  object_class->get_property = aw_history_get_property;
  object_class->set_property = aw_history_set_property;

  properties[PROP_FOLDER] = g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                 G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                  G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_history_init (AwHistory *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->write_lock);
}
