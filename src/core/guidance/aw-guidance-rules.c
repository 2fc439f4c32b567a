/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-rules.c: compiles one language's rule data (data/guidance/<code>.json)
 *
 * Every word of every pattern becomes an "atom" (a folded word, or a prefix for word*)
 * in one trie, so the engine finds all the atoms a token matches in one walk over its
 * bytes, and from each atom the patterns that start with it.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "aw-features.h"
#include "aw-guidance.h"
#include "aw-guidance-rules.h"
#include "aw-languages.h"

#define MAX_GAP AW_PATTERN_MAX_GAP
#define MAX_VARIANTS 64
#define PLAIN_WORD_MAX 48

static const char *phrase_rules[] = {
  AW_RULE_PUSHY, AW_RULE_STATUS_REQUEST, AW_RULE_NEGATIVE, AW_RULE_OVERPROMISE,
  AW_RULE_UNPROFESSIONAL, AW_RULE_PLACEHOLDER,
};

/**
 * aw_guidance_rules_get_phrase_rule:
 * @index: a position in the list of the rules a phrase can have
 *
 * Returns: (nullable): the rule's id, static, or %NULL past the end
 */
const char *
aw_guidance_rules_get_phrase_rule (guint index)
{
  return index < G_N_ELEMENTS (phrase_rules) ? phrase_rules[index] : NULL;
}

static guint32
trie_child (AwGuidanceRules *self,
            guint32          node_id,
            guint8           byte)
{
  AwTrieNode *nodes = (AwTrieNode *) (gpointer) self->nodes->data;
  AwTrieNode fresh = { NULL, NULL, 0, -1, -1, 0, 0, byte };
  guint32 id;

  /* the root has the most children: its table spares the walk along them */
  if (node_id == 0)
    {
      if (self->root_table[byte] != 0)
        return self->root_table[byte];
    }
  else
    for (guint32 kid = nodes[node_id].first_child; kid != 0; kid = nodes[kid].next_sibling)
      if (nodes[kid].byte == byte)
        return kid;

  id = self->nodes->len;
  if (node_id == 0)
    self->root_table[byte] = id;
  fresh.next_sibling = nodes[node_id].first_child;
  g_array_append_val (self->nodes, fresh);
  nodes = (AwTrieNode *) (gpointer) self->nodes->data;
  nodes[node_id].first_child = id;
  nodes[node_id].n_kids++;
  return id;
}

/* The children lists as arrays, all in two allocations, for the matching */
static void
pack_trie (AwGuidanceRules *self)
{
  AwTrieNode *nodes = (AwTrieNode *) (gpointer) self->nodes->data;
  guint32 offset = 0;

  self->trie_keys = g_new (guint8, self->nodes->len);
  self->trie_kids = g_new (guint32, self->nodes->len);
  for (guint32 i = 0; i < self->nodes->len; i++)
    {
      guint32 k = nodes[i].n_kids;

      nodes[i].keys = self->trie_keys + offset;
      nodes[i].kids = self->trie_kids + offset;
      /* newest first in the list: fill from the end, the oldest child comes first */
      for (guint32 kid = nodes[i].first_child; kid != 0; kid = nodes[kid].next_sibling)
        {
          k--;
          nodes[i].keys[k] = nodes[kid].byte;
          nodes[i].kids[k] = kid;
        }
      offset += nodes[i].n_kids;
    }
}

/* The atom id of a folded word (or prefix), created on first use */
static guint32
intern_atom (AwGuidanceRules *self,
             const char      *folded,
             gboolean         prefix)
{
  guint32 node_id = 0;
  AwTrieNode *node;

  for (const guint8 *p = (const guint8 *) folded; *p; p++)
    node_id = trie_child (self, node_id, *p);

  node = &g_array_index (self->nodes, AwTrieNode, node_id);
  if (prefix)
    {
      if (node->prefix_atom < 0)
        node->prefix_atom = self->n_atoms++;
      return node->prefix_atom;
    }
  if (node->exact_atom < 0)
    node->exact_atom = self->n_atoms++;
  return node->exact_atom;
}

