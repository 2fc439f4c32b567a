/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-spell-controller.c: spell checking of the editor's subject and body
 *
 * Holds an AwSpellChecker for the draft and shows what it finds: a text tag with the
 * standard error underline in the body, underline attributes in the subject (the editor
 * merges them with its own), and suggestions in the context menus of both (AwSpellMenu).
 * After an edit
 * the checker's cache leaves one paragraph to look at, which runs at once; a first check
 * of a long text runs in idle chunks of a few milliseconds so that frames keep coming.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aw-spell-controller-private.h"
#include "aw-spell-menu.h"
#include "aw-text-edit.h"

#define SYNC_BUDGET_US  4000   /* checked in the same main-loop turn as the edit */
#define CHUNK_BUDGET_US 5000   /* one idle chunk, well under a frame's 8 ms */
#define IGNORE_PREFIX   "spelling"

struct _AwSpellController
{
  GObject             parent_instance;

  GtkTextView        *body;       /* not owned: the editor owns both views and this */
  GtkEntry           *subject;
  AwDraft            *draft;
  AwSpellChecker     *checker;       /* NULL while the dictionary loads */
  GCancellable       *loading;
  gboolean            enabled;
  guint               idle_id;
  GArray             *body_ranges;     /* AwSpellRange */
  GArray             *subject_ranges;
  GtkTextTag         *tag;

  AwSpellMenu        *menu;
  gboolean            notice_shown;   /* what the last "changed" said */
  gint64              longest_step;   /* µs, for benchmarks */
  /* The word being typed is not underlined until the cursor leaves it */
  gboolean            typing_body;
  gboolean            typing_subject;
  guint               cursor_idle;
};

G_DEFINE_FINAL_TYPE (AwSpellController, aw_spell_controller, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkTextBuffer *
body_buffer (AwSpellController *self)
{
  return gtk_text_view_get_buffer (self->body);
}

static char *
dup_body (AwSpellController *self)
{
  return aw_text_edit_dup_buffer (body_buffer (self));
}

gboolean
aw_spell_controller_is_active (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), FALSE);

  return self->enabled && self->checker != NULL && aw_spell_checker_is_available (self->checker);
}

static int
body_cursor (AwSpellController *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (body_buffer (self), &iter, gtk_text_buffer_get_insert (body_buffer (self)));
  return gtk_text_iter_get_offset (&iter);
}

/* The range of @ranges the cursor is in or at the end of, or NULL */
static const AwSpellRange *
range_at (GArray *ranges,
          int     cursor)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const AwSpellRange *range = &g_array_index (ranges, AwSpellRange, i);

      if ((int) range->start <= cursor && cursor <= (int) range->end)
        return range;
    }
  return NULL;
}

const AwSpellRange *
aw_spell_controller_find_range (AwSpellController *self,
                                gboolean           subject,
                                int                offset)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), NULL);

  return range_at (subject ? self->subject_ranges : self->body_ranges, offset);
}

static const AwSpellRange *
hidden_body_range (AwSpellController *self)
{
  return self->typing_body ? range_at (self->body_ranges, body_cursor (self)) : NULL;
}

static const AwSpellRange *
hidden_subject_range (AwSpellController *self)
{
  return self->typing_subject
    ? range_at (self->subject_ranges, gtk_editable_get_position (GTK_EDITABLE (self->subject)))
    : NULL;
}

/* The spans that carry the tag now: few, one per misspelled word */
static GArray *
tagged_spans (AwSpellController *self)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (AwSpellRange));
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (body_buffer (self), &iter);
  for (;;)
    {
      AwSpellRange span;

      if (!gtk_text_iter_has_tag (&iter, self->tag) &&
          !gtk_text_iter_forward_to_tag_toggle (&iter, self->tag))
        break;
      if (!gtk_text_iter_has_tag (&iter, self->tag))
        break;
      span.start = gtk_text_iter_get_offset (&iter);
      gtk_text_iter_forward_to_tag_toggle (&iter, self->tag);
      span.end = gtk_text_iter_get_offset (&iter);
      if (span.end <= span.start)
        break;
      g_array_append_val (spans, span);
    }
  return spans;
}

static gboolean
contains_span (GArray             *spans,
               const AwSpellRange *span)
{
  for (guint i = 0; i < spans->len; i++)
    {
      AwSpellRange *other = &g_array_index (spans, AwSpellRange, i);

      if (other->start == span->start && other->end == span->end)
        return TRUE;
    }
  return FALSE;
}

