/* patron-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-form.h"
#include "patron-preferences-window.h"

/**
 * PatronPreferencesWindow:
 *
 * The settings a user may change: counter mode for a shared workstation.
 * Each control is bound to its GSettings key, so a key locked down by an
 * administrator shows as insensitive.
 */

struct _PatronPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSwitch            *counter_mode_switch;
};

G_DEFINE_FINAL_TYPE (PatronPreferencesWindow, patron_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
patron_preferences_window_dispose (GObject *object)
{
  PatronPreferencesWindow *self = (PatronPreferencesWindow *)object;

  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (patron_preferences_window_parent_class)->dispose (object);
}

static void
patron_preferences_window_class_init (PatronPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/"
                                               "patron-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronPreferencesWindow,
                                        counter_mode_switch);
}

static void
patron_preferences_window_init (PatronPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  patron_name_inner_controls (GTK_WIDGET (self), _("Search Preferences"));

  self->settings = g_settings_new (APPLICATION_SCHEMA);

  g_settings_bind (self->settings, "counter-mode",
                   self->counter_mode_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

/**
 * patron_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 */
PatronPreferencesWindow *
patron_preferences_window_new (GtkWindow *parent)
{
  PatronPreferencesWindow *self = g_object_new (PATRON_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent,
                                                "modal", parent != NULL,
                                                NULL);

  patron_window_fit_parent (GTK_WINDOW (self), parent);

  return self;
}
