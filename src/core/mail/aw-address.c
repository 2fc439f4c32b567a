/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-address.c: the one check of an email address, used by every part of Afterword
 *
 * The wizard's field, the account, the draft, the message builder and the sender all ask
 * here, so a text that one of them accepts cannot turn into a second recipient in another.
 * Deliberately narrower than RFC 5322: no quoted local parts, no comments, no groups,
 * no obsolete routes. Whatever is accepted names exactly one mailbox.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "aw-address.h"

#define MAX_ADDRESS_LENGTH 254     /* RFC 5321 4.5.3.1.3, less the angle brackets */
#define MAX_LOCAL_PART_LENGTH 64   /* RFC 5321 4.5.3.1.1 */

/* Characters that may change how a text is shown or where a header ends: controls
 * (C0, DEL, C1), line and paragraph separators, bidi and other format characters. */
static gboolean
is_unsafe_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
         || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

static gboolean
has_unsafe_char (const char *text)
{
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_unsafe_char (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
is_atext (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL)
    || (guchar) c >= 0x80;
}

static gboolean
domain_literal_is_valid (const char *literal_start)
{
  g_autofree char *literal = g_strdup (literal_start);
  char *end = strrchr (literal, ']');
  g_autoptr(GInetAddress) inet = NULL;
  const char *text = literal;

  if (end == NULL || end[1] != '\0')
    return FALSE;
  *end = '\0';
  if (g_str_has_prefix (text, "IPv6:"))
    text += 5;
  else if (strchr (text, ':') != NULL)
    return FALSE;
  inet = g_inet_address_new_from_string (text);
  return inet != NULL;
}

static gboolean
domain_is_valid (const char *domain)
{
  g_autofree char *ascii = NULL;
  g_auto(GStrv) labels = NULL;
  int i;

  if (domain[0] == '[')
    return domain_literal_is_valid (domain + 1);

  ascii = g_hostname_to_ascii (domain);
  if (ascii == NULL || strchr (ascii, '.') == NULL)
    return FALSE;
  labels = g_strsplit (ascii, ".", -1);
  for (i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);
      gsize j;

      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
      for (j = 0; j < len; j++)
        if (!g_ascii_isalnum (labels[i][j]) && labels[i][j] != '-')
          return FALSE;
    }
  return TRUE;
}

/**
 * aw_address_is_valid:
 * @address: (nullable): a bare address, without a name or angle brackets
 *
 * A plain addr-spec: a dot-atom local part (UTF-8 allowed, RFC 6531), "@", then a host
 * name with at least one dot (an IDN is fine) or an address literal such as
 * `[192.0.2.1]`. No spaces, quotes, commas, angle brackets or control characters.
 *
 * Returns: whether @address is exactly one address Afterword can send to
 */
gboolean
aw_address_is_valid (const char *address)
{
  const char *at;
  const char *p;

  if (address == NULL || *address == '\0' || strlen (address) > MAX_ADDRESS_LENGTH)
    return FALSE;
  if (!g_utf8_validate (address, -1, NULL) || has_unsafe_char (address))
    return FALSE;
  at = strrchr (address, '@');
  if (at == NULL || at == address || at[1] == '\0')
    return FALSE;
  if ((gsize) (at - address) > MAX_LOCAL_PART_LENGTH)
    return FALSE;
  if (address[0] == '.' || at[-1] == '.')
    return FALSE;
  for (p = address; p < at; p++)
    {
      if (*p == '.')
        {
          if (p[1] == '.')
            return FALSE;
          continue;
        }
      if (!is_atext (*p))
        return FALSE;
    }
  for (p = address; p < at; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80 && g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return domain_is_valid (at + 1);
}

/* Reads a quoted-string starting at *p (on the opening quote) into @out, moving *p past
 * the closing quote. FALSE when it does not end. */
static gboolean
read_quoted (const char **p,
             GString     *out)
{
  const char *s = *p + 1;

  for (; *s != '\0'; s++)
    {
      if (*s == '\\')
        {
          if (s[1] == '\0')
            return FALSE;
          s++;
          g_string_append_c (out, *s);
        }
      else if (*s == '"')
        {
          *p = s + 1;
          return TRUE;
        }
      else
        g_string_append_c (out, *s);
    }
  return FALSE;
}

/**
 * aw_address_parse_single:
 * @text: (nullable): one mailbox: `addr`, `<addr>`, `Name <addr>` or `"Name, Quoted" <addr>`
 * @display_name: (out) (optional) (nullable) (transfer full): the name, unquoted, or %NULL
 *
 * Anything else fails: a list, a group, a second address in the brackets, a quoted local
 * part, text after the closing bracket, line breaks or other control characters.
 *
 * Returns: (transfer full) (nullable): the bare address, or %NULL when @text is not
 *   exactly one valid mailbox
 */
char *
aw_address_parse_single (const char  *text,
                         char       **display_name)
{
  g_autofree char *copy = NULL;
  g_autoptr(GString) name = NULL;
  const char *p;
  char *open;
  gsize len;

  if (display_name != NULL)
    *display_name = NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL) || has_unsafe_char (text))
    return NULL;

  copy = g_strstrip (g_strdup (text));
  len = strlen (copy);
  if (len == 0)
    return NULL;

  if (copy[len - 1] != '>')
    return aw_address_is_valid (copy) ? g_steal_pointer (&copy) : NULL;

  /* The display name: one quoted-string, or plain words without specials */
  name = g_string_new (NULL);
  p = copy;
  if (*p == '"')
    {
      if (!read_quoted (&p, name))
        return NULL;
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p != '<')
        return NULL;
    }
  else
    {
      for (; *p != '<'; p++)
        {
          if (*p == '\0' || strchr ("\">@,;:\\[]", *p) != NULL)
            return NULL;
          g_string_append_c (name, *p);
        }
    }

  open = copy + (p - copy);
  copy[len - 1] = '\0';
  if (!aw_address_is_valid (open + 1))
    return NULL;

  g_strstrip (name->str);
  name->len = strlen (name->str);
  if (display_name != NULL && name->len > 0)
    *display_name = g_strdup (name->str);
  return g_strdup (open + 1);
}

/**
 * aw_address_split_list:
 * @text: (nullable): mailboxes separated by commas
 *
 * Splits at the commas that are outside quotes and angle brackets, so that
 * `"Doe, Jane" <jane@example.com>` stays one part. Blank parts are left out; each part
 * is trimmed and still needs aw_address_parse_single().
 *
 * Returns: (transfer full) (nullable): the parts, empty for a blank @text, or %NULL when
 *   a quote or an angle bracket is not closed
 */
char **
aw_address_split_list (const char *text)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  gboolean quoted = FALSE;
  gboolean angled = FALSE;
  const char *start;
  const char *p;

  if (text == NULL)
    return g_strv_builder_end (parts);

  for (start = p = text;; p++)
    {
      if (quoted && *p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == '\0' || (*p == ',' && !quoted && !angled))
        {
          g_autofree char *part = g_strstrip (g_strndup (start, (gsize) (p - start)));

          if (*part != '\0')
            g_strv_builder_add (parts, part);
          if (*p == '\0')
            break;
          start = p + 1;
        }
      else if (*p == '"' && !angled)
        quoted = !quoted;
      else if (!quoted && *p == '<')
        {
          if (angled)
            return NULL;
          angled = TRUE;
        }
      else if (!quoted && *p == '>')
        {
          if (!angled)
            return NULL;
          angled = FALSE;
        }
    }

  if (quoted || angled)
    return NULL;
  return g_strv_builder_end (parts);
}
