/* test-json-v2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Medusa v2's answers, parsed: bodies recorded from a real 2.21.2 store
 * (tests/fixtures/v2/), and malformed ones, amounts above all: v2 sends
 * them as decimals in the currency's main unit, which become integer minor
 * units exactly, never through a double.
 */

#include "config.h"

#include "test-util.h"

#include <string.h>

#include "medusa.h"
#include "medusa-dialect.h"
#include "medusa-json.h"
#include "medusa-json-v2.h"

static GBytes *
load_fixture (const char *name)
{
  return test_load_fixture ("v2", name, NULL);
}

static GBytes *
text (const char *json)
{
  return g_bytes_new (json, strlen (json));
}

/* ------------------------------------------------------------------------ */
/* Amounts                                                                  */

typedef struct
{
  const char *text;
  guint       decimals;
  gint64      minor;
  gboolean    exact;
} AmountCase;

static void
test_decimal_to_minor (void)
{
  const AmountCase cases[] = {
    { "35", 2, 3500, TRUE },
    { "27.5", 2, 2750, TRUE },
    { "27.50", 2, 2750, TRUE },
    { "0.1", 2, 10, TRUE },
    { "0.3", 2, 30, TRUE },
    /* what 0.1 + 0.2 is in a double, sent as JavaScript prints it */
    { "0.30000000000000004", 2, 30, FALSE },
    { "19.99", 2, 1999, TRUE },
    { "1e2", 2, 10000, TRUE },
    { "1E+2", 2, 10000, TRUE },
    { "2.5e-1", 2, 25, TRUE },
    { "125e-2", 2, 125, TRUE },
    { "0", 2, 0, TRUE },
    { "-0", 2, 0, TRUE },
    { "-12.34", 2, -1234, TRUE },
    { "0.005", 2, 1, FALSE },        /* half away from zero */
    { "0.0049", 2, 0, FALSE },
    { "-0.005", 2, -1, FALSE },
    { "10.333333333333334", 2, 1033, FALSE },
    { "27.555", 2, 2756, FALSE },
    { "1e-400", 2, 0, FALSE },
    { "0e999999999", 2, 0, TRUE },
    { "1500", 0, 1500, TRUE },       /* the yen has no minor unit */
    { "1500.5", 0, 1501, FALSE },
    { "12.345", 3, 12345, TRUE },    /* the Kuwaiti dinar has three */
    { "12.3456", 3, 12346, FALSE },
    { "999999999999.99", 2, 99999999999999, TRUE },
    { "9999999999999.99", 2, 999999999999999, TRUE },
  };
  const char *refused[] = {
    "", "-", "+1", "01", "1.", ".5", "1e", "1e+", "1..2", "0x10", "1,5", " 1", "1 ",
    "NaN", "Infinity", "--1", "1e2.5",
    /* beyond 15 digits of minor units */
    "99999999999999.99", "1e14", "1e300", "9999999999999.995",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 minor = -42;
      gboolean exact = !cases[i].exact;

      g_test_message ("%s with %u decimals", cases[i].text, cases[i].decimals);
      g_assert_true (medusa_json_v2_decimal_to_minor (cases[i].text, cases[i].decimals, &minor,
                                                      &exact));
      g_assert_cmpint (minor, ==, cases[i].minor);
      g_assert_cmpint (exact, ==, cases[i].exact);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      gint64 minor = -42;

      g_test_message ("refused: “%s”", refused[i]);
      g_assert_false (medusa_json_v2_decimal_to_minor (refused[i], 2, &minor, NULL));
      g_assert_cmpint (minor, ==, -42);
    }
}

static MedusaOrder *
parse_order (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) body = text (json);

  return medusa_json_v2_parse_order (body, error);
}

/* An amount as a real body carries it: each of these as an order's total */
static void
test_order_amounts (void)
{
  const struct {
    const char *currency;
    const char *total;
    gint64      minor;
  } cases[] = {
    { "usd", "27.5", 2750 },
    { "usd", "1e2", 10000 },
    { "usd", "0.30000000000000004", 30 },
    { "usd", "-5.25", -525 },
    { "jpy", "1500", 1500 },
    { "kwd", "12.345", 12345 },
    { "eur", "10.335", 1034 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"order\":{\"id\":\"order_1\",\"display_id\":7,"
                                               "\"currency_code\":\"%s\",\"total\":%s,"
                                               "\"items\":[{\"id\":\"i\",\"quantity\":2,"
                                               "\"unit_price\":%s}]}}",
                                               cases[i].currency, cases[i].total,
                                               cases[i].total);
      g_autoptr(MedusaOrder) order = NULL;
      g_autoptr(MedusaLineItem) item = NULL;
      g_autoptr(GError) error = NULL;

      order = parse_order (json, &error);
      g_assert_no_error (error);
      g_assert_cmpint (medusa_order_get_total (order), ==, cases[i].minor);
      g_assert_cmpint (medusa_order_get_display_id (order), ==, 7);
      item = g_list_model_get_item (medusa_order_get_items (order), 0);
      g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, cases[i].minor);
      g_assert_cmpint (medusa_line_item_get_quantity (item), ==, 2);
    }
}

