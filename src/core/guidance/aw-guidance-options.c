/* aw-guidance-options.c: what the caller tells the engine besides the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "aw-guidance-options.h"
#include "aw-guidance-private.h"

G_DEFINE_FINAL_TYPE (AwGuidanceOptions, aw_guidance_options, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
previous_send_free (AwPreviousSend *send)
{
  g_free (send->address);
  g_free (send->company);
  g_clear_pointer (&send->sent_at, g_date_time_unref);
  g_free (send);
}

static void
aw_guidance_options_finalize (GObject *object)
{
  AwGuidanceOptions *self = AW_GUIDANCE_OPTIONS (object);

  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->disabled, g_hash_table_unref);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->previous, g_ptr_array_unref);

  G_OBJECT_CLASS (aw_guidance_options_parent_class)->finalize (object);
}

static void
aw_guidance_options_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AwGuidanceOptions *self = AW_GUIDANCE_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_guidance_options_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AwGuidanceOptions *self = AW_GUIDANCE_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      aw_guidance_options_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_guidance_options_class_init (AwGuidanceOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aw_guidance_options_finalize;
  object_class->get_property = aw_guidance_options_get_property;
  object_class->set_property = aw_guidance_options_set_property;

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_guidance_options_init (AwGuidanceOptions *self)
{
  self->disabled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->previous = g_ptr_array_new_with_free_func ((GDestroyNotify) previous_send_free);
}

AwGuidanceOptions *
aw_guidance_options_new (void)
{
  return g_object_new (AW_TYPE_GUIDANCE_OPTIONS, NULL);
}

/**
 * aw_guidance_options_set_language:
 * @code: (nullable): one of aw_guidance_get_languages(), or %NULL to detect it
 */
void
aw_guidance_options_set_language (AwGuidanceOptions *self,
                                  const char        *code)
{
  g_return_if_fail (AW_IS_GUIDANCE_OPTIONS (self));

  if (aw_guidance_replace_string (&self->language, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
aw_guidance_options_get_language (AwGuidanceOptions *self)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_OPTIONS (self), NULL);
  return self->language;
}

void
aw_guidance_options_disable_rule (AwGuidanceOptions *self,
                                  const char        *rule_id)
{
  g_return_if_fail (AW_IS_GUIDANCE_OPTIONS (self));
  g_return_if_fail (rule_id != NULL);

  g_hash_table_add (self->disabled, g_strdup (rule_id));
}

gboolean
aw_guidance_options_is_rule_enabled (AwGuidanceOptions *self,
                                     const char        *rule_id)
{
  if (self == NULL)
    return TRUE;
  g_return_val_if_fail (AW_IS_GUIDANCE_OPTIONS (self), TRUE);
  return !g_hash_table_contains (self->disabled, rule_id);
}

/**
 * aw_guidance_options_set_recipient:
 * @address: (nullable): the recipient's email address
 * @company: (nullable): the company's name
 */
void
aw_guidance_options_set_recipient (AwGuidanceOptions *self,
                                   const char        *address,
                                   const char        *company)
{
  g_return_if_fail (AW_IS_GUIDANCE_OPTIONS (self));

  g_free (self->address);
  g_free (self->company);
  self->address = g_strdup (address);
  self->company = g_strdup (company);
}

/**
 * aw_guidance_options_add_previous_send:
 * @address: (nullable): where an earlier follow-up went
 * @company: (nullable): the company it was about
 * @sent_at: (nullable): when it was sent
 */
void
aw_guidance_options_add_previous_send (AwGuidanceOptions *self,
                                       const char        *address,
                                       const char        *company,
                                       GDateTime         *sent_at)
{
  AwPreviousSend *send;

  g_return_if_fail (AW_IS_GUIDANCE_OPTIONS (self));

  send = g_new0 (AwPreviousSend, 1);
  send->address = g_strdup (address);
  send->company = g_strdup (company);
  send->sent_at = sent_at != NULL ? g_date_time_ref (sent_at) : NULL;
  g_ptr_array_add (self->previous, send);
}
