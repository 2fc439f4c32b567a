/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-wizard.c: the steps from "I didn't get the job" to a first draft
 *
 * Every field is bound to the AwDraft, so whatever is typed is in the draft (and
 * autosaved by whoever owns it) at once: Back and Escape never lose anything.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aw-accessible.h"
#include "aw-draft-writer.h"
#include "aw-guidance.h"
#include "aw-job-posting.h"
#include "aw-validated-entry.h"
#include "aw-wizard.h"

#define DEFAULT_LOOKUP_TIMEOUT 10

struct _AwWizard
{
  GtkWidget          parent_instance;

  AwDraft           *draft;
  GPtrArray         *bindings;
  GCancellable      *lookup_cancellable;
  guint              lookup_timeout;
  gboolean           tone_updating;

  GtkWidget         *content;
  AdwWindowTitle    *window_title;
  GtkButton         *back_button;
  GtkButton         *next_button;
  GtkStack          *stack;
  AwValidatedEntry  *sender_name_entry;
  AwValidatedEntry  *recipient_name_entry;
  AwValidatedEntry  *recipient_address_entry;
  AwValidatedEntry  *posting_url_entry;
  GtkSpinner        *lookup_spinner;
  GtkButton         *lookup_button;
  GtkLabel          *lookup_note;
  AwValidatedEntry  *company_entry;
  AwValidatedEntry  *role_entry;
  AdwComboRow       *stage_row;
  AwValidatedEntry  *detail_entry;
  AdwActionRow      *warm_row;
  AdwActionRow      *formal_row;
  AdwActionRow      *brief_row;
  GtkCheckButton    *warm_check;
  GtkCheckButton    *formal_check;
  GtkCheckButton    *brief_check;
  AdwComboRow       *language_row;
  AdwComboRow       *salutation_row;
  GtkSwitch         *ask_feedback_switch;
  AdwEntryRow       *feedback_area_row;
  GtkSwitch         *open_to_future_switch;
  GtkSwitch         *stay_in_touch_switch;
};

G_DEFINE_FINAL_TYPE (AwWizard, aw_wizard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DRAFT,
  PROP_STEP,
  PROP_STEP_VALID,
  N_PROPS
};

enum {
  CANCELLED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const steps[] = {
  AW_WIZARD_STEP_CONTEXT, AW_WIZARD_STEP_TONE, AW_WIZARD_STEP_FEEDBACK,
};


static int
step_index (AwWizard *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i], name) == 0)
      return i;
  return 0;
}

static gboolean
context_is_valid (AwWizard *self)
{
  AwValidatedEntry *entries[] = {
    self->sender_name_entry, self->recipient_name_entry, self->recipient_address_entry,
    self->posting_url_entry, self->company_entry, self->role_entry, self->detail_entry,
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (!aw_validated_entry_get_valid (entries[i]))
      return FALSE;
  return self->draft != NULL && aw_draft_is_context_valid (self->draft);
}

gboolean
aw_wizard_get_step_valid (AwWizard *self)
{
  g_return_val_if_fail (AW_IS_WIZARD (self), FALSE);

  if (self->draft == NULL)
    return FALSE;
  if (step_index (self) == 0)
    return context_is_valid (self);
  return TRUE;
}

static void
update_buttons (AwWizard *self)
{
  int index = step_index (self);
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", aw_wizard_get_step_valid (self));
  gtk_button_set_label (self->next_button,
                        index == G_N_ELEMENTS (steps) - 1 ? _("_Write") : _("_Next"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button),
                               index == G_N_ELEMENTS (steps) - 1 ?
                               _("Write the draft (Enter on the last field)") :
                               _("Next step (Enter on the last field)"));
  /* Translators: the wizard's subtitle, e.g. "Step 1 of 3" */
  subtitle = g_strdup_printf (_("Step %d of %d"), index + 1, (int) G_N_ELEMENTS (steps));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_VALID]);
}

static void
update_tone_previews (AwWizard *self)
{
  g_autofree char *language = NULL;
  struct { const char *nick; AdwActionRow *row; } rows[] = {
    { "warm", self->warm_row }, { "formal", self->formal_row }, { "brief", self->brief_row },
  };
  GEnumClass *tones = g_type_class_ref (AW_TYPE_TONE);

  if (self->draft != NULL)
    g_object_get (self->draft, "language", &language, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GEnumValue *value = g_enum_get_value_by_nick (tones, rows[i].nick);
      g_autofree char *preview = NULL;

      if (value != NULL)
        preview = aw_draft_writer_preview (language ? language : "en", value->value);
      adw_action_row_set_subtitle (rows[i].row, preview ? preview : "");
    }
  g_type_class_unref (tones);
}

