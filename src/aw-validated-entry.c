/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-validated-entry.c: a labelled entry that explains what is wrong with its text
 *
 * The message appears below the field once the field loses focus (or when asked),
 * never while the person is still typing for the first time, and goes away as soon
 * as the text becomes valid.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-address.h"
#include "aw-draft.h"
#include "aw-validated-entry.h"

struct _AwValidatedEntry
{
  GtkWidget    parent_instance;

  GtkLabel    *title_label;
  GtkEntry    *entry;
  GtkLabel    *error_label;

  AwEntryKind  kind;
  char        *error;
  guint        required : 1;
  guint        error_shown : 1;
};

G_DEFINE_FINAL_TYPE (AwValidatedEntry, aw_validated_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_TEXT,
  PROP_KIND,
  PROP_REQUIRED,
  PROP_PLACEHOLDER,
  PROP_VALID,
  PROP_ERROR_SHOWN,
  N_PROPS
};

enum {
  ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
compute_error (AwValidatedEntry *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (*text == '\0')
    return self->required ? g_strdup (_("Required")) : NULL;

  switch (self->kind)
    {
    case AW_ENTRY_KIND_EMAIL:
      if (!aw_address_is_valid (text))
        /* Translators: shown below an email address field */
        return g_strdup (_("This is not an email address, e.g. name@example.com"));
      break;
    case AW_ENTRY_KIND_URL:
      if (!aw_draft_url_is_valid (text))
        /* Translators: shown below the job posting link field */
        return g_strdup (_("Enter a web link that starts with https:// or http://"));
      break;
    case AW_ENTRY_KIND_TEXT:
    default:
      break;
    }
  return NULL;
}

static void
update_error_label (AwValidatedEntry *self)
{
  gboolean show = self->error_shown && self->error != NULL;

  gtk_label_set_text (self->error_label, self->error ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), show);
  if (show)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
revalidate (AwValidatedEntry *self)
{
  g_autofree char *error = compute_error (self);
  gboolean was_valid = self->error == NULL;

  g_free (self->error);
  self->error = g_steal_pointer (&error);

  /* Once the text is fine again, the message goes; it only comes back on focus-out. */
  if (self->error == NULL && self->error_shown)
    {
      self->error_shown = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_SHOWN]);
    }
  update_error_label (self);

  if (was_valid != (self->error == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
on_entry_changed (AwValidatedEntry *self)
{
  revalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                AwValidatedEntry        *self)
{
  aw_validated_entry_show_error (self);
}

static void
on_entry_activate (AwValidatedEntry *self)
{
  g_signal_emit (self, signals[ACTIVATE], 0);
}

/**
 * aw_validated_entry_show_error:
 *
 * Shows the message for the current text, if there is one.
 */
void
aw_validated_entry_show_error (AwValidatedEntry *self)
{
  g_return_if_fail (AW_IS_VALIDATED_ENTRY (self));

  if (self->error_shown == (self->error != NULL))
    return;
  self->error_shown = self->error != NULL;
  update_error_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_SHOWN]);
}

GtkWidget *
aw_validated_entry_new (void)
{
  return g_object_new (AW_TYPE_VALIDATED_ENTRY, NULL);
}

