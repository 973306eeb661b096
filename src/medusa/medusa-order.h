/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "medusa-address.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER (medusa_order_get_type ())

G_DECLARE_FINAL_TYPE (MedusaOrder, medusa_order, MEDUSA, ORDER, GObject)

const char         *medusa_order_get_id                 (MedusaOrder *self);
const char         *medusa_order_get_status             (MedusaOrder *self);
const char         *medusa_order_get_fulfillment_status (MedusaOrder *self);
const char         *medusa_order_get_payment_status     (MedusaOrder *self);
const char         *medusa_order_get_email              (MedusaOrder *self);
const char         *medusa_order_get_currency_code      (MedusaOrder *self);
const char         *medusa_order_get_region_id          (MedusaOrder *self);
const char         *medusa_order_get_region_name        (MedusaOrder *self);
gint64              medusa_order_get_display_id         (MedusaOrder *self);
GDateTime          *medusa_order_get_created_at         (MedusaOrder *self);
GListModel         *medusa_order_get_items              (MedusaOrder *self);
MedusaAddress      *medusa_order_get_shipping_address   (MedusaOrder *self);
MedusaAddress      *medusa_order_get_billing_address    (MedusaOrder *self);
GListModel         *medusa_order_get_shipping_methods   (MedusaOrder *self);
GListModel         *medusa_order_get_fulfillments       (MedusaOrder *self);
GListModel         *medusa_order_get_refunds            (MedusaOrder *self);
const char * const *medusa_order_get_discount_codes     (MedusaOrder *self);
const char * const *medusa_order_get_gift_card_codes    (MedusaOrder *self);
gint64              medusa_order_get_subtotal           (MedusaOrder *self);
gint64              medusa_order_get_shipping_total     (MedusaOrder *self);
gint64              medusa_order_get_tax_total          (MedusaOrder *self);
gint64              medusa_order_get_discount_total     (MedusaOrder *self);
gint64              medusa_order_get_gift_card_total    (MedusaOrder *self);
gint64              medusa_order_get_credit_total       (MedusaOrder *self);
gint64              medusa_order_get_refunded_total     (MedusaOrder *self);
gint64              medusa_order_get_paid_total         (MedusaOrder *self);
gint64              medusa_order_get_total              (MedusaOrder *self);
guint               medusa_order_get_item_count         (MedusaOrder *self);

G_END_DECLS
