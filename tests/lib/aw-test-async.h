/* aw-test-async.h: run the main loop until an _async call has called back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GAsyncReadyCallback: user_data is a GAsyncResult ** that receives a reference */
void          aw_test_async_done (GObject       *source,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
/* Iterates the default main context until *slot is set; returns it (not a new ref) */
GAsyncResult *aw_test_async_wait (GAsyncResult **slot);
/* Iterates the default main context until check (data) holds; the test fails, naming
 * @what, after @seconds */
void          aw_test_async_wait_until (gboolean     (*check) (gpointer data),
                                        gpointer       data,
                                        guint          seconds,
                                        const char    *what);

G_END_DECLS
