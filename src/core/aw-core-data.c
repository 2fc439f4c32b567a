/* aw-core-data.c: content files (rules, templates, providers) bundled with the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "aw-core-data.h"
#include "aw-core-resources.h"

/* The resource lives in a static library: the generated file registers it from a
 * constructor, but only if the linker keeps that object, so reference it. */
static void
ensure_registered (void)
{
  static GResource *resource = NULL;

  if (g_once_init_enter (&resource))
    g_once_init_leave (&resource, aw_core_get_resource ());
}

/**
 * aw_core_data_lookup:
 * @relative_path: a path below the core resource prefix, e.g. "guidance/en.json"
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
aw_core_data_lookup (const char  *relative_path,
                     GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (relative_path != NULL, NULL);

  ensure_registered ();
  path = g_strconcat (AW_CORE_RESOURCE_PREFIX "/", relative_path, NULL);
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * aw_core_data_list:
 * @relative_dir: a folder below the core resource prefix, e.g. "guidance"
 *
 * Returns: (transfer full): the sorted names in that folder
 */
char **
aw_core_data_list (const char  *relative_dir,
                   GError     **error)
{
  g_autofree char *path = NULL;
  char **names;

  ensure_registered ();
  path = g_strconcat (AW_CORE_RESOURCE_PREFIX "/", relative_dir, "/", NULL);
  names = g_resources_enumerate_children (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names != NULL)
    g_qsort_with_data (names, g_strv_length (names), sizeof (char *),
                       compare_names, NULL);
  return names;
}
