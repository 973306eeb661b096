/* test-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search or filter that the store's Store API cannot do (Medusa v2: by
 * status only), done by the client through the whole history. The real v2
 * test store's buyer has a handful of orders; the pages of a long history,
 * and a page that does not come while the user moves on, are played here
 * by an in-process SoupServer answering as Medusa 2.21 does (its recorded
 * summary page, one order made into many).
 */

#include "config.h"

#include "test-util.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "medusa.h"
#include "medusa-client-private.h"

/* three pages of the client's look, the last one short */
#define N_ORDERS 500

typedef struct
{
  SoupServer *server;
  GUri       *uri;
  char       *template;     /* one order of the recorded page, as JSON */
  GPtrArray  *offsets;      /* of the pages asked for, as "%u" */
  GPtrArray  *paused;       /* the messages held */
  guint       stall_offset; /* a page held until released; 0: none */
  guint       n_orders;     /* the history: N_ORDERS, or more once placed */
  gboolean    place_order;  /* a new order comes after the first page */
  gboolean    placed;
  guint       max_limit;    /* the store's largest page; 0: none */
  GPtrArray  *limits;       /* of the pages asked for, as "%u" */
} Fixture;

/* Order j (1 … N_ORDERS, newest first: number N_ORDERS - j + 1) */
static JsonNode *
make_order (Fixture *fixture,
            guint    number)
{
  /* a copy of its own: json_node_copy() shares the object */
  JsonNode *node = json_from_string (fixture->template, NULL);
  JsonObject *order = json_node_get_object (node);
  g_autofree char *id = g_strdup_printf ("order_scan_%03u", number);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) created = g_date_time_add_hours (base, number);
  g_autofree char *date = g_date_time_format_iso8601 (created);

  json_object_set_string_member (order, "id", id);
  json_object_set_int_member (order, "display_id", number);
  json_object_set_string_member (order, "created_at", date);
  /* every third order shipped */
  json_object_set_string_member (order, "fulfillment_status",
                                 number % 3 == 0 ? "shipped" : "not_fulfilled");

  return node;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  const char *offset_text = query != NULL ? g_hash_table_lookup (query, "offset") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint offset = offset_text != NULL ? atoi (offset_text) : 0;
  guint limit = limit_text != NULL ? atoi (limit_text) : 50;

  if (g_strcmp0 (path, "/store/orders") != 0 ||
      (query != NULL && (g_hash_table_contains (query, "q") ||
                         g_hash_table_contains (query, "fulfillment_status[]") ||
                         g_hash_table_contains (query, "created_at[lt]"))))
    {
      /* what Medusa 2.21 refuses */
      soup_server_message_set_status (msg, 400, NULL);
      return;
    }

  g_ptr_array_add (fixture->offsets, g_strdup_printf ("%u", offset));
  g_ptr_array_add (fixture->limits, g_strdup_printf ("%u", limit));
  if (fixture->max_limit != 0)
    limit = MIN (limit, fixture->max_limit);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint j = offset; j < MIN (offset + limit, fixture->n_orders); j++)
    json_builder_add_value (builder, make_order (fixture, fixture->n_orders - j));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, fixture->n_orders);
  if (fixture->place_order && !fixture->placed)
    {
      fixture->n_orders++;
      fixture->placed = TRUE;
    }
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, offset);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, limit);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));

  if (fixture->stall_offset != 0 && offset == fixture->stall_offset)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->paused, g_object_ref (msg));
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) page = test_load_fixture ("v2", "orders-summary-page.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *orders;
  JsonArray *items;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (page, NULL),
                                             g_bytes_get_size (page), NULL));
  orders = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "orders");
  items = json_object_get_array_member (json_array_get_object_element (orders, 0), "items");
  /* of its items what a summary reads (a row counts them): the client's
   * looks go through thousands of orders here, under AddressSanitizer too */
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autoptr(GList) members = json_object_get_members (item);

      for (GList *l = members; l != NULL; l = l->next)
        if (g_strcmp0 (l->data, "id") != 0 && g_strcmp0 (l->data, "quantity") != 0)
          json_object_remove_member (item, l->data);
    }
  fixture->template = json_to_string (json_array_get_element (orders, 0), FALSE);
  fixture->n_orders = N_ORDERS;
  fixture->offsets = g_ptr_array_new_with_free_func (g_free);
  fixture->limits = g_ptr_array_new_with_free_func (g_free);
  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->server = test_server_new (handler, fixture, &fixture->uri);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < fixture->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fixture->paused, i));
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->uri, g_uri_unref);
  g_clear_pointer (&fixture->paused, g_ptr_array_unref);
  g_clear_pointer (&fixture->offsets, g_ptr_array_unref);
  g_clear_pointer (&fixture->limits, g_ptr_array_unref);
  g_clear_pointer (&fixture->template, g_free);
}

