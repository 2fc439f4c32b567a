/* aw-languages.c: the one place that knows the email languages and loads their data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The languages are the files data/guidance/<code>.json in the core resource (or in any
 * other resource registered under the same prefix): the ones data/guidance/common.json
 * lists under "languages" come first, in that order, then the rest by code. Nothing here
 * knows a language by name.
 *
 * A check parses no JSON: the build compiles the files into guidance/compiled.gvariant
 * (aw-compile-guidance, FORMAT.md "The precompiled form"), whose index holds the word
 * lists every language contributes to (reply headers, reply prefixes, company suffixes,
 * name titles and particles) and the detection words, and whose rules a check takes
 * out for its one language (aw_languages_get_compiled_rules()).
 *
 * A language the precompiled form lacks (a file registered at run time, as a test
 * does) and the compiler itself read the JSON files: the language's data parsed whole
 * (aw_languages_get_data(), once per process), and for the word lists and detection
 * its summary: those few top-level members, cut out of the file's text without parsing
 * its rules.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "aw-core-data.h"
#include "aw-languages-private.h"

typedef struct
{
  const char *member;
  const char *sub_member;   /* nullable: a list inside the object @member */
  gboolean    common_only;
} WordList;

static const WordList word_lists[AW_LANGUAGE_N_WORDS] = {
  [AW_LANGUAGE_WORDS_ACRONYMS]         = { "acronyms", NULL, TRUE },
  [AW_LANGUAGE_WORDS_COMPANY_SUFFIXES] = { "company_suffixes", NULL, FALSE },
  [AW_LANGUAGE_WORDS_REPLY_PREFIXES]   = { "reply_prefixes", NULL, FALSE },
  [AW_LANGUAGE_WORDS_SUBJECT_LABELS]   = { "subject_labels", NULL, FALSE },
  [AW_LANGUAGE_WORDS_REPLY_OPENERS]    = { "reply_header", "opens", FALSE },
  [AW_LANGUAGE_WORDS_REPLY_VERBS]      = { "reply_header", "wrote", FALSE },
  [AW_LANGUAGE_WORDS_REPLY_FROM]       = { "reply_header", "from", FALSE },
  [AW_LANGUAGE_WORDS_REPLY_FIELDS]     = { "reply_header", "fields", FALSE },
  [AW_LANGUAGE_WORDS_NAME_TITLES]      = { "names", "titles", FALSE },
  [AW_LANGUAGE_WORDS_NAME_SUFFIXES]    = { "names", "suffixes", FALSE },
  [AW_LANGUAGE_WORDS_NAME_PARTICLES]   = { "names", "particles", FALSE },
};

/* The members of a language file its summary keeps, beside those of word_lists */
static const char *summary_members[] = { "detect", "detect_chars" };

static GMutex data_lock;
static GHashTable *data;                            /* code -> JsonNode, never freed */
static GHashTable *summaries;                       /* code -> JsonNode, never freed */
static char **words[AW_LANGUAGE_N_WORDS];           /* built once, never freed */
static GHashTable *word_sets[AW_LANGUAGE_N_WORDS];  /* folded words, built once */

