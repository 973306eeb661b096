/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "patron-window.h"

static void
test_window_shows (void)
{
  GtkWidget *window = g_object_new (PATRON_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  g_assert_true (gtk_widget_get_mapped (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Patron");
  g_assert_cmpint (gtk_widget_get_width (window), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/shows", test_window_shows);

  return g_test_run ();
}