/* Numbers inside texts are texts; escaped quotes do not end a text. */
static void
test_numbers_in_texts (void)
{
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaLineItem) item = NULL;
  g_autoptr(GError) error = NULL;

  order = parse_order ("{\"order\":{\"id\":\"order_\\\"12\\\"\",\"currency_code\":\"usd\","
                       "\"total\":1.5,\"items\":[{\"title\":\"2 × 3.5 \\\\\",\"total\":3,"
                       "\"metadata\":{\"size\":42,\"list\":[1,2.5,-3e1]}}]}}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_\"12\"");
  g_assert_cmpint (medusa_order_get_total (order), ==, 150);
  item = g_list_model_get_item (medusa_order_get_items (order), 0);
  g_assert_cmpstr (medusa_line_item_get_title (item), ==, "2 × 3.5 \\");
  g_assert_cmpint (medusa_line_item_get_total (item), ==, 300);
}

static void
assert_order_refused (const char *json)
{
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", json);
  order = parse_order (json, &error);
  g_assert_null (order);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
}

static void
test_malformed_orders (void)
{
  /* a text where an amount belongs */
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"currency_code\":\"usd\",\"total\":\"27.5\"}}");
  /* an amount beyond any order */
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"currency_code\":\"usd\","
                        "\"total\":123456789012345678901234567890}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"currency_code\":\"usd\",\"total\":1e308}}");
  /* numbers JSON does not have */
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"currency_code\":\"usd\",\"total\":.5}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"currency_code\":\"usd\",\"total\":01}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"currency_code\":\"usd\",\"total\":1.}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"currency_code\":\"usd\",\"total\":-}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"currency_code\":\"usd\",\"total\":NaN}}");
  /* a fractional or negative count */
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"items\":[{\"quantity\":1.5}]}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"items\":[{\"quantity\":-1}]}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"display_id\":1e400}}");
  /* no id, no order, wrong shapes */
  assert_order_refused ("{\"order\":{\"total\":1}}");
  assert_order_refused ("{\"orders\":[]}");
  assert_order_refused ("{\"order\":[]}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"items\":{}}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"payment_collections\":[1]}}");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"fulfillments\":[{\"labels\":[\"x\"]}]}}");
  /* more addresses than a customer has */
  {
    g_autoptr(GString) json = g_string_new ("{\"customer\":{\"id\":\"cus_1\",\"addresses\":[");
    g_autoptr(GBytes) body = NULL;
    g_autoptr(MedusaCustomer) customer = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i <= MEDUSA_JSON_MAX_ADDRESSES; i++)
      g_string_append_printf (json, "%s{\"id\":\"cuaddr_%u\",\"city\":\"Lyon\","
                              "\"address_1\":\"1 rue de la R\u00e9publique\"}",
                              i == 0 ? "" : ",", i);
    g_string_append (json, "]}}");
    body = g_string_free_to_bytes (g_steal_pointer (&json));
    customer = medusa_json_v2_parse_customer (body, &error);
    g_assert_null (customer);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  }
  /* not JSON, or cut short */
  assert_order_refused ("");
  assert_order_refused ("{\"order\":{\"id\":\"o\",\"total\":12");
  assert_order_refused ("[1,2,3]");
}

/* A body of nothing but numbers, where the parser reads, would grow many
 * times over as text: refused. (Where it does not read, it is left out
 * before: medusa_json_slim_down().) */
static void
test_number_flood (void)
{
  g_autoptr(GString) json = g_string_new ("{\"order\":{\"id\":\"o\",\"total\":{\"n\":[");
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (json, i == 0 ? "0" : ",0");
  g_string_append (json, "]}}}");
  body = g_string_free_to_bytes (g_steal_pointer (&json));

  order = medusa_json_v2_parse_order (body, &error);
  g_assert_null (order);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
}

