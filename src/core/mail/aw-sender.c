/* aw-sender.c: sends one follow-up: password, message, SMTP, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "aw-address.h"
#include "aw-core-data.h"
#include "aw-password-store.h"
#include "aw-sender.h"

struct _AwSender
{
  GObject            parent_instance;

  AwAccount         *account;
  AwHistory         *history;
  char              *password;
  AwCredentialSource *credential_source;
  GTlsDatabase      *tls_database;
  AwCertificateInfo *rejected_certificate;
  AwSenderStage      stage;
  gboolean           busy;
};

G_DEFINE_FINAL_TYPE (AwSender, aw_sender, G_TYPE_OBJECT)

G_DEFINE_QUARK (aw-sender-error-quark, aw_sender_error)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_HISTORY,
  PROP_STAGE,
  PROP_BUSY,
  N_PROPS
};

enum {
  STAGE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum
{
  OPERATION_SEND,
  OPERATION_TEST,
} Operation;

typedef struct
{
  Operation       operation;
  AwDraft        *draft;
  AwMessage      *message;
  AwSmtpClient   *client;
  AwHistoryEntry *entry;
  GBytes         *sent_bytes;  /* what the server was handed, for the sent .eml */
  GError         *send_error;  /* delivery uncertain: returned after recording */
  gulong          stage_handler;
} SendData;

static void
send_data_free (gpointer data)
{
  SendData *send = data;

  if (send->stage_handler != 0)
    g_signal_handler_disconnect (send->client, send->stage_handler);
  g_clear_object (&send->draft);
  g_clear_object (&send->message);
  g_clear_object (&send->client);
  g_clear_object (&send->entry);
  g_clear_pointer (&send->sent_bytes, g_bytes_unref);
  g_clear_error (&send->send_error);
  g_free (send);
}

/**
 * aw_sender_stage_describe:
 *
 * Returns: (transfer full): what is happening, for a progress label
 */
char *
aw_sender_stage_describe (AwSenderStage  stage,
                          const char    *host)
{
  switch (stage)
    {
    case AW_SENDER_STAGE_IDLE: return g_strdup (_("Ready to send"));
    case AW_SENDER_STAGE_PASSWORD: return g_strdup (_("Reading the password from your keyring…"));
    /* Translators: %s is a server name like smtp.example.com */
    case AW_SENDER_STAGE_CONNECTING: return g_strdup_printf (_("Connecting to %s…"), host);
    case AW_SENDER_STAGE_SECURING: return g_strdup (_("Securing the connection…"));
    case AW_SENDER_STAGE_AUTHENTICATING: return g_strdup (_("Signing in…"));
    case AW_SENDER_STAGE_SENDING: return g_strdup (_("Sending your follow-up…"));
    case AW_SENDER_STAGE_RECORDING: return g_strdup (_("Sent. Saving it to your history…"));
    case AW_SENDER_STAGE_DONE: return g_strdup (_("Sent"));
    default: g_return_val_if_reached (g_strdup (""));
    }
}

AwSmtpSecurity
aw_sender_smtp_security (AwAccountSecurity security)
{
  switch (security)
    {
    case AW_ACCOUNT_SECURITY_TLS: return AW_SMTP_SECURITY_TLS;
    case AW_ACCOUNT_SECURITY_STARTTLS: return AW_SMTP_SECURITY_STARTTLS;
    case AW_ACCOUNT_SECURITY_NONE: return AW_SMTP_SECURITY_NONE;
    default: g_return_val_if_reached (AW_SMTP_SECURITY_TLS);
    }
}

/**
 * aw_sender_new:
 * @history: (nullable): where sends are recorded; %NULL for aw_history_get_default()
 */
AwSender *
aw_sender_new (AwAccount *account,
               AwHistory *history)
{
  g_return_val_if_fail (AW_IS_ACCOUNT (account), NULL);

  return g_object_new (AW_TYPE_SENDER,
                       "account", account,
                       "history", history != NULL ? history : aw_history_get_default (),
                       NULL);
}

AwAccount *
aw_sender_get_account (AwSender *self)
{
  g_return_val_if_fail (AW_IS_SENDER (self), NULL);
  return self->account;
}