static JsonNode *
parse_text (const char  *path,
            const char  *text,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a JSON object", path);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
parse_file (const char  *path,
            GError     **error)
{
  g_autoptr(GBytes) bytes = aw_core_data_lookup (path, error);

  if (bytes == NULL)
    return NULL;
  return parse_text (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* The end of the JSON string starting at the quote @p, after its closing quote, or NULL */
static const char *
skip_string (const char *p,
             const char *end)
{
  const char *start = p + 1;

  for (p = start; p < end; p++)
    {
      const char *before;

      p = memchr (p, '"', end - p);
      if (p == NULL)
        return NULL;
      /* escaped when an odd number of backslashes stands before it */
      for (before = p; before > start && before[-1] == '\\'; before--)
        ;
      if ((p - before) % 2 == 0)
        return p + 1;
    }
  return NULL;
}

/* The end of the JSON value starting at @p, or NULL when the text ends first. Only
 * finds the bounds: json-glib checks whatever is kept. */
static const char *
skip_value (const char *p,
            const char *end)
{
  guint depth = 0;

  while (p < end)
    {
      if (*p == '"')
        {
          if ((p = skip_string (p, end)) == NULL)
            return NULL;
          if (depth == 0)
            return p;
          continue;
        }
      if (*p == '{' || *p == '[')
        depth++;
      else if (*p == '}' || *p == ']')
        {
          if (depth == 0)
            return p;   /* the end of a scalar that closes its object */
          if (--depth == 0)
            return p + 1;
        }
      else if (depth == 0 && *p == ',')
        return p;
      p++;
    }
  return NULL;
}

static gboolean
is_summary_member (const char *key,
                   gsize       length)
{
  /* a common-only list ("acronyms") belongs to each language's rules, not its summary */
  for (guint i = 0; i < G_N_ELEMENTS (word_lists); i++)
    if (!word_lists[i].common_only && strlen (word_lists[i].member) == length &&
        strncmp (word_lists[i].member, key, length) == 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (summary_members); i++)
    if (strlen (summary_members[i]) == length && strncmp (summary_members[i], key, length) == 0)
      return TRUE;
  return FALSE;
}

/* A JSON object of the summary members of the object @text, or NULL when @text is not
 * a well-formed object at the top */
static GString *
cut_summary (const char *text,
             gsize       length)
{
  const char *end = text + length;
  const char *p = skip_space (text, end);
  g_autoptr(GString) summary = g_string_new ("{");

  if (p >= end || *p != '{')
    return NULL;
  p = skip_space (p + 1, end);
  while (p < end && *p == '"')
    {
      const char *key = p;
      const char *key_end = skip_string (p, end);
      const char *value_end;

      if (key_end == NULL)
        return NULL;
      p = skip_space (key_end, end);
      if (p >= end || *p != ':')
        return NULL;
      p = skip_space (p + 1, end);
      if ((value_end = skip_value (p, end)) == NULL)
        return NULL;
      if (is_summary_member (key + 1, key_end - key - 2))
        {
          if (summary->len > 1)
            g_string_append_c (summary, ',');
          g_string_append_len (summary, key, value_end - key);
        }
      p = skip_space (value_end, end);
      if (p < end && *p == ',')
        p = skip_space (p + 1, end);
    }
  if (p >= end || *p != '}')
    return NULL;
  g_string_append_c (summary, '}');
  return g_steal_pointer (&summary);
}

/* The summary of guidance/<code>.json: its word lists and detection members */
static JsonNode *
parse_summary (const char  *code,
               GError     **error)
{
  g_autofree char *path = g_strconcat ("guidance/", code, ".json", NULL);
  g_autoptr(GBytes) bytes = aw_core_data_lookup (path, error);
  g_autoptr(GString) summary = NULL;

  if (bytes == NULL)
    return NULL;
  summary = cut_summary (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (summary == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a JSON object", path);
      return NULL;
    }
  return parse_text (path, summary->str, summary->len, error);
}

/* data/guidance/common.json, or an empty object without one */
static JsonObject *
get_common (void)
{
  static JsonNode *common = NULL;

  if (g_once_init_enter (&common))
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node = parse_file ("guidance/common.json", &error);

      if (node == NULL)
        {
          if (g_error_matches (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND))
            g_debug ("No guidance/common.json");
          else
            g_warning ("Cannot read guidance/common.json: %s", error->message);
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, json_object_new ());
        }
      g_once_init_leave (&common, node);
    }
  return json_node_get_object (common);
}

/* The strings of the array @member of @object, in order, skipping anything else */
static char **
read_strings (JsonObject *object,
              const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json_object_has_member (object, member) &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, member)))
    {
      array = json_object_get_array_member (object, member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *text = json_array_get_string_element (array, i);

          if (text != NULL)
            g_strv_builder_add (builder, text);
        }
    }
  return g_strv_builder_end (builder);
}

/* The `languages` of common.json: the order of the codes */
static char **
read_order (void)
{
  return read_strings (get_common (), "languages");
}

/* The strings of the list @list in @object (a summary or common.json), in order */
static char **
read_word_list (JsonObject     *object,
                const WordList *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node;
  JsonArray *array;

  if (object == NULL || (node = json_object_get_member (object, list->member)) == NULL)
    return g_strv_builder_end (builder);
  if (list->sub_member != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return g_strv_builder_end (builder);
      node = json_object_get_member (json_node_get_object (node), list->sub_member);
      if (node == NULL)
        return g_strv_builder_end (builder);
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return g_strv_builder_end (builder);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

/**
 * aw_languages_read_detect:
 * @object: a language's data or summary
 * @chars: (out) (transfer full): its "detect_chars", "" without
 *
 * Returns: (transfer full): its "detect" words, as written
 */
char **
aw_languages_read_detect (JsonObject  *object,
                          char       **chars)
{
  const char *text = NULL;

  if (json_object_has_member (object, "detect_chars"))
    text = json_object_get_string_member_with_default (object, "detect_chars", "");
  *chars = g_strdup (text != NULL ? text : "");
  return read_strings (object, "detect");
}

/* The codes of the <code>.json files in @dir: those @order names first, in its order,
 * then the others sorted. */
static char **
list_codes (const char         *dir,
            const char * const *order)
{
  g_auto(GStrv) names = aw_core_data_list (dir, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".json") && !g_str_equal (names[i], "common.json"))
      g_ptr_array_add (found, g_strndup (names[i], strlen (names[i]) - strlen (".json")));

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      guint index;

      if (g_ptr_array_find_with_equal_func (found, order[i], g_str_equal, &index))
        {
          g_strv_builder_add (builder, order[i]);
          g_ptr_array_remove_index (found, index);
        }
    }
  for (guint i = 0; i < found->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (found, i));
  return g_strv_builder_end (builder);
}