static void
sync_tone_from_draft (AwWizard *self)
{
  GEnumClass *tones = g_type_class_ref (AW_TYPE_TONE);
  GEnumValue *value;
  int tone;

  g_object_get (self->draft, "tone", &tone, NULL);
  value = g_enum_get_value (tones, tone);
  self->tone_updating = TRUE;
  if (value != NULL && g_strcmp0 (value->value_nick, "formal") == 0)
    gtk_check_button_set_active (self->formal_check, TRUE);
  else if (value != NULL && g_strcmp0 (value->value_nick, "brief") == 0)
    gtk_check_button_set_active (self->brief_check, TRUE);
  else
    gtk_check_button_set_active (self->warm_check, TRUE);
  self->tone_updating = FALSE;
  g_type_class_unref (tones);
}

static void
on_tone_toggled (GtkCheckButton *check,
                 AwWizard       *self)
{
  GEnumClass *tones;
  GEnumValue *value;
  const char *nick;

  if (self->tone_updating || self->draft == NULL || !gtk_check_button_get_active (check))
    return;
  nick = check == self->formal_check ? "formal" : check == self->brief_check ? "brief" : "warm";
  tones = g_type_class_ref (AW_TYPE_TONE);
  value = g_enum_get_value_by_nick (tones, nick);
  if (value != NULL)
    g_object_set (self->draft, "tone", value->value, NULL);
  g_type_class_unref (tones);
}

/* Enum property <-> position in a list that shows the enum's values in order */
static gboolean
enum_to_index (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (from));
  int value = g_value_get_enum (from);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value == value)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
index_to_enum (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (to));
  guint index = g_value_get_uint (from);

  if (index >= klass->n_values)
    return FALSE;
  g_value_set_enum (to, klass->values[index].value);
  return TRUE;
}

static gboolean
language_to_index (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char * const *languages = aw_draft_writer_get_languages ();
  const char *code = g_value_get_string (from);

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (languages[i], code) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
index_to_language (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char * const *languages = aw_draft_writer_get_languages ();
  guint index = g_value_get_uint (from);

  if (index >= g_strv_length ((char **) languages))
    return FALSE;
  g_value_set_string (to, languages[index]);
  return TRUE;
}

static void
on_draft_notify (AwWizard *self)
{
  update_buttons (self);
}

static void
on_language_notify (AwWizard *self)
{
  update_tone_previews (self);
}

static void
unbind_draft (AwWizard *self)
{
  if (self->draft == NULL)
    return;
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);
}

