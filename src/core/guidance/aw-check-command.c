/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-check-command.c: `afterword --check [--lang=CODE] [--json] FILE`
 *
 * Runs before any GTK or GApplication code: no display, no D-Bus session needed.
 * Exit status: 0 no findings, 1 findings, 2 usage or input error.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#endif

#include "aw-check-command.h"
#include "aw-draft-check.h"
#include "aw-guidance.h"
#include "aw-languages.h"
#include "aw-text-fold.h"
#include "aw-spell-checker.h"

#define EXIT_CLEAN    0
#define EXIT_FINDINGS 1
#define EXIT_USAGE    2

typedef struct
{
  const char *file;
  char       *data;         /* owned, or the contents of mapped */
  GMappedFile *mapped;
  gsize       length;
  const char *text;         /* after a byte order mark */
  guint       text_base;    /* characters before text (the mark) */
  char       *subject;      /* NULL without a Subject: line */
  const char *body;
  guint       subject_offset;
  guint       body_offset;
  GArray     *line_starts;  /* guint, character offset of each line */
} Draft;

static void
draft_clear (Draft *draft)
{
  if (draft->mapped != NULL)
    draft->data = NULL;
  g_clear_pointer (&draft->data, g_free);
  g_clear_pointer (&draft->mapped, g_mapped_file_unref);
  g_clear_pointer (&draft->subject, g_free);
  g_clear_pointer (&draft->line_starts, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Draft, draft_clear)

static int
exit_with_error (gboolean    with_usage,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

/* Prints "afterword: MESSAGE", and the usage line after a usage error.
 * Returns: the exit status of both kinds of error */
static int
exit_with_error (gboolean    with_usage,
                 const char *format,
                 ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "afterword: %s\n", message);
  if (with_usage)
    fprintf (stderr, "%s\n", _("Usage: afterword --check [--lang=CODE] [--json] FILE"));
  return EXIT_USAGE;
}

static void
print_help (void)
{
  printf ("%s\n\n", _("Usage: afterword --check [--lang=CODE] [--json] FILE"));
  printf ("%s\n\n", _("Checks a follow-up email draft against the guidance and prints what it finds. "
                      "FILE is UTF-8 text; “-” reads standard input. A first line starting with "
                      "“Subject:” is the subject, the rest is the body."));
  /* Translators: the option as the usage line above shows it; keep "--lang=" and use
   * the same word for CODE as in the usage line */
  printf ("  %-12s %s\n", _("--lang=CODE"), _("the email’s language (default: detect it)"));
  printf ("  --json       %s\n", _("print one JSON object instead of one line per finding"));
  printf ("  --no-spelling %s\n", _("do not report misspelled words"));
  printf ("\n%s\n", _("Exit status: 0 no findings, 1 findings, 2 usage or input error."));
}

/* "pt-br", "PT_BR" and "pt" all mean pt_BR */
static const char *
resolve_language (const char *code)
{
  const char * const *languages = aw_guidance_get_languages ();
  g_autofree char *wanted = g_strdelimit (g_strdup (code), "-", '_');

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_ascii_strcasecmp (languages[i], wanted) == 0)
      return languages[i];
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_ascii_strncasecmp (languages[i], wanted, strlen (wanted)) == 0 &&
        languages[i][strlen (wanted)] == '_')
      return languages[i];
  return NULL;
}

/* A regular file is mapped rather than copied: its pages come straight from the page
 * cache, a few at a time, instead of being read into fresh memory one page fault each.
 * The text must end in a NUL byte, which the zeros after the end of a file in its last
 * page provide; a file that fills its last page exactly (or is empty) is read instead, as
 * is anything that cannot be mapped (a pipe, a missing file: reading reports why). */
static gboolean
map_input (Draft *draft)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (draft->file, FALSE, NULL);
  gsize length;

  if (mapped == NULL)
    return FALSE;
  length = g_mapped_file_get_length (mapped);
  if (length == 0 || length % (gsize) sysconf (_SC_PAGESIZE) == 0)
    return FALSE;
  draft->mapped = g_steal_pointer (&mapped);
  draft->data = g_mapped_file_get_contents (draft->mapped);
  draft->length = length;
  return TRUE;
}

static gboolean
read_input (Draft   *draft,
            GError **error)
{
  if (g_str_equal (draft->file, "-"))
    {
      GString *buffer = g_string_new (NULL);
      char chunk[65536];
      size_t n;

      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        g_string_append_len (buffer, chunk, n);
      if (ferror (stdin))
        {
          g_string_free (buffer, TRUE);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("cannot read standard input"));
          return FALSE;
        }
      draft->length = buffer->len;
      draft->data = g_string_free (buffer, FALSE);
      return TRUE;
    }

  if (map_input (draft))
    return TRUE;
  return g_file_get_contents (draft->file, &draft->data, &draft->length, error);
}

