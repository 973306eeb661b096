/* test-offline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The offline copy of a kept session's account (PatronAccountCache), in
 * process against the real Medusa test store: what it holds (the store's
 * answers the customer saw, nothing else: no token, no password), its
 * permissions, that a session at a store out of reach restores from it
 * (read again by the bounded parsers: a hostile file is refused, not
 * trusted), and that Sign Out and Forget This Store delete it, while a
 * session not kept, or kept at a counter, never writes one. What it keeps
 * of each answer is only what Patron shows (every member of every file is
 * checked), and the customer outlasts the pages when space runs out. The
 * copy's cases run against the Medusa v2 test store too (MEDUSA_V2_URL).
 * The cache directory is a fresh one, emptied by each test in turn.
 */

#include "config.h"

#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>
#include <utime.h>

#include "medusa-json.h"
#include "medusa-json-v2.h"
#include "patron-account-cache.h"
#include "patron-offline-banner.h"
#include "patron-secrets.h"
#include "patron-session.h"

/* Which members Patron shows, as "parent": the names of the members (or
 * lists) holding them, "·" for an answer's own; "members": their names. */
typedef struct
{
  const char *parents;
  const char *members;
} Shown;

#define V1_ADDRESS "id company first_name last_name address_1 address_2 city country_code " \
                   "province postal_code phone"

static const Shown shown_v1[] = {
  { "·", "customer orders count offset limit" },
  { "customer", "id email first_name last_name phone billing_address_id billing_address "
                "shipping_addresses" },
  { "billing_address shipping_addresses shipping_address", V1_ADDRESS },
  { "orders", "id display_id status fulfillment_status payment_status email currency_code "
              "region created_at items shipping_address billing_address shipping_methods "
              "fulfillments refunds discounts gift_cards subtotal shipping_total tax_total "
              "discount_total gift_card_total refunded_total paid_total total" },
  { "region shipping_option", "name" },
  { "items", "id title description thumbnail variant quantity fulfilled_quantity "
             "shipped_quantity returned_quantity unit_price subtotal discount_total tax_total "
             "total" },
  { "variant", "title sku" },
  { "shipping_methods", "id shipping_option price total" },
  { "fulfillments", "id created_at shipped_at canceled_at tracking_numbers tracking_links" },
  { "tracking_links", "tracking_number url" },
  { "refunds", "id amount reason note created_at" },
  { "discounts gift_cards", "code" },
  { NULL, NULL }
};

static const Shown shown_v2[] = {
  { "·", "customer orders order count offset limit" },
  { "customer", "id email first_name last_name phone addresses" },
  { "addresses shipping_address billing_address", V1_ADDRESS " is_default_billing" },
  { "orders order", "id display_id status fulfillment_status payment_status email "
                    "currency_code region created_at items shipping_address billing_address "
                    "shipping_methods fulfillments payment_collections item_subtotal "
                    "shipping_subtotal shipping_total tax_total discount_total "
                    "credit_line_total total" },
  { "region", "name" },
  { "items", "id title product_description thumbnail variant_title variant_sku quantity "
             "detail unit_price subtotal discount_total tax_total total adjustments" },
  { "detail", "fulfilled_quantity shipped_quantity return_received_quantity" },
  { "adjustments", "code" },
  { "shipping_methods", "id name amount total adjustments" },
  { "fulfillments", "id created_at shipped_at canceled_at labels" },
  { "labels", "tracking_number tracking_url" },
  { "payment_collections", "id refunded_amount captured_amount updated_at payments" },
  { "payments", "refunds" },
  { "refunds", "id amount refund_reason note created_at" },
  { "refund_reason", "label" },
  { NULL, NULL }
};

/* A test store, and how its answers read. */
typedef struct
{
  const char      *url;
  const char      *publishable_key;   /* v2's */
  MedusaCustomer  *(*parse_customer)   (GBytes *body, GError **error);
  MedusaOrderPage *(*parse_order_page) (GBytes *body, GError **error);
  MedusaOrder     *(*parse_order)      (GBytes *body, GError **error);
  const Shown     *shown;
} TestStore;

static TestStore v1_store = {
  NULL, NULL, medusa_json_parse_customer_response, medusa_json_parse_order_page,
  medusa_json_parse_single_order_page, shown_v1,
};
static TestStore v2_store = {
  NULL, NULL, medusa_json_v2_parse_customer, medusa_json_v2_parse_order_page,
  medusa_json_v2_parse_order, shown_v2,
};

static const TestStore *store_now;
static const char *store_url;
static const char *buyer_email;
static const char *buyer_password;

/* A test, and the store it runs against. */
typedef struct
{
  const TestStore *store;
  void           (*func) (void);
} Case;

static void
run_case (gconstpointer data)
{
  const Case *test = data;

  store_now = test->store;
  store_url = store_now->url;
  test->func ();
}

