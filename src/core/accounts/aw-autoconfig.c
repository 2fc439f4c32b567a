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

#include "aw-autoconfig-private.h"
#include "aw-core-data.h"
#include "aw-smtp-client.h"

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

  if (!aw_autoconfig_split_address (address, NULL, &domain))
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
          const char *note_name, *username;
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
          username = json_object_get_string_member_with_default (provider, "username",
                                                                 "%EMAILADDRESS%");
          return aw_autoconfig_make_account (address,
                                             json_object_get_string_member (provider, "host"),
                                             (guint) json_object_get_int_member (provider, "port"),
                                             security, username);
        }
    }
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
  if (target == NULL || g_srv_target_get_port (target) == 0 ||
      !aw_autoconfig_is_network_hostname (g_srv_target_get_hostname (target)))
    {
      g_debug ("autoconfig:   none");
      g_resolver_free_targets (targets);
      next_step (task);
      return;
    }
  found (task,
         aw_autoconfig_make_account (detect->address, g_srv_target_get_hostname (target),
                                     g_srv_target_get_port (target),
                                     detect->step == STEP_SRV_SUBMISSIONS
                                     ? AW_ACCOUNT_SECURITY_TLS : AW_ACCOUNT_SECURITY_STARTTLS,
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
         aw_autoconfig_make_account (detect->address,
                                     aw_smtp_client_get_host (AW_SMTP_CLIENT (source)),
                                     guesses[detect->guess].port,
                                     guesses[detect->guess].security,
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
  if (!aw_autoconfig_split_address (address, NULL, &detect->domain))
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
