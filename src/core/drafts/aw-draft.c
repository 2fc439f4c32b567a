/* aw-draft.c: one follow-up in progress: the wizard's answers, subject, body, dismissals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "aw-address.h"
#include "aw-draft.h"
#include "aw-draft-private.h"
#include "aw-languages.h"

G_DEFINE_FINAL_TYPE (AwDraft, aw_draft, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SENDER_NAME,
  PROP_RECIPIENT_NAME,
  PROP_RECIPIENT_ADDRESS,
  PROP_SALUTATION,
  PROP_COMPANY,
  PROP_ROLE,
  PROP_STAGE,
  PROP_DETAIL,
  PROP_POSTING_URL,
  PROP_TONE,
  PROP_LANGUAGE,
  PROP_ASK_FEEDBACK,
  PROP_FEEDBACK_AREA,
  PROP_OPEN_TO_FUTURE,
  PROP_STAY_IN_TOUCH,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_DISMISSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (aw-draft-error-quark, aw_draft_error)

/* Enums */

/* The nicks of the registered enum types (aw-core-enums.c) are the strings of the JSON */
static const char *
enum_to_string (GType type,
                int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  return found != NULL ? found->value_nick : NULL;
}

static gboolean
enum_from_string (GType       type,
                  const char *string,
                  int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *found;

  if (string == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  found = g_enum_get_value_by_nick (klass, string);
  if (found == NULL)
    return FALSE;
  *value = found->value;
  return TRUE;
}

const char *
aw_stage_to_string (AwStage stage)
{
  return enum_to_string (AW_TYPE_STAGE, stage);
}

gboolean
aw_stage_from_string (const char *string,
                      AwStage    *stage)
{
  int value;

  if (!enum_from_string (AW_TYPE_STAGE, string, &value))
    return FALSE;
  if (stage != NULL)
    *stage = value;
  return TRUE;
}

const char *
aw_tone_to_string (AwTone tone)
{
  return enum_to_string (AW_TYPE_TONE, tone);
}

gboolean
aw_tone_from_string (const char *string,
                     AwTone     *tone)
{
  int value;

  if (!enum_from_string (AW_TYPE_TONE, string, &value))
    return FALSE;
  if (tone != NULL)
    *tone = value;
  return TRUE;
}

const char *
aw_salutation_to_string (AwSalutation salutation)
{
  return enum_to_string (AW_TYPE_SALUTATION, salutation);
}

gboolean
aw_salutation_from_string (const char   *string,
                           AwSalutation *salutation)
{
  int value;

  if (!enum_from_string (AW_TYPE_SALUTATION, string, &value))
    return FALSE;
  if (salutation != NULL)
    *salutation = value;
  return TRUE;
}

const char *
aw_stage_get_label (AwStage stage)
{
  switch (stage)
    {
    /* Translators: how far the job application got */
    case AW_STAGE_APPLIED: return _("Applied only");
    /* Translators: how far the job application got */
    case AW_STAGE_PHONE_SCREEN: return _("Phone screen");
    /* Translators: how far the job application got */
    case AW_STAGE_INTERVIEW: return _("Interview");
    /* Translators: how far the job application got */
    case AW_STAGE_FINAL_ROUND: return _("Final round");
    /* Translators: how far the job application got: a day of work on trial, or a
     * take-home assignment */
    case AW_STAGE_TRIAL_DAY: return _("Trial day or assignment");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
aw_tone_get_label (AwTone tone)
{
  switch (tone)
    {
    /* Translators: the tone of the follow-up email */
    case AW_TONE_WARM: return _("Warm");
    /* Translators: the tone of the follow-up email */
    case AW_TONE_FORMAL: return _("Formal");
    /* Translators: the tone of the follow-up email */
    case AW_TONE_BRIEF: return _("Brief");
    default: g_return_val_if_reached (NULL);
    }
}

/* Field checks */

gboolean
aw_draft_url_is_valid (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
aw_draft_is_context_valid (AwDraft *self)
{
  g_autofree char *address = NULL;

  g_return_val_if_fail (AW_IS_DRAFT (self), FALSE);

  address = g_strstrip (g_strdup (self->recipient_address ? self->recipient_address : ""));

  return !is_blank (self->sender_name) &&
         !is_blank (self->recipient_name) &&
         aw_address_is_valid (address) &&
         !is_blank (self->company) &&
         !is_blank (self->role) &&
         (is_blank (self->posting_url) || aw_draft_url_is_valid (self->posting_url));
}

gboolean
aw_draft_is_empty (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), TRUE);

  return is_blank (self->sender_name) && is_blank (self->recipient_name) &&
         is_blank (self->recipient_address) && is_blank (self->company) &&
         is_blank (self->role) && is_blank (self->detail) &&
         is_blank (self->posting_url) && is_blank (self->feedback_area) &&
         is_blank (self->subject) && is_blank (self->body);
}

/* Default language */

const char *
aw_draft_get_default_language (void)
{
  static const char *variables[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);
      g_auto(GStrv) entries = NULL;

      if (value == NULL || *value == '\0')
        continue;

      /* LANGUAGE is a colon-separated preference list; the others one locale. */
      entries = g_strsplit (value, ":", -1);
      for (guint j = 0; entries[j] != NULL; j++)
        {
          g_autofree char *locale = g_strdup (entries[j]);
          g_autofree char *lang = NULL;
          char *cut;
          const char * const *languages = aw_languages_get_template_codes ();

          if ((cut = strpbrk (locale, ".@")) != NULL)
            *cut = '\0';
          if (*locale == '\0' || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
            continue;

          /* Exact first ("pt_BR"), then the language alone ("de" for "de_AT"),
           * then a regional variant of it ("pt" -> "pt_BR"). */
          for (guint k = 0; languages[k] != NULL; k++)
            if (g_str_equal (languages[k], locale))
              return languages[k];

          lang = g_strndup (locale, strcspn (locale, "_-"));
          for (guint k = 0; languages[k] != NULL; k++)
            if (g_str_equal (languages[k], lang))
              return languages[k];
          for (guint k = 0; languages[k] != NULL; k++)
            if (g_str_has_prefix (languages[k], lang) && languages[k][strlen (lang)] == '_')
              return languages[k];
        }

      /* LC_ALL / LC_MESSAGES / LANG set but not one of ours: they decide (the default). */
      if (i > 0)
        break;
    }

  return aw_languages_get_default ();
}

/* Object */

static void
touch (AwDraft *self)
{
  if (self->touching)
    return;

  self->touching = TRUE;
  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_date_time_new_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  self->touching = FALSE;
}

static void
set_string (AwDraft    *self,
            char      **field,
            const char *value,
            int         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  /* NULL and "" are the same answer */
  if ((*field == NULL || **field == '\0') && (value == NULL || *value == '\0'))
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  touch (self);
}

static void
set_boolean (AwDraft  *self,
             gboolean *field,
             gboolean  value,
             int       prop)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  touch (self);
}

#define STRING_ACCESSORS(name)                                       \
const char *                                                         \
aw_draft_get_##name (AwDraft *self)                                  \
{                                                                    \
  g_return_val_if_fail (AW_IS_DRAFT (self), NULL);                   \
  return self->name ? self->name : "";                               \
}

STRING_ACCESSORS (sender_name)
STRING_ACCESSORS (recipient_name)
STRING_ACCESSORS (recipient_address)
STRING_ACCESSORS (company)
STRING_ACCESSORS (role)
STRING_ACCESSORS (detail)
STRING_ACCESSORS (posting_url)
STRING_ACCESSORS (feedback_area)
STRING_ACCESSORS (subject)
STRING_ACCESSORS (body)

const char *
aw_draft_get_id (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), NULL);
  return self->id;
}

