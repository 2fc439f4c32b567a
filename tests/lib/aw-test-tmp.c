/* aw-test-tmp.c: temporary folders that go away when the test program exits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "aw-test-tmp.h"

static GPtrArray *made;

void
aw_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            aw_test_remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
remove_made (void)
{
  for (guint i = 0; i < made->len; i++)
    aw_test_remove_tree (g_ptr_array_index (made, i));
  g_clear_pointer (&made, g_ptr_array_unref);
}

char *
aw_test_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  if (made == NULL)
    {
      made = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_made);
    }
  g_ptr_array_add (made, g_strdup (path));
  return path;
}