static MedusaClient *
new_client (Fixture *fixture)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (fixture->uri));
  MedusaClient *client = medusa_client_new (url);

  medusa_client_set_api_version (client, MEDUSA_API_VERSION_2);
  medusa_client_set_publishable_key (client, "pk_test");
  medusa_client_set_access_token (client, "token");

  return client;
}

/* The numbers 1 … N_ORDERS with @digit in them, newest first */
static GArray *
numbers_with (char digit)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint n = N_ORDERS; n >= 1; n--)
    {
      char text[8];

      g_snprintf (text, sizeof text, "%u", n);
      if (strchr (text, digit) != NULL)
        g_array_append_val (numbers, n);
    }

  return numbers;
}

static MedusaOrderPage *
list (MedusaClient     *client,
      MedusaOrderQuery *query,
      guint             offset,
      guint             limit,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_order_query_set_offset (query, offset);
  medusa_order_query_set_limit (query, limit);
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);

  return medusa_client_list_orders_finish (client, test_wait_for (&result), error);
}

static void
progress_cb (MedusaClient      *client,
             MedusaOrderDetail  detail,
             guint              seen,
             guint              count,
             GArray            *progress)
{
  /* the tests' queries ask for whole orders */
  g_assert_cmpint (detail, ==, MEDUSA_ORDER_DETAIL_FULL);
  g_assert_cmpuint (count, ==, N_ORDERS);
  g_array_append_val (progress, seen);
}

/* A search through three pages of the store's: each asked once, newest
 * first, without what the store refuses; every page of the matches then
 * comes from what was found. */
static void
test_many_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GArray) expected = numbers_with ('7');
  g_autoptr(GArray) progress = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  g_signal_connect (client, "order-scan-progress", G_CALLBACK (progress_cb), progress);
  medusa_order_query_set_search (query, "7");
  for (guint offset = 0; offset < expected->len; offset += 5)
    {
      g_autoptr(MedusaOrderPage) page = list (client, query, offset, 5, &error);
      GListModel *orders;

      g_assert_no_error (error);
      g_assert_cmpuint (medusa_order_page_get_count (page), ==, expected->len);
      orders = medusa_order_page_get_orders (page);
      for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
        {
          g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

          g_assert_cmpint (medusa_order_get_display_id (order), ==,
                           g_array_index (expected, guint, shown++));
        }
    }
  g_assert_cmpuint (shown, ==, expected->len);
  g_assert_cmpuint (fixture->offsets->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fixture->offsets, 0), ==, "0");
  g_assert_cmpstr (g_ptr_array_index (fixture->offsets, 1), ==, "200");
  g_assert_cmpstr (g_ptr_array_index (fixture->offsets, 2), ==, "400");
  g_assert_cmpuint (progress->len, ==, 3);
  g_assert_cmpuint (g_array_index (progress, guint, 2), ==, N_ORDERS);

  /* another filter: the history again, once */
  {
    const char *shipped[] = { "shipped", NULL };
    g_autoptr(MedusaOrderQuery) other = medusa_order_query_new ();
    g_autoptr(MedusaOrderPage) page = NULL;

    medusa_order_query_set_fulfillment_statuses (other, shipped);
    page = list (client, other, 0, 50, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (medusa_order_page_get_count (page), ==, N_ORDERS / 3);
    g_assert_cmpuint (fixture->offsets->len, ==, 6);
  }
}

/* Pages of one search asked for at once wait for one look through the
 * history. */
