/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-autoconfig-ispdb.c: reads a config-v1.1.xml (the provider's own file or Thunderbird's
 * ISPDB) and checks what any autoconfig source names: the address, its placeholders and
 * the server's host name
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "aw-autoconfig-private.h"

#define MAX_CONFIG_SIZE (256 * 1024)

/* Splits name@domain; the domain is lower-cased and limited to host name characters so
 * it can go into a URL and a DNS query safely. */
gboolean
aw_autoconfig_split_address (const char  *address,
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
  aw_autoconfig_split_address (address, &local_part, &domain);
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
gboolean
aw_autoconfig_is_network_hostname (const char *host)
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

AwAccount *
aw_autoconfig_make_account (const char        *address,
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
  if (!aw_autoconfig_is_network_hostname (host) || port_text == NULL ||
      !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    return NULL;

  *oauth_only = best == AUTH_OAUTH;
  return aw_autoconfig_make_account (address, hostname, (guint) port, security,
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
