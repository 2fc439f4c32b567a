/* aw-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AW_TYPE_APPLICATION (aw_application_get_type ())

G_DECLARE_FINAL_TYPE (AwApplication, aw_application, AW, APPLICATION, AdwApplication)

AwApplication *aw_application_new          (void);
GSettings     *aw_application_get_settings (AwApplication *self);

G_END_DECLS