AwSenderStage
aw_sender_get_stage (AwSender *self)
{
  g_return_val_if_fail (AW_IS_SENDER (self), AW_SENDER_STAGE_IDLE);
  return self->stage;
}

gboolean
aw_sender_get_busy (AwSender *self)
{
  g_return_val_if_fail (AW_IS_SENDER (self), FALSE);
  return self->busy;
}

static void
wipe_password (char **password)
{
  if (*password != NULL)
    {
      explicit_bzero (*password, strlen (*password));
      g_clear_pointer (password, g_free);
    }
}

void
aw_sender_set_password (AwSender   *self,
                        const char *password)
{
  g_return_if_fail (AW_IS_SENDER (self));

  wipe_password (&self->password);
  self->password = g_strdup (password);
}

/* GNOME Online Accounts: the SMTP client asks @source for the token or password when it
 * signs in (and once more for a refused token); the keyring is not read. */
void
aw_sender_set_credential_source (AwSender           *self,
                                 AwCredentialSource *source)
{
  g_return_if_fail (AW_IS_SENDER (self));
  g_set_object (&self->credential_source, source);
}

void
aw_sender_set_tls_database (AwSender     *self,
                            GTlsDatabase *database)
{
  g_return_if_fail (AW_IS_SENDER (self));
  g_set_object (&self->tls_database, database);
}

/**
 * aw_sender_get_rejected_certificate:
 *
 * Returns: (transfer none) (nullable): the certificate of the last
 *   AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED failure
 */
AwCertificateInfo *
aw_sender_get_rejected_certificate (AwSender *self)
{
  g_return_val_if_fail (AW_IS_SENDER (self), NULL);
  return self->rejected_certificate;
}

static void
set_stage (AwSender      *self,
           AwSenderStage  stage)
{
  if (self->stage == stage)
    return;
  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  g_signal_emit (self, signals[STAGE_CHANGED], 0, stage);
}

