/* aw-password-store-private.h: internals of AwPasswordStore, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "aw-password-store.h"

G_BEGIN_DECLS

/* Turns a libsecret or D-Bus error (consumed) into AW_PASSWORD_STORE_ERROR, or into
 * G_IO_ERROR_CANCELLED when @cancellable was cancelled (or @error is NULL). */
GError *aw_password_store_map_error (GError       *error,
                                     GCancellable *cancellable);

G_END_DECLS