/* json_node_copy() shares an object's members: a copy of its own */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

/* v2 lists every item of every order in full, whatever the fields asked
 * for (≈ 3.5 KB an item at the real store): a page of 50 orders of 20
 * items each, 2 MB here, is parsed, as summaries and whole, and so is an
 * order of 1,000 items. json-glib built a tree of more than Patron takes
 * apart from them: such a customer's orders did not load at all. */
static void
test_orders_of_many_items (void)
{
  g_autoptr(GBytes) fixture = load_fixture ("orders-page.json");
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (fixture, NULL), NULL);
  JsonObject *first = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "orders"), 0);
  JsonObject *item = json_array_get_object_element (json_object_get_array_member (first, "items"),
                                                    0);
  g_autoptr(JsonArray) orders = json_array_new ();
  g_autoptr(JsonObject) page = json_object_new ();
  g_autoptr(JsonNode) page_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) one = json_object_new ();
  g_autoptr(JsonNode) one_node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *page_text = NULL;
  g_autofree char *one_text = NULL;
  g_autoptr(MedusaOrderPage) summaries = NULL;
  g_autoptr(MedusaOrderPage) whole = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 quantity = json_object_get_int_member (item, "quantity");

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(JsonNode) copy = deep_copy (json_array_get_element (
        json_object_get_array_member (json_node_get_object (root), "orders"), 0));
      JsonObject *order_object = json_node_get_object (copy);
      g_autofree char *id = g_strdup_printf ("order_%02u", i);
      JsonArray *items = json_array_new ();

      for (guint j = 0; j < (i == 0 ? 1000 : 20); j++)
        {
          JsonNode *item_copy = deep_copy (json_array_get_element (
            json_object_get_array_member (first, "items"), 0));
          g_autofree char *item_id = g_strdup_printf ("item_%02u_%04u", i, j);

          json_object_set_string_member (json_node_get_object (item_copy), "id", item_id);
          json_array_add_element (items, item_copy);
        }
      json_object_set_string_member (order_object, "id", id);
      json_object_set_array_member (order_object, "items", items);
      if (i == 0)
        {
          json_object_set_object_member (one, "order", json_object_ref (order_object));
          continue;
        }
      json_array_add_element (orders, g_steal_pointer (&copy));
    }
  json_object_set_array_member (page, "orders", json_array_ref (orders));
  json_object_set_int_member (page, "count", 49);
  json_object_set_int_member (page, "offset", 0);
  json_object_set_int_member (page, "limit", 50);
  json_node_set_object (page_node, page);
  page_text = json_to_string (page_node, FALSE);
  g_assert_cmpuint (strlen (page_text), >, 1024 * 1024);
  body = g_bytes_new_static (page_text, strlen (page_text));

  summaries = medusa_json_v2_parse_order_summaries (body, &error);
  g_assert_no_error (error);
  whole = medusa_json_v2_parse_order_page (body, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 49; i++)
    {
      g_autoptr(MedusaOrder) summary = g_list_model_get_item (
        medusa_order_page_get_orders (summaries), i);
      g_autoptr(MedusaOrder) full = g_list_model_get_item (medusa_order_page_get_orders (whole), i);

      g_assert_cmpuint (medusa_order_get_item_count (summary), ==, 20 * quantity);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (full)), ==, 20);
      g_assert_cmpstr (medusa_order_get_id (summary), ==, medusa_order_get_id (full));
    }

  json_node_set_object (one_node, one);
  one_text = json_to_string (one_node, FALSE);
  g_clear_pointer (&body, g_bytes_unref);
  body = g_bytes_new_static (one_text, strlen (one_text));
  order = medusa_json_v2_parse_order (body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 1000);
}

/* ------------------------------------------------------------------------ */
/* Recorded answers                                                         */

static void
test_customer_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("customer-me.json");
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_json_v2_parse_customer (body, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (medusa_customer_get_id (customer), "cus_"));
  g_assert_nonnull (medusa_customer_get_email (customer));
  g_assert_true (medusa_customer_get_has_account (customer));
  g_assert_nonnull (medusa_customer_get_created_at (customer));
}

