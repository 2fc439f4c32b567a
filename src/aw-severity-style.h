/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-severity-style.h: how a finding's severity looks, in one place
 */
#pragma once

#include <gtk/gtk.h>

#include "aw-finding.h"

G_BEGIN_DECLS

const char *aw_severity_style_get_icon_name (AwSeverity severity);
const char *aw_severity_style_get_css_class (AwSeverity severity);
const char *aw_severity_style_get_tag_name  (AwSeverity severity);
void        aw_severity_style_get_underline (AwSeverity severity,
                                             GdkRGBA   *color);
void        aw_severity_style_get_tint      (AwSeverity severity,
                                             GdkRGBA   *color);
GtkWidget  *aw_severity_style_new_icon      (AwSeverity severity);
void        aw_severity_style_apply_to_icon (GtkImage  *image,
                                             AwSeverity severity);

G_END_DECLS