void
aw_draft_set_sender_name (AwDraft    *self,
                          const char *sender_name)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->sender_name, sender_name, PROP_SENDER_NAME);
}

void
aw_draft_set_recipient_name (AwDraft    *self,
                             const char *recipient_name)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->recipient_name, recipient_name, PROP_RECIPIENT_NAME);
}

void
aw_draft_set_recipient_address (AwDraft    *self,
                                const char *recipient_address)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->recipient_address, recipient_address, PROP_RECIPIENT_ADDRESS);
}

void
aw_draft_set_company (AwDraft    *self,
                      const char *company)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->company, company, PROP_COMPANY);
}

void
aw_draft_set_role (AwDraft    *self,
                   const char *role)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->role, role, PROP_ROLE);
}

void
aw_draft_set_detail (AwDraft    *self,
                     const char *detail)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->detail, detail, PROP_DETAIL);
}

void
aw_draft_set_posting_url (AwDraft    *self,
                          const char *posting_url)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->posting_url, posting_url, PROP_POSTING_URL);
}

void
aw_draft_set_feedback_area (AwDraft    *self,
                            const char *feedback_area)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->feedback_area, feedback_area, PROP_FEEDBACK_AREA);
}

void
aw_draft_set_subject (AwDraft    *self,
                      const char *subject)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->subject, subject, PROP_SUBJECT);
}

