/* aw-draft.h: one follow-up in progress: the wizard's answers, subject, body, dismissals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "aw-core-enums.h"

G_BEGIN_DECLS

/* How far the application got. */
typedef enum
{
  AW_STAGE_APPLIED,
  AW_STAGE_PHONE_SCREEN,
  AW_STAGE_INTERVIEW,
  AW_STAGE_FINAL_ROUND,
  AW_STAGE_TRIAL_DAY,
} AwStage;

typedef enum
{
  AW_TONE_WARM,
  AW_TONE_FORMAL,
  AW_TONE_BRIEF,
} AwTone;

/* How to address the recipient where the email language needs it ("Frau Weber",
 * "Madame Dubois"). Unknown writes the full name in a neutral greeting. */
typedef enum
{
  AW_SALUTATION_UNKNOWN,
  AW_SALUTATION_FEMALE,
  AW_SALUTATION_MALE,
} AwSalutation;


/* Stable strings for JSON and template keys: "applied", "phone-screen", "interview",
 * "final-round", "trial-day"; "warm", "formal", "brief"; "unknown", "female", "male". */
const char *aw_stage_to_string        (AwStage       stage);
gboolean    aw_stage_from_string      (const char   *string,
                                       AwStage      *stage);
const char *aw_tone_to_string         (AwTone        tone);
gboolean    aw_tone_from_string       (const char   *string,
                                       AwTone       *tone);
const char *aw_salutation_to_string   (AwSalutation  salutation);
gboolean    aw_salutation_from_string (const char   *string,
                                       AwSalutation *salutation);

/* Translated labels in the interface language, for the wizard. */
const char *aw_stage_get_label        (AwStage       stage);
const char *aw_tone_get_label         (AwTone        tone);

#define AW_DRAFT_ERROR (aw_draft_error_quark ())
GQuark aw_draft_error_quark (void);

typedef enum
{
  AW_DRAFT_ERROR_INVALID,           /* JSON that is not a draft */
  AW_DRAFT_ERROR_MISSING_FIELD,     /* the writer needs a field that is empty */
  AW_DRAFT_ERROR_UNKNOWN_LANGUAGE,  /* no template for the draft's language */
  AW_DRAFT_ERROR_TEMPLATE,          /* a template file is broken */
  AW_DRAFT_ERROR_NOT_FOUND,         /* no draft with that id in the store */
} AwDraftError;

#define AW_TYPE_DRAFT (aw_draft_get_type ())

G_DECLARE_FINAL_TYPE (AwDraft, aw_draft, AW, DRAFT, GObject)

/* A fresh draft: random id, created = modified = now, language from the desktop locale,
 * tone warm, stage interview, ask-feedback on, open-to-future on, stay-in-touch off.
 * Every property change except id/created/modified sets modified to now. */
AwDraft            *aw_draft_new                     (void);
AwDraft            *aw_draft_new_from_json           (JsonNode     *node,
                                                      GError      **error);
JsonNode           *aw_draft_to_json                 (AwDraft      *self);

const char         *aw_draft_get_id                  (AwDraft      *self);
const char         *aw_draft_get_sender_name         (AwDraft      *self);
void                aw_draft_set_sender_name         (AwDraft      *self,
                                                      const char   *sender_name);
const char         *aw_draft_get_recipient_name      (AwDraft      *self);
void                aw_draft_set_recipient_name      (AwDraft      *self,
                                                      const char   *recipient_name);
const char         *aw_draft_get_recipient_address   (AwDraft      *self);
void                aw_draft_set_recipient_address   (AwDraft      *self,
                                                      const char   *recipient_address);
AwSalutation        aw_draft_get_salutation          (AwDraft      *self);
void                aw_draft_set_salutation          (AwDraft      *self,
                                                      AwSalutation  salutation);
const char         *aw_draft_get_company             (AwDraft      *self);
void                aw_draft_set_company             (AwDraft      *self,
                                                      const char   *company);
const char         *aw_draft_get_role                (AwDraft      *self);
void                aw_draft_set_role                (AwDraft      *self,
                                                      const char   *role);
AwStage             aw_draft_get_stage               (AwDraft      *self);
void                aw_draft_set_stage               (AwDraft      *self,
                                                      AwStage       stage);
const char         *aw_draft_get_detail              (AwDraft      *self);
void                aw_draft_set_detail              (AwDraft      *self,
                                                      const char   *detail);
const char         *aw_draft_get_posting_url         (AwDraft      *self);
void                aw_draft_set_posting_url         (AwDraft      *self,
                                                      const char   *posting_url);
AwTone              aw_draft_get_tone                (AwDraft      *self);
void                aw_draft_set_tone                (AwDraft      *self,
                                                      AwTone        tone);
const char         *aw_draft_get_language            (AwDraft      *self);
void                aw_draft_set_language            (AwDraft      *self,
                                                      const char   *language);
gboolean            aw_draft_get_ask_feedback        (AwDraft      *self);
void                aw_draft_set_ask_feedback        (AwDraft      *self,
                                                      gboolean      ask_feedback);
const char         *aw_draft_get_feedback_area       (AwDraft      *self);
void                aw_draft_set_feedback_area       (AwDraft      *self,
                                                      const char   *feedback_area);
gboolean            aw_draft_get_open_to_future      (AwDraft      *self);
void                aw_draft_set_open_to_future      (AwDraft      *self,
                                                      gboolean      open_to_future);
gboolean            aw_draft_get_stay_in_touch       (AwDraft      *self);
void                aw_draft_set_stay_in_touch       (AwDraft      *self,
                                                      gboolean      stay_in_touch);
const char         *aw_draft_get_subject             (AwDraft      *self);
void                aw_draft_set_subject             (AwDraft      *self,
                                                      const char   *subject);
const char         *aw_draft_get_body                (AwDraft      *self);
void                aw_draft_set_body                (AwDraft      *self,
                                                      const char   *body);
GDateTime          *aw_draft_get_created             (AwDraft      *self);
GDateTime          *aw_draft_get_modified            (AwDraft      *self);
void                aw_draft_set_modified            (AwDraft      *self,
                                                      GDateTime    *modified);

/* Dismissed findings, keyed "rule-id:text" (the flagged text, so a dismissal ends when
 * the text changes). */
const char * const *aw_draft_get_dismissed           (AwDraft      *self);
void                aw_draft_set_dismissed           (AwDraft      *self,
                                                      const char * const *dismissed);
char               *aw_draft_make_finding_key        (const char   *rule_id,
                                                      const char   *text);
/* Returns TRUE if the key was not dismissed before. */
gboolean            aw_draft_dismiss                 (AwDraft      *self,
                                                      const char   *key);
gboolean            aw_draft_is_dismissed            (AwDraft      *self,
                                                      const char   *key);

/* Step 1 of the wizard is complete: sender name, recipient name, a valid recipient
 * address, company and role are set, and the posting link is empty or http(s). */
gboolean            aw_draft_is_context_valid        (AwDraft      *self);
/* Whether the user has written anything worth keeping (any field set). */
gboolean            aw_draft_is_empty                (AwDraft      *self);

/* Field checks the wizard shares with the draft. */
gboolean            aw_draft_url_is_valid            (const char   *url);

/* The email language from the desktop locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG),
 * among the template languages, falling back to "en". */
const char         *aw_draft_get_default_language    (void);

G_END_DECLS
