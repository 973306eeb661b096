/* patron-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_WINDOW (patron_window_get_type ())

G_DECLARE_FINAL_TYPE (PatronWindow, patron_window, PATRON, WINDOW, AdwApplicationWindow)

void           patron_window_start           (PatronWindow *self,
                                              const char   *store_url);
PatronSession *patron_window_get_session     (PatronWindow *self);
void           patron_window_open_reset_link (PatronWindow *self,
                                              const char   *uri);
void           patron_window_end_visit       (PatronWindow *self);
void           patron_window_open_link       (PatronWindow *self,
                                             const char   *uri);
const char    *patron_window_get_visible_page (PatronWindow *self);
GtkWidget     *patron_window_get_page        (PatronWindow *self,
                                              const char   *name);
gboolean       patron_window_get_transition_running (PatronWindow *self);

G_END_DECLS
