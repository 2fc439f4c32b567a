/* aw-test-ui.c: helpers shared by the tests that need a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "aw-draft-writer.h"
#include "aw-test-tmp.h"
#include "aw-test-ui.h"

/**
 * aw_test_ui_init:
 *
 * Initializes GTK and libadwaita for a test, with isolated XDG folders and the
 * locale and catalogs of the build tree.
 */
void
aw_test_ui_init (int    *argc,
                 char ***argv)
{
  const char *localedir = g_getenv ("AFTERWORD_LOCALEDIR");
  g_autofree char *home = aw_test_tmp_dir ("afterword-ui-test-XXXXXX");

  /* Not G_TEST_OPTION_ISOLATE_DIRS: that also replaces XDG_DATA_DIRS, and GTK needs
   * the system's MIME database and icon theme. The user's own folders are replaced. */
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      static const char *names[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                     "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, names[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (names[i], dir, TRUE);
    }
  g_test_init (argc, argv, NULL);
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!gtk_init_check ())
    {
      g_printerr ("no display: the ui suite runs under build-aux/test.sh, which starts Xvfb\n");
      exit (1);
    }
  adw_init ();
}

static gboolean
quit_loop (gpointer data)
{
  *(gboolean *) data = TRUE;
  g_main_context_wakeup (NULL);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for a while, so idles, timeouts and frames happen. */
void
aw_test_ui_iterate (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, quit_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * aw_test_ui_wait_for:
 *
 * Iterates the main loop until @condition holds or @timeout_ms passes.
 *
 * Returns: whether the condition held
 */
gboolean
aw_test_ui_wait_for (gboolean  (*condition) (gpointer data),
                     gpointer    data,
                     guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      aw_test_ui_iterate (10);
    }
  return TRUE;
}

static gboolean
widget_is_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

void
aw_test_ui_wait_for_draw (GtkWidget *widget)
{
  g_assert_true (aw_test_ui_wait_for (widget_is_drawn, widget, 10000));
  /* One more frame cycle so that layout and painting have settled. */
  aw_test_ui_iterate (150);
}

/**
 * aw_test_ui_save_screenshot:
 * @name: a file name without folder, e.g. "start-page.png"
 *
 * Renders @widget as it is on screen and saves it as a PNG into the build folder
 * (tests/screenshots/).
 *
 * Returns: (transfer full): the path of the saved PNG
 */
char *
aw_test_ui_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int width, height;

  /* On a loaded machine the widget may not have been laid out and drawn yet: an
   * undrawn widget snapshots to no node at all. Let the frame clock run until it has. */
  for (;;)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (width > 0 && height > 0)
        {
          gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
          node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
        }
      if (node != NULL || g_get_monotonic_time () > deadline)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  folder = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                             "screenshots", NULL);
  g_mkdir_with_parents (folder, 0755);
  path = g_build_filename (folder, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  return g_steal_pointer (&path);
}

/**
 * aw_test_ui_find_by_name:
 *
 * Finds a descendant of @root whose widget name (gtk_widget_get_name(), which
 * GtkBuilder sets from the object's id when no name is given) or buildable id
 * is @buildable_id_or_name.
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
aw_test_ui_find_by_name (GtkWidget  *root,
                         const char *buildable_id_or_name)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (gtk_widget_get_name (root), buildable_id_or_name) == 0 ||
      g_strcmp0 (id, buildable_id_or_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = aw_test_ui_find_by_name (child, buildable_id_or_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * aw_test_ui_accessible_label:
 *
 * Returns: (transfer full) (nullable): the name assistive technologies announce for
 *   @widget: its GTK_ACCESSIBLE_PROPERTY_LABEL, else its labelled-by's text, else its
 *   own label text (mnemonic underscores removed)
 */
char *
aw_test_ui_accessible_label (GtkWidget *widget)
{
  GtkWidget *child;

  /* GTK 4.8 has no public getter for accessible properties; buttons and labels get
   * their name from their label, which is what a screen reader reads. */
  if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      if (label != NULL)
        {
          g_autoptr(GString) text = g_string_new (label);
          if (gtk_button_get_use_underline (GTK_BUTTON (widget)))
            g_string_replace (text, "_", "", 1);
          return g_string_free (g_steal_pointer (&text), FALSE);
        }
    }
  if (GTK_IS_LABEL (widget))
    return g_strdup (gtk_label_get_text (GTK_LABEL (widget)));

  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      char *label = aw_test_ui_accessible_label (child);
      if (label != NULL)
        return label;
    }
  return NULL;
}

/**
 * aw_test_ui_new_draft:
 * @body: (nullable): the body, or NULL for the one the draft writer writes
 *
 * Returns: (transfer full): the draft
 */
AwDraft *
aw_test_ui_new_draft (const char *language,
                      const char *body)
{
  AwDraft *draft = aw_draft_new ();

  aw_draft_set_language (draft, language);
  aw_draft_set_sender_name (draft, "Alex Morgan");
  aw_draft_set_recipient_name (draft, "Dana Whitfield");
  aw_draft_set_recipient_address (draft, "dana@northwind.example");
  aw_draft_set_company (draft, "Northwind Analytics");
  aw_draft_set_role (draft, "Data Engineer");
  if (body != NULL)
    aw_draft_set_body (draft, body);
  else
    {
      g_autoptr(GError) error = NULL;

      if (!aw_draft_writer_write (draft, &error))
        g_error ("draft writer: %s", error->message);
    }
  return draft;
}

/**
 * aw_test_ui_open_editor:
 *
 * Returns: (transfer none): the editor page, owned by *@window
 */
AwEditorPage *
aw_test_ui_open_editor (AwDraft    *draft,
                        int         width,
                        int         height,
                        GtkWindow **window)
{
  AwEditorPage *editor = AW_EDITOR_PAGE (aw_editor_page_new ());

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, width, height);
  gtk_window_set_child (*window, GTK_WIDGET (editor));
  aw_editor_page_set_draft (editor, draft);
  gtk_window_present (*window);
  aw_test_ui_wait_for_draw (GTK_WIDGET (*window));
  return editor;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
aw_test_ui_median_p95 (double *times,
                       guint   n,
                       double *median,
                       double *p95)
{
  g_assert_cmpuint (n, >, 0);

  qsort (times, n, sizeof (double), compare_doubles);
  *median = times[n / 2];
  *p95 = times[(n * 95) / 100];
}
