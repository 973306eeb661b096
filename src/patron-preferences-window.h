/* patron-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PATRON_TYPE_PREFERENCES_WINDOW (patron_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PatronPreferencesWindow, patron_preferences_window,
                      PATRON, PREFERENCES_WINDOW, AdwPreferencesWindow)

PatronPreferencesWindow *patron_preferences_window_new (GtkWindow *parent);

G_END_DECLS
