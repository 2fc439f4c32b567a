/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-panel.c: the checklist and the findings beside the editor
 *
 * The panel is updated on every keystroke, so it avoids work: the rows stay and get
 * the new AwFinding objects (their offsets moved, or a number in a message changed);
 * rows are only added or removed when the number of findings changes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-finding-row.h"
#include "aw-guidance-panel-private.h"

#define N_SEVERITIES 3

struct _AwGuidancePanel
{
  GtkWidget     parent_instance;

  GPtrArray    *rows;                  /* AwFindingRow, in display order */
  AdwActionRow *check_rows[AW_N_CHECKS];
  GtkImage     *check_icons[AW_N_CHECKS];
  gboolean      check_state[AW_N_CHECKS];
  AdwActionRow *typos_row;             /* spelling: not an AwCheck, hidden when off */
  GtkImage     *typos_icon;
  GtkWidget    *section_labels[N_SEVERITIES];
  GtkListBox   *section_lists[N_SEVERITIES];

  GtkWidget    *scrolled_window;
  GtkListBox   *checklist;
  GtkLabel     *no_findings_label;
  GtkBox       *findings_box;
};

G_DEFINE_FINAL_TYPE (AwGuidancePanel, aw_guidance_panel, GTK_TYPE_WIDGET)

enum {
  FINDING_ACTIVATED,
  FINDING_APPLY,
  FINDING_IGNORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_row_apply (AwFindingRow    *row,
              AwGuidancePanel *self)
{
  g_signal_emit (self, signals[FINDING_APPLY], 0, aw_finding_row_get_finding (row));
}

static void
on_row_ignore (AwFindingRow    *row,
               AwGuidancePanel *self)
{
  g_signal_emit (self, signals[FINDING_IGNORE], 0, aw_finding_row_get_finding (row));
}

static void
on_row_activated (AwGuidancePanel *self,
                  GtkListBoxRow   *row)
{
  g_signal_emit (self, signals[FINDING_ACTIVATED], 0,
                 aw_finding_row_get_finding (AW_FINDING_ROW (row)));
}

static void
set_check (AwGuidancePanel *self,
           AwCheck          check,
           gboolean         ok,
           gboolean         visible,
           const char      *title)
{
  AdwActionRow *row = self->check_rows[check];
  GtkImage *icon = self->check_icons[check];

  gtk_widget_set_visible (GTK_WIDGET (row), visible);
  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (self->check_state[check] == ok && gtk_image_get_icon_name (icon) != NULL)
    return;
  self->check_state[check] = ok;
  gtk_image_set_from_icon_name (icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), ok ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (icon), ok ? "success" : "warning");
  /* Translators: the state of a checklist item, shown under it */
  adw_action_row_set_subtitle (row, ok ? _("Done") : _("Not yet"));
}

static AwFinding *
find_rule (GPtrArray  *findings,
           const char *rule_id)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (aw_finding_get_rule_id (g_ptr_array_index (findings, i)), rule_id) == 0)
      return g_ptr_array_index (findings, i);
  return NULL;
}

static gboolean
has_rule (GPtrArray  *findings,
          const char *rule_id)
{
  return find_rule (findings, rule_id) != NULL;
}

static void
update_checklist (AwGuidancePanel  *self,
                  AwGuidanceReport *report,
                  GPtrArray        *findings,
                  gboolean          feedback_wanted)
{
  guint words = report ? aw_guidance_report_get_word_count (report) : 0;
  g_autofree char *short_title = NULL;
  AwFinding *repeat;

  set_check (self, AW_CHECK_THANKED, !has_rule (findings, AW_RULE_MISSING_THANKS), TRUE, NULL);
  set_check (self, AW_CHECK_ASKED_FEEDBACK, !has_rule (findings, AW_RULE_MISSING_FEEDBACK_REQUEST),
             feedback_wanted, NULL);
  /* Translators: a checklist item, e.g. "Short: 87/150 words" */
  short_title = g_strdup_printf (_("Short: %u/%u words"), words, AW_GUIDANCE_MAX_WORDS);
  set_check (self, AW_CHECK_SHORT, words <= AW_GUIDANCE_MAX_WORDS && !has_rule (findings, AW_RULE_TOO_LONG),
             TRUE, short_title);
  /* About the text only; an earlier send has its own row below */
  set_check (self, AW_CHECK_NO_PRESSURE,
             !has_rule (findings, AW_RULE_PUSHY) && !has_rule (findings, AW_RULE_STATUS_REQUEST),
             TRUE, NULL);
  set_check (self, AW_CHECK_POSITIVE,
             !has_rule (findings, AW_RULE_NEGATIVE) && !has_rule (findings, AW_RULE_OVERPROMISE) &&
             !has_rule (findings, AW_RULE_UNPROFESSIONAL),
             TRUE, NULL);
  repeat = find_rule (findings, AW_RULE_REPEAT_FOLLOW_UP);
  set_check (self, AW_CHECK_FIRST_FOLLOW_UP, repeat == NULL, TRUE, NULL);
  /* Not "Not yet": the finding says when the earlier one went out */
  if (repeat != NULL)
    adw_action_row_set_subtitle (self->check_rows[AW_CHECK_FIRST_FOLLOW_UP],
                                 aw_finding_get_message (repeat));
}