/* billing is the address flagged is_default_billing */
static void
test_customer_billing_flag (void)
{
  g_autoptr(GBytes) body = text ("{\"customer\":{\"id\":\"cus_1\",\"email\":\"a@example.com\","
                                 "\"addresses\":["
                                 "{\"id\":\"cuaddr_1\",\"city\":\"Lyon\","
                                 "\"is_default_billing\":false,\"is_default_shipping\":true},"
                                 "{\"id\":\"cuaddr_2\",\"city\":\"Paris\","
                                 "\"is_default_billing\":true,\"is_default_shipping\":false}]}}");
  g_autoptr(GBytes) none = text ("{\"customer\":{\"id\":\"cus_1\",\"addresses\":["
                                 "{\"id\":\"cuaddr_1\",\"is_default_billing\":false}]}}");
  g_autoptr(GBytes) bad_flag = text ("{\"customer\":{\"id\":\"cus_1\",\"addresses\":["
                                     "{\"id\":\"cuaddr_1\",\"is_default_billing\":\"yes\"}]}}");
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) unbilled = NULL;
  g_autoptr(MedusaCustomer) refused = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_json_v2_parse_customer (body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)),
                    ==, 2);
  g_assert_cmpstr (medusa_customer_get_billing_address_id (customer), ==, "cuaddr_2");
  g_assert_cmpstr (medusa_address_get_city (medusa_customer_get_billing_address (customer)), ==,
                   "Paris");

  unbilled = medusa_json_v2_parse_customer (none, &error);
  g_assert_no_error (error);
  g_assert_null (medusa_customer_get_billing_address (unbilled));
  g_assert_null (medusa_customer_get_billing_address_id (unbilled));

  refused = medusa_json_v2_parse_customer (bad_flag, &error);
  g_assert_null (refused);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
}

static void
test_address_deleted (void)
{
  g_autoptr(GBytes) body = text ("{\"id\":\"cus_1\",\"object\":\"address\",\"deleted\":true,"
                                 "\"parent\":{\"id\":\"cus_1\",\"addresses\":[]}}");
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_json_v2_parse_address_deleted (body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, "cus_1");
}

static void
test_order_page_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("orders-page.json");
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;

  page = medusa_json_v2_parse_order_page (body, &error);
  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, medusa_order_page_get_limit (page));
  g_assert_cmpuint (medusa_order_page_get_count (page), >=, g_list_model_get_n_items (orders));
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      g_assert_true (g_str_has_prefix (medusa_order_get_id (order), "order_"));
      g_assert_cmpint (medusa_order_get_display_id (order), >, 0);
      g_assert_nonnull (medusa_order_get_status (order));
      g_assert_nonnull (medusa_order_get_payment_status (order));
      g_assert_nonnull (medusa_order_get_fulfillment_status (order));
      g_assert_nonnull (medusa_order_get_created_at (order));
      g_assert_cmpint (medusa_order_get_total (order), >, 0);
      g_assert_cmpuint (medusa_order_get_item_count (order), >=, 1);
    }
}

/* The same page as a list keeps it: what a row shows, the items counted
 * but no line item made; a hostile count saturates. */
static void
test_order_summaries (void)
{
  g_autoptr(GBytes) body = load_fixture ("orders-page.json");
  g_autoptr(GBytes) huge = text (
    "{\"orders\": [{\"id\": \"order_1\", \"currency_code\": \"usd\", \"items\": ["
    "{\"quantity\": 2147483647}, {\"quantity\": 2147483647}, {\"quantity\": 2147483647}], "
    "\"shipping_address\": {\"city\": 5}, \"payment_collections\": [1]}], \"count\": 1}");
  const char *bodies[] = {
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [1]}], \"count\": 1}",
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [{\"quantity\": -2}]}], \"count\": 1}",
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [{\"quantity\": 1.5}]}], \"count\": 1}",
  };
  g_autoptr(MedusaOrderPage) whole = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;

  whole = medusa_json_v2_parse_order_page (body, &error);
  g_assert_no_error (error);
  page = medusa_json_v2_parse_order_summaries (body, &error);
  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, medusa_order_page_get_count (whole));
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==,
                    g_list_model_get_n_items (medusa_order_page_get_orders (whole)));
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) summary = g_list_model_get_item (orders, i);
      g_autoptr(MedusaOrder) full = g_list_model_get_item (medusa_order_page_get_orders (whole), i);

      g_assert_cmpuint (medusa_order_get_item_count (summary), >=, 1);
      g_assert_cmpuint (medusa_order_get_item_count (summary), ==,
                        medusa_order_get_item_count (full));
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (full)), >=, 1);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (summary)), ==, 0);
      g_assert_cmpstr (medusa_order_get_id (summary), ==, medusa_order_get_id (full));
      g_assert_cmpint (medusa_order_get_display_id (summary), ==,
                       medusa_order_get_display_id (full));
      g_assert_cmpstr (medusa_order_get_status (summary), ==, medusa_order_get_status (full));
      g_assert_cmpint (medusa_order_get_total (summary), ==, medusa_order_get_total (full));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) bad = text (bodies[i]);
      g_autoptr(MedusaOrderPage) refused = medusa_json_v2_parse_order_summaries (bad, &error);

      g_test_message ("%s → %s", bodies[i], error ? error->message : "(parsed)");
      g_assert_null (refused);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);
    }

  /* the count saturates; what a summary does not keep it does not read */
  g_clear_object (&page);
  page = medusa_json_v2_parse_order_summaries (huge, &error);
  g_assert_no_error (error);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, G_MAXUINT);
  g_assert_null (medusa_order_get_shipping_address (order));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (order)), ==, 0);
}

