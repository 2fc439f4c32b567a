/* test-job-posting.c: the job-posting lookup against a real HTTP server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "aw-job-posting.h"
#include "aw-test-async.h"
#include "aw-test-http.h"

static SoupServer *server;
static char *base_url;

static const char json_ld_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
  "<title>Careers | Acme</title>"
  "<meta property=\"og:title\" content=\"Not this one\">"
  "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"Organization\", \"name\": \"Acme\"}</script>"
  "<script type=\"application/ld+json\">\n"
  "{ \"@context\": \"https://schema.org\",\n"
  "  \"@graph\": [\n"
  "    { \"@type\": \"WebPage\", \"name\": \"Jobs\" },\n"
  "    { \"@type\": \"JobPosting\",\n"
  "      \"title\": \"Senior  Data Engineer (R&amp;D)\",\n"
  "      \"datePosted\": \"2026-10-01\",\n"
  "      \"hiringOrganization\": { \"@type\": \"Organization\", \"name\": \"Acme Analytics GmbH\" } }\n"
  "  ] }\n"
  "</script></head><body><h1>Senior Data Engineer</h1></body></html>";

static const char open_graph_page[] =
  "<html><head>"
  "<meta property=\"og:title\" content=\"Product Designer – Initech\">"
  "<meta property=\"og:site_name\" content=\"Initech Careers\">"
  "<title>Initech</title></head><body><p>Apply now</p></body></html>";

static const char title_page[] =
  "<html><head><title>\n  Backend Developer | Globex\n</title></head><body></body></html>";

static const char nothing_page[] =
  "<<<>>>&&&; <p <div></html><script>var x = '<title>';</script>";

static void
handle (SoupServer        *server_,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  if (g_str_equal (path, "/json-ld"))
    aw_test_http_respond (message, "text/html; charset=utf-8", json_ld_page, -1);
  else if (g_str_equal (path, "/open-graph"))
    aw_test_http_respond (message, "text/html", open_graph_page, -1);
  else if (g_str_equal (path, "/title"))
    aw_test_http_respond (message, "text/html", title_page, -1);
  else if (g_str_equal (path, "/latin1"))
    {
      /* "Ingénieur Qualité | Société" in ISO-8859-1 */
      static const char latin1[] =
        "<html><head><title>Ing\xe9nieur Qualit\xe9 | Soci\xe9t\xe9</title></head></html>";

      aw_test_http_respond (message, "text/html; charset=ISO-8859-1", latin1, -1);
    }
  else if (g_str_equal (path, "/slow"))
    aw_test_http_answer_later (message, 5, SOUP_STATUS_OK, "text/html", title_page);
  else if (g_str_equal (path, "/binary") || g_str_equal (path, "/binary-as-html"))
    {
      guint8 garbage[4096];
      g_autoptr(GRand) rand = g_rand_new_with_seed (42);

      for (guint i = 0; i < sizeof garbage; i++)
        garbage[i] = g_rand_int_range (rand, 0, 256);
      garbage[10] = 0;
      aw_test_http_respond (message,
                            g_str_equal (path, "/binary") ? "application/octet-stream" : "text/html",
                            (const char *) garbage, sizeof garbage);
    }
  else if (g_str_equal (path, "/image"))
    aw_test_http_respond (message, "image/png", "\x89PNG\r\n\x1a\n", 8);
  else if (g_str_equal (path, "/nothing"))
    aw_test_http_respond (message, "text/html", nothing_page, -1);
  else if (g_str_equal (path, "/huge") || g_str_equal (path, "/huge-late"))
    {
      /* 12 MB; the posting is at the start, or only after the first 3 MB */
      gsize size = 12 * 1024 * 1024;
      GString *page = g_string_sized_new (size + 200);

      g_string_append (page, "<html><head>");
      if (g_str_equal (path, "/huge"))
        g_string_append (page, "<title>Site Reliability Engineer - Hooli</title>");
      g_string_append (page, "</head><body>");
      while (page->len < 3 * 1024 * 1024 + 100)
        g_string_append (page, "<p>filler filler filler filler filler filler filler</p>\n");
      g_string_append (page, "<title>Too Late - Nobody</title>");
      while (page->len < size)
        g_string_append (page, "<p>filler filler filler filler filler filler filler</p>\n");
      g_string_append (page, "</body></html>");
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_TAKE,
                                        page->str, page->len);
      g_string_free (page, FALSE);
    }
  else if (g_str_equal (path, "/redirect"))
    soup_server_message_set_redirect (message, 302, "/json-ld");
  else if (g_str_equal (path, "/server-error"))
    soup_server_message_set_status (message, 503, NULL);
  else
    soup_server_message_set_status (message, 404, NULL);
}

