/* aw-core-data.h: content files (rules, templates, providers) bundled with the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AW_CORE_RESOURCE_PREFIX "/io/github/afterword/Afterword/core"

GBytes     *aw_core_data_lookup        (const char  *relative_path,
                                        GError     **error);
char      **aw_core_data_list          (const char  *relative_dir,
                                        GError     **error);

G_END_DECLS
