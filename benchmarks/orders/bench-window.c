/* bench-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor for Patron's start: a bare libadwaita window (a header bar and
 * nothing else, at Patron's default size), from exec to its first painted
 * frame. Prints first_frame_us=, cpu_us= (all threads, by then), rss_kb= and
 * pss_kb=, then quits.
 */

#include "config.h"

#include <adwaita.h>

#include "bench-common.h"

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  gint64 now = bench_since_exec ();
  gint64 cpu = bench_cpu_time_us ();

  bench_print ("first_frame_us", "%" G_GINT64_FORMAT, now);
  bench_print ("cpu_us", "%" G_GINT64_FORMAT, cpu);
  bench_print ("rss_kb", "%" G_GINT64_FORMAT, bench_read_status_kb ("VmRSS"));
  bench_print ("pss_kb", "%" G_GINT64_FORMAT, bench_read_pss_kb ());

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  gtk_window_destroy (window);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));

  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  bench_exec_clock_start (argv);

  app = adw_application_new ("io.github.patronapp.Patron.BenchmarkWindow",
                             G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