static void
tag_span (AwSpellController  *self,
          const AwSpellRange *span,
          gboolean            apply)
{
  aw_text_edit_tag_range (body_buffer (self), self->tag, span->start, span->end, apply);
}

/* Untags and tags only what differs: a keystroke usually changes nothing here. */
static void
sync_tags (AwSpellController *self)
{
  g_autoptr(GArray) current = tagged_spans (self);
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (AwSpellRange));
  const AwSpellRange *hidden = hidden_body_range (self);

  for (guint i = 0; i < self->body_ranges->len; i++)
    if (&g_array_index (self->body_ranges, AwSpellRange, i) != hidden)
      g_array_append_val (wanted, g_array_index (self->body_ranges, AwSpellRange, i));
  for (guint i = 0; i < current->len; i++)
    {
      AwSpellRange *span = &g_array_index (current, AwSpellRange, i);

      if (!contains_span (wanted, span))
        tag_span (self, span, FALSE);
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      AwSpellRange *span = &g_array_index (wanted, AwSpellRange, i);

      if (!contains_span (current, span))
        tag_span (self, span, TRUE);
    }
}

static void
emit_changed (AwSpellController *self)
{
  self->notice_shown = aw_spell_controller_get_notice (self) != NULL;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
apply_results (AwSpellController *self,
               const char        *body,
               const char        *subject)
{
  g_clear_pointer (&self->body_ranges, g_array_unref);
  g_clear_pointer (&self->subject_ranges, g_array_unref);
  self->body_ranges = aw_spell_checker_check (self->checker, body);
  self->subject_ranges = aw_spell_checker_check (self->checker, subject);
  sync_tags (self);
  emit_changed (self);
}

static void
clear_results (AwSpellController *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_array_set_size (self->body_ranges, 0);
  g_array_set_size (self->subject_ranges, 0);
  sync_tags (self);
  emit_changed (self);
}

/* Checks what is not cached yet until @budget_us has passed; TRUE when done */
static gboolean
run_step (AwSpellController *self,
          gint64             budget_us)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + budget_us;
  g_autofree char *body = dup_body (self);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject));
  gboolean done;

  done = aw_spell_checker_prepare (self->checker, subject, deadline) &&
         aw_spell_checker_prepare (self->checker, body, deadline);
  if (done)
    apply_results (self, body, subject);
  self->longest_step = MAX (self->longest_step, g_get_monotonic_time () - start);
  return done;
}

static gboolean
idle_step (gpointer user_data)
{
  AwSpellController *self = user_data;

  if (!aw_spell_controller_is_active (self))
    {
      self->idle_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!run_step (self, CHUNK_BUDGET_US))
    return G_SOURCE_CONTINUE;
  self->idle_id = 0;
  return G_SOURCE_REMOVE;
}

void
aw_spell_controller_update (AwSpellController *self)
{
  g_return_if_fail (AW_IS_SPELL_CONTROLLER (self));

  if (self->body == NULL)
    return;
  if (!aw_spell_controller_is_active (self))
    {
      if (self->body_ranges->len > 0 || self->subject_ranges->len > 0 || self->idle_id != 0)
        clear_results (self);
      else if (self->notice_shown != (aw_spell_controller_get_notice (self) != NULL))
        emit_changed (self);
      return;
    }
  /* A pending idle check reads the newest text when it runs. */
  if (self->idle_id != 0)
    return;
  if (!run_step (self, SYNC_BUDGET_US))
    {
      self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, idle_step, self, NULL);
      g_source_set_name_by_id (self->idle_id, "[afterword] spell check");
    }
}

/* The longest check step so far (one idle chunk, or the check after an edit), in µs */
gint64
aw_spell_controller_get_longest_step (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), 0);

  return self->longest_step;
}

gboolean
aw_spell_controller_is_pending (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), FALSE);

  return self->idle_id != 0;
}

static void
refresh_draft_words (AwSpellController *self)
{
  const char * const *dismissed;

  if (self->draft == NULL || self->checker == NULL)
    return;
  aw_spell_checker_set_draft (self->checker, self->draft);
  /* "Ignore All" is kept with the draft, as the guidance's own dismissals are */
  dismissed = aw_draft_get_dismissed (self->draft);
  for (guint i = 0; dismissed != NULL && dismissed[i] != NULL; i++)
    if (g_str_has_prefix (dismissed[i], IGNORE_PREFIX ":"))
      aw_spell_checker_ignore_word (self->checker, dismissed[i] + strlen (IGNORE_PREFIX ":"));
}

