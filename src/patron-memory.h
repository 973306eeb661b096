/* patron-memory.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* how long the windows stay undrawn before the freed memory goes back */
#define PATRON_MEMORY_IDLE_MS 1000

void  patron_memory_watch_frames   (GtkWidget *widget);
guint patron_memory_get_n_releases (void);

G_END_DECLS
