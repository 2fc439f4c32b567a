/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-guidance-precompiled.c: the precompiled guidance data is the JSON files' own
 *
 * guidance/compiled.gvariant (data/guidance/FORMAT.md) is what the JSON files of the
 * resource compile to now, it gives every language the very rules the JSON gives, and a
 * truncated, damaged or out-of-range blob is an error, never a crash.
 */
#include "config.h"

#include "aw-core-data.h"
#include "aw-guidance-rules.h"
#include "aw-languages.h"

#define COMPILED_PATH "guidance/compiled.gvariant"

static GBytes *
embedded_blob (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = aw_core_data_lookup (COMPILED_PATH, &error);

  g_assert_no_error (error);
  return bytes;
}

static AwGuidanceRules *
rules_from_json (const char *code)
{
  g_autoptr(GError) error = NULL;
  JsonObject *data = aw_languages_get_data (code, &error);
  AwGuidanceRules *rules;

  g_assert_no_error (error);
  rules = aw_guidance_rules_new (code, data, &error);
  g_assert_no_error (error);
  return rules;
}

static void
assert_same_starts (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      GArray *x = g_array_index (a, GArray *, i);
      GArray *y = g_array_index (b, GArray *, i);

      g_assert_true ((x == NULL) == (y == NULL));
      if (x != NULL)
        g_assert_cmpmem (x->data, x->len * sizeof (guint32), y->data, y->len * sizeof (guint32));
    }
}

static void
assert_same_rules (AwGuidanceRules *a,
                   AwGuidanceRules *b)
{
  g_autoptr(GVariant) x = aw_guidance_rules_to_variant (a);
  g_autoptr(GVariant) y = aw_guidance_rules_to_variant (b);

  g_assert_true (g_variant_equal (x, y));
  g_assert_cmpmem (a->root_table, sizeof a->root_table, b->root_table, sizeof b->root_table);
  assert_same_starts (a->starts, b->starts);
  assert_same_starts (a->break_starts, b->break_starts);
}

/* The blob the build embedded is what the JSON files compile to now */
static void
test_current (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) embedded = embedded_blob ();
  g_autoptr(GBytes) compiled = aw_languages_compile (aw_guidance_rules_compile_variant, NULL,
                                                     &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (embedded, compiled));
}

/* Every language's rules from the blob are those of its JSON file, and the blob has
 * every language */
static void
test_same_rules (void)
{
  const char * const *codes = aw_languages_get_codes ();

  g_assert_cmpuint (g_strv_length ((char **) codes), >=, 6);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) compiled = aw_languages_get_compiled_rules (codes[i], &error);
      g_autoptr(AwGuidanceRules) from_json = rules_from_json (codes[i]);
      g_autoptr(AwGuidanceRules) loaded = NULL;

      g_assert_no_error (error);
      loaded = aw_guidance_rules_new_from_variant (codes[i], compiled, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (loaded->patterns->len, >, 0);
      assert_same_rules (loaded, from_json);
    }
}

typedef GVariant *(*VariantMaker) (const char *code);

/* @make's value for @code, made once per code and kept in *@cache */
static GVariant *
cached_variant (GHashTable   **cache,
                const char    *code,
                VariantMaker   make)
{
  GVariant *value;

  if (*cache == NULL)
    *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_variant_unref);
  value = g_hash_table_lookup (*cache, code);
  if (value == NULL)
    {
      value = make (code);
      g_hash_table_insert (*cache, g_strdup (code), value);
    }
  return value;
}

static GVariant *
compile_json_rules (const char *code)
{
  g_autoptr(AwGuidanceRules) rules = rules_from_json (code);

  return aw_guidance_rules_to_variant (rules);
}

static GVariant *
read_embedded_rules (const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = embedded_blob ();
  g_autoptr(GVariant) blob = aw_languages_open_compiled (bytes, &error);
  GVariant *value;

  g_assert_no_error (error);
  value = aw_languages_compiled_get_rules (blob, code, &error);
  g_assert_no_error (error);
  return value;
}

/* What the JSON file of @code compiles to, compiled once */
static GVariant *
json_rules_variant (const char *code)
{
  static GHashTable *cache = NULL;

  return cached_variant (&cache, code, compile_json_rules);
}

/* @code's rules as the embedded blob stores them, read once */
static GVariant *
embedded_rules (const char *code)
{
  static GHashTable *cache = NULL;

  return cached_variant (&cache, code, read_embedded_rules);
}

/* Opens @bytes and loads every language from it: %FALSE when any step reports an
 * error; what loads must be the real rules. A language whose stored value is the
 * embedded one, byte for byte, loads as test_same_rules() proves; only the others are
 * built and compared, which keeps the one-byte-at-a-time damage test fast under ASan */
