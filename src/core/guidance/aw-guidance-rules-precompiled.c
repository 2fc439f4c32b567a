/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-rules-precompiled.c: one language's compiled rules as a GVariant and back
 *
 * aw-compile-guidance writes every language's compiled rules at build time
 * (guidance/compiled.gvariant, data/guidance/FORMAT.md "The precompiled form"), so a
 * check neither parses the JSON nor compiles a pattern: it copies the trie and the
 * patterns out of arrays it reads in place. The arrays are checked on the way (every
 * index in range), so a damaged blob is an error, never a bad read.
 */
#include "config.h"

#include <string.h>

#include "aw-guidance-rules.h"
#include "aw-languages.h"

/* What a language's rules are kept as; FORMAT.md lists the members. Each "ay" of
 * strings is a packed list (aw_languages_pack_strings()). */
#define RULES_TYPE "(sayauubayayayaymsmsu" "ayayaiayaiayau" "aqayau" "aiaiauayau)"

enum
{
  MEMBER_NAME,
  MEMBER_DETECT,
  MEMBER_DETECT_CHARS,
  MEMBER_NEGATION_WINDOW,
  MEMBER_COMMA_ENDS_NEGATION,
  MEMBER_ACRONYMS,
  MEMBER_TEMPLATE_FIELDS,
  MEMBER_CANCELS_AFTER,       /* ay: a packed list, the words of an entry joined by a space */
  MEMBER_CANCELS_BEFORE,
  MEMBER_INSERT_THANKS,
  MEMBER_INSERT_FEEDBACK,
  MEMBER_N_ATOMS,
  MEMBER_PATTERN_KINDS,       /* ay: AwPatternKind */
  MEMBER_PATTERN_RULES,       /* ay: aw_guidance_rules_get_phrase_rule(), NO_RULE */
  MEMBER_PATTERN_SEVERITIES,  /* ai: -1 for the rule's default */
  MEMBER_PATTERN_NEGATABLE,   /* ay: 0 or 1 */
  MEMBER_PATTERN_SUGGESTIONS, /* ai: in MEMBER_SUGGESTIONS, -1 for none */
  MEMBER_SUGGESTIONS,
  MEMBER_PATTERN_N_SLOTS,     /* au: the slots of each pattern, in order */
  MEMBER_SLOT_N_ALTS,         /* aq: the alternatives of each slot, in order */
  MEMBER_SLOT_MAX_GAPS,
  MEMBER_ALTS,                /* au: atom ids */
  MEMBER_NODE_EXACT_ATOMS,    /* ai, per trie node, -1 for none */
  MEMBER_NODE_PREFIX_ATOMS,
  MEMBER_NODE_N_KIDS,
  MEMBER_TRIE_KEYS,           /* ay: the children of every node, one block */
  MEMBER_TRIE_KIDS,
};

#define NO_RULE 0xff

static GVariant *
new_fixed (const char *element_type,
           GArray     *array)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE (element_type), array->data, array->len,
                                    g_array_get_element_size (array));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GVariant *
new_sorted_set (GHashTable *set)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (set, NULL);

  g_qsort_with_data (keys, g_hash_table_size (set), sizeof (char *),
                     compare_strings, NULL);
  return aw_languages_pack_strings (keys, g_hash_table_size (set));
}

/* The entries in their order, each entry's words joined by a space */
static GVariant *
new_negation_cancels (GPtrArray *cancels)
{
  g_autoptr(GPtrArray) joined = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < cancels->len; i++)
    g_ptr_array_add (joined, g_strjoinv (" ", g_ptr_array_index (cancels, i)));
  return aw_languages_pack_strings ((const char * const *) joined->pdata, joined->len);
}

static guint8
phrase_rule_index (const char *rule_id)
{
  const char *rule;

  for (guint i = 0; rule_id != NULL && (rule = aw_guidance_rules_get_phrase_rule (i)) != NULL; i++)
    if (g_str_equal (rule, rule_id))
      return i;
  return NO_RULE;
}

