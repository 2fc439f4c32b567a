/* aw-job-posting.c: reads role and company from a job posting page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Download with libsoup (one deadline for the whole lookup, a size limit), then parse
 * with libxml2's HTML parser in a worker thread: the schema.org JobPosting in
 * <script type="application/ld+json"> (also inside @graph, lists and nested objects),
 * else og:title / og:site_name, else <title>.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "aw-job-posting.h"

#define READ_CHUNK      (64 * 1024)
#define MAX_TEXT_CHARS  200
#define MAX_JSON_DEPTH  12

struct _AwJobPosting
{
  GObject             parent_instance;

  char               *url;
  char               *title;
  char               *company;
  AwJobPostingSource  source;
};

G_DEFINE_FINAL_TYPE (AwJobPosting, aw_job_posting, G_TYPE_OBJECT)

G_DEFINE_QUARK (aw-job-posting-error-quark, aw_job_posting_error)

static void
ensure_libxml (void)
{
  static gsize initialized = 0;

  /* libxml2 is thread-safe once initialized from one thread */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Text clean-up */

static char *
collapse_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  guint chars = 0;

  for (const char *p = text; *p && chars < MAX_TEXT_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0x00A0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      chars++;
    }

  return g_string_free (out, FALSE);
}

/* Job boards put entities and tags into JSON-LD strings too: run them through the HTML
 * parser and keep the text. Returns NULL for an empty result. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  char *result;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  if (strpbrk (valid, "&<") != NULL)
    {
      g_autofree char *wrapped = g_strconcat ("<html><body><div>", valid, "</div></body></html>", NULL);
      htmlDocPtr doc = htmlReadMemory (wrapped, strlen (wrapped), NULL, "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                       HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
      if (doc != NULL)
        {
          xmlChar *content = xmlNodeGetContent (xmlDocGetRootElement (doc));

          if (content != NULL)
            {
              g_free (valid);
              valid = g_utf8_make_valid ((const char *) content, -1);
              xmlFree (content);
            }
          xmlFreeDoc (doc);
        }
    }

  result = collapse_space (valid);
  if (*result == '\0')
    g_clear_pointer (&result, g_free);
  return result;
}

/* "Senior Engineer – Acme" -> role "Senior Engineer", company "Acme" */
static void
split_title (const char  *text,
             char       **role,
             char       **company)
{
  static const char *separators[] = { " | ", " – ", " — ", " - ", " · ", " :: " };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p)
    {
      const char *best = NULL;
      gsize best_len = 0;

      for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
        {
          const char *hit = strstr (p, separators[i]);

          if (hit != NULL && (best == NULL || hit < best))
            best = hit, best_len = strlen (separators[i]);
        }
      if (best == NULL)
        {
          g_ptr_array_add (parts, g_strstrip (g_strdup (p)));
          break;
        }
      g_ptr_array_add (parts, g_strstrip (g_strndup (p, best - p)));
      p = best + best_len;
    }

  /* Drop empty parts */
  for (guint i = parts->len; i > 0; i--)
    if (*(char *) g_ptr_array_index (parts, i - 1) == '\0')
      g_ptr_array_remove_index (parts, i - 1);

  *role = parts->len > 0 ? g_strdup (g_ptr_array_index (parts, 0)) : NULL;
  *company = parts->len > 1 ? g_strdup (g_ptr_array_index (parts, parts->len - 1)) : NULL;
}

/* JSON-LD */

static gboolean
is_job_posting_type (JsonNode *type)
{
  if (type == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (is_job_posting_type (json_array_get_element (array, i)))
          return TRUE;
      return FALSE;
    }

  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    {
      const char *name = json_node_get_string (type);

      return g_str_equal (name, "JobPosting") || g_str_has_suffix (name, "/JobPosting") ||
             g_str_has_suffix (name, ":JobPosting");
    }

  return FALSE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* hiringOrganization: "Acme", { "name": "Acme" } or a list of those */
static const char *
organization_name (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      return member_string (object, "name") ? member_string (object, "name")
                                            : member_string (object, "legalName");
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *name = organization_name (json_array_get_element (array, i));

          if (name != NULL)
            return name;
        }
    }
  return NULL;
}

