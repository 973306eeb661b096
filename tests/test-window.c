/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"
#include "test-widgets.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "patron-application.h"
#include "patron-form.h"
#include "patron-memory.h"
#include "patron-settings.h"
#include "patron-window.h"

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
count_leave_cb (GtkEventControllerFocus *controller,
                guint                   *n_leaves)
{
  (*n_leaves)++;
}

/* A form made busy with the focus in one of its fields lets go of it so
 * that the field hears it (GTK 4.8 takes it from an insensitive field
 * without telling its text, whose cursor blink then warns). */
static void
test_busy_form_lets_go_of_focus (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  guint n_leaves = 0;

  gtk_box_append (GTK_BOX (form), entry);
  gtk_box_append (GTK_BOX (box), form);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_window_set_child (GTK_WINDOW (window), box);
  g_signal_connect (focus, "leave", G_CALLBACK (count_leave_cb), &n_leaves);
  gtk_widget_add_controller (entry, focus);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (gtk_widget_grab_focus (entry));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  patron_form_set_busy (form, spinner, TRUE);
  g_assert_false (gtk_widget_is_sensitive (entry));
  g_assert_null (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_cmpuint (n_leaves, ==, 1);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  patron_form_set_busy (form, spinner, FALSE);
  g_assert_true (gtk_widget_is_sensitive (entry));
  g_assert_false (gtk_widget_get_visible (spinner));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_shows (void)
{
  GtkWidget *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  GtkMenuButton *menu_button;
  GtkPopover *menu;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  g_assert_true (gtk_widget_get_mapped (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Patron");
  g_assert_cmpint (gtk_widget_get_width (window), >, 0);

  /* the main menu is made when it first opens, and kept */
  menu_button = GTK_MENU_BUTTON (find_menu_button (window));
  g_assert_nonnull (menu_button);
  g_assert_null (gtk_menu_button_get_popover (menu_button));
  gtk_menu_button_popup (menu_button);
  menu = gtk_menu_button_get_popover (menu_button);
  g_assert_true (GTK_IS_POPOVER_MENU (menu));
  g_assert_nonnull (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)));
  gtk_menu_button_popdown (menu_button);
  gtk_menu_button_popup (menu_button);
  g_assert_true (gtk_menu_button_get_popover (menu_button) == menu);
  gtk_menu_button_popdown (menu_button);

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

/* Every shortcut shown has its keys, and those of an action are the keys
 * the application gives it. */
static void
check_shortcuts (GtkWidget      *widget,
                 GtkApplication *app,
                 guint          *n_checked)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (widget, "title", &title, "accelerator", &accelerator,
                    "action-name", &action, NULL);
      if (accelerator == NULL || accelerator[0] == '\0')
        g_test_fail_printf ("the shortcut \"%s\" shows no keys", title);
      else if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);
          guint key, app_key;
          GdkModifierType mods, app_mods;

          g_assert_nonnull (accels[0]);
          g_assert_true (gtk_accelerator_parse (accelerator, &key, &mods));
          g_assert_true (gtk_accelerator_parse (accels[0], &app_key, &app_mods));
          g_assert_cmpuint (key, ==, app_key);
          g_assert_cmpuint (mods, ==, app_mods);
        }
      (*n_checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_shortcuts (child, app, n_checked);
}

/* The keyboard shortcuts window is made when first asked for (Ctrl+? or
 * the menu), once per window, over it; closing it keeps it for next time. */
static void
test_window_help_overlay (void)
{
  /* an id of its own: /window/devel-style registered the others */
  g_autoptr(PatronApplication) app = patron_application_new ("io.github.patronapp.Patron.Help",
                                                             G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  GtkWindow *window;
  GtkWindow *shortcuts = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                  "win.show-help-overlay");
  g_assert_cmpstr (accels[0], ==, "<Control>question");

  /* nothing made before it is asked for */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      g_assert_false (GTK_IS_SHORTCUTS_WINDOW (toplevel));
    }

  before = g_list_model_get_n_items (toplevels);
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                                 NULL));
      g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
            {
              g_assert_true (shortcuts == NULL || shortcuts == GTK_WINDOW (toplevel));
              shortcuts = GTK_WINDOW (toplevel);
            }
        }
      g_assert_nonnull (shortcuts);
      if (round == 0)
        {
          guint n_checked = 0;

          check_shortcuts (GTK_WIDGET (shortcuts), GTK_APPLICATION (app), &n_checked);
          g_assert_cmpuint (n_checked, >=, 10);
        }
      g_assert_true (gtk_window_get_transient_for (shortcuts) == window);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
      gtk_window_close (shortcuts);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
    }

  gtk_window_destroy (window);
}

/* A spinner that waits to spin: not at once when it shows, but a moment
 * later; hidden, it stops, and shown again it waits again. */
static void
test_spinner_spins_later (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_window_set_child (GTK_WINDOW (window), spinner);
  patron_spinner_spin_later (GTK_SPINNER (spinner));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  test_spin_for (600);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  gtk_widget_set_visible (spinner, FALSE);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  gtk_widget_set_visible (spinner, TRUE);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  test_spin_for (100);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  /* going away while it waits leaves nothing behind */
  gtk_window_destroy (GTK_WINDOW (window));
  test_spin_for (600);
}