/* Appends the patterns' members, MEMBER_PATTERN_KINDS to MEMBER_ALTS, to @members */
static void
add_patterns (AwGuidanceRules *self,
              GPtrArray       *members)
{
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, 1);
  g_autoptr(GArray) rules = g_array_new (FALSE, FALSE, 1);
  g_autoptr(GArray) severities = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) negatable = g_array_new (FALSE, FALSE, 1);
  g_autoptr(GArray) suggestion_of = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new ();
  g_autoptr(GHashTable) suggestion_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) n_slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) n_alts = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GArray) max_gaps = g_array_new (FALSE, FALSE, 1);
  g_autoptr(GArray) alts = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < self->patterns->len; i++)
    {
      const AwPattern *pattern = &g_array_index (self->patterns, AwPattern, i);
      guint8 kind = pattern->kind, rule = phrase_rule_index (pattern->rule_id);
      guint8 can_negate = pattern->negatable ? 1 : 0;
      gint32 severity = pattern->severity, suggestion = -1;
      guint32 slots = pattern->n_slots;
      gpointer found;

      if (pattern->suggestion != NULL)
        {
          if (!g_hash_table_lookup_extended (suggestion_index, pattern->suggestion, NULL, &found))
            {
              found = GUINT_TO_POINTER (suggestions->len);
              g_hash_table_insert (suggestion_index, pattern->suggestion, found);
              g_ptr_array_add (suggestions, pattern->suggestion);
            }
          suggestion = GPOINTER_TO_UINT (found);
        }
      g_array_append_val (kinds, kind);
      g_array_append_val (rules, rule);
      g_array_append_val (severities, severity);
      g_array_append_val (negatable, can_negate);
      g_array_append_val (suggestion_of, suggestion);
      g_array_append_val (n_slots, slots);
      for (guint s = 0; s < pattern->n_slots; s++)
        {
          const AwSlot *slot = &pattern->slots[s];

          g_array_append_val (n_alts, slot->n_alts);
          g_array_append_val (max_gaps, slot->max_gap);
          g_array_append_vals (alts, slot->alts, slot->n_alts);
        }
    }
  g_ptr_array_add (members, new_fixed ("y", kinds));
  g_ptr_array_add (members, new_fixed ("y", rules));
  g_ptr_array_add (members, new_fixed ("i", severities));
  g_ptr_array_add (members, new_fixed ("y", negatable));
  g_ptr_array_add (members, new_fixed ("i", suggestion_of));
  g_ptr_array_add (members, aw_languages_pack_strings ((const char * const *) suggestions->pdata,
                                                       suggestions->len));
  g_ptr_array_add (members, new_fixed ("u", n_slots));
  g_ptr_array_add (members, new_fixed ("q", n_alts));
  g_ptr_array_add (members, new_fixed ("y", max_gaps));
  g_ptr_array_add (members, new_fixed ("u", alts));
}

/* Appends the packed trie's members, MEMBER_NODE_EXACT_ATOMS to MEMBER_TRIE_KIDS */
static void
add_trie (AwGuidanceRules *self,
          GPtrArray       *members)
{
  g_autoptr(GArray) exact = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) prefix = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) n_kids = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 total = 0;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const AwTrieNode *node = &g_array_index (self->nodes, AwTrieNode, i);

      g_array_append_val (exact, node->exact_atom);
      g_array_append_val (prefix, node->prefix_atom);
      g_array_append_val (n_kids, node->n_kids);
      total += node->n_kids;
    }
  g_ptr_array_add (members, new_fixed ("i", exact));
  g_ptr_array_add (members, new_fixed ("i", prefix));
  g_ptr_array_add (members, new_fixed ("u", n_kids));
  g_ptr_array_add (members, g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, self->trie_keys,
                                                       total, 1));
  g_ptr_array_add (members, g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, self->trie_kids,
                                                       total, sizeof (guint32)));
}

