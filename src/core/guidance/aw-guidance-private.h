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

G_END_DECLS
