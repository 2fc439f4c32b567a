/* aw-draft-writer.c: fills the per-language templates from a draft's answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The templates are data (data/templates/<code>.json, see FORMAT.md there). A part of a
 * tone is a string or an object keyed by stage, salutation or "default". Expansion is
 * one pass over the template text: a user's value (and a stage phrase) is inserted as
 * it is and never scanned for placeholders again.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "aw-core-data.h"
#include "aw-draft-writer.h"
#include "aw-languages.h"

typedef struct
{
  char       *code;
  char       *name;
  JsonNode   *root;
} Template;

static GMutex templates_lock;
static GHashTable *templates;  /* code -> Template, or NULL for a broken file */

static void
template_free (gpointer data)
{
  Template *template = data;

  if (template == NULL)
    return;
  g_free (template->code);
  g_free (template->name);
  json_node_unref (template->root);
  g_free (template);
}

const char * const *
aw_draft_writer_get_languages (void)
{
  return aw_languages_get_template_codes ();
}

gboolean
aw_draft_writer_has_language (const char *language)
{
  return language != NULL && g_strv_contains (aw_languages_get_template_codes (), language);
}

/* Returns a template owned by the cache (never freed while the process runs). */
static const Template *
load_template (const char  *code,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  Template *template;
  JsonObject *object;

  if (!aw_draft_writer_has_language (code))
    {
      g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_UNKNOWN_LANGUAGE,
                   _("There is no template for the language “%s”"), code ? code : "");
      return NULL;
    }

  locker = g_mutex_locker_new (&templates_lock);
  if (templates == NULL)
    templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, template_free);

  if ((template = g_hash_table_lookup (templates, code)) != NULL)
    return template;

  path = g_strdup_printf ("templates/%s.json", code);
  bytes = aw_core_data_lookup (path, &local_error);
  parser = json_parser_new_immutable ();
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_TEMPLATE,
                   "The template %s cannot be read: %s", path,
                   local_error ? local_error->message : "not an object");
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  template = g_new0 (Template, 1);
  template->code = g_strdup (code);
  template->name = g_strdup (json_object_get_string_member_with_default (object, "name", code));
  template->root = json_node_ref (json_parser_get_root (parser));
  g_hash_table_insert (templates, g_strdup (code), template);

  return template;
}

const char *
aw_draft_language_get_name (const char *code)
{
  const Template *template = load_template (code, NULL);

  return template ? template->name : NULL;
}

static JsonObject *
get_tone (const Template  *template,
          AwTone           tone,
          GError         **error)
{
  JsonObject *root = json_node_get_object (template->root);
  JsonObject *tones = NULL;
  JsonNode *node;

  if (json_object_has_member (root, "tones") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "tones")))
    tones = json_object_get_object_member (root, "tones");

  node = tones ? json_object_get_member (tones, aw_tone_to_string (tone)) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_TEMPLATE,
                   "The template %s has no tone “%s”", template->code,
                   aw_tone_to_string (tone));
      return NULL;
    }

  return json_node_get_object (node);
}

static const char *
string_of (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* A part is a string, or an object keyed by stage, salutation, then "default". */
static const char *
get_part (const Template  *template,
          JsonObject      *tone,
          const char      *part,
          AwDraft         *draft,
          gboolean         required,
          GError         **error)
{
  JsonNode *node = json_object_get_member (tone, part);
  const char *text = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *choices = json_node_get_object (node);
      const char *keys[] = {
        aw_stage_to_string (aw_draft_get_stage (draft)),
        aw_salutation_to_string (aw_draft_get_salutation (draft)),
        "default",
      };

      for (guint i = 0; i < G_N_ELEMENTS (keys) && text == NULL; i++)
        text = string_of (json_object_get_member (choices, keys[i]));
    }
  else
    text = string_of (node);

  if (text == NULL && required)
    g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_TEMPLATE,
                 "The template %s has no “%s” for this tone", template->code, part);

  return text;
}

