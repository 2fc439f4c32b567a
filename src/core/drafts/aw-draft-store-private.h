/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-store-private.h: AwDraftStore's fields, shared by its two source files:
 * aw-draft-store.c (autosave and the files) and aw-draft-store-list.c (the list)
 */
#pragma once

#include "aw-draft-store.h"

G_BEGIN_DECLS

/* A draft taken off the list, until restore or purge */
typedef struct
{
  AwDraft *draft;            /* NULL when it was not listed */
  guint    position;
} AwDraftStoreDeleted;

struct _AwDraftStore
{
  GObject     parent_instance;

  char       *directory;
  GHashTable *entries;       /* id -> Entry */
  GHashTable *tracked;       /* AwDraft -> handler id */
  GPtrArray  *flushes;       /* GTask */
  GPtrArray  *items;         /* AwDraft: the list, newest first */
  GHashTable *deleted;       /* id -> AwDraftStoreDeleted */
  guint       loaded : 1;
};

gboolean  aw_draft_store_boolean_finish (AwDraftStore        *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* aw-draft-store-list.c */
void      aw_draft_store_list_model_init (GListModelInterface *iface);
void      aw_draft_store_deleted_free    (gpointer             data);
AwDraft  *aw_draft_store_find_listed     (AwDraftStore        *self,
                                          const char          *id,
                                          guint               *position);
/* Lists a draft being saved once it holds something, first; unlists it when emptied. */
void      aw_draft_store_list_draft      (AwDraftStore        *self,
                                          AwDraft             *draft);
/* Off the list, its place remembered in ->deleted; relist puts it back (undo). */
void      aw_draft_store_unlist          (AwDraftStore        *self,
                                          const char          *id);
void      aw_draft_store_relist          (AwDraftStore        *self,
                                          const char          *id);
/* The drafts read from disk replace the list */
void      aw_draft_store_merge_listing   (AwDraftStore        *self,
                                          GPtrArray           *on_disk);

G_END_DECLS
