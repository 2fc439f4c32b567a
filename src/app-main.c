/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app-main.c: the window application, started by `afterword` (main.c) for everything
 * that is not a command-line mode. Everything else lives in the two libraries.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "aw-application.h"

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

  app = aw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
