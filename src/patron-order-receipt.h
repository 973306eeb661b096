/* patron-order-receipt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "medusa.h"

G_BEGIN_DECLS

#define PATRON_TYPE_ORDER_RECEIPT (patron_order_receipt_get_type ())

G_DECLARE_FINAL_TYPE (PatronOrderReceipt, patron_order_receipt,
                      PATRON, ORDER_RECEIPT, GtkPrintOperation)

PatronOrderReceipt *patron_order_receipt_new       (MedusaOrder        *order,
                                                    const char         *store_url);
MedusaOrder        *patron_order_receipt_get_order (PatronOrderReceipt *self);

G_END_DECLS