static void
on_checker_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AwSpellController) self = user_data;
  g_autoptr(AwSpellChecker) checker = aw_spell_checker_new_finish (result, NULL);

  if (checker == NULL || self->body == NULL)  /* cancelled: another draft or language, or gone */
    return;
  g_clear_object (&self->loading);
  g_set_object (&self->checker, checker);
  refresh_draft_words (self);
  aw_spell_controller_update (self);
}

/* The dictionary loads in a thread: up to two seconds for some languages */
static void
load_checker (AwSpellController *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->checker);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_array_set_size (self->body_ranges, 0);
  g_array_set_size (self->subject_ranges, 0);
  sync_tags (self);
  emit_changed (self);
  if (self->draft == NULL)
    return;
  self->loading = g_cancellable_new ();
  aw_spell_checker_new_async (aw_draft_get_language (self->draft), self->loading,
                              on_checker_loaded, g_object_ref (self));
}

gboolean
aw_spell_controller_is_loading (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), FALSE);

  return self->loading != NULL;
}

static void
on_draft_notify (AwSpellController *self,
                 GParamSpec        *pspec)
{
  const char *answers[] = { "sender-name", "recipient-name", "company", "role" };

  if (g_str_equal (pspec->name, "language"))
    {
      if (self->checker == NULL ||
          g_strcmp0 (aw_spell_checker_get_language (self->checker), aw_draft_get_language (self->draft)) != 0)
        {
          load_checker (self);
          aw_spell_controller_update (self);
        }
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (g_str_equal (pspec->name, answers[i]))
      {
        refresh_draft_words (self);
        aw_spell_controller_update (self);
        return;
      }
}

void
aw_spell_controller_set_draft (AwSpellController *self,
                               AwDraft           *draft)
{
  g_return_if_fail (AW_IS_SPELL_CONTROLLER (self));
  g_return_if_fail (draft == NULL || AW_IS_DRAFT (draft));

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_set_object (&self->draft, draft);
  /* A new checker per draft: its session list is the draft's "Ignore All" */
  load_checker (self);
  if (draft != NULL)
    g_signal_connect_swapped (draft, "notify", G_CALLBACK (on_draft_notify), self);
}

void
aw_spell_controller_set_enabled (AwSpellController *self,
                                 gboolean           enabled)
{
  g_return_if_fail (AW_IS_SPELL_CONTROLLER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  aw_spell_controller_update (self);
  emit_changed (self);
}

gboolean
aw_spell_controller_get_enabled (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), FALSE);

  return self->enabled;
}

const char *
aw_spell_controller_get_notice (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), NULL);

  if (!self->enabled || self->checker == NULL || aw_spell_checker_is_available (self->checker))
    return NULL;
  return _("No spelling dictionary is installed for this language");
}

int
aw_spell_controller_get_count (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), -1);

  if (!aw_spell_controller_is_active (self))
    return -1;
  return self->body_ranges->len + self->subject_ranges->len -
         (hidden_body_range (self) != NULL) - (hidden_subject_range (self) != NULL);
}

void
aw_spell_controller_add_subject_attributes (AwSpellController *self,
                                            PangoAttrList     *attributes)
{
  const char *subject;

  g_return_if_fail (AW_IS_SPELL_CONTROLLER (self));

  subject = gtk_editable_get_text (GTK_EDITABLE (self->subject));
  for (guint i = 0; i < self->subject_ranges->len; i++)
    {
      AwSpellRange *range = &g_array_index (self->subject_ranges, AwSpellRange, i);
      guint start, end;
      PangoAttribute *attribute;

      if (range == hidden_subject_range (self))
        continue;
      if (range->end > (guint) g_utf8_strlen (subject, -1))
        continue;
      start = g_utf8_offset_to_pointer (subject, range->start) - subject;
      end = g_utf8_offset_to_pointer (subject, range->end) - subject;
      attribute = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      attribute->start_index = start;
      attribute->end_index = end;
      pango_attr_list_change (attributes, attribute);
      attribute = pango_attr_underline_color_new (0xe0e0, 0x1b1b, 0x2424);
      attribute->start_index = start;
      attribute->end_index = end;
      pango_attr_list_change (attributes, attribute);
    }
}

static void
select_range (AwSpellController  *self,
              gboolean            subject,
              const AwSpellRange *range)
{
  if (subject)
    aw_text_edit_select_in_editable (GTK_EDITABLE (self->subject), range->start, range->end);
  else
    aw_text_edit_select_in_view (self->body, range->start, range->end);
}