static void
test_order_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("order.json");
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaLineItem) item = NULL;
  g_autoptr(MedusaShippingMethod) method = NULL;
  g_autoptr(GError) error = NULL;

  order = medusa_json_v2_parse_order (body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_order_get_currency_code (order), ==, "usd");
  /* 35, 25 and 10 dollars */
  g_assert_cmpint (medusa_order_get_total (order), ==, 3500);
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, 2500);
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==, 1000);
  g_assert_cmpint (medusa_order_get_tax_total (order), ==, 0);
  g_assert_nonnull (medusa_order_get_shipping_address (order));
  g_assert_nonnull (medusa_order_get_billing_address (order));
  g_assert_nonnull (medusa_order_get_email (order));

  item = g_list_model_get_item (medusa_order_get_items (order), 0);
  g_assert_cmpstr (medusa_line_item_get_title (item), ==, "Test T-Shirt");
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "M");
  g_assert_cmpstr (medusa_line_item_get_variant_sku (item), ==, "TEST-TSHIRT-M");
  g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, 2500);
  g_assert_cmpint (medusa_line_item_get_quantity (item), ==, 1);

  method = g_list_model_get_item (medusa_order_get_shipping_methods (order), 0);
  g_assert_cmpstr (medusa_shipping_method_get_name (method), ==, "Standard Shipping");
  g_assert_cmpint (medusa_shipping_method_get_price (method), ==, 1000);
}

/* What an order window shows, in v2's words: tracking from the fulfilments'
 * labels, refunds from the payments, promotion codes from the adjustments,
 * credit lines where gift cards were. */