/* Collapses runs of white space (newlines included) into one space and trims. */
static char *
clean_value (const char *value,
             gboolean    strip_final_punctuation)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = value ? value : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  /* A detail the template ends with its own full stop */
  while (strip_final_punctuation && out->len > 0 &&
         strchr (".!;:, ", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

typedef struct
{
  AwDraft    *draft;
  GHashTable *values;    /* placeholder name -> value ("" when empty) */
  JsonObject *elisions;  /* "de " -> "d'" before a vowel (French), or NULL */
} Context;

static gboolean
starts_with_vowel (const char *text)
{
  g_autofree char *first = NULL;
  g_autofree char *base = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  /* Fold "É" to "e" */
  first = g_utf8_strdown (text, g_utf8_next_char (text) - text);
  base = g_utf8_normalize (first, -1, G_NORMALIZE_NFD);
  return base != NULL && strchr ("aeiouyh", base[0]) != NULL;
}

/* "… de " + "Acme" -> "… d'Acme": the template's last word before a value that starts
 * with a vowel, as the template file's "elisions" say. */
static void
elide (GString    *out,
       JsonObject *elisions,
       const char *value)
{
  g_autoptr(GList) keys = NULL;

  if (elisions == NULL || !starts_with_vowel (value))
    return;

  keys = json_object_get_members (elisions);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *replacement = string_of (json_object_get_member (elisions, key));
      gsize key_len = strlen (key);
      gsize start;

      if (replacement == NULL || out->len < key_len ||
          strcmp (out->str + out->len - key_len, key) != 0)
        continue;

      /* Only a whole word: "de " but not "monde " */
      start = out->len - key_len;
      if (start > 0 && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (out->str + start))))
        continue;

      g_string_truncate (out, start);
      g_string_append (out, replacement);
      return;
    }
}

static const char *
field_label (const char *name)
{
  /* Names the empty field for the error message (interface language). */
  if (g_str_equal (name, "sender_name") || g_str_equal (name, "sender_first_name"))
    return _("Your name");
  if (g_str_has_prefix (name, "recipient_"))
    return _("Recipient’s name");
  if (g_str_equal (name, "company"))
    return _("Company");
  if (g_str_equal (name, "role"))
    return _("Role");
  if (g_str_equal (name, "detail"))
    return _("Something you appreciated");
  if (g_str_equal (name, "feedback_area"))
    return _("Feedback area");
  return name;
}

/* One pass over the template text; user values go in as they are. */
static char *
expand (Context     *context,
        const char  *template_code,
        const char  *text,
        GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *name = NULL;
      const char *value;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      close = strchr (open + 1, '}');
      if (close == NULL)
        {
          g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_TEMPLATE,
                       "The template %s has an unclosed “{”", template_code);
          return NULL;
        }
      name = g_strndup (open + 1, close - open - 1);
      if (!g_hash_table_lookup_extended (context->values, name, NULL, (gpointer *) &value))
        {
          g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_TEMPLATE,
                       "The template %s uses the unknown placeholder “{%s}”",
                       template_code, name);
          return NULL;
        }
      if (value == NULL || *value == '\0')
        {
          g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_MISSING_FIELD,
                       _("“%s” is empty"), field_label (name));
          return NULL;
        }
      elide (out, context->elisions, value);
      g_string_append (out, value);
      p = close + 1;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
