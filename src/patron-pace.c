/* patron-pace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "patron-pace.h"

/* What the rows of a frame may cost, from one frame's rows to the next
 * frame's (their layout and paint, and the wait for the frame): a frame and
 * a half at 60 Hz. */
#define BUDGET_US 25000

/**
 * patron_pace_start:
 * @now: g_get_monotonic_time()
 *
 * The first PATRON_PACE_AT_ONCE rows were just made.
 */
void
patron_pace_start (PatronPace *pace,
                   gint64      now)
{
  pace->made_at = now;
  pace->step = PATRON_PACE_AT_ONCE;
}

/**
 * patron_pace_next:
 * @now: g_get_monotonic_time()
 *
 * For a list's tick callback: how many rows to make in this frame, from
 * how long the last ones took to show: fewer when they took longer than
 * BUDGET_US, down to one; more when they were quicker, at least one more
 * and at most twice as many, up to PATRON_PACE_MOST_PER_FRAME.
 *
 * Returns: at least 1
 */
guint
patron_pace_next (PatronPace *pace,
                  gint64      now)
{
  gint64 took = MAX (now - pace->made_at, 1);
  guint64 step = (guint64) pace->step * BUDGET_US / (guint64) took;

  if (took <= BUDGET_US)
    step = MIN (MAX (step, (guint64) pace->step + 1), (guint64) pace->step * 2);
  pace->step = CLAMP (step, 1, PATRON_PACE_MOST_PER_FRAME);
  pace->made_at = now;

  return pace->step;
}