static void
test_order_relations (void)
{
  g_autoptr(GBytes) body = text (
    "{\"order\":{\"id\":\"order_9\",\"currency_code\":\"eur\",\"total\":40.5,"
    "\"item_subtotal\":45,\"shipping_total\":5,\"discount_total\":4.5,\"tax_total\":0,"
    "\"credit_line_total\":5,"
    "\"items\":[{\"id\":\"i1\",\"title\":\"Shirt\",\"quantity\":3,\"unit_price\":15,"
    "\"total\":40.5,\"detail\":{\"fulfilled_quantity\":3,\"shipped_quantity\":2,"
    "\"return_received_quantity\":1},\"adjustments\":[{\"code\":\"PATRON10\",\"amount\":4.5},"
    "{\"code\":\"PATRON10\"}]}],"
    "\"shipping_methods\":[{\"id\":\"sm\",\"name\":\"Express\",\"amount\":5,"
    "\"adjustments\":[{\"code\":\"FREESHIP\"}]}],"
    "\"fulfillments\":[{\"id\":\"ful_1\",\"shipped_at\":\"2026-01-02T03:04:05.000Z\","
    "\"labels\":[{\"tracking_number\":\"1Z999\",\"tracking_url\":\"https://track.example/1Z999\"},"
    "{\"tracking_number\":\"LB2\",\"tracking_url\":\"#\"}]}],"
    "\"payment_collections\":[{\"captured_amount\":40.5,\"refunded_amount\":10.25,"
    "\"payments\":[{\"refunds\":[{\"id\":\"ref_1\",\"amount\":10.25,\"note\":\"Late\","
    "\"refund_reason\":{\"label\":\"Delay\"},\"created_at\":\"2026-01-05T00:00:00Z\"}]}]}],"
    "\"credit_lines\":[{\"amount\":5}]}}");
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaLineItem) item = NULL;
  g_autoptr(MedusaFulfillment) fulfillment = NULL;
  g_autoptr(MedusaTrackingLink) link = NULL;
  g_autoptr(MedusaTrackingLink) bare = NULL;
  g_autoptr(MedusaRefund) refund = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *codes;

  order = medusa_json_v2_parse_order (body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_total (order), ==, 4050);
  g_assert_cmpint (medusa_order_get_discount_total (order), ==, 450);
  /* credit lines are store credit, not gift cards */
  g_assert_cmpint (medusa_order_get_credit_total (order), ==, 500);
  g_assert_cmpint (medusa_order_get_gift_card_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, 4050);
  g_assert_cmpint (medusa_order_get_refunded_total (order), ==, 1025);

  codes = medusa_order_get_discount_codes (order);
  g_assert_cmpuint (g_strv_length ((GStrv) codes), ==, 2);
  g_assert_cmpstr (codes[0], ==, "PATRON10");
  g_assert_cmpstr (codes[1], ==, "FREESHIP");

  item = g_list_model_get_item (medusa_order_get_items (order), 0);
  g_assert_cmpint (medusa_line_item_get_fulfilled_quantity (item), ==, 3);
  g_assert_cmpint (medusa_line_item_get_shipped_quantity (item), ==, 2);
  g_assert_cmpint (medusa_line_item_get_returned_quantity (item), ==, 1);

  fulfillment = g_list_model_get_item (medusa_order_get_fulfillments (order), 0);
  g_assert_nonnull (medusa_fulfillment_get_shipped_at (fulfillment));
  link = g_list_model_get_item (medusa_fulfillment_get_tracking_links (fulfillment), 0);
  g_assert_cmpstr (medusa_tracking_link_get_tracking_number (link), ==, "1Z999");
  g_assert_cmpstr (medusa_tracking_link_get_url (link), ==, "https://track.example/1Z999");
  bare = g_list_model_get_item (medusa_fulfillment_get_tracking_links (fulfillment), 1);
  g_assert_null (medusa_tracking_link_get_url (bare));

  refund = g_list_model_get_item (medusa_order_get_refunds (order), 0);
  g_assert_cmpint (medusa_refund_get_amount (refund), ==, 1025);
  g_assert_cmpstr (medusa_refund_get_reason (refund), ==, "Delay");
  g_assert_cmpstr (medusa_refund_get_note (refund), ==, "Late");
}

static MedusaOrder *
order_fixture (const char *name)
{
  g_autoptr(GBytes) body = load_fixture (name);
  g_autoptr(GError) error = NULL;
  MedusaOrder *order;

  order = medusa_json_v2_parse_order (body, &error);
  g_assert_no_error (error);

  return order;
}

/* The v2 test store's seeded orders, as GET /store/orders/{id} answers
 * them with the dialect's fields. */
