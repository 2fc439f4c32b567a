/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-guidance.c: libFuzzer target for the guidance engine
 *
 * Any bytes: the first byte picks a language (or detection), the rest is split at the
 * first newline into subject and body. Invalid UTF-8 must give an error, anything else
 * a report whose offsets lie inside the text. The learned layer runs as in the app (the
 * language's model is loaded on first use); the same bytes are also fed to the model
 * loader as a model file, which must refuse them with an error.
 */
#include "config.h"

#include <string.h>

#include "aw-guidance.h"
#include "aw-guidance-model.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char * const *languages = aw_guidance_get_languages ();
  guint n_languages = g_strv_length ((char **) languages);
  g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();
  g_autoptr(AwGuidanceReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *body;
  GListModel *findings;
  glong subject_chars, body_chars;

  if (size == 0)
    return 0;

  /* the bytes as a model file: refused with an error, never a crash */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (data, size);
    g_autoptr(GError) model_error = NULL;
    g_autoptr(AwGuidanceModel) model = aw_guidance_model_new_from_bytes (bytes, &model_error);

    g_assert_true ((model == NULL) == (model_error != NULL));
  }

  /* 0: detect the language; 1..n: one of the languages with rule data */
  if (data[0] % (n_languages + 1) > 0)
    aw_guidance_options_set_language (options, languages[data[0] % (n_languages + 1) - 1]);
  if (data[0] & 0x80)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      aw_guidance_options_set_recipient (options, "a@b.c", "Äcme GmbH");
      aw_guidance_options_add_previous_send (options, "A@B.C", "acme", now);
    }

  text = g_strndup ((const char *) data + 1, size - 1);   /* stops at an embedded NUL */
  body = strchr (text, '\n');
  if (body != NULL)
    *body++ = '\0';
  else
    body = text + strlen (text);

  report = aw_guidance_check (aw_guidance_get_default (), text, body, options, &error);
  if (!g_utf8_validate (text, -1, NULL) || !g_utf8_validate (body, -1, NULL))
    {
      g_assert_null (report);
      g_assert_error (error, AW_GUIDANCE_ERROR, AW_GUIDANCE_ERROR_INVALID_TEXT);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (report);
  /* the model of every checked language loaded (the learned layer really ran) */
  g_assert_nonnull (aw_guidance_model_lookup (aw_guidance_report_get_language (report), NULL));

  subject_chars = g_utf8_strlen (text, -1);
  body_chars = g_utf8_strlen (body, -1);
  findings = aw_guidance_report_get_findings (report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(AwFinding) f = g_list_model_get_item (findings, i);
      glong limit = aw_finding_get_part (f) == AW_DRAFT_PART_SUBJECT ? subject_chars : body_chars;

      g_assert_nonnull (aw_finding_get_message (f));
      if (aw_finding_has_span (f))
        {
          g_assert_cmpint (aw_finding_get_start (f), <, aw_finding_get_end (f));
          g_assert_cmpint (aw_finding_get_end (f), <=, limit);
          g_assert_true (g_utf8_validate (aw_finding_get_text (f), -1, NULL));
        }
    }
  return 0;
}