/* Shows @findings, reusing the rows already there: a keystroke usually changes no
 * finding, or only the numbers in one message, so no widget is created or destroyed. */
static void
sync_rows (AwGuidancePanel *self,
           GPtrArray       *findings)
{
  GPtrArray *by_severity[N_SEVERITIES];

  for (guint s = 0; s < N_SEVERITIES; s++)
    by_severity[s] = g_ptr_array_new ();
  for (guint i = 0; i < findings->len; i++)
    {
      AwFinding *finding = g_ptr_array_index (findings, i);
      g_ptr_array_add (by_severity[MIN (aw_finding_get_severity (finding), N_SEVERITIES - 1)], finding);
    }

  g_ptr_array_set_size (self->rows, 0);
  /* Display order: errors first */
  for (int s = N_SEVERITIES - 1; s >= 0; s--)
    {
      GtkListBox *list = self->section_lists[s];
      GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
      guint i = 0;

      for (; i < by_severity[s]->len; i++)
        {
          AwFinding *finding = g_ptr_array_index (by_severity[s], i);

          if (child != NULL)
            {
              aw_finding_row_set_finding (AW_FINDING_ROW (child), finding);
              g_ptr_array_add (self->rows, child);
              child = gtk_widget_get_next_sibling (child);
            }
          else
            {
              GtkWidget *row = aw_finding_row_new (finding);

              g_signal_connect (row, "apply", G_CALLBACK (on_row_apply), self);
              g_signal_connect (row, "ignore", G_CALLBACK (on_row_ignore), self);
              gtk_list_box_append (list, row);
              g_ptr_array_add (self->rows, row);
            }
        }
      while (child != NULL)
        {
          GtkWidget *next = gtk_widget_get_next_sibling (child);

          gtk_list_box_remove (list, child);
          child = next;
        }
      gtk_widget_set_visible (self->section_labels[s], by_severity[s]->len > 0);
      gtk_widget_set_visible (GTK_WIDGET (list), by_severity[s]->len > 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_findings_label), findings->len == 0);

  for (guint s = 0; s < N_SEVERITIES; s++)
    g_ptr_array_unref (by_severity[s]);
}

/**
 * aw_guidance_panel_update:
 * @report: (nullable): the report, for the word count
 * @findings: (element-type AwFinding): what to show, errors first
 * @feedback_wanted: whether the person chose to ask for feedback
 */
void
aw_guidance_panel_update (AwGuidancePanel  *self,
                          AwGuidanceReport *report,
                          GPtrArray        *findings,
                          gboolean          feedback_wanted)
{
  g_return_if_fail (AW_IS_GUIDANCE_PANEL (self));
  g_return_if_fail (findings != NULL);

  update_checklist (self, report, findings, feedback_wanted);
  sync_rows (self, findings);
}

guint
aw_guidance_panel_get_n_findings (AwGuidancePanel *self)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_PANEL (self), 0);

  return self->rows->len;
}

/**
 * aw_guidance_panel_set_typos:
 * @count: misspelled words, or -1 when spelling is not checked
 *
 * The checklist's "No typos" row; activating it moves to the next misspelled word.
 */
void
aw_guidance_panel_set_typos (AwGuidancePanel *self,
                             int              count)
{
  g_autofree char *title = NULL;
  gboolean ok = count <= 0;

  g_return_if_fail (AW_IS_GUIDANCE_PANEL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->typos_row), count >= 0);
  if (count > 0)
    /* Translators: the checklist goal "No typos" while there are some */
    title = g_strdup_printf (ngettext ("No typos: %d misspelled word", "No typos: %d misspelled words",
                                       count), count);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->typos_row), title ? title : _("No typos"));
  adw_action_row_set_subtitle (self->typos_row, ok ? _("Done") : _("Not yet"));
  gtk_image_set_from_icon_name (self->typos_icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->typos_icon), ok ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->typos_icon), ok ? "success" : "warning");
}

GtkWidget *
aw_guidance_panel_get_typos_row (AwGuidancePanel *self)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_PANEL (self), NULL);

  return GTK_WIDGET (self->typos_row);
}

/**
 * aw_guidance_panel_get_row:
 *
 * Returns: (transfer none): the AwFindingRow at @index, in display order
 */
GtkWidget *
aw_guidance_panel_get_row (AwGuidancePanel *self,
                           guint            index)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_PANEL (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, index);
}

