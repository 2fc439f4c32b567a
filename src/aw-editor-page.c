/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-editor-page.c: subject and body of the follow-up, with live guidance beside them
 *
 * Every change re-checks the whole draft in the same main-loop turn (the engine is
 * linear and fast); AwFindingHighlights then retags only what changed.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-draft-check.h"
#include "aw-editor-export.h"
#include "aw-editor-page-private.h"
#include "aw-finding-highlights.h"
#include "aw-finding-row.h"
#include "aw-guidance-panel.h"
#include "aw-severity-style.h"
#include "aw-spell-controller.h"
#include "aw-text-edit.h"

struct _AwEditorPage
{
  GtkWidget          parent_instance;

  AwDraft           *draft;
  AwDraftCheck      *check;           /* options, dismissals and order of the findings */
  AwGuidanceReport  *report;
  GPtrArray         *findings;        /* AwFinding shown (not dismissed) */
  AwFindingHighlights *highlights;    /* the body's tags of the findings */
  gboolean           loading;
  gboolean           check_spelling;
  AwSpellController *spell;
  GSettings         *settings;

  GtkWidget         *content;
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  AdwFlap           *flap;
  GtkToggleButton   *guidance_toggle;
  GtkEntry          *subject_entry;
  GtkTextView       *body_view;
  AwGuidancePanel   *guidance_panel;
  GtkLabel          *spell_notice;
};

G_DEFINE_FINAL_TYPE (AwEditorPage, aw_editor_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DRAFT,
  PROP_CHECK_SPELLING,
  N_PROPS
};

enum {
  BACK,
  CHECKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * aw_editor_page_get_tag_name:
 *
 * Returns: the name of the GtkTextTag that highlights findings of @severity
 */
const char *
aw_editor_page_get_tag_name (AwSeverity severity)
{
  g_return_val_if_fail (severity <= AW_SEVERITY_ERROR, NULL);

  return aw_severity_style_get_tag_name (severity);
}

static GtkTextBuffer *
body_buffer (AwEditorPage *self)
{
  return gtk_text_view_get_buffer (self->body_view);
}

static char *
dup_body (AwEditorPage *self)
{
  return aw_text_edit_dup_buffer (body_buffer (self));
}

static const char *
get_subject (AwEditorPage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->subject_entry));
}

static void
update_subject_highlights (AwEditorPage *self)
{
  g_autoptr(PangoAttrList) attributes = NULL;

  attributes = aw_finding_highlights_subject_attributes (self->findings, get_subject (self));
  aw_spell_controller_add_subject_attributes (self->spell, attributes);
  gtk_entry_set_attributes (self->subject_entry, attributes);
}

static void
recheck (AwEditorPage *self,
         const char   *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwGuidanceReport) report = NULL;
  g_autofree char *owned_body = NULL;
  const char *subject;
  GListModel *all;
  guint n;

  if (self->draft == NULL)
    return;
  if (body == NULL)
    body = owned_body = dup_body (self);
  subject = get_subject (self);

  report = aw_draft_check_run (self->check, subject, body, &error);
  if (report == NULL)
    {
      /* Not the text itself: it may be private. */
      g_warning ("guidance check failed: %s", error->message);
      return;
    }
  g_set_object (&self->report, report);

  /* Dismissed findings are already left out, the rest sorted */
  g_ptr_array_set_size (self->findings, 0);
  all = aw_guidance_report_get_findings (report);
  n = g_list_model_get_n_items (all);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->findings, g_list_model_get_item (all, i));

  aw_finding_highlights_update (self->highlights, self->findings);
  aw_spell_controller_update (self->spell);
  update_subject_highlights (self);
  aw_guidance_panel_update (self->guidance_panel, report, self->findings,
                            aw_draft_get_ask_feedback (self->draft));
  g_signal_emit (self, signals[CHECKED], 0);
}

static void
on_body_changed (AwEditorPage *self)
{
  g_autofree char *body = NULL;

  if (self->loading || self->draft == NULL)
    return;
  body = dup_body (self);
  aw_draft_set_body (self->draft, body);
  recheck (self, body);
}

