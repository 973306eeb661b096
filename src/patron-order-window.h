/* patron-order-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medusa.h"
#include "patron-image-cache.h"

G_BEGIN_DECLS

#define PATRON_TYPE_ORDER_WINDOW (patron_order_window_get_type ())

G_DECLARE_FINAL_TYPE (PatronOrderWindow, patron_order_window, PATRON, ORDER_WINDOW, AdwWindow)

PatronOrderWindow *patron_order_window_new             (GtkWindow         *parent,
                                                        MedusaClient      *client,
                                                        const char        *order_id);
void               patron_order_window_set_image_cache (PatronOrderWindow *self,
                                                        PatronImageCache  *cache);
MedusaOrder       *patron_order_window_get_order       (PatronOrderWindow *self);

G_END_DECLS
