/* SPDX-License-Identifier: GPL-3.0-or-later */
/* autosave-helper.c: the real window, typing into a follow-up until it is killed
 *
 * Started by test-autosave-restore. Goes through the wizard with its real widgets, then
 * types AW_AUTOSAVE_TEXT into the body one character every 20 ms, printing
 * "typed N" after each, until SIGKILL ends it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw-application.h"
#include "aw-editor-page.h"
#include "aw-test-ui.h"
#include "aw-test-widgets.h"
#include "aw-validated-entry.h"
#include "aw-window.h"
#include "aw-wizard.h"

#include "autosave-helper.h"

static GtkTextBuffer *buffer;
static guint typed;

static GtkWidget *
find (AwWindow   *window,
      const char *name)
{
  return aw_test_widget_get (GTK_WIDGET (window), name);
}

static void
type_into (AwWindow   *window,
           const char *name,
           const char *text)
{
  GtkEntry *entry = aw_validated_entry_get_entry (AW_VALIDATED_ENTRY (find (window, name)));

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static gboolean
type_one (gpointer data)
{
  const char *text = AW_AUTOSAVE_TEXT;
  const char *p = g_utf8_offset_to_pointer (text, typed % g_utf8_strlen (text, -1));
  char utf8[8] = { 0, };

  g_unichar_to_utf8 (g_utf8_get_char (p), utf8);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, utf8, -1, TRUE);
  typed++;
  printf ("typed %u\n", typed);
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AwApplication) app = NULL;
  AwWindow *window;
  AwEditorPage *editor;
  GtkTextIter end;

  gtk_init ();
  adw_init ();

  app = aw_test_widget_app_new ();
  window = aw_test_widget_window_new (app, 0, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-follow-up", NULL);
  type_into (window, "sender_name_entry", "Alex Morgan");
  type_into (window, "recipient_name_entry", "Dana Whitfield");
  type_into (window, "recipient_address_entry", "dana@northwind.example");
  type_into (window, "company_entry", "Northwind Analytics");
  type_into (window, "role_entry", "Data Engineer");
  for (int i = 0; i < 3; i++)
    {
      gtk_widget_activate_action (find (window, "wizard"), "wizard.next", NULL);
      aw_test_ui_iterate (50);
    }

  editor = AW_EDITOR_PAGE (find (window, "editor_page"));
  buffer = gtk_text_view_get_buffer (aw_editor_page_get_body_view (editor));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, AW_AUTOSAVE_MARKER, -1, TRUE);
  printf ("editing\n");
  fflush (stdout);

  g_timeout_add (20, type_one, NULL);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