static inline guint32
find_child (const AwTrieNode *node,
            guint8          byte)
{
  /* most nodes have a handful of children: a plain loop beats a call to memchr */
  for (guint32 k = 0; k < node->n_kids; k++)
    if (node->keys[k] == byte)
      return node->kids[k];
  return 0;
}

void
aw_guidance_rules_match_token (AwGuidanceRules *self,
                               const char      *folded,
                               guint            len,
                               GArray          *out)
{
  const AwTrieNode *nodes = (const AwTrieNode *) (gpointer) self->nodes->data;
  guint32 node_id;

  if (len == 0)
    return;

  node_id = self->root_table[(guint8) folded[0]];
  for (guint i = 0; i < len; i++)
    {
      if (i > 0)
        node_id = find_child (&nodes[node_id], (guint8) folded[i]);
      if (node_id == 0)
        return;
      if (i + 1 < len && nodes[node_id].prefix_atom >= 0)
        {
          guint32 atom = nodes[node_id].prefix_atom;
          g_array_append_val (out, atom);
        }
    }

  if (nodes[node_id].prefix_atom >= 0)
    {
      guint32 atom = nodes[node_id].prefix_atom;
      g_array_append_val (out, atom);
    }
  if (nodes[node_id].exact_atom >= 0)
    {
      guint32 atom = nodes[node_id].exact_atom;
      g_array_append_val (out, atom);
    }
}

/* One element of a pattern while parsing: a gap, or alternatives, each of which is one
 * or more (folded) words ("can't|cannot" has a two-word and a one-word alternative).
 * The atom ids live in the compiler's arrays; an element holds where its own begin. */
typedef struct
{
  gboolean is_gap;
  guint    gap;
  guint    single_start;  /* in Compiler.singles: the one-word alternatives */
  guint    n_single;
  guint    multi_start;   /* in Compiler.multis: the multi-word alternatives */
  guint    n_multi;
} Element;

/* A multi-word alternative: @len atom ids from @start in Compiler.multi_words */
typedef struct
{
  guint start;
  guint len;
} WordRange;

/* The rules being built and the work arrays every pattern reuses, so that compiling a
 * pattern allocates only what the pattern keeps */
typedef struct
{
  AwGuidanceRules *rules;
  GArray          *elements;     /* Element */
  GArray          *singles;      /* guint32 atom ids */
  GArray          *multis;       /* WordRange */
  GArray          *multi_words;  /* guint32 atom ids */
  GArray          *slots;        /* AwSlot, pointing into singles and multi_words */
  GArray          *words;        /* guint32: the atoms of one alternative */
} Compiler;

