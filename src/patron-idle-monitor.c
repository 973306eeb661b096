/* patron-idle-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-idle-monitor"

#include "config.h"

#include "patron-idle-monitor.h"

/**
 * PatronIdleMonitor:
 *
 * How long the people at a counter workstation have left Patron alone. It
 * hears every key, click, touch, scroll and pointer motion on the windows it
 * watches (in the capture phase, before any widget could take them), counts
 * down the last seconds of #PatronIdleMonitor:timeout in
 * #PatronIdleMonitor:countdown, and emits #PatronIdleMonitor::timeout when
 * they are up. Only while it runs does it wake (four times a second, for a
 * countdown that does not stutter); input only notes the time.
 */

struct _PatronIdleMonitor
{
  GObject  parent_instance;

  guint    timeout;       /* seconds */
  guint    countdown;     /* seconds left while counting down, else 0 */
  gint64   last_input;    /* monotonic, µs */
  guint    tick;          /* source while running */
  GListModel *toplevels;
};

G_DEFINE_FINAL_TYPE (PatronIdleMonitor, patron_idle_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_RUNNING,
  PROP_COUNTDOWN,
  N_PROPS
};

enum {
  TIMEOUT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The countdown's length: 30 s, or half of a shorter timeout. */
static guint
countdown_length (PatronIdleMonitor *self)
{
  return MIN (PATRON_IDLE_MONITOR_MAX_COUNTDOWN, MAX (self->timeout / 2, 1));
}

static void
set_countdown (PatronIdleMonitor *self,
               guint              countdown)
{
  if (self->countdown == countdown)
    return;

  self->countdown = countdown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTDOWN]);
}

static gboolean
tick_cb (gpointer user_data)
{
  PatronIdleMonitor *self = user_data;
  gint64 idle_ms = (g_get_monotonic_time () - self->last_input) / 1000;
  gint64 left_ms = (gint64) self->timeout * 1000 - idle_ms;
  guint left = (guint) MAX ((left_ms + 999) / 1000, 0);

  if (left_ms <= 0)
    {
      g_autoptr(PatronIdleMonitor) alive = g_object_ref (self);

      /* counted afresh if whoever hears it keeps it running */
      self->last_input = g_get_monotonic_time ();
      set_countdown (self, 0);
      g_signal_emit (self, signals[TIMEOUT], 0);
      return G_SOURCE_CONTINUE;
    }

  set_countdown (self, left <= countdown_length (self) ? left : 0);

  return G_SOURCE_CONTINUE;
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          PatronIdleMonitor        *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_PAD_BUTTON_PRESS:
      patron_idle_monitor_reset (self);
      break;

    default:
      break;
    }

  /* only listens: every event goes on to the widgets */
  return GDK_EVENT_PROPAGATE;
}

/**
 * patron_idle_monitor_watch:
 * @window: a toplevel whose input counts
 *
 * Input on @window counts from now on, for as long as both exist.
 */
void
patron_idle_monitor_watch (PatronIdleMonitor *self,
                           GtkWidget         *window)
{
  GtkEventController *controller;

  g_return_if_fail (PATRON_IS_IDLE_MONITOR (self));
  g_return_if_fail (GTK_IS_WIDGET (window));

  if (g_object_get_data (G_OBJECT (window), "patron-idle-monitor") == self)
    return;
  g_object_set_data (G_OBJECT (window), "patron-idle-monitor", self);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (controller, "patron-idle-monitor");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (event_cb), self, 0);
  gtk_widget_add_controller (window, controller);
}

static void
toplevels_changed_cb (PatronIdleMonitor *self,
                      guint              position,
                      guint              removed,
                      guint              added,
                      GListModel        *toplevels)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      patron_idle_monitor_watch (self, window);
    }
}

/**
 * patron_idle_monitor_watch_toplevels:
 *
 * Input on every window of the process counts, those there are and those
 * to come: an order's window, a dialog, the preferences.
 */