/* The length of a "Subject:" label at the start of @text (the "subject_labels" of every
 * language's data, as mail programs write them: "Betreff:", "Objet :"), or 0 */
static gsize
subject_label (const char *text)
{
  const char *p = text;
  g_autofree char *word = NULL;
  g_autofree char *folded = NULL;

  while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p == text)
    return 0;
  word = g_strndup (text, p - text);
  folded = aw_text_fold (word);
  if (!g_hash_table_contains (aw_languages_get_word_set (AW_LANGUAGE_WORDS_SUBJECT_LABELS,
                                                         aw_text_fold), folded))
    return 0;
  /* French typography puts a (narrow) no-break space before the colon. */
  for (;;)
    {
      if (*p == ' ' || *p == '\t')
        p++;
      else if (g_str_has_prefix (p, "\u00a0"))
        p += strlen ("\u00a0");
      else if (g_str_has_prefix (p, "\u202f"))
        p += strlen ("\u202f");
      else
        break;
    }
  return *p == ':' ? (gsize) (p + 1 - text) : 0;
}

static void
split_draft (Draft *draft)
{
  const char *text = draft->text;
  const char *newline;
  gsize label;

  draft->subject_offset = draft->text_base;
  draft->body = text;
  draft->body_offset = draft->text_base;

  label = subject_label (text);
  if (label == 0)
    return;

  newline = strchr (text, '\n');
  {
    const char *start = text + label;
    const char *end = newline != NULL ? newline : text + strlen (text);

    while (*start == ' ' || *start == '\t')
      start++;
    if (end > start && end[-1] == '\r')
      end--;
    if (end < start)
      end = start;
    draft->subject = g_strndup (start, end - start);
    draft->subject_offset = draft->text_base + g_utf8_strlen (text, start - text);
  }

  if (newline != NULL)
    {
      draft->body = newline + 1;
      draft->body_offset = draft->text_base + g_utf8_strlen (text, newline + 1 - text);
    }
  else
    {
      draft->body = text + strlen (text);
      draft->body_offset = draft->text_base + g_utf8_strlen (text, -1);
    }
}

/* The character offset of every line's start. The text is valid UTF-8, so its characters
 * are its bytes that are not continuation bytes (10xxxxxx), counted a line at a time. */
static void
index_lines (Draft *draft)
{
  guint offset = draft->text_base;
  guint zero = 0;
  const char *p = draft->text;

  draft->line_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (draft->line_starts, zero);
  for (;;)
    {
      const char *newline = strchr (p, '\n');
      const char *end = newline != NULL ? newline : p + strlen (p);

      for (; p < end; p++)
        offset += ((guchar) *p & 0xc0) != 0x80;
      if (newline == NULL)
        break;
      p = newline + 1;
      offset++;
      g_array_append_val (draft->line_starts, offset);
    }
}

static void
line_and_column (Draft *draft,
                 guint  offset,
                 guint *line,
                 guint *column)
{
  guint lo = 0, hi = draft->line_starts->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (draft->line_starts, guint, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  *line = lo + 1;
  *column = offset - g_array_index (draft->line_starts, guint, lo) + 1;
}

static guint
file_offset (Draft     *draft,
             AwFinding *finding,
             int        offset)
{
  if (aw_finding_get_part (finding) == AW_DRAFT_PART_SUBJECT)
    return draft->subject_offset + offset;
  return draft->body_offset + offset;
}

static void
print_text (Draft            *draft,
            AwGuidanceReport *report)
{
  GListModel *findings = aw_guidance_report_get_findings (report);
  guint n = g_list_model_get_n_items (findings);
  const char *name = g_str_equal (draft->file, "-") ? "<stdin>" : draft->file;
  guint errors = 0, warnings = 0, suggestions = 0;
  guint words = aw_guidance_report_get_word_count (report);
  const char *language = aw_guidance_report_get_language (report);
  g_autofree char *words_text = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwFinding) finding = g_list_model_get_item (findings, i);
      AwSeverity severity = aw_finding_get_severity (finding);
      guint line = 1, column = 1;

      /* counted here rather than in three more passes over a long report */
      errors += severity == AW_SEVERITY_ERROR;
      warnings += severity == AW_SEVERITY_WARNING;
      suggestions += severity == AW_SEVERITY_SUGGESTION;
      if (aw_finding_has_span (finding))
        line_and_column (draft, file_offset (draft, finding, aw_finding_get_start (finding)),
                         &line, &column);
      printf ("%s:%u:%u: %s: %s [%s]\n", name, line, column,
              aw_severity_to_string (severity),
              aw_finding_get_message (finding), aw_finding_get_rule_id (finding));
    }

  words_text = g_strdup_printf (ngettext ("%u word", "%u words", words), words);
  if (n == 0)
    /* Translators: the summary of `afterword --check`: "No findings, 87 words, language en" */
    summary = g_strdup_printf (_("No findings, %s, language %s"), words_text, language);
  else
    {
      GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *counts = NULL;
      g_autofree char *total = NULL;

      if (errors > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors));
      if (warnings > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings));
      if (suggestions > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u suggestion", "%u suggestions", suggestions), suggestions));
      g_ptr_array_add (parts, NULL);
      counts = g_strjoinv (", ", (char **) parts->pdata);
      g_ptr_array_unref (parts);
      total = g_strdup_printf (ngettext ("%u finding", "%u findings", n), n);
      /* Translators: "3 findings (1 warning, 2 suggestions), 87 words, language en" */
      summary = g_strdup_printf (_("%s (%s), %s, language %s"), total, counts, words_text, language);
    }
  printf ("%s\n", summary);
}