/**
 * aw_guidance_rules_to_variant:
 * @self: compiled rules
 *
 * What aw_guidance_rules_new_from_variant() makes the same rules from again: every
 * member but the tables aw_guidance_rules_index() derives.
 *
 * Returns: (transfer full): a sunk variant
 */
GVariant *
aw_guidance_rules_to_variant (AwGuidanceRules *self)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_ptr_array_add (members, g_variant_new_string (self->name));
  g_ptr_array_add (members, aw_languages_pack_strings ((const char * const *) self->detect->pdata,
                                                       self->detect->len));
  g_ptr_array_add (members, g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32,
                                                       self->detect_chars->data,
                                                       self->detect_chars->len,
                                                       sizeof (gunichar)));
  g_ptr_array_add (members, g_variant_new_uint32 (self->negation_window));
  g_ptr_array_add (members, g_variant_new_boolean (self->comma_ends_negation));
  g_ptr_array_add (members, new_sorted_set (self->acronyms));
  g_ptr_array_add (members, new_sorted_set (self->template_fields));
  g_ptr_array_add (members, new_negation_cancels (self->cancels_after));
  g_ptr_array_add (members, new_negation_cancels (self->cancels_before));
  g_ptr_array_add (members, g_variant_new ("ms", self->insert_thanks));
  g_ptr_array_add (members, g_variant_new ("ms", self->insert_feedback));
  g_ptr_array_add (members, g_variant_new_uint32 (self->n_atoms));
  add_patterns (self, members);
  add_trie (self, members);
  return g_variant_ref_sink (g_variant_new_tuple ((GVariant **) members->pdata, members->len));
}

/**
 * aw_guidance_rules_compile_variant:
 * @code: the language code
 * @data: the parsed guidance/<code>.json
 *
 * An #AwLanguageRulesFunc: what aw_languages_compile() keeps of a language's rules.
 *
 * Returns: (transfer full): the compiled rules as aw_guidance_rules_to_variant() gives
 *   them, or %NULL with @error set
 */
GVariant *
aw_guidance_rules_compile_variant (const char  *code,
                                   JsonObject  *data,
                                   gpointer     user_data,
                                   GError     **error)
{
  g_autoptr(AwGuidanceRules) rules = aw_guidance_rules_new (code, data, error);

  return rules != NULL ? aw_guidance_rules_to_variant (rules) : NULL;
}

/* The fixed-size array @member of @variant, read in place */
static gconstpointer
get_array (GVariant *variant,
           guint     member,
           gsize     element_size,
           gsize    *n)
{
  g_autoptr(GVariant) child = g_variant_get_child_value (variant, member);

  return g_variant_get_fixed_array (child, n, element_size);
}

static gboolean
damaged (GError     **error,
         const char  *code,
         const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The precompiled rules of %s are damaged: %s", code, what);
  return FALSE;
}

/* Copies the packed list @member into @set or @list */
static gboolean
add_strings (AwGuidanceRules  *self,
             GVariant         *variant,
             guint             member,
             GHashTable       *set,
             GPtrArray        *list,
             GError          **error)
{
  g_autoptr(GVariant) child = g_variant_get_child_value (variant, member);
  g_autofree const char **strings = aw_languages_unpack_strings (child, NULL);

  if (strings == NULL)
    return damaged (error, self->code, "a list of words");
  for (guint i = 0; strings[i] != NULL; i++)
    {
      if (set != NULL)
        g_hash_table_add (set, g_strdup (strings[i]));
      else
        g_ptr_array_add (list, g_strdup (strings[i]));
    }
  return TRUE;
}

