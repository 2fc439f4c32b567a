/* aw-guidance-private.h: what the engine's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "aw-guidance.h"

G_BEGIN_DECLS

typedef struct
{
  char      *address;
  char      *company;
  GDateTime *sent_at;
} AwPreviousSend;

struct _AwGuidanceOptions
{
  GObject     parent_instance;

  char       *language;
  GHashTable *disabled;   /* rule ids */
  char       *address;
  char       *company;
  GPtrArray  *previous;   /* AwPreviousSend */
};

/* Replaces *@field with a copy of @value: FALSE when they were already equal, so the
 * caller notifies only on a change */
static inline gboolean
aw_guidance_replace_string (char       **field,
                            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

G_END_DECLS
