/* aw-account-store.h: the sending accounts, saved in $XDG_CONFIG_HOME/afterword/accounts.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "aw-account.h"

G_BEGIN_DECLS

#define AW_TYPE_ACCOUNT_STORE (aw_account_store_get_type ())

/* A GListModel of AwAccount. Changes happen in memory; save_async writes them atomically
 * (mode 0600). The file never holds a password. */
G_DECLARE_FINAL_TYPE (AwAccountStore, aw_account_store, AW, ACCOUNT_STORE, GObject)

AwAccountStore *aw_account_store_new              (GFile                *file);
AwAccountStore *aw_account_store_get_default      (void);
GFile          *aw_account_store_get_file         (AwAccountStore       *self);
gboolean        aw_account_store_get_loaded       (AwAccountStore       *self);
void            aw_account_store_load_async       (AwAccountStore       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        aw_account_store_load_finish      (AwAccountStore       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void            aw_account_store_save_async       (AwAccountStore       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        aw_account_store_save_finish      (AwAccountStore       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
AwAccount      *aw_account_store_lookup           (AwAccountStore       *self,
                                                   const char           *id);
AwAccount      *aw_account_store_find_by_address  (AwAccountStore       *self,
                                                   const char           *address);
gboolean        aw_account_store_add              (AwAccountStore       *self,
                                                   AwAccount            *account,
                                                   GError              **error);
gboolean        aw_account_store_update           (AwAccountStore       *self,
                                                   AwAccount            *account,
                                                   GError              **error);
gboolean        aw_account_store_remove           (AwAccountStore       *self,
                                                   const char           *id,
                                                   GError              **error);
AwAccount      *aw_account_store_get_default_account (AwAccountStore    *self);
void            aw_account_store_set_default_id   (AwAccountStore       *self,
                                                   const char           *id);

G_END_DECLS