static gboolean
read_negation_cancels (AwGuidanceRules  *self,
                       GVariant         *variant,
                       guint             member,
                       GPtrArray        *cancels,
                       GError          **error)
{
  g_autoptr(GVariant) child = g_variant_get_child_value (variant, member);
  g_autofree const char **entries = aw_languages_unpack_strings (child, NULL);

  if (entries == NULL)
    return damaged (error, self->code, "the negation cancels");
  for (guint i = 0; entries[i] != NULL; i++)
    aw_guidance_rules_add_negation_cancel (self, cancels, entries[i]);
  return TRUE;
}

/* The members up to MEMBER_N_ATOMS: the language's name, detection, sets and settings */
static gboolean
read_settings (AwGuidanceRules  *self,
               GVariant         *variant,
               GError          **error)
{
  const gunichar *chars;
  gsize n_chars;

  g_variant_get_child (variant, MEMBER_NAME, "s", &self->name);
  chars = get_array (variant, MEMBER_DETECT_CHARS, sizeof (gunichar), &n_chars);
  g_array_append_vals (self->detect_chars, chars, n_chars);
  g_variant_get_child (variant, MEMBER_NEGATION_WINDOW, "u", &self->negation_window);
  self->negation_window = MIN (self->negation_window, 8);
  g_variant_get_child (variant, MEMBER_COMMA_ENDS_NEGATION, "b", &self->comma_ends_negation);
  g_variant_get_child (variant, MEMBER_INSERT_THANKS, "ms", &self->insert_thanks);
  g_variant_get_child (variant, MEMBER_INSERT_FEEDBACK, "ms", &self->insert_feedback);
  g_variant_get_child (variant, MEMBER_N_ATOMS, "u", &self->n_atoms);
  return add_strings (self, variant, MEMBER_DETECT, NULL, self->detect, error) &&
         add_strings (self, variant, MEMBER_ACRONYMS, self->acronyms, NULL, error) &&
         add_strings (self, variant, MEMBER_TEMPLATE_FIELDS, self->template_fields, NULL, error) &&
         read_negation_cancels (self, variant, MEMBER_CANCELS_AFTER, self->cancels_after, error) &&
         read_negation_cancels (self, variant, MEMBER_CANCELS_BEFORE, self->cancels_before, error);
}

static gboolean
atom_ok (AwGuidanceRules *self,
         gint32           atom)
{
  return atom >= -1 && (atom < 0 || (guint) atom < self->n_atoms);
}

static gboolean
read_trie (AwGuidanceRules  *self,
           GVariant         *variant,
           GError          **error)
{
  gsize n, n_prefix, n_counts, n_keys, n_kids, total = 0;
  const gint32 *exact = get_array (variant, MEMBER_NODE_EXACT_ATOMS, sizeof (gint32), &n);
  const gint32 *prefix = get_array (variant, MEMBER_NODE_PREFIX_ATOMS, sizeof (gint32), &n_prefix);
  const guint32 *counts = get_array (variant, MEMBER_NODE_N_KIDS, sizeof (guint32), &n_counts);
  const guint8 *keys = get_array (variant, MEMBER_TRIE_KEYS, 1, &n_keys);
  const guint32 *kids = get_array (variant, MEMBER_TRIE_KIDS, sizeof (guint32), &n_kids);
  AwTrieNode *nodes;

  /* a node has at most an exact and a prefix atom */
  if (n == 0 || n_prefix != n || n_counts != n || n_kids != n_keys || self->n_atoms > 2 * n)
    return damaged (error, self->code, "the trie's arrays disagree");
  for (gsize i = 0; i < n; i++)
    {
      if (counts[i] > n_kids - total)
        return damaged (error, self->code, "more children than the trie has");
      total += counts[i];
      if (!atom_ok (self, exact[i]) || !atom_ok (self, prefix[i]))
        return damaged (error, self->code, "an atom out of range");
    }
  if (total != n_kids)
    return damaged (error, self->code, "fewer children than the trie has");
  for (gsize k = 0; k < n_kids; k++)
    if (kids[k] == 0 || kids[k] >= n)
      return damaged (error, self->code, "a child out of range");

  self->nodes = g_array_sized_new (FALSE, FALSE, sizeof (AwTrieNode), n);
  g_array_set_size (self->nodes, n);
  self->trie_keys = g_memdup2 (keys, n_keys);
  self->trie_kids = g_memdup2 (kids, n_kids * sizeof (guint32));
  nodes = (AwTrieNode *) (gpointer) self->nodes->data;
  total = 0;
  for (gsize i = 0; i < n; i++)
    {
      nodes[i].keys = self->trie_keys + total;
      nodes[i].kids = self->trie_kids + total;
      nodes[i].n_kids = counts[i];
      nodes[i].exact_atom = exact[i];
      nodes[i].prefix_atom = prefix[i];
      nodes[i].first_child = 0;   /* the lists of the compiling, unused once packed */
      nodes[i].next_sibling = 0;
      nodes[i].byte = 0;
      total += counts[i];
    }
  return TRUE;
}

