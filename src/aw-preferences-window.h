/* aw-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AW_TYPE_PREFERENCES_WINDOW (aw_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AwPreferencesWindow, aw_preferences_window, AW, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

AwPreferencesWindow *aw_preferences_window_new (GtkWindow *parent);

G_END_DECLS
