/* patron-order-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PATRON_TYPE_ORDER_ROW (patron_order_row_get_type ())

G_DECLARE_FINAL_TYPE (PatronOrderRow, patron_order_row, PATRON, ORDER_ROW, GtkWidget)

GtkWidget  *patron_order_row_new         (void);
void        patron_order_row_set_order   (PatronOrderRow *self,
                                          const char     *number,
                                          const char     *date,
                                          const char     *status,
                                          const char     *total);
void        patron_order_row_set_message (PatronOrderRow *self,
                                          const char     *message,
                                          gboolean        failed);
const char *patron_order_row_get_summary (PatronOrderRow *self);

G_END_DECLS
