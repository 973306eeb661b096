/* medusa-order-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "medusa-order.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_QUERY (medusa_order_query_get_type ())

/**
 * MedusaOrderQuery:
 *
 * What a page of the customer's orders is asked for with: paging, search,
 * filters and the relations to expand. Every field is optional.
 */
typedef struct _MedusaOrderQuery MedusaOrderQuery;

/**
 * MedusaOrderDetail:
 * @MEDUSA_ORDER_DETAIL_FULL: whole orders, as the order window and an export need them
 * @MEDUSA_ORDER_DETAIL_SUMMARY: what a row of the history shows: the number,
 *   date, statuses, total and the items (for their count: the page's orders
 *   count them but do not list them, #MedusaOrder:item-count)
 * @MEDUSA_ORDER_DETAIL_ID: the ids alone, for a count
 *
 * How much of each order to ask for; the client's dialect spells it out.
 */
typedef enum
{
  MEDUSA_ORDER_DETAIL_FULL,
  MEDUSA_ORDER_DETAIL_SUMMARY,
  MEDUSA_ORDER_DETAIL_ID,
} MedusaOrderDetail;

GType              medusa_order_query_get_type                (void) G_GNUC_CONST;
MedusaOrderQuery  *medusa_order_query_new                     (void);
MedusaOrderQuery  *medusa_order_query_copy                    (const MedusaOrderQuery  *self);
void               medusa_order_query_free                    (MedusaOrderQuery        *self);
gboolean           medusa_order_query_equal                   (const MedusaOrderQuery  *a,
                                                               const MedusaOrderQuery  *b);
void               medusa_order_query_set_limit               (MedusaOrderQuery        *self,
                                                               guint                    limit);
guint              medusa_order_query_get_limit               (const MedusaOrderQuery  *self);
void               medusa_order_query_set_offset              (MedusaOrderQuery        *self,
                                                               guint                    offset);
guint              medusa_order_query_get_offset              (const MedusaOrderQuery  *self);
void               medusa_order_query_set_search              (MedusaOrderQuery        *self,
                                                               const char              *q);
const char        *medusa_order_query_get_search              (const MedusaOrderQuery  *self);
void               medusa_order_query_set_statuses            (MedusaOrderQuery        *self,
                                                               const char * const      *statuses);
const char * const *medusa_order_query_get_statuses           (const MedusaOrderQuery  *self);
void               medusa_order_query_set_fulfillment_statuses (MedusaOrderQuery       *self,
                                                               const char * const      *statuses);
const char * const *medusa_order_query_get_fulfillment_statuses (const MedusaOrderQuery *self);
void               medusa_order_query_set_payment_statuses    (MedusaOrderQuery        *self,
                                                               const char * const      *statuses);
const char * const *medusa_order_query_get_payment_statuses   (const MedusaOrderQuery  *self);
void               medusa_order_query_set_created_range       (MedusaOrderQuery        *self,
                                                               GDateTime               *after,
                                                               GDateTime               *before);
GDateTime         *medusa_order_query_get_created_after       (const MedusaOrderQuery  *self);
GDateTime         *medusa_order_query_get_created_before      (const MedusaOrderQuery  *self);
gboolean           medusa_order_query_has_filters             (const MedusaOrderQuery  *self);
gboolean           medusa_order_query_matches                 (const MedusaOrderQuery  *self,
                                                               MedusaOrder             *order);
void               medusa_order_query_clear_filters           (MedusaOrderQuery        *self);
void               medusa_order_query_set_expand              (MedusaOrderQuery        *self,
                                                               const char              *expand);
const char        *medusa_order_query_get_expand              (const MedusaOrderQuery  *self);
void               medusa_order_query_set_fields              (MedusaOrderQuery        *self,
                                                               const char              *fields);
const char        *medusa_order_query_get_fields              (const MedusaOrderQuery  *self);
void               medusa_order_query_set_detail              (MedusaOrderQuery        *self,
                                                               MedusaOrderDetail        detail);
MedusaOrderDetail  medusa_order_query_get_detail              (const MedusaOrderQuery  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaOrderQuery, medusa_order_query_free)

G_END_DECLS
