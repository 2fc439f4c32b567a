/* aw-account.c: one sending account (no password: that lives in the keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-account.h"
#include "aw-address.h"

struct _AwAccount
{
  GObject            parent_instance;

  char              *id;
  char              *display_name;
  char              *address;
  char              *host;
  guint              port;
  AwAccountSecurity  security;
  char              *username;
  char              *pinned_fingerprint;
};

G_DEFINE_FINAL_TYPE (AwAccount, aw_account, G_TYPE_OBJECT)

G_DEFINE_QUARK (aw-account-error-quark, aw_account_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_ADDRESS,
  PROP_HOST,
  PROP_PORT,
  PROP_SECURITY,
  PROP_USERNAME,
  PROP_PINNED_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
aw_account_security_to_string (AwAccountSecurity security)
{
  switch (security)
    {
    case AW_ACCOUNT_SECURITY_TLS: return "tls";
    case AW_ACCOUNT_SECURITY_STARTTLS: return "starttls";
    case AW_ACCOUNT_SECURITY_NONE: return "none";
    default: g_return_val_if_reached ("tls");
    }
}

gboolean
aw_account_security_from_string (const char        *string,
                                 AwAccountSecurity *security)
{
  static const struct { const char *name; AwAccountSecurity value; } names[] = {
    { "tls", AW_ACCOUNT_SECURITY_TLS },
    { "ssl", AW_ACCOUNT_SECURITY_TLS },
    { "starttls", AW_ACCOUNT_SECURITY_STARTTLS },
    { "none", AW_ACCOUNT_SECURITY_NONE },
    { "plain", AW_ACCOUNT_SECURITY_NONE },
  };

  if (string == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (string, names[i].name) == 0)
      {
        *security = names[i].value;
        return TRUE;
      }
  return FALSE;
}

AwAccount *
aw_account_new (void)
{
  return g_object_new (AW_TYPE_ACCOUNT, NULL);
}

/**
 * aw_account_copy:
 *
 * Returns: (transfer full): a new account with the same fields, id included
 */
AwAccount *
aw_account_copy (AwAccount *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT (self), NULL);

  return g_object_new (AW_TYPE_ACCOUNT,
                       "id", self->id,
                       "display-name", self->display_name,
                       "address", self->address,
                       "host", self->host,
                       "port", self->port,
                       "security", self->security,
                       "username", self->username,
                       "pinned-fingerprint", self->pinned_fingerprint,
                       NULL);
}

static void
set_string (AwAccount   *self,
            char       **field,
            const char  *value,
            int          prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

#define STRING_ACCESSORS(name, PROP)                                    \
  const char *                                                          \
  aw_account_get_##name (AwAccount *self)                               \
  {                                                                     \
    g_return_val_if_fail (AW_IS_ACCOUNT (self), NULL);                  \
    return self->name;                                                  \
  }                                                                     \
  void                                                                  \
  aw_account_set_##name (AwAccount  *self,                              \
                         const char *value)                             \
  {                                                                     \
    g_return_if_fail (AW_IS_ACCOUNT (self));                            \
    set_string (self, &self->name, value, PROP);                        \
  }

STRING_ACCESSORS (id, PROP_ID)
STRING_ACCESSORS (display_name, PROP_DISPLAY_NAME)
STRING_ACCESSORS (address, PROP_ADDRESS)
STRING_ACCESSORS (host, PROP_HOST)
STRING_ACCESSORS (username, PROP_USERNAME)
STRING_ACCESSORS (pinned_fingerprint, PROP_PINNED_FINGERPRINT)

guint
aw_account_get_port (AwAccount *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT (self), 0);

  return self->port;
}

void
aw_account_set_port (AwAccount *self,
                     guint      port)
{
  g_return_if_fail (AW_IS_ACCOUNT (self));

  if (self->port != port)
    {
      self->port = port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
    }
}

AwAccountSecurity
aw_account_get_security (AwAccount *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT (self), AW_ACCOUNT_SECURITY_TLS);

  return self->security;
}

void
aw_account_set_security (AwAccount         *self,
                         AwAccountSecurity  security)
{
  g_return_if_fail (AW_IS_ACCOUNT (self));

  if (self->security != security)
    {
      self->security = security;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURITY]);
    }
}

const char *
aw_account_get_login (AwAccount *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT (self), NULL);

  return self->username != NULL ? self->username : self->address;
}

gboolean
aw_account_is_host_local (AwAccount *self)
{
  g_return_val_if_fail (AW_IS_ACCOUNT (self), FALSE);

  return self->host != NULL &&
         (g_ascii_strcasecmp (self->host, "localhost") == 0 ||
          g_str_has_prefix (self->host, "127.") ||
          g_strcmp0 (self->host, "::1") == 0);
}

gboolean
aw_account_validate (AwAccount  *self,
                     GError    **error)
{
  g_return_val_if_fail (AW_IS_ACCOUNT (self), FALSE);

  if (self->address == NULL || !aw_address_is_valid (self->address))
    {
      g_set_error_literal (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_INVALID,
                           _("Enter an email address like name@example.com."));
      return FALSE;
    }
  if (self->host == NULL || strpbrk (self->host, " \t\r\n/@") != NULL)
    {
      g_set_error_literal (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_INVALID,
                           _("Enter the outgoing (SMTP) server, for example smtp.example.com."));
      return FALSE;
    }
  if (self->port == 0 || self->port > 65535)
    {
      g_set_error_literal (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_INVALID,
                           _("Enter a port between 1 and 65535, usually 465 or 587."));
      return FALSE;
    }
  if (self->security == AW_ACCOUNT_SECURITY_NONE && !aw_account_is_host_local (self))
    {
      g_set_error_literal (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_INVALID,
                           _("An unencrypted connection is only allowed to this computer: choose TLS or STARTTLS."));
      return FALSE;
    }
  return TRUE;
}

