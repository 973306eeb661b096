/* fuzz-log.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdlib.h>

/* A warning or worse is a finding: abort(), which libFuzzer catches and
 * keeps the input of (GLib's own fatal warnings raise SIGTRAP, which it
 * does not). Install with g_log_set_writer_func() first thing. */
static inline GLogWriterOutput
fuzz_abort_on_warning (GLogLevelFlags   level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         user_data)
{
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return G_LOG_WRITER_HANDLED;
}