static void
on_subject_changed (AwEditorPage *self)
{
  if (self->loading || self->draft == NULL)
    return;
  aw_draft_set_subject (self->draft, get_subject (self));
  recheck (self, NULL);
}

static void
update_title (AwEditorPage *self)
{
  g_autofree char *title = NULL;

  if (self->draft == NULL)
    return;
  /* Translators: the editor's title; %s is the recipient's name */
  title = g_strdup_printf (_("Follow-Up to %s"), aw_draft_get_recipient_name (self->draft));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, aw_draft_get_company (self->draft));
}

static void
on_draft_answers_changed (AwEditorPage *self)
{
  update_title (self);
}

static void
on_check_changed (AwEditorPage *self)
{
  /* Language, recipient, the feedback choice or the history changed */
  if (!self->loading)
    recheck (self, NULL);
}

static void
load_draft (AwEditorPage *self)
{
  GtkTextBuffer *buffer = body_buffer (self);
  GtkTextIter start, end;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry),
                         self->draft ? aw_draft_get_subject (self->draft) : "");
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, self->draft && aw_draft_get_body (self->draft) ?
                            aw_draft_get_body (self->draft) : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);
  gtk_text_buffer_place_cursor (buffer, &start);
  aw_finding_highlights_reset (self->highlights);
  self->loading = FALSE;

  update_title (self);
  recheck (self, NULL);
}

/**
 * aw_editor_page_set_draft:
 *
 * Shows the subject and body of @draft; edits go to @draft at once.
 */
void
aw_editor_page_set_draft (AwEditorPage *self,
                          AwDraft      *draft)
{
  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (draft == NULL || AW_IS_DRAFT (draft));

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_set_object (&self->draft, draft);
  self->loading = TRUE;  /* load_draft() checks the new text */
  aw_draft_check_set_draft (self->check, draft);
  aw_spell_controller_set_draft (self->spell, draft);
  if (draft != NULL)
    {
      const char *answers[] = { "language", "recipient-address", "recipient-name", "company",
                                "ask-feedback" };

      for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
        {
          g_autofree char *signal = g_strconcat ("notify::", answers[i], NULL);
          g_signal_connect_swapped (draft, signal, G_CALLBACK (on_draft_answers_changed), self);
        }
    }
  load_draft (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

/**
 * aw_editor_page_get_draft:
 *
 * Returns: (transfer none) (nullable): the draft shown
 */
AwDraft *
aw_editor_page_get_draft (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->draft;
}

/**
 * aw_editor_page_set_history:
 * @history: (nullable): the sent follow-ups
 *
 * Earlier follow-ups to the same address or company give a repeat-follow-up finding.
 */
void
aw_editor_page_set_history (AwEditorPage *self,
                            AwHistory    *history)
{
  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (history == NULL || AW_IS_HISTORY (history));

  aw_draft_check_set_history (self->check, history);
}

/**
 * aw_editor_page_get_report:
 *
 * Returns: (transfer none) (nullable): the last check
 */
AwGuidanceReport *
aw_editor_page_get_report (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->report;
}

/**
 * aw_editor_page_get_findings:
 *
 * Returns: (transfer none) (element-type AwFinding): the findings shown
 */
GPtrArray *
aw_editor_page_get_findings (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->findings;
}

void
aw_editor_page_select_finding (AwEditorPage *self,
                               AwFinding    *finding)
{
  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (AW_IS_FINDING (finding));

  if (!aw_finding_has_span (finding))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
      return;
    }
  if (aw_finding_get_part (finding) == AW_DRAFT_PART_SUBJECT)
    aw_text_edit_select_in_editable (GTK_EDITABLE (self->subject_entry),
                                     aw_finding_get_start (finding), aw_finding_get_end (finding));
  else
    aw_text_edit_select_in_view (self->body_view,
                                 aw_finding_get_start (finding), aw_finding_get_end (finding));
  /* In a narrow window the panel covers the text: get it out of the way. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

void
aw_editor_page_apply_finding (AwEditorPage *self,
                              AwFinding    *finding)
{
  const char *suggestion;
  int start, end;

  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (AW_IS_FINDING (finding));

  suggestion = aw_finding_get_suggestion (finding);
  if (suggestion == NULL || !aw_finding_has_span (finding))
    return;
  start = aw_finding_get_start (finding);
  end = aw_finding_get_end (finding);

  if (aw_finding_get_part (finding) == AW_DRAFT_PART_SUBJECT)
    aw_text_edit_replace_in_editable (GTK_EDITABLE (self->subject_entry), start, end, suggestion);
  else
    aw_text_edit_replace_in_buffer (body_buffer (self), start, end, suggestion);
}

void
aw_editor_page_ignore_finding (AwEditorPage *self,
                               AwFinding    *finding)
{
  g_autofree char *key = NULL;

  g_return_if_fail (AW_IS_EDITOR_PAGE (self));
  g_return_if_fail (AW_IS_FINDING (finding));

  if (self->draft == NULL)
    return;
  key = aw_draft_make_finding_key (aw_finding_get_rule_id (finding), aw_finding_get_text (finding));
  aw_draft_dismiss (self->draft, key);
  recheck (self, NULL);
}

GtkTextView *
aw_editor_page_get_body_view (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->body_view;
}

GtkEditable *
aw_editor_page_get_subject_entry (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return GTK_EDITABLE (self->subject_entry);
}

AwGuidancePanel *
aw_editor_page_get_guidance_panel (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->guidance_panel;
}

AwSpellController *
aw_editor_page_get_spell_controller (AwEditorPage *self)
{
  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  return self->spell;
}

/**
 * aw_editor_page_dup_mailto_uri:
 *
 * Returns: (transfer full): a mailto: URI (RFC 6068) with the recipient, subject and body
 */
char *
aw_editor_page_dup_mailto_uri (AwEditorPage *self)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  body = dup_body (self);
  return aw_editor_export_mailto_uri (self->draft, get_subject (self), body);
}

/**
 * aw_editor_page_build_eml:
 *
 * Returns: (transfer full): the draft as an unsent message, see aw_editor_export_eml()
 */
GBytes *
aw_editor_page_build_eml (AwEditorPage *self)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (AW_IS_EDITOR_PAGE (self), NULL);

  body = dup_body (self);
  return aw_editor_export_eml (self->draft, get_subject (self), body);
}

