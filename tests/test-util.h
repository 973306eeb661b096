/* test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

void          test_store_result_cb (GObject       *object,
                                    GAsyncResult  *result,
                                    gpointer       user_data);
GAsyncResult *test_wait_for_full   (GAsyncResult **result,
                                    guint          seconds,
                                    const char    *what);
/* Waits for @result to be set, failing the test with where and what it
 * waited for after 60 s. */
#define test_wait_for(result) test_wait_for_full ((result), 60, G_STRLOC ": " #result)
const char   *test_store_url       (void);
const char   *test_v2_store_url    (const char   **key);
void          test_spin_until      (gboolean     (*done) (gpointer),
                                    gpointer       data);
void          test_spin_for        (guint          ms);
GBytes       *test_load_fixture    (const char    *first_element,
                                    ...) G_GNUC_NULL_TERMINATED;
gint64        test_deadline        (guint          seconds);
char         *test_make_jwt        (const char    *claims);
GBytes       *test_long_order_page (void);
gint64        test_cpu_time        (void);
void          test_filter_warning  (const char    *domain,
                                    const char    *prefix);
SoupServer   *test_server_new      (SoupServerCallback handler,
                                    gpointer       data,
                                    GUri         **uri);
void          test_delete_tree     (const char    *path);

G_END_DECLS