/* Depth-first: the first JobPosting object with a title */
static JsonObject *
find_job_posting (JsonNode *node,
                  guint     depth)
{
  if (node == NULL || depth > MAX_JSON_DEPTH)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *found = find_job_posting (json_array_get_element (array, i), depth + 1);

          if (found != NULL)
            return found;
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = NULL;

      if (is_job_posting_type (json_object_get_member (object, "@type")) &&
          (member_string (object, "title") != NULL || member_string (object, "name") != NULL))
        return object;

      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonObject *found = find_job_posting (json_object_get_member (object, l->data), depth + 1);

          if (found != NULL)
            return found;
        }
    }

  return NULL;
}

typedef struct
{
  char *ld_title;
  char *ld_company;
  char *og_title;
  char *og_site_name;
  char *title;
} Found;

static void
found_clear (Found *found)
{
  g_free (found->ld_title);
  g_free (found->ld_company);
  g_free (found->og_title);
  g_free (found->og_site_name);
  g_free (found->title);
}

static void
read_json_ld (Found      *found,
              const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  JsonObject *posting;

  /* Some pages wrap the JSON in an HTML comment or CDATA */
  if (g_str_has_prefix (trimmed, "<!--") && g_str_has_suffix (trimmed, "-->"))
    {
      trimmed[strlen (trimmed) - 3] = '\0';
      memmove (trimmed, trimmed + 4, strlen (trimmed + 4) + 1);
    }

  if (!json_parser_load_from_data (parser, trimmed, -1, &error))
    {
      g_debug ("Ignoring a JSON-LD block that is not JSON: %s", error->message);
      return;
    }

  posting = find_job_posting (json_parser_get_root (parser), 0);
  if (posting == NULL)
    return;

  found->ld_title = clean_text (member_string (posting, "title") ? member_string (posting, "title")
                                                                 : member_string (posting, "name"));
  found->ld_company = clean_text (organization_name (json_object_get_member (posting,
                                                                             "hiringOrganization")));
}

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *result;

  if (value == NULL)
    return NULL;
  result = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);
  return result;
}

/* The text directly inside a node (not its children's: recovery can nest elements) */
static char *
own_text (xmlNode *node)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
        child->content != NULL)
      g_string_append (text, (const char *) child->content);

  return g_string_free (text, FALSE);
}

static void
visit (Found   *found,
       xmlNode *node)
{
  if (name_is (node, "script"))
    {
      g_autofree char *type = attribute (node, "type");

      if (found->ld_title == NULL && type != NULL &&
          g_ascii_strncasecmp (type, "application/ld+json", strlen ("application/ld+json")) == 0)
        {
          g_autofree char *content = own_text (node);

          read_json_ld (found, content);
        }
    }
  else if (name_is (node, "meta"))
    {
      g_autofree char *property = attribute (node, "property");
      g_autofree char *name = attribute (node, "name");
      const char *key = property ? property : name;
      g_autofree char *content = NULL;

      if (key == NULL)
        return;
      if (found->og_title == NULL && g_ascii_strcasecmp (key, "og:title") == 0)
        found->og_title = clean_text (content = attribute (node, "content"));
      else if (found->og_site_name == NULL && g_ascii_strcasecmp (key, "og:site_name") == 0)
        found->og_site_name = clean_text (content = attribute (node, "content"));
    }
  else if (name_is (node, "title") && found->title == NULL)
    {
      xmlChar *content = xmlNodeGetContent (node);

      if (content != NULL)
        {
          found->title = clean_text ((const char *) content);
          xmlFree (content);
        }
    }
}

/* Iterative walk: garbage can nest deeply */
static void
walk (Found   *found,
      xmlNode *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      visit (found, node);

      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          continue;
        }
      while (node != NULL && node != root && node->next == NULL)
        node = node->parent;
      if (node == NULL || node == root)
        break;
      node = node->next;
    }
}