static void
show_toast (AwEditorPage *self,
            const char   *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);
  g_autofree char *body = dup_body (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), body);
  show_toast (self, _("Message copied to the clipboard"));
}

static void
open_mail_app_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);
  g_autofree char *uri = aw_editor_page_dup_mailto_uri (self);

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

static void
save_eml_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);
  g_autoptr(GBytes) eml = aw_editor_page_build_eml (self);

  aw_editor_export_save_eml (GTK_WINDOW (gtk_widget_get_root (widget)), self->draft, eml,
                             self->toast_overlay);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
toggle_guidance_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);

  gtk_toggle_button_set_active (self->guidance_toggle,
                                !gtk_toggle_button_get_active (self->guidance_toggle));
}

static void
next_misspelling_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AwEditorPage *self = AW_EDITOR_PAGE (widget);

  if (aw_spell_controller_select_next (self->spell) && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_spell_changed (AwEditorPage *self)
{
  const char *notice = aw_spell_controller_get_notice (self->spell);

  update_subject_highlights (self);
  aw_guidance_panel_set_typos (self->guidance_panel, aw_spell_controller_get_count (self->spell));
  gtk_label_set_label (self->spell_notice, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->spell_notice), notice != NULL);
}

static void
on_finding_activated (AwEditorPage *self,
                      AwFinding    *finding)
{
  aw_editor_page_select_finding (self, finding);
}

static void
on_finding_apply (AwEditorPage *self,
                  AwFinding    *finding)
{
  aw_editor_page_apply_finding (self, finding);
}

static void
on_finding_ignore (AwEditorPage *self,
                   AwFinding    *finding)
{
  aw_editor_page_ignore_finding (self, finding);
}

GtkWidget *
aw_editor_page_new (void)
{
  return g_object_new (AW_TYPE_EDITOR_PAGE, NULL);
}