/* The arrays of the patterns' slots, and how far the patterns read so far took them */
typedef struct
{
  const guint16 *n_alts;
  const guint8  *max_gaps;
  gsize          n_slots;
  const guint32 *alts;
  gsize          n_alts_total;
  gsize          slot;
  gsize          alt;
} SlotReader;

/* The slots of @pattern (its n_slots set) out of @reader, in one block as
 * aw-guidance-rules.c makes them */
static gboolean
read_slots (AwGuidanceRules  *self,
            SlotReader       *reader,
            AwPattern        *pattern,
            GError          **error)
{
  gsize n_alts = 0;
  guint32 *alts;

  if (pattern->n_slots == 0 || pattern->n_slots > reader->n_slots - reader->slot)
    return damaged (error, self->code, "a pattern's slots out of range");
  for (guint s = 0; s < pattern->n_slots; s++)
    {
      guint16 count = reader->n_alts[reader->slot + s];

      if (count == 0 || count > reader->n_alts_total - reader->alt - n_alts ||
          reader->max_gaps[reader->slot + s] > AW_PATTERN_MAX_GAP)
        return damaged (error, self->code, "a slot out of range");
      n_alts += count;
    }
  for (gsize a = 0; a < n_alts; a++)
    if (reader->alts[reader->alt + a] >= self->n_atoms)
      return damaged (error, self->code, "an atom out of range");

  pattern->slots = g_malloc (pattern->n_slots * sizeof (AwSlot) + n_alts * sizeof (guint32));
  alts = (guint32 *) (gpointer) (pattern->slots + pattern->n_slots);
  memcpy (alts, reader->alts + reader->alt, n_alts * sizeof (guint32));
  for (guint s = 0; s < pattern->n_slots; s++)
    {
      AwSlot *slot = &pattern->slots[s];

      slot->alts = alts;
      slot->n_alts = reader->n_alts[reader->slot + s];
      slot->max_gap = reader->max_gaps[reader->slot + s];
      slot->mask = 0;
      for (guint a = 0; a < slot->n_alts; a++)
        slot->mask |= AW_ATOM_BIT (alts[a]);
      alts += slot->n_alts;
    }
  reader->slot += pattern->n_slots;
  reader->alt += n_alts;
  return TRUE;
}

