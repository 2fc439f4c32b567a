/* aw-guidance-options.h: what the caller tells the guidance engine besides the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AW_TYPE_GUIDANCE_OPTIONS (aw_guidance_options_get_type ())

G_DECLARE_FINAL_TYPE (AwGuidanceOptions, aw_guidance_options, AW, GUIDANCE_OPTIONS, GObject)

AwGuidanceOptions *aw_guidance_options_new               (void);
void               aw_guidance_options_set_language      (AwGuidanceOptions *self,
                                                          const char        *code);
const char        *aw_guidance_options_get_language      (AwGuidanceOptions *self);
void               aw_guidance_options_disable_rule      (AwGuidanceOptions *self,
                                                          const char        *rule_id);
gboolean           aw_guidance_options_is_rule_enabled   (AwGuidanceOptions *self,
                                                          const char        *rule_id);
void               aw_guidance_options_set_recipient     (AwGuidanceOptions *self,
                                                          const char        *address,
                                                          const char        *company);
void               aw_guidance_options_add_previous_send (AwGuidanceOptions *self,
                                                          const char        *address,
                                                          const char        *company,
                                                          GDateTime         *sent_at);

G_END_DECLS