static AwJobPosting *
lookup_full (const char    *path,
             guint          timeout,
             GCancellable  *cancellable,
             gint64        *elapsed,
             GError       **error)
{
  g_autofree char *url = g_str_has_prefix (path, "/") ? g_strconcat (base_url, path, NULL)
                                                      : g_strdup (path);
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  aw_job_posting_lookup_async (url, timeout, cancellable, aw_test_async_done, &result);
  aw_test_async_wait (&result);
  if (elapsed != NULL)
    *elapsed = g_get_monotonic_time () - start;

  return aw_job_posting_lookup_finish (result, error);
}

static AwJobPosting *
lookup (const char  *path,
        GError     **error)
{
  return lookup_full (path, 5, NULL, NULL, error);
}

static void
test_json_ld (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = lookup ("/json-ld", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (aw_job_posting_get_title (posting), ==, "Senior Data Engineer (R&D)");
  g_assert_cmpstr (aw_job_posting_get_company (posting), ==, "Acme Analytics GmbH");
  g_assert_cmpint (aw_job_posting_get_source (posting), ==, AW_JOB_POSTING_SOURCE_JSON_LD);
  g_assert_true (g_str_has_suffix (aw_job_posting_get_url (posting), "/json-ld"));
}

static void
test_open_graph (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = lookup ("/open-graph", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (aw_job_posting_get_title (posting), ==, "Product Designer");
  g_assert_cmpstr (aw_job_posting_get_company (posting), ==, "Initech Careers");
  g_assert_cmpint (aw_job_posting_get_source (posting), ==, AW_JOB_POSTING_SOURCE_OPEN_GRAPH);
}

static void
test_title_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = lookup ("/title", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (aw_job_posting_get_title (posting), ==, "Backend Developer");
  g_assert_cmpstr (aw_job_posting_get_company (posting), ==, "Globex");
  g_assert_cmpint (aw_job_posting_get_source (posting), ==, AW_JOB_POSTING_SOURCE_TITLE);
}

static void
test_charset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = lookup ("/latin1", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (aw_job_posting_get_title (posting), ==, "Ingénieur Qualité");
  g_assert_cmpstr (aw_job_posting_get_company (posting), ==, "Société");
}

static void
test_redirect (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = lookup ("/redirect", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (aw_job_posting_get_company (posting), ==, "Acme Analytics GmbH");
  /* The link the user gave */
  g_assert_true (g_str_has_suffix (aw_job_posting_get_url (posting), "/redirect"));
}

static void
test_slow_times_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = NULL;
  gint64 elapsed;

  posting = lookup_full ("/slow", 1, NULL, &elapsed, &error);
  g_assert_null (posting);
  g_assert_error (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_TIMEOUT);
  g_test_message ("timed out after %.0f ms", elapsed / 1000.0);
  g_assert_cmpint (elapsed, >=, 900 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 2500 * G_TIME_SPAN_MILLISECOND);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = NULL;
  gint64 elapsed;

  g_timeout_add (200, cancel_later, cancellable);
  posting = lookup_full ("/slow", 10, cancellable, &elapsed, &error);
  g_assert_null (posting);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (elapsed, <, 1500 * G_TIME_SPAN_MILLISECOND);
}

static void
test_binary (void)
{
  static const char *paths[] = { "/binary", "/binary-as-html", "/image" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwJobPosting) posting = lookup (paths[i], &error);

      g_assert_null (posting);
      g_assert_error (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NOT_HTML);
    }
}

static void
test_garbage_html (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = lookup ("/nothing", &error);

  g_assert_null (posting);
  g_assert_error (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NO_POSTING);
}

static void
test_http_errors (void)
{
  static const char *paths[] = { "/missing", "/server-error" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwJobPosting) posting = lookup (paths[i], &error);

      g_assert_null (posting);
      g_assert_error (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_HTTP);
    }
}

static void
test_huge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = NULL;
  g_autoptr(AwJobPosting) late = NULL;
  gint64 elapsed;

  /* Only the first AW_JOB_POSTING_MAX_BYTES are read: the head is there */
  posting = lookup_full ("/huge", 10, NULL, &elapsed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aw_job_posting_get_title (posting), ==, "Site Reliability Engineer");
  g_assert_cmpstr (aw_job_posting_get_company (posting), ==, "Hooli");
  g_test_message ("12 MB page: %.0f ms", elapsed / 1000.0);

  /* ... and nothing after them */
  late = lookup_full ("/huge-late", 10, NULL, NULL, &error);
  g_assert_null (late);
  g_assert_error (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NO_POSTING);
}

static void
test_invalid_urls (void)
{
  static const char *urls[] = {
    "", "jobs.example.com/1", "ftp://example.com/job", "javascript:alert(1)",
    "file:///etc/passwd", "https://", "mailto:jobs@example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwJobPosting) posting = lookup (urls[i], &error);

      g_assert_null (posting);
      g_assert_error (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_INVALID_URL);
    }
}