static void
test_pages_at_once (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GDateTime) before = g_date_time_new_utc (2026, 1, 3, 0, 30, 0);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(MedusaOrderPage) first_page = NULL;
  g_autoptr(MedusaOrderPage) second_page = NULL;
  g_autoptr(MedusaOrder) oldest = NULL;

  /* orders 1 … 48 were placed before (one an hour from the first) */
  medusa_order_query_set_created_range (query, NULL, before);
  medusa_order_query_set_limit (query, 40);
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &first);
  medusa_order_query_set_offset (query, 40);
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &second);

  first_page = medusa_client_list_orders_finish (client, test_wait_for (&first), NULL);
  second_page = medusa_client_list_orders_finish (client, test_wait_for (&second), NULL);
  g_assert_nonnull (first_page);
  g_assert_nonnull (second_page);
  g_assert_cmpuint (medusa_order_page_get_count (first_page), ==, 48);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (first_page)), ==, 40);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (second_page)), ==, 8);
  oldest = g_list_model_get_item (medusa_order_page_get_orders (second_page), 7);
  g_assert_cmpint (medusa_order_get_display_id (oldest), ==, 1);
  g_assert_cmpuint (fixture->offsets->len, ==, 3);
}

/* until the page fixture->stall_offset is asked for, and held */
static void
wait_for_held_page (Fixture *fixture)
{
  gint64 deadline = test_deadline (10);

  while (fixture->paused->len == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

/* The user moves on while a page of the history does not come: the page
 * they waited for fails as cancelled at once, and the client asks the store
 * for no more; the same search later starts again. */
static void
test_stops_when_unwanted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  fixture->stall_offset = 200;
  medusa_order_query_set_search (query, "1");
  medusa_order_query_set_limit (query, 50);
  medusa_client_list_orders_async (client, query, cancellable, test_store_result_cb, &result);
  wait_for_held_page (fixture);
  g_timeout_add (10, cancel_cb, cancellable);
  page = medusa_client_list_orders_finish (client, test_wait_for (&result), &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* the held page comes: nothing follows it */
  soup_server_message_unpause (g_ptr_array_index (fixture->paused, 0));
  g_ptr_array_set_size (fixture->paused, 0);
  test_spin_for (200);
  g_assert_cmpuint (fixture->offsets->len, ==, 2);

  fixture->stall_offset = 0;
  page = list (client, query, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (fixture->offsets, 2), ==, "0");
  g_assert_cmpuint (fixture->offsets->len, ==, 5);
}

/* A new search, or the end of the session, ends the one under way: its
 * pages fail as cancelled, and nothing of what it found is kept. */
static void
test_replaced (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderQuery) other = medusa_order_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GArray) twos = numbers_with ('2');
  g_autoptr(GError) error = NULL;

  fixture->stall_offset = 200;
  medusa_order_query_set_search (query, "1");
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);
  wait_for_held_page (fixture);
  fixture->stall_offset = 0;
  medusa_order_query_set_search (other, "2");
  page = list (client, other, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, twos->len);
  g_clear_object (&page);
  page = medusa_client_list_orders_finish (client, test_wait_for (&result), &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* signed out: the next page of the same search asks the store again */
  medusa_client_set_access_token (client, NULL);
  medusa_client_set_access_token (client, "token");
  g_ptr_array_set_size (fixture->offsets, 0);
  page = list (client, other, 50, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->offsets->len, ==, 3);
}

/* A search matching more than the client keeps (100,000 in use): the
 * newest it keeps are the search's orders, and the store is asked for no
 * page beyond them. */
static void
test_bounded (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GDateTime) later = g_date_time_new_utc (2030, 1, 1, 0, 0, 0);
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrderPage) next = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;

  _medusa_client_set_max_scan_matches (client, 70);
  /* every order was placed before */
  medusa_order_query_set_created_range (query, NULL, later);
  page = list (client, query, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, 70);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 50);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      g_assert_cmpint (medusa_order_get_display_id (order), ==, N_ORDERS - i);
    }
  /* the first page of the history holds the first 70: no second is asked */
  g_assert_cmpuint (fixture->offsets->len, ==, 1);

  next = list (client, query, 50, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (next)), ==, 20);
  g_assert_cmpuint (fixture->offsets->len, ==, 1);
}

/* The matches of a search for @digit, all in one page, are the numbers
 * with it, newest first. */
static void
assert_found_all (MedusaClient *client,
                  char          digit)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GArray) expected = numbers_with (digit);
  g_autoptr(GError) error = NULL;
  char search[2] = { digit, '\0' };
  GListModel *orders;

  medusa_order_query_set_search (query, search);
  page = list (client, query, 0, N_ORDERS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, expected->len);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      g_assert_cmpint (medusa_order_get_display_id (order), ==,
                       g_array_index (expected, guint, i));
    }
}

