/* medusa-order-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-order-query.h"
#include "medusa-types.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_SLOT (medusa_order_slot_get_type ())

G_DECLARE_FINAL_TYPE (MedusaOrderSlot, medusa_order_slot, MEDUSA, ORDER_SLOT, GObject)

MedusaOrder *medusa_order_slot_get_order    (MedusaOrderSlot *self);
gboolean     medusa_order_slot_get_failed   (MedusaOrderSlot *self);
guint        medusa_order_slot_get_position (MedusaOrderSlot *self);

#define MEDUSA_TYPE_ORDER_LIST (medusa_order_list_get_type ())

G_DECLARE_FINAL_TYPE (MedusaOrderList, medusa_order_list, MEDUSA, ORDER_LIST, GObject)

MedusaOrderList        *medusa_order_list_new           (MedusaClient           *client,
                                                         guint                   page_size);
void                    medusa_order_list_set_query     (MedusaOrderList        *self,
                                                         const MedusaOrderQuery *query);
const MedusaOrderQuery *medusa_order_list_get_query     (MedusaOrderList        *self);
guint                   medusa_order_list_get_page_size (MedusaOrderList        *self);
gboolean                medusa_order_list_get_loading   (MedusaOrderList        *self);
gboolean                medusa_order_list_get_loaded    (MedusaOrderList        *self);
const GError           *medusa_order_list_get_error     (MedusaOrderList        *self);
guint                   medusa_order_list_get_n_requests (MedusaOrderList       *self);
void                    medusa_order_list_set_expected_count (MedusaOrderList   *self,
                                                              guint              count);
void                    medusa_order_list_set_held      (MedusaOrderList        *self,
                                                         gboolean                held);
gboolean                medusa_order_list_get_held      (MedusaOrderList        *self);
void                    medusa_order_list_ensure_range  (MedusaOrderList        *self,
                                                         guint                   position,
                                                         guint                   n_items);
void                    medusa_order_list_retry         (MedusaOrderList        *self,
                                                         guint                   position);

G_END_DECLS
