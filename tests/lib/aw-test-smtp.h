/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-smtp.h: the SMTP test server (tests/servers/smtp-server.py) seen from a test
 *
 * Uses the server of build-aux/test.sh when AW_TEST_SMTP_DIR is set, else starts one
 * for this test program and stops it in aw_test_smtp_shutdown().
 */
#pragma once

#include <gio/gio.h>

#include "aw-message.h"
#include "aw-smtp-client.h"

G_BEGIN_DECLS

void          aw_test_smtp_init          (void);
void          aw_test_smtp_shutdown      (void);
const char   *aw_test_smtp_dir           (void);
guint16       aw_test_smtp_port          (const char    *mode);
const char   *aw_test_smtp_ca_file       (void);
const char   *aw_test_smtp_user          (void);
const char   *aw_test_smtp_password      (void);
const char   *aw_test_smtp_oauth2_token  (void);
GTlsDatabase *aw_test_smtp_tls_database  (void);

/* Messages the server stored for a mode so far; n counts from 1 */
guint         aw_test_smtp_count         (const char    *mode);
GBytes       *aw_test_smtp_message       (const char    *mode,
                                          guint          n);
char         *aw_test_smtp_envelope      (const char    *mode,
                                          guint          n);

/* A client for "localhost" and the mode's port, trusting the test CA; with the test
 * user's password when with_password. */
AwSmtpClient *aw_test_smtp_client        (const char    *mode,
                                          AwSmtpSecurity security,
                                          gboolean       with_password);

/* Runs the async call on a private main context until it finishes. */
gboolean      aw_test_smtp_send          (AwSmtpClient  *client,
                                          AwMessage     *message,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* The same, with the bytes the send returned (see aw_smtp_client_send_finish()) */
gboolean      aw_test_smtp_send_full     (AwSmtpClient  *client,
                                          AwMessage     *message,
                                          GCancellable  *cancellable,
                                          GBytes       **sent_bytes,
                                          GError       **error);
gboolean      aw_test_smtp_test_connection (AwSmtpClient *client,
                                          GError       **error);
char        **aw_test_smtp_probe         (AwSmtpClient  *client,
                                          GError       **error);

G_END_DECLS
