/* aw-job-posting.h: reads role and company from a job posting page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AW_JOB_POSTING_DEFAULT_TIMEOUT 10           /* seconds */
#define AW_JOB_POSTING_MAX_BYTES       (2 * 1024 * 1024)

#define AW_JOB_POSTING_ERROR (aw_job_posting_error_quark ())
GQuark aw_job_posting_error_quark (void);

/* Cancellation is G_IO_ERROR_CANCELLED. */
typedef enum
{
  AW_JOB_POSTING_ERROR_INVALID_URL,  /* not an http(s) link */
  AW_JOB_POSTING_ERROR_NETWORK,      /* could not connect or read */
  AW_JOB_POSTING_ERROR_TIMEOUT,      /* no complete answer in time */
  AW_JOB_POSTING_ERROR_HTTP,         /* 4xx/5xx */
  AW_JOB_POSTING_ERROR_NOT_HTML,     /* the link is an image, a PDF, ... */
  AW_JOB_POSTING_ERROR_NO_POSTING,   /* a page, but no title in it */
} AwJobPostingError;

/* Where the title came from. */
typedef enum
{
  AW_JOB_POSTING_SOURCE_JSON_LD,
  AW_JOB_POSTING_SOURCE_OPEN_GRAPH,
  AW_JOB_POSTING_SOURCE_TITLE,
} AwJobPostingSource;

#define AW_TYPE_JOB_POSTING (aw_job_posting_get_type ())

G_DECLARE_FINAL_TYPE (AwJobPosting, aw_job_posting, AW, JOB_POSTING, GObject)

/* Parses a page already in memory (what lookup does after the download).
 * url may be NULL. */
AwJobPosting       *aw_job_posting_new_from_html   (const char          *html,
                                                    gsize                length,
                                                    const char          *url,
                                                    GError             **error);

/* timeout_seconds: 0 for AW_JOB_POSTING_DEFAULT_TIMEOUT; covers the whole lookup. */
void                aw_job_posting_lookup_async    (const char          *url,
                                                    guint                timeout_seconds,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
AwJobPosting       *aw_job_posting_lookup_finish   (GAsyncResult        *result,
                                                    GError             **error);

const char         *aw_job_posting_get_url         (AwJobPosting        *self);
/* The role, e.g. "Senior Data Engineer"; never NULL on a posting that was returned. */
const char         *aw_job_posting_get_title       (AwJobPosting        *self);
/* The company, or NULL when the page does not say. */
const char         *aw_job_posting_get_company     (AwJobPosting        *self);
AwJobPostingSource  aw_job_posting_get_source      (AwJobPosting        *self);

G_END_DECLS
