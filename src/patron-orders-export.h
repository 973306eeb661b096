/* patron-orders-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medusa.h"

G_BEGIN_DECLS

/**
 * PatronExportProgressFunc:
 * @n_done: how many orders were fetched so far; while @looking, how many
 *   the client looked through
 * @n_total: how many orders the query matches, as the store counted them;
 *   while @looking, how many there are to look through
 * @looking: whether the client is still looking through the whole history
 *   for the orders a search or filter the store cannot do matches (see
 *   MedusaClient::order-scan-progress), before the first page comes
 * @user_data: the data given with the function
 *
 * Called in the thread-default main context of the caller after each page.
 */
typedef void (*PatronExportProgressFunc) (guint    n_done,
                                          guint    n_total,
                                          gboolean looking,
                                          gpointer user_data);

/* How many orders one request of an export asks for */
#define PATRON_ORDERS_EXPORT_PAGE_SIZE 100

char     *patron_csv_escape_cell            (const char                *value);
void      patron_csv_append_row             (GString                   *csv,
                                             const char * const        *cells);
void      patron_orders_csv_append_header   (GString                   *csv);
void      patron_orders_csv_append_order    (GString                   *csv,
                                             MedusaOrder               *order);

char     *patron_orders_export_suggest_name (GDateTime                 *now);
void      patron_orders_export_async        (MedusaClient              *client,
                                             const MedusaOrderQuery    *query,
                                             GFile                     *file,
                                             GCancellable              *cancellable,
                                             PatronExportProgressFunc   progress,
                                             gpointer                   progress_data,
                                             GAsyncReadyCallback        callback,
                                             gpointer                   user_data);
gboolean  patron_orders_export_finish       (GAsyncResult              *result,
                                             guint                     *n_orders,
                                             GError                   **error);

G_END_DECLS
