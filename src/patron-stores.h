/* patron-stores.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* stores remembered at the most, newest first */
#define PATRON_STORES_MAX 20
/* of those, the ones the main menu offers to switch to */
#define PATRON_STORES_MAX_IN_MENU 5
/* characters of a store's name the menu shows */
#define PATRON_STORES_MENU_CHARS 30

void     patron_stores_remember     (GSettings   *settings,
                                     const char  *url);
void     patron_stores_forget       (GSettings   *settings,
                                     const char  *url);
char   **patron_stores_list         (GSettings   *settings);
char    *patron_stores_display_name (const char  *url);
guint    patron_stores_api_version  (GSettings   *settings,
                                     const char  *url);

G_END_DECLS
