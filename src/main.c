/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: `afterword`, the command people and the launcher run
 *
 * `afterword --version` and `afterword --check FILE` need no display, no D-Bus and no
 * GTK, so this executable links only the core: the dynamic loader then maps a handful of
 * libraries instead of GTK's ninety, which is most of the time a one-email check takes.
 * Anything else starts the window application, `afterword-app`, in place of this process
 * (same PID, same arguments), from the build tree next to this file or from LIBEXECDIR.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aw-check-command.h"

#define APP_BINARY "afterword-app"

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

/* Next to this executable when it runs from the build tree, else where it is installed */
static char *
find_app_binary (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *sibling = g_build_filename (dir, APP_BINARY, NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }
  return g_build_filename (LIBEXECDIR, APP_BINARY, NULL);
}

static int
run_app (int    argc,
         char **argv)
{
  g_autofree char *app = find_app_binary ();
  g_autofree char **app_argv = g_new0 (char *, argc + 1);

  app_argv[0] = argv[0];
  for (int i = 1; i < argc; i++)
    app_argv[i] = argv[i];
  execv (app, app_argv);

  /* Translators: %s is a file path, the second %s the system's reason */
  g_printerr (_("Cannot start Afterword (%s): %s\n"), app, g_strerror (errno));
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir;

  setlocale (LC_ALL, "");
  /* Running from the build tree, the scripts point this at the freshly built catalogs. */
  localedir = g_getenv ("AFTERWORD_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (version_wanted (argc, argv))
    {
      printf ("afterword %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (aw_check_command_wanted (argc, argv))
    return aw_check_command_run (argc, argv);

  return run_app (argc, argv);
}
