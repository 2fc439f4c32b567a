/* aw-finding-row.h: one finding of the guidance engine in the guidance panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-finding.h"

G_BEGIN_DECLS

#define AW_TYPE_FINDING_ROW (aw_finding_row_get_type ())

G_DECLARE_FINAL_TYPE (AwFindingRow, aw_finding_row, AW, FINDING_ROW, GtkListBoxRow)

GtkWidget *aw_finding_row_new         (AwFinding    *finding);
AwFinding *aw_finding_row_get_finding (AwFindingRow *self);
void       aw_finding_row_set_finding (AwFindingRow *self,
                                       AwFinding    *finding);

G_END_DECLS
