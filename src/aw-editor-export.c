/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-editor-export.c: the follow-up for another mail app: a mailto: URI or an .eml file
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <string.h>

#include "aw-editor-export.h"

static char *
escape_mailto_part (const char *text)
{
  g_autoptr(GString) crlf = g_string_new (text ? text : "");

  /* RFC 6068: line breaks in the body are %0D%0A */
  g_string_replace (crlf, "\r\n", "\n", 0);
  g_string_replace (crlf, "\n", "\r\n", 0);
  return g_uri_escape_string (crlf->str, NULL, FALSE);
}

/**
 * aw_editor_export_mailto_uri:
 * @draft: (nullable): the recipient's draft
 *
 * Returns: (transfer full): a mailto: URI (RFC 6068) with the recipient, subject and body
 */
char *
aw_editor_export_mailto_uri (AwDraft    *draft,
                             const char *subject,
                             const char *body)
{
  g_autofree char *to = NULL;
  g_autofree char *escaped_subject = NULL;
  g_autofree char *escaped_body = NULL;

  to = g_uri_escape_string (draft ? aw_draft_get_recipient_address (draft) : "", "@", FALSE);
  escaped_subject = escape_mailto_part (subject);
  escaped_body = escape_mailto_part (body);
  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", to, escaped_subject, escaped_body);
}

/**
 * aw_editor_export_eml:
 * @draft: (nullable): the recipient's draft
 *
 * Without an account there is no sender address, so this is an unsent message
 * ("X-Unsent: 1") that mail apps open as a draft: To, Subject, Date and the body as
 * UTF-8 text/plain.
 *
 * Returns: (transfer full): the message
 */
GBytes *
aw_editor_export_eml (AwDraft    *draft,
                      const char *subject,
                      const char *body)
{
  GMimeMessage *message;
  GMimeTextPart *part;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  GMimeFormatOptions *format;

  g_mime_init ();
  message = g_mime_message_new (TRUE);
  if (draft != NULL)
    {
      g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO,
                                  aw_draft_get_recipient_name (draft),
                                  aw_draft_get_recipient_address (draft));
      if (aw_draft_get_sender_name (draft) != NULL && *aw_draft_get_sender_name (draft))
        g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM,
                                    aw_draft_get_sender_name (draft), "");
    }
  g_mime_message_set_subject (message, subject, "utf-8");
  g_mime_message_set_date (message, now);
  g_mime_object_set_header (GMIME_OBJECT (message), "X-Unsent", "1", NULL);

  part = g_mime_text_part_new_with_subtype ("plain");
  g_mime_text_part_set_text (part, body);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (part));
  g_object_unref (part);

  format = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (format, GMIME_NEWLINE_FORMAT_DOS);
  text = g_mime_object_to_string (GMIME_OBJECT (message), format);
  g_mime_format_options_free (format);
  g_object_unref (message);
  return g_bytes_new_take (g_steal_pointer (&text), strlen (text ? text : ""));
}

static void
show_toast (AdwToastOverlay *toasts,
            const char      *title)
{
  adw_toast_overlay_add_toast (toasts, adw_toast_new (title));
}

static void
eml_written (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) toasts = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why, e.g. "Permission denied" */
      message = g_strdup_printf (_("Could not save the message: %s"), error->message);
      show_toast (toasts, message);
      return;
    }
  show_toast (toasts, _("Message saved"));
}

/* The chooser carries the message and the toast overlay */
static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GBytes *eml = g_object_get_data (G_OBJECT (dialog), "eml");
      AdwToastOverlay *toasts = g_object_get_data (G_OBJECT (dialog), "toasts");

      g_file_replace_contents_bytes_async (file, eml, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                           eml_written, g_object_ref (toasts));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/**
 * aw_editor_export_save_eml:
 * @draft: (nullable): the draft, for the proposed file name
 *
 * Opens a file chooser over @parent; the message is written where the person says.
 */
void
aw_editor_export_save_eml (GtkWindow       *parent,
                           AwDraft         *draft,
                           GBytes          *eml,
                           AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Save as .eml"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Email messages"));
  gtk_file_filter_add_pattern (filter, "*.eml");
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the proposed file name; %s is the company */
  name = g_strdup_printf (_("Follow-up to %s.eml"),
                          draft && aw_draft_get_company (draft) ? aw_draft_get_company (draft) : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "eml", g_bytes_ref (eml),
                          (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (chooser), "toasts", g_object_ref (toasts), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