/* "Data Engineer (m/w/d)", "Ingénieur (H/F)", "Designer (all genders)": job boards'
 * gender markers do not belong in a sentence of the email. */
static char *
strip_gender_marker (const char *title)
{
  static GRegex *regex = NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                       g_regex_new ("\\s*[(\\[]\\s*(?:(?:[mwfdxhgi*]|div)\\s*[/|,]\\s*)+"
                                    "(?:[mwfdxhgi*]|div)\\s*[)\\]]"
                                    "|\\s*[(\\[]\\s*(?:all genders|gn|genderneutral)\\s*[)\\]]",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  return g_strstrip (g_regex_replace_literal (regex, title, -1, 0, "", 0, NULL));
}

static AwJobPosting *
posting_new (const char         *url,
             const char         *title,
             const char         *company,
             AwJobPostingSource  source)
{
  AwJobPosting *self = g_object_new (AW_TYPE_JOB_POSTING, NULL);

  self->url = g_strdup (url);
  self->title = strip_gender_marker (title);
  if (*self->title == '\0')
    {
      g_free (self->title);
      self->title = g_strdup (title);
    }
  self->company = company != NULL && *company != '\0' ? g_strdup (company) : NULL;
  self->source = source;
  return self;
}

static AwJobPosting *
parse_html (const char  *html,
            gsize        length,
            const char  *url,
            const char  *encoding,
            GError     **error)
{
  htmlDocPtr doc;
  Found found = { NULL, };
  AwJobPosting *posting = NULL;

  ensure_libxml ();

  if (length > G_MAXINT)
    length = G_MAXINT;

  doc = htmlReadMemory (html, (int) length, url, encoding,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET);
  if (doc != NULL)
    {
      for (xmlNode *top = doc->children; top != NULL; top = top->next)
        walk (&found, top);
      xmlFreeDoc (doc);
    }

  if (found.ld_title != NULL)
    posting = posting_new (url, found.ld_title, found.ld_company, AW_JOB_POSTING_SOURCE_JSON_LD);
  else if (found.og_title != NULL)
    {
      g_autofree char *role = NULL;
      g_autofree char *company = NULL;

      split_title (found.og_title, &role, &company);
      if (found.og_site_name != NULL)
        {
          g_free (company);
          company = g_strdup (found.og_site_name);
        }
      if (role != NULL)
        posting = posting_new (url, role, company, AW_JOB_POSTING_SOURCE_OPEN_GRAPH);
    }
  if (posting == NULL && found.title != NULL)
    {
      g_autofree char *role = NULL;
      g_autofree char *company = NULL;

      split_title (found.title, &role, &company);
      if (found.og_site_name != NULL)
        {
          g_free (company);
          company = g_strdup (found.og_site_name);
        }
      if (role != NULL)
        posting = posting_new (url, role, company, AW_JOB_POSTING_SOURCE_TITLE);
    }

  found_clear (&found);

  if (posting == NULL)
    g_set_error_literal (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NO_POSTING,
                         _("The page does not name a role"));
  return posting;
}

/**
 * aw_job_posting_new_from_html:
 *
 * Returns: (transfer full): the posting found in @html, or %NULL with
 *   AW_JOB_POSTING_ERROR_NO_POSTING
 */
AwJobPosting *
aw_job_posting_new_from_html (const char  *html,
                              gsize        length,
                              const char  *url,
                              GError     **error)
{
  g_return_val_if_fail (html != NULL || length == 0, NULL);

  return parse_html (html ? html : "", length, url, NULL, error);
}

/* Lookup */

typedef struct
{
  char         *url;
  SoupSession  *session;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;
  char         *charset;
  char         *final_url;        /* after redirects, for the parser's base */
  GCancellable *cancellable;      /* ours: the deadline and the caller's cancel */
  GCancellable *caller;
  gulong        caller_handler;
  guint         deadline_id;
  gboolean      timed_out;
} Lookup;

static void
lookup_free (gpointer data)
{
  Lookup *lookup = data;

  g_clear_handle_id (&lookup->deadline_id, g_source_remove);
  if (lookup->caller != NULL)
    g_cancellable_disconnect (lookup->caller, lookup->caller_handler);
  g_clear_object (&lookup->caller);
  g_clear_object (&lookup->stream);
  g_clear_object (&lookup->message);
  if (lookup->session != NULL)
    soup_session_abort (lookup->session);
  g_clear_object (&lookup->session);
  g_clear_pointer (&lookup->buffer, g_byte_array_unref);
  g_clear_object (&lookup->cancellable);
  g_free (lookup->charset);
  g_free (lookup->final_url);
  g_free (lookup->url);
  g_free (lookup);
}

static void
caller_cancelled (GCancellable *caller,
                  gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
deadline_reached (gpointer user_data)
{
  Lookup *lookup = user_data;

  lookup->deadline_id = 0;
  lookup->timed_out = TRUE;
  g_cancellable_cancel (lookup->cancellable);
  return G_SOURCE_REMOVE;
}

/* Maps a failure of the download to what the wizard shows. */
static void
return_download_error (GTask  *task,
                       GError *error)
{
  Lookup *lookup = g_task_get_task_data (task);

  if (lookup->timed_out ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_new_error (task, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_TIMEOUT,
                             _("The page took too long to answer"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_new_error (task, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NETWORK,
                             _("The page could not be loaded: %s"), error->message);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  GError *error = NULL;
  AwJobPosting *posting;

  posting = parse_html ((const char *) lookup->buffer->data, lookup->buffer->len,
                        lookup->final_url, lookup->charset, &error);
  if (posting != NULL)
    {
      /* The link the user gave, not where redirects ended */
      g_free (posting->url);
      posting->url = g_strdup (lookup->url);
      g_task_return_pointer (task, posting, g_object_unref);
    }
  else
    g_task_return_error (task, error);
}

static gboolean
looks_binary (GByteArray *buffer)
{
  guint n = MIN (buffer->len, 1024);

  return memchr (buffer->data, '\0', n) != NULL;
}

static void
finish_download (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);

  g_clear_handle_id (&lookup->deadline_id, g_source_remove);
  g_input_stream_close_async (lookup->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  /* Done with libsoup: let go of it here, on its own thread, not in the parser's */
  lookup->final_url = g_uri_to_string (soup_message_get_uri (lookup->message));
  g_clear_object (&lookup->stream);
  g_clear_object (&lookup->message);
  soup_session_abort (lookup->session);
  g_clear_object (&lookup->session);

  if (looks_binary (lookup->buffer))
    {
      g_task_return_new_error (task, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NOT_HTML,
                               _("The link is not a web page"));
      return;
    }

  g_task_run_in_thread (task, parse_thread);
}

static void
read_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize room;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      return_download_error (task, error);
      return;
    }

  room = AW_JOB_POSTING_MAX_BYTES - lookup->buffer->len;
  g_byte_array_append (lookup->buffer, g_bytes_get_data (bytes, NULL),
                       MIN (room, g_bytes_get_size (bytes)));

  /* At the end, or enough: the head of a page has what we need. */
  if (g_bytes_get_size (bytes) == 0 || lookup->buffer->len >= AW_JOB_POSTING_MAX_BYTES)
    {
      finish_download (g_steal_pointer (&task));
      return;
    }

  g_input_stream_read_bytes_async (lookup->stream,
                                   MIN (READ_CHUNK, AW_JOB_POSTING_MAX_BYTES - lookup->buffer->len),
                                   G_PRIORITY_DEFAULT, lookup->cancellable,
                                   read_ready, g_steal_pointer (&task));
}

static gboolean
content_type_is_html (const char *content_type)
{
  return content_type == NULL ||
         g_ascii_strcasecmp (content_type, "text/html") == 0 ||
         g_ascii_strcasecmp (content_type, "application/xhtml+xml") == 0 ||
         g_ascii_strcasecmp (content_type, "text/plain") == 0;
}

static void
send_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *content_type;
  guint status;

  lookup->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (lookup->stream == NULL)
    {
      return_download_error (task, error);
      return;
    }

  status = soup_message_get_status (lookup->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_HTTP,
                               /* Translators: %u is an HTTP status such as 404 */
                               _("The page answered with an error (%u)"), status);
      return;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (lookup->message),
                                                        &params);
  if (!content_type_is_html (content_type))
    {
      g_task_return_new_error (task, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_NOT_HTML,
                               _("The link is not a web page"));
      return;
    }
  if (params != NULL && g_hash_table_lookup (params, "charset") != NULL)
    lookup->charset = g_strdup (g_hash_table_lookup (params, "charset"));

  g_input_stream_read_bytes_async (lookup->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   lookup->cancellable, read_ready, g_steal_pointer (&task));
}

/**
 * aw_job_posting_lookup_async:
 * @url: an http or https link
 * @timeout_seconds: the deadline for the whole lookup; 0 for the default
 *
 * Downloads the page (at most AW_JOB_POSTING_MAX_BYTES of it) and reads the posting.
 */
void
aw_job_posting_lookup_async (const char          *url,
                             guint                timeout_seconds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme = NULL;
  Lookup *lookup;

  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_job_posting_lookup_async);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri != NULL)
    scheme = g_uri_get_scheme (uri);
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_task_return_new_error (task, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_INVALID_URL,
                               _("Only http and https links can be looked up"));
      return;
    }

  if (timeout_seconds == 0)
    timeout_seconds = AW_JOB_POSTING_DEFAULT_TIMEOUT;

  lookup = g_new0 (Lookup, 1);
  lookup->url = g_strdup (url);
  lookup->buffer = g_byte_array_new ();
  lookup->cancellable = g_cancellable_new ();
  lookup->session = soup_session_new_with_options ("timeout", timeout_seconds,
                                                   "user-agent", "Afterword/" PACKAGE_VERSION " ",
                                                   NULL);
  lookup->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_headers_replace (soup_message_get_request_headers (lookup->message),
                                "Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1");
  g_task_set_task_data (task, lookup, lookup_free);

  if (cancellable != NULL)
    {
      lookup->caller = g_object_ref (cancellable);
      lookup->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled),
                                                      lookup->cancellable, NULL);
    }
  lookup->deadline_id = g_timeout_add (timeout_seconds * 1000, deadline_reached, lookup);

  soup_session_send_async (lookup->session, lookup->message, G_PRIORITY_DEFAULT,
                           lookup->cancellable, send_ready, g_steal_pointer (&task));
}

