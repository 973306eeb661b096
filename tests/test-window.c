/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "patron-application.h"
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

/* The development profile's app (the .Devel id) is told apart by a striped
 * header bar; the released one is not. */
static void
test_window_devel_style (void)
{
  const struct {
    const char *id;
    gboolean    devel;
  } apps[] = {
    { "io.github.patronapp.Patron", FALSE },
    { "io.github.patronapp.Patron.Devel", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (apps); i++)
    {
      /* no D-Bus name to own: the test runs beside any other instance */
      g_autoptr(PatronApplication) app = patron_application_new (apps[i].id,
                                                                 G_APPLICATION_NON_UNIQUE);
      g_autoptr(GError) error = NULL;
      GtkWindow *window;

      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
      g_application_activate (G_APPLICATION (app));
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
      g_assert_nonnull (window);
      g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"), ==,
                       apps[i].devel);
      gtk_window_destroy (window);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/shows", test_window_shows);
  g_test_add_func ("/window/devel-style", test_window_devel_style);

  return g_test_run ();
}