gboolean
aw_guidance_panel_get_check (AwGuidancePanel *self,
                             AwCheck          check)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_PANEL (self), FALSE);
  g_return_val_if_fail (check < AW_N_CHECKS, FALSE);

  return self->check_state[check];
}

const char *
aw_guidance_panel_get_check_title (AwGuidancePanel *self,
                                   AwCheck          check)
{
  g_return_val_if_fail (AW_IS_GUIDANCE_PANEL (self), NULL);
  g_return_val_if_fail (check < AW_N_CHECKS, NULL);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->check_rows[check]));
}

GtkWidget *
aw_guidance_panel_new (void)
{
  return g_object_new (AW_TYPE_GUIDANCE_PANEL, NULL);
}

static void
aw_guidance_panel_dispose (GObject *object)
{
  AwGuidancePanel *self = AW_GUIDANCE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_GUIDANCE_PANEL);

  G_OBJECT_CLASS (aw_guidance_panel_parent_class)->dispose (object);
}

static void
aw_guidance_panel_finalize (GObject *object)
{
  AwGuidancePanel *self = AW_GUIDANCE_PANEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (aw_guidance_panel_parent_class)->finalize (object);
}

static void
aw_guidance_panel_class_init (AwGuidancePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aw_guidance_panel_dispose;
  object_class->finalize = aw_guidance_panel_finalize;

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, AW_TYPE_FINDING);
  signals[FINDING_APPLY] =
    g_signal_new ("finding-apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, AW_TYPE_FINDING);
  signals[FINDING_IGNORE] =
    g_signal_new ("finding-ignore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, AW_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-guidance-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AwGuidancePanel, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AwGuidancePanel, checklist);
  gtk_widget_class_bind_template_child (widget_class, AwGuidancePanel, no_findings_label);
  gtk_widget_class_bind_template_child (widget_class, AwGuidancePanel, findings_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guidancepanel");
}

static void
aw_guidance_panel_init (AwGuidancePanel *self)
{
  const char *check_titles[AW_N_CHECKS] = {
    /* Translators: checklist items beside the editor: the goals of the email, each
     * ticked when the draft meets it ("The email thanked them") */
    _("Thanked them"),
    /* Translators: a checklist goal: the email asks for feedback */
    _("Asked for feedback"),
    "",
    /* Translators: a checklist goal: the email puts no pressure on them */
    _("No pressure"),
    /* Translators: a checklist goal: the email's tone is positive */
    _("Positive"),
    /* Translators: a checklist goal: no follow-up went to this person or company before */
    _("First follow-up to them"),
  };
  const char *section_titles[N_SEVERITIES] = {
    /* Translators: headings of the findings, by severity */
    _("Suggestions"),
    _("Warnings"),
    _("Errors"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();

  for (guint i = 0; i < AW_N_CHECKS; i++)
    {
      self->check_rows[i] = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_rows[i]), check_titles[i]);
      gtk_widget_add_css_class (GTK_WIDGET (self->check_rows[i]), "check-row");
      self->check_icons[i] = GTK_IMAGE (gtk_image_new ());
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_icons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      adw_action_row_add_prefix (self->check_rows[i], GTK_WIDGET (self->check_icons[i]));
      gtk_list_box_append (self->checklist, GTK_WIDGET (self->check_rows[i]));
      self->check_state[i] = FALSE;
    }
  /* Spelling, hidden until the editor checks it */
  self->typos_row = ADW_ACTION_ROW (adw_action_row_new ());
  /* Translators: a checklist goal: no misspelled words */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->typos_row), _("No typos"));
  gtk_widget_add_css_class (GTK_WIDGET (self->typos_row), "check-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->typos_row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->typos_row), "editor.next-misspelling");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->typos_row), _("Go to the next misspelled word (F7)"));
  self->typos_icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->typos_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (self->typos_row, GTK_WIDGET (self->typos_icon));
  gtk_widget_set_visible (GTK_WIDGET (self->typos_row), FALSE);
  gtk_list_box_append (self->checklist, GTK_WIDGET (self->typos_row));

  /* A title from the start, so that no row is ever nameless */
  {
    g_autofree char *short_title = g_strdup_printf (_("Short: %u/%u words"), 0, AW_GUIDANCE_MAX_WORDS);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_rows[AW_CHECK_SHORT]), short_title);
  }

  /* Errors first, suggestions last */
  for (int s = N_SEVERITIES - 1; s >= 0; s--)
    {
      GtkWidget *label = gtk_label_new (section_titles[s]);
      GtkWidget *list = gtk_list_box_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_visible (label, FALSE);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_visible (list, FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      g_signal_connect_swapped (list, "row-activated", G_CALLBACK (on_row_activated), self);
      gtk_box_append (self->findings_box, label);
      gtk_box_append (self->findings_box, list);
      self->section_labels[s] = label;
      self->section_lists[s] = GTK_LIST_BOX (list);
    }
}
