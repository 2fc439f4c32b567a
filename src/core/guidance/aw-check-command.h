/* aw-check-command.h: `afterword --check`, the command-line checker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean aw_check_command_wanted (int    argc,
                                  char **argv);
int      aw_check_command_run    (int    argc,
                                  char **argv);

G_END_DECLS