void
patron_idle_monitor_watch_toplevels (PatronIdleMonitor *self)
{
  g_return_if_fail (PATRON_IS_IDLE_MONITOR (self));

  if (self->toplevels != NULL)
    return;

  self->toplevels = g_object_ref (gtk_window_get_toplevels ());
  g_signal_connect_object (self->toplevels, "items-changed",
                           G_CALLBACK (toplevels_changed_cb), self, G_CONNECT_SWAPPED);
  toplevels_changed_cb (self, 0, 0, g_list_model_get_n_items (self->toplevels),
                        self->toplevels);
}

/**
 * patron_idle_monitor_reset:
 *
 * Counts from now, as input does, and stops a countdown.
 */
void
patron_idle_monitor_reset (PatronIdleMonitor *self)
{
  g_return_if_fail (PATRON_IS_IDLE_MONITOR (self));

  self->last_input = g_get_monotonic_time ();
  set_countdown (self, 0);
}

void
patron_idle_monitor_set_timeout (PatronIdleMonitor *self,
                                 guint              seconds)
{
  g_return_if_fail (PATRON_IS_IDLE_MONITOR (self));

  seconds = MAX (seconds, 1);
  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  patron_idle_monitor_reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
patron_idle_monitor_get_timeout (PatronIdleMonitor *self)
{
  g_return_val_if_fail (PATRON_IS_IDLE_MONITOR (self), 0);

  return self->timeout;
}

/**
 * patron_idle_monitor_set_running:
 * @running: whether to count; each start counts from now
 */
void
patron_idle_monitor_set_running (PatronIdleMonitor *self,
                                 gboolean           running)
{
  g_return_if_fail (PATRON_IS_IDLE_MONITOR (self));

  if (running == (self->tick != 0))
    return;

  patron_idle_monitor_reset (self);
  if (running)
    self->tick = g_timeout_add_full (G_PRIORITY_DEFAULT, 250, tick_cb, self, NULL);
  else
    g_clear_handle_id (&self->tick, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
patron_idle_monitor_get_running (PatronIdleMonitor *self)
{
  g_return_val_if_fail (PATRON_IS_IDLE_MONITOR (self), FALSE);

  return self->tick != 0;
}

/**
 * patron_idle_monitor_get_countdown:
 *
 * Returns: the seconds left before the timeout while counting down, else 0
 */
guint
patron_idle_monitor_get_countdown (PatronIdleMonitor *self)
{
  g_return_val_if_fail (PATRON_IS_IDLE_MONITOR (self), 0);

  return self->countdown;
}

static void
patron_idle_monitor_dispose (GObject *object)
{
  PatronIdleMonitor *self = (PatronIdleMonitor *)object;

  g_clear_handle_id (&self->tick, g_source_remove);
  g_clear_object (&self->toplevels);

  G_OBJECT_CLASS (patron_idle_monitor_parent_class)->dispose (object);
}

static void
patron_idle_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PatronIdleMonitor *self = PATRON_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, patron_idle_monitor_get_running (self));
      break;

    case PROP_COUNTDOWN:
      g_value_set_uint (value, self->countdown);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_idle_monitor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PatronIdleMonitor *self = PATRON_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      patron_idle_monitor_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_RUNNING:
      patron_idle_monitor_set_running (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_idle_monitor_class_init (PatronIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = patron_idle_monitor_dispose;
  object_class->get_property = patron_idle_monitor_get_property;
  object_class->set_property = patron_idle_monitor_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, 120,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTDOWN] =
    g_param_spec_uint ("countdown", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PatronIdleMonitor::timeout:
   *
   * Nobody gave any input for #PatronIdleMonitor:timeout seconds.
   */
  signals[TIMEOUT] = g_signal_new ("timeout",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
patron_idle_monitor_init (PatronIdleMonitor *self)
{
  self->timeout = 120;
  self->last_input = g_get_monotonic_time ();
}

PatronIdleMonitor *
patron_idle_monitor_new (void)
{
  return g_object_new (PATRON_TYPE_IDLE_MONITOR, NULL);
}
