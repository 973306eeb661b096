/* bench-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmark programs share: a start time taken just before exec,
 * /proc/self/status, and key=value output for run.sh.
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-common.h"

#define EXEC_TIME_VAR "PATRON_BENCH_EXEC_US"
#define EXEC_CPU_VAR "PATRON_BENCH_EXEC_CPU_US"

static gint64 exec_time;
static gint64 exec_cpu;   /* the CPU time the process had used before exec */

/**
 * bench_exec_clock_start:
 * @argv: main()'s
 *
 * Makes the process start measurable: the first time, notes the monotonic
 * clock (CLOCK_MONOTONIC, the same for every process) in the environment and
 * executes the program again, so loading and linking its libraries count as
 * part of the start, as they do for a user. Returns in the second process.
 *
 * A process keeps its CPU time across exec: the first run's (loading and
 * linking the same libraries once more, which a user's start does not) is
 * noted too, and bench_cpu_time_us() leaves it out.
 */
void
bench_exec_clock_start (char **argv)
{
  const char *noted = g_getenv (EXEC_TIME_VAR);
  char text[32];

  if (noted != NULL)
    {
      const char *cpu = g_getenv (EXEC_CPU_VAR);

      exec_time = g_ascii_strtoll (noted, NULL, 10);
      exec_cpu = cpu != NULL ? g_ascii_strtoll (cpu, NULL, 10) : 0;
      /* what this program starts is not measured from here */
      g_unsetenv (EXEC_TIME_VAR);
      g_unsetenv (EXEC_CPU_VAR);
      return;
    }

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, bench_cpu_time_us ());
  g_setenv (EXEC_CPU_VAR, text, TRUE);
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, g_get_monotonic_time ());
  g_setenv (EXEC_TIME_VAR, text, TRUE);
  execv ("/proc/self/exe", argv);
  g_error ("Could not execute /proc/self/exe again: %s", g_strerror (errno));
}

/**
 * bench_since_exec:
 *
 * Returns: microseconds since the measured process was executed
 */
gint64
bench_since_exec (void)
{
  return g_get_monotonic_time () - exec_time;
}

/**
 * bench_read_status_kb:
 * @field: a field of /proc/self/status counted in kB, such as "VmRSS"
 *
 * Returns: its value in kB, or -1
 */
gint64
bench_read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_autofree char *prefix = g_strconcat (field, ":", NULL);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_ascii_strtoll (lines[i] + strlen (prefix), NULL, 10);

  return -1;
}

/**
 * bench_read_pss_kb:
 *
 * With PATRON_BENCH_SMAPS set to a file name, writes /proc/self/smaps there
 * first.
 *
 * Returns: the process's proportional set size (/proc/self/smaps_rollup:
 *   shared pages count shared), in kB, or -1
 */
gint64
bench_read_pss_kb (void)
{
  g_autofree char *rollup = NULL;
  const char *pss;

  const char *smaps_copy = g_getenv ("PATRON_BENCH_SMAPS");

  /* where the memory is, mapping by mapping, at that moment */
  if (smaps_copy != NULL && smaps_copy[0] != '\0')
    {
      g_autofree char *smaps = NULL;

      if (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
        g_file_set_contents (smaps_copy, smaps, -1, NULL);
    }

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &rollup, NULL, NULL) ||
      (pss = strstr (rollup, "\nPss:")) == NULL)
    return -1;

  return g_ascii_strtoll (pss + strlen ("\nPss:"), NULL, 10);
}

/**
 * bench_cpu_time_us:
 *
 * Returns: the CPU time this process has used since it was executed (not
 *   before, see bench_exec_clock_start()), all threads, in microseconds
 */
gint64
bench_cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000 - exec_cpu;
}

/**
 * bench_print:
 *
 * Prints one `key=value` line on stdout, at once (run.sh reads them).
 */
void
bench_print (const char *key,
             const char *format,
             ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);

  printf ("%s=%s\n", key, value);
  fflush (stdout);
}
