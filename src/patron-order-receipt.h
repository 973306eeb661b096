/* patron-order-receipt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "medusa.h"

G_BEGIN_DECLS

/* What a store may list at length, where a real order has a few — refunds,
 * shipping methods, parcels and each parcel's tracking numbers — is shown,
 * on screen and on paper, up to these many, and a line says how many more
 * there are: 25 parcels of 1,000 tracking numbers each (a 0.7 MB answer)
 * took the order window 138 s to show, and no page holds a parcel's 1,000.
 * The items are all shown: they are what was bought, and the parser takes
 * at most 1,000. */
#define PATRON_ORDER_LIST_SHOWN_MAX    20
#define PATRON_ORDER_PARCELS_SHOWN_MAX 10

#define PATRON_TYPE_ORDER_RECEIPT (patron_order_receipt_get_type ())

G_DECLARE_FINAL_TYPE (PatronOrderReceipt, patron_order_receipt,
                      PATRON, ORDER_RECEIPT, GtkPrintOperation)

PatronOrderReceipt *patron_order_receipt_new       (MedusaOrder        *order,
                                                    const char         *store_url);
MedusaOrder        *patron_order_receipt_get_order (PatronOrderReceipt *self);

G_END_DECLS
