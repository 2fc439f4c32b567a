/* SPDX-License-Identifier: GPL-3.0-or-later */
/* afterword-features.c: what the learned layer sees, for build-aux/train-guidance
 *
 *   afterword-features --bits 16 --window 6 --negations not,never,no \
 *                      --cancels-after hesitate,only --cancels-before "zogern sie" < emails.jsonl
 *
 * Reads one JSON object a line ({"id", "subject", "body", "lang"}), runs the engine on
 * phrases alone and prints one JSON object a line: the email's units exactly as the
 * engine cuts them (character range, below the sign-off or not, hashed feature ids with
 * repeats) and the phrase findings. The same C code featurizes for inference, so
 * training and inference cannot drift. Not installed.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aw-features.h"
#include "aw-guidance.h"
#include "aw-guidance-model.h"

typedef struct
{
  AwFeatureSettings settings;
  GString          *units;   /* the JSON array of the last traced body */
} Tool;

static void
trace (AwTokens *body,
       guint     signature_line,
       gpointer  user_data)
{
  Tool *tool = user_data;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (AwUnit));
  g_autoptr(GArray) features = g_array_new (FALSE, FALSE, sizeof (AwFeature));

  g_string_assign (tool->units, "[");
  aw_features_units (body, signature_line, units);
  for (guint u = 0; u < units->len; u++)
    {
      const AwUnit *unit = &g_array_index (units, AwUnit, u);

      g_array_set_size (features, 0);
      aw_features_extract (&tool->settings, body, unit, features);
      g_string_append_printf (tool->units, "%s{\"s\":%u,\"e\":%u,\"sig\":%d,\"f\":[",
                              u > 0 ? "," : "", unit->char_start, unit->char_end,
                              unit->signature ? 1 : 0);
      for (guint k = 0; k < features->len; k++)
        g_string_append_printf (tool->units, "%s%u", k > 0 ? "," : "",
                                g_array_index (features, AwFeature, k).bucket);
      g_string_append (tool->units, "]}");
    }
  g_string_append (tool->units, "]");
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
print_json_string (const char *s,
                   gboolean    comma)
{
  g_autofree char *escaped = g_strescape (s, NULL);

  printf ("%s\"%s\"", comma ? "," : "", escaped);
}

/* "hesitate,zögern Sie" as folded entries of one or two words; exits on a bad entry */
static GPtrArray *
parse_cancels (const char *list)
{
  GPtrArray *cancels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto(GStrv) entries = g_strsplit (list != NULL ? list : "", ",", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      GStrv words;

      if (g_strstrip (entries[i])[0] == '\0')
        continue;
      words = aw_features_parse_cancel (entries[i]);
      if (words == NULL)
        {
          g_printerr ("a negation cancel is one or two words, not \"%s\"\n", entries[i]);
          exit (2);
        }
      g_ptr_array_add (cancels, words);
    }
  return cancels;
}

/* A JSON array of the entries in their order, an entry's words joined by a space */
static void
print_cancels (GPtrArray *cancels)
{
  printf ("[");
  for (guint i = 0; i < cancels->len; i++)
    {
      g_autofree char *joined = g_strjoinv (" ", g_ptr_array_index (cancels, i));

      print_json_string (joined, i > 0);
    }
  printf ("]");
}

