/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_LINE_ITEM (medusa_line_item_get_type ())

G_DECLARE_FINAL_TYPE (MedusaLineItem, medusa_line_item, MEDUSA, LINE_ITEM, GObject)

const char *medusa_line_item_get_id                 (MedusaLineItem *self);
const char *medusa_line_item_get_title              (MedusaLineItem *self);
const char *medusa_line_item_get_description        (MedusaLineItem *self);
const char *medusa_line_item_get_thumbnail          (MedusaLineItem *self);
const char *medusa_line_item_get_variant_title      (MedusaLineItem *self);
const char *medusa_line_item_get_variant_sku        (MedusaLineItem *self);
int         medusa_line_item_get_quantity           (MedusaLineItem *self);
int         medusa_line_item_get_fulfilled_quantity (MedusaLineItem *self);
int         medusa_line_item_get_shipped_quantity   (MedusaLineItem *self);
int         medusa_line_item_get_returned_quantity  (MedusaLineItem *self);
gint64      medusa_line_item_get_unit_price         (MedusaLineItem *self);
gint64      medusa_line_item_get_subtotal           (MedusaLineItem *self);
gint64      medusa_line_item_get_discount_total     (MedusaLineItem *self);
gint64      medusa_line_item_get_tax_total          (MedusaLineItem *self);
gint64      medusa_line_item_get_total              (MedusaLineItem *self);

G_END_DECLS