/**
 * aw_languages_get_codes:
 *
 * The languages that have guidance data: the `languages` of guidance/common.json first,
 * in that order, then any other guidance/<code>.json by code.
 *
 * Returns: (transfer none): a %NULL-terminated array
 */
const char * const *
aw_languages_get_codes (void)
{
  static char **codes = NULL;

  if (g_once_init_enter (&codes))
    {
      GVariant *index = aw_languages_get_compiled_index ();
      g_auto(GStrv) order = NULL;

      if (index != NULL)
        g_variant_get_child (index, AW_COMPILED_INDEX_ORDER, "^as", &order);
      else
        order = read_order ();
      g_once_init_leave (&codes, list_codes ("guidance", (const char * const *) order));
    }
  return (const char * const *) codes;
}

gboolean
aw_languages_contains (const char *code)
{
  return code != NULL && g_strv_contains (aw_languages_get_codes (), code);
}

/**
 * aw_languages_get_default:
 *
 * The first language: detection falls back to it, and it loses a tie (FORMAT.md).
 *
 * Returns: (transfer none): a code, "" when there is no data at all
 */
const char *
aw_languages_get_default (void)
{
  const char * const *codes = aw_languages_get_codes ();

  return codes[0] != NULL ? codes[0] : "";
}

/**
 * aw_languages_get_template_codes:
 *
 * Returns: (transfer none): the languages that have a draft template
 *   (templates/<code>.json), sorted
 */
const char * const *
aw_languages_get_template_codes (void)
{
  static char **codes = NULL;

  if (g_once_init_enter (&codes))
    g_once_init_leave (&codes, list_codes ("templates", NULL));
  return (const char * const *) codes;
}

static JsonObject *
get_data_locked (const char  *code,
                 GError     **error)
{
  JsonNode *node;
  g_autofree char *path = NULL;

  if (data == NULL)
    data = g_hash_table_new (g_str_hash, g_str_equal);
  node = g_hash_table_lookup (data, code);
  if (node != NULL)
    return json_node_get_object (node);

  if (!aw_languages_contains (code))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No data for the language %s", code);
      return NULL;
    }
  path = g_strconcat ("guidance/", code, ".json", NULL);
  node = parse_file (path, error);
  if (node == NULL)
    return NULL;
  g_hash_table_insert (data, g_strdup (code), node);
  return json_node_get_object (node);
}

/**
 * aw_languages_get_data:
 * @code: one of aw_languages_get_codes()
 *
 * The JSON file itself: what aw-compile-guidance compiles, and what a check reads of
 * a language the precompiled form lacks (aw_languages_get_compiled_rules()).
 *
 * Returns: (transfer none): the parsed guidance/<code>.json, kept for the process, or
 *   %NULL with @error set
 */
JsonObject *
aw_languages_get_data (const char  *code,
                       GError     **error)
{
  JsonObject *object;

  g_return_val_if_fail (code != NULL, NULL);

  g_mutex_lock (&data_lock);
  object = get_data_locked (code, error);
  g_mutex_unlock (&data_lock);
  return object;
}

/* What every language shares out of guidance/<code>.json, without its rules: the word
 * lists of #AwLanguageWords and the detection members, far cheaper than the data */
static JsonObject *
get_summary_locked (const char  *code,
                    GError     **error)
{
  JsonNode *node;

  if (summaries == NULL)
    summaries = g_hash_table_new (g_str_hash, g_str_equal);
  node = g_hash_table_lookup (summaries, code);
  if (node != NULL)
    return json_node_get_object (node);

  if (!aw_languages_contains (code))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No data for the language %s", code);
      return NULL;
    }
  node = parse_summary (code, error);
  if (node == NULL)
    return NULL;
  g_hash_table_insert (summaries, g_strdup (code), node);
  return json_node_get_object (node);
}