static const char *
member (JsonObject *object,
        const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

int
main (int   argc,
      char *argv[])
{
  int bits = 16, window = 6;
  g_autofree char *negations = NULL;
  g_autofree char *cancels_after = NULL;
  g_autofree char *cancels_before = NULL;
  GOptionEntry entries[] = {
    { "bits", 0, 0, G_OPTION_ARG_INT, &bits, "hash bits", "N" },
    { "window", 0, 0, G_OPTION_ARG_INT, &window, "negation window", "N" },
    { "negations", 0, 0, G_OPTION_ARG_STRING, &negations, "folded negation words, comma-separated", "LIST" },
    { "cancels-after", 0, 0, G_OPTION_ARG_STRING, &cancels_after,
      "what cancels a negation it follows: entries of one or two words, comma-separated", "LIST" },
    { "cancels-before", 0, 0, G_OPTION_ARG_STRING, &cancels_before,
      "what cancels a negation it precedes, the same way", "LIST" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("< EMAILS.jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  Tool tool = { 0 };
  char *line = NULL;
  size_t cap = 0;
  AwGuidance *guidance = aw_guidance_get_default ();

  setlocale (LC_ALL, "C.UTF-8");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  tool.settings.hash_bits = bits;
  tool.settings.negation_window = window;
  tool.settings.negations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (negations != NULL)
    {
      g_auto(GStrv) words = g_strsplit (negations, ",", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (words[i][0] != '\0')
          g_hash_table_add (tool.settings.negations, aw_text_fold (words[i]));
    }

  tool.settings.cancels_after = parse_cancels (cancels_after);
  tool.settings.cancels_before = parse_cancels (cancels_before);

  /* first line: the settings as the model file must record them (negations folded and
   * sorted, the cancelling entries folded, in their order, words joined by a space) */
  {
    g_autofree gpointer *keys = g_hash_table_get_keys_as_array (tool.settings.negations, NULL);
    guint n = g_hash_table_size (tool.settings.negations);

    qsort (keys, n, sizeof (gpointer), compare_strings);
    printf ("{\"settings\":{\"bits\":%d,\"window\":%d,\"negations\":[", bits, window);
    for (guint i = 0; i < n; i++)
      print_json_string (keys[i], i > 0);
    printf ("],\"cancels_after\":");
    print_cancels (tool.settings.cancels_after);
    printf (",\"cancels_before\":");
    print_cancels (tool.settings.cancels_before);
    printf ("}}\n");
  }
  tool.units = g_string_new (NULL);
  aw_guidance_model_set_trace (trace, &tool);

  while (getline (&line, &cap, stdin) > 0)
    {
      JsonObject *email;
      g_autoptr(AwGuidanceOptions) options = aw_guidance_options_new ();
      g_autoptr(AwGuidanceReport) report = NULL;
      g_autoptr(JsonBuilder) builder = NULL;
      GListModel *findings;

      if (!json_parser_load_from_data (parser, line, -1, &error) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_printerr ("bad input line: %s\n", error != NULL ? error->message : "not an object");
          return 2;
        }
      email = json_node_get_object (json_parser_get_root (parser));
      aw_guidance_options_set_language (options, member (email, "lang"));
      g_string_assign (tool.units, "[]");
      report = aw_guidance_check (guidance, member (email, "subject"), member (email, "body"),
                                  options, &error);
      if (report == NULL)
        {
          g_printerr ("%s: %s\n", member (email, "id"), error->message);
          return 2;
        }

      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, member (email, "id"));
      json_builder_set_member_name (builder, "phrase");
      json_builder_begin_array (builder);
      findings = aw_guidance_report_get_findings (report);
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(AwFinding) f = g_list_model_get_item (findings, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_string_value (builder, aw_finding_get_rule_id (f));
          json_builder_set_member_name (builder, "severity");
          json_builder_add_string_value (builder, aw_severity_to_string (aw_finding_get_severity (f)));
          json_builder_set_member_name (builder, "part");
          json_builder_add_string_value (builder, aw_finding_get_part (f) == AW_DRAFT_PART_SUBJECT
                                                  ? "subject" : "body");
          json_builder_set_member_name (builder, "s");
          json_builder_add_int_value (builder, aw_finding_get_start (f));
          json_builder_set_member_name (builder, "e");
          json_builder_add_int_value (builder, aw_finding_get_end (f));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      {
        g_autoptr(JsonGenerator) gen = json_generator_new ();
        g_autoptr(JsonNode) root = json_builder_get_root (builder);
        g_autofree char *head = NULL;

        json_generator_set_root (gen, root);
        head = json_generator_to_data (gen, NULL);
        /* splice the units in before the closing brace */
        head[strlen (head) - 1] = '\0';
        g_string_printf (out, "%s,\"units\":%s}\n", head, tool.units->str);
        fwrite (out->str, 1, out->len, stdout);
      }
    }

  free (line);
  g_string_free (tool.units, TRUE);
  g_hash_table_unref (tool.settings.negations);
  g_ptr_array_unref (tool.settings.cancels_after);
  g_ptr_array_unref (tool.settings.cancels_before);
  return 0;
}