static void
add_case (const char      *path,
          const TestStore *test_store,
          void           (*func) (void))
{
  Case *test = g_new0 (Case, 1);

  test->store = test_store;
  test->func = func;
  g_test_add_data_func_full (path, test, run_case, g_free);
}

/* A session at @url speaking the test store's dialect. */
static PatronSession *
new_session (const char *url)
{
  PatronSession *session = patron_session_new (url);

  if (store_now->publishable_key != NULL)
    {
      MedusaClient *client = patron_session_get_client (session);

      medusa_client_set_api_version (client, MEDUSA_API_VERSION_2);
      medusa_client_set_publishable_key (client, store_now->publishable_key);
    }

  return session;
}

static gboolean
is_shown (const char *parent,
          const char *name)
{
  g_autofree char *spaced_parent = g_strdup_printf (" %s ", parent);
  g_autofree char *spaced_name = g_strdup_printf (" %s ", name);

  for (const Shown *shown = store_now->shown; shown->parents != NULL; shown++)
    {
      g_autofree char *parents = g_strdup_printf (" %s ", shown->parents);
      g_autofree char *members = g_strdup_printf (" %s ", shown->members);

      if (strstr (parents, spaced_parent) != NULL && strstr (members, spaced_name) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Fails unless every member in @node is one Patron shows. */
static void
assert_only_shown (JsonNode   *node,
                   const char *parent,
                   const char *path)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_only_shown (json_array_get_element (array, i), parent, path);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (!is_shown (parent, name))
            g_error ("%s keeps “%s” of “%s”, which Patron does not show", path, name, parent);
          assert_only_shown (json_object_get_member (object, name), name, path);
        }
    }
}

/* A store address where nothing answers: a port just closed. */
static char *
unreachable_url (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

static char *
offline_root (void)
{
  return g_build_filename (g_get_user_cache_dir (), "patron", "offline", NULL);
}

/* Every file under @directory. */
static GPtrArray *
files_under (const char *directory)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (pending, g_strdup (directory));
  while (pending->len > 0)
    {
      g_autofree char *here = g_ptr_array_steal_index (pending, pending->len - 1);
      g_autoptr(GDir) dir = g_dir_open (here, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *path = g_build_filename (here, name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_DIR))
            g_ptr_array_add (pending, path);
          else
            g_ptr_array_add (files, path);
        }
    }

  return files;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 0777;
}

static PatronSession *
signed_in_session (const char *url,
                   gboolean    remember,
                   gboolean    keep_sessions)
{
  PatronSession *session = new_session (url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  patron_session_set_keep_sessions (session, keep_sessions);
  patron_session_sign_in_async (session, buyer_email, buyer_password, remember, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_assert_no_error (error);

  return session;
}

/* A page of orders as the orders page asks for it (or, @full, as an
 * export does). */
static MedusaOrderPage *
list_orders_full (MedusaClient  *client,
                  guint          offset,
                  gboolean       full,
                  GError       **error)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GAsyncResult) result = NULL;

  medusa_order_query_set_detail (query, full ? MEDUSA_ORDER_DETAIL_FULL
                                             : MEDUSA_ORDER_DETAIL_SUMMARY);
  medusa_order_query_set_limit (query, 50);
  medusa_order_query_set_offset (query, offset);
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);

  return medusa_client_list_orders_finish (client, test_wait_for (&result), error);
}

static MedusaOrderPage *
list_orders (MedusaClient  *client,
             guint          offset,
             GError       **error)
{
  return list_orders_full (client, offset, FALSE, error);
}

static MedusaOrder *
get_order (MedusaClient  *client,
           const char    *id,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_get_order_async (client, id, NULL, test_store_result_cb, &result);

  return medusa_client_get_order_finish (client, test_wait_for (&result), error);
}

static char *
first_order_id (MedusaOrderPage *page)
{
  g_autoptr(MedusaOrder) order = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), >, 0);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);

  return g_strdup (medusa_order_get_id (order));
}

static void
sign_out (PatronSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;

  patron_session_sign_out_async (session, NULL, test_store_result_cb, &result);
  g_assert_true (patron_session_sign_out_finish (session, test_wait_for (&result), NULL));
}

/* The customer sees their account, a page of orders and an order: the copy. */
static PatronAccountCache *
see_account (PatronSession  *session,
             char          **order_id)
{
  MedusaClient *client = patron_session_get_client (session);
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  PatronAccountCache *copy;

  page = list_orders (client, 0, &error);
  g_assert_no_error (error);
  *order_id = first_order_id (page);
  order = get_order (client, *order_id, &error);
  g_assert_no_error (error);

  copy = patron_session_get_account_cache (session);
  g_assert_nonnull (copy);
  patron_account_cache_sync (copy);

  return copy;
}