static void
print_json (Draft            *draft,
            AwGuidanceReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  GListModel *findings = aw_guidance_report_get_findings (report);
  guint n = g_list_model_get_n_items (findings);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, aw_guidance_report_get_language (report));
  json_builder_set_member_name (builder, "words");
  json_builder_add_int_value (builder, aw_guidance_report_get_word_count (report));
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwFinding) finding = g_list_model_get_item (findings, i);
      const char *suggestion = aw_finding_get_suggestion (finding);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, aw_finding_get_rule_id (finding));
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, aw_severity_to_string (aw_finding_get_severity (finding)));
      json_builder_set_member_name (builder, "part");
      json_builder_add_string_value (builder, aw_finding_get_part (finding) == AW_DRAFT_PART_SUBJECT
                                              ? "subject" : "body");
      if (aw_finding_has_span (finding))
        {
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, file_offset (draft, finding, aw_finding_get_start (finding)));
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, file_offset (draft, finding, aw_finding_get_end (finding)));
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, aw_finding_get_text (finding));
        }
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, aw_finding_get_message (finding));
      json_builder_set_member_name (builder, "why");
      json_builder_add_string_value (builder, aw_finding_get_why (finding));
      if (suggestion != NULL)
        {
          json_builder_set_member_name (builder, "suggestion");
          json_builder_add_string_value (builder, suggestion);
        }
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, aw_finding_get_score (finding));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, aw_finding_source_to_string (aw_finding_get_source (finding)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  printf ("%s\n", json);
}

#define HEAP_HUGE_SIZE ((gsize) 32 * 1024 * 1024)
#define HUGE_PAGE_SIZE ((gsize) 2 * 1024 * 1024)

/* A check is one short process, and a long text's arrays and findings run to megabytes:
 * filled one 4 KiB page at a time they cost a page fault each, which on a virtual
 * machine weighs more than the check itself (1 MiB of text: 4,800 faults, half the
 * time). So every block comes from the heap (no mapping of its own), the heap is grown
 * once by 32 MiB that ask for huge pages, and it is never trimmed: the process ends soon
 * anyway. Only the 2 MiB pages the process touches are backed: an email's check grows by
 * about 1 MiB. Without glibc or huge pages nothing changes. */
static void
heap_in_huge_pages (void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  static gboolean done = FALSE;
  static gpointer head = NULL;  /* allocated to the end, see below */
  guint8 *block;
  guintptr start, end;

  if (done)
    return;
  done = TRUE;
  if (!mallopt (M_MMAP_THRESHOLD, HEAP_HUGE_SIZE) ||
      !mallopt (M_TRIM_THRESHOLD, 2 * HEAP_HUGE_SIZE))
    return;
  block = malloc (HEAP_HUGE_SIZE - HUGE_PAGE_SIZE);
  if (block == NULL)
    return;
  start = ((guintptr) block + HUGE_PAGE_SIZE - 1) & ~(HUGE_PAGE_SIZE - 1);
  end = ((guintptr) block + HEAP_HUGE_SIZE - HUGE_PAGE_SIZE) & ~(HUGE_PAGE_SIZE - 1);
  if (end > start)
    madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
  /* Shrunk in place to its head below the first huge page, the block gives the rest back
   * as the heap's room for everything allocated after it, from that page on. The head
   * stays allocated: address space only, never touched. */
  if (end > start && start > (guintptr) block)
    head = realloc (block, start - (guintptr) block);
  if (head == NULL)
    free (block);
#endif
}

