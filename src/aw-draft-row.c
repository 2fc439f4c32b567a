/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-draft-row.c: an unfinished draft on the start page
 *
 * Title: the recipient; subtitle: company and when it was last edited, kept up to date
 * while the row is shown. Activating the row resumes the draft (win.resume-draft), the
 * trash button deletes it (win.delete-draft, with an undo toast in the window).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-draft-row.h"

struct _AwDraftRow
{
  AdwActionRow  parent_instance;

  AwDraft      *draft;
  GtkButton    *delete_button;
};

G_DEFINE_FINAL_TYPE (AwDraftRow, aw_draft_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_edited (GDateTime *modified)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan age;

  if (modified == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (modified);
  age = g_date_time_difference (now, local);
  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Edited just now"));
  if (age < G_TIME_SPAN_HOUR)
    {
      int minutes = age / G_TIME_SPAN_MINUTE;
      /* Translators: how long ago a draft was last edited */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Edited %d minute ago",
                                           "Edited %d minutes ago", minutes), minutes);
    }
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    {
      g_autofree char *time = g_date_time_format (local, "%X");
      /* Translators: %s is a time of day */
      return g_strdup_printf (_("Edited today at %s"), time);
    }
  {
    g_autofree char *date = g_date_time_format (local, "%x");
    /* Translators: %s is a date */
    return g_strdup_printf (_("Edited on %s"), date);
  }
}

static void
update (AwDraftRow *self)
{
  const char *recipient = aw_draft_get_recipient_name (self->draft);
  const char *company = aw_draft_get_company (self->draft);
  g_autofree char *edited = format_edited (aw_draft_get_modified (self->draft));
  g_autofree char *subtitle = NULL;
  g_autofree char *delete_label = NULL;

  if (recipient == NULL || *recipient == '\0')
    recipient = _("Unnamed recipient");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), recipient);
  if (company != NULL && *company != '\0')
    /* Translators: company, then when the draft was edited, e.g. "Acme · Edited just now" */
    subtitle = g_strdup_printf (_("%s · %s"), company, edited);
  else
    subtitle = g_strdup (edited);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  /* Translators: accessible name of the delete button of a draft; %s is the recipient */
  delete_label = g_strdup_printf (_("Delete the draft to %s"), recipient);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", aw_draft_get_id (self->draft));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s",
                                    aw_draft_get_id (self->draft));
}

/* The draft changes while it is edited, with the start page hidden: catch up when shown */
static void
on_draft_notify (AwDraftRow *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self);
}

static void
aw_draft_row_map (GtkWidget *widget)
{
  update (AW_DRAFT_ROW (widget));
  GTK_WIDGET_CLASS (aw_draft_row_parent_class)->map (widget);
}

GtkWidget *
aw_draft_row_new (AwDraft *draft)
{
  g_return_val_if_fail (AW_IS_DRAFT (draft), NULL);

  return g_object_new (AW_TYPE_DRAFT_ROW, "draft", draft, NULL);
}

/**
 * aw_draft_row_get_draft:
 *
 * Returns: (transfer none): the draft shown
 */
AwDraft *
aw_draft_row_get_draft (AwDraftRow *self)
{
  g_return_val_if_fail (AW_IS_DRAFT_ROW (self), NULL);

  return self->draft;
}

static void
aw_draft_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AwDraftRow *self = AW_DRAFT_ROW (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_draft_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AwDraftRow *self = AW_DRAFT_ROW (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      if (self->draft == g_value_get_object (value))
        break;
      if (self->draft != NULL)
        g_signal_handlers_disconnect_by_data (self->draft, self);
      g_set_object (&self->draft, g_value_get_object (value));
      g_signal_connect_object (self->draft, "notify", G_CALLBACK (on_draft_notify), self,
                               G_CONNECT_SWAPPED);
      update (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_draft_row_dispose (GObject *object)
{
  AwDraftRow *self = AW_DRAFT_ROW (object);

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (aw_draft_row_parent_class)->dispose (object);
}

static void
aw_draft_row_class_init (AwDraftRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = aw_draft_row_map;
  object_class->get_property = aw_draft_row_get_property;
  object_class->set_property = aw_draft_row_set_property;
  object_class->dispose = aw_draft_row_dispose;

  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, AW_TYPE_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aw_draft_row_init (AwDraftRow *self)
{
  GtkWidget *arrow;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self), "win.resume-draft");

  self->delete_button = GTK_BUTTON (gtk_button_new_from_icon_name ("user-trash-symbolic"));
  gtk_widget_set_valign (GTK_WIDGET (self->delete_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), _("Delete Draft"));
  gtk_widget_add_css_class (GTK_WIDGET (self->delete_button), "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "win.delete-draft");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->delete_button));

  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), arrow);
}