gboolean
aw_spell_controller_select_next (AwSpellController *self)
{
  gboolean in_subject;
  int position;

  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), FALSE);

  if (aw_spell_controller_get_count (self) <= 0)
    return FALSE;

  /* From the end of the selection (the word F7 selected last time) on, subject first */
  in_subject = gtk_widget_has_focus (GTK_WIDGET (self->subject)) ||
               gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self->subject))),
                                       GTK_WIDGET (self->subject));
  if (in_subject)
    {
      int start, end;

      if (!gtk_editable_get_selection_bounds (GTK_EDITABLE (self->subject), &start, &end))
        end = gtk_editable_get_position (GTK_EDITABLE (self->subject));
      position = end;
      for (guint i = 0; i < self->subject_ranges->len; i++)
        {
          AwSpellRange *range = &g_array_index (self->subject_ranges, AwSpellRange, i);

          if ((int) range->start >= position)
            {
              select_range (self, TRUE, range);
              return TRUE;
            }
        }
      position = 0;
    }
  else
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_selection_bounds (body_buffer (self), &start, &end);
      position = gtk_text_iter_get_offset (&end);
    }

  for (guint i = 0; i < self->body_ranges->len; i++)
    {
      AwSpellRange *range = &g_array_index (self->body_ranges, AwSpellRange, i);

      if ((int) range->start >= position)
        {
          select_range (self, FALSE, range);
          return TRUE;
        }
    }
  /* Wrap around: the subject, then the body from its start */
  if (self->subject_ranges->len > 0)
    select_range (self, TRUE, &g_array_index (self->subject_ranges, AwSpellRange, 0));
  else
    select_range (self, FALSE, &g_array_index (self->body_ranges, AwSpellRange, 0));
  return TRUE;
}

/* The context menu for the word at a character offset of the body (for tests) */
void
aw_spell_controller_prepare_menu (AwSpellController *self,
                                  gboolean           subject,
                                  int                offset)
{
  g_return_if_fail (AW_IS_SPELL_CONTROLLER (self));

  if (self->menu != NULL)
    aw_spell_menu_prepare (self->menu, subject, offset);
}

GMenuModel *
aw_spell_controller_get_menu (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), NULL);

  return self->menu != NULL ? aw_spell_menu_get_model (self->menu) : NULL;
}

GActionGroup *
aw_spell_controller_get_actions (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), NULL);

  return self->menu != NULL ? aw_spell_menu_get_actions (self->menu) : NULL;
}

AwSpellChecker *
aw_spell_controller_get_checker (AwSpellController *self)
{
  g_return_val_if_fail (AW_IS_SPELL_CONTROLLER (self), NULL);

  return self->checker;
}

void
aw_spell_controller_add_word (AwSpellController *self,
                              const char        *word)
{
  g_return_if_fail (AW_IS_SPELL_CONTROLLER (self));

  if (self->checker == NULL)
    return;
  aw_spell_checker_add_word (self->checker, word);
  aw_spell_controller_update (self);
}

void
aw_spell_controller_ignore_word (AwSpellController *self,
                                 const char        *word)
{
  g_return_if_fail (AW_IS_SPELL_CONTROLLER (self));

  if (self->checker == NULL)
    return;
  aw_spell_checker_ignore_word (self->checker, word);
  if (self->draft != NULL)
    {
      g_autofree char *key = aw_draft_make_finding_key (IGNORE_PREFIX, word);
      aw_draft_dismiss (self->draft, key);
    }
  aw_spell_controller_update (self);
}

static gboolean
cursor_moved_idle (gpointer user_data)
{
  AwSpellController *self = user_data;

  self->cursor_idle = 0;
  /* The cursor left the word it was typing: underline it now if it is misspelled */
  if (self->typing_body && hidden_body_range (self) == NULL)
    self->typing_body = FALSE;
  if (self->typing_subject && hidden_subject_range (self) == NULL)
    self->typing_subject = FALSE;
  if (!self->typing_body || !self->typing_subject)
    {
      sync_tags (self);
      emit_changed (self);
    }
  return G_SOURCE_REMOVE;
}

/* After the edit's own check has run, in the same or the next turn */
static void
on_cursor_moved (AwSpellController *self)
{
  if ((self->typing_body || self->typing_subject) && self->cursor_idle == 0)
    self->cursor_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, cursor_moved_idle, self, NULL);
}

/* A keystroke inserts or deletes a character or two; a paste, a suggestion or the
 * program setting the text does more, and then nothing is held back. */
#define KEYSTROKE_CHARS 2