const char *
aw_validated_entry_get_text (AwValidatedEntry *self)
{
  g_return_val_if_fail (AW_IS_VALIDATED_ENTRY (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
aw_validated_entry_set_text (AwValidatedEntry *self,
                             const char       *text)
{
  g_return_if_fail (AW_IS_VALIDATED_ENTRY (self));

  if (g_strcmp0 (text ? text : "", aw_validated_entry_get_text (self)) == 0)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
}

gboolean
aw_validated_entry_get_valid (AwValidatedEntry *self)
{
  g_return_val_if_fail (AW_IS_VALIDATED_ENTRY (self), FALSE);

  return self->error == NULL;
}

/**
 * aw_validated_entry_get_error:
 *
 * Returns: (nullable): what is wrong with the text, whether shown or not
 */
const char *
aw_validated_entry_get_error (AwValidatedEntry *self)
{
  g_return_val_if_fail (AW_IS_VALIDATED_ENTRY (self), NULL);

  return self->error;
}

gboolean
aw_validated_entry_get_error_shown (AwValidatedEntry *self)
{
  g_return_val_if_fail (AW_IS_VALIDATED_ENTRY (self), FALSE);

  return self->error_shown;
}

/**
 * aw_validated_entry_get_entry:
 *
 * Returns: (transfer none): the text field itself
 */
GtkEntry *
aw_validated_entry_get_entry (AwValidatedEntry *self)
{
  g_return_val_if_fail (AW_IS_VALIDATED_ENTRY (self), NULL);

  return self->entry;
}

static gboolean
aw_validated_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (AW_VALIDATED_ENTRY (widget)->entry));
}

static void
aw_validated_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AwValidatedEntry *self = AW_VALIDATED_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;
    case PROP_TEXT:
      g_value_set_string (value, aw_validated_entry_get_text (self));
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;
    case PROP_PLACEHOLDER:
      g_value_set_string (value, gtk_entry_get_placeholder_text (self->entry));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->error == NULL);
      break;
    case PROP_ERROR_SHOWN:
      g_value_set_boolean (value, self->error_shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_validated_entry_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AwValidatedEntry *self = AW_VALIDATED_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      if (g_strcmp0 (g_value_get_string (value), gtk_label_get_label (self->title_label)) != 0)
        {
          gtk_label_set_text_with_mnemonic (self->title_label, g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TEXT:
      aw_validated_entry_set_text (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      if (self->kind != (AwEntryKind) g_value_get_enum (value))
        {
          self->kind = g_value_get_enum (value);
          gtk_entry_set_input_purpose (self->entry,
                                       self->kind == AW_ENTRY_KIND_EMAIL ? GTK_INPUT_PURPOSE_EMAIL :
                                       self->kind == AW_ENTRY_KIND_URL ? GTK_INPUT_PURPOSE_URL :
                                       GTK_INPUT_PURPOSE_FREE_FORM);
          revalidate (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_REQUIRED:
      if (self->required != g_value_get_boolean (value))
        {
          self->required = g_value_get_boolean (value);
          revalidate (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PLACEHOLDER:
      gtk_entry_set_placeholder_text (self->entry, g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_validated_entry_dispose (GObject *object)
{
  AwValidatedEntry *self = AW_VALIDATED_ENTRY (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->title_label = NULL;
  self->entry = NULL;
  self->error_label = NULL;

  G_OBJECT_CLASS (aw_validated_entry_parent_class)->dispose (object);
}

static void
aw_validated_entry_finalize (GObject *object)
{
  AwValidatedEntry *self = AW_VALIDATED_ENTRY (object);

  g_free (self->error);

  G_OBJECT_CLASS (aw_validated_entry_parent_class)->finalize (object);
}

static void
aw_validated_entry_class_init (AwValidatedEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = aw_validated_entry_get_property;
  object_class->set_property = aw_validated_entry_set_property;
  object_class->dispose = aw_validated_entry_dispose;
  object_class->finalize = aw_validated_entry_finalize;
  widget_class->grab_focus = aw_validated_entry_grab_focus;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, AW_TYPE_ENTRY_KIND, AW_ENTRY_KIND_TEXT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR_SHOWN] =
    g_param_spec_boolean ("error-shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "validatedentry");
}

static void
aw_validated_entry_init (AwValidatedEntry *self)
{
  GtkEventController *focus;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_use_underline (self->title_label, TRUE);
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_set_parent (GTK_WIDGET (self->title_label), GTK_WIDGET (self));

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->entry, FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));
  gtk_label_set_mnemonic_widget (self->title_label, GTK_WIDGET (self->entry));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->error_label), GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);

  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);
}