static void
compiler_init (Compiler        *compiler,
               AwGuidanceRules *rules)
{
  compiler->rules = rules;
  compiler->elements = g_array_new (FALSE, FALSE, sizeof (Element));
  compiler->singles = g_array_new (FALSE, FALSE, sizeof (guint32));
  compiler->multis = g_array_new (FALSE, FALSE, sizeof (WordRange));
  compiler->multi_words = g_array_new (FALSE, FALSE, sizeof (guint32));
  compiler->slots = g_array_new (FALSE, FALSE, sizeof (AwSlot));
  compiler->words = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
compiler_clear (Compiler *compiler)
{
  g_clear_pointer (&compiler->elements, g_array_unref);
  g_clear_pointer (&compiler->singles, g_array_unref);
  g_clear_pointer (&compiler->multis, g_array_unref);
  g_clear_pointer (&compiler->multi_words, g_array_unref);
  g_clear_pointer (&compiler->slots, g_array_unref);
  g_clear_pointer (&compiler->words, g_array_unref);
}

/* Appends a slot whose alternatives are @alts (not copied: the arrays they point into
 * do not change while a pattern expands) */
static void
add_slot (GArray   *slots,
          guint32  *alts,
          guint     n_alts,
          guint     gap)
{
  AwSlot slot;

  slot.alts = alts;
  slot.n_alts = n_alts;
  slot.max_gap = MIN (gap, MAX_GAP);
  slot.mask = 0;
  for (guint i = 0; i < n_alts; i++)
    slot.mask |= AW_ATOM_BIT (alts[i]);
  g_array_append_val (slots, slot);
}

/* Adds the slots of @slots as a pattern that copies @proto */
static void
add_pattern (AwGuidanceRules *self,
             const AwPattern *proto,
             GArray          *slots)
{
  AwPattern pattern = *proto;
  gsize n_alts = 0;
  guint32 *alts;

  for (guint i = 0; i < slots->len; i++)
    n_alts += g_array_index (slots, AwSlot, i).n_alts;
  pattern.suggestion = g_strdup (proto->suggestion);
  pattern.n_slots = slots->len;
  /* the slots and, after them, their alternatives: one block, one g_free() */
  pattern.slots = g_malloc (slots->len * sizeof (AwSlot) + n_alts * sizeof (guint32));
  alts = (guint32 *) (gpointer) (pattern.slots + slots->len);
  for (guint i = 0; i < slots->len; i++)
    {
      AwSlot *slot = &g_array_index (slots, AwSlot, i);

      pattern.slots[i] = *slot;
      pattern.slots[i].alts = memcpy (alts, slot->alts, slot->n_alts * sizeof (guint32));
      alts += slot->n_alts;
    }
  pattern.slots[0].max_gap = 0;
  g_array_append_val (self->patterns, pattern);
}

/* Expands the elements into plain slot sequences (one per choice of multi-word
 * alternative), each added as a pattern that copies @proto. */
static void
expand (Compiler        *compiler,
        const AwPattern *proto,
        guint            index,
        guint            pending_gap,
        guint           *n_variants)
{
  GArray *slots = compiler->slots;
  const Element *element;

  if (*n_variants >= MAX_VARIANTS)
    return;

  if (index == compiler->elements->len)
    {
      if (slots->len == 0)
        return;
      add_pattern (compiler->rules, proto, slots);
      (*n_variants)++;
      return;
    }

  element = &g_array_index (compiler->elements, Element, index);
  if (element->is_gap)
    {
      expand (compiler, proto, index + 1, pending_gap + element->gap, n_variants);
      return;
    }

  if (element->n_single > 0)
    {
      add_slot (slots, &g_array_index (compiler->singles, guint32, element->single_start),
                element->n_single, pending_gap);
      expand (compiler, proto, index + 1, 0, n_variants);
      g_array_set_size (slots, slots->len - 1);
    }

  for (guint m = 0; m < element->n_multi; m++)
    {
      const WordRange *range = &g_array_index (compiler->multis, WordRange,
                                               element->multi_start + m);
      guint before = slots->len;

      for (guint w = 0; w < range->len; w++)
        add_slot (slots, &g_array_index (compiler->multi_words, guint32, range->start + w), 1,
                  w == 0 ? pending_gap : 0);
      expand (compiler, proto, index + 1, 0, n_variants);
      g_array_set_size (slots, before);
    }
}

/* Whether @text is lower-case ASCII words (letters and digits) joined by single "_"
 * ("reconsider", "fell_short", "24h"): then its words are their own folded forms, as
 * the tokenizer would find them, and need no tokenizer (most words of the patterns are) */
static gboolean
is_plain_words (const char *text,
                gsize       len)
{
  if (len == 0 || len > PLAIN_WORD_MAX || text[0] == '_' || text[len - 1] == '_')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '_')
        {
          if (text[i + 1] == '_')
            return FALSE;
        }
      else if (!((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= '0' && text[i] <= '9')))
        return FALSE;
    }
  return TRUE;
}

/* Appends the atom ids of the words of one alternative (@len bytes of @text: "can't",
 * "reconsider*") to @words; none when it has no word */
