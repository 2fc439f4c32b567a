/* aw-message.c: one follow-up email as an RFC 5322 message (GMime)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>

#include "aw-address.h"
#include "aw-message.h"
#include "aw-message-private.h"

static gboolean
is_ascii (const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* The local part is kept as it is (non-ASCII there needs SMTPUTF8); a non-ASCII domain
 * becomes its IDNA A-label form, which every server understands. @canonical: every
 * domain in its canonical form (lower case), as the SMTP envelope carries it. */
static char *
address_in_ascii (const char *address,
                  gboolean    canonical)
{
  const char *at = strrchr (address, '@');
  g_autofree char *domain = NULL;

  if (at == NULL || (!canonical && is_ascii (at + 1)))
    return g_strdup (address);
  domain = g_hostname_to_ascii (at + 1);
  if (domain == NULL)
    return g_strdup (address);
  return g_strdup_printf ("%.*s@%s", (int) (at - address), address, domain);
}

static gboolean
local_part_is_ascii (const char *address)
{
  const char *at = strrchr (address, '@');
  const char *p;

  for (p = address; p != NULL && *p != '\0' && p != at; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* GMime 3.2 declares no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeTextPart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeDataWrapper, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddress, g_object_unref)

struct _AwMessage
{
  GObject    parent_instance;

  char      *from_name;
  char      *from_address;
  char      *to;
  char      *cc;
  char      *bcc;
  char      *reply_to;
  char      *subject;
  char      *body;
  GDateTime *date;
  char      *message_id;
  gboolean   valid;       /* aw_message_validate() passed since the last change */
};

G_DEFINE_FINAL_TYPE (AwMessage, aw_message, G_TYPE_OBJECT)

G_DEFINE_QUARK (aw-message-error-quark, aw_message_error)

enum {
  PROP_0,
  PROP_FROM_NAME,
  PROP_FROM_ADDRESS,
  PROP_TO,
  PROP_CC,
  PROP_BCC,
  PROP_REPLY_TO,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_MESSAGE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ensure_gmime (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
aw_message_finalize (GObject *object)
{
  AwMessage *self = (AwMessage *) object;

  g_clear_pointer (&self->from_name, g_free);
  g_clear_pointer (&self->from_address, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->cc, g_free);
  g_clear_pointer (&self->bcc, g_free);
  g_clear_pointer (&self->reply_to, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->message_id, g_free);

  G_OBJECT_CLASS (aw_message_parent_class)->finalize (object);
}

static void
aw_message_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AwMessage *self = AW_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_FROM_NAME:
      g_value_set_string (value, self->from_name);
      break;
    case PROP_FROM_ADDRESS:
      g_value_set_string (value, self->from_address);
      break;
    case PROP_TO:
      g_value_set_string (value, self->to);
      break;
    case PROP_CC:
      g_value_set_string (value, self->cc);
      break;
    case PROP_BCC:
      g_value_set_string (value, self->bcc);
      break;
    case PROP_REPLY_TO:
      g_value_set_string (value, self->reply_to);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_MESSAGE_ID:
      g_value_set_string (value, self->message_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_message_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AwMessage *self = AW_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_FROM_NAME:
      aw_message_set_from (self, g_value_get_string (value), self->from_address);
      break;
    case PROP_FROM_ADDRESS:
      aw_message_set_from (self, self->from_name, g_value_get_string (value));
      break;
    case PROP_TO:
      aw_message_set_to (self, g_value_get_string (value));
      break;
    case PROP_CC:
      aw_message_set_cc (self, g_value_get_string (value));
      break;
    case PROP_BCC:
      aw_message_set_bcc (self, g_value_get_string (value));
      break;
    case PROP_REPLY_TO:
      aw_message_set_reply_to (self, g_value_get_string (value));
      break;
    case PROP_SUBJECT:
      aw_message_set_subject (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      aw_message_set_body (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_message_class_init (AwMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = aw_message_finalize;
  object_class->get_property = aw_message_get_property;
  object_class->set_property = aw_message_set_property;

  properties[PROP_FROM_NAME] = g_param_spec_string ("from-name", NULL, NULL, NULL, flags);
  properties[PROP_FROM_ADDRESS] = g_param_spec_string ("from-address", NULL, NULL, NULL, flags);
  properties[PROP_TO] = g_param_spec_string ("to", NULL, NULL, NULL, flags);
  properties[PROP_CC] = g_param_spec_string ("cc", NULL, NULL, NULL, flags);
  properties[PROP_BCC] = g_param_spec_string ("bcc", NULL, NULL, NULL, flags);
  properties[PROP_REPLY_TO] = g_param_spec_string ("reply-to", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE_ID] =
    g_param_spec_string ("message-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_message_init (AwMessage *self)
{
}

AwMessage *
aw_message_new (void)
{
  return g_object_new (AW_TYPE_MESSAGE, NULL);
}

/* Every change of a field means the message must be checked again */
static gboolean
replace_string (AwMessage   *self,
                char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  self->valid = FALSE;
  return TRUE;
}

void
aw_message_set_from (AwMessage  *self,
                     const char *name,
                     const char *address)
{
  g_return_if_fail (AW_IS_MESSAGE (self));

  if (replace_string (self, &self->from_name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_NAME]);
  if (replace_string (self, &self->from_address, address))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_ADDRESS]);
}

const char *
aw_message_get_from_name (AwMessage *self)
{
  g_return_val_if_fail (AW_IS_MESSAGE (self), NULL);
  return self->from_name;
}

const char *
aw_message_get_from_address (AwMessage *self)
{
  g_return_val_if_fail (AW_IS_MESSAGE (self), NULL);
  return self->from_address;
}

#define DEFINE_STRING_FIELD(field, PROP)                                   \
  void                                                                     \
  aw_message_set_##field (AwMessage  *self,                                \
                          const char *value)                               \
  {                                                                        \
    g_return_if_fail (AW_IS_MESSAGE (self));                               \
    if (replace_string (self, &self->field, value))                        \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);        \
  }                                                                        \
  const char *                                                             \
  aw_message_get_##field (AwMessage *self)                                 \
  {                                                                        \
    g_return_val_if_fail (AW_IS_MESSAGE (self), NULL);                     \
    return self->field;                                                    \
  }

DEFINE_STRING_FIELD (to, PROP_TO)
DEFINE_STRING_FIELD (cc, PROP_CC)
DEFINE_STRING_FIELD (bcc, PROP_BCC)
DEFINE_STRING_FIELD (reply_to, PROP_REPLY_TO)
DEFINE_STRING_FIELD (subject, PROP_SUBJECT)
DEFINE_STRING_FIELD (body, PROP_BODY)

void
aw_message_set_date (AwMessage *self,
                     GDateTime *date)
{
  g_return_if_fail (AW_IS_MESSAGE (self));

  g_clear_pointer (&self->date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
}

GDateTime *
aw_message_get_date (AwMessage *self)
{
  g_return_val_if_fail (AW_IS_MESSAGE (self), NULL);
  return self->date;
}

const char *
aw_message_get_message_id (AwMessage *self)
{
  g_return_val_if_fail (AW_IS_MESSAGE (self), NULL);
  return self->message_id;
}

/* ---- validation ---- */

static const char *
field_label (AwMessageError field)
{
  switch (field)
    {
    case AW_MESSAGE_ERROR_FROM_NAME:
      return _("Your name");
    case AW_MESSAGE_ERROR_FROM_ADDRESS:
      return _("Your address");
    case AW_MESSAGE_ERROR_TO:
      return _("To");
    case AW_MESSAGE_ERROR_CC:
      return _("Cc");
    case AW_MESSAGE_ERROR_BCC:
      return _("Bcc");
    case AW_MESSAGE_ERROR_REPLY_TO:
      return _("Reply-To");
    case AW_MESSAGE_ERROR_SUBJECT:
      return _("Subject");
    case AW_MESSAGE_ERROR_BODY:
      return _("Message");
    case AW_MESSAGE_ERROR_NO_RECIPIENT:
    default:
      return _("To");
    }
}

static gboolean
has_line_break (const char *value)
{
  return value != NULL && strpbrk (value, "\r\n") != NULL;
}

static gboolean
has_control (const char *value)
{
  const char *p;

  for (p = value; p != NULL && *p != '\0'; p++)
    if (((guchar) *p < 0x20 && *p != '\t') || *p == 0x7f)
      return TRUE;
  return FALSE;
}

static gboolean
set_field_error (GError         **error,
                 AwMessageError   field,
                 const char      *reason)
{
  /* Translators: a form field's name such as "To", then the problem, a whole sentence:
   * "To: Not a valid email address." */
  g_set_error (error, AW_MESSAGE_ERROR, field, _("%s: %s"), field_label (field), reason);
  return FALSE;
}

static gboolean
is_blank (const char *value)
{
  const char *p;

  for (p = value; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Parses a comma-separated list of mailboxes, each checked by aw_address_parse_single();
 * NULL input gives an empty list. */
static InternetAddressList *
parse_list (const char      *value,
            AwMessageError   field,
            gboolean         single,
            GError         **error)
{
  g_autoptr(InternetAddressList) list = NULL;
  g_auto(GStrv) parts = NULL;
  int i;

  ensure_gmime ();

  if (is_blank (value))
    return internet_address_list_new ();

  if (has_line_break (value) || has_control (value))
    {
      set_field_error (error, field, _("Line breaks and control characters are not allowed."));
      return NULL;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      set_field_error (error, field, _("Not valid text."));
      return NULL;
    }

  parts = aw_address_split_list (value);
  if (parts == NULL || parts[0] == NULL)
    {
      set_field_error (error, field, _("Not a valid email address."));
      return NULL;
    }
  if (single && parts[1] != NULL)
    {
      set_field_error (error, field, _("Only one address is allowed."));
      return NULL;
    }

  list = internet_address_list_new ();
  for (i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *address = aw_address_parse_single (parts[i], &name);
      g_autoptr(InternetAddress) mailbox = NULL;

      if (address == NULL)
        {
          set_field_error (error, field, _("Not a valid email address."));
          return NULL;
        }
      mailbox = internet_address_mailbox_new (name, address);
      internet_address_list_add (list, mailbox);
    }

  return g_steal_pointer (&list);
}

gboolean
aw_message_validate (AwMessage  *self,
                     GError    **error)
{
  g_autoptr(InternetAddressList) to = NULL;
  g_autoptr(InternetAddressList) cc = NULL;
  g_autoptr(InternetAddressList) bcc = NULL;
  g_autoptr(InternetAddressList) reply_to = NULL;

  g_return_val_if_fail (AW_IS_MESSAGE (self), FALSE);

  /* Checked once: the sender, the SMTP client and the wire form all ask */
  if (self->valid)
    return TRUE;

  if (has_line_break (self->from_name) || has_control (self->from_name))
    return set_field_error (error, AW_MESSAGE_ERROR_FROM_NAME,
                            _("Line breaks and control characters are not allowed."));
  if (self->from_name != NULL && !g_utf8_validate (self->from_name, -1, NULL))
    return set_field_error (error, AW_MESSAGE_ERROR_FROM_NAME, _("Not valid text."));
  if (has_line_break (self->from_address) || has_control (self->from_address))
    return set_field_error (error, AW_MESSAGE_ERROR_FROM_ADDRESS,
                            _("Line breaks and control characters are not allowed."));
  if (!aw_address_is_valid (self->from_address))
    return set_field_error (error, AW_MESSAGE_ERROR_FROM_ADDRESS,
                            _("Not a valid email address."));

  if (!(to = parse_list (self->to, AW_MESSAGE_ERROR_TO, FALSE, error))
      || !(cc = parse_list (self->cc, AW_MESSAGE_ERROR_CC, FALSE, error))
      || !(bcc = parse_list (self->bcc, AW_MESSAGE_ERROR_BCC, FALSE, error))
      || !(reply_to = parse_list (self->reply_to, AW_MESSAGE_ERROR_REPLY_TO, TRUE, error)))
    return FALSE;

  if (internet_address_list_length (to) == 0)
    return set_field_error (error, AW_MESSAGE_ERROR_NO_RECIPIENT,
                            _("The recipient’s address is missing."));

  if (has_line_break (self->subject) || has_control (self->subject))
    return set_field_error (error, AW_MESSAGE_ERROR_SUBJECT,
                            _("Line breaks and control characters are not allowed."));
  if (self->subject != NULL && !g_utf8_validate (self->subject, -1, NULL))
    return set_field_error (error, AW_MESSAGE_ERROR_SUBJECT, _("Not valid text."));

  if (self->body != NULL && !g_utf8_validate (self->body, -1, NULL))
    return set_field_error (error, AW_MESSAGE_ERROR_BODY, _("Not valid text."));

  self->valid = TRUE;
  return TRUE;
}

/* ---- building ---- */

/* Non-ASCII names go out as UTF-8 encoded words (GMime would pick Latin-1 if it could) */
static void
add_list (GMimeMessage        *message,
          GMimeAddressType     type,
          InternetAddressList *list)
{
  InternetAddressList *target = g_mime_message_get_addresses (message, type);
  int i, n = internet_address_list_length (list);

  for (i = 0; i < n; i++)
    {
      InternetAddress *ia = internet_address_list_get_address (list, i);

      g_autofree char *addr =
        address_in_ascii (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia)), FALSE);

      internet_address_mailbox_set_addr (INTERNET_ADDRESS_MAILBOX (ia), addr);
      internet_address_set_charset (ia, "utf-8");
      internet_address_list_add (target, ia);
    }
}

static void
collect_addresses (InternetAddressList *list,
                   GPtrArray           *out)
{
  int i, n = internet_address_list_length (list);

  for (i = 0; i < n; i++)
    {
      InternetAddress *ia = internet_address_list_get_address (list, i);

      g_ptr_array_add (out, g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia))));
    }
}

char **
aw_message_get_recipients (AwMessage *self)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  const char *fields[3];
  int i;

  g_return_val_if_fail (AW_IS_MESSAGE (self), NULL);

  fields[0] = self->to;
  fields[1] = self->cc;
  fields[2] = self->bcc;
  for (i = 0; i < 3; i++)
    {
      g_autoptr(InternetAddressList) list = parse_list (fields[i], AW_MESSAGE_ERROR_TO, FALSE, NULL);

      if (list != NULL)
        collect_addresses (list, out);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

char *
aw_message_dup_envelope_from (AwMessage *self)
{
  return address_in_ascii (self->from_address, TRUE);
}

char **
aw_message_dup_envelope_recipients (AwMessage *self)
{
  char **recipients = aw_message_get_recipients (self);
  int i;

  for (i = 0; recipients[i] != NULL; i++)
    {
      char *ascii = address_in_ascii (recipients[i], TRUE);

      g_free (recipients[i]);
      recipients[i] = ascii;
    }
  return recipients;
}

gboolean
aw_message_needs_smtputf8 (AwMessage *self)
{
  g_auto(GStrv) rcpts = aw_message_get_recipients (self);
  int i;

  if (!local_part_is_ascii (self->from_address))
    return TRUE;
  for (i = 0; rcpts[i] != NULL; i++)
    if (!local_part_is_ascii (rcpts[i]))
      return TRUE;
  return FALSE;
}

static char *
normalize_newlines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 1);
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* ---- format=flowed (RFC 3676), DelSp=no ---- */

#define FLOWED_WIDTH 72

/* Bytes of the first physical line for @text: the longest start that ends after a run
 * of spaces and holds at most FLOWED_WIDTH characters; a word longer than that (a link)
 * stays whole. */
static gsize
flowed_break (const char *text,
              gsize       length)
{
  gsize col = 0;
  gsize best = 0;
  gsize p = 0;

  while (p < length)
    {
      if (text[p] == ' ')
        {
          while (p < length && text[p] == ' ')
            {
              p++;
              col++;
            }
          if (p == length)
            return length;
          if (col > FLOWED_WIDTH)
            return best > 0 ? best : p;
          best = p;
        }
      else
        {
          p = (gsize) (g_utf8_next_char (text + p) - text);
          col++;
          if (col > FLOWED_WIDTH && best > 0)
            return best;
        }
    }
  return length;
}

/* One line of the body as flowed lines: each but the last ends with the space at which
 * it was broken (a soft break); lines that start with a space, ">" or "From " are
 * space-stuffed. */
static void
append_flowed_line (GString    *out,
                    const char *line,
                    gsize       length)
{
  gsize start = 0;

  /* A hard break must not end with a space, which would read as a soft one; the
   * signature separator "-- " is the one exception (RFC 3676 4.3). */
  if (!(length == 3 && memcmp (line, "-- ", 3) == 0))
    while (length > 0 && line[length - 1] == ' ')
      length--;

  do
    {
      const char *piece = line + start;
      gsize piece_length = flowed_break (piece, length - start);

      if (*piece == ' ' || *piece == '>' || (length - start >= 5 && memcmp (piece, "From ", 5) == 0))
        g_string_append_c (out, ' ');
      g_string_append_len (out, piece, (gssize) piece_length);
      g_string_append_c (out, '\n');
      start += piece_length;
    }
  while (start < length);
}

/* @text ends with a newline; the result does too */
static char *
flow_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + strlen (text) / 64 + 1);
  const char *line = text;
  const char *nl;

  while ((nl = strchr (line, '\n')) != NULL)
    {
      append_flowed_line (out, line, (gsize) (nl - line));
      line = nl + 1;
    }
  return g_string_free (out, FALSE);
}

