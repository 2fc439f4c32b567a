/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-compile-guidance.c: the build's compiler of data/guidance/ (not installed)
 *
 * Usage: aw-compile-guidance OUTPUT
 *
 * Writes guidance/compiled.gvariant (data/guidance/FORMAT.md "The precompiled form"):
 * the JSON files of the core resource it links, read and compiled by the code a check
 * runs (aw-languages.c, aw-guidance-rules.c), so that a check parses and compiles
 * nothing. A pattern the rules cannot compile is a warning here, at build time.
 */
#include "config.h"

#include "aw-guidance-rules.h"
#include "aw-languages.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT\n", argv[0]);
      return 2;
    }
  bytes = aw_languages_compile (aw_guidance_rules_compile_variant, NULL, &error);
  if (bytes == NULL ||
      !g_file_set_contents (argv[1], g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            &error))
    {
      g_printerr ("aw-compile-guidance: %s\n", error->message);
      return 1;
    }
  return 0;
}
