/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-files.c: the drafts folder on disk, for AwDraftStore's worker threads
 *
 * Reading, moving aside and removing; the store writes with aw_json_file_write() (a
 * temporary file, fsync, rename: a SIGKILL leaves the old or the new file, never half).
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "aw-draft-files.h"

#define MAX_DRAFT_BYTES (16 * 1024 * 1024)
/* A deleted draft whose undo never came (the app quit first) goes after a day. */
#define STALE_DELETED_SECONDS (24 * 60 * 60)

char *
aw_draft_files_path (const char *directory,
                     const char *id,
                     const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (directory, name, NULL);
}

char *
aw_draft_files_serialize (AwDraft *draft,
                          gsize   *length)
{
  g_autoptr(JsonNode) node = aw_draft_to_json (draft);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, length);
}

AwDraft *
aw_draft_files_read (const char  *path,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (length > MAX_DRAFT_BYTES)
    {
      g_set_error_literal (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_INVALID,
                           "The draft file is too large");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, contents, length, error))
    return NULL;

  return aw_draft_new_from_json (json_parser_get_root (parser), error);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  AwDraft *draft_a = *(AwDraft **) a;
  AwDraft *draft_b = *(AwDraft **) b;

  return g_date_time_compare (aw_draft_get_modified (draft_b),
                              aw_draft_get_modified (draft_a));
}

/* rename() sets ctime: it says when the draft was deleted */
static void
purge_if_stale (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 &&
      (gint64) st.st_ctime + STALE_DELETED_SECONDS < g_get_real_time () / G_USEC_PER_SEC)
    g_unlink (path);
}

GPtrArray *
aw_draft_files_read_all (const char    *directory,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (directory, 0, &open_error);
  if (dir == NULL)
    {
      if (g_error_matches (open_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&drafts);
      g_propagate_error (error, g_steal_pointer (&open_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autoptr(GError) read_error = NULL;
      AwDraft *draft;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (g_str_has_suffix (name, AW_DRAFT_DELETED_SUFFIX))
        purge_if_stale (path);
      if (!g_str_has_suffix (name, AW_DRAFT_FILE_SUFFIX))
        continue;

      draft = aw_draft_files_read (path, &read_error);
      if (draft == NULL)
        {
          g_debug ("Skipping the draft file %s: %s", name, read_error->message);
          continue;
        }
      g_ptr_array_add (drafts, draft);
    }

  g_ptr_array_sort (drafts, compare_newest_first);
  return g_steal_pointer (&drafts);
}

static gboolean
check_errno (int      result,
             GError **error)
{
  int saved_errno = errno;

  if (result == 0)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

gboolean
aw_draft_files_rename (const char  *from,
                       const char  *to,
                       GError     **error)
{
  return check_errno (g_rename (from, to), error);
}

gboolean
aw_draft_files_unlink (const char  *path,
                       GError     **error)
{
  return check_errno (g_unlink (path), error);
}