static void
set_busy (AwSender *self,
          gboolean  busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
format_mailbox (const char *name,
                const char *address)
{
  g_autoptr(GString) quoted = NULL;

  if (name == NULL || *name == '\0')
    return g_strdup (address);
  quoted = g_string_new ("\"");
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      if (*p != '\r' && *p != '\n')
        g_string_append_c (quoted, *p);
    }
  g_string_append_printf (quoted, "\" <%s>", address);
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

/**
 * aw_sender_build_message:
 *
 * Returns: (transfer full): a valid message, or %NULL with an AW_MESSAGE_ERROR
 */
AwMessage *
aw_sender_build_message (AwAccount  *account,
                         AwDraft    *draft,
                         GError    **error)
{
  g_autoptr(AwMessage) message = aw_message_new ();
  g_autofree char *to = NULL;
  g_autofree char *address = NULL;
  const char *name;

  g_return_val_if_fail (AW_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (AW_IS_DRAFT (draft), NULL);

  /* The recipient field holds exactly one bare address, whatever wrote the draft: a list,
   * a name in angle brackets or a group must not become a second recipient. */
  address = g_strdup (aw_draft_get_recipient_address (draft));
  if (address == NULL || !aw_address_is_valid (g_strstrip (address)))
    {
      /* The same words as the message checks: the field, then the problem */
      g_set_error (error, AW_MESSAGE_ERROR, AW_MESSAGE_ERROR_TO, _("%s: %s"), _("To"),
                   _("Not a valid email address."));
      return NULL;
    }

  name = aw_draft_get_sender_name (draft);
  if (name == NULL || *name == '\0')
    name = aw_account_get_display_name (account);
  aw_message_set_from (message, name, aw_account_get_address (account));
  to = format_mailbox (aw_draft_get_recipient_name (draft), address);
  aw_message_set_to (message, to);
  aw_message_set_subject (message, aw_draft_get_subject (draft));
  aw_message_set_body (message, aw_draft_get_body (draft));
  if (!aw_message_validate (message, error))
    return NULL;
  return g_steal_pointer (&message);
}

static void
on_client_stage (AwSmtpClient *client,
                 AwSmtpStage   stage,
                 gpointer      user_data)
{
  AwSender *self = user_data;

  switch (stage)
    {
    case AW_SMTP_STAGE_CONNECTING: set_stage (self, AW_SENDER_STAGE_CONNECTING); break;
    case AW_SMTP_STAGE_SECURING: set_stage (self, AW_SENDER_STAGE_SECURING); break;
    case AW_SMTP_STAGE_AUTHENTICATING: set_stage (self, AW_SENDER_STAGE_AUTHENTICATING); break;
    case AW_SMTP_STAGE_SENDING: set_stage (self, AW_SENDER_STAGE_SENDING); break;
    case AW_SMTP_STAGE_DONE:
    default:
      break;
    }
}

static void
finish_task (GTask  *task,
             GError *error)
{
  AwSender *self = g_task_get_source_object (task);
  SendData *send = g_task_get_task_data (task);

  set_busy (self, FALSE);
  if (error != NULL)
    {
      set_stage (self, AW_SENDER_STAGE_IDLE);
      g_task_return_error (task, error);
    }
  else
    {
      set_stage (self, AW_SENDER_STAGE_DONE);
      if (send->operation == OPERATION_SEND)
        g_task_return_pointer (task, g_object_ref (send->entry), g_object_unref);
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* For the certificate dialog after AW_SMTP_ERROR_CERTIFICATE_UNTRUSTED */
static void
keep_rejected_certificate (AwSender     *self,
                           AwSmtpClient *client)
{
  AwCertificateInfo *rejected = aw_smtp_client_get_rejected_certificate (client);

  g_clear_object (&self->rejected_certificate);
  if (rejected != NULL)
    self->rejected_certificate = g_object_ref (rejected);
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The message is out: a history write failure must not read as a failed send (the
   * person would send again). The entry is in the model for this session regardless. */
  if (!aw_history_record_finish (AW_HISTORY (source), result, &error))
    g_debug ("history: the sent follow-up was not written: %s", error->message);

  finish_task (task, g_steal_pointer (&send->send_error));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSender *self = g_task_get_source_object (task);
  SendData *send = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GDateTime) now = NULL;
  AwHistoryStatus status = AW_HISTORY_STATUS_SENT;

  if (!aw_smtp_client_send_finish (send->client, result, &send->sent_bytes, &error))
    {
      if (!g_error_matches (error, AW_SMTP_ERROR, AW_SMTP_ERROR_DELIVERY_UNCERTAIN))
        {
          keep_rejected_certificate (self, send->client);
          finish_task (task, error);
          return;
        }
      status = AW_HISTORY_STATUS_DELIVERY_UNCERTAIN;
      send->send_error = error;
    }

  set_stage (self, AW_SENDER_STAGE_RECORDING);
  now = g_date_time_new_now_utc ();
  send->entry = aw_history_entry_new (aw_draft_get_recipient_name (send->draft),
                                      aw_draft_get_recipient_address (send->draft),
                                      aw_draft_get_company (send->draft),
                                      aw_draft_get_role (send->draft),
                                      aw_draft_get_subject (send->draft),
                                      aw_account_get_address (self->account),
                                      now,
                                      aw_message_get_message_id (send->message),
                                      status);
  aw_history_record_async (self->history, send->entry,
                           send->sent_bytes,
                           NULL, on_recorded, g_steal_pointer (&task));
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSender *self = g_task_get_source_object (task);
  SendData *send = g_task_get_task_data (task);
  GError *error = NULL;

  if (!aw_smtp_client_test_connection_finish (send->client, result, &error))
    {
      keep_rejected_certificate (self, send->client);
      finish_task (task, error);
      return;
    }
  finish_task (task, NULL);
}

static void
start_smtp (GTask      *task,
            const char *password)
{
  AwSender *self = g_task_get_source_object (task);
  SendData *send = g_task_get_task_data (task);

  send->client = aw_smtp_client_new (aw_account_get_host (self->account),
                                     (guint16) aw_account_get_port (self->account),
                                     aw_sender_smtp_security (aw_account_get_security (self->account)));
  if (password != NULL)
    aw_smtp_client_set_credentials (send->client, aw_account_get_login (self->account), password);
  aw_smtp_client_set_credential_source (send->client, self->credential_source);
  if (self->tls_database != NULL)
    aw_smtp_client_set_tls_database (send->client, self->tls_database);
  if (aw_account_get_pinned_fingerprint (self->account) != NULL)
    aw_smtp_client_set_pinned_fingerprint (send->client,
                                           aw_account_get_pinned_fingerprint (self->account));
  send->stage_handler = g_signal_connect (send->client, "stage-changed",
                                          G_CALLBACK (on_client_stage), self);

  set_stage (self, AW_SENDER_STAGE_CONNECTING);
  if (send->operation == OPERATION_SEND)
    aw_smtp_client_send_async (send->client, send->message, g_task_get_cancellable (task),
                               on_sent, g_object_ref (task));
  else
    aw_smtp_client_test_connection_async (send->client, g_task_get_cancellable (task),
                                          on_tested, g_object_ref (task));
}

static void
on_password (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwSender *self = g_task_get_source_object (task);
  g_autoptr(AwPassword) password = NULL;
  GError *error = NULL;

  password = aw_password_store_lookup_finish (result, &error);
  if (error != NULL)
    {
      finish_task (task, error);
      return;
    }
  /* Without a password, only a server on this computer with no user name is tried
   * as is (a local relay that needs no login). */
  if (password == NULL &&
      (!aw_account_is_host_local (self->account) || aw_account_get_username (self->account) != NULL))
    {
      finish_task (task, g_error_new_literal (AW_SENDER_ERROR, AW_SENDER_ERROR_NO_PASSWORD,
                                              _("No password is saved for this account. Enter it in Preferences → Accounts.")));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      set_busy (self, FALSE);
      set_stage (self, AW_SENDER_STAGE_IDLE);
      return;
    }
  start_smtp (task, password);
}

static void
begin (AwSender *self,
       GTask    *task)
{
  set_busy (self, TRUE);
  g_clear_object (&self->rejected_certificate);
  if (self->password != NULL || self->credential_source != NULL)
    {
      start_smtp (task, self->password);
      return;
    }
  set_stage (self, AW_SENDER_STAGE_PASSWORD);
  aw_password_store_lookup_async (aw_account_get_host (self->account),
                                  aw_account_get_port (self->account),
                                  aw_account_get_login (self->account),
                                  g_task_get_cancellable (task),
                                  on_password, g_object_ref (task));
}

/* A task with its SendData; NULL (the task has returned AW_SENDER_ERROR_BUSY) while
 * this sender is busy */
static GTask *
new_task (AwSender            *self,
          Operation            operation,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SendData *send;

  g_task_set_source_tag (task, source_tag);
  if (self->busy)
    {
      g_task_return_new_error (task, AW_SENDER_ERROR, AW_SENDER_ERROR_BUSY, "%s",
                               operation == OPERATION_SEND ? _("This follow-up is already being sent.")
                                                           : _("The connection is already being tested."));
      return NULL;
    }
  send = g_new0 (SendData, 1);
  send->operation = operation;
  g_task_set_task_data (task, send, send_data_free);
  return g_steal_pointer (&task);
}

/**
 * aw_sender_send_async:
 *
 * Sends @draft through the account. Cancelling stops before the message is handed over;
 * after that the result is the server's.
 */
void
aw_sender_send_async (AwSender            *self,
                      AwDraft             *draft,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SendData *send;

  g_return_if_fail (AW_IS_SENDER (self));
  g_return_if_fail (AW_IS_DRAFT (draft));

  task = new_task (self, OPERATION_SEND, cancellable, callback, user_data, aw_sender_send_async);
  if (task == NULL)
    return;
  send = g_task_get_task_data (task);
  send->draft = g_object_ref (draft);
  send->message = aw_sender_build_message (self->account, draft, &error);
  if (send->message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  begin (self, task);
}

/**
 * aw_sender_send_finish:
 *
 * Returns: (transfer full): the history entry of the sent follow-up
 */
AwHistoryEntry *
aw_sender_send_finish (AwSender      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
aw_sender_test_connection_async (AwSender            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AW_IS_SENDER (self));

  task = new_task (self, OPERATION_TEST, cancellable, callback, user_data,
                   aw_sender_test_connection_async);
  if (task != NULL)
    begin (self, task);
}

gboolean
aw_sender_test_connection_finish (AwSender      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether the account's server or address ends with one of @suffixes (a JSON array) */
static gboolean
account_ends_with (AwAccount *account,
                   JsonArray *suffixes)
{
  const char *host = aw_account_get_host (account);
  const char *address = aw_account_get_address (account);
  guint i;

  for (i = 0; suffixes != NULL && i < json_array_get_length (suffixes); i++)
    {
      const char *suffix = json_array_get_string_element (suffixes, i);

      if ((host != NULL && g_str_has_suffix (host, suffix)) ||
          (address != NULL && g_str_has_suffix (address, suffix)))
        return TRUE;
    }
  return FALSE;
}

/* The "advice" of the provider in data/providers.json whose "domains" or "other_hosts"
 * end the account's server or address, translated (its msgid is the English text there);
 * NULL for none. */
static char *
provider_advice (AwAccount *account)
{
  g_autoptr(GBytes) bytes = aw_core_data_lookup ("providers.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *providers;
  guint i;

  if (bytes == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                    g_bytes_get_size (bytes), NULL))
    return NULL;
  providers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "providers");
  for (i = 0; i < json_array_get_length (providers); i++)
    {
      JsonObject *provider = json_array_get_object_element (providers, i);
      const char *advice = json_object_get_string_member_with_default (provider, "advice", NULL);
      JsonArray *other_hosts = json_object_has_member (provider, "other_hosts")
                               ? json_object_get_array_member (provider, "other_hosts") : NULL;

      if (advice != NULL &&
          (account_ends_with (account, json_object_get_array_member (provider, "domains")) ||
           account_ends_with (account, other_hosts)))
        return g_strdup (_(advice));
    }
  return NULL;
}

/**
 * aw_sender_describe_error:
 * @account: (nullable): the account, for provider-specific advice
 *
 * Returns: (transfer full): one or two plain sentences: what went wrong and what to do
 */
char *
aw_sender_describe_error (AwAccount    *account,
                          const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == AW_SMTP_ERROR)
    {
      g_autofree char *text = aw_smtp_error_describe (error);
      /* Online Accounts ("goa:" ids): no password of the person's was involved */
      const char *id = account != NULL ? aw_account_get_id (account) : NULL;
      gboolean online = id != NULL && g_str_has_prefix (id, "goa:");

      if (account != NULL && !online &&
          (error->code == AW_SMTP_ERROR_AUTH_FAILED ||
           error->code == AW_SMTP_ERROR_APP_PASSWORD_REQUIRED))
        {
          char *advice = provider_advice (account);

          if (advice != NULL)
            return advice;
        }
      return g_steal_pointer (&text);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("Sending was cancelled. Nothing was sent."));
  /* Our own domains already carry a sentence a person understands. */
  return g_strdup (error->message);
}

static void
aw_sender_dispose (GObject *object)
{
  AwSender *self = AW_SENDER (object);

  g_clear_object (&self->account);
  g_clear_object (&self->history);
  g_clear_object (&self->tls_database);
  g_clear_object (&self->credential_source);
  g_clear_object (&self->rejected_certificate);
  wipe_password (&self->password);

  G_OBJECT_CLASS (aw_sender_parent_class)->dispose (object);
}

static void
aw_sender_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AwSender *self = AW_SENDER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT: g_value_set_object (value, self->account); break;
    case PROP_HISTORY: g_value_set_object (value, self->history); break;
    case PROP_STAGE: g_value_set_enum (value, self->stage); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_sender_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AwSender *self = AW_SENDER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT: self->account = g_value_dup_object (value); break;
    case PROP_HISTORY: self->history = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_sender_class_init (AwSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aw_sender_dispose;
  object_class->get_property = aw_sender_get_property;
  object_class->set_property = aw_sender_set_property;

  properties[PROP_ACCOUNT] = g_param_spec_object ("account", NULL, NULL, AW_TYPE_ACCOUNT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, AW_TYPE_HISTORY,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, AW_TYPE_SENDER_STAGE,
                                              AW_SENDER_STAGE_IDLE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                              G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STAGE_CHANGED] = g_signal_new ("stage-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, AW_TYPE_SENDER_STAGE);
}

static void
aw_sender_init (AwSender *self)
{
}