/**
 * aw_job_posting_lookup_finish:
 *
 * Returns: (transfer full): the posting, or %NULL with an AW_JOB_POSTING_ERROR (or
 *   G_IO_ERROR_CANCELLED)
 */
AwJobPosting *
aw_job_posting_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
aw_job_posting_get_url (AwJobPosting *self)
{
  g_return_val_if_fail (AW_IS_JOB_POSTING (self), NULL);
  return self->url;
}

const char *
aw_job_posting_get_title (AwJobPosting *self)
{
  g_return_val_if_fail (AW_IS_JOB_POSTING (self), NULL);
  return self->title;
}

const char *
aw_job_posting_get_company (AwJobPosting *self)
{
  g_return_val_if_fail (AW_IS_JOB_POSTING (self), NULL);
  return self->company;
}

AwJobPostingSource
aw_job_posting_get_source (AwJobPosting *self)
{
  g_return_val_if_fail (AW_IS_JOB_POSTING (self), AW_JOB_POSTING_SOURCE_TITLE);
  return self->source;
}

static void
aw_job_posting_finalize (GObject *object)
{
  AwJobPosting *self = AW_JOB_POSTING (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->company, g_free);

  G_OBJECT_CLASS (aw_job_posting_parent_class)->finalize (object);
}

static void
aw_job_posting_class_init (AwJobPostingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aw_job_posting_finalize;
}

static void
aw_job_posting_init (AwJobPosting *self)
{
}
