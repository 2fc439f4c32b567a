/* aw-accessible.h: small helpers that make controls reachable for assistive tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void aw_accessible_add_select_action  (GtkCheckButton    *check);
void aw_accessible_add_choice_actions (AdwComboRow       *row);
void aw_accessible_name_icon_buttons  (GtkWidget         *widget);

G_END_DECLS
