/* main.c: the executable; everything else lives in the two libraries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "aw-application.h"
#include "aw-check-command.h"

static gboolean
version_wanted (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--version"))
        return TRUE;
    }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AwApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* Running from the build tree, the scripts point this at the freshly built catalogs. */
  localedir = g_getenv ("AFTERWORD_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* `afterword --version` and `afterword --check FILE` need no display and no D-Bus:
   * they run before any GTK. */
  if (version_wanted (argc, argv))
    {
      printf ("afterword %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (aw_check_command_wanted (argc, argv))
    return aw_check_command_run (argc, argv);

  app = aw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
