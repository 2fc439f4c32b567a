/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-json-file.h: one JSON file of items ({"version": 1, "<member>": [ … ]}), read and
 * written atomically in a worker thread; the account store and the history keep theirs so
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* An item from one array element, or NULL to skip an unreadable one (runs in a thread). */
typedef gpointer   (*AwJsonFileReadItem)  (JsonNode *node);
/* The JSON of one item (transfer full). */
typedef JsonNode  *(*AwJsonFileWriteItem) (gpointer  item);

/* Reads @file in a worker thread: every element of the array @member through @read_item.
 * A missing file is an empty list. A file that is not such a document fails with
 * @corrupt (taken; returned as it is), so each store keeps its own error. */
void       aw_json_file_load_async   (gpointer              source_object,
                                      GFile                *file,
                                      const char           *member,
                                      AwJsonFileReadItem    read_item,
                                      GError               *corrupt,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* Returns: (transfer full): the items; @root (optional) the document's object, for its
 * other members (NULL when the file was missing) */
GPtrArray *aw_json_file_load_finish  (GAsyncResult         *result,
                                      JsonObject          **root,
                                      GError              **error);

/* {"version": 1, the members of @extra (nullable), "@member": [ @write_item (each) ]} */
char      *aw_json_file_serialize    (JsonObject           *extra,
                                      const char           *member,
                                      GPtrArray            *items,
                                      AwJsonFileWriteItem   write_item);

/* Replaces @path with @length bytes of @contents (-1: a string) in one step, durable,
 * readable by the user only (0600); creates its folder (0700). For worker threads. */
gboolean   aw_json_file_write        (const char           *path,
                                      const char           *contents,
                                      gssize                length,
                                      GError              **error);

/* aw_json_file_write() of @contents (taken) in a worker thread; on failure the task's error is
 * G_IO_ERROR_FAILED with @failure_message (a sentence for the user). */
void       aw_json_file_save_async   (gpointer              source_object,
                                      GFile                *file,
                                      char                 *contents,
                                      const char           *failure_message,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean   aw_json_file_save_finish  (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