void
aw_draft_set_body (AwDraft    *self,
                   const char *body)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_string (self, &self->body, body, PROP_BODY);
}

AwSalutation
aw_draft_get_salutation (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), AW_SALUTATION_UNKNOWN);
  return self->salutation;
}

void
aw_draft_set_salutation (AwDraft      *self,
                         AwSalutation  salutation)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  g_return_if_fail (salutation <= AW_SALUTATION_MALE);

  if (self->salutation == salutation)
    return;
  self->salutation = salutation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SALUTATION]);
  touch (self);
}

AwStage
aw_draft_get_stage (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), AW_STAGE_APPLIED);
  return self->stage;
}

void
aw_draft_set_stage (AwDraft *self,
                    AwStage  stage)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  g_return_if_fail (stage <= AW_STAGE_TRIAL_DAY);

  if (self->stage == stage)
    return;
  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  touch (self);
}

AwTone
aw_draft_get_tone (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), AW_TONE_WARM);
  return self->tone;
}

void
aw_draft_set_tone (AwDraft *self,
                   AwTone   tone)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  g_return_if_fail (tone <= AW_TONE_BRIEF);

  if (self->tone == tone)
    return;
  self->tone = tone;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TONE]);
  touch (self);
}

const char *
aw_draft_get_language (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), NULL);
  return self->language;
}

void
aw_draft_set_language (AwDraft    *self,
                       const char *language)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  g_return_if_fail (language != NULL && *language != '\0');

  set_string (self, &self->language, language, PROP_LANGUAGE);
}

gboolean
aw_draft_get_ask_feedback (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), FALSE);
  return self->ask_feedback;
}

void
aw_draft_set_ask_feedback (AwDraft  *self,
                           gboolean  ask_feedback)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_boolean (self, &self->ask_feedback, ask_feedback, PROP_ASK_FEEDBACK);
}

gboolean
aw_draft_get_open_to_future (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), FALSE);
  return self->open_to_future;
}

void
aw_draft_set_open_to_future (AwDraft  *self,
                             gboolean  open_to_future)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_boolean (self, &self->open_to_future, open_to_future, PROP_OPEN_TO_FUTURE);
}

gboolean
aw_draft_get_stay_in_touch (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), FALSE);
  return self->stay_in_touch;
}

void
aw_draft_set_stay_in_touch (AwDraft  *self,
                            gboolean  stay_in_touch)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  set_boolean (self, &self->stay_in_touch, stay_in_touch, PROP_STAY_IN_TOUCH);
}

GDateTime *
aw_draft_get_created (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), NULL);
  return self->created;
}

GDateTime *
aw_draft_get_modified (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), NULL);
  return self->modified;
}

void
aw_draft_set_modified (AwDraft   *self,
                       GDateTime *modified)
{
  g_return_if_fail (AW_IS_DRAFT (self));
  g_return_if_fail (modified != NULL);

  if (self->modified != NULL && g_date_time_equal (self->modified, modified))
    return;
  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_date_time_ref (modified);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Dismissed findings */

const char * const *
aw_draft_get_dismissed (AwDraft *self)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), NULL);
  return (const char * const *) self->dismissed->pdata;
}

void
aw_draft_set_dismissed (AwDraft            *self,
                        const char * const *dismissed)
{
  g_return_if_fail (AW_IS_DRAFT (self));

  if (g_strv_equal ((const char * const *) self->dismissed->pdata,
                    dismissed ? dismissed : (const char * const []) { NULL }))
    return;

  g_ptr_array_set_size (self->dismissed, 0);
  for (guint i = 0; dismissed != NULL && dismissed[i] != NULL; i++)
    g_ptr_array_add (self->dismissed, g_strdup (dismissed[i]));
  g_ptr_array_add (self->dismissed, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISMISSED]);
  touch (self);
}

