/* aw-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "aw-application.h"
#include "aw-draft-store.h"
#include "aw-history.h"

G_BEGIN_DECLS

#define AW_TYPE_WINDOW (aw_window_get_type ())

G_DECLARE_FINAL_TYPE (AwWindow, aw_window, AW, WINDOW, AdwApplicationWindow)

AwWindow *aw_window_new        (AwApplication *application);
void          aw_window_show_toast        (AwWindow   *self,
                                           const char *title);
/* The application's drafts, which the start page lists (NULL until the window has an
 * application) */
AwDraftStore *aw_window_get_draft_store   (AwWindow   *self);
AwDraft      *aw_window_get_draft         (AwWindow   *self);
/* Whether the folder was read since the window opened; reload reads it again */
gboolean      aw_window_get_drafts_loaded (AwWindow   *self);
void          aw_window_reload_drafts     (AwWindow   *self);
gboolean      aw_window_resume_draft      (AwWindow   *self,
                                           const char *id);
/* Through the application: an Undo toast in this window */
void          aw_window_delete_draft      (AwWindow   *self,
                                           const char *id);
void          aw_window_set_history       (AwWindow   *self,
                                           AwHistory  *history);

G_END_DECLS
