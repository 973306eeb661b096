/* patron-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-window"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-window.h"

struct _PatronWindow
{
  AdwApplicationWindow  parent_instance;

  GCancellable         *cancellable;

  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (PatronWindow, patron_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
patron_window_close_request (GtkWindow *window)
{
  PatronWindow *self = PATRON_WINDOW (window);

  /* Whatever this window asked of the store is of no use any more. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (patron_window_parent_class)->close_request (window);
}

static void
patron_window_dispose (GObject *object)
{
  PatronWindow *self = (PatronWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_WINDOW);

  G_OBJECT_CLASS (patron_window_parent_class)->dispose (object);
}

static void
patron_window_class_init (PatronWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = patron_window_dispose;

  window_class->close_request = patron_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, status_page);
}

static void
patron_window_init (PatronWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
