/* aw-certificate-dialog.c: shows an untrusted certificate and lets the person pin it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "aw-certificate-dialog.h"

struct _AwCertificateDialog
{
  AdwMessageDialog   parent_instance;

  AwCertificateInfo *info;
};

G_DEFINE_FINAL_TYPE (AwCertificateDialog, aw_certificate_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup (_("unknown"));
  /* Translators: a date as strftime format, e.g. "12 March 2026" */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static char *
build_body (AwCertificateInfo *info)
{
  g_autofree char *problems = aw_certificate_info_describe_errors (info);
  g_autofree char *from = format_date (aw_certificate_info_get_not_before (info));
  g_autofree char *until = format_date (aw_certificate_info_get_not_after (info));
  GString *body = g_string_new (NULL);

  /* Translators: %s is a server name, %u its port */
  g_string_append_printf (body, _("The server %s (port %u) presented a certificate that cannot be verified."),
                          aw_certificate_info_get_host (info), aw_certificate_info_get_port (info));
  if (problems != NULL && *problems != '\0')
    g_string_append_printf (body, "\n\n%s", problems);
  g_string_append (body, "\n\n");
  g_string_append_printf (body, _("Issued to: %s"), aw_certificate_info_get_subject (info));
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _("Issued by: %s"), aw_certificate_info_get_issuer (info));
  g_string_append_c (body, '\n');
  /* Translators: "Valid from 1 March 2026 until 1 March 2027" */
  g_string_append_printf (body, _("Valid from %s until %s"), from, until);
  g_string_append (body, "\n\n");
  g_string_append (body, _("Trust it only if you know that this server uses this certificate, for example because your provider or your own mail server says so. Afterword will then accept exactly this certificate for this server, and no other."));
  return g_string_free (body, FALSE);
}

/* "ab12…" (64 hex digits) -> "AB:12:…", 16 pairs a line, so that two people reading it
 * aloud, or a glance at the provider's page, can compare it pair by pair. */
static char *
format_fingerprint (const char *hex)
{
  GString *out = g_string_new (NULL);
  gsize n_pairs = 0;

  for (const char *p = hex; p != NULL && p[0] != '\0' && p[1] != '\0'; p += 2)
    {
      if (n_pairs > 0)
        g_string_append_c (out, n_pairs % 16 == 0 ? '\n' : ':');
      g_string_append_c (out, g_ascii_toupper (p[0]));
      g_string_append_c (out, g_ascii_toupper (p[1]));
      n_pairs++;
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
build_fingerprint (AwCertificateInfo *info)
{
  g_autofree char *text = format_fingerprint (aw_certificate_info_get_sha256 (info));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: the heading above a certificate's fingerprint (AB:CD:…) */
  GtkWidget *heading = gtk_label_new (_("SHA-256 fingerprint"));
  GtkWidget *value = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_name (value, "fingerprint_label");
  gtk_widget_add_css_class (value, "monospace");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), value);
  return box;
}

/**
 * aw_certificate_dialog_new:
 *
 * Returns: (transfer none): a new modal dialog; present it and connect to "response"
 */
AwCertificateDialog *
aw_certificate_dialog_new (GtkWindow         *parent,
                           AwCertificateInfo *info)
{
  AwCertificateDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (AW_IS_CERTIFICATE_INFO (info), NULL);

  body = build_body (info);
  self = g_object_new (AW_TYPE_CERTIFICATE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Trust This Certificate?"),
                       "body", body,
                       "close-response", AW_CERTIFICATE_DIALOG_RESPONSE_CANCEL,
                       "default-response", AW_CERTIFICATE_DIALOG_RESPONSE_CANCEL,
                       NULL);
  self->info = g_object_ref (info);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), build_fingerprint (info));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    AW_CERTIFICATE_DIALOG_RESPONSE_CANCEL, _("_Cancel"),
                                    AW_CERTIFICATE_DIALOG_RESPONSE_TRUST, _("_Trust This Certificate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self),
                                              AW_CERTIFICATE_DIALOG_RESPONSE_TRUST,
                                              ADW_RESPONSE_DESTRUCTIVE);
  return self;
}

/**
 * aw_certificate_dialog_get_info:
 *
 * Returns: (transfer none): the certificate shown
 */
AwCertificateInfo *
aw_certificate_dialog_get_info (AwCertificateDialog *self)
{
  g_return_val_if_fail (AW_IS_CERTIFICATE_DIALOG (self), NULL);

  return self->info;
}

static void
aw_certificate_dialog_dispose (GObject *object)
{
  AwCertificateDialog *self = AW_CERTIFICATE_DIALOG (object);

  g_clear_object (&self->info);

  G_OBJECT_CLASS (aw_certificate_dialog_parent_class)->dispose (object);
}

static void
aw_certificate_dialog_class_init (AwCertificateDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = aw_certificate_dialog_dispose;
}

static void
aw_certificate_dialog_init (AwCertificateDialog *self)
{
}