static void
test_copy_contents (void)
{
  g_autoptr(PatronSession) session = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *root = offline_root ();
  g_autofree char *order_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *store_directory = NULL;
  PatronAccountCache *copy;
  guint customers = 0, pages = 0, orders = 0;

  session = signed_in_session (store_url, TRUE, TRUE);
  token = g_strdup (medusa_client_get_access_token (patron_session_get_client (session)));
  g_assert_nonnull (token);
  copy = see_account (session, &order_id);
  /* an export's pages of whole orders are not kept */
  {
    g_autoptr(MedusaOrderPage) exported = list_orders_full (patron_session_get_client (session),
                                                            50, TRUE, NULL);

    g_assert_nonnull (exported);
    patron_account_cache_sync (copy);
  }

  /* one folder per store and customer, for the user alone */
  store_directory = g_path_get_dirname (patron_account_cache_get_path (copy));
  g_assert_true (g_str_has_prefix (patron_account_cache_get_path (copy), root));
  g_assert_cmpuint (mode_of (root), ==, 0700);
  g_assert_cmpuint (mode_of (store_directory), ==, 0700);
  g_assert_cmpuint (mode_of (patron_account_cache_get_path (copy)), ==, 0700);

  files = files_under (root);
  g_assert_cmpuint (files->len, >=, 3);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autoptr(MedusaOrderPage) page = NULL;
      g_autoptr(MedusaOrder) order = NULL;
      g_autoptr(JsonNode) root_node = NULL;

      g_assert_cmpuint (mode_of (path), ==, 0600);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      /* nothing secret: the session's token, the password, a hash of it */
      g_assert_null (strstr (contents, token));
      g_assert_null (strstr (contents, buyer_password));
      g_assert_null (strstr (contents, "password"));
      /* only what Patron shows: no metadata, no timestamps or ids it never shows */
      root_node = json_from_string (contents, NULL);
      g_assert_nonnull (root_node);
      assert_only_shown (root_node, "·", path);

      /* what it holds is what the customer saw */
      body = g_bytes_new (contents, length);
      if ((customer = store_now->parse_customer (body, NULL)) != NULL)
        {
          g_assert_cmpstr (medusa_customer_get_email (customer), ==, buyer_email);
          /* the customer outlasts the pages */
          g_assert_true (g_str_has_suffix (path, ".lasting.json"));
          customers++;
        }
      /* v2 answers the order opened with the order */
      else if (store_now->publishable_key != NULL &&
               (order = store_now->parse_order (body, NULL)) != NULL)
        {
          g_assert_cmpstr (medusa_order_get_id (order), ==, order_id);
          orders++;
        }
      /* v1 answers the order opened, and the count, with a page of one */
      else if ((page = store_now->parse_order_page (body, NULL)) != NULL)
        {
          guint n = g_list_model_get_n_items (medusa_order_page_get_orders (page));

          order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
          g_assert_cmpstr (medusa_order_get_id (order), ==, order_id);
          if (n > 1)
            pages++;
          else
            orders++;
        }
      else
        g_assert_not_reached ();
    }
  g_assert_cmpuint (customers, ==, 1);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (orders, >=, 1);

  /* Sign Out deletes it */
  sign_out (session);
  g_assert_null (patron_session_get_account_cache (session));
  g_assert_false (g_file_test (store_directory, G_FILE_TEST_EXISTS));
  g_clear_pointer (&files, g_ptr_array_unref);
  files = files_under (root);
  g_assert_cmpuint (files->len, ==, 0);
}

static void
keep_in_keyring (const char *url,
                 const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  patron_secrets_store_async (url, buyer_email, token, NULL, test_store_result_cb, &result);
  g_assert_true (patron_secrets_store_finish (test_wait_for (&result), &error));
  g_assert_no_error (error);
}