static void
bind (AwWizard   *self,
      const char *draft_property,
      gpointer    widget,
      const char *widget_property)
{
  GBinding *binding = g_object_bind_property (self->draft, draft_property,
                                              widget, widget_property,
                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_ptr_array_add (self->bindings, binding);
}

/**
 * aw_wizard_set_draft:
 *
 * Shows @draft in the fields; every change to a field goes to @draft at once.
 * An empty language is set to the desktop's language.
 */
void
aw_wizard_set_draft (AwWizard *self,
                     AwDraft  *draft)
{
  g_return_if_fail (AW_IS_WIZARD (self));
  g_return_if_fail (draft == NULL || AW_IS_DRAFT (draft));

  if (self->draft == draft)
    return;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  gtk_spinner_stop (self->lookup_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_note), FALSE);
  unbind_draft (self);

  if (draft != NULL)
    {
      self->draft = g_object_ref (draft);

      if (!aw_draft_writer_has_language (aw_draft_get_language (draft)))
        aw_draft_set_language (draft, aw_draft_get_default_language ());

      bind (self, "sender-name", self->sender_name_entry, "text");
      bind (self, "recipient-name", self->recipient_name_entry, "text");
      bind (self, "recipient-address", self->recipient_address_entry, "text");
      bind (self, "posting-url", self->posting_url_entry, "text");
      bind (self, "company", self->company_entry, "text");
      bind (self, "role", self->role_entry, "text");
      bind (self, "detail", self->detail_entry, "text");
      bind (self, "feedback-area", self->feedback_area_row, "text");
      bind (self, "ask-feedback", self->ask_feedback_switch, "active");
      bind (self, "open-to-future", self->open_to_future_switch, "active");
      bind (self, "stay-in-touch", self->stay_in_touch_switch, "active");
      g_ptr_array_add (self->bindings,
                       g_object_bind_property_full (draft, "stage", self->stage_row, "selected",
                                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                    enum_to_index, index_to_enum, NULL, NULL));
      g_ptr_array_add (self->bindings,
                       g_object_bind_property_full (draft, "salutation", self->salutation_row, "selected",
                                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                    enum_to_index, index_to_enum, NULL, NULL));
      g_ptr_array_add (self->bindings,
                       g_object_bind_property_full (draft, "language", self->language_row, "selected",
                                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                    language_to_index, index_to_language, NULL, NULL));
      sync_tone_from_draft (self);
      g_signal_connect_swapped (draft, "notify", G_CALLBACK (on_draft_notify), self);
      g_signal_connect_swapped (draft, "notify::language", G_CALLBACK (on_language_notify), self);
      g_signal_connect_swapped (draft, "notify::tone", G_CALLBACK (sync_tone_from_draft), self);
      update_tone_previews (self);
    }

  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

/**
 * aw_wizard_get_draft:
 *
 * Returns: (transfer none) (nullable): the draft being filled in
 */
AwDraft *
aw_wizard_get_draft (AwWizard *self)
{
  g_return_val_if_fail (AW_IS_WIZARD (self), NULL);

  return self->draft;
}

const char *
aw_wizard_get_step (AwWizard *self)
{
  g_return_val_if_fail (AW_IS_WIZARD (self), NULL);

  return steps[step_index (self)];
}

static gboolean
focus_first_field (AwWizard *self)
{
  switch (step_index (self))
    {
    case 0:
      return gtk_widget_grab_focus (GTK_WIDGET (self->sender_name_entry));
    case 1:
      if (gtk_check_button_get_active (self->formal_check))
        return gtk_widget_grab_focus (GTK_WIDGET (self->formal_check));
      if (gtk_check_button_get_active (self->brief_check))
        return gtk_widget_grab_focus (GTK_WIDGET (self->brief_check));
      return gtk_widget_grab_focus (GTK_WIDGET (self->warm_check));
    default:
      return gtk_widget_grab_focus (GTK_WIDGET (self->ask_feedback_switch));
    }
}

/* Focusing the wizard focuses the first field of the step shown */
static gboolean
aw_wizard_grab_focus (GtkWidget *widget)
{
  return focus_first_field (AW_WIZARD (widget));
}

void
aw_wizard_set_step (AwWizard   *self,
                    const char *step)
{
  g_return_if_fail (AW_IS_WIZARD (self));
  g_return_if_fail (step != NULL);

  if (g_strcmp0 (step, aw_wizard_get_step (self)) == 0)
    return;
  gtk_stack_set_visible_child_name (self->stack, step);
  update_buttons (self);
  focus_first_field (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

void
aw_wizard_set_lookup_timeout (AwWizard *self,
                              guint     seconds)
{
  g_return_if_fail (AW_IS_WIZARD (self));

  self->lookup_timeout = seconds;
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AwWizard *self = AW_WIZARD (widget);
  int index = step_index (self);

  if (index == 0)
    g_signal_emit (self, signals[CANCELLED], 0);
  else
    aw_wizard_set_step (self, steps[index - 1]);
}

static void
show_all_errors (AwWizard *self)
{
  AwValidatedEntry *entries[] = {
    self->sender_name_entry, self->recipient_name_entry, self->recipient_address_entry,
    self->posting_url_entry, self->company_entry, self->role_entry, self->detail_entry,
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    aw_validated_entry_show_error (entries[i]);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AwWizard *self = AW_WIZARD (widget);
  int index = step_index (self);

  if (!aw_wizard_get_step_valid (self))
    {
      show_all_errors (self);
      return;
    }
  if (index + 1 < (int) G_N_ELEMENTS (steps))
    aw_wizard_set_step (self, steps[index + 1]);
  else
    g_signal_emit (self, signals[FINISHED], 0);
}

static void
on_field_activate (AwValidatedEntry *entry,
                   AwWizard         *self)
{
  /* Enter in the last field is Next; in any other field it moves on to the next one. */
  if (entry == self->detail_entry)
    gtk_widget_activate_action (GTK_WIDGET (self), "wizard.next", NULL);
  else
    gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))),
                            GTK_DIR_TAB_FORWARD);
}

static void
on_feedback_area_activated (AwWizard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.next", NULL);
}

static void
show_lookup_note (AwWizard   *self,
                  const char *note)
{
  gtk_label_set_text (self->lookup_note, note);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_note), note != NULL);
}

/* "Fill In" needs a web link and no lookup running */
static void
update_lookup_action (AwWizard *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.look-up-posting",
                                 self->lookup_cancellable == NULL &&
                                 aw_draft_url_is_valid (aw_validated_entry_get_text (self->posting_url_entry)) &&
                                 *aw_validated_entry_get_text (self->posting_url_entry) != '\0');
}