first_word (const char *name)
{
  const char *end = name;

  while (*end && !g_unichar_isspace (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  return g_strndup (name, end - name);
}

static gboolean
word_in (const char         *word,
         const char * const *list)
{
  g_autofree char *folded = g_utf8_strdown (word, -1);
  gsize len = strlen (folded);

  /* "Dr." and "Dr" alike */
  if (len > 1 && folded[len - 1] == '.')
    folded[len - 1] = '\0';
  return g_strv_contains (list, folded);
}

/* Splits "Dr. Dana von der Weber Jr." into "Dana" and "von der Weber", for greetings
 * such as "Dear Dana," and "Sehr geehrte Frau von der Weber,". */
static void
split_name (const char  *name,
            char       **first,
            char       **last)
{
  /* the "names" lists of every language (data/guidance/FORMAT.md): a recipient's name
   * need not be in the email's language */
  const char * const *titles = aw_languages_get_words (AW_LANGUAGE_WORDS_NAME_TITLES);
  const char * const *suffixes = aw_languages_get_words (AW_LANGUAGE_WORDS_NAME_SUFFIXES);
  const char * const *particles = aw_languages_get_words (AW_LANGUAGE_WORDS_NAME_PARTICLES);
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  guint start = 0;
  guint end = g_strv_length (words);
  guint surname;

  if (end == 0)
    {
      *first = g_strdup ("");
      *last = g_strdup ("");
      return;
    }

  while (end - start > 1 && word_in (words[start], titles))
    start++;
  while (end - start > 1 && word_in (words[end - 1], suffixes))
    end--;

  surname = end - 1;
  while (surname > start + 1 && g_strv_contains (particles, words[surname - 1]))
    surname--;

  *first = g_strdup (words[start]);
  {
    GString *joined = g_string_new (words[surname]);

    for (guint i = surname + 1; i < end; i++)
      g_string_append_printf (joined, " %s", words[i]);
    *last = g_string_free (joined, FALSE);
  }
}

static GHashTable *
build_values (AwDraft        *draft,
              const Template *template,
              GError        **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  JsonObject *root = json_node_get_object (template->root);
  JsonObject *stages = NULL;
  const char *stage_text = NULL;
  char *sender = clean_value (aw_draft_get_sender_name (draft), FALSE);
  char *recipient = clean_value (aw_draft_get_recipient_name (draft), FALSE);
  char *recipient_first = NULL;
  char *recipient_last = NULL;

  g_hash_table_insert (values, (char *) "sender_name", sender);
  g_hash_table_insert (values, (char *) "sender_first_name", first_word (sender));
  g_hash_table_insert (values, (char *) "recipient_name", recipient);
  split_name (recipient, &recipient_first, &recipient_last);
  g_hash_table_insert (values, (char *) "recipient_first_name", recipient_first);
  g_hash_table_insert (values, (char *) "recipient_last_name", recipient_last);
  g_hash_table_insert (values, (char *) "company",
                       clean_value (aw_draft_get_company (draft), FALSE));
  g_hash_table_insert (values, (char *) "role", clean_value (aw_draft_get_role (draft), FALSE));
  g_hash_table_insert (values, (char *) "detail",
                       clean_value (aw_draft_get_detail (draft), TRUE));
  g_hash_table_insert (values, (char *) "feedback_area",
                       clean_value (aw_draft_get_feedback_area (draft), TRUE));

  if (json_object_has_member (root, "stages") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "stages")))
    stages = json_object_get_object_member (root, "stages");
  if (stages != NULL)
    stage_text = string_of (json_object_get_member (stages,
                                                    aw_stage_to_string (aw_draft_get_stage (draft))));
  if (stage_text == NULL)
    {
      g_set_error (error, AW_DRAFT_ERROR, AW_DRAFT_ERROR_TEMPLATE,
                   "The template %s has no text for the stage “%s”", template->code,
                   aw_stage_to_string (aw_draft_get_stage (draft)));
      return NULL;
    }
  g_hash_table_insert (values, (char *) "stage", g_strdup (stage_text));

  return g_steal_pointer (&values);
}

/* Expands a part and appends it to the paragraph, a space between sentences. */
static gboolean
add_sentence (GString         *paragraph,
              Context         *context,
              const Template  *template,
              JsonObject      *tone,
              const char      *part,
              GError         **error)
{
  const char *text = get_part (template, tone, part, context->draft, TRUE, error);
  g_autofree char *expanded = NULL;

  if (text == NULL)
    return FALSE;

  expanded = expand (context, template->code, text, error);
  if (expanded == NULL)
    return FALSE;

  if (paragraph->len > 0)
    g_string_append_c (paragraph, ' ');
  g_string_append (paragraph, expanded);
  return TRUE;
}

static JsonObject *
get_elisions (const Template *template)
{
  JsonNode *elisions = json_object_get_member (json_node_get_object (template->root),
                                               "elisions");

  return elisions != NULL && JSON_NODE_HOLDS_OBJECT (elisions)
         ? json_node_get_object (elisions) : NULL;
}