static gboolean
load_all (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) blob = aw_languages_open_compiled (bytes, &error);
  const char * const *codes = aw_languages_get_codes ();
  gboolean all = TRUE;

  if (blob == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      return FALSE;
    }
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = aw_languages_compiled_get_rules (blob, codes[i], &error);
      g_autoptr(AwGuidanceRules) rules = NULL;
      g_autoptr(GVariant) loaded = NULL;

      if (value != NULL && g_variant_equal (value, embedded_rules (codes[i])))
        continue;
      if (value != NULL)
        rules = aw_guidance_rules_new_from_variant (codes[i], value, &error);
      if (rules == NULL)
        {
          g_assert_nonnull (error);
          g_clear_error (&error);
          all = FALSE;
          continue;
        }
      loaded = aw_guidance_rules_to_variant (rules);
      g_assert_true (g_variant_equal (loaded, json_rules_variant (codes[i])));
    }
  return all;
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) blob = embedded_blob ();
  gsize size = g_bytes_get_size (blob);
  gsize lengths[] = { 0, 1, 4, 8, 16, 100, size / 3, size / 2, size - 1000, size - 9, size - 1 };

  g_assert_true (load_all (blob));
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (blob, 0, lengths[i]);

      g_assert_false (load_all (part));
    }
}

/* One byte changed at a time, all through the blob: an error, or (a byte no value
 * uses, such as padding) the same rules */
static void
test_damaged (void)
{
  g_autoptr(GBytes) blob = embedded_blob ();
  gsize size;
  const guint8 *data = g_bytes_get_data (blob, &size);
  g_autofree guint8 *copy = g_memdup2 (data, size);
  guint errors = 0, steps = 0;

  for (gsize at = 0; at < size; at += at < 32 || at + 32 > size ? 1 : 15013)
    {
      g_autoptr(GBytes) damaged = NULL;

      copy[at] ^= 0x5a;
      damaged = g_bytes_new (copy, size);
      errors += load_all (damaged) ? 0 : 1;
      copy[at] = data[at];
      steps++;
    }
  g_assert_cmpuint (errors, >, steps * 3 / 4);
}

/* Rules with a valid checksum but an index out of range: an error */
static GVariant *
replace_member (GVariant *rules,
                guint     member,
                GVariant *value)
{
  gsize n = g_variant_n_children (rules);
  g_autofree GVariant **children = g_new (GVariant *, n);
  GVariant *result;

  for (gsize i = 0; i < n; i++)
    children[i] = i == member ? g_variant_ref_sink (value) : g_variant_get_child_value (rules, i);
  result = g_variant_ref_sink (g_variant_new_tuple (children, n));
  for (gsize i = 0; i < n; i++)
    g_variant_unref (children[i]);
  return result;
}

static void
assert_rejected (GVariant *rules)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwGuidanceRules) loaded = aw_guidance_rules_new_from_variant ("en", rules, &error);

  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* A copy of the fixed array @member of @rules with its element @index set to @value */
static GVariant *
with_element (GVariant *rules,
              guint     member,
              gsize     index,
              guint32   value)
{
  g_autoptr(GVariant) child = g_variant_get_child_value (rules, member);
  gsize n;
  gconstpointer items = g_variant_get_fixed_array (child, &n, sizeof (guint32));
  g_autofree guint32 *copy = g_memdup2 (items, n * sizeof (guint32));

  g_assert_cmpuint (index, <, n);
  copy[index] = value;
  return replace_member (rules, member, g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, copy, n,
                                                                   sizeof (guint32)));
}

static void
test_out_of_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) rules = aw_languages_get_compiled_rules ("en", &error);
  g_autoptr(AwGuidanceRules) loaded = NULL;
  g_autoptr(GVariant) bad_atom = NULL;
  g_autoptr(GVariant) bad_kid = NULL;
  g_autoptr(GVariant) bad_count = NULL;
  g_autoptr(GVariant) wrong_type = g_variant_ref_sink (g_variant_new ("(su)", "en", 1));
  guint32 n_atoms;

  g_assert_no_error (error);
  loaded = aw_guidance_rules_new_from_variant ("en", rules, &error);
  g_assert_no_error (error);
  /* the members by their place in FORMAT.md's list: 11 the number of atoms, 18 the
   * slots of each pattern, 21 the alternatives' atoms, 26 the trie's children */
  g_variant_get_child (rules, 11, "u", &n_atoms);
  bad_atom = with_element (rules, 21, 0, n_atoms);
  bad_kid = with_element (rules, 26, 0, loaded->nodes->len);
  bad_count = with_element (rules, 18, 0, 1000000);
  assert_rejected (bad_atom);
  assert_rejected (bad_kid);
  assert_rejected (bad_count);
  assert_rejected (wrong_type);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guidance-precompiled/current", test_current);
  g_test_add_func ("/guidance-precompiled/same-rules", test_same_rules);
  g_test_add_func ("/guidance-precompiled/truncated", test_truncated);
  g_test_add_func ("/guidance-precompiled/damaged", test_damaged);
  g_test_add_func ("/guidance-precompiled/out-of-range", test_out_of_range);

  return g_test_run ();
}
