/* patron-idle-monitor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* the longest countdown before a visit ends */
#define PATRON_IDLE_MONITOR_MAX_COUNTDOWN 30

#define PATRON_TYPE_IDLE_MONITOR (patron_idle_monitor_get_type ())

G_DECLARE_FINAL_TYPE (PatronIdleMonitor, patron_idle_monitor, PATRON, IDLE_MONITOR, GObject)

PatronIdleMonitor *patron_idle_monitor_new           (void);
void               patron_idle_monitor_watch         (PatronIdleMonitor *self,
                                                      GtkWidget         *window);
void               patron_idle_monitor_watch_toplevels (PatronIdleMonitor *self);
void               patron_idle_monitor_set_timeout   (PatronIdleMonitor *self,
                                                      guint              seconds);
guint              patron_idle_monitor_get_timeout   (PatronIdleMonitor *self);
void               patron_idle_monitor_set_running   (PatronIdleMonitor *self,
                                                      gboolean           running);
gboolean           patron_idle_monitor_get_running   (PatronIdleMonitor *self);
guint              patron_idle_monitor_get_countdown (PatronIdleMonitor *self);
void               patron_idle_monitor_reset         (PatronIdleMonitor *self);

G_END_DECLS