static void
intern_alternative (AwGuidanceRules *self,
                    const char      *text,
                    gsize            len,
                    GArray          *words)
{
  gboolean prefix = len > 0 && text[len - 1] == '*';
  g_autofree char *alt = NULL;
  g_autoptr(AwTokens) tokens = NULL;

  if (prefix)
    len--;
  if (is_plain_words (text, len))
    {
      char plain[PLAIN_WORD_MAX + 1];
      char *next;

      memcpy (plain, text, len);
      plain[len] = '\0';
      for (char *word = plain; word != NULL; word = next)
        {
          guint32 atom;

          next = strchr (word, '_');
          if (next != NULL)
            *next++ = '\0';
          atom = intern_atom (self, word, prefix && next == NULL);
          g_array_append_val (words, atom);
        }
      return;
    }

  alt = g_strndup (text, len);
  tokens = aw_tokens_new (alt);
  for (guint t = 0; t < tokens->tokens->len; t++)
    {
      gboolean last = t + 1 == tokens->tokens->len;
      guint32 atom = intern_atom (self, aw_tokens_folded (tokens, t), prefix && last);

      g_array_append_val (words, atom);
    }
}

static gboolean
is_pattern_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

/* The gap of "~N" (@len bytes at @part), or -1 when it is not a number up to MAX_GAP */
static int
parse_gap (const char *part,
           gsize       len)
{
  g_autofree char *digits = g_strndup (part + 1, len - 1);
  char *end = NULL;
  guint64 gap = g_ascii_strtoull (digits, &end, 10);

  if (end == digits || *end != '\0' || gap > MAX_GAP)
    return -1;
  return gap;
}

/* Interns the alternatives of one word element ("decision|decisions", @len bytes at
 * @part) and records them in @element */
static void
read_word_element (Compiler   *compiler,
                   const char *part,
                   gsize       len,
                   Element    *element)
{
  const char *part_end = part + len;
  GArray *words = compiler->words;

  element->single_start = compiler->singles->len;
  element->multi_start = compiler->multis->len;
  for (const char *alt = part; alt != NULL;)
    {
      const char *bar = memchr (alt, '|', part_end - alt);
      gsize alt_len = bar != NULL ? (gsize) (bar - alt) : (gsize) (part_end - alt);

      g_array_set_size (words, 0);
      intern_alternative (compiler->rules, alt, alt_len, words);
      if (words->len == 1)
        g_array_append_val (compiler->singles, g_array_index (words, guint32, 0));
      else if (words->len > 1)
        {
          WordRange range = { compiler->multi_words->len, words->len };

          g_array_append_vals (compiler->multi_words, words->data, words->len);
          g_array_append_val (compiler->multis, range);
        }
      alt = bar != NULL ? bar + 1 : NULL;
    }
  element->n_single = compiler->singles->len - element->single_start;
  element->n_multi = compiler->multis->len - element->multi_start;
}

static gboolean
compile_pattern (Compiler        *compiler,
                 const AwPattern *proto,
                 const char      *text,
                 GError         **error)
{
  guint n_variants = 0;
  gboolean first_word = TRUE, last_was_gap = FALSE;
  const char *p = text;

  g_array_set_size (compiler->elements, 0);
  g_array_set_size (compiler->singles, 0);
  g_array_set_size (compiler->multis, 0);
  g_array_set_size (compiler->multi_words, 0);
  g_array_set_size (compiler->slots, 0);

  while (*p != '\0')
    {
      const char *part = p;
      gsize len;
      Element element = { 0 };

      while (*p != '\0' && !is_pattern_space (*p))
        p++;
      len = p - part;
      if (*p != '\0')
        p++;
      if (len == 0)
        continue;

      if (part[0] == '~')
        {
          int gap = parse_gap (part, len);

          if (gap < 0 || first_word)
            {
              g_autofree char *bad = g_strndup (part, len);

              g_set_error (error, AW_GUIDANCE_ERROR, AW_GUIDANCE_ERROR_INVALID_TEXT,
                           "bad gap \"%s\" in pattern \"%s\"", bad, text);
              return FALSE;
            }
          element.is_gap = TRUE;
          element.gap = gap;
          g_array_append_val (compiler->elements, element);
          last_was_gap = TRUE;
          continue;
        }

      read_word_element (compiler, part, len, &element);
      if (element.n_single == 0 && element.n_multi == 0)
        continue;
      g_array_append_val (compiler->elements, element);
      first_word = FALSE;
      last_was_gap = FALSE;
    }

  if (first_word || last_was_gap)
    {
      g_set_error (error, AW_GUIDANCE_ERROR, AW_GUIDANCE_ERROR_INVALID_TEXT,
                   "pattern \"%s\" must start and end with a word", text);
      return FALSE;
    }

  expand (compiler, proto, 0, 0, &n_variants);
  return TRUE;
}

