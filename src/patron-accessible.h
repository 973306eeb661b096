/* patron-accessible.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void patron_accessible_name_buttons_once (void);

G_END_DECLS
