/* aw-test-async.c: run the main loop until an _async call has called back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "aw-test-async.h"

void
aw_test_async_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
aw_test_async_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
aw_test_async_wait_until (gboolean   (*check) (gpointer data),
                          gpointer     data,
                          guint        seconds,
                          const char  *what)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_deadline, &expired);

  while (!check (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("timed out waiting for %s", what);
  g_source_remove (id);
}