/* The copy kept at the test store, moved to where a copy of @url is. */
static char *
move_copy (PatronAccountCache *copy,
           const char         *url)
{
  g_autoptr(PatronAccountCache) there = patron_account_cache_new (url, buyer_email);
  g_autoptr(GPtrArray) files = files_under (patron_account_cache_get_path (copy));
  g_autofree char *parent = g_path_get_dirname (patron_account_cache_get_path (there));

  g_assert_cmpint (g_mkdir_with_parents (patron_account_cache_get_path (there), 0700), ==, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *target = g_build_filename (patron_account_cache_get_path (there), name,
                                                  NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents_full (target, contents, length,
                                               G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
    }

  return g_strdup (patron_account_cache_get_path (there));
}

static gboolean
restore (PatronSession  *session,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  patron_session_restore_async (session, NULL, test_store_result_cb, &result);

  return patron_session_restore_finish (session, test_wait_for (&result), NULL, error);
}

/* Many pages seen, and space for few: the pages go, the customer stays
 * (seen a minute before them, as at a start), and the copy still answers
 * a start offline: a client at a store out of reach reads the customer
 * from it (the keyring is left alone here: libsecret's file backend breaks
 * under the concurrent writes a restore would add). */
static void
test_copy_customer_outlasts_pages (void)
{
  g_autoptr(PatronSession) online = NULL;
  g_autoptr(PatronAccountCache) there = NULL;
  g_autoptr(MedusaClient) offline = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = unreachable_url ();
  g_autofree char *directory = NULL;
  PatronAccountCache *copy;
  MedusaClient *client;

  online = signed_in_session (store_url, TRUE, TRUE);
  client = patron_session_get_client (online);
  copy = patron_session_get_account_cache (online);
  g_assert_nonnull (copy);
  patron_account_cache_set_max_files (copy, 3);
  patron_account_cache_sync (copy);
  files = files_under (patron_account_cache_get_path (copy));
  g_assert_cmpuint (files->len, >=, 1);
  for (guint i = 0; i < files->len; i++)
    g_assert_cmpint (g_utime (g_ptr_array_index (files, i),
                              &(struct utimbuf) { time (NULL) - 60, time (NULL) - 60 }), ==, 0);
  g_clear_pointer (&files, g_ptr_array_unref);

  for (guint offset = 0; offset <= 200; offset += 50)
    {
      g_autoptr(MedusaOrderPage) seen = list_orders (client, offset, &error);

      g_assert_no_error (error);
      g_assert_nonnull (seen);
    }
  patron_account_cache_sync (copy);
  files = files_under (patron_account_cache_get_path (copy));
  g_assert_cmpuint (files->len, ==, 3);

  /* the copy where a store out of reach keeps it, read by a client there */
  directory = move_copy (copy, url);
  there = patron_account_cache_new (url, buyer_email);
  offline = medusa_client_new (url);
  if (store_now->publishable_key != NULL)
    {
      medusa_client_set_api_version (offline, MEDUSA_API_VERSION_2);
      medusa_client_set_publishable_key (offline, store_now->publishable_key);
    }
  medusa_client_set_answer_store (offline, MEDUSA_ANSWER_STORE (there));
  medusa_client_get_customer_async (offline, NULL, test_store_result_cb, &result);
  customer = medusa_client_get_customer_finish (offline, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, buyer_email);
  g_assert_true (medusa_client_get_offline (offline));
  /* the newest page is kept, the first gone */
  page = list_orders (offline, 200, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_clear_object (&page);
  page = list_orders (offline, 0, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  g_assert_true (patron_account_cache_delete (there, NULL));
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
  sign_out (online);
}

static void
test_copy_restores_offline (void)
{
  g_autoptr(PatronSession) online = NULL;
  g_autoptr(PatronSession) offline = NULL;
  g_autoptr(PatronSession) hostile = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrderPage) unseen = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaOrder) seen = NULL;
  g_autoptr(GDateTime) seen_at = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *url = unreachable_url ();
  g_autofree char *order_id = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *deep = NULL;
  PatronAccountCache *copy;

  online = signed_in_session (store_url, TRUE, TRUE);
  copy = see_account (online, &order_id);
  seen = get_order (patron_session_get_client (online), order_id, &error);
  g_assert_no_error (error);
  patron_account_cache_sync (copy);
  directory = move_copy (copy, url);
  /* a kept session at a store that does not answer (an expired token too:
   * nobody can tell offline) */
  keep_in_keyring (url, "expired.or.not");

  offline = new_session (url);
  g_assert_true (restore (offline, &error));
  g_assert_no_error (error);
  g_assert_true (patron_session_get_offline (offline));
  g_assert_cmpstr (medusa_customer_get_email (patron_session_get_customer (offline)), ==,
                   buyer_email);
  seen_at = patron_session_dup_seen_at (offline);
  g_assert_nonnull (seen_at);

  /* what was seen comes from the copy, the rest is out of reach */
  page = list_orders (patron_session_get_client (offline), 0, &error);
  g_assert_no_error (error);
  {
    g_autofree char *first = first_order_id (page);

    g_assert_cmpstr (first, ==, order_id);
  }
  order = get_order (patron_session_get_client (offline), order_id, &error);
  g_assert_no_error (error);
  /* the order as it was seen: amounts (v2's decimals too), items, addresses */
  g_assert_cmpint (medusa_order_get_display_id (order), ==, medusa_order_get_display_id (seen));
  g_assert_cmpstr (medusa_order_get_status (order), ==, medusa_order_get_status (seen));
  g_assert_cmpstr (medusa_order_get_email (order), ==, medusa_order_get_email (seen));
  g_assert_cmpstr (medusa_order_get_currency_code (order), ==,
                   medusa_order_get_currency_code (seen));
  g_assert_cmpint (medusa_order_get_total (order), ==, medusa_order_get_total (seen));
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, medusa_order_get_subtotal (seen));
  g_assert_cmpint (medusa_order_get_tax_total (order), ==, medusa_order_get_tax_total (seen));
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==,
                   medusa_order_get_shipping_total (seen));
  g_assert_cmpint (medusa_order_get_total (order), !=, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==,
                    g_list_model_get_n_items (medusa_order_get_items (seen)));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (order)), ==,
                    g_list_model_get_n_items (medusa_order_get_refunds (seen)));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==,
                    g_list_model_get_n_items (medusa_order_get_fulfillments (seen)));
  g_assert_nonnull (medusa_order_get_shipping_address (order));
  g_assert_cmpstr (medusa_address_get_city (medusa_order_get_shipping_address (order)), ==,
                   medusa_address_get_city (medusa_order_get_shipping_address (seen)));
  /* a search looks through the pages kept: the first order by its number
   * (v2 stores offer no search) */
  if (store_now->publishable_key == NULL)
    {
      g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
      g_autoptr(MedusaOrder) first = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
      g_autoptr(MedusaOrderPage) found = NULL;
      g_autoptr(MedusaOrder) hit = NULL;
      g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT,
                                                 medusa_order_get_display_id (first));
      const char *statuses[] = { medusa_order_get_status (first), NULL };
      g_autoptr(GAsyncResult) result = NULL;

      medusa_order_query_set_detail (query, MEDUSA_ORDER_DETAIL_SUMMARY);
      medusa_order_query_set_limit (query, 50);
      medusa_order_query_set_search (query, number);
      medusa_order_query_set_statuses (query, statuses);
      medusa_client_list_orders_async (patron_session_get_client (offline), query, NULL,
                                       test_store_result_cb, &result);
      found = medusa_client_list_orders_finish (patron_session_get_client (offline),
                                                test_wait_for (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (medusa_order_page_get_count (found), >=, 1);
      g_assert_cmpuint (medusa_order_page_get_count (found), <, 50);
      hit = g_list_model_get_item (medusa_order_page_get_orders (found), 0);
      g_assert_cmpstr (medusa_order_get_id (hit), ==, order_id);
    }

  unseen = list_orders (patron_session_get_client (offline), 200, &error);
  g_assert_null (unseen);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  /* a copy is read as warily as the network: JSON nested 100,000 deep is
   * refused, and the store is out of reach as before */
  deep = g_strnfill (200000, '[');
  memset (deep + 100000, ']', 100000);
  files = files_under (directory);
  for (guint i = 0; i < files->len; i++)
    g_assert_true (g_file_set_contents_full (g_ptr_array_index (files, i), deep, 200000,
                                             G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  hostile = new_session (url);
  g_assert_false (restore (hostile, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (patron_session_get_customer (hostile));
  g_clear_error (&error);

  /* Sign Out offline deletes the copy there too */
  sign_out (offline);
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
  sign_out (online);
}

/* The real store, reached through a port of ours that answers only once
 * forward() listens on it: a store that comes back. */
static void
splice_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_io_stream_splice_finish (result, NULL);
}

/* @connection passed on to the real store */
static void
splice_to_store (GSocketConnection *connection)
{
  g_autoptr(GUri) uri = g_uri_parse (store_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;

  upstream = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                              g_uri_get_port (uri), NULL, NULL);
  g_assert_nonnull (upstream);
  g_io_stream_splice_async (G_IO_STREAM (connection), G_IO_STREAM (upstream),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, NULL, splice_cb, NULL);
}

static gboolean
forward_cb (GSocketService    *service,
            GSocketConnection *connection,
            GObject           *source,
            gpointer           user_data)
{
  splice_to_store (connection);

  return TRUE;
}

static GSocketService *
forward (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  GSocketService *service = g_socket_service_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_listener_add_inet_port (G_SOCKET_LISTENER (service),
                                                  g_uri_get_port (uri), NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (forward_cb), NULL);

  return service;
}

/* The real store behind a slow network: a port of ours whose connections
 * wait until release() passes them on. */
typedef struct
{
  GSocketService *service;
  GPtrArray      *waiting;     /* (element-type GSocketConnection) */
  gboolean        released;
} SlowStore;

static gboolean
hold_cb (GSocketService    *service,
         GSocketConnection *connection,
         GObject           *source,
         SlowStore         *slow)
{
  if (slow->released)
    splice_to_store (connection);
  else
    g_ptr_array_add (slow->waiting, g_object_ref (connection));

  return TRUE;
}

static SlowStore *
slow_store_new (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  SlowStore *slow = g_new0 (SlowStore, 1);
  g_autoptr(GError) error = NULL;

  slow->service = g_socket_service_new ();
  slow->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_assert_true (g_socket_listener_add_inet_port (G_SOCKET_LISTENER (slow->service),
                                                  g_uri_get_port (uri), NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (slow->service, "incoming", G_CALLBACK (hold_cb), slow);

  return slow;
}

static void
slow_store_release (SlowStore *slow)
{
  slow->released = TRUE;
  for (guint i = 0; i < slow->waiting->len; i++)
    splice_to_store (g_ptr_array_index (slow->waiting, i));
  g_ptr_array_set_size (slow->waiting, 0);
}

static void
slow_store_free (SlowStore *slow)
{
  g_socket_service_stop (slow->service);
  g_socket_listener_close (G_SOCKET_LISTENER (slow->service));
  g_object_unref (slow->service);
  g_ptr_array_unref (slow->waiting);
  g_free (slow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlowStore, slow_store_free)

/* The customer's first name in the copy in @directory made @first_name:
 * what the copy shows told apart from what the store answers. */
static void
rename_in_copy (const char *directory,
                const char *first_name)
{
  g_autoptr(GPtrArray) files = files_under (directory);
  guint renamed = 0;

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      JsonObject *root;

      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      if (!json_object_has_member (root, "customer"))
        continue;
      json_object_set_string_member (json_object_get_object_member (root, "customer"),
                                     "first_name", first_name);
      json_generator_set_root (generator, json_parser_get_root (parser));
      text = json_generator_to_data (generator, NULL);
      g_assert_true (g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                               0600, NULL));
      renamed++;
    }
  g_assert_cmpuint (renamed, ==, 1);
}

static gboolean
has_customer (gpointer data)
{
  return patron_session_get_customer (data) != NULL;
}

/* A start at @url, behind a slow network: returns once the account shows,
 * the store not having answered, and without the offline banner (the store
 * has not said that it cannot be reached). */
static PatronSession *
restore_while_slow (const char    *url,
                    GAsyncResult **result)
{
  PatronSession *session = new_session (url);

  patron_session_restore_async (session, NULL, test_store_result_cb, result);
  test_spin_until (has_customer, session);
  g_assert_null (*result);
  g_assert_false (patron_session_get_offline (session));

  return session;
}

static void
expired_cb (PatronSession *session,
            const char    *email,
            gboolean      *expired)
{
  *expired = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* A session that expired while the store was out of reach shows the copy;
 * sign-in is asked for (PatronSession::expired) once the store answers, by
 * itself, and the copy goes with the kept session (whose keyring item the
 * session removes as before: not looked at here, as libsecret's file
 * backend is not safe for a lookup during that removal). */
static void
test_copy_expired_offline (void)
{
  g_autoptr(PatronSession) online = NULL;
  g_autoptr(PatronSession) offline = NULL;
  g_autoptr(GSocketService) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = unreachable_url ();
  g_autofree char *order_id = NULL;
  g_autofree char *directory = NULL;
  gboolean expired = FALSE;

  online = signed_in_session (store_url, TRUE, TRUE);
  directory = move_copy (see_account (online, &order_id), url);
  keep_in_keyring (url, "expired.or.not");

  offline = patron_session_new (url);
  g_signal_connect (offline, "expired", G_CALLBACK (expired_cb), &expired);
  g_assert_true (restore (offline, &error));
  g_assert_no_error (error);
  g_assert_true (patron_session_get_offline (offline));
  g_assert_cmpstr (medusa_customer_get_email (patron_session_get_customer (offline)), ==,
                   buyer_email);

  /* a change of network has the store asked at once (here still in vain) */
  {
    MedusaClient *client = patron_session_get_client (offline);
    guint before = medusa_client_get_request_count (client);

    g_signal_emit_by_name (g_network_monitor_get_default (), "network-changed", TRUE);
    g_assert_cmpuint (medusa_client_get_request_count (client), ==, before + 1);
  }

  /* the store answers again: the next retry hears that the token is not
   * valid */
  store = forward (url);
  test_spin_until (is_true, &expired);
  g_assert_null (patron_session_get_customer (offline));
  g_assert_false (patron_session_get_offline (offline));
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
  g_socket_service_stop (store);
  g_socket_listener_close (G_SOCKET_LISTENER (store));
  sign_out (online);
}

/* A start with a copy kept shows the account from it at once, while the
 * store is asked (a network that fails slowly would otherwise keep the
 * loading page up as long). The store's answer replaces the copy's. */
static void
test_copy_shown_while_asking (void)
{
  g_autoptr(PatronSession) online = NULL;
  g_autoptr(PatronSession) session = NULL;
  g_autoptr(SlowStore) slow = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = unreachable_url ();
  g_autofree char *order_id = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *first_name = NULL;
  MedusaCustomer *customer;

  online = signed_in_session (store_url, TRUE, TRUE);
  first_name = g_strdup (medusa_customer_get_first_name (patron_session_get_customer (online)));
  directory = move_copy (see_account (online, &order_id), url);
  rename_in_copy (directory, "Kept");
  keep_in_keyring (url, medusa_client_get_access_token (patron_session_get_client (online)));

  slow = slow_store_new (url);
  session = restore_while_slow (url, &result);
  g_assert_cmpstr (medusa_customer_get_first_name (patron_session_get_customer (session)), ==,
                   "Kept");

  slow_store_release (slow);
  g_assert_true (patron_session_restore_finish (session, test_wait_for (&result), NULL, &error));
  g_assert_no_error (error);
  customer = patron_session_get_customer (session);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, first_name);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, buyer_email);
  g_assert_false (patron_session_get_offline (session));

  sign_out (session);
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
  sign_out (online);
}

/* The copy shown while the store is asked, and the store refuses the kept
 * session: the account goes, sign-in is asked for (PatronSession::expired,
 * and the restore fails as without a copy) and the copy is deleted. */
static void
test_copy_shown_then_expired (void)
{
  g_autoptr(PatronSession) online = NULL;
  g_autoptr(PatronSession) session = NULL;
  g_autoptr(SlowStore) slow = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = unreachable_url ();
  g_autofree char *order_id = NULL;
  g_autofree char *directory = NULL;
  gboolean expired = FALSE;

  online = signed_in_session (store_url, TRUE, TRUE);
  directory = move_copy (see_account (online, &order_id), url);
  keep_in_keyring (url, "expired.or.not");

  slow = slow_store_new (url);
  session = restore_while_slow (url, &result);
  g_signal_connect (session, "expired", G_CALLBACK (expired_cb), &expired);

  slow_store_release (slow);
  g_assert_false (patron_session_restore_finish (session, test_wait_for (&result), NULL,
                                                 &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_true (expired);
  g_assert_null (patron_session_get_customer (session));
  g_assert_false (patron_session_get_signed_in (session));
  g_assert_false (patron_session_get_offline (session));
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
  sign_out (online);
}

static void
test_copy_forgotten_with_store (void)
{
  g_autoptr(PatronSession) session = signed_in_session (store_url, TRUE, TRUE);
  g_autofree char *order_id = NULL;
  g_autofree char *store_directory = NULL;
  PatronAccountCache *copy = see_account (session, &order_id);

  store_directory = g_path_get_dirname (patron_account_cache_get_path (copy));
  g_assert_true (g_file_test (store_directory, G_FILE_TEST_IS_DIR));
  g_assert_true (patron_account_cache_delete_store (store_url, NULL));
  g_assert_false (g_file_test (store_directory, G_FILE_TEST_EXISTS));
  sign_out (session);
}

static void
count_cb (gpointer  emitter,
          guint    *count)
{
  (*count)++;
}

/* A copy that cannot all go (here: something Patron did not write in its
 * folder) is said, once, and Try Again's call removes it once it can. */
static void
test_copy_not_removed_said (void)
{
  g_autoptr(PatronSession) session = signed_in_session (store_url, TRUE, TRUE);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *store_directory = NULL;
  g_autofree char *stray = NULL;
  g_autofree char *stray_file = NULL;
  guint said = 0;

  directory = g_strdup (patron_account_cache_get_path (see_account (session, &order_id)));
  store_directory = g_path_get_dirname (directory);
  stray = g_build_filename (directory, "stray", NULL);
  stray_file = g_build_filename (stray, "inside", NULL);
  g_assert_cmpint (g_mkdir (stray, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stray_file, "x", 1, NULL));
  g_signal_connect (session, "copy-not-removed", G_CALLBACK (count_cb), &said);

  sign_out (session);
  g_assert_cmpuint (said, ==, 1);
  /* the store's answers went all the same: only what is not Patron's stays */
  files = files_under (store_directory);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, stray_file);

  g_assert_false (patron_account_cache_delete_store (store_url, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_clear_error (&error);

  /* what kept it there gone, Try Again removes the rest */
  g_assert_cmpint (g_unlink (stray_file), ==, 0);
  g_assert_cmpint (g_rmdir (stray), ==, 0);
  g_assert_true (patron_account_cache_delete_store (store_url, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (store_directory, G_FILE_TEST_EXISTS));
}

/* A store keeps one session: another customer kept there leaves no copy of
 * the first; one not kept leaves none at all. */
static void
test_copy_one_per_store (void)
{
  g_autoptr(PatronSession) buyer = signed_in_session (store_url, TRUE, TRUE);
  g_autoptr(PatronSession) other = NULL;
  g_autoptr(PatronSession) passing = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *buyer_copy = NULL;
  g_autofree char *other_copy = NULL;
  g_autofree char *root = offline_root ();

  buyer_copy = g_strdup (patron_account_cache_get_path (see_account (buyer, &order_id)));
  g_assert_true (g_file_test (buyer_copy, G_FILE_TEST_IS_DIR));

  other = patron_session_new (store_url);
  patron_session_sign_in_async (other, "other@example.com", "other-pass-123", TRUE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (other, test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  patron_account_cache_sync (patron_session_get_account_cache (other));
  other_copy = g_strdup (patron_account_cache_get_path (patron_session_get_account_cache (other)));
  g_assert_true (g_file_test (other_copy, G_FILE_TEST_IS_DIR));
  g_assert_false (g_file_test (buyer_copy, G_FILE_TEST_EXISTS));

  passing = signed_in_session (store_url, FALSE, TRUE);
  g_assert_false (g_file_test (other_copy, G_FILE_TEST_EXISTS));
  files = files_under (root);
  g_assert_cmpuint (files->len, ==, 0);

  sign_out (passing);
  sign_out (other);
  sign_out (buyer);
}

/* Not kept, or kept at a shared counter: no copy, nothing on disk. */
static void
test_copy_only_when_kept (void)
{
  gboolean counter[] = { FALSE, TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (counter); i++)
    {
      g_autoptr(PatronSession) session = signed_in_session (store_url, counter[i], !counter[i]);
      g_autoptr(MedusaOrderPage) page = NULL;
      g_autoptr(GPtrArray) files = NULL;
      g_autofree char *root = offline_root ();

      page = list_orders (patron_session_get_client (session), 0, NULL);
      g_assert_nonnull (page);
      g_assert_null (patron_session_get_account_cache (session));
      files = files_under (root);
      g_assert_cmpuint (files->len, ==, 0);
      sign_out (session);
    }
}

static void
test_banner_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 6, 15, 0, 0);
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 12, 6, 10, 42, 0);
  g_autoptr(GDateTime) before = g_date_time_new_local (2026, 12, 5, 10, 42, 0);
  g_autofree char *today_text = patron_offline_banner_describe (today, now);
  g_autofree char *before_text = patron_offline_banner_describe (before, now);
  g_autofree char *never_text = patron_offline_banner_describe (NULL, now);

  g_assert_cmpstr (today_text, ==, "Offline — showing what Patron saw at 10:42");
  g_assert_true (g_str_has_prefix (before_text, "Offline — showing what Patron saw on "));
  g_assert_true (g_str_has_suffix (before_text, " at 10:42"));
  g_assert_cmpstr (never_text, ==, "Offline — showing what Patron saw before");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("patron-test-offline-XXXXXX", NULL);
  int status;

  /* before GLib reads it */
  g_assert_nonnull (cache);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/offline/banner/text", test_banner_text);

  buyer_email = "buyer@example.com";
  buyer_password = "buyer-pass-123";
  v1_store.url = test_store_url ();
  if (v1_store.url != NULL)
    {
      add_case ("/offline/copy/contents", &v1_store, test_copy_contents);
      add_case ("/offline/copy/restores-offline", &v1_store, test_copy_restores_offline);
      add_case ("/offline/copy/expired-offline", &v1_store, test_copy_expired_offline);
      add_case ("/offline/copy/shown-while-asking", &v1_store, test_copy_shown_while_asking);
      add_case ("/offline/copy/shown-then-expired", &v1_store, test_copy_shown_then_expired);
      add_case ("/offline/copy/forgotten-with-store", &v1_store, test_copy_forgotten_with_store);
      add_case ("/offline/copy/not-removed-said", &v1_store, test_copy_not_removed_said);
      add_case ("/offline/copy/one-per-store", &v1_store, test_copy_one_per_store);
      add_case ("/offline/copy/only-when-kept", &v1_store, test_copy_only_when_kept);
      add_case ("/offline/copy/customer-outlasts-pages", &v1_store,
                test_copy_customer_outlasts_pages);
    }
  /* the same seed's customer at the Medusa v2 test store */
  v2_store.url = g_getenv ("MEDUSA_V2_URL");
  v2_store.publishable_key = g_getenv ("MEDUSA_V2_PUBLISHABLE_KEY");
  if (v2_store.url != NULL && v2_store.url[0] != '\0' && v2_store.publishable_key != NULL)
    {
      add_case ("/offline/v2/copy/contents", &v2_store, test_copy_contents);
      add_case ("/offline/v2/copy/restores-offline", &v2_store, test_copy_restores_offline);
      add_case ("/offline/v2/copy/shown-while-asking", &v2_store, test_copy_shown_while_asking);
      add_case ("/offline/v2/copy/customer-outlasts-pages", &v2_store,
                test_copy_customer_outlasts_pages);
    }

  status = g_test_run ();
  test_delete_tree (cache);

  return status;
}
