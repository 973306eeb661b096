/* bench-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void    bench_exec_clock_start (char       **argv);
gint64  bench_since_exec       (void);
gint64  bench_read_status_kb   (const char  *field);
gint64  bench_cpu_time_us      (void);
gint64  bench_read_pss_kb      (void);
void    bench_print            (const char  *key,
                                const char  *format,
                                ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