/**
 * aw_languages_get_detect:
 * @code: one of aw_languages_get_codes()
 * @chars: (out) (transfer full): its "detect_chars", "" without
 *
 * The detection members of guidance/<code>.json, from the precompiled form when it
 * has the language, else from the file's summary.
 *
 * Returns: (transfer full): its "detect" words as written, or %NULL with @error set
 */
char **
aw_languages_get_detect (const char  *code,
                         char       **chars,
                         GError     **error)
{
  g_autoptr(GVariant) language = NULL;
  JsonObject *summary;
  char **words;

  g_return_val_if_fail (code != NULL, NULL);

  language = aw_languages_compiled_language (aw_languages_get_compiled_index (), code, NULL);
  if (language != NULL)
    {
      g_autoptr(GVariant) detect_chars = g_variant_get_child_value (language, 3);

      *chars = g_variant_dup_string (detect_chars, NULL);
      return aw_languages_dup_packed (language, 2);
    }

  g_mutex_lock (&data_lock);
  summary = get_summary_locked (code, error);
  words = summary != NULL ? aw_languages_read_detect (summary, chars) : NULL;
  g_mutex_unlock (&data_lock);
  return words;
}

/* The list @kind of the language @code: from the precompiled form when it has the
 * language, else from its summary (NULL when that cannot be read) */
static char **
language_words_locked (const char      *code,
                       AwLanguageWords  kind)
{
  g_autoptr(GVariant) language = aw_languages_compiled_language (aw_languages_get_compiled_index (), code, NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *summary;

  if (language != NULL)
    {
      g_autoptr(GVariant) lists = g_variant_get_child_value (language, 1);

      return aw_languages_dup_packed (lists, kind);
    }
  if ((summary = get_summary_locked (code, &error)) == NULL)
    {
      g_debug ("No %s from %s: %s", word_lists[kind].member, code, error->message);
      return NULL;
    }
  return read_word_list (summary, &word_lists[kind]);
}

/* The list @kind of common.json */
static char **
common_words (AwLanguageWords kind)
{
  GVariant *index = aw_languages_get_compiled_index ();
  g_autoptr(GVariant) lists = NULL;

  if (index == NULL)
    return read_word_list (get_common (), &word_lists[kind]);
  lists = g_variant_get_child_value (index, AW_COMPILED_INDEX_COMMON_WORDS);
  return aw_languages_dup_packed (lists, kind);
}

static void
add_words (char         **list,
           GHashTable    *seen,
           GStrvBuilder  *builder)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (*list[i] != '\0' && g_hash_table_add (seen, list[i]))
      g_strv_builder_add (builder, list[i]);
}

/**
 * aw_languages_get_words:
 * @kind: which list
 *
 * The list of guidance/common.json and (unless @kind is common only) of every language,
 * as written there, without repeats. The first call reads every language's summary.
 *
 * Returns: (transfer none): a %NULL-terminated array
 */
const char * const *
aw_languages_get_words (AwLanguageWords kind)
{
  char **list;

  g_return_val_if_fail (kind < AW_LANGUAGE_N_WORDS, NULL);

  list = g_atomic_pointer_get (&words[kind]);
  if (list != NULL)
    return (const char * const *) list;

  g_mutex_lock (&data_lock);
  if (words[kind] == NULL)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      const char * const *codes = aw_languages_get_codes ();

      g_ptr_array_add (lists, common_words (kind));
      for (guint i = 0; !word_lists[kind].common_only && codes[i] != NULL; i++)
        g_ptr_array_add (lists, language_words_locked (codes[i], kind));
      for (guint i = 0; i < lists->len; i++)
        add_words (g_ptr_array_index (lists, i), seen, builder);
      g_atomic_pointer_set (&words[kind], g_strv_builder_end (builder));
    }
  list = words[kind];
  g_mutex_unlock (&data_lock);
  return (const char * const *) list;
}

/**
 * aw_languages_get_word_set:
 * @kind: which list
 * @fold: how to fold a word for matching (aw_text_fold); the first call decides
 *
 * Returns: (transfer none): aw_languages_get_words() folded, as a set of strings
 */