static gboolean
read_patterns (AwGuidanceRules  *self,
               GVariant         *variant,
               GError          **error)
{
  gsize n, n_rules, n_severities, n_negatable, n_suggestion_of, n_counts, n_gaps;
  const guint8 *kinds = get_array (variant, MEMBER_PATTERN_KINDS, 1, &n);
  const guint8 *rules = get_array (variant, MEMBER_PATTERN_RULES, 1, &n_rules);
  const gint32 *severities = get_array (variant, MEMBER_PATTERN_SEVERITIES, sizeof (gint32),
                                        &n_severities);
  const guint8 *negatable = get_array (variant, MEMBER_PATTERN_NEGATABLE, 1, &n_negatable);
  const gint32 *suggestion_of = get_array (variant, MEMBER_PATTERN_SUGGESTIONS, sizeof (gint32),
                                           &n_suggestion_of);
  const guint32 *counts = get_array (variant, MEMBER_PATTERN_N_SLOTS, sizeof (guint32), &n_counts);
  g_autoptr(GVariant) suggestion_list = g_variant_get_child_value (variant, MEMBER_SUGGESTIONS);
  gsize n_suggestions;
  g_autofree const char **suggestions = aw_languages_unpack_strings (suggestion_list,
                                                                    &n_suggestions);
  SlotReader reader = { 0 };

  if (suggestions == NULL)
    return damaged (error, self->code, "the suggestions");
  reader.n_alts = get_array (variant, MEMBER_SLOT_N_ALTS, sizeof (guint16), &reader.n_slots);
  reader.max_gaps = get_array (variant, MEMBER_SLOT_MAX_GAPS, 1, &n_gaps);
  reader.alts = get_array (variant, MEMBER_ALTS, sizeof (guint32), &reader.n_alts_total);
  if (n_rules != n || n_severities != n || n_negatable != n || n_suggestion_of != n ||
      n_counts != n || n_gaps != reader.n_slots)
    return damaged (error, self->code, "the patterns' arrays disagree");

  /* room for them all, so that appending never grows the array */
  g_array_set_size (self->patterns, n);
  g_array_set_size (self->patterns, 0);
  for (gsize i = 0; i < n; i++)
    {
      AwPattern pattern = { kinds[i], NULL, NULL, severities[i], negatable[i] != 0, NULL,
                            counts[i] };

      if (kinds[i] > AW_PATTERN_REQUEST || negatable[i] > 1 ||
          severities[i] < -1 || severities[i] > AW_SEVERITY_ERROR ||
          suggestion_of[i] < -1 || suggestion_of[i] >= (gint64) n_suggestions)
        return damaged (error, self->code, "a pattern out of range");
      if (rules[i] != NO_RULE &&
          (pattern.rule_id = (char *) aw_guidance_rules_get_phrase_rule (rules[i])) == NULL)
        return damaged (error, self->code, "an unknown rule");
      if ((pattern.kind == AW_PATTERN_PHRASE) != (pattern.rule_id != NULL))
        return damaged (error, self->code, "a phrase without its rule");
      if (!read_slots (self, &reader, &pattern, error))
        return FALSE;
      if (suggestion_of[i] >= 0)
        pattern.suggestion = g_strdup (suggestions[suggestion_of[i]]);
      g_array_append_val (self->patterns, pattern);
    }
  if (reader.slot != reader.n_slots || reader.alt != reader.n_alts_total)
    return damaged (error, self->code, "slots no pattern has");
  return TRUE;
}

/**
 * aw_guidance_rules_new_from_variant:
 * @code: the language code
 * @variant: from aw_guidance_rules_to_variant(), at build time
 *
 * Returns: (transfer full): the rules, or %NULL with @error set when @variant is not
 *   the rules of this build's form or is damaged
 */
AwGuidanceRules *
aw_guidance_rules_new_from_variant (const char  *code,
                                    GVariant    *variant,
                                    GError     **error)
{
  g_autoptr(AwGuidanceRules) self = NULL;

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (RULES_TYPE)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The precompiled rules of %s are of the type %s, not %s", code,
                   g_variant_get_type_string (variant), RULES_TYPE);
      return NULL;
    }
  self = aw_guidance_rules_alloc (code);
  if (!read_settings (self, variant, error) || !read_trie (self, variant, error) ||
      !read_patterns (self, variant, error))
    return NULL;
  aw_guidance_rules_index (self);
  return g_steal_pointer (&self);
}
