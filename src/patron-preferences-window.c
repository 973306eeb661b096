/* patron-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-application.h"
#include "patron-form.h"
#include "patron-preferences-window.h"
#include "patron-settings.h"

/**
 * PatronPreferencesWindow:
 *
 * The settings a user may change: counter mode for a shared workstation,
 * with its idle timeout. Each control is bound to its GSettings key, so a
 * key locked down by an administrator is insensitive, and its row says who
 * set it.
 */

struct _PatronPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwActionRow         *counter_mode_row;
  GtkSwitch            *counter_mode_switch;
  AdwActionRow         *idle_row;
  GtkSpinButton        *idle_spin;
};

/* each row, the key it shows, and what it says when the key is not locked */
typedef struct
{
  const char *key;
  gsize       row_offset;
} LockableRow;

static const LockableRow lockable_rows[] = {
  { "counter-mode", G_STRUCT_OFFSET (PatronPreferencesWindow, counter_mode_row) },
  { "counter-idle-seconds", G_STRUCT_OFFSET (PatronPreferencesWindow, idle_row) },
};

G_DEFINE_FINAL_TYPE (PatronPreferencesWindow, patron_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* Started with --counter: the application of the window it belongs to. */
static gboolean
counter_forced (PatronPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GApplication *app = NULL;

  if (parent != NULL)
    app = G_APPLICATION (gtk_window_get_application (parent));
  if (app == NULL)
    app = g_application_get_default ();

  return PATRON_IS_APPLICATION (app) &&
         patron_application_get_counter_forced (PATRON_APPLICATION (app));
}

/* A key an administrator locked says so where its row would explain it. */
static void
writable_changed_cb (PatronPreferencesWindow *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (lockable_rows); i++)
    {
      AdwActionRow *row = G_STRUCT_MEMBER (AdwActionRow *, self, lockable_rows[i].row_offset);
      const char *subtitle = g_object_get_data (G_OBJECT (row), "patron-subtitle");

      if (!g_settings_is_writable (self->settings, lockable_rows[i].key))
        subtitle = _("Set by your administrator");
      else if (row == self->counter_mode_row && counter_forced (self))
        subtitle = _("On for as long as Patron runs: it was started with --counter");
      adw_action_row_set_subtitle (row, subtitle);
    }
}

/* The spin button's limits are the schema's, so they cannot disagree. */
static void
set_range_from_schema (PatronPreferencesWindow *self,
                       const char              *key_name,
                       GtkSpinButton           *spin)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  GSettingsSchemaKey *key;
  const char *kind;
  guint32 min;
  guint32 max;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, key_name);
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &kind, &limits);
  if (g_str_equal (kind, "range"))
    {
      g_variant_get (limits, "(uu)", &min, &max);
      gtk_spin_button_set_range (spin, min, max);
    }
  g_settings_schema_key_unref (key);
}

/* The window it belongs to is known now: its application says whether
 * counter mode was forced on. */
static void
patron_preferences_window_constructed (GObject *object)
{
  PatronPreferencesWindow *self = (PatronPreferencesWindow *)object;

  G_OBJECT_CLASS (patron_preferences_window_parent_class)->constructed (object);

  if (counter_forced (self))
    {
      gtk_switch_set_active (self->counter_mode_switch, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->counter_mode_switch), FALSE);
    }
  else
    g_settings_bind (self->settings, "counter-mode",
                     self->counter_mode_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "writable-changed",
                           G_CALLBACK (writable_changed_cb), self, G_CONNECT_SWAPPED);
  writable_changed_cb (self);
}

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

  object_class->constructed = patron_preferences_window_constructed;
  object_class->dispose = patron_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/"
                                               "patron-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronPreferencesWindow, counter_mode_row);
  gtk_widget_class_bind_template_child (widget_class, PatronPreferencesWindow,
                                        counter_mode_switch);
  gtk_widget_class_bind_template_child (widget_class, PatronPreferencesWindow, idle_row);
  gtk_widget_class_bind_template_child (widget_class, PatronPreferencesWindow, idle_spin);
}

static void
patron_preferences_window_init (PatronPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  patron_name_inner_controls (GTK_WIDGET (self), _("Search Preferences"));

  self->settings = patron_settings_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (lockable_rows); i++)
    {
      AdwActionRow *row = G_STRUCT_MEMBER (AdwActionRow *, self, lockable_rows[i].row_offset);

      g_object_set_data_full (G_OBJECT (row), "patron-subtitle",
                              g_strdup (adw_action_row_get_subtitle (row)), g_free);
    }

  set_range_from_schema (self, "counter-idle-seconds", self->idle_spin);

  g_settings_bind (self->settings, "counter-idle-seconds",
                   self->idle_spin, "value", G_SETTINGS_BIND_DEFAULT);
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
