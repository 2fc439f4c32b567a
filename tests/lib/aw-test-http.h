/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-test-http.h: a real HTTP or HTTPS server (SoupServer) on 127.0.0.1 for a test
 *
 * The HTTPS one has a certificate for localhost and 127.0.0.1 from a CA made for the run
 * with openssl; aw_test_http_ca_database() trusts that CA.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Listens on a free port of 127.0.0.1 with @handler for every path */
SoupServer   *aw_test_http_start        (gboolean             https,
                                         SoupServerCallback   handler);
/* "http://127.0.0.1:<port>" or "https://…", without a slash at the end */
char         *aw_test_http_base_url     (SoupServer          *server);
guint         aw_test_http_port         (SoupServer          *server);
/* (transfer none): trusts the CA of the HTTPS server; NULL before one started */
GTlsDatabase *aw_test_http_ca_database  (void);
/* Status 200 and a copy of @length bytes of @body (-1: a string) */
void          aw_test_http_respond      (SoupServerMessage   *message,
                                         const char          *content_type,
                                         const char          *body,
                                         gssize               length);
/* Holds @message back for @seconds, then answers: @body (a string, static) as
 * @content_type with status 200, or with a NULL @body only @status */
void          aw_test_http_answer_later (SoupServerMessage   *message,
                                         guint                seconds,
                                         guint                status,
                                         const char          *content_type,
                                         const char          *body);
/* Stops and frees @server; the CA's files go too */
void          aw_test_http_stop         (SoupServer          *server);

G_END_DECLS