static void
compile_list (Compiler        *compiler,
              JsonObject      *root,
              const char      *member,
              AwPatternKind    kind)
{
  JsonArray *array;
  AwPattern proto = { kind, NULL, NULL, -1, TRUE, NULL, 0 };

  if (!json_object_has_member (root, member))
    return;
  array = json_object_get_array_member (root, member);
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *text = json_array_get_string_element (array, i);

      if (text == NULL)
        continue;
      if (!compile_pattern (compiler, &proto, text, &error))
        g_warning ("guidance/%s.json: %s: %s", compiler->rules->code, member, error->message);
    }
}

static const char *
known_phrase_rule (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (phrase_rules); i++)
    if (g_strcmp0 (rule, phrase_rules[i]) == 0)
      return phrase_rules[i];
  return NULL;
}

static int
parse_severity (const char *text)
{
  if (g_strcmp0 (text, "error") == 0)
    return AW_SEVERITY_ERROR;
  if (g_strcmp0 (text, "warning") == 0)
    return AW_SEVERITY_WARNING;
  if (g_strcmp0 (text, "suggestion") == 0)
    return AW_SEVERITY_SUGGESTION;
  return -1;
}

static void
compile_phrases (Compiler        *compiler,
                 JsonObject      *root)
{
  JsonArray *array;

  if (!json_object_has_member (root, "phrases"))
    return;
  array = json_object_get_array_member (root, "phrases");
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      JsonObject *object = json_array_get_object_element (array, i);
      AwPattern proto = { AW_PATTERN_PHRASE, NULL, NULL, -1, TRUE, NULL, 0 };
      const char *pattern;

      if (object == NULL)
        continue;
      proto.rule_id = (char *) known_phrase_rule (json_object_get_string_member_with_default (object, "rule", NULL));
      pattern = json_object_get_string_member_with_default (object, "pattern", NULL);
      if (proto.rule_id == NULL || pattern == NULL)
        {
          g_warning ("guidance/%s.json: phrase %u needs a known rule and a pattern",
                     compiler->rules->code, i);
          continue;
        }
      proto.suggestion = (char *) json_object_get_string_member_with_default (object, "suggestion", NULL);
      proto.negatable = json_object_get_boolean_member_with_default (object, "negatable", TRUE);
      proto.severity = parse_severity (json_object_get_string_member_with_default (object, "severity", NULL));
      if (!compile_pattern (compiler, &proto, pattern, &error))
        g_warning ("guidance/%s.json: phrases: %s", compiler->rules->code, error->message);
    }
}

/* Counts, per atom, the patterns that start with it: @counts[atom] for the patterns,
 * @counts[n_atoms + atom] for the clause breaks. A pattern counts once for an atom even
 * when its first slot has it twice ("decision|decisions" folds both to one prefix).
 * @seen is scratch, one element per atom. */
static void
count_starts (AwGuidanceRules *self,
              guint32         *counts,
              guint32         *seen)
{
  memset (seen, 0xff, self->n_atoms * sizeof (guint32));
  for (guint32 i = 0; i < self->patterns->len; i++)
    {
      const AwPattern *pattern = &g_array_index (self->patterns, AwPattern, i);
      guint offset = pattern->kind == AW_PATTERN_BREAK ? self->n_atoms : 0;

      for (guint a = 0; a < pattern->slots[0].n_alts; a++)
        {
          guint32 atom = pattern->slots[0].alts[a];

          if (seen[atom] != i)
            {
              seen[atom] = i;
              counts[offset + atom]++;
            }
        }
    }
}

