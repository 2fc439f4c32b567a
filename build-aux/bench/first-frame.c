/* SPDX-License-Identifier: GPL-3.0-or-later */
/* first-frame.c: launch a program under X11 and report when its first window paints
 *
 * Usage: first-frame [--settle SECONDS] -- PROGRAM [ARGS...]
 * Prints "first_frame_ms=N rss_kib=N" on standard output.
 *
 * The clock starts right before fork/exec. "First frame" is the first XDamage report on
 * a new top-level window that is mapped: the moment the toolkit put pixels on screen.
 * Resident memory is read from /proc after the settle time (default 3 s).
 */
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static long
rss_kib_of_tree (pid_t pid)
{
  char path[64];
  char line[256];
  long rss = -1;
  FILE *f;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  f = fopen (path, "r");
  if (f == NULL)
    return -1;
  while (fgets (line, sizeof line, f) != NULL)
    if (strncmp (line, "VmRSS:", 6) == 0)
      rss = strtol (line + 6, NULL, 10);
  fclose (f);
  return rss;
}

int
main (int   argc,
      char *argv[])
{
  double settle_s = 3.0;
  double timeout_ms = 30000.0;
  int first_arg = 1;
  Display *display;
  Window root;
  int damage_event, damage_error;
  double start, first_frame = -1;
  pid_t child;

  while (first_arg < argc && strcmp (argv[first_arg], "--") != 0)
    {
      if (strcmp (argv[first_arg], "--settle") == 0 && first_arg + 1 < argc)
        settle_s = atof (argv[++first_arg]);
      first_arg++;
    }
  if (first_arg >= argc - 1)
    {
      fprintf (stderr, "usage: %s [--settle SECONDS] -- PROGRAM [ARGS...]\n", argv[0]);
      return 2;
    }
  first_arg++;

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "first-frame: cannot open the X display (is DISPLAY set?)\n");
      return 2;
    }
  if (!XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "first-frame: the X server has no DAMAGE extension\n");
      return 2;
    }
  root = DefaultRootWindow (display);
  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, False);

  start = now_ms ();
  child = fork ();
  if (child == 0)
    {
      execvp (argv[first_arg], argv + first_arg);
      fprintf (stderr, "first-frame: cannot run %s: %s\n", argv[first_arg], strerror (errno));
      _exit (127);
    }

  while (first_frame < 0 && now_ms () - start < timeout_ms)
    {
      XEvent event;

      if (XPending (display) == 0)
        {
          if (waitpid (child, NULL, WNOHANG) == child)
            {
              fprintf (stderr, "first-frame: the program exited before painting\n");
              return 1;
            }
          usleep (200);
          continue;
        }
      XNextEvent (display, &event);
      if (event.type == MapNotify && event.xmap.event == root)
        {
          /* Watch every newly mapped top-level for its first painted pixels. */
          XDamageCreate (display, event.xmap.window, XDamageReportNonEmpty);
        }
      else if (event.type == damage_event + XDamageNotify)
        {
          first_frame = now_ms () - start;
        }
    }

  if (first_frame < 0)
    {
      fprintf (stderr, "first-frame: no window painted within %.0f ms\n", timeout_ms);
      kill (child, SIGTERM);
      return 1;
    }

  usleep ((useconds_t) (settle_s * 1e6));
  printf ("first_frame_ms=%.1f rss_kib=%ld\n", first_frame, rss_kib_of_tree (child));
  fflush (stdout);

  kill (child, SIGTERM);
  waitpid (child, NULL, 0);
  XCloseDisplay (display);
  return 0;
}