char *
aw_draft_make_finding_key (const char *rule_id,
                           const char *text)
{
  g_return_val_if_fail (rule_id != NULL, NULL);

  return g_strconcat (rule_id, ":", text ? text : "", NULL);
}

gboolean
aw_draft_is_dismissed (AwDraft    *self,
                       const char *key)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->dismissed->pdata, key);
}

gboolean
aw_draft_dismiss (AwDraft    *self,
                  const char *key)
{
  g_return_val_if_fail (AW_IS_DRAFT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (aw_draft_is_dismissed (self, key))
    return FALSE;

  /* Keep the NULL terminator last */
  g_ptr_array_insert (self->dismissed, self->dismissed->len - 1, g_strdup (key));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISMISSED]);
  touch (self);
  return TRUE;
}

/* A file name part: 1-64 letters, digits, "-" or "_" */
gboolean
aw_draft_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* GObject */

AwDraft *
aw_draft_new (void)
{
  return g_object_new (AW_TYPE_DRAFT, NULL);
}

static void
aw_draft_finalize (GObject *object)
{
  AwDraft *self = AW_DRAFT (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->sender_name, g_free);
  g_clear_pointer (&self->recipient_name, g_free);
  g_clear_pointer (&self->recipient_address, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->posting_url, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->feedback_area, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->dismissed, g_ptr_array_unref);

  G_OBJECT_CLASS (aw_draft_parent_class)->finalize (object);
}

