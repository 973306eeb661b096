/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_FULFILLMENT (medusa_fulfillment_get_type ())

G_DECLARE_FINAL_TYPE (MedusaFulfillment, medusa_fulfillment, MEDUSA, FULFILLMENT, GObject)

const char         *medusa_fulfillment_get_id               (MedusaFulfillment *self);
GDateTime          *medusa_fulfillment_get_created_at       (MedusaFulfillment *self);
GDateTime          *medusa_fulfillment_get_shipped_at       (MedusaFulfillment *self);
GDateTime          *medusa_fulfillment_get_canceled_at      (MedusaFulfillment *self);
const char * const *medusa_fulfillment_get_tracking_numbers (MedusaFulfillment *self);
GListModel         *medusa_fulfillment_get_tracking_links   (MedusaFulfillment *self);

G_END_DECLS