static void
test_seeded_order_fixtures (void)
{
  g_autoptr(MedusaOrder) jpy = order_fixture ("order-jpy.json");
  g_autoptr(MedusaOrder) kwd = order_fixture ("order-kwd.json");
  g_autoptr(MedusaOrder) promotion = order_fixture ("order-promotion.json");
  g_autoptr(MedusaOrder) refunded = order_fixture ("order-refunded.json");
  g_autoptr(MedusaOrder) shipped = order_fixture ("order-shipped.json");
  g_autoptr(MedusaLineItem) yen_item = g_list_model_get_item (medusa_order_get_items (jpy), 0);
  g_autoptr(MedusaLineItem) dinar_item = g_list_model_get_item (medusa_order_get_items (kwd), 0);
  g_autoptr(MedusaRefund) refund = NULL;
  g_autoptr(MedusaFulfillment) fulfillment = NULL;

  /* zero decimals: 2800 yen is 2800; shipping before tax, tax apart */
  g_assert_cmpint (medusa_line_item_get_unit_price (yen_item), ==, 2800);
  g_assert_cmpint (medusa_order_get_subtotal (jpy), ==, 2800);
  g_assert_cmpint (medusa_order_get_shipping_total (jpy), ==, 500);
  g_assert_cmpint (medusa_order_get_tax_total (jpy), ==, 330);
  g_assert_cmpint (medusa_order_get_total (jpy), ==, 3630);

  /* three decimals: 5.125 dinars is 5125 fils */
  g_assert_cmpint (medusa_line_item_get_unit_price (dinar_item), ==, 5125);
  g_assert_cmpint (medusa_line_item_get_quantity (dinar_item), ==, 3);
  g_assert_cmpint (medusa_line_item_get_total (dinar_item), ==, 15375);
  g_assert_cmpint (medusa_order_get_shipping_total (kwd), ==, 1250);
  g_assert_cmpint (medusa_order_get_total (kwd), ==, 16625);

  /* a promotion: its code from the adjustments */
  g_assert_cmpint (medusa_order_get_discount_total (promotion), ==, 390);
  g_assert_cmpint (medusa_order_get_total (promotion), ==, 4310);
  g_assert_cmpuint (g_strv_length ((GStrv) medusa_order_get_discount_codes (promotion)), ==, 1);
  g_assert_cmpstr (medusa_order_get_discount_codes (promotion)[0], ==, "PATRON10");

  /* a refund: the payment collection's refunded amount; a credit line
   * where v1 had a gift card */
  g_assert_cmpint (medusa_order_get_refunded_total (refunded), ==, 500);
  g_assert_cmpint (medusa_order_get_paid_total (refunded), ==, 6650);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (refunded)), ==, 1);
  refund = g_list_model_get_item (medusa_order_get_refunds (refunded), 0);
  g_assert_cmpint (medusa_refund_get_amount (refund), ==, 500);
  g_assert_nonnull (medusa_refund_get_created_at (refund));
  g_assert_cmpint (medusa_order_get_credit_total (refunded), ==, 500);
  g_assert_cmpint (medusa_order_get_total (refunded), ==,
                   medusa_order_get_subtotal (refunded) +
                   medusa_order_get_shipping_total (refunded) -
                   medusa_order_get_credit_total (refunded));

  /* shipped in two parcels; Medusa 2.21's Store API sends no tracking */
  g_assert_cmpstr (medusa_order_get_fulfillment_status (shipped), ==, "shipped");
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (shipped)), ==, 2);
  fulfillment = g_list_model_get_item (medusa_order_get_fulfillments (shipped), 0);
  g_assert_nonnull (medusa_fulfillment_get_shipped_at (fulfillment));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_fulfillment_get_tracking_links (fulfillment)),
                    ==, 0);
}

static void
test_regions_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("regions.json");
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(MedusaRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  MedusaCountry *us;

  regions = medusa_json_v2_parse_regions (body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (regions), >=, 1);
  region = g_list_model_get_item (regions, 0);
  us = medusa_region_find_country (region, "us");
  g_assert_nonnull (us);
  /* v2 sends the numeric code as text */
  g_assert_cmpint (medusa_country_get_num_code (us), ==, 840);
  g_assert_cmpstr (medusa_country_get_display_name (us), ==, "United States");
}

static void
test_token (void)
{
  g_autoptr(GBytes) good = text ("{\"token\":\"eyJ.eyJ.sig\"}");
  g_autoptr(GBytes) v1 = text ("{\"access_token\":\"eyJ.eyJ.sig\"}");
  g_autoptr(GBytes) spaced = text ("{\"token\":\"eyJ eyJ\\r\\nX-Evil: 1\"}");
  g_autofree char *token = NULL;
  g_autofree char *none = NULL;
  g_autofree char *evil = NULL;
  g_autoptr(GError) error = NULL;

  token = medusa_json_v2_parse_token (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "eyJ.eyJ.sig");

  none = medusa_json_v2_parse_token (v1, &error);
  g_assert_null (none);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* it goes into a header */
  evil = medusa_json_v2_parse_token (spaced, &error);
  g_assert_null (evil);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
}

/* ------------------------------------------------------------------------ */
/* Errors and detection                                                     */

typedef struct
{
  const char  *name;
  const char  *content_type;
  MedusaError  code;
  const char  *server_type;
} ErrorCase;

static guint
fixture_status (const char *name)
{
  g_autofree char *status_name = g_strconcat (name, ".status", NULL);
  g_autoptr(GBytes) status = load_fixture (status_name);
  g_autofree char *digits = g_strndup (g_bytes_get_data (status, NULL), g_bytes_get_size (status));

  return (guint) g_ascii_strtoull (digits, NULL, 10);
}

