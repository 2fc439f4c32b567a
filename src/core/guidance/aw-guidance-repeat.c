/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-repeat.c: a second follow-up to the same recipient or company
 *
 * The earlier sends come with the options (AwPreviousSend); an address matches casefolded,
 * a company by its name without punctuation and legal-form suffixes.
 */
#include "config.h"

#include "aw-guidance-private.h"
#include "aw-guidance-scan.h"
#include "aw-languages.h"

/* Company names compare folded, without punctuation and legal-form suffixes (the
 * "company_suffixes" of every language: a German applicant writes to a French SARL). */
static char *
normalize_company (const char *company)
{
  GHashTable *suffixes;
  g_autoptr(AwTokens) tokens = NULL;
  GString *out = g_string_new (NULL);

  if (company == NULL || !g_utf8_validate (company, -1, NULL))
    return g_string_free (out, FALSE);

  suffixes = aw_languages_get_word_set (AW_LANGUAGE_WORDS_COMPANY_SUFFIXES, aw_text_fold);
  tokens = aw_tokens_new (company);
  for (guint i = 0; i < tokens->tokens->len; i++)
    {
      const char *word = aw_tokens_folded (tokens, i);

      if (i > 0 && g_hash_table_contains (suffixes, word))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, word);
    }
  return g_string_free (out, FALSE);
}

static gboolean
same_address (const char *a,
              const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return *g_strstrip (x) != '\0' && g_str_equal (x, g_strstrip (y));
}

void
aw_guidance_report_repeat (AwCheck          *check,
                           AwGuidanceReport *report)
{
  AwGuidanceOptions *options = check->options;
  g_autofree char *company = NULL;

  if (options == NULL || options->previous->len == 0 ||
      !aw_guidance_rule_enabled (check, AW_RULE_REPEAT_FOLLOW_UP))
    return;

  company = normalize_company (options->company);
  for (guint i = 0; i < options->previous->len; i++)
    {
      AwPreviousSend *send = g_ptr_array_index (options->previous, i);
      g_autofree char *other = normalize_company (send->company);
      gboolean address_match = same_address (options->address, send->address);
      gboolean company_match = *company != '\0' && g_str_equal (company, other);

      if (address_match || company_match)
        {
          aw_guidance_add_absence (check, report, AW_RULE_REPEAT_FOLLOW_UP, NULL);
          return;
        }
    }
}