/* Every list of @table at its final size, @counts[atom], at once: then only written */
static void
size_starts (AwGuidanceRules *self,
             GArray          *table,
             const guint32   *counts)
{
  for (guint32 atom = 0; atom < self->n_atoms; atom++)
    if (counts[atom] > 0)
      {
        GArray *list = g_array_sized_new (FALSE, FALSE, sizeof (guint32), counts[atom]);

        g_array_set_size (list, counts[atom]);
        g_array_index (table, GArray *, atom) = list;
      }
}

/**
 * aw_guidance_rules_index:
 * @self: rules whose trie is packed and whose patterns are all there
 *
 * Fills the root table and, per atom, the patterns that start with it.
 */
void
aw_guidance_rules_index (AwGuidanceRules *self)
{
  const AwTrieNode *root = &g_array_index (self->nodes, AwTrieNode, 0);
  g_autofree guint32 *counts = g_new0 (guint32, 2 * (gsize) self->n_atoms);
  g_autofree guint32 *seen = g_new (guint32, self->n_atoms);

  for (guint k = 0; k < root->n_kids; k++)
    self->root_table[root->keys[k]] = root->kids[k];

  self->starts = g_array_new (FALSE, TRUE, sizeof (GArray *));
  self->break_starts = g_array_new (FALSE, TRUE, sizeof (GArray *));
  g_array_set_size (self->starts, self->n_atoms);
  g_array_set_size (self->break_starts, self->n_atoms);
  count_starts (self, counts, seen);
  size_starts (self, self->starts, counts);
  size_starts (self, self->break_starts, counts + self->n_atoms);
  memset (counts, 0, 2 * self->n_atoms * sizeof (guint32));
  memset (seen, 0xff, self->n_atoms * sizeof (guint32));
  for (guint32 i = 0; i < self->patterns->len; i++)
    {
      const AwPattern *pattern = &g_array_index (self->patterns, AwPattern, i);
      gboolean is_break = pattern->kind == AW_PATTERN_BREAK;
      GArray *table = is_break ? self->break_starts : self->starts;

      for (guint a = 0; a < pattern->slots[0].n_alts; a++)
        {
          guint32 atom = pattern->slots[0].alts[a];
          guint32 *filled = &counts[(is_break ? self->n_atoms : 0) + atom];

          if (seen[atom] == i)
            continue;
          seen[atom] = i;
          g_array_index (g_array_index (table, GArray *, atom), guint32, (*filled)++) = i;
        }
    }
}

static char *
dup_folded_string (JsonObject *root,
                   const char *member)
{
  const char *text = json_object_get_string_member_with_default (root, member, NULL);

  return text != NULL ? g_strdup (text) : NULL;
}

/* Appends the folded @raw_words to @words and the lower-case @raw_chars but spaces to
 * @chars */
static void
fold_detect (char       **raw_words,
             const char  *raw_chars,
             GPtrArray   *words,
             GArray      *chars)
{
  for (guint i = 0; raw_words[i] != NULL; i++)
    g_ptr_array_add (words, aw_text_fold (raw_words[i]));

  if (g_utf8_validate (raw_chars, -1, NULL))
    for (const char *p = raw_chars; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_unichar_tolower (g_utf8_get_char (p));

        if (!g_unichar_isspace (c))
          g_array_append_val (chars, c);
      }
}

/**
 * aw_guidance_rules_read_detect:
 * @code: one of aw_languages_get_codes()
 * @words: (element-type utf8): gets the folded "detect" words
 * @chars: (element-type gunichar): gets the "detect_chars", lower case
 *
 * What detection knows of a language, without its rules (aw_languages_get_detect()).
 *
 * Returns: %FALSE with @error set when the language's data cannot be read
 */
gboolean
aw_guidance_rules_read_detect (const char  *code,
                               GPtrArray   *words,
                               GArray      *chars,
                               GError     **error)
{
  g_autofree char *raw_chars = NULL;
  g_auto(GStrv) raw_words = aw_languages_get_detect (code, &raw_chars, error);

  if (raw_words == NULL)
    return FALSE;
  fold_detect (raw_words, raw_chars, words, chars);
  return TRUE;
}

