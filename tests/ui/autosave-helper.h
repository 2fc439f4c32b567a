/* autosave-helper.h: what the autosave helper types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Inserted at the end of the body before typing starts */
#define AW_AUTOSAVE_MARKER "\nP.S. "
/* Typed one character at a time, over and over */
#define AW_AUTOSAVE_TEXT "Our talk about streaming pipelines stayed with me. "
