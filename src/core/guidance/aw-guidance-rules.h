/* aw-guidance-rules.h: one language's compiled rule data (private to the engine)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "aw-finding.h"
#include "aw-text-fold.h"

G_BEGIN_DECLS

typedef enum
{
  AW_PATTERN_PHRASE,
  AW_PATTERN_THANKS,
  AW_PATTERN_FEEDBACK,
  AW_PATTERN_ALLOW,
  AW_PATTERN_GREETING,
  AW_PATTERN_SIGNOFF,
  AW_PATTERN_NEGATION,
  AW_PATTERN_BREAK,
  AW_PATTERN_THANKS_EXCEPTION,
  AW_PATTERN_FEEDBACK_TOPIC,  /* how the writer did: asks for feedback in a question or request */
  AW_PATTERN_REQUEST,         /* "could you tell me", "I'd love to know": a request's frame */
} AwPatternKind;

typedef struct
{
  guint32 *alts;        /* atom ids, any of which matches */
  guint16  n_alts;
  guint8   max_gap;     /* arbitrary tokens allowed before this slot */
  guint64  mask;        /* bit (atom % 64) of every alternative: a quick reject */
} AwSlot;

#define AW_PATTERN_MAX_GAP 6  /* the most tokens a "~N" skips */

#define AW_ATOM_BIT(atom) (G_GUINT64_CONSTANT (1) << ((atom) & 63))

typedef struct
{
  AwPatternKind  kind;
  char          *rule_id;     /* static string: the rule of a phrase */
  char          *suggestion;  /* nullable */
  int            severity;    /* -1: the rule's default */
  gboolean       negatable;
  AwSlot        *slots;
  guint          n_slots;
} AwPattern;

/* A node of the trie of atoms. While the rules compile, its children are a list
 * (first_child, next_sibling, newest first); then they are laid out as arrays (keys,
 * kids) in one block for all nodes (AwGuidanceRules.trie_keys, trie_kids). */
typedef struct
{
  guint8  *keys;
  guint32 *kids;
  guint32  n_kids;
  gint32   exact_atom;
  gint32   prefix_atom;
  guint32  first_child;
  guint32  next_sibling;
  guint8   byte;
} AwTrieNode;

typedef struct _AwGuidanceRules AwGuidanceRules;

struct _AwGuidanceRules
{
  char        *code;
  char        *name;
  GPtrArray   *detect;          /* folded words */
  GArray      *detect_chars;    /* gunichar, lower case */
  guint        negation_window;
  gboolean     comma_ends_negation;
  GHashTable  *acronyms;        /* folded */
  GHashTable  *template_fields; /* folded words joined by one space: "position name" */
  /* GStrv of one or two folded words each, as in AwFeatureSettings */
  GPtrArray   *cancels_after;   /* "hesitate", "only" */
  GPtrArray   *cancels_before;  /* "zogern sie", "hesitez" */
  char        *insert_thanks;   /* nullable: a sentence a quick fix can add */
  char        *insert_feedback;

  GArray      *patterns;        /* AwPattern */
  guint        n_atoms;
  GArray      *starts;          /* per atom: GArray of guint32 pattern index, or NULL */
  GArray      *break_starts;    /* the same for clause-break patterns */

  /* trie over folded token bytes; node 0 is the root, so 0 also means "no child" */
  GArray      *nodes;
  guint8      *trie_keys;       /* the children of every node, one block for all */
  guint32     *trie_kids;
  guint32      root_table[256];
};

AwGuidanceRules *aw_guidance_rules_load           (const char   *code,
                                                   GError      **error);
AwGuidanceRules *aw_guidance_rules_new            (const char   *code,
                                                   JsonObject   *root,
                                                   GError      **error);
void             aw_guidance_rules_free           (AwGuidanceRules *self);
char            *aw_guidance_rules_fold_field     (const char      *text);
gboolean         aw_guidance_rules_read_detect    (const char      *code,
                                                   GPtrArray       *words,
                                                   GArray          *chars,
                                                   GError         **error);

/* Shared by the compiler and the precompiled form (aw-guidance-rules-precompiled.c) */
AwGuidanceRules *aw_guidance_rules_alloc          (const char      *code);
void             aw_guidance_rules_index          (AwGuidanceRules *self);
void             aw_guidance_rules_add_negation_cancel (AwGuidanceRules *self,
                                                        GPtrArray       *cancels,
                                                        const char      *entry);
const char      *aw_guidance_rules_get_phrase_rule (guint           index);
GVariant        *aw_guidance_rules_to_variant     (AwGuidanceRules *self);
GVariant        *aw_guidance_rules_compile_variant (const char     *code,
                                                   JsonObject      *data,
                                                   gpointer         user_data,
                                                   GError         **error);
AwGuidanceRules *aw_guidance_rules_new_from_variant (const char    *code,
                                                   GVariant        *variant,
                                                   GError         **error);

/* Appends the atom ids @folded matches (exact and prefix) to @out. */
void             aw_guidance_rules_match_token    (AwGuidanceRules *self,
                                                   const char      *folded,
                                                   guint            len,
                                                   GArray          *out);

static inline GArray *
aw_guidance_rules_starts (AwGuidanceRules *self,
                          GArray          *starts,
                          guint32          atom)
{
  return g_array_index (starts, GArray *, atom);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwGuidanceRules, aw_guidance_rules_free)

G_END_DECLS