static void
end_paragraph (GPtrArray  *paragraphs,
               GString   **paragraph)
{
  if ((*paragraph)->len == 0)
    return;
  g_ptr_array_add (paragraphs, g_string_free (*paragraph, FALSE));
  *paragraph = g_string_new (NULL);
}

/**
 * aw_draft_writer_write:
 *
 * Writes subject and body from the draft's answers in the draft's language and tone.
 * On error the draft is unchanged.
 */
gboolean
aw_draft_writer_write (AwDraft  *draft,
                       GError  **error)
{
  const Template *template;
  JsonObject *tone;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *subject = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *signoff = NULL;
  g_autofree char *sender = NULL;
  const char *closing;
  gboolean single;
  Context context;

  g_return_val_if_fail (AW_IS_DRAFT (draft), FALSE);

  if (!(template = load_template (aw_draft_get_language (draft), error)) ||
      !(tone = get_tone (template, aw_draft_get_tone (draft), error)) ||
      !(values = build_values (draft, template, error)))
    return FALSE;

  context.draft = draft;
  context.values = values;
  context.elisions = get_elisions (template);
  single = json_object_get_boolean_member_with_default (tone, "single_paragraph", FALSE);

#define PART(name) get_part (template, tone, name, draft, TRUE, error)

  if (PART ("subject") == NULL || PART ("greeting") == NULL || PART ("signoff") == NULL ||
      !(subject = expand (&context, template->code, PART ("subject"), error)) ||
      !(greeting = expand (&context, template->code, PART ("greeting"), error)) ||
      !(signoff = expand (&context, template->code, PART ("signoff"), error)) ||
      !(sender = expand (&context, template->code, "{sender_name}", error)))
    return FALSE;

  /* Thanks, and the detail with it */
  if (!add_sentence (paragraph, &context, template, tone, "thanks", error))
    return FALSE;
  if (*(const char *) g_hash_table_lookup (values, "detail") != '\0' &&
      !add_sentence (paragraph, &context, template, tone, "detail", error))
    return FALSE;

  /* The feedback request */
  if (!single)
    end_paragraph (paragraphs, &paragraph);
  if (aw_draft_get_ask_feedback (draft))
    {
      const char *part = *(const char *) g_hash_table_lookup (values, "feedback_area") != '\0'
                         ? "feedback_area" : "feedback";

      if (!add_sentence (paragraph, &context, template, tone, part, error))
        return FALSE;
    }

  /* The door left open */
  if (!single)
    end_paragraph (paragraphs, &paragraph);
  if (aw_draft_get_open_to_future (draft) &&
      !add_sentence (paragraph, &context, template, tone, "future", error))
    return FALSE;
  if (aw_draft_get_stay_in_touch (draft) &&
      !add_sentence (paragraph, &context, template, tone, "stay_in_touch", error))
    return FALSE;
  end_paragraph (paragraphs, &paragraph);

  closing = get_part (template, tone, "closing", draft, FALSE, NULL);
  if (closing != NULL)
    {
      char *expanded;

          if (!(expanded = expand (&context, template->code, closing, error)))
        return FALSE;
      g_ptr_array_add (paragraphs, expanded);
    }

#undef PART

  g_string_append (body, greeting);
  g_string_append (body, "\n\n");
  for (guint i = 0; i < paragraphs->len; i++)
    {
      g_string_append (body, g_ptr_array_index (paragraphs, i));
      g_string_append (body, "\n\n");
    }
  g_string_append (body, signoff);
  g_string_append_c (body, '\n');
  g_string_append (body, sender);
  g_string_append_c (body, '\n');

  g_object_freeze_notify (G_OBJECT (draft));
  aw_draft_set_subject (draft, subject);
  aw_draft_set_body (draft, body->str);
  g_object_thaw_notify (G_OBJECT (draft));

  return TRUE;
}

/**
 * aw_draft_writer_preview:
 *
 * Returns: (transfer full) (nullable): the tone's preview line in the email language
 */
char *
aw_draft_writer_preview (const char *language,
                         AwTone      tone)
{
  const Template *template = load_template (language, NULL);
  JsonObject *object;

  if (template == NULL || (object = get_tone (template, tone, NULL)) == NULL)
    return NULL;

  return g_strdup (string_of (json_object_get_member (object, "preview")));
}
