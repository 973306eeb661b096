/* patron-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PATRON_TYPE_WINDOW (patron_window_get_type ())

G_DECLARE_FINAL_TYPE (PatronWindow, patron_window, PATRON, WINDOW, AdwApplicationWindow)

G_END_DECLS