static void
on_body_insert (GtkTextBuffer     *buffer,
                GtkTextIter       *location,
                char              *text,
                int                length,
                AwSpellController *self)
{
  self->typing_body = g_utf8_strlen (text, length) <= KEYSTROKE_CHARS;
  self->typing_subject = FALSE;
}

static void
on_body_delete (GtkTextBuffer     *buffer,
                GtkTextIter       *start,
                GtkTextIter       *end,
                AwSpellController *self)
{
  self->typing_body = gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start) <= KEYSTROKE_CHARS;
  self->typing_subject = FALSE;
}

static void
on_subject_insert (GtkEditable       *editable,
                   const char        *text,
                   int                length,
                   int               *position,
                   AwSpellController *self)
{
  self->typing_subject = g_utf8_strlen (text, length < 0 ? (gssize) strlen (text) : length) <= KEYSTROKE_CHARS;
  self->typing_body = FALSE;
}

static void
on_subject_delete (GtkEditable       *editable,
                   int                start,
                   int                end,
                   AwSpellController *self)
{
  self->typing_subject = end >= 0 && end - start <= KEYSTROKE_CHARS;
  self->typing_body = FALSE;
}

/**
 * aw_spell_controller_new:
 *
 * Checks @body and @subject, which must outlive the controller (the editor owns all
 * three). Starts disabled.
 */
AwSpellController *
aw_spell_controller_new (GtkTextView *body,
                         GtkEntry    *subject)
{
  AwSpellController *self;
  GtkTextBuffer *buffer;
  GdkRGBA red;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (body), NULL);
  g_return_val_if_fail (GTK_IS_ENTRY (subject), NULL);

  self = g_object_new (AW_TYPE_SPELL_CONTROLLER, NULL);
  self->body = body;
  self->subject = subject;

  /* The standard error underline, and nothing else: the guidance highlights tint the
   * background, so a word with both shows both. Highest priority: created last. */
  buffer = gtk_text_view_get_buffer (body);
  gdk_rgba_parse (&red, "#e01b24");
  self->tag = gtk_text_buffer_create_tag (buffer, AW_SPELL_TAG_NAME,
                                          "underline", PANGO_UNDERLINE_ERROR,
                                          "underline-rgba", &red,
                                          NULL);

  /* Before the editor's own handlers: the flags are set when its check runs */
  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_body_insert), self, 0);
  g_signal_connect_object (buffer, "delete-range", G_CALLBACK (on_body_delete), self, 0);
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (subject)), "insert-text",
                           G_CALLBACK (on_subject_insert), self, 0);
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (subject)), "delete-text",
                           G_CALLBACK (on_subject_delete), self, 0);
  g_signal_connect_object (buffer, "notify::cursor-position", G_CALLBACK (on_cursor_moved), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (subject, "notify::cursor-position", G_CALLBACK (on_cursor_moved), self,
                           G_CONNECT_SWAPPED);
  self->menu = aw_spell_menu_new (self, body, subject);
  return self;
}

static void
aw_spell_controller_dispose (GObject *object)
{
  AwSpellController *self = AW_SPELL_CONTROLLER (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->cursor_idle, g_source_remove);
  /* The views go with the editor: forget them */
  if (self->body != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->body), self);
      g_signal_handlers_disconnect_by_data (self->subject, self);
      g_signal_handlers_disconnect_by_data (gtk_editable_get_delegate (GTK_EDITABLE (self->subject)), self);
      self->body = NULL;
      self->subject = NULL;
    }
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);
  g_clear_object (&self->checker);
  if (self->menu != NULL)
    g_object_run_dispose (G_OBJECT (self->menu));
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (aw_spell_controller_parent_class)->dispose (object);
}

static void
aw_spell_controller_finalize (GObject *object)
{
  AwSpellController *self = AW_SPELL_CONTROLLER (object);

  g_clear_pointer (&self->body_ranges, g_array_unref);
  g_clear_pointer (&self->subject_ranges, g_array_unref);

  G_OBJECT_CLASS (aw_spell_controller_parent_class)->finalize (object);
}

static void
aw_spell_controller_class_init (AwSpellControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aw_spell_controller_dispose;
  object_class->finalize = aw_spell_controller_finalize;

  /* The underlines, the count or the state changed */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
aw_spell_controller_init (AwSpellController *self)
{
  self->body_ranges = g_array_new (FALSE, FALSE, sizeof (AwSpellRange));
  self->subject_ranges = g_array_new (FALSE, FALSE, sizeof (AwSpellRange));
}