static void
aw_editor_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwEditorPage *self = AW_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    case PROP_CHECK_SPELLING:
      g_value_set_boolean (value, self->check_spelling);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_editor_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AwEditorPage *self = AW_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      aw_editor_page_set_draft (self, g_value_get_object (value));
      break;
    case PROP_CHECK_SPELLING:
      if (self->check_spelling != g_value_get_boolean (value))
        {
          self->check_spelling = g_value_get_boolean (value);
          aw_spell_controller_set_enabled (self->spell, self->check_spelling);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aw_editor_page_dispose (GObject *object)
{
  AwEditorPage *self = AW_EDITOR_PAGE (object);

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);
  g_clear_object (&self->settings);
  /* It points at the views: gone before them */
  if (self->spell != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->spell, self);
      g_object_run_dispose (G_OBJECT (self->spell));
    }
  g_clear_object (&self->spell);
  gtk_widget_dispose_template (GTK_WIDGET (self), AW_TYPE_EDITOR_PAGE);
  if (self->check != NULL)
    g_signal_handlers_disconnect_by_data (self->check, self);
  g_clear_object (&self->check);
  g_clear_object (&self->report);
  g_clear_pointer (&self->highlights, aw_finding_highlights_free);

  G_OBJECT_CLASS (aw_editor_page_parent_class)->dispose (object);
}

static void
aw_editor_page_finalize (GObject *object)
{
  AwEditorPage *self = AW_EDITOR_PAGE (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (aw_editor_page_parent_class)->finalize (object);
}

static void
aw_editor_page_class_init (AwEditorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = aw_editor_page_get_property;
  object_class->set_property = aw_editor_page_set_property;
  object_class->dispose = aw_editor_page_dispose;
  object_class->finalize = aw_editor_page_finalize;

  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, AW_TYPE_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Spell checking on or off (GSettings "spell-check", the editor's menu) */
  properties[PROP_CHECK_SPELLING] =
    g_param_spec_boolean ("check-spelling", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person wants to change the answers of the wizard. */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A check finished and the highlights and panel show it (for tests and benchmarks). */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (AW_TYPE_GUIDANCE_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/afterword/Afterword/aw-editor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, content);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, flap);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, guidance_toggle);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, guidance_panel);
  gtk_widget_class_bind_template_child (widget_class, AwEditorPage, spell_notice);

  gtk_widget_class_install_action (widget_class, "editor.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "editor.open-mail-app", NULL, open_mail_app_activated);
  gtk_widget_class_install_action (widget_class, "editor.save-eml", NULL, save_eml_activated);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "editor.toggle-guidance", NULL,
                                   toggle_guidance_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "editor.toggle-guidance", NULL);
  gtk_widget_class_install_property_action (widget_class, "editor.check-spelling", "check-spelling");
  gtk_widget_class_install_action (widget_class, "editor.next-misspelling", NULL,
                                   next_misspelling_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "editor.next-misspelling", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.send-follow-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.send-follow-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.save-eml", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
aw_editor_page_init (AwEditorPage *self)
{
  GtkTextBuffer *buffer;

  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->check = aw_draft_check_new (NULL, NULL);
  g_signal_connect_swapped (self->check, "changed", G_CALLBACK (on_check_changed), self);

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = body_buffer (self);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  /* An email needs no tab characters: Tab moves on to the guidance, as everywhere. */
  gtk_text_view_set_accepts_tab (self->body_view, FALSE);
  /* Before the spelling's tag, which goes above them */
  self->highlights = aw_finding_highlights_new (buffer);
  self->spell = aw_spell_controller_new (self->body_view, self->subject_entry);
  g_signal_connect_swapped (self->spell, "changed", G_CALLBACK (on_spell_changed), self);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "spell-check", self, "check-spelling", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_body_changed), self);
  g_signal_connect_swapped (self->subject_entry, "changed", G_CALLBACK (on_subject_changed), self);
  g_signal_connect_swapped (self->guidance_panel, "finding-activated",
                            G_CALLBACK (on_finding_activated), self);
  g_signal_connect_swapped (self->guidance_panel, "finding-apply", G_CALLBACK (on_finding_apply), self);
  g_signal_connect_swapped (self->guidance_panel, "finding-ignore",
                            G_CALLBACK (on_finding_ignore), self);
}
