/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_REFUND (medusa_refund_get_type ())

G_DECLARE_FINAL_TYPE (MedusaRefund, medusa_refund, MEDUSA, REFUND, GObject)

const char *medusa_refund_get_id         (MedusaRefund *self);
gint64      medusa_refund_get_amount     (MedusaRefund *self);
const char *medusa_refund_get_reason     (MedusaRefund *self);
const char *medusa_refund_get_note       (MedusaRefund *self);
GDateTime  *medusa_refund_get_created_at (MedusaRefund *self);

G_END_DECLS
