/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-guidance-scan.h: the state of one check, shared by the engine's files (private)
 *
 * aw_guidance_check() (aw-guidance.c) runs each part through aw-guidance-scan.c, whose
 * hits aw-guidance-phrases.c and aw-guidance-structure.c turn into findings;
 * aw-guidance-fusion.c adds the learned layer, aw-guidance-repeat.c the earlier sends.
 */
#pragma once

#include "aw-guidance.h"
#include "aw-guidance-rules.h"
#include "aw-text-fold.h"

G_BEGIN_DECLS

#define SIGNOFF_LINES 6
#define SIGNOFF_MAX_TOKENS 16
#define SIGNOFF_TAIL_TOKENS 8
#define SIGNOFF_LONG_TOKENS 32
#define SIGNOFF_SENTENCE_TOKENS 10  /* "Thank you very much for your time and consideration." */
#define SIGNATURE_LINE_TOKENS 8     /* "Tel. +34 600 123 456", "linkedin.com/in/maria" */
#define SIGNATURE_MAX_LINES 12
#define SIGNATURE_TITLE_TOKENS 12   /* a role or an address without a full stop */
#define SIGNATURE_SENTENCE_TOKENS 5 /* a line below the sign-off that is a sentence this long
                                     * is more of the letter */

typedef struct
{
  guint32 pattern;
  guint32 start;
  guint32 end;    /* last token, inclusive */
} AwHit;

typedef struct
{
  int   start;
  int   end;
  guint index;
} AwFindingKey;

/* What the engine's rule table says of a rule: static strings, translated */
typedef struct
{
  AwFindingRule strings;
  AwSeverity    severity;
} AwRuleText;

typedef struct
{
  AwGuidanceRules   *rules;
  AwGuidanceOptions *options;
  GHashTable        *acronyms;    /* folded: the acronyms every language shares */
  GPtrArray         *findings;    /* AwFinding, of the current part */
  GArray            *keys;        /* AwFindingKey, parallel to findings, for sorting */
  gboolean           has_thanks;
  gboolean           has_feedback;
  guint32           *last_start;  /* per pattern: token + 1 where it was last tried */
  AwRuleText         rule_text;   /* of the rule of the last finding added */
} AwCheck;

typedef struct
{
  AwCheck     *check;
  AwTokens    *tokens;
  AwDraftPart  part;
  GArray      *atoms;       /* guint32 atom ids of all tokens */
  gpointer     token_arrays;  /* the block of the per-token arrays below */
  guint32     *atom_start;  /* per token, n + 1 entries */
  guint64     *atom_mask;   /* per token: AW_ATOM_BIT of its atoms */
  guint8      *boundary;    /* 1 where a clause starts */
  guint32     *clause;
  guint32     *sentence;    /* clauses by punctuation only: allow phrases cross "but" */
  guint8      *negation;
  guint8      *allowed;
  guint8      *not_thanks;
  guint8      *placeholder; /* tokens inside a placeholder phrase */
  GArray      *hits;
  gboolean     has_greeting;
  gboolean     has_signoff;
  guint        signoff_line;  /* the lines after it are the signature */
} AwScan;

/* aw-guidance-scan.c */
void      aw_guidance_scan_part          (AwCheck           *check,
                                          AwTokens          *tokens,
                                          AwDraftPart        part,
                                          AwScan            *scan);
void      aw_guidance_scan_clear         (AwScan            *scan);
void      aw_guidance_flush_findings     (AwCheck           *check,
                                          AwGuidanceReport  *report);
gboolean  aw_guidance_rule_enabled       (AwCheck           *check,
                                          const char        *rule_id);
/* @message (nullable: the rule's) must be static, a translated literal: it is not copied */
void      aw_guidance_add_finding        (AwScan            *scan,
                                          const char        *rule_id,
                                          int                severity,
                                          int                start,
                                          int                end,
                                          const char        *text,
                                          const char        *message,
                                          const char        *suggestion);
void      aw_guidance_add_absence        (AwCheck           *check,
                                          AwGuidanceReport  *report,
                                          const char        *rule_id,
                                          const char        *suggestion);
char     *aw_guidance_span_text          (AwTokens          *tokens,
                                          guint32            byte_start,
                                          guint32            byte_end);
char     *aw_guidance_match_case         (const char        *suggestion,
                                          const char        *matched);
gboolean  aw_guidance_is_postscript      (AwTokens          *tokens,
                                          guint              index);
guint     aw_guidance_letter_lines       (AwTokens          *tokens);
gboolean  aw_guidance_is_signature_line  (AwTokens          *tokens,
                                          guint              index);

/* aw-guidance-phrases.c */
void      aw_guidance_report_phrases     (AwScan            *scan);

/* aw-guidance-structure.c */
void      aw_guidance_report_structure   (AwScan            *scan);
void      aw_guidance_report_elided_name (AwScan            *scan);
void      aw_guidance_mark_reply_subject (AwTokens          *tokens);
void      aw_guidance_report_absences    (AwCheck           *check,
                                          AwScan            *scan,
                                          AwTokens          *body,
                                          AwGuidanceReport  *report);

/* aw-guidance-repeat.c */
void      aw_guidance_report_repeat      (AwCheck           *check,
                                          AwGuidanceReport  *report);

/* aw-guidance-fusion.c */
void      aw_guidance_fuse_model         (AwCheck           *check,
                                          AwTokens          *body,
                                          const guint8      *allowed,
                                          guint              signoff_line);

G_END_DECLS