static void
lookup_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AwWizard) self = user_data;
  g_autoptr(AwJobPosting) posting = NULL;
  g_autoptr(GError) error = NULL;
  const char *title, *company;
  gboolean filled = FALSE;

  posting = aw_job_posting_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->lookup_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_spinner), FALSE);
  g_clear_object (&self->lookup_cancellable);
  update_lookup_action (self);

  if (posting == NULL)
    {
      g_debug ("job posting lookup failed: %s", error->message);
      if (g_error_matches (error, AW_JOB_POSTING_ERROR, AW_JOB_POSTING_ERROR_TIMEOUT))
        /* Translators: a quiet note below the job posting link */
        show_lookup_note (self, _("The posting did not load in time. Please fill in the role and company yourself."));
      else
        /* Translators: a quiet note below the job posting link */
        show_lookup_note (self, _("Could not read this posting. Please fill in the role and company yourself."));
      return;
    }

  title = aw_job_posting_get_title (posting);
  company = aw_job_posting_get_company (posting);
  /* Only empty fields are filled: what the person typed wins. */
  if (title != NULL && *title != '\0' && *aw_validated_entry_get_text (self->role_entry) == '\0')
    {
      aw_validated_entry_set_text (self->role_entry, title);
      filled = TRUE;
    }
  if (company != NULL && *company != '\0' && *aw_validated_entry_get_text (self->company_entry) == '\0')
    {
      aw_validated_entry_set_text (self->company_entry, company);
      filled = TRUE;
    }
  if (filled)
    show_lookup_note (self, _("Filled in from the posting. Please check."));
  else if ((title == NULL || *title == '\0') && (company == NULL || *company == '\0'))
    show_lookup_note (self, _("The posting does not name the role or company."));
  else
    show_lookup_note (self, _("Role and company are already filled in; nothing changed."));
}

static void
look_up_posting (AwWizard *self)
{
  const char *url = aw_validated_entry_get_text (self->posting_url_entry);

  if (!aw_draft_url_is_valid (url))
    {
      aw_validated_entry_show_error (self->posting_url_entry);
      return;
    }
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();

  show_lookup_note (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_spinner), TRUE);
  gtk_spinner_start (self->lookup_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.look-up-posting", FALSE);
  aw_job_posting_lookup_async (url, self->lookup_timeout, self->lookup_cancellable,
                               lookup_done, g_object_ref (self));
}

static void
look_up_posting_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  look_up_posting (AW_WIZARD (widget));
}

static void
on_posting_url_focus_leave (AwWizard *self)
{
  /* Look the posting up by itself once, when a link was entered and nothing is known yet. */
  if (self->lookup_cancellable == NULL &&
      aw_draft_url_is_valid (aw_validated_entry_get_text (self->posting_url_entry)) &&
      (*aw_validated_entry_get_text (self->role_entry) == '\0' ||
       *aw_validated_entry_get_text (self->company_entry) == '\0'))
    look_up_posting (self);
}

static void
on_posting_url_activate (AwWizard *self)
{
  if (aw_draft_url_is_valid (aw_validated_entry_get_text (self->posting_url_entry)))
    look_up_posting (self);
}

static void
on_entry_valid_changed (AwWizard *self)
{
  update_buttons (self);
}

static void
on_posting_url_changed (AwWizard *self)
{
  update_lookup_action (self);
}

GtkWidget *
aw_wizard_new (void)
{
  return g_object_new (AW_TYPE_WIZARD, NULL);
}