/**
 * aw_guidance_rules_alloc:
 * @code: the language code
 *
 * Returns: (transfer full): rules with no data yet, their lists and sets empty
 */
AwGuidanceRules *
aw_guidance_rules_alloc (const char *code)
{
  AwGuidanceRules *self = g_new0 (AwGuidanceRules, 1);

  self->code = g_strdup (code);
  self->detect = g_ptr_array_new_with_free_func (g_free);
  self->detect_chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  self->acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->template_fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancels_after = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->cancels_before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->patterns = g_array_new (FALSE, FALSE, sizeof (AwPattern));
  return self;
}

/**
 * aw_guidance_rules_add_negation_cancel:
 * @cancels: @self's cancels_after or cancels_before
 * @entry: one or two words ("hesitate", "zögern Sie"), folded or not
 *
 * Adds a cancelling entry: a negation word next to it does not negate.
 */
void
aw_guidance_rules_add_negation_cancel (AwGuidanceRules *self,
                                       GPtrArray       *cancels,
                                       const char      *entry)
{
  GStrv words = aw_features_parse_cancel (entry);

  if (words == NULL)
    {
      g_warning ("Guidance rules of %s: a negation cancel is one or two words, not \"%s\"",
                 self->code, entry);
      return;
    }
  g_ptr_array_add (cancels, words);
}

static void
read_negation_cancels (AwGuidanceRules *self,
                       JsonObject      *root,
                       const char      *member,
                       GPtrArray       *cancels)
{
  JsonArray *array;

  if (!json_object_has_member (root, member) ||
      (array = json_object_get_array_member (root, member)) == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *entry = json_array_get_string_element (array, i);

      if (entry != NULL)
        aw_guidance_rules_add_negation_cancel (self, cancels, entry);
    }
}

/**
 * aw_guidance_rules_new:
 * @code: the language code the file is for
 * @root: the parsed guidance/<code>.json (aw_languages_get_data())
 *
 * Returns: (transfer full): the compiled rules, or %NULL with @error set
 */