static gboolean
released_since (gpointer data)
{
  return patron_memory_get_n_releases () != GPOINTER_TO_UINT (data);
}

static gboolean
redraw_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

/* What a window's frames freed goes back once it has drawn nothing for a
 * while: not while it keeps drawing (an animation, a scroll), and once
 * after it stops. */
static void
test_memory_released_when_still (void)
{
  GtkWidget *window = gtk_window_new ();
  guint released;
  guint tick;

  patron_memory_watch_frames (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  /* drawing every frame for longer than the wait: nothing released */
  tick = gtk_widget_add_tick_callback (window, redraw_tick_cb, NULL, NULL);
  released = patron_memory_get_n_releases ();
  test_spin_for (PATRON_MEMORY_IDLE_MS * 2);
  g_assert_cmpuint (patron_memory_get_n_releases (), ==, released);

  /* still: released once */
  gtk_widget_remove_tick_callback (window, tick);
  test_spin_until (released_since, GUINT_TO_POINTER (released));
  g_assert_cmpuint (patron_memory_get_n_releases (), ==, released + 1);
  test_spin_for (PATRON_MEMORY_IDLE_MS * 2);
  g_assert_cmpuint (patron_memory_get_n_releases (), ==, released + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget *window;
  int        width;
  int        height;
} WindowSize;

/* As a window manager does when the user drags an edge or maximizes: the
 * X window takes another size, and GTK follows. */
static void
resize_surface (GtkWidget *window,
                int        width,
                int        height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));

  XResizeWindow (xdisplay, gdk_x11_surface_get_xid (surface), width, height);
  XFlush (xdisplay);
}

static gboolean
surface_has_size (gpointer data)
{
  WindowSize *size = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (size->window));

  return gdk_surface_get_width (surface) == size->width &&
         gdk_surface_get_height (surface) == size->height;
}

static gboolean
default_size_is (gpointer data)
{
  WindowSize *size = data;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (size->window), &width, &height);

  return width == size->width && height == size->height;
}

static gboolean
window_maximized (gpointer data)
{
  return gtk_window_is_maximized (data);
}

static gboolean
window_gone (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

/* Closed the way the user closes it. */
static void
close_patron_window (GtkWidget *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  test_spin_until (window_gone, &window);
}

/* What the settings keep: the size of the first test, and whether the
 * window is maximized. */
static void
assert_kept (GSettings *settings,
             gboolean   maximized)
{
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 520);
  g_assert_cmpint (g_settings_get_boolean (settings, "window-maximized"), ==, maximized);
}

/* A new window has the kept size before it is shown: no resize on
 * screen. */
static GtkWidget *
present_new_window (void)
{
  GtkWidget *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 520);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  return window;
}

/* The next window opens at the size the user left the last one at, from
 * its first frame (kept when the window closes); maximized, it stays so, and the size it goes back to
 * is the one it had before, not the screen's. */
static void
test_window_size_remembered (void)
{
  g_autoptr(GSettings) settings = patron_settings_new ();
  WindowSize size = { NULL, 700, 520 };
  int width, height;

  size.window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (size.window));
  gtk_test_widget_wait_for_draw (size.window);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (size.window)));
  resize_surface (size.window, size.width, size.height);
  test_spin_until (default_size_is, &size);
  /* written once, when the window closes, not at each step of a resize */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), !=, 700);
  close_patron_window (size.window);
  assert_kept (settings, FALSE);

  size.window = present_new_window ();
  g_assert_true (surface_has_size (&size));
  close_patron_window (size.window);

  /* maximized, as large as the screen */
  g_settings_set_boolean (settings, "window-maximized", TRUE);
  size.window = present_new_window ();
  test_spin_until (window_maximized, size.window);
  size.width = 1280;
  size.height = 800;
  resize_surface (size.window, size.width, size.height);
  test_spin_until (surface_has_size, &size);
  /* laid out at the screen's size */
  gtk_test_widget_wait_for_draw (size.window);
  g_assert_cmpint (gtk_widget_get_width (size.window), >, 1200);
  gtk_window_get_default_size (GTK_WINDOW (size.window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 520);
  assert_kept (settings, TRUE);
  close_patron_window (size.window);
  assert_kept (settings, TRUE);

  /* the next one opens maximized, to go back to the size before */
  size.window = present_new_window ();
  test_spin_until (window_maximized, size.window);
  gtk_window_destroy (GTK_WINDOW (size.window));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  park_pointer ();
  adw_init ();

  g_test_add_func ("/window/shows", test_window_shows);
  g_test_add_func ("/window/devel-style", test_window_devel_style);
  g_test_add_func ("/window/help-overlay", test_window_help_overlay);
  g_test_add_func ("/window/spinner-spins-later", test_spinner_spins_later);
  g_test_add_func ("/window/memory-released-when-still", test_memory_released_when_still);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/window/busy-form-lets-go-of-focus", test_busy_form_lets_go_of_focus);

  return g_test_run ();
}
