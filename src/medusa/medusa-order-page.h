/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_PAGE (medusa_order_page_get_type ())

G_DECLARE_FINAL_TYPE (MedusaOrderPage, medusa_order_page, MEDUSA, ORDER_PAGE, GObject)

GListModel *medusa_order_page_get_orders (MedusaOrderPage *self);
guint       medusa_order_page_get_count  (MedusaOrderPage *self);
guint       medusa_order_page_get_offset (MedusaOrderPage *self);
guint       medusa_order_page_get_limit  (MedusaOrderPage *self);

G_END_DECLS
