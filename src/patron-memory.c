/* patron-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-memory"

#include "config.h"

#include <stdlib.h>   /* __GLIBC__ */
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "patron-memory.h"

/*
 * Memory freed after a burst of work goes back to the system once Patron
 * has drawn nothing for PATRON_MEMORY_IDLE_MS.
 *
 * glibc keeps what is freed for the next allocation. After a burst, that is
 * megabytes: with the cairo renderer every frame of a slide or a scroll
 * makes window-sized pixel buffers (the first is mapped and unmapped, after
 * which glibc raises its mmap threshold and the next ones come from the
 * heap and stay there, free), and each page of orders is parsed in a worker
 * thread whose arena keeps the JSON tree's memory. Measured with the first
 * page of orders shown, 5 MB of the heap's 12 MB were free. Unmapping
 * large buffers at once instead (a fixed M_MMAP_THRESHOLD) costs a page
 * fault per 4 KB on every frame (+10 % CPU while scrolling); a trim once the
 * windows are still costs a few milliseconds once, and the next burst takes
 * the pages back as it needs them.
 */

static GSource *release_source;
static guint n_releases;

static gboolean
release_dispatch (GSource     *source,
                  GSourceFunc  callback,
                  gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  n_releases++;

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs release_funcs = {
  .dispatch = release_dispatch,
};

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (release_source == NULL)
    {
      release_source = g_source_new (&release_funcs, sizeof (GSource));
      g_source_set_priority (release_source, G_PRIORITY_LOW);
      g_source_set_static_name (release_source, "[patron] memory release");
      g_source_attach (release_source, NULL);
    }

  g_source_set_ready_time (release_source,
                           g_get_monotonic_time () + PATRON_MEMORY_IDLE_MS * G_TIME_SPAN_MILLISECOND);
}

static void
realize_cb (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

/**
 * patron_memory_watch_frames:
 * @widget: a window
 *
 * Gives back the memory freed meanwhile once @widget (and every other
 * window watched) has drawn nothing for %PATRON_MEMORY_IDLE_MS.
 */
void
patron_memory_watch_frames (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_realized (widget))
    realize_cb (widget);
  g_signal_connect (widget, "realize", G_CALLBACK (realize_cb), NULL);
}

/**
 * patron_memory_get_n_releases:
 *
 * Returns: how many times freed memory was given back
 */
guint
patron_memory_get_n_releases (void)
{
  return n_releases;
}