static void
aw_wizard_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AwWizard *self = AW_WIZARD (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    case PROP_STEP:
      g_value_set_string (value, aw_wizard_get_step (self));
      break;
    case PROP_STEP_VALID:
      g_value_set_boolean (value, aw_wizard_get_step_valid (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_wizard_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AwWizard *self = AW_WIZARD (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      aw_wizard_set_draft (self, g_value_get_object (value));
      break;
    case PROP_STEP:
      aw_wizard_set_step (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_wizard_dispose (GObject *object)
{
  AwWizard *self = AW_WIZARD (object);

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  unbind_draft (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_WIZARD);

  G_OBJECT_CLASS (aw_wizard_parent_class)->dispose (object);
}

static void
aw_wizard_finalize (GObject *object)
{
  AwWizard *self = AW_WIZARD (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (aw_wizard_parent_class)->finalize (object);
}

static void
aw_wizard_class_init (AwWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = aw_wizard_get_property;
  object_class->set_property = aw_wizard_set_property;
  object_class->dispose = aw_wizard_dispose;
  object_class->finalize = aw_wizard_finalize;
  widget_class->grab_focus = aw_wizard_grab_focus;

  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, AW_TYPE_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, AW_WIZARD_STEP_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STEP_VALID] =
    g_param_spec_boolean ("step-valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Back on the first step: the person wants out of the wizard (the draft stays). */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Next on the last step: the answers are complete, write the draft. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (AW_TYPE_VALIDATED_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, AwWizard, content);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, sender_name_entry);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, recipient_name_entry);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, recipient_address_entry);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, posting_url_entry);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, lookup_spinner);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, lookup_button);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, lookup_note);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, company_entry);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, role_entry);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, stage_row);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, detail_entry);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, warm_row);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, formal_row);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, brief_row);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, warm_check);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, formal_check);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, brief_check);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, language_row);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, ask_feedback_switch);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, feedback_area_row);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, open_to_future_switch);
  gtk_widget_class_bind_template_child (widget_class, AwWizard, stay_in_touch_switch);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "wizard.look-up-posting", NULL,
                                   look_up_posting_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
aw_wizard_init (AwWizard *self)
{
  g_autoptr(GtkStringList) stage_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) salutation_names = gtk_string_list_new (NULL);
  const char * const *languages = aw_draft_writer_get_languages ();
  GEnumClass *stages;
  GtkEventController *focus;
  AwValidatedEntry *entries[7];

  self->bindings = g_ptr_array_new ();
  self->lookup_timeout = DEFAULT_LOOKUP_TIMEOUT;

  gtk_widget_init_template (GTK_WIDGET (self));

  stages = g_type_class_ref (AW_TYPE_STAGE);
  for (guint i = 0; i < stages->n_values; i++)
    gtk_string_list_append (stage_names, aw_stage_get_label (stages->values[i].value));
  g_type_class_unref (stages);
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stage_names));

  for (guint i = 0; languages[i] != NULL; i++)
    gtk_string_list_append (language_names, aw_draft_language_get_name (languages[i]));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (language_names));

  /* In the order of AwSalutation */
  /* Translators: how the email greets the recipient */
  gtk_string_list_append (salutation_names, _("By full name"));
  /* Translators: how the email greets the recipient; the examples are in several languages */
  gtk_string_list_append (salutation_names, _("As a woman (Ms, Frau, Madame)"));
  /* Translators: how the email greets the recipient; the examples are in several languages */
  gtk_string_list_append (salutation_names, _("As a man (Mr, Herr, Monsieur)"));
  adw_combo_row_set_model (self->salutation_row, G_LIST_MODEL (salutation_names));

  entries[0] = self->sender_name_entry;
  entries[1] = self->recipient_name_entry;
  entries[2] = self->recipient_address_entry;
  entries[3] = self->posting_url_entry;
  entries[4] = self->company_entry;
  entries[5] = self->role_entry;
  entries[6] = self->detail_entry;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_signal_connect_swapped (entries[i], "notify::valid", G_CALLBACK (on_entry_valid_changed), self);
      if (entries[i] != self->posting_url_entry)
        g_signal_connect (entries[i], "activate", G_CALLBACK (on_field_activate), self);
    }
  g_signal_connect_swapped (self->posting_url_entry, "activate",
                            G_CALLBACK (on_posting_url_activate), self);
  g_signal_connect_swapped (self->posting_url_entry, "notify::text",
                            G_CALLBACK (on_posting_url_changed), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_posting_url_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (aw_validated_entry_get_entry (self->posting_url_entry)), focus);

  /* Names, roles and actions for assistive tools (GTK 4.8 gives them none here) */
  {
    GtkCheckButton *checks[] = { self->warm_check, self->formal_check, self->brief_check };
    AdwComboRow *combos[] = { self->stage_row, self->language_row, self->salutation_row };

    /* their names are in the template */
    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      aw_accessible_add_select_action (checks[i]);
    for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
      aw_accessible_add_choice_actions (combos[i]);
  }

  g_signal_connect (self->warm_check, "toggled", G_CALLBACK (on_tone_toggled), self);
  g_signal_connect (self->formal_check, "toggled", G_CALLBACK (on_tone_toggled), self);
  g_signal_connect (self->brief_check, "toggled", G_CALLBACK (on_tone_toggled), self);
  g_signal_connect_swapped (self->feedback_area_row, "entry-activated",
                            G_CALLBACK (on_feedback_area_activated), self);
  adw_entry_row_set_show_apply_button (self->feedback_area_row, FALSE);

  update_buttons (self);
  update_lookup_action (self);
}
