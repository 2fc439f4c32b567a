/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-address.h: the one check of an email address, used by every part of Afterword
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   aw_address_is_valid       (const char  *address);

char      *aw_address_parse_single   (const char  *text,
                                      char       **display_name);

char     **aw_address_split_list     (const char  *text);

G_END_DECLS
