/* aw-test-tmp.h: temporary folders that go away when the test program exits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new folder from @tmpl ("name-XXXXXX") in the temporary directory, removed with
 * everything in it when the program exits normally (a failed test leaves it to look at) */
char *aw_test_tmp_dir     (const char *tmpl);
/* Removes @path and everything below it; symbolic links are removed, never followed */
void  aw_test_remove_tree (const char *path);

G_END_DECLS
