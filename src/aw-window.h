/* aw-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-application.h"

G_BEGIN_DECLS

#define AW_TYPE_WINDOW (aw_window_get_type ())

G_DECLARE_FINAL_TYPE (AwWindow, aw_window, AW, WINDOW, AdwApplicationWindow)

AwWindow *aw_window_new        (AwApplication *application);
void      aw_window_show_toast (AwWindow      *self,
                                const char    *title);

G_END_DECLS
