/* aw-password-store.h: SMTP passwords in the Secret Service (libsecret), never on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AW_PASSWORD_STORE_ERROR (aw_password_store_error_quark ())
GQuark aw_password_store_error_quark (void);

/* Every error message is one sentence a person understands; none carries the password. */
typedef enum
{
  AW_PASSWORD_STORE_ERROR_NO_SERVICE,  /* no Secret Service (keyring) is running */
  AW_PASSWORD_STORE_ERROR_LOCKED,      /* the keyring is locked and stayed locked */
  AW_PASSWORD_STORE_ERROR_CANCELLED,   /* the user dismissed the unlock prompt */
  AW_PASSWORD_STORE_ERROR_FAILED,      /* anything else */
} AwPasswordStoreError;

/* Afterword's own items: schema "io.github.afterword.Afterword.Smtp" with the
 * attributes host (string), port (integer) and user (string). */
#define AW_PASSWORD_STORE_SCHEMA_NAME "io.github.afterword.Afterword.Smtp"
/* What msmtp stores (msmtp --passwordeval-less setups, `secret-tool store host … service smtp
 * user …`): attributes host, service=smtp and user, any schema name. */
#define AW_PASSWORD_STORE_MSMTP_SCHEMA_NAME "de.marlam.msmtp.password"

void      aw_password_store_store_async        (const char           *host,
                                                guint                 port,
                                                const char           *user,
                                                const char           *password,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  aw_password_store_store_finish       (GAsyncResult         *result,
                                                GError              **error);

/* The password, or NULL without an error when there is none. Free with aw_password_free(). */
void      aw_password_store_lookup_async       (const char           *host,
                                                guint                 port,
                                                const char           *user,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char     *aw_password_store_lookup_finish      (GAsyncResult         *result,
                                                GError              **error);

/* Returns TRUE also when there was nothing to remove. */
void      aw_password_store_clear_async        (const char           *host,
                                                guint                 port,
                                                const char           *user,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  aw_password_store_clear_finish       (GAsyncResult         *result,
                                                GError              **error);

/* A password msmtp (or secret-tool, as msmtp documents it) stored for host and user. */
void      aw_password_store_lookup_msmtp_async (const char           *host,
                                                const char           *user,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char     *aw_password_store_lookup_msmtp_finish (GAsyncResult        *result,
                                                 GError             **error);

/* A password string: g_autoptr(AwPassword) overwrites and frees it. */
typedef char AwPassword;

/* Overwrites and frees a password. */
void      aw_password_free                     (char                 *password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwPassword, aw_password_free)

G_END_DECLS