/* The customer places an order while the client looks through the history:
 * every later page of the store's moves by one, and the order at the end of
 * the first page comes again at the start of the second; it is found once. */
static void
test_order_placed_meanwhile (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);

  fixture->place_order = TRUE;
  /* 301 ends the first page of 200 (500 … 301), then starts the second */
  assert_found_all (client, '1');
}

static void
assert_asked (GPtrArray   *asked,
              const char  *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (asked, NULL);
  joined = g_strjoinv (",", (char **) asked->pdata);
  g_ptr_array_remove_index (asked, asked->len - 1);
  g_assert_cmpstr (joined, ==, expected);
}

/* Orders too large for a page of 200 in one answer (v2 lists each item in
 * full): the client asks for fewer at a time, from where it was. */
static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);

  /* a page of 50 orders fits, one of 100 does not */
  medusa_client_set_max_response_size (client, 75 * (strlen (fixture->template) + 1) + 200);
  assert_found_all (client, '3');
  assert_asked (fixture->limits, "200,100,50,50,50,50,50,50,50,50,50,50");
  assert_asked (fixture->offsets, "0,0,0,50,100,150,200,250,300,350,400,450");
}

/* A store whose pages hold at most 30 orders, whatever is asked: the
 * client goes on 30 at a time to the end, not only through the first. */
static void
test_largest_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);

  fixture->max_limit = 30;
  assert_found_all (client, '3');
  g_assert_cmpuint (fixture->offsets->len, ==, (N_ORDERS + 29) / 30);
  g_assert_cmpstr (g_ptr_array_index (fixture->limits, 0), ==, "200");
  g_assert_cmpstr (g_ptr_array_index (fixture->limits, 1), ==, "30");
  g_assert_cmpstr (g_ptr_array_index (fixture->offsets, 1), ==, "30");
}

static gboolean
list_loaded (gpointer data)
{
  return medusa_order_list_get_loaded (data);
}

static gboolean
slot_filled (gpointer data)
{
  return medusa_order_slot_get_order (data) != NULL;
}

/* The list at v2, which cannot ask for a page of orders placed before a
 * time: an order placed after its first page moves the second by one, which
 * starts with the first's last order; the list asks for it again one
 * further on and keeps its length. */
static void
test_list_order_placed_meanwhile (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(MedusaClient) client = new_client (fixture);
  g_autoptr(MedusaOrderList) list = medusa_order_list_new (client, 50);
  g_autoptr(MedusaOrderSlot) last = NULL;
  g_autoptr(MedusaOrderSlot) next = NULL;

  fixture->place_order = TRUE;
  medusa_order_list_set_query (list, NULL);
  test_spin_until (list_loaded, list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ORDERS);

  medusa_order_list_ensure_range (list, 50, 10);
  next = g_list_model_get_item (G_LIST_MODEL (list), 50);
  test_spin_until (slot_filled, next);
  last = g_list_model_get_item (G_LIST_MODEL (list), 49);
  g_assert_cmpint (medusa_order_get_display_id (medusa_order_slot_get_order (last)), ==,
                   N_ORDERS - 49);
  g_assert_cmpint (medusa_order_get_display_id (medusa_order_slot_get_order (next)), ==,
                   N_ORDERS - 50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ORDERS);
  /* the first page, the second, and the second again past the new order */
  assert_asked (fixture->offsets, "0,50,51");
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 3);

  /* the pages after it: past it at once */
  medusa_order_list_ensure_range (list, 100, 10);
  g_clear_object (&next);
  next = g_list_model_get_item (G_LIST_MODEL (list), 100);
  test_spin_until (slot_filled, next);
  g_assert_cmpint (medusa_order_get_display_id (medusa_order_slot_get_order (next)), ==,
                   N_ORDERS - 100);
  assert_asked (fixture->offsets, "0,50,51,101");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/scan/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("many-pages", test_many_pages);
  ADD ("pages-at-once", test_pages_at_once);
  ADD ("stops-when-unwanted", test_stops_when_unwanted);
  ADD ("replaced", test_replaced);
  ADD ("bounded", test_bounded);
  ADD ("order-placed-meanwhile", test_order_placed_meanwhile);
  ADD ("too-large", test_too_large);
  ADD ("largest-page", test_largest_page);
  ADD ("list-order-placed-meanwhile", test_list_order_placed_meanwhile);
#undef ADD

  return g_test_run ();
}