static AwGuidanceReport *report_until_exit;

/* TRUE when the command line asks for the checker (argv contains --check) */
gboolean
aw_check_command_wanted (int    argc,
                         char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--check"))
        return TRUE;
    }
  return FALSE;
}

int
aw_check_command_run (int    argc,
                      char **argv)
{
  g_auto(Draft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AwDraftCheck) check = aw_draft_check_new (NULL, NULL);
  g_autoptr(AwGuidanceReport) report = NULL;
  const char *language = NULL;
  gboolean json = FALSE, only_files = FALSE;
  gboolean spelling = TRUE;
  const char *nul;
  int status;

  heap_in_huge_pages ();
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (!only_files && g_str_equal (arg, "--"))
        only_files = TRUE;
      else if (!only_files && g_str_equal (arg, "--check"))
        continue;
      else if (!only_files && g_str_equal (arg, "--json"))
        json = TRUE;
      else if (!only_files && g_str_equal (arg, "--no-spelling"))
        spelling = FALSE;
      else if (!only_files && (g_str_equal (arg, "--help") || g_str_equal (arg, "-h")))
        {
          print_help ();
          return EXIT_CLEAN;
        }
      else if (!only_files && (g_str_has_prefix (arg, "--lang=") || g_str_equal (arg, "--lang")))
        {
          if (arg[6] == '=')
            language = arg + 7;
          else if (i + 1 < argc)
            language = argv[++i];
          else
            return exit_with_error (TRUE, _("--lang needs a language code"));
        }
      else if (!only_files && arg[0] == '-' && arg[1] != '\0')
        return exit_with_error (TRUE, _("unknown option “%s”"), arg);
      else if (draft.file == NULL)
        draft.file = arg;
      else
        return exit_with_error (TRUE, _("only one FILE can be checked at a time"));
    }

  if (draft.file == NULL)
    return exit_with_error (TRUE, _("no FILE given (use “-” for standard input)"));

  if (language != NULL)
    {
      const char *code = resolve_language (language);

      if (code == NULL)
        {
          g_autofree char *valid = g_strjoinv (", ", (char **) aw_guidance_get_languages ());

          return exit_with_error (TRUE, _("unknown language “%s”; valid languages: %s"),
                                  language, valid);
        }
      aw_draft_check_set_language (check, code);
    }

  if (!read_input (&draft, &error))
    return exit_with_error (FALSE, "%s", error->message);

  nul = memchr (draft.data, '\0', draft.length);
  if (nul != NULL)
    return exit_with_error (FALSE, _("%s: contains a NUL byte at byte %lu; expected UTF-8 text"),
                            draft.file, (unsigned long) (nul - draft.data));
  {
    const char *end = NULL;

    if (!g_utf8_validate_len (draft.data, draft.length, &end))
      return exit_with_error (FALSE, _("%s: not valid UTF-8 at byte %lu"), draft.file,
                              (unsigned long) (end - draft.data));
  }

  draft.text = draft.data;
  if (g_str_has_prefix (draft.text, "\xEF\xBB\xBF"))
    {
      draft.text += 3;
      draft.text_base = 1;
    }
  split_draft (&draft);
  index_lines (&draft);

  /* Options built where the editor's are; the findings stay in the engine's order
   * (by position), as the output always had them. */
  report = aw_guidance_check (aw_guidance_get_default (), draft.subject, draft.body,
                              aw_draft_check_get_options (check), &error);
  if (report == NULL)
    return exit_with_error (FALSE, "%s: %s", draft.file, error->message);
  /* Misspellings, when the language's dictionary is installed */
  if (spelling)
    {
      g_autoptr(AwSpellChecker) checker = aw_spell_checker_new (aw_guidance_report_get_language (report));
      aw_spell_checker_add_findings (checker, report, draft.subject, draft.body);
    }

  if (json)
    print_json (&draft, report);
  else
    print_text (&draft, report);
  fflush (stdout);

  status = aw_guidance_report_get_n_findings (report) > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
  /* The process ends with this function (main.c): freeing a long text's thousands of
   * findings one by one is work nobody waits for, so the report stays reachable to the
   * end and the exit returns its memory at once. */
  g_clear_object (&report_until_exit);  /* a second run in one process frees the first's */
  report_until_exit = g_steal_pointer (&report);
  return status;
}
