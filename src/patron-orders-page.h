/* patron-orders-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_ORDERS_PAGE (patron_orders_page_get_type ())

/* How long the list stays still before the pages of the rows on screen are
 * asked for: a jump or a fling asks only for where it lands. */
#define PATRON_ORDERS_SETTLE_MS 100

/* How long a first page asked for before Orders was clicked (the pointer on
 * the way there) is shown as it came, rather than asked for again. */
#define PATRON_ORDERS_EXPECT_KEEP_S 60

G_DECLARE_FINAL_TYPE (PatronOrdersPage, patron_orders_page, PATRON, ORDERS_PAGE, AdwBin)

/* Orders per request, chosen from measurements (benchmarks/README.md, "Orders
 * per request"): a first page of 50 comes in about 300 ms from a v1 store and
 * GTK 4.8's list view, which binds 200 rows at once, sends its first four
 * pages together; 100 costs the first page 40 % more time for 30 % less
 * server time an order. */
#define PATRON_ORDERS_PAGE_SIZE 50

MedusaOrderQuery *patron_orders_page_history_query (void);
void              patron_orders_page_set_session   (PatronOrdersPage *self,
                                                    PatronSession    *session);
void              patron_orders_page_prepare       (PatronOrdersPage *self,
                                                    PatronSession    *session);
void              patron_orders_page_expect        (PatronOrdersPage *self,
                                                    PatronSession    *session);
void              patron_orders_page_open          (PatronOrdersPage *self,
                                                    PatronSession    *session);
void              patron_orders_page_reload        (PatronOrdersPage *self);
void              patron_orders_page_set_can_export (PatronOrdersPage *self,
                                                    gboolean          can_export);
void              patron_orders_page_export        (PatronOrdersPage *self,
                                                    GFile            *file);
GtkWidget        *patron_orders_page_get_header_bar (PatronOrdersPage *self);
void              patron_orders_page_set_main_menu (PatronOrdersPage *self,
                                                    GMenuModel       *menu);
void              patron_orders_page_set_primary_menu (PatronOrdersPage *self,
                                                       gboolean          primary);

G_END_DECLS
