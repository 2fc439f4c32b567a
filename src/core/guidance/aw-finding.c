/* aw-finding.c: one thing the guidance engine noticed in a draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-finding.h"

const char *
aw_finding_source_to_string (AwFindingSource source)
{
  return source == AW_FINDING_SOURCE_MODEL ? "model" : "phrase";
}

const char *
aw_severity_to_string (AwSeverity severity)
{
  switch (severity)
    {
    case AW_SEVERITY_ERROR:
      return "error";
    case AW_SEVERITY_WARNING:
      return "warning";
    case AW_SEVERITY_SUGGESTION:
    default:
      return "suggestion";
    }
}

/**
 * aw_severity_get_label:
 *
 * Returns: the severity's name for people (screen readers, tooltips), translated;
 *   aw_severity_to_string() is the stable name for programs
 */
const char *
aw_severity_get_label (AwSeverity severity)
{
  switch (severity)
    {
    case AW_SEVERITY_ERROR:
      /* Translators: the severity of a guidance finding */
      return _("Error");
    case AW_SEVERITY_WARNING:
      /* Translators: the severity of a guidance finding */
      return _("Warning");
    case AW_SEVERITY_SUGGESTION:
    default:
      /* Translators: the severity of a guidance finding */
      return _("Suggestion");
    }
}

struct _AwFinding
{
  GObject      parent_instance;

  char        *rule_id;
  AwSeverity   severity;
  AwDraftPart  part;
  int          start;
  int          end;
  char        *text;
  char        *message;
  char        *why;
  char        *suggestion;
  double       score;
  AwFindingSource source;
  gboolean     borrowed;  /* rule_id, message and why are static, not owned */
};

G_DEFINE_FINAL_TYPE (AwFinding, aw_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE_ID,
  PROP_SEVERITY,
  PROP_PART,
  PROP_START,
  PROP_END,
  PROP_TEXT,
  PROP_MESSAGE,
  PROP_WHY,
  PROP_SUGGESTION,
  PROP_SCORE,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
aw_finding_finalize (GObject *object)
{
  AwFinding *self = AW_FINDING (object);

  if (!self->borrowed)
    {
      g_clear_pointer (&self->rule_id, g_free);
      g_clear_pointer (&self->message, g_free);
      g_clear_pointer (&self->why, g_free);
    }
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->suggestion, g_free);

  G_OBJECT_CLASS (aw_finding_parent_class)->finalize (object);
}

