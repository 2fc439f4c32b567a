/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-finding-row.c: one finding of the guidance engine in the guidance panel
 *
 * Activating the row selects the finding's text in the editor (the panel forwards it);
 * "Apply" puts the suggestion in place of the text, "Ignore" dismisses the finding.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-finding-row.h"
#include "aw-severity-style.h"

struct _AwFindingRow
{
  GtkListBoxRow  parent_instance;

  AwFinding     *finding;

  GtkImage      *severity_icon;
  GtkLabel      *message_label;
  GtkLabel      *text_label;
  GtkLabel      *why_label;
  GtkButton     *apply_button;
  GtkButton     *ignore_button;
};

G_DEFINE_FINAL_TYPE (AwFindingRow, aw_finding_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_FINDING,
  N_PROPS
};

enum {
  APPLY,
  IGNORE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update (AwFindingRow *self)
{
  const char *suggestion;
  const char *text;
  AwSeverity severity;
  g_autofree char *quoted = NULL;
  g_autofree char *apply_tooltip = NULL;

  if (self->finding == NULL)
    return;

  severity = aw_finding_get_severity (self->finding);
  aw_severity_style_apply_to_icon (self->severity_icon, severity);

  gtk_label_set_text (self->message_label, aw_finding_get_message (self->finding));
  gtk_label_set_text (self->why_label, aw_finding_get_why (self->finding));

  text = aw_finding_get_text (self->finding);
  if (aw_finding_has_span (self->finding) && text != NULL && *text != '\0')
    {
      /* Translators: the flagged words of the email, in quotation marks */
      quoted = g_strdup_printf (_("“%s”"), text);
      gtk_label_set_text (self->text_label, quoted);
      gtk_widget_set_visible (GTK_WIDGET (self->text_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->text_label), FALSE);

  suggestion = aw_finding_get_suggestion (self->finding);
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button),
                          suggestion != NULL && *suggestion != '\0' &&
                          aw_finding_has_span (self->finding));
  if (suggestion != NULL)
    {
      /* Translators: tooltip of the Apply button; %s is the replacement text */
      apply_tooltip = g_strdup_printf (_("Replace with “%s”"), suggestion);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->apply_button), apply_tooltip);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, aw_finding_get_message (self->finding),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, aw_finding_get_why (self->finding),
                                  -1);
}

static gboolean
looks_the_same (AwFinding *a,
                AwFinding *b)
{
  return aw_finding_get_severity (a) == aw_finding_get_severity (b) &&
         aw_finding_has_span (a) == aw_finding_has_span (b) &&
         g_strcmp0 (aw_finding_get_message (a), aw_finding_get_message (b)) == 0 &&
         g_strcmp0 (aw_finding_get_why (a), aw_finding_get_why (b)) == 0 &&
         g_strcmp0 (aw_finding_get_text (a), aw_finding_get_text (b)) == 0 &&
         g_strcmp0 (aw_finding_get_suggestion (a), aw_finding_get_suggestion (b)) == 0;
}

static void
on_apply_clicked (AwFindingRow *self)
{
  g_signal_emit (self, signals[APPLY], 0);
}

static void
on_ignore_clicked (AwFindingRow *self)
{
  g_signal_emit (self, signals[IGNORE], 0);
}

GtkWidget *
aw_finding_row_new (AwFinding *finding)
{
  return g_object_new (AW_TYPE_FINDING_ROW, "finding", finding, NULL);
}

/**
 * aw_finding_row_get_finding:
 *
 * Returns: (transfer none): the finding shown
 */
AwFinding *
aw_finding_row_get_finding (AwFindingRow *self)
{
  g_return_val_if_fail (AW_IS_FINDING_ROW (self), NULL);

  return self->finding;
}

/**
 * aw_finding_row_set_finding:
 *
 * Shows @finding; used as well to hand the row a finding whose offsets moved.
 */
void
aw_finding_row_set_finding (AwFindingRow *self,
                            AwFinding    *finding)
{
  g_return_if_fail (AW_IS_FINDING_ROW (self));
  g_return_if_fail (AW_IS_FINDING (finding));

  if (self->finding == finding)
    return;
  if (self->finding != NULL && looks_the_same (self->finding, finding))
    {
      /* Only the offsets moved: nothing on screen changes. */
      g_set_object (&self->finding, finding);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDING]);
      return;
    }
  g_set_object (&self->finding, finding);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDING]);
}

static void
aw_finding_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwFindingRow *self = AW_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      g_value_set_object (value, self->finding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_finding_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AwFindingRow *self = AW_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      aw_finding_row_set_finding (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_finding_row_dispose (GObject *object)
{
  AwFindingRow *self = AW_FINDING_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_FINDING_ROW);
  g_clear_object (&self->finding);

  G_OBJECT_CLASS (aw_finding_row_parent_class)->dispose (object);
}

static void
aw_finding_row_class_init (AwFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = aw_finding_row_get_property;
  object_class->set_property = aw_finding_row_set_property;
  object_class->dispose = aw_finding_row_dispose;

  properties[PROP_FINDING] =
    g_param_spec_object ("finding", NULL, NULL, AW_TYPE_FINDING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[IGNORE] = g_signal_new ("ignore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AwFindingRow, severity_icon);
  gtk_widget_class_bind_template_child (widget_class, AwFindingRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, AwFindingRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, AwFindingRow, why_label);
  gtk_widget_class_bind_template_child (widget_class, AwFindingRow, apply_button);
  gtk_widget_class_bind_template_child (widget_class, AwFindingRow, ignore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_ignore_clicked);
}

static void
aw_finding_row_init (AwFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
