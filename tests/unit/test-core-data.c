/* test-core-data.c: the core's bundled content is reachable without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gmodule.h>

#include "aw-core-data.h"

static void
test_missing_file_is_an_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = aw_core_data_lookup ("no/such/file.json", &error);

  g_assert_null (bytes);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
}

static void
test_core_links_no_gtk (void)
{
  /* The core library must run without a display: GTK must not be in this process. */
  GModule *self = g_module_open (NULL, 0);
  gpointer symbol = NULL;

  g_assert_nonnull (self);
  g_assert_false (g_module_symbol (self, "gtk_init", &symbol));
  g_module_close (self);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core-data/missing-file", test_missing_file_is_an_error);
  g_test_add_func ("/core-data/no-gtk", test_core_links_no_gtk);

  return g_test_run ();
}
