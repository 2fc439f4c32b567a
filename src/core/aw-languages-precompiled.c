/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-languages-precompiled.c: the precompiled form of the languages' data
 *
 * guidance/compiled.gvariant (data/guidance/FORMAT.md "The precompiled form"), which
 * the build writes with aw-compile-guidance from the JSON files (aw_languages_compile()
 * in aw-languages.c). Its index holds what every check reads of every language (the
 * order of common.json, the word lists, the detection members); each language's rules
 * follow with their own checksum, so a check touches the rules of its language only.
 * Here: the blob's checks, and its lists read without making a value of each word.
 */
#include "config.h"

#include <string.h>

#include "aw-core-data.h"
#include "aw-languages-private.h"

#define COMPILED_PATH "guidance/compiled.gvariant"
#define COMPILED_TYPE "(ut(asaaya(saayays))a(tv))"

/**
 * aw_languages_pack_strings:
 * @strings: (array length=n_strings): strings
 * @n_strings: their number, or -1 when @strings ends with %NULL
 *
 * A list of strings as the precompiled form keeps it: one byte string ("ay"), each
 * string followed by a NUL, which aw_languages_unpack_strings() reads without making a
 * value of each string.
 *
 * Returns: (transfer floating): the packed list
 */
GVariant *
aw_languages_pack_strings (const char * const *strings,
                           gssize              n_strings)
{
  g_autoptr(GString) packed = g_string_new (NULL);

  for (gsize i = 0; n_strings < 0 ? strings[i] != NULL : i < (gsize) n_strings; i++)
    g_string_append_len (packed, strings[i], strlen (strings[i]) + 1);
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, packed->str, packed->len, 1);
}

/**
 * aw_languages_unpack_strings:
 * @packed: from aw_languages_pack_strings()
 * @n_strings: (out) (optional): the number of strings
 *
 * Returns: (transfer container) (nullable): the strings, %NULL-terminated, pointing into
 *   @packed's data; %NULL when the list is damaged (not UTF-8, or a string without its NUL)
 */
const char **
aw_languages_unpack_strings (GVariant *packed,
                             gsize    *n_strings)
{
  gsize size;
  const char *data = g_variant_get_fixed_array (packed, &size, 1);
  const char *end = size > 0 ? data + size : data;  /* an empty array has no data */
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (const char *p = data; p < end;)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL || !g_utf8_validate (p, nul - p, NULL))
        return NULL;
      g_ptr_array_add (list, (gpointer) p);
      p = nul + 1;
    }
  if (n_strings != NULL)
    *n_strings = list->len;
  g_ptr_array_add (list, NULL);
  return (const char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* A copy of the packed list @member of @value, empty when it is damaged */
char **
aw_languages_dup_packed (GVariant *value,
                         gsize     member)
{
  g_autoptr(GVariant) packed = g_variant_get_child_value (value, member);
  g_autofree const char **strings = aw_languages_unpack_strings (packed, NULL);

  return strings != NULL ? g_strdupv ((char **) strings) : g_new0 (char *, 1);
}

/* Not a cryptographic hash: it finds a truncated or damaged blob, eight bytes a step */
guint64
aw_languages_checksum (GVariant *value)
{
  const guint8 *bytes = g_variant_get_data (value);
  gsize size = g_variant_get_size (value);
  guint64 hash = size;
  gsize i;

  for (i = 0; i + 8 <= size; i += 8)
    {
      guint64 word;

      memcpy (&word, bytes + i, sizeof word);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      hash ^= hash >> 29;
    }
  for (; i < size; i++)
    hash = (hash ^ bytes[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  return hash;
}

static gboolean
compiled_shape_ok (GVariant *blob)
{
  g_autoptr(GVariant) index = g_variant_get_child_value (blob, 2);
  g_autoptr(GVariant) words = g_variant_get_child_value (index, AW_COMPILED_INDEX_COMMON_WORDS);
  g_autoptr(GVariant) languages = g_variant_get_child_value (index, AW_COMPILED_INDEX_LANGUAGES);
  g_autoptr(GVariant) rules = g_variant_get_child_value (blob, 3);

  if (g_variant_n_children (words) != AW_LANGUAGE_N_WORDS ||
      g_variant_n_children (languages) != g_variant_n_children (rules))
    return FALSE;
  for (gsize i = 0; i < g_variant_n_children (languages); i++)
    {
      g_autoptr(GVariant) language = g_variant_get_child_value (languages, i);
      g_autoptr(GVariant) lists = g_variant_get_child_value (language, 1);

      if (g_variant_n_children (lists) != AW_LANGUAGE_N_WORDS)
        return FALSE;
    }
  return TRUE;
}

/**
 * aw_languages_open_compiled:
 * @bytes: a guidance/compiled.gvariant
 *
 * Checks its version, the checksum of its index and its shape; each language's rules
 * are checked when aw_languages_compiled_get_rules() takes them out.
 *
 * Returns: (transfer full): the blob, or %NULL with @error set
 */
GVariant *
aw_languages_open_compiled (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(GVariant) blob = NULL;
  g_autoptr(GVariant) index = NULL;
  guint32 version;
  guint64 checksum;

  g_return_val_if_fail (bytes != NULL, NULL);

  blob = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (COMPILED_TYPE), bytes,
                                                       FALSE));
  g_variant_get_child (blob, 0, "u", &version);
  g_variant_get_child (blob, 1, "t", &checksum);
  if (version != AW_COMPILED_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: version %u, not %u: truncated, damaged or from another build",
                   COMPILED_PATH, version, AW_COMPILED_VERSION);
      return NULL;
    }
  index = g_variant_get_child_value (blob, 2);
  if (aw_languages_checksum (index) != checksum || !compiled_shape_ok (blob))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: the index is truncated or damaged (checksum)", COMPILED_PATH);
      return NULL;
    }
  return g_steal_pointer (&blob);
}

