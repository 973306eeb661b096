/* test-widgets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finding widgets in the widget tests the way a person does: by what they
 * say.
 */

#include "config.h"

#include "test-util.h"
#include "test-widgets.h"

#include <string.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "patron-order-row.h"


GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             const char  *text)
{
  if (gtk_widget_get_visible (root) && match (root, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if ((found = find_widget (child, match, text)) != NULL)
        return found;
    }

  return NULL;
}

gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* a label, or an order row (what screen readers hear of it) */
gboolean
is_label_containing (GtkWidget  *widget,
                     const char *text)
{
  if (PATRON_IS_ORDER_ROW (widget))
    return strstr (patron_order_row_get_summary (PATRON_ORDER_ROW (widget)), text) != NULL;

  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* @type is a GType passed through the text pointer */
gboolean
is_of_type (GtkWidget  *widget,
            const char *type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) type);
}

gboolean
is_button_saying (GtkWidget  *widget,
                  const char *text)
{
  GtkWidget *label;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;

  label = find_widget (widget, is_label_containing, "");
  return label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0;
}

GtkEditable *
row (GtkWidget  *page,
     const char *title)
{
  GtkWidget *found = find_widget (page, is_row_titled, title);

  g_assert_nonnull (found);
  return GTK_EDITABLE (found);
}

void
click (GtkWidget  *page,
       const char *text)
{
  GtkWidget *button = find_widget (page, is_button_saying, text);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* What a label wait that failed found instead, hidden labels marked. */
static void
dump_labels (GtkWidget *root,
             GString   *out)
{
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "\n  %s“%s”", gtk_widget_is_visible (root) ? "" : "(hidden) ",
                            gtk_label_get_text (GTK_LABEL (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_labels (child, out);
}

GtkWidget *
wait_for_label (GtkWidget  *page,
                const char *text)
{
  gint64 deadline = test_deadline (20);
  GtkWidget *label;

  while ((label = find_widget (page, is_label_containing, text)) == NULL)
    {
      if (g_get_monotonic_time () >= deadline)
        {
          g_autoptr(GString) found = g_string_new (NULL);

          dump_labels (page, found);
          g_error ("no label containing “%s” came in time; the labels:%s", text, found->str);
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return label;
}

/* Focus leaves first: GTK 4.8 warns of a text field destroyed with focus. */
void
close_window (GtkWidget *window)
{
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  park_pointer ();
}

/* The pointer out of the way, in the screen's far corner (the suites call
 * it at their start, and close_window() after a window goes). A window
 * mapped under the pointer gets a crossing, and GTK 4.8 may then start a
 * tooltip's timeout that outlives a window a test closes at once: it asks
 * the gone window's surface where the pointer is (Gdk-CRITICAL
 * gdk_surface_get_device_position(), seen under valgrind). The tests that
 * point at something warp the pointer there themselves. */
void
park_pointer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  Display *xdisplay;
  int screen;

  if (!GDK_IS_X11_DISPLAY (display))
    return;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  screen = DefaultScreen (xdisplay);
  XWarpPointer (xdisplay, None, DefaultRootWindow (xdisplay), 0, 0, 0, 0,
                DisplayWidth (xdisplay, screen) - 1, DisplayHeight (xdisplay, screen) - 1);
  XFlush (xdisplay);
}
