/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-fusion.c: the phrase findings of the body and the learned layer, fused
 *
 * A phrase hit stays a finding, with its suggestion; the model (aw-guidance-model.c)
 * turns its scores into findings for what the phrases missed, may overrule a phrase hit
 * in a sentence it is sure is benign, and may be sure the email thanks them or asks for
 * feedback where no phrase said so.
 */
#include "config.h"

#include "aw-guidance-model.h"
#include "aw-guidance-scan.h"

/* Drops the phrase findings of the current part the model vetoed: one pass that keeps
 * the others in order, so a long text with many findings stays linear */
static void
remove_vetoed (AwCheck   *check,
               GPtrArray *vetoed)
{
  g_autoptr(GHashTable) gone = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GArray) kept_keys = NULL;

  if (vetoed == NULL || vetoed->len == 0)
    return;
  gone = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < vetoed->len; i++)
    g_hash_table_add (gone, g_ptr_array_index (vetoed, i));

  kept = g_ptr_array_new_with_free_func (g_object_unref);
  kept_keys = g_array_new (FALSE, FALSE, sizeof (AwFindingKey));
  /* keys[i].index == i before the first flush of a part */
  for (guint i = 0; i < check->findings->len; i++)
    {
      AwFindingKey key = g_array_index (check->keys, AwFindingKey, i);

      if (g_hash_table_contains (gone, g_ptr_array_index (check->findings, i)))
        continue;
      key.index = kept->len;
      g_array_append_val (kept_keys, key);
      g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (check->findings, i)));
    }
  g_ptr_array_set_size (check->findings, 0);
  g_ptr_array_extend_and_steal (check->findings, g_steal_pointer (&kept));
  g_array_set_size (check->keys, 0);
  g_array_append_vals (check->keys, kept_keys->data, kept_keys->len);
}

/* Whether a word of [start, end) (characters) is in an allowed phrase of the language's
 * data ("keep me in mind for future roles", "I will never stop learning"): what the data
 * says is benign, the model may not flag either. */
static gboolean
touches_allowed (AwTokens     *body,
                 const guint8 *allowed,
                 guint         start,
                 guint         end)
{
  guint lo = 0, hi = body->tokens->len;

  if (allowed == NULL)
    return FALSE;
  /* the first token that ends after @start: a binary search keeps a long text linear */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (body->tokens, AwToken, mid).char_end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint t = lo; t < body->tokens->len; t++)
    {
      if (g_array_index (body->tokens, AwToken, t).char_start >= end)
        break;
      if (allowed[t])
        return TRUE;
    }
  return FALSE;
}

/* Adds the model's own findings to those of the current part */
static void
add_model_findings (AwCheck      *check,
                    AwTokens     *body,
                    const guint8 *allowed,
                    GPtrArray    *findings)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      AwFinding *finding = g_ptr_array_index (findings, i);
      AwFindingKey key = { aw_finding_get_start (finding), aw_finding_get_end (finding),
                           check->findings->len };

      if (touches_allowed (body, allowed, key.start, key.end))
        continue;

      g_array_append_val (check->keys, key);
      g_ptr_array_add (check->findings, g_object_ref (finding));
    }
}

/**
 * aw_guidance_fuse_model:
 * @check: the check, its findings those of the body's phrases, not flushed yet
 * @body: the body's tokens
 * @allowed: (nullable): per token of @body, whether an allowed phrase covers it
 * @signoff_line: the line of the sign-off; the lines after it are the signature
 *
 * Runs the learned layer on the body and fuses what it says with the phrase findings:
 * vetoed phrase findings go, model findings join, and the thanks and feedback the model
 * is sure of count as found.
 */
void
aw_guidance_fuse_model (AwCheck      *check,
                        AwTokens     *body,
                        const guint8 *allowed,
                        guint         signoff_line)
{
  AwModelVerdict verdict = { 0 };

  aw_guidance_model_run (check->rules->code, body, signoff_line, check->findings,
                         check->options, &verdict);
  remove_vetoed (check, verdict.vetoed);
  add_model_findings (check, body, allowed, verdict.findings);
  check->has_thanks = check->has_thanks || verdict.thanks;
  check->has_feedback = check->has_feedback || verdict.feedback;
  aw_model_verdict_clear (&verdict);
}