static void
aw_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AwFinding *self = AW_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE_ID:
      g_value_set_string (value, self->rule_id);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_PART:
      g_value_set_enum (value, self->part);
      break;
    case PROP_START:
      g_value_set_int (value, self->start);
      break;
    case PROP_END:
      g_value_set_int (value, self->end);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_WHY:
      g_value_set_string (value, self->why);
      break;
    case PROP_SUGGESTION:
      g_value_set_string (value, self->suggestion);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_finding_class_init (AwFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = aw_finding_finalize;
  object_class->get_property = aw_finding_get_property;

  properties[PROP_RULE_ID] = g_param_spec_string ("rule-id", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, AW_TYPE_SEVERITY,
                                                 AW_SEVERITY_WARNING, flags);
  properties[PROP_PART] = g_param_spec_enum ("part", NULL, NULL, AW_TYPE_DRAFT_PART,
                                             AW_DRAFT_PART_BODY, flags);
  properties[PROP_START] = g_param_spec_int ("start", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_END] = g_param_spec_int ("end", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_WHY] = g_param_spec_string ("why", NULL, NULL, NULL, flags);
  properties[PROP_SUGGESTION] = g_param_spec_string ("suggestion", NULL, NULL, NULL, flags);
  /* how sure the engine is, 0..1: 1 for a phrase hit, the model's probability otherwise */
  properties[PROP_SCORE] = g_param_spec_double ("score", NULL, NULL, 0.0, 1.0, 1.0, flags);
  properties[PROP_SOURCE] = g_param_spec_enum ("source", NULL, NULL, AW_TYPE_FINDING_SOURCE,
                                               AW_FINDING_SOURCE_PHRASE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_finding_init (AwFinding *self)
{
  self->start = -1;
  self->end = -1;
  self->score = 1.0;
  self->source = AW_FINDING_SOURCE_PHRASE;
}

/* The fields every finding has, the rule's strings left to the caller */
static AwFinding *
finding_new (AwSeverity   severity,
             AwDraftPart  part,
             int          start,
             int          end,
             const char  *text,
             const char  *suggestion)
{
  AwFinding *self = g_object_new (AW_TYPE_FINDING, NULL);

  self->severity = severity;
  self->part = part;
  self->start = start;
  self->end = end;
  self->text = g_strdup (text);
  self->suggestion = g_strdup (suggestion);
  return self;
}

/**
 * aw_finding_new:
 * @start: character offset of the span, or -1 when the finding is about an absence
 * @text: (nullable): the matched text
 * @suggestion: (nullable): replacement text for the span ("" deletes it)
 *
 * Returns: (transfer full): a new finding
 */
AwFinding *
aw_finding_new (const char  *rule_id,
                AwSeverity   severity,
                AwDraftPart  part,
                int          start,
                int          end,
                const char  *text,
                const char  *message,
                const char  *why,
                const char  *suggestion)
{
  AwFinding *self;

  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = finding_new (severity, part, start, end, text, suggestion);
  self->rule_id = g_strdup (rule_id);
  self->message = g_strdup (message);
  self->why = g_strdup (why);
  return self;
}

/**
 * aw_finding_new_for_rule:
 * @rule: the rule's id, message and why, static: string literals and their translations,
 *   which live as long as the process
 *
 * aw_finding_new() for the engine's own findings: the rule's strings are kept by
 * pointer, not copied. A long text has thousands of findings, and every copy is an
 * allocation and more fresh memory.
 *
 * Returns: (transfer full): a new finding
 */
AwFinding *
aw_finding_new_for_rule (const AwFindingRule *rule,
                         AwSeverity           severity,
                         AwDraftPart          part,
                         int                  start,
                         int                  end,
                         const char          *text,
                         const char          *suggestion)
{
  AwFinding *self;

  g_return_val_if_fail (rule != NULL && rule->rule_id != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = finding_new (severity, part, start, end, text, suggestion);
  self->borrowed = TRUE;
  self->rule_id = (char *) rule->rule_id;
  self->message = (char *) rule->message;
  self->why = (char *) rule->why;
  return self;
}

const char *
aw_finding_get_rule_id (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), NULL);
  return self->rule_id;
}

AwSeverity
aw_finding_get_severity (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), AW_SEVERITY_WARNING);
  return self->severity;
}

AwDraftPart
aw_finding_get_part (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), AW_DRAFT_PART_BODY);
  return self->part;
}

int
aw_finding_get_start (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), -1);
  return self->start;
}

int
aw_finding_get_end (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), -1);
  return self->end;
}

const char *
aw_finding_get_text (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), NULL);
  return self->text;
}

const char *
aw_finding_get_message (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), NULL);
  return self->message;
}

const char *
aw_finding_get_why (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), NULL);
  return self->why;
}

/**
 * aw_finding_get_suggestion:
 *
 * Returns: (nullable): text a quick fix puts in place of the span; "" means delete it
 */
const char *
aw_finding_get_suggestion (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), NULL);
  return self->suggestion;
}

/* TRUE when the finding points at text (start/end set), FALSE for an absence */
gboolean
aw_finding_has_span (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), FALSE);
  return self->start >= 0;
}

/* 0..1: 1 for a phrase hit, the model's probability for a model finding */
double
aw_finding_get_score (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), 1.0);
  return self->score;
}

AwFindingSource
aw_finding_get_source (AwFinding *self)
{
  g_return_val_if_fail (AW_IS_FINDING (self), AW_FINDING_SOURCE_PHRASE);
  return self->source;
}

/* Set once by the engine right after aw_finding_new(), before anyone sees the finding */
void
aw_finding_set_score (AwFinding       *self,
                      AwFindingSource  source,
                      double           score)
{
  g_return_if_fail (AW_IS_FINDING (self));
  self->source = source;
  self->score = CLAMP (score, 0.0, 1.0);
}
