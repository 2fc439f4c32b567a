/* aw-guidance-report.c: the result of checking one draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "aw-guidance-report.h"

struct _AwGuidanceReport
{
  GObject     parent_instance;

  char       *language;
  guint       word_count;
  GListStore *findings;
};

G_DEFINE_FINAL_TYPE (AwGuidanceReport, aw_guidance_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_WORD_COUNT,
  PROP_FINDINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
aw_guidance_report_finalize (GObject *object)
{
  AwGuidanceReport *self = AW_GUIDANCE_REPORT (object);

  g_clear_pointer (&self->language, g_free);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (aw_guidance_report_parent_class)->finalize (object);
}

static void
aw_guidance_report_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AwGuidanceReport *self = AW_GUIDANCE_REPORT (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_WORD_COUNT:
      g_value_set_uint (value, self->word_count);
      break;
    case PROP_FINDINGS:
      g_value_set_object (value, self->findings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_guidance_report_class_init (AwGuidanceReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = aw_guidance_report_finalize;
  object_class->get_property = aw_guidance_report_get_property;

  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_WORD_COUNT] = g_param_spec_uint ("word-count", NULL, NULL,
                                                   0, G_MAXUINT, 0, flags);
  properties[PROP_FINDINGS] = g_param_spec_object ("findings", NULL, NULL,
                                                   G_TYPE_LIST_MODEL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_guidance_report_init (AwGuidanceReport *self)
{
  self->findings = g_list_store_new (AW_TYPE_FINDING);
}

AwGuidanceReport *
aw_guidance_report_new (const char *language,
                        guint       word_count)
{
  AwGuidanceReport *self = g_object_new (AW_TYPE_GUIDANCE_REPORT, NULL);

  self->language = g_strdup (language);
  self->word_count = word_count;

  return self;
}

/* Used by the engine while it builds the report; findings keep the order added. */
void
aw_guidance_report_add (AwGuidanceReport *self,
                        AwFinding        *finding)
{
  g_return_if_fail (AW_IS_GUIDANCE_REPORT (self));
  g_return_if_fail (AW_IS_FINDING (finding));

  g_list_store_append (self->findings, finding);
}

/* Appends @n_findings findings at once (one items-changed) */
void
aw_guidance_report_add_many (AwGuidanceReport  *self,
                             AwFinding        **findings,
                             guint              n_findings)
{
  g_return_if_fail (AW_IS_GUIDANCE_REPORT (self));

  if (n_findings == 0)
    return;
  g_list_store_splice (self->findings, g_list_model_get_n_items (G_LIST_MODEL (self->findings)),
                       0, (gpointer *) findings, n_findings);
}

/* The language the draft was checked in: the one asked for, or the detected one. */
const char *
aw_guidance_report_get_language (AwGuidanceReport *self)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_REPORT (self), NULL);
  return self->language;
}

/* Whitespace-separated tokens in the body, as too-long counts them */
guint
aw_guidance_report_get_word_count (AwGuidanceReport *self)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_REPORT (self), 0);
  return self->word_count;
}

/**
 * aw_guidance_report_get_findings:
 *
 * Returns: (transfer none): a list of #AwFinding, subject first, then by position
 */
GListModel *
aw_guidance_report_get_findings (AwGuidanceReport *self)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_REPORT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

guint
aw_guidance_report_get_n_findings (AwGuidanceReport *self)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_REPORT (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->findings));
}

gboolean
aw_guidance_report_has_rule (AwGuidanceReport *self,
                             const char       *rule_id)
{
  guint n;

  g_return_val_if_fail (AW_IS_GUIDANCE_REPORT (self), FALSE);
  g_return_val_if_fail (rule_id != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      if (g_str_equal (aw_finding_get_rule_id (finding), rule_id))
        return TRUE;
    }

  return FALSE;
}

guint
aw_guidance_report_count_severity (AwGuidanceReport *self,
                                   AwSeverity        severity)
{
  guint n, count = 0;

  g_return_val_if_fail (AW_IS_GUIDANCE_REPORT (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      if (aw_finding_get_severity (finding) == severity)
        count++;
    }

  return count;
}
