/* patron-pace.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rows a long list makes before its first frame: more come a frame at
 * a time (patron_pace_next()). */
#define PATRON_PACE_AT_ONCE 5
/* … and in a frame, at the most */
#define PATRON_PACE_MOST_PER_FRAME 20

/**
 * PatronPace:
 *
 * How many rows a long list makes in each frame: as many as keep the frames
 * short, however much a row costs. A row costs a few milliseconds to
 * measure with what customers write, and ten times that with a store's text
 * made to wrap badly (a line of 120 letters without a space): ten rows a
 * frame then held each frame for 400 ms.
 */
typedef struct
{
  gint64 made_at;   /* when the last rows were made (monotonic, µs) */
  guint  step;      /* how many */
} PatronPace;

void  patron_pace_start (PatronPace *pace,
                         gint64      now);
guint patron_pace_next  (PatronPace *pace,
                         gint64      now);

G_END_DECLS