AwGuidanceRules *
aw_guidance_rules_new (const char  *code,
                       JsonObject  *root,
                       GError     **error)
{
  g_autoptr(AwGuidanceRules) self = NULL;
  JsonArray *array;
  AwTrieNode root_node = { NULL, NULL, 0, -1, -1, 0, 0, 0 };
  Compiler compiler;

  g_auto(GStrv) detect = NULL;
  g_autofree char *detect_chars = NULL;

  self = aw_guidance_rules_alloc (code);
  self->name = g_strdup (json_object_get_string_member_with_default (root, "name", code));
  self->negation_window = json_object_get_int_member_with_default (root, "negation_window", 4);
  self->negation_window = MIN (self->negation_window, 8);
  self->comma_ends_negation = json_object_get_boolean_member_with_default (root, "comma_ends_negation", TRUE);
  self->nodes = g_array_sized_new (FALSE, FALSE, sizeof (AwTrieNode), 8192);
  g_array_append_val (self->nodes, root_node);

  detect = aw_languages_read_detect (root, &detect_chars);
  fold_detect (detect, detect_chars, self->detect, self->detect_chars);

  if (json_object_has_member (root, "acronyms") &&
      (array = json_object_get_array_member (root, "acronyms")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        const char *word = json_array_get_string_element (array, i);

        if (word != NULL)
          g_hash_table_add (self->acronyms, aw_text_fold (word));
      }

  if (json_object_has_member (root, "template_fields") &&
      (array = json_object_get_array_member (root, "template_fields")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        const char *field = json_array_get_string_element (array, i);

        if (field != NULL)
          g_hash_table_add (self->template_fields, aw_guidance_rules_fold_field (field));
      }

  read_negation_cancels (self, root, "negation_cancels_after", self->cancels_after);
  read_negation_cancels (self, root, "negation_cancels_before", self->cancels_before);

  if (json_object_has_member (root, "suggestions"))
    {
      JsonObject *suggestions = json_object_get_object_member (root, "suggestions");

      if (suggestions != NULL)
        {
          self->insert_thanks = dup_folded_string (suggestions, AW_RULE_MISSING_THANKS);
          self->insert_feedback = dup_folded_string (suggestions, AW_RULE_MISSING_FEEDBACK_REQUEST);
        }
    }

  compiler_init (&compiler, self);
  compile_list (&compiler, root, "negations", AW_PATTERN_NEGATION);
  compile_list (&compiler, root, "clause_breaks", AW_PATTERN_BREAK);
  compile_list (&compiler, root, "greetings", AW_PATTERN_GREETING);
  compile_list (&compiler, root, "signoffs", AW_PATTERN_SIGNOFF);
  compile_list (&compiler, root, "thanks", AW_PATTERN_THANKS);
  compile_list (&compiler, root, "feedback", AW_PATTERN_FEEDBACK);
  compile_list (&compiler, root, "feedback_topics", AW_PATTERN_FEEDBACK_TOPIC);
  compile_list (&compiler, root, "requests", AW_PATTERN_REQUEST);
  compile_list (&compiler, root, "thanks_exceptions", AW_PATTERN_THANKS_EXCEPTION);
  compile_list (&compiler, root, "allow", AW_PATTERN_ALLOW);
  compile_phrases (&compiler, root);
  compiler_clear (&compiler);
  pack_trie (self);
  aw_guidance_rules_index (self);

  return g_steal_pointer (&self);
}

/**
 * aw_guidance_rules_load:
 * @code: one of aw_languages_get_codes()
 *
 * The language's rules from their precompiled form, or compiled from its JSON file when
 * the precompiled form lacks it (a language registered at run time).
 *
 * Returns: (transfer full): the rules, or %NULL with @error set
 */
AwGuidanceRules *
aw_guidance_rules_load (const char  *code,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GVariant) compiled = aw_languages_get_compiled_rules (code, &local_error);
  JsonObject *data;

  if (compiled != NULL)
    return aw_guidance_rules_new_from_variant (code, compiled, error);
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  data = aw_languages_get_data (code, error);
  return data != NULL ? aw_guidance_rules_new (code, data, error) : NULL;
}

/**
 * aw_guidance_rules_fold_field:
 * @text: a template field as written, with or without its parentheses
 *
 * Returns: (transfer full): its words folded and joined by one space ("(Position
 *   Name)" and "position  name" both give "position name")
 */
char *
aw_guidance_rules_fold_field (const char *text)
{
  g_autofree char *folded = aw_text_fold (text);
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (gap && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          gap = FALSE;
        }
      else
        gap = TRUE;
    }
  return g_string_free (out, FALSE);
}

void
aw_guidance_rules_free (AwGuidanceRules *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->name);
  g_clear_pointer (&self->detect, g_ptr_array_unref);
  g_clear_pointer (&self->detect_chars, g_array_unref);
  g_clear_pointer (&self->acronyms, g_hash_table_unref);
  g_clear_pointer (&self->template_fields, g_hash_table_unref);
  g_clear_pointer (&self->cancels_after, g_ptr_array_unref);
  g_clear_pointer (&self->cancels_before, g_ptr_array_unref);
  g_free (self->insert_thanks);
  g_free (self->insert_feedback);

  if (self->patterns != NULL)
    {
      for (guint i = 0; i < self->patterns->len; i++)
        {
          AwPattern *pattern = &g_array_index (self->patterns, AwPattern, i);

          g_free (pattern->suggestion);
          g_free (pattern->slots);
        }
      g_array_unref (self->patterns);
    }

  for (guint t = 0; t < 2; t++)
    {
      GArray *table = t == 0 ? self->starts : self->break_starts;

      if (table == NULL)
        continue;
      for (guint i = 0; i < table->len; i++)
        g_clear_pointer (&g_array_index (table, GArray *, i), g_array_unref);
      g_array_unref (table);
    }

  g_clear_pointer (&self->nodes, g_array_unref);
  g_free (self->trie_keys);
  g_free (self->trie_kids);

  g_free (self);
}