/**
 * aw_account_to_json:
 *
 * Returns: (transfer full): a JSON object with the account's fields
 */
JsonNode *
aw_account_to_json (AwAccount *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (AW_IS_ACCOUNT (self), NULL);

  json_builder_begin_object (builder);
#define ADD_STRING(key, value) \
  if ((value) != NULL) { json_builder_set_member_name (builder, key); json_builder_add_string_value (builder, value); }
  ADD_STRING ("id", self->id);
  ADD_STRING ("display-name", self->display_name);
  ADD_STRING ("address", self->address);
  ADD_STRING ("host", self->host);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, self->port);
  ADD_STRING ("security", aw_account_security_to_string (self->security));
  ADD_STRING ("username", self->username);
  ADD_STRING ("pinned-fingerprint", self->pinned_fingerprint);
#undef ADD_STRING
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * aw_account_new_from_json:
 *
 * Returns: (transfer full): the account, or %NULL with AW_ACCOUNT_ERROR_CORRUPT
 */
AwAccount *
aw_account_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(AwAccount) account = NULL;
  AwAccountSecurity security = AW_ACCOUNT_SECURITY_TLS;
  JsonObject *object;
  gint64 port;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto corrupt;
  object = json_node_get_object (node);

  port = json_object_get_int_member_with_default (object, "port", 0);
  if (port < 0 || port > 65535)
    goto corrupt;
  if (json_object_has_member (object, "security") &&
      !aw_account_security_from_string (json_object_get_string_member_with_default (object, "security", NULL),
                                        &security))
    goto corrupt;

  account = aw_account_new ();
  aw_account_set_id (account, json_object_get_string_member_with_default (object, "id", NULL));
  aw_account_set_display_name (account, json_object_get_string_member_with_default (object, "display-name", NULL));
  aw_account_set_address (account, json_object_get_string_member_with_default (object, "address", NULL));
  aw_account_set_host (account, json_object_get_string_member_with_default (object, "host", NULL));
  aw_account_set_port (account, (guint) port);
  aw_account_set_security (account, security);
  aw_account_set_username (account, json_object_get_string_member_with_default (object, "username", NULL));
  aw_account_set_pinned_fingerprint (account, json_object_get_string_member_with_default (object, "pinned-fingerprint", NULL));
  if (account->id == NULL)
    goto corrupt;

  return g_steal_pointer (&account);

corrupt:
  g_set_error_literal (error, AW_ACCOUNT_ERROR, AW_ACCOUNT_ERROR_CORRUPT,
                       _("The saved account settings cannot be read."));
  return NULL;
}

static void
aw_account_finalize (GObject *object)
{
  AwAccount *self = AW_ACCOUNT (object);

  g_free (self->id);
  g_free (self->display_name);
  g_free (self->address);
  g_free (self->host);
  g_free (self->username);
  g_free (self->pinned_fingerprint);

  G_OBJECT_CLASS (aw_account_parent_class)->finalize (object);
}

static void
aw_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AwAccount *self = AW_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_ADDRESS: g_value_set_string (value, self->address); break;
    case PROP_HOST: g_value_set_string (value, self->host); break;
    case PROP_PORT: g_value_set_uint (value, self->port); break;
    case PROP_SECURITY: g_value_set_enum (value, self->security); break;
    case PROP_USERNAME: g_value_set_string (value, self->username); break;
    case PROP_PINNED_FINGERPRINT: g_value_set_string (value, self->pinned_fingerprint); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AwAccount *self = AW_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID: aw_account_set_id (self, g_value_get_string (value)); break;
    case PROP_DISPLAY_NAME: aw_account_set_display_name (self, g_value_get_string (value)); break;
    case PROP_ADDRESS: aw_account_set_address (self, g_value_get_string (value)); break;
    case PROP_HOST: aw_account_set_host (self, g_value_get_string (value)); break;
    case PROP_PORT: aw_account_set_port (self, g_value_get_uint (value)); break;
    case PROP_SECURITY: aw_account_set_security (self, g_value_get_enum (value)); break;
    case PROP_USERNAME: aw_account_set_username (self, g_value_get_string (value)); break;
    case PROP_PINNED_FINGERPRINT: aw_account_set_pinned_fingerprint (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_account_class_init (AwAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = aw_account_finalize;
  object_class->get_property = aw_account_get_property;
  object_class->set_property = aw_account_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 465, flags);
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, AW_TYPE_ACCOUNT_SECURITY,
                                                 AW_ACCOUNT_SECURITY_TLS, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_PINNED_FINGERPRINT] = g_param_spec_string ("pinned-fingerprint", NULL, NULL,
                                                             NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_account_init (AwAccount *self)
{
  self->port = 465;
  self->security = AW_ACCOUNT_SECURITY_TLS;
}