GHashTable *
aw_languages_get_word_set (AwLanguageWords    kind,
                           AwLanguageFoldFunc fold)
{
  GHashTable *set;
  const char * const *list;

  g_return_val_if_fail (kind < AW_LANGUAGE_N_WORDS, NULL);

  set = g_atomic_pointer_get (&word_sets[kind]);
  if (set != NULL)
    return set;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  list = aw_languages_get_words (kind);
  for (guint i = 0; list[i] != NULL; i++)
    g_hash_table_add (set, fold (list[i]));
  if (!g_atomic_pointer_compare_and_exchange (&word_sets[kind], NULL, set))
    g_hash_table_unref (set);
  return g_atomic_pointer_get (&word_sets[kind]);
}

/* The index entry of the language @code: its word lists, detect words and chars */
static GVariant *
compile_language_locked (const char  *code,
                         GError     **error)
{
  JsonObject *summary = get_summary_locked (code, error);
  GVariantBuilder lists;
  g_auto(GStrv) detect = NULL;
  g_autofree char *chars = NULL;

  if (summary == NULL)
    return NULL;
  g_variant_builder_init (&lists, G_VARIANT_TYPE ("aay"));
  for (guint kind = 0; kind < AW_LANGUAGE_N_WORDS; kind++)
    {
      /* a common-only list ("acronyms") of a language belongs to its rules */
      g_auto(GStrv) list = word_lists[kind].common_only ? g_new0 (char *, 1)
                                                         : read_word_list (summary, &word_lists[kind]);

      g_variant_builder_add_value (&lists, aw_languages_pack_strings ((const char * const *) list, -1));
    }
  detect = aw_languages_read_detect (summary, &chars);
  return g_variant_new ("(saay@ays)", code, &lists,
                        aw_languages_pack_strings ((const char * const *) detect, -1), chars);
}

/* The index: the order of common.json, its word lists, each language's entry */
static GVariant *
compile_index_locked (const char * const  *codes,
                      GError             **error)
{
  g_auto(GStrv) order = read_order ();
  GVariantBuilder common;
  GVariantBuilder languages;

  g_variant_builder_init (&common, G_VARIANT_TYPE ("aay"));
  for (guint kind = 0; kind < AW_LANGUAGE_N_WORDS; kind++)
    {
      g_auto(GStrv) list = read_word_list (get_common (), &word_lists[kind]);

      g_variant_builder_add_value (&common, aw_languages_pack_strings ((const char * const *) list, -1));
    }
  g_variant_builder_init (&languages, G_VARIANT_TYPE ("a(saayays)"));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      GVariant *language = compile_language_locked (codes[i], error);

      if (language == NULL)
        {
          g_variant_builder_clear (&common);
          g_variant_builder_clear (&languages);
          return NULL;
        }
      g_variant_builder_add_value (&languages, language);
    }
  return g_variant_new ("(^asaaya(saayays))", order, &common, &languages);
}

/**
 * aw_languages_compile:
 * @compile_rules: (scope call): turns one language's parsed data into the variant its
 *   rules are kept as
 *
 * The precompiled form of the JSON files of the resource (data/guidance/FORMAT.md), for
 * aw-compile-guidance; it reads the JSON files even where a precompiled form exists.
 *
 * Returns: (transfer full): the bytes of guidance/compiled.gvariant, or %NULL with
 *   @error set
 */
GBytes *
aw_languages_compile (AwLanguageRulesFunc   compile_rules,
                      gpointer              user_data,
                      GError              **error)
{
  g_auto(GStrv) order = read_order ();
  g_auto(GStrv) codes = list_codes ("guidance", (const char * const *) order);
  g_autoptr(GVariant) index = NULL;
  g_autoptr(GVariant) blob = NULL;
  GVariantBuilder rules;

  g_mutex_lock (&data_lock);
  index = compile_index_locked ((const char * const *) codes, error);
  g_mutex_unlock (&data_lock);
  if (index == NULL)
    return NULL;
  g_variant_ref_sink (index);

  g_variant_builder_init (&rules, G_VARIANT_TYPE ("a(tv)"));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      JsonObject *object = aw_languages_get_data (codes[i], error);
      g_autoptr(GVariant) value = object != NULL ? compile_rules (codes[i], object, user_data, error)
                                                 : NULL;
      g_autoptr(GVariant) boxed = NULL;

      if (value == NULL)
        {
          g_variant_builder_clear (&rules);
          return NULL;
        }
      boxed = g_variant_ref_sink (g_variant_new_variant (value));
      g_variant_builder_add (&rules, "(t@v)", aw_languages_checksum (boxed), boxed);
    }
  blob = g_variant_ref_sink (g_variant_new ("(ut@*a(tv))", (guint32) AW_COMPILED_VERSION,
                                            aw_languages_checksum (index), index, &rules));
  return g_variant_get_data_as_bytes (blob);
}