static void
aw_draft_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AwDraft *self = AW_DRAFT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_SENDER_NAME: g_value_set_string (value, aw_draft_get_sender_name (self)); break;
    case PROP_RECIPIENT_NAME: g_value_set_string (value, aw_draft_get_recipient_name (self)); break;
    case PROP_RECIPIENT_ADDRESS: g_value_set_string (value, aw_draft_get_recipient_address (self)); break;
    case PROP_SALUTATION: g_value_set_enum (value, self->salutation); break;
    case PROP_COMPANY: g_value_set_string (value, aw_draft_get_company (self)); break;
    case PROP_ROLE: g_value_set_string (value, aw_draft_get_role (self)); break;
    case PROP_STAGE: g_value_set_enum (value, self->stage); break;
    case PROP_DETAIL: g_value_set_string (value, aw_draft_get_detail (self)); break;
    case PROP_POSTING_URL: g_value_set_string (value, aw_draft_get_posting_url (self)); break;
    case PROP_TONE: g_value_set_enum (value, self->tone); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_ASK_FEEDBACK: g_value_set_boolean (value, self->ask_feedback); break;
    case PROP_FEEDBACK_AREA: g_value_set_string (value, aw_draft_get_feedback_area (self)); break;
    case PROP_OPEN_TO_FUTURE: g_value_set_boolean (value, self->open_to_future); break;
    case PROP_STAY_IN_TOUCH: g_value_set_boolean (value, self->stay_in_touch); break;
    case PROP_SUBJECT: g_value_set_string (value, aw_draft_get_subject (self)); break;
    case PROP_BODY: g_value_set_string (value, aw_draft_get_body (self)); break;
    case PROP_CREATED: g_value_set_boxed (value, self->created); break;
    case PROP_MODIFIED: g_value_set_boxed (value, self->modified); break;
    case PROP_DISMISSED: g_value_set_boxed (value, self->dismissed->pdata); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_draft_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  AwDraft *self = AW_DRAFT (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* construct-only; NULL keeps the random id */
      if (g_value_get_string (value) != NULL && aw_draft_id_is_valid (g_value_get_string (value)))
        {
          g_free (self->id);
          self->id = g_value_dup_string (value);
        }
      break;
    case PROP_SENDER_NAME: aw_draft_set_sender_name (self, g_value_get_string (value)); break;
    case PROP_RECIPIENT_NAME: aw_draft_set_recipient_name (self, g_value_get_string (value)); break;
    case PROP_RECIPIENT_ADDRESS: aw_draft_set_recipient_address (self, g_value_get_string (value)); break;
    case PROP_SALUTATION: aw_draft_set_salutation (self, g_value_get_enum (value)); break;
    case PROP_COMPANY: aw_draft_set_company (self, g_value_get_string (value)); break;
    case PROP_ROLE: aw_draft_set_role (self, g_value_get_string (value)); break;
    case PROP_STAGE: aw_draft_set_stage (self, g_value_get_enum (value)); break;
    case PROP_DETAIL: aw_draft_set_detail (self, g_value_get_string (value)); break;
    case PROP_POSTING_URL: aw_draft_set_posting_url (self, g_value_get_string (value)); break;
    case PROP_TONE: aw_draft_set_tone (self, g_value_get_enum (value)); break;
    case PROP_LANGUAGE:
      if (g_value_get_string (value) != NULL)
        aw_draft_set_language (self, g_value_get_string (value));
      break;
    case PROP_ASK_FEEDBACK: aw_draft_set_ask_feedback (self, g_value_get_boolean (value)); break;
    case PROP_FEEDBACK_AREA: aw_draft_set_feedback_area (self, g_value_get_string (value)); break;
    case PROP_OPEN_TO_FUTURE: aw_draft_set_open_to_future (self, g_value_get_boolean (value)); break;
    case PROP_STAY_IN_TOUCH: aw_draft_set_stay_in_touch (self, g_value_get_boolean (value)); break;
    case PROP_SUBJECT: aw_draft_set_subject (self, g_value_get_string (value)); break;
    case PROP_BODY: aw_draft_set_body (self, g_value_get_string (value)); break;
    case PROP_CREATED:
      if (g_value_get_boxed (value) != NULL)
        {
          g_clear_pointer (&self->created, g_date_time_unref);
          self->created = g_value_dup_boxed (value);
        }
      break;
    case PROP_MODIFIED:
      if (g_value_get_boxed (value) != NULL)
        aw_draft_set_modified (self, g_value_get_boxed (value));
      break;
    case PROP_DISMISSED: aw_draft_set_dismissed (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_draft_class_init (AwDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = aw_draft_finalize;
  object_class->get_property = aw_draft_get_property;
  object_class->set_property = aw_draft_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENDER_NAME] = g_param_spec_string ("sender-name", NULL, NULL, "", rw);
  properties[PROP_RECIPIENT_NAME] = g_param_spec_string ("recipient-name", NULL, NULL, "", rw);
  properties[PROP_RECIPIENT_ADDRESS] = g_param_spec_string ("recipient-address", NULL, NULL, "", rw);
  properties[PROP_SALUTATION] =
    g_param_spec_enum ("salutation", NULL, NULL, AW_TYPE_SALUTATION, AW_SALUTATION_UNKNOWN, rw);
  properties[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, "", rw);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "", rw);
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, AW_TYPE_STAGE, AW_STAGE_INTERVIEW, rw);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, "", rw);
  properties[PROP_POSTING_URL] = g_param_spec_string ("posting-url", NULL, NULL, "", rw);
  properties[PROP_TONE] = g_param_spec_enum ("tone", NULL, NULL, AW_TYPE_TONE, AW_TONE_WARM, rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "en", rw);
  properties[PROP_ASK_FEEDBACK] = g_param_spec_boolean ("ask-feedback", NULL, NULL, TRUE, rw);
  properties[PROP_FEEDBACK_AREA] = g_param_spec_string ("feedback-area", NULL, NULL, "", rw);
  properties[PROP_OPEN_TO_FUTURE] = g_param_spec_boolean ("open-to-future", NULL, NULL, TRUE, rw);
  properties[PROP_STAY_IN_TOUCH] = g_param_spec_boolean ("stay-in-touch", NULL, NULL, FALSE, rw);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, "", rw);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", rw);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_DISMISSED] = g_param_spec_boxed ("dismissed", NULL, NULL, G_TYPE_STRV, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_draft_init (AwDraft *self)
{
  self->id = g_uuid_string_random ();
  self->created = g_date_time_new_now_utc ();
  self->modified = g_date_time_ref (self->created);
  self->language = g_strdup (aw_draft_get_default_language ());
  self->stage = AW_STAGE_INTERVIEW;
  self->tone = AW_TONE_WARM;
  self->ask_feedback = TRUE;
  self->open_to_future = TRUE;
  self->stay_in_touch = FALSE;
  self->salutation = AW_SALUTATION_UNKNOWN;
  self->dismissed = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->dismissed, NULL);
}