static void
test_error_fixtures (void)
{
  const ErrorCase cases[] = {
    { "error-400-not-allowed.json", "application/json", MEDUSA_ERROR_KEY_REQUIRED, "not_allowed" },
    { "error-400-bad-key.json", "application/json", MEDUSA_ERROR_KEY_REQUIRED, "not_allowed" },
    { "error-401-unauthorized.json", "application/json", MEDUSA_ERROR_UNAUTHORIZED, NULL },
    { "error-401-identity-exists.json", "application/json", MEDUSA_ERROR_UNAUTHORIZED,
      "unauthorized" },
    { "error-401-invalid-token.json", "application/json", MEDUSA_ERROR_UNAUTHORIZED,
      "unauthorized" },
    { "error-404-order.json", "application/json", MEDUSA_ERROR_NOT_FOUND, "not_found" },
    { "error-404-route.html", "text/html", MEDUSA_ERROR_NOT_FOUND, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = load_fixture (cases[i].name);
      g_autoptr(GError) error = NULL;
      guint status = fixture_status (cases[i].name);

      g_test_message ("%s", cases[i].name);
      g_assert_false (medusa_error_from_response (status, cases[i].content_type, body, &error));
      g_assert_error (error, MEDUSA_ERROR, (int) cases[i].code);
      g_assert_cmpuint (medusa_error_get_http_status (error), ==, status);
      g_assert_cmpstr (medusa_error_get_server_type (error), ==, cases[i].server_type);
      /* never an HTML page as a message */
      g_assert_null (strstr (error->message, "<"));
    }

  /* v2's other refusals of type not_allowed are not about the key */
  {
    g_autoptr(GBytes) body = text ("{\"type\":\"not_allowed\",\"message\":\"Order is canceled\"}");
    g_autoptr(GError) error = NULL;

    g_assert_false (medusa_error_from_response (400, "application/json", body, &error));
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  }
}

static void
test_recognize (void)
{
  g_autoptr(GBytes) probe = load_fixture ("auth-probe-401.json");
  g_autoptr(GBytes) html = load_fixture ("error-404-route.html");
  g_autoptr(GBytes) page = text ("<html>Welcome</html>");
  g_autoptr(GBytes) other_json = text ("{\"error\":\"nope\"}");

  g_assert_cmpint (medusa_dialect_recognize (fixture_status ("auth-probe-401.json"),
                                             "application/json; charset=utf-8", probe),
                   ==, MEDUSA_API_VERSION_2);
  /* v1 has no /auth routes: Express's HTML 404 */
  g_assert_cmpint (medusa_dialect_recognize (404, "text/html; charset=utf-8", html),
                   ==, MEDUSA_API_VERSION_1);
  /* neither: any other web site */
  g_assert_cmpint (medusa_dialect_recognize (200, "text/html", page),
                   ==, MEDUSA_API_VERSION_UNKNOWN);
  g_assert_cmpint (medusa_dialect_recognize (401, "text/html", page),
                   ==, MEDUSA_API_VERSION_UNKNOWN);
  g_assert_cmpint (medusa_dialect_recognize (401, "application/json", other_json),
                   ==, MEDUSA_API_VERSION_UNKNOWN);
  g_assert_cmpint (medusa_dialect_recognize (500, "application/json", probe),
                   ==, MEDUSA_API_VERSION_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-v2/amounts/decimal-to-minor", test_decimal_to_minor);
  g_test_add_func ("/json-v2/amounts/in-orders", test_order_amounts);
  g_test_add_func ("/json-v2/amounts/numbers-in-texts", test_numbers_in_texts);
  g_test_add_func ("/json-v2/amounts/number-flood", test_number_flood);
  g_test_add_func ("/json-v2/malformed-orders", test_malformed_orders);
  g_test_add_func ("/json-v2/fixtures/customer", test_customer_fixture);
  g_test_add_func ("/json-v2/customer/billing-flag", test_customer_billing_flag);
  g_test_add_func ("/json-v2/customer/address-deleted", test_address_deleted);
  g_test_add_func ("/json-v2/fixtures/orders-page", test_order_page_fixture);
  g_test_add_func ("/json-v2/fixtures/order-summaries", test_order_summaries);
  g_test_add_func ("/json-v2/orders-of-many-items", test_orders_of_many_items);
  g_test_add_func ("/json-v2/fixtures/order", test_order_fixture);
  g_test_add_func ("/json-v2/order/relations", test_order_relations);
  g_test_add_func ("/json-v2/fixtures/seeded-orders", test_seeded_order_fixtures);
  g_test_add_func ("/json-v2/fixtures/regions", test_regions_fixture);
  g_test_add_func ("/json-v2/token", test_token);
  g_test_add_func ("/json-v2/fixtures/errors", test_error_fixtures);
  g_test_add_func ("/json-v2/recognize", test_recognize);

  return g_test_run ();
}
