/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-private.h: the fields of a draft, shared by aw-draft.c and its JSON form
 * (aw-draft-json.c)
 */
#pragma once

#include "aw-draft.h"

G_BEGIN_DECLS

#define AW_DRAFT_FORMAT_VERSION 1

struct _AwDraft
{
  GObject       parent_instance;

  char         *id;
  char         *sender_name;
  char         *recipient_name;
  char         *recipient_address;
  AwSalutation  salutation;
  char         *company;
  char         *role;
  AwStage       stage;
  char         *detail;
  char         *posting_url;
  AwTone        tone;
  char         *language;
  gboolean      ask_feedback;
  char         *feedback_area;
  gboolean      open_to_future;
  gboolean      stay_in_touch;
  char         *subject;
  char         *body;
  GDateTime    *created;
  GDateTime    *modified;
  GPtrArray    *dismissed;   /* char *, NULL-terminated */

  guint         touching : 1;
};


gboolean aw_draft_id_is_valid (const char *id);

G_END_DECLS
