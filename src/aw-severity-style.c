/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-severity-style.c: how a finding's severity looks, in one place
 *
 * The guidance panel's rows, the review sheet's list and the editor's highlights all show
 * a severity; each asks here for its icon, the CSS class that colours the icon (ui/style.css)
 * and the underline and tint of the highlighted words.
 */
#include "config.h"

#include "aw-severity-style.h"

typedef struct {
  const char *icon_name;
  const char *css_class;
  const char *tag_name;
  const char *underline;   /* the palette's blue, yellow and red: readable light and dark */
  const char *tint;
} SeverityStyle;

static const SeverityStyle styles[] = {
  [AW_SEVERITY_SUGGESTION] = { "dialog-information-symbolic", "suggestion", "finding-suggestion",
                               "#3584e4", "rgba(53,132,228,0.16)" },
  [AW_SEVERITY_WARNING]    = { "dialog-warning-symbolic", "warning", "finding-warning",
                               "#e5a50a", "rgba(229,165,10,0.26)" },
  [AW_SEVERITY_ERROR]      = { "dialog-error-symbolic", "error", "finding-error",
                               "#e01b24", "rgba(224,27,36,0.20)" },
};

static const SeverityStyle *
style_of (AwSeverity severity)
{
  /* An unknown severity looks like the mildest rather than crashing the panel */
  if ((guint) severity >= G_N_ELEMENTS (styles))
    severity = AW_SEVERITY_SUGGESTION;
  return &styles[severity];
}

const char *
aw_severity_style_get_icon_name (AwSeverity severity)
{
  return style_of (severity)->icon_name;
}

const char *
aw_severity_style_get_css_class (AwSeverity severity)
{
  return style_of (severity)->css_class;
}

/**
 * aw_severity_style_get_tag_name:
 *
 * Returns: the name of the GtkTextTag that highlights findings of @severity in the editor
 */
const char *
aw_severity_style_get_tag_name (AwSeverity severity)
{
  return style_of (severity)->tag_name;
}

void
aw_severity_style_get_underline (AwSeverity  severity,
                                 GdkRGBA    *color)
{
  gdk_rgba_parse (color, style_of (severity)->underline);
}

void
aw_severity_style_get_tint (AwSeverity  severity,
                            GdkRGBA    *color)
{
  gdk_rgba_parse (color, style_of (severity)->tint);
}

/* Sets @image to the severity's icon and colour. */
void
aw_severity_style_apply_to_icon (GtkImage   *image,
                                 AwSeverity  severity)
{
  gtk_image_set_from_icon_name (image, aw_severity_style_get_icon_name (severity));
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (image), styles[i].css_class);
  gtk_widget_add_css_class (GTK_WIDGET (image), aw_severity_style_get_css_class (severity));
}

/* A new icon for @severity that a screen reader reads as the severity's name */
GtkWidget *
aw_severity_style_new_icon (AwSeverity severity)
{
  GtkWidget *image = gtk_image_new ();

  aw_severity_style_apply_to_icon (GTK_IMAGE (image), severity);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  aw_severity_get_label (severity), -1);
  return image;
}
