/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_SHIPPING_METHOD (medusa_shipping_method_get_type ())

G_DECLARE_FINAL_TYPE (MedusaShippingMethod, medusa_shipping_method,
                      MEDUSA, SHIPPING_METHOD, GObject)

const char *medusa_shipping_method_get_id    (MedusaShippingMethod *self);
const char *medusa_shipping_method_get_name  (MedusaShippingMethod *self);
gint64      medusa_shipping_method_get_price (MedusaShippingMethod *self);
gint64      medusa_shipping_method_get_total (MedusaShippingMethod *self);

G_END_DECLS