/* @value, whose checksum matched, as data in normal form: read without checks */
static GVariant *
trust (GVariant *value)
{
  g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (value);

  return g_variant_ref_sink (g_variant_new_from_bytes (g_variant_get_type (value), bytes, TRUE));
}

static GVariant *compiled;        /* the resource's blob, kept for the process */
static GVariant *compiled_index;  /* its index, trusted */

/* The resource's compiled blob, or NULL when it has none (the compiler itself) or it
 * is damaged: then everything comes from the JSON files */
static GVariant *
get_compiled (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = aw_core_data_lookup (COMPILED_PATH, &error);

      if (bytes == NULL)
        g_debug ("No %s: reading the JSON files", COMPILED_PATH);
      else if ((compiled = aw_languages_open_compiled (bytes, &error)) == NULL)
        g_warning ("Cannot use the precompiled guidance data: %s", error->message);
      else
        {
          g_autoptr(GVariant) index = g_variant_get_child_value (compiled, 2);

          compiled_index = trust (index);
        }
      g_once_init_leave (&done, 1);
    }
  return compiled;
}

/* The index of the resource's blob, trusted, or NULL */
GVariant *
aw_languages_get_compiled_index (void)
{
  get_compiled ();
  return compiled_index;
}

/* The entry of the language @code in the index @index, or NULL when it has none */
GVariant *
aw_languages_compiled_language (GVariant   *index,
                                const char *code,
                                gsize      *position)
{
  g_autoptr(GVariant) languages = NULL;

  if (index == NULL)
    return NULL;
  languages = g_variant_get_child_value (index, AW_COMPILED_INDEX_LANGUAGES);
  for (gsize i = 0; i < g_variant_n_children (languages); i++)
    {
      g_autoptr(GVariant) language = g_variant_get_child_value (languages, i);
      g_autoptr(GVariant) name = g_variant_get_child_value (language, 0);

      if (g_str_equal (g_variant_get_string (name, NULL), code))
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&language);
        }
    }
  return NULL;
}

/**
 * aw_languages_compiled_get_rules:
 * @blob: from aw_languages_open_compiled()
 * @code: a language code
 *
 * Returns: (transfer full): the language's precompiled rules (a variant of the type
 *   aw-guidance-rules.c writes), their checksum checked, or %NULL with @error set:
 *   %G_IO_ERROR_NOT_FOUND when @blob has no rules for @code
 */
GVariant *
aw_languages_compiled_get_rules (GVariant    *blob,
                                 const char  *code,
                                 GError     **error)
{
  g_autoptr(GVariant) index = NULL;
  g_autoptr(GVariant) language = NULL;
  g_autoptr(GVariant) rules = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GVariant) trusted = NULL;
  gsize position = 0;
  guint64 checksum;

  g_return_val_if_fail (blob != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  index = g_variant_get_child_value (blob, 2);
  language = aw_languages_compiled_language (index, code, &position);
  if (language == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No precompiled rules for %s", code);
      return NULL;
    }
  rules = g_variant_get_child_value (blob, 3);
  entry = g_variant_get_child_value (rules, position);
  g_variant_get_child (entry, 0, "t", &checksum);
  boxed = g_variant_get_child_value (entry, 1);
  if (aw_languages_checksum (boxed) != checksum)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: the rules of %s are truncated or damaged (checksum)", COMPILED_PATH, code);
      return NULL;
    }
  trusted = trust (boxed);
  return g_variant_get_variant (trusted);
}

/**
 * aw_languages_get_compiled_rules:
 * @code: one of aw_languages_get_codes()
 *
 * Returns: (transfer full): the precompiled rules of the language, or %NULL with @error
 *   set: %G_IO_ERROR_NOT_FOUND when there are none (its data is JSON only, the
 *   precompiled form is missing or damaged), aw_languages_get_data() is then the way
 */
GVariant *
aw_languages_get_compiled_rules (const char  *code,
                                 GError     **error)
{
  GVariant *blob = get_compiled ();

  if (blob == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No precompiled rules");
      return NULL;
    }
  return aw_languages_compiled_get_rules (blob, code, error);
}
