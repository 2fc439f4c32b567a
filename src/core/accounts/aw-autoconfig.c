/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-autoconfig.c: finds the outgoing server settings for an email address
 *
 * Tried in order, the first hit wins: the built-in provider table, the provider's own
 * autoconfig file, its .well-known one, Thunderbird's ISPDB, DNS SRV records, and finally
 * guesses probed with a real EHLO. Autoconfig is fetched over https only.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "aw-autoconfig.h"
#include "aw-core-data.h"
#include "aw-smtp-client.h"

#define MAX_CONFIG_SIZE (256 * 1024)
#define GUESS_CONNECT_TIMEOUT 6

struct _AwAutoconfig
{
  GObject       parent_instance;

  char         *provider_url;
  char         *well_known_url;
  char         *ispdb_url;
  gboolean      use_builtin;
  gboolean      use_dns;
  gboolean      use_guesses;
  GTlsDatabase *tls_database;
  guint         timeout;

  SoupSession  *session;
  GPtrArray    *trace;
};

G_DEFINE_FINAL_TYPE (AwAutoconfig, aw_autoconfig, G_TYPE_OBJECT)

G_DEFINE_QUARK (aw-autoconfig-error-quark, aw_autoconfig_error)

enum {
  PROP_0,
  PROP_PROVIDER_URL,
  PROP_WELL_KNOWN_URL,
  PROP_ISPDB_URL,
  PROP_USE_BUILTIN,
  PROP_USE_DNS,
  PROP_USE_GUESSES,
  PROP_TLS_DATABASE,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_PROVIDER_URL   "https://autoconfig.{domain}/mail/config-v1.1.xml"
#define DEFAULT_WELL_KNOWN_URL "https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml"
#define DEFAULT_ISPDB_URL      "https://autoconfig.thunderbird.net/v1.1/{domain}"

/* The steps, in order. Guesses expand to several probes. */
typedef enum
{
  STEP_BUILTIN,
  STEP_PROVIDER,
  STEP_WELL_KNOWN,
  STEP_ISPDB,
  STEP_SRV_SUBMISSIONS,
  STEP_SRV_SUBMISSION,
  STEP_GUESS,
  N_STEPS
} Step;

static const struct
{
  const char        *prefix;
  guint              port;
  AwAccountSecurity  security;
} guesses[] = {
  { "smtp", 465, AW_ACCOUNT_SECURITY_TLS },
  { "smtp", 587, AW_ACCOUNT_SECURITY_STARTTLS },
  { "mail", 465, AW_ACCOUNT_SECURITY_TLS },
  { "mail", 587, AW_ACCOUNT_SECURITY_STARTTLS },
};

typedef struct
{
  char               *address;
  char               *domain;
  Step                step;
  guint               guess;
  AwSmtpClient       *probe;
  AwAccount          *result;
  AwAutoconfigSource  source;
  AwAutoconfigNote    note;
  char               *provider_name;
} Detect;

static void
detect_free (gpointer data)
{
  Detect *detect = data;

  g_free (detect->address);
  g_free (detect->domain);
  g_clear_object (&detect->probe);
  g_clear_object (&detect->result);
  g_free (detect->provider_name);
  g_free (detect);
}

AwAutoconfig *
aw_autoconfig_new (void)
{
  return g_object_new (AW_TYPE_AUTOCONFIG, NULL);
}

/**
 * aw_autoconfig_get_trace:
 *
 * Returns: (transfer none): the steps of the last detection
 */
const char * const *
aw_autoconfig_get_trace (AwAutoconfig *self)
{
  g_return_val_if_fail (AW_IS_AUTOCONFIG (self), NULL);

  return (const char * const *) self->trace->pdata;
}

static void
trace (AwAutoconfig *self,
       const char   *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
trace (AwAutoconfig *self,
       const char   *format,
       ...)
{
  va_list args;
  char *step;

  va_start (args, format);
  step = g_strdup_vprintf (format, args);
  va_end (args);
  g_debug ("autoconfig: %s", step);
  g_ptr_array_insert (self->trace, self->trace->len - 1, step);
}

char *
aw_autoconfig_note_describe (AwAutoconfigNote  note,
                             const char       *provider_name)
{
  if (provider_name == NULL)
    provider_name = _("This provider");

  switch (note)
    {
    case AW_AUTOCONFIG_NOTE_APP_PASSWORD:
      /* Translators: %s is a provider's name ("Gmail") or the words "This provider",
       * e.g. "Gmail needs an app password: …"; add an article in your language if the
       * sentence needs one only where it works for both */
      return g_strdup_printf (_("%s needs an app password: create one in your account's security settings and enter it here instead of your usual password."),
                              provider_name);
    case AW_AUTOCONFIG_NOTE_OAUTH:
      /* Translators: %s is a provider's name ("Outlook.com") or the words "This provider",
       * e.g. "Outlook.com needs OAuth sign-in …" */
      return g_strdup_printf (_("%s needs OAuth sign-in, which Afterword cannot do yet: sending with a password will be refused."),
                              provider_name);
    case AW_AUTOCONFIG_NOTE_NONE:
    default:
      return NULL;
    }
}

/* Splits name@domain; the domain is lower-cased and limited to host name characters so
 * it can go into a URL and a DNS query safely. */
static gboolean
split_address (const char  *address,
               char       **local_part,
               char       **domain)
{
  const char *at;
  g_autofree char *lower = NULL;

  if (address == NULL || (at = strrchr (address, '@')) == NULL || at == address)
    return FALSE;
  lower = g_ascii_strdown (at + 1, -1);
  if (*lower == '\0' || lower[0] == '.' || lower[0] == '-' || strstr (lower, "..") != NULL ||
      strchr (lower, '.') == NULL || strlen (lower) > 253)
    return FALSE;
  for (const char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;
  if (local_part != NULL)
    *local_part = g_strndup (address, at - address);
  if (domain != NULL)
    *domain = g_steal_pointer (&lower);
  return TRUE;
}

/* Fills in %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN% in one pass (text from the
 * address is never read again as a placeholder). Any other %NAME% (%REALNAME%,
 * %USERNAME%, …) is blanked when @blank_unknown, so that it cannot end up in the user-name
 * field; otherwise it stays, and a host name holding it is refused as invalid. */
static char *
expand_placeholders (const char *text,
                     const char *address,
                     gboolean    blank_unknown)
{
  g_autofree char *local_part = NULL;
  g_autofree char *domain = NULL;
  g_autoptr(GString) result = NULL;
  const char *p;

  if (text == NULL)
    return NULL;
  /* Without a valid address local_part stays NULL and no placeholder is filled in. */
  split_address (address, &local_part, &domain);
  result = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; )
    {
      const char *end = p[0] == '%' ? p + 1 : NULL;
      g_autofree char *name = NULL;

      while (end != NULL && (g_ascii_isalnum (*end) || *end == '_'))
        end++;
      if (end == NULL || end == p + 1 || *end != '%')
        {
          g_string_append_c (result, *p++);
          continue;
        }
      name = g_strndup (p + 1, end - p - 1);
      if (local_part != NULL && g_str_equal (name, "EMAILADDRESS"))
        g_string_append (result, address);
      else if (local_part != NULL && g_str_equal (name, "EMAILLOCALPART"))
        g_string_append (result, local_part);
      else if (local_part != NULL && g_str_equal (name, "EMAILDOMAIN"))
        g_string_append (result, domain);
      else if (!blank_unknown)
        g_string_append_len (result, p, end + 1 - p);
      p = end + 1;
    }
  return g_string_free (g_steal_pointer (&result), FALSE);
}

/* A DNS name or an IP address, nothing that could smuggle in a path or a second field. */
static gboolean
is_valid_hostname (const char *host)
{
  if (host == NULL || *host == '\0' || strlen (host) > 253)
    return FALSE;
  if (g_hostname_is_ip_address (host))
    return TRUE;
  if (host[0] == '.' || host[0] == '-' || strstr (host, "..") != NULL)
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;
  return TRUE;
}

/* What a file or a DNS answer from the network may name: a DNS name, never an IP
 * literal or this machine, which would point the password at a local service. The
 * resolver also reads "2130706433", "127.1" and "0x7f.1" as addresses: no top-level
 * domain is numeric, so a numeric last label is refused too. */
static gboolean
is_network_hostname (const char *host)
{
  g_autofree char *name = NULL;
  const char *last;
  gsize length;

  if (!is_valid_hostname (host) || g_hostname_is_ip_address (host))
    return FALSE;
  name = g_ascii_strdown (host, -1);
  length = strlen (name);
  while (length > 0 && name[length - 1] == '.')
    name[--length] = '\0';
  if (length == 0 || g_str_equal (name, "localhost") || g_str_has_suffix (name, ".localhost"))
    return FALSE;
  last = strrchr (name, '.') != NULL ? strrchr (name, '.') + 1 : name;
  if (g_str_has_prefix (last, "0x") && strspn (last + 2, "0123456789abcdef") == strlen (last + 2))
    return FALSE;
  return strspn (last, "0123456789") != strlen (last);
}

static AwAccount *
make_account (const char        *address,
              const char        *host,
              guint              port,
              AwAccountSecurity  security,
              const char        *username)
{
  AwAccount *account = aw_account_new ();
  g_autofree char *expanded_host = expand_placeholders (host, address, FALSE);
  g_autofree char *lower_host = expanded_host != NULL ? g_ascii_strdown (expanded_host, -1) : NULL;
  g_autofree char *expanded_user = expand_placeholders (username, address, TRUE);

  aw_account_set_address (account, address);
  aw_account_set_host (account, lower_host);
  aw_account_set_port (account, port);
  aw_account_set_security (account, security);
  /* The address is the default login: keep the field empty then. */
  if (g_strcmp0 (expanded_user, address) != 0)
    aw_account_set_username (account, expanded_user);
  return account;
}

/* ---- the built-in table ---- */

/**
 * aw_autoconfig_lookup_builtin:
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL (without an error) if the
 *   domain of @address is not in data/providers.json
 */
AwAccount *
aw_autoconfig_lookup_builtin (const char        *address,
                              AwAutoconfigNote  *note,
                              char             **provider_name,
                              GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *domain = NULL;
  JsonArray *providers;

  if (!split_address (address, NULL, &domain))
    {
      g_set_error_literal (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_ADDRESS,
                           _("Enter an email address like name@example.com."));
      return NULL;
    }
  bytes = aw_core_data_lookup ("providers.json", error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return NULL;

  providers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "providers");
  for (guint i = 0; i < json_array_get_length (providers); i++)
    {
      JsonObject *provider = json_array_get_object_element (providers, i);
      JsonArray *domains = json_object_get_array_member (provider, "domains");

      for (guint j = 0; j < json_array_get_length (domains); j++)
        {
          const char *note_name;
          AwAccountSecurity security = AW_ACCOUNT_SECURITY_TLS;

          if (g_strcmp0 (json_array_get_string_element (domains, j), domain) != 0)
            continue;

          aw_account_security_from_string (json_object_get_string_member (provider, "security"),
                                           &security);
          note_name = json_object_get_string_member_with_default (provider, "note", NULL);
          if (note != NULL)
            *note = g_strcmp0 (note_name, "app-password") == 0 ? AW_AUTOCONFIG_NOTE_APP_PASSWORD
                  : g_strcmp0 (note_name, "oauth") == 0 ? AW_AUTOCONFIG_NOTE_OAUTH
                  : AW_AUTOCONFIG_NOTE_NONE;
          if (provider_name != NULL)
            *provider_name = g_strdup (json_object_get_string_member (provider, "name"));
          return make_account (address,
                               json_object_get_string_member (provider, "host"),
                               (guint) json_object_get_int_member (provider, "port"),
                               security,
                               json_object_get_string_member_with_default (provider, "username",
                                                                           "%EMAILADDRESS%"));
        }
    }
  return NULL;
}

/* ---- config-v1.1.xml ---- */

static char *
child_text (xmlNode    *node,
            const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrcmp (child->name, (const xmlChar *) name) == 0)
      {
        xmlChar *content = xmlNodeGetContent (child);
        char *text = g_strstrip (g_strdup ((const char *) content));

        xmlFree (content);
        return text;
      }
  return NULL;
}

static xmlNode *
find_child (xmlNode    *node,
            const char *name)
{
  for (xmlNode *child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrcmp (child->name, (const xmlChar *) name) == 0)
      return child;
  return NULL;
}

/* What an <authentication> value lets Afterword do. The older values "plain" (a password
 * in clear, over TLS here) and "secure" (an encrypted password) are still published by
 * providers in their own files; "client-IP-address" and "smtp-after-pop" ask nothing of
 * the client at submission time. GSSAPI, NTLM and client certificates are not offered. */
typedef enum
{
  AUTH_UNUSABLE,
  AUTH_OAUTH,
  AUTH_PASSWORD,   /* a password, or nothing at all */
} AuthKind;

static AuthKind
auth_kind (const char *method)
{
  static const char * const password[] = {
    "password-cleartext", "plain", "password-encrypted", "secure",
    "none", "client-IP-address", "smtp-after-pop",
  };

  for (guint i = 0; i < G_N_ELEMENTS (password); i++)
    if (g_ascii_strcasecmp (method, password[i]) == 0)
      return AUTH_PASSWORD;
  if (g_ascii_strcasecmp (method, "OAuth2") == 0)
    return AUTH_OAUTH;
  return AUTH_UNUSABLE;
}

/* One <outgoingServer>: an account, and whether it takes a password (or nothing) rather
 * than only OAuth2; NULL when Afterword cannot use it. */
static AwAccount *
read_server (xmlNode    *server,
             const char *address,
             gboolean   *oauth_only)
{
  g_autofree char *hostname = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *username = NULL;
  xmlChar *type;
  gboolean is_smtp, have_security = FALSE;
  AuthKind best = AUTH_UNUSABLE;
  AwAccountSecurity security = AW_ACCOUNT_SECURITY_TLS;
  guint64 port = 0;

  if (server->type != XML_ELEMENT_NODE ||
      xmlStrcmp (server->name, (const xmlChar *) "outgoingServer") != 0)
    return NULL;
  type = xmlGetProp (server, (const xmlChar *) "type");
  is_smtp = type != NULL && xmlStrcmp (type, (const xmlChar *) "smtp") == 0;
  xmlFree (type);
  if (!is_smtp)
    return NULL;

  /* Every <socketType> and every <authentication>, not only the first: the first
   * encrypted socket type is used (plain: never), the best method decides. */
  for (xmlNode *child = server->children; child != NULL; child = child->next)
    {
      gboolean is_socket_type, is_auth;
      g_autofree char *value = NULL;
      xmlChar *content;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      is_socket_type = xmlStrcmp (child->name, (const xmlChar *) "socketType") == 0;
      is_auth = xmlStrcmp (child->name, (const xmlChar *) "authentication") == 0;
      if (!is_socket_type && !is_auth)
        continue;
      content = xmlNodeGetContent (child);
      value = g_strstrip (g_strdup (content != NULL ? (const char *) content : ""));
      xmlFree (content);

      if (is_auth)
        {
          best = MAX (best, auth_kind (value));
        }
      else if (!have_security && (g_str_equal (value, "SSL") || g_str_equal (value, "TLS")))
        {
          security = AW_ACCOUNT_SECURITY_TLS;
          have_security = TRUE;
        }
      else if (!have_security && g_str_equal (value, "STARTTLS"))
        {
          security = AW_ACCOUNT_SECURITY_STARTTLS;
          have_security = TRUE;
        }
    }
  /* No <authentication> at all is unusable too, as for Thunderbird. */
  if (!have_security || best == AUTH_UNUSABLE)
    return NULL;

  hostname = child_text (server, "hostname");
  port_text = child_text (server, "port");
  username = child_text (server, "username");
  host = expand_placeholders (hostname, address, FALSE);
  if (!is_network_hostname (host) || port_text == NULL ||
      !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    return NULL;

  *oauth_only = best == AUTH_OAUTH;
  return make_account (address, hostname, (guint) port, security,
                       username != NULL ? username : "%EMAILADDRESS%");
}

/**
 * aw_autoconfig_parse_config:
 *
 * Picks the first outgoingServer of type smtp with SSL or STARTTLS (plain is never
 * offered), a DNS host name (never an IP literal or loopback: the file comes from the
 * network) and a password or no authentication. Only when there is none, the first that
 * takes OAuth2 only, with @note set to %AW_AUTOCONFIG_NOTE_OAUTH.
 *
 * Returns: (transfer full): the settings, or %NULL with AW_AUTOCONFIG_ERROR_INVALID_CONFIG
 */
AwAccount *
aw_autoconfig_parse_config (const char        *xml,
                            gsize              length,
                            const char        *address,
                            AwAutoconfigNote  *note,
                            GError           **error)
{
  xmlDoc *doc;
  xmlNode *root, *provider;
  AwAccount *account = NULL;
  AwAccount *oauth_account = NULL;

  g_return_val_if_fail (xml != NULL || length == 0, NULL);

  if (length == 0 || length > MAX_CONFIG_SIZE || length > G_MAXINT)
    goto invalid;

  /* No network, no entity expansion, no DTD: the file comes from the internet. */
  doc = xmlReadMemory (xml, (int) length, "config-v1.1.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    goto invalid;

  root = xmlDocGetRootElement (doc);
  provider = root != NULL && xmlStrcmp (root->name, (const xmlChar *) "clientConfig") == 0
             ? find_child (root, "emailProvider") : NULL;
  /* Until OAuth sign-in works (through Online Accounts), a server further down that
   * takes a password or nothing is worth more than an OAuth2-only one above it. */
  for (xmlNode *server = provider != NULL ? provider->children : NULL;
       server != NULL && account == NULL;
       server = server->next)
    {
      gboolean oauth_only = FALSE;
      AwAccount *found = read_server (server, address, &oauth_only);

      if (found != NULL && oauth_only && oauth_account == NULL)
        oauth_account = found;
      else if (found != NULL && oauth_only)
        g_object_unref (found);
      else
        account = found;
    }
  xmlFreeDoc (doc);

  if (account != NULL)
    {
      g_clear_object (&oauth_account);
      if (note != NULL)
        *note = AW_AUTOCONFIG_NOTE_NONE;
      return account;
    }
  if (oauth_account != NULL)
    {
      if (note != NULL)
        *note = AW_AUTOCONFIG_NOTE_OAUTH;
      return oauth_account;
    }

invalid:
  g_set_error_literal (error, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_CONFIG,
                       _("The provider's settings file has no usable outgoing server."));
  return NULL;
}

/* ---- the detection steps ---- */

static void run_step (GTask *task);

static void
next_step (GTask *task)
{
  Detect *detect = g_task_get_task_data (task);

  detect->step++;
  run_step (task);
}

static void
found (GTask              *task,
       AwAccount          *account,
       AwAutoconfigSource  source)
{
  Detect *detect = g_task_get_task_data (task);

  detect->result = account;
  detect->source = source;
  g_task_return_boolean (task, TRUE);
}

static char *
build_url (const char *template,
           const char *domain,
           const char *address)
{
  g_autoptr(GString) url = g_string_new (template);

  g_string_replace (url, "{domain}", domain, 0);
  if (address != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (address, NULL, FALSE);
      g_string_append_printf (url, "%cemailaddress=%s", strchr (url->str, '?') ? '&' : '?',
                              escaped);
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Detect *detect = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  AwAccount *account;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (body == NULL)
    {
      g_debug ("autoconfig:   failed: %s", error->message);
      next_step (task);
      return;
    }
  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      g_debug ("autoconfig:   status %u", soup_message_get_status (message));
      next_step (task);
      return;
    }
  account = aw_autoconfig_parse_config (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                        detect->address, &detect->note, &error);
  if (account == NULL)
    {
      g_debug ("autoconfig:   unusable: %s", error->message);
      next_step (task);
      return;
    }
  found (task, account, (AwAutoconfigSource) detect->step);
}

static void
fetch (GTask      *task,
       const char *template,
       const char *name,
       gboolean    with_address)
{
  AwAutoconfig *self = g_task_get_source_object (task);
  Detect *detect = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;

  url = build_url (template, detect->domain, with_address ? detect->address : NULL);
  trace (self, "%s", name);
  /* Autoconfig over plain http could be rewritten by anyone on the way: never. */
  if (!g_str_has_prefix (url, "https://") ||
      (message = soup_message_new (SOUP_METHOD_GET, url)) == NULL)
    {
      g_debug ("autoconfig:   refused: not an https URL");
      next_step (task);
      return;
    }
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_fetched,
                                    g_object_ref (task));
}

static void
on_srv (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Detect *detect = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *targets;
  GSrvTarget *target;

  targets = g_resolver_lookup_service_finish (G_RESOLVER (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_resolver_free_targets (targets);
      return;
    }
  target = targets != NULL ? targets->data : NULL;
  /* "." means: this service is decidedly not available here (RFC 2782). */
  if (target == NULL || !is_network_hostname (g_srv_target_get_hostname (target)) ||
      g_srv_target_get_port (target) == 0)
    {
      g_debug ("autoconfig:   none");
      g_resolver_free_targets (targets);
      next_step (task);
      return;
    }
  found (task,
         make_account (detect->address, g_srv_target_get_hostname (target),
                       g_srv_target_get_port (target),
                       detect->step == STEP_SRV_SUBMISSIONS ? AW_ACCOUNT_SECURITY_TLS
                                                            : AW_ACCOUNT_SECURITY_STARTTLS,
                       "%EMAILADDRESS%"),
         AW_AUTOCONFIG_SOURCE_SRV);
  g_resolver_free_targets (targets);
}

static void run_guess (GTask *task);

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Detect *detect = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) extensions = NULL;

  extensions = aw_smtp_client_probe_finish (AW_SMTP_CLIENT (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (extensions == NULL)
    {
      g_debug ("autoconfig:   failed: %s", error->message);
      detect->guess++;
      run_guess (task);
      return;
    }
  found (task,
         make_account (detect->address, aw_smtp_client_get_host (AW_SMTP_CLIENT (source)),
                       guesses[detect->guess].port, guesses[detect->guess].security,
                       "%EMAILADDRESS%"),
         AW_AUTOCONFIG_SOURCE_GUESS);
}

static void
run_guess (GTask *task)
{
  AwAutoconfig *self = g_task_get_source_object (task);
  Detect *detect = g_task_get_task_data (task);
  g_autofree char *host = NULL;

  if (detect->guess >= G_N_ELEMENTS (guesses))
    {
      next_step (task);
      return;
    }
  host = g_strdup_printf ("%s.%s", guesses[detect->guess].prefix, detect->domain);
  trace (self, "guess:%s:%u", host, guesses[detect->guess].port);
  g_clear_object (&detect->probe);
  detect->probe = aw_smtp_client_new (host, guesses[detect->guess].port,
                                      guesses[detect->guess].security == AW_ACCOUNT_SECURITY_TLS
                                      ? AW_SMTP_SECURITY_TLS : AW_SMTP_SECURITY_STARTTLS);
  aw_smtp_client_set_connect_timeout (detect->probe, GUESS_CONNECT_TIMEOUT);
  aw_smtp_client_probe_async (detect->probe, g_task_get_cancellable (task), on_probed,
                              g_object_ref (task));
}

static void
run_step (GTask *task)
{
  AwAutoconfig *self = g_task_get_source_object (task);
  Detect *detect = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  AwAccount *account;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (detect->step)
    {
    case STEP_BUILTIN:
      if (!self->use_builtin)
        break;
      trace (self, "builtin");
      account = aw_autoconfig_lookup_builtin (detect->address, &detect->note,
                                              &detect->provider_name, &error);
      if (account != NULL)
        {
          found (task, account, AW_AUTOCONFIG_SOURCE_BUILTIN);
          return;
        }
      break;

    case STEP_PROVIDER:
      fetch (task, self->provider_url, "provider", TRUE);
      return;

    case STEP_WELL_KNOWN:
      fetch (task, self->well_known_url, "well-known", TRUE);
      return;

    case STEP_ISPDB:
      /* The ISPDB needs only the domain: the address is not sent to a third party. */
      fetch (task, self->ispdb_url, "ispdb", FALSE);
      return;

    case STEP_SRV_SUBMISSIONS:
    case STEP_SRV_SUBMISSION:
      {
        const char *service = detect->step == STEP_SRV_SUBMISSIONS ? "submissions" : "submission";

        if (!self->use_dns)
          break;
        trace (self, "srv:_%s._tcp", service);
        g_resolver_lookup_service_async (g_resolver_get_default (), service, "tcp",
                                         detect->domain, g_task_get_cancellable (task),
                                         on_srv, g_object_ref (task));
        return;
      }

    case STEP_GUESS:
      if (!self->use_guesses)
        break;
      detect->guess = 0;
      run_guess (task);
      return;

    case N_STEPS:
    default:
      g_task_return_new_error (task, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_NOT_FOUND,
                               _("The settings for %s could not be found. Enter them from your provider's help pages."),
                               detect->domain);
      return;
    }
  next_step (task);
}

/**
 * aw_autoconfig_detect_async:
 *
 * Looks for the outgoing server of @address. Cancellable at any point.
 */
void
aw_autoconfig_detect_async (AwAutoconfig        *self,
                            const char          *address,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Detect *detect;

  g_return_if_fail (AW_IS_AUTOCONFIG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, aw_autoconfig_detect_async);

  g_ptr_array_set_size (self->trace, 0);
  g_ptr_array_add (self->trace, NULL);

  detect = g_new0 (Detect, 1);
  g_task_set_task_data (task, detect, detect_free);
  if (!split_address (address, NULL, &detect->domain))
    {
      g_task_return_new_error (task, AW_AUTOCONFIG_ERROR, AW_AUTOCONFIG_ERROR_INVALID_ADDRESS,
                               _("Enter an email address like name@example.com."));
      return;
    }
  detect->address = g_strdup (address);

  if (self->session == NULL)
    {
      self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                     "idle-timeout", self->timeout,
                                                     "user-agent", "Afterword/" PACKAGE_VERSION,
                                                     NULL);
      if (self->tls_database != NULL)
        soup_session_set_tls_database (self->session, self->tls_database);
    }
  detect->step = STEP_BUILTIN;
  run_step (task);
}

/**
 * aw_autoconfig_detect_finish:
 * @source: (out) (optional): where the settings came from
 * @note: (out) (optional): what the provider needs beyond a password
 * @provider_name: (out) (optional) (transfer full): "Gmail", if known
 *
 * Returns: (transfer full): the settings, or %NULL with @error
 */
AwAccount *
aw_autoconfig_detect_finish (AwAutoconfig        *self,
                             GAsyncResult        *result,
                             AwAutoconfigSource  *source,
                             AwAutoconfigNote    *note,
                             char               **provider_name,
                             GError             **error)
{
  Detect *detect;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  detect = g_task_get_task_data (G_TASK (result));
  if (source != NULL)
    *source = detect->source;
  if (note != NULL)
    *note = detect->note;
  if (provider_name != NULL)
    *provider_name = g_strdup (detect->provider_name);
  return g_object_ref (detect->result);
}

static void
set_url (char       **field,
         const char  *value,
         const char  *fallback)
{
  g_free (*field);
  *field = g_strdup (value != NULL ? value : fallback);
}

static void
aw_autoconfig_constructed (GObject *object)
{
  AwAutoconfig *self = AW_AUTOCONFIG (object);
  const char *env;

  G_OBJECT_CLASS (aw_autoconfig_parent_class)->constructed (object);

  if ((env = g_getenv ("AW_AUTOCONFIG_PROVIDER_URL")) != NULL)
    set_url (&self->provider_url, env, NULL);
  if ((env = g_getenv ("AW_AUTOCONFIG_WELL_KNOWN_URL")) != NULL)
    set_url (&self->well_known_url, env, NULL);
  if ((env = g_getenv ("AW_AUTOCONFIG_ISPDB_URL")) != NULL)
    set_url (&self->ispdb_url, env, NULL);
  if ((env = g_getenv ("AW_AUTOCONFIG_USE_DNS")) != NULL)
    self->use_dns = g_strcmp0 (env, "0") != 0;
  if ((env = g_getenv ("AW_AUTOCONFIG_USE_GUESSES")) != NULL)
    self->use_guesses = g_strcmp0 (env, "0") != 0;
}

static void
aw_autoconfig_finalize (GObject *object)
{
  AwAutoconfig *self = AW_AUTOCONFIG (object);

  g_free (self->provider_url);
  g_free (self->well_known_url);
  g_free (self->ispdb_url);
  g_clear_object (&self->tls_database);
  g_clear_object (&self->session);
  g_clear_pointer (&self->trace, g_ptr_array_unref);

  G_OBJECT_CLASS (aw_autoconfig_parent_class)->finalize (object);
}

static void
aw_autoconfig_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AwAutoconfig *self = AW_AUTOCONFIG (object);

  switch (prop_id)
    {
    case PROP_PROVIDER_URL: g_value_set_string (value, self->provider_url); break;
    case PROP_WELL_KNOWN_URL: g_value_set_string (value, self->well_known_url); break;
    case PROP_ISPDB_URL: g_value_set_string (value, self->ispdb_url); break;
    case PROP_USE_BUILTIN: g_value_set_boolean (value, self->use_builtin); break;
    case PROP_USE_DNS: g_value_set_boolean (value, self->use_dns); break;
    case PROP_USE_GUESSES: g_value_set_boolean (value, self->use_guesses); break;
    case PROP_TLS_DATABASE: g_value_set_object (value, self->tls_database); break;
    case PROP_TIMEOUT: g_value_set_uint (value, self->timeout); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_autoconfig_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AwAutoconfig *self = AW_AUTOCONFIG (object);

  switch (prop_id)
    {
    case PROP_PROVIDER_URL: set_url (&self->provider_url, g_value_get_string (value), DEFAULT_PROVIDER_URL); break;
    case PROP_WELL_KNOWN_URL: set_url (&self->well_known_url, g_value_get_string (value), DEFAULT_WELL_KNOWN_URL); break;
    case PROP_ISPDB_URL: set_url (&self->ispdb_url, g_value_get_string (value), DEFAULT_ISPDB_URL); break;
    case PROP_USE_BUILTIN: self->use_builtin = g_value_get_boolean (value); break;
    case PROP_USE_DNS: self->use_dns = g_value_get_boolean (value); break;
    case PROP_USE_GUESSES: self->use_guesses = g_value_get_boolean (value); break;
    case PROP_TLS_DATABASE: g_set_object (&self->tls_database, g_value_get_object (value)); break;
    case PROP_TIMEOUT: self->timeout = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_autoconfig_class_init (AwAutoconfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS;

  object_class->constructed = aw_autoconfig_constructed;
  object_class->finalize = aw_autoconfig_finalize;
  object_class->get_property = aw_autoconfig_get_property;
  object_class->set_property = aw_autoconfig_set_property;

  properties[PROP_PROVIDER_URL] = g_param_spec_string ("provider-url", NULL, NULL, DEFAULT_PROVIDER_URL, flags);
  properties[PROP_WELL_KNOWN_URL] = g_param_spec_string ("well-known-url", NULL, NULL, DEFAULT_WELL_KNOWN_URL, flags);
  properties[PROP_ISPDB_URL] = g_param_spec_string ("ispdb-url", NULL, NULL, DEFAULT_ISPDB_URL, flags);
  properties[PROP_USE_BUILTIN] = g_param_spec_boolean ("use-builtin", NULL, NULL, TRUE, flags);
  properties[PROP_USE_DNS] = g_param_spec_boolean ("use-dns", NULL, NULL, TRUE, flags);
  properties[PROP_USE_GUESSES] = g_param_spec_boolean ("use-guesses", NULL, NULL, TRUE, flags);
  properties[PROP_TLS_DATABASE] = g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE, flags);
  properties[PROP_TIMEOUT] = g_param_spec_uint ("timeout", NULL, NULL, 1, 120, 10, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_autoconfig_init (AwAutoconfig *self)
{
  self->trace = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->trace, NULL);
}
