/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-smtp-capabilities.c: what a server offers after EHLO (RFC 5321 4.1.1.1)
 *
 * Each extension line is a keyword and its parameters. Several AUTH lines (and the
 * pre-standard "AUTH=PLAIN LOGIN" some servers still send) add up to one list.
 */
#include "config.h"

#include <string.h>

#include "aw-smtp-capabilities.h"

struct _AwSmtpCapabilities
{
  GHashTable *params;  /* upper-case keyword -> parameters */
  GPtrArray  *lines;   /* "KEYWORD params", in order */
};

AwSmtpCapabilities *
aw_smtp_capabilities_new (void)
{
  AwSmtpCapabilities *self = g_new0 (AwSmtpCapabilities, 1);

  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->lines = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
aw_smtp_capabilities_free (AwSmtpCapabilities *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->params);
  g_ptr_array_unref (self->lines);
  g_free (self);
}

void
aw_smtp_capabilities_clear (AwSmtpCapabilities *self)
{
  g_hash_table_remove_all (self->params);
  g_ptr_array_set_size (self->lines, 0);
}

static void
add_line (AwSmtpCapabilities *self,
          const char         *text)
{
  g_autofree char *line = g_strstrip (g_strdup (text));
  char *space;
  char *keyword;
  const char *params = "";

  if (*line == '\0')
    return;
  space = strchr (line, ' ');
  if (g_ascii_strncasecmp (line, "AUTH=", 5) == 0)
    space = line + 4;
  if (space != NULL)
    {
      *space = '\0';
      params = space + 1;
    }
  keyword = g_ascii_strup (line, -1);
  g_ptr_array_add (self->lines, *params != '\0' ? g_strdup_printf ("%s %s", keyword, params)
                                                : g_strdup (keyword));
  /* (replace, not insert: the table keeps the new key, so none is freed while in use) */
  if (g_hash_table_contains (self->params, keyword) && strcmp (keyword, "AUTH") == 0)
    {
      const char *old = g_hash_table_lookup (self->params, keyword);

      g_hash_table_replace (self->params, keyword, g_strconcat (old, " ", params, NULL));
    }
  else
    g_hash_table_replace (self->params, keyword, g_strdup (params));
}

void
aw_smtp_capabilities_parse (AwSmtpCapabilities *self,
                            const AwSmtpReply  *reply)
{
  guint i;

  aw_smtp_capabilities_clear (self);
  /* The first line is the server's greeting to us, not an extension */
  for (i = 1; reply->lines[i] != NULL; i++)
    add_line (self, reply->lines[i]);
}

gboolean
aw_smtp_capabilities_has (AwSmtpCapabilities *self,
                          const char         *keyword)
{
  return g_hash_table_contains (self->params, keyword);
}

const char *
aw_smtp_capabilities_get_params (AwSmtpCapabilities *self,
                                 const char         *keyword)
{
  return g_hash_table_lookup (self->params, keyword);
}

gboolean
aw_smtp_capabilities_has_auth (AwSmtpCapabilities *self,
                               const char         *mechanism)
{
  const char *list = g_hash_table_lookup (self->params, "AUTH");
  g_auto(GStrv) names = NULL;
  int i;

  if (list == NULL)
    return FALSE;
  names = g_strsplit (list, " ", -1);
  for (i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], mechanism) == 0)
      return TRUE;
  return FALSE;
}

char **
aw_smtp_capabilities_dup_lines (AwSmtpCapabilities *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **lines;
  guint i;

  for (i = 0; i < self->lines->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->lines, i));
  lines = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return lines;
}