static void
ensure_identity (AwMessage *self)
{
  if (self->date == NULL)
    self->date = g_date_time_new_now_local ();

  if (self->message_id == NULL)
    {
      const char *at = strrchr (self->from_address, '@');
      g_autofree char *domain = g_hostname_to_ascii (at + 1);

      self->message_id = g_mime_utils_generate_message_id (domain != NULL ? domain : "localhost");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_ID]);
    }
}

GBytes *
aw_message_build_wire (AwMessage  *self,
                       gboolean    eight_bit_ok,
                       gboolean   *is_8bit,
                       GError    **error)
{
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeTextPart) part = NULL;
  g_autoptr(InternetAddressList) to = NULL;
  g_autoptr(InternetAddressList) cc = NULL;
  g_autoptr(InternetAddressList) reply_to = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autofree char *body = NULL;
  GMimeFormatOptions *options;
  GMimeContentEncoding encoding;
  GByteArray *array;

  g_return_val_if_fail (AW_IS_MESSAGE (self), NULL);

  if (!aw_message_validate (self, error))
    return NULL;

  ensure_gmime ();
  ensure_identity (self);

  to = parse_list (self->to, AW_MESSAGE_ERROR_TO, FALSE, NULL);
  cc = parse_list (self->cc, AW_MESSAGE_ERROR_CC, FALSE, NULL);
  reply_to = parse_list (self->reply_to, AW_MESSAGE_ERROR_REPLY_TO, TRUE, NULL);

  message = g_mime_message_new (TRUE);
  {
    g_autofree char *from_addr = address_in_ascii (self->from_address, FALSE);
    g_autoptr(InternetAddress) from =
      internet_address_mailbox_new (is_blank (self->from_name) ? NULL : self->from_name,
                                    from_addr);

    internet_address_set_charset (from, "utf-8");
    internet_address_list_add (g_mime_message_get_from (message), from);
  }
  add_list (message, GMIME_ADDRESS_TYPE_TO, to);
  add_list (message, GMIME_ADDRESS_TYPE_CC, cc);
  add_list (message, GMIME_ADDRESS_TYPE_REPLY_TO, reply_to);
  /* Bcc recipients are only in the envelope, never in the transmitted headers. */
  g_mime_message_set_subject (message, self->subject != NULL ? self->subject : "", "utf-8");
  g_mime_message_set_date (message, self->date);
  g_mime_message_set_message_id (message, self->message_id);

  body = normalize_newlines (self->body != NULL ? self->body : "");
  if (!g_str_has_suffix (body, "\n"))
    {
      char *with_newline = g_strconcat (body, "\n", NULL);

      g_free (body);
      body = with_newline;
    }
  {
    /* Paragraphs go as flowed text: lines of at most 72 characters that a mail client
     * joins again and rewraps to its window. */
    char *flowed = flow_text (body);

    g_free (body);
    body = flowed;
  }

  /* The body as UTF-8 bytes; g_mime_text_part_set_text() would re-encode it into
   * whatever charset it finds best. */
  part = g_mime_text_part_new_with_subtype ("plain");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "charset", "utf-8");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "format", "flowed");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "delsp", "no");
  {
    g_autoptr(GMimeStream) body_stream = g_mime_stream_mem_new_with_buffer (body, strlen (body));
    g_autoptr(GMimeDataWrapper) content =
      g_mime_data_wrapper_new_with_stream (body_stream, GMIME_CONTENT_ENCODING_DEFAULT);

    g_mime_part_set_content (GMIME_PART (part), content);
  }
  encoding = g_mime_part_get_best_content_encoding (GMIME_PART (part),
                                                    eight_bit_ok ? GMIME_ENCODING_CONSTRAINT_8BIT
                                                                 : GMIME_ENCODING_CONSTRAINT_7BIT);
  /* Under the 8bit constraint GMime answers "default" for text that may go as it is */
  if (encoding == GMIME_CONTENT_ENCODING_DEFAULT
      || encoding == GMIME_CONTENT_ENCODING_7BIT
      || encoding == GMIME_CONTENT_ENCODING_8BIT)
    encoding = is_ascii (body) ? GMIME_CONTENT_ENCODING_7BIT : GMIME_CONTENT_ENCODING_8BIT;
  g_mime_part_set_content_encoding (GMIME_PART (part), encoding);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (part));

  if (is_8bit != NULL)
    *is_8bit = encoding == GMIME_CONTENT_ENCODING_8BIT;

  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  stream = g_mime_stream_mem_new ();
  g_mime_object_write_to_stream (GMIME_OBJECT (message), options, stream);
  g_mime_format_options_free (options);

  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

GBytes *
aw_message_to_bytes (AwMessage *self,
                     gboolean   eight_bit_ok)
{
  return aw_message_build_wire (self, eight_bit_ok, NULL, NULL);
}