static void
test_connection_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and has no listener */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_assert_true (g_socket_bind (socket, G_SOCKET_ADDRESS (address), FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u/job",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  posting = lookup (url, &error);
  g_assert_null (posting);
  g_assert_error (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NETWORK);
}

/* The parser alone, on what job boards actually embed */
static void
test_parse_variants (void)
{
  static const struct { const char *html; const char *title; const char *company; } cases[] = {
    /* A list at the top, @type as a list, the organization as a string */
    { "<script type='application/ld+json'>[{\"@type\": \"BreadcrumbList\"},"
      "{\"@type\": [\"JobPosting\"], \"title\": \"QA Lead\", \"hiringOrganization\": \"Vandelay\"}]</script>",
      "QA Lead", "Vandelay" },
    /* Nested under mainEntity, a full schema.org type IRI, an organization list */
    { "<script type=\"application/ld+json; charset=utf-8\">{\"@type\": \"WebPage\", \"mainEntity\": "
      "{\"@type\": \"http://schema.org/JobPosting\", \"title\": \"UX Researcher\", "
      "\"hiringOrganization\": [{\"@type\": \"Organization\", \"name\": \"Pied Piper\"}]}}</script>",
      "UX Researcher", "Pied Piper" },
    /* A broken block first, then a good one wrapped in an HTML comment */
    { "<script type='application/ld+json'>{\"@type\": \"JobPosting\", \"title\": </script>"
      "<script type='application/ld+json'><!-- {\"@type\": \"JobPosting\", \"title\": \"Data Scientist\"} --></script>",
      "Data Scientist", NULL },
    /* Tags and entities in the title */
    { "<script type='application/ld+json'>{\"@type\": \"JobPosting\", \"title\": \"<b>Head of M&amp;A</b>\","
      " \"hiringOrganization\": {\"name\": \"Umbrella &amp; Co\"}}</script>",
      "Head of M&A", "Umbrella & Co" },
    /* JSON-LD without a JobPosting: OpenGraph decides */
    { "<script type='application/ld+json'>{\"@type\": \"Organization\", \"name\": \"Soylent\"}</script>"
      "<meta property='og:title' content='Food Scientist'>", "Food Scientist", NULL },
    /* Job boards' gender markers are not part of the role */
    { "<script type='application/ld+json'>{\"@type\": \"JobPosting\", \"title\": \"Data Engineer (m/w/d)\"}</script>",
      "Data Engineer", NULL },
    { "<title>Ingénieur Qualité (H/F) – Société Générale</title>", "Ingénieur Qualité", "Société Générale" },
    { "<meta property='og:title' content='UX Designer [w/m/div] (Remote)'>", "UX Designer (Remote)", NULL },
    { "<meta property='og:title' content='C/C++ Developer (C/C++)'>", "C/C++ Developer (C/C++)", NULL },
    /* <title> with several separators */
    { "<title>Mobile Engineer - Berlin - Stark Industries</title>", "Mobile Engineer", "Stark Industries" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwJobPosting) posting =
        aw_job_posting_new_from_html (cases[i].html, strlen (cases[i].html), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (aw_job_posting_get_title (posting), ==, cases[i].title);
      g_assert_cmpstr (aw_job_posting_get_company (posting), ==, cases[i].company);
    }
}

static void
test_parse_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwJobPosting) posting = aw_job_posting_new_from_html ("", 0, NULL, &error);

  g_assert_null (posting);
  g_assert_error (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NO_POSTING);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The test environment has only our schemas, not GNOME's proxy settings */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  server = aw_test_http_start (FALSE, handle);
  base_url = aw_test_http_base_url (server);

  g_test_add_func ("/job-posting/json-ld", test_json_ld);
  g_test_add_func ("/job-posting/open-graph", test_open_graph);
  g_test_add_func ("/job-posting/title-only", test_title_only);
  g_test_add_func ("/job-posting/charset", test_charset);
  g_test_add_func ("/job-posting/redirect", test_redirect);
  g_test_add_func ("/job-posting/slow-times-out", test_slow_times_out);
  g_test_add_func ("/job-posting/cancel", test_cancel);
  g_test_add_func ("/job-posting/binary", test_binary);
  g_test_add_func ("/job-posting/garbage-html", test_garbage_html);
  g_test_add_func ("/job-posting/http-errors", test_http_errors);
  g_test_add_func ("/job-posting/huge", test_huge);
  g_test_add_func ("/job-posting/invalid-urls", test_invalid_urls);
  g_test_add_func ("/job-posting/connection-refused", test_connection_refused);
  g_test_add_func ("/job-posting/parse/variants", test_parse_variants);
  g_test_add_func ("/job-posting/parse/empty", test_parse_empty);

  result = g_test_run ();

  aw_test_http_stop (server);
  g_free (base_url);
  return result;
}
