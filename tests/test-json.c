/* test-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parsers on answers recorded from the real Medusa v1 test store
 * (tests/fixtures/, made by tests/medusa-store/record-fixtures.sh) and on
 * hand-made malformed ones.
 */

#include "config.h"

#include "test-util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <malloc.h>

#include "medusa.h"
#include "medusa-json.h"

static GBytes *
load_fixture (const char *name)
{
  return test_load_fixture (name, NULL);
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_customer_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("customer-me.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = medusa_json_parse_customer_response (body, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (medusa_customer_get_id (customer), "cus_"));
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "buyer@example.com");
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Test");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Buyer");
  g_assert_true (medusa_customer_get_has_account (customer));
  g_assert_nonnull (medusa_customer_get_created_at (customer));
  g_assert_nonnull (medusa_customer_get_shipping_addresses (customer));
}

static void
test_customer_with_addresses_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("customer-with-addresses.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = medusa_json_parse_customer_response (body, &error);
  GListModel *addresses;

  g_assert_no_error (error);
  addresses = medusa_customer_get_shipping_addresses (customer);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, i);

      g_assert_true (g_str_has_prefix (medusa_address_get_id (address), "addr_"));
      g_assert_cmpstr (medusa_address_get_customer_id (address), ==,
                       medusa_customer_get_id (customer));
      g_assert_nonnull (medusa_address_get_address_1 (address));
      g_assert_nonnull (medusa_address_get_city (address));
      g_assert_nonnull (medusa_address_get_country_code (address));
      g_assert_nonnull (medusa_address_get_created_at (address));
    }
}

static void
test_token_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("auth-token.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = medusa_json_parse_token_response (body, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (token, "eyJ"));
}

static void
test_exists_fixtures (void)
{
  g_autoptr(GBytes) yes = load_fixture ("auth-exists-true.json");
  g_autoptr(GBytes) no = load_fixture ("auth-exists-false.json");
  g_autoptr(GError) error = NULL;
  gboolean exists = FALSE;

  g_assert_true (medusa_json_parse_exists_response (yes, &exists, &error));
  g_assert_no_error (error);
  g_assert_true (exists);
  g_assert_true (medusa_json_parse_exists_response (no, &exists, &error));
  g_assert_false (exists);
}

static void
test_order_page_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("orders-page.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);
  GListModel *orders;

  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (medusa_order_page_get_limit (page), ==, 10);
  g_assert_cmpuint (medusa_order_page_get_offset (page), ==, 0);
  g_assert_cmpuint (medusa_order_page_get_count (page), >=, g_list_model_get_n_items (orders));
  g_assert_cmpuint (g_list_model_get_n_items (orders), >=, 3);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      GListModel *items = medusa_order_get_items (order);
      gint64 items_total = 0;

      g_assert_cmpint (medusa_order_get_display_id (order), >, 0);
      g_assert_nonnull (medusa_order_get_currency_code (order));
      g_assert_nonnull (medusa_order_get_status (order));
      g_assert_nonnull (medusa_order_get_fulfillment_status (order));
      g_assert_nonnull (medusa_order_get_payment_status (order));
      g_assert_cmpuint (g_list_model_get_n_items (items), >=, 1);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, j);

          g_assert_nonnull (medusa_line_item_get_title (item));
          g_assert_cmpint (medusa_line_item_get_quantity (item), >=, 1);
          g_assert_cmpint (medusa_line_item_get_unit_price (item), >, 0);
          g_assert_cmpint (medusa_line_item_get_subtotal (item), ==,
                           medusa_line_item_get_unit_price (item) *
                           medusa_line_item_get_quantity (item));
          items_total += medusa_line_item_get_subtotal (item);
        }

      /* totals add up as Medusa computes them */
      g_assert_cmpint (medusa_order_get_subtotal (order), ==, items_total);
      g_assert_cmpint (medusa_order_get_total (order), ==,
                       medusa_order_get_subtotal (order) + medusa_order_get_shipping_total (order) +
                       medusa_order_get_tax_total (order) - medusa_order_get_discount_total (order) -
                       medusa_order_get_gift_card_total (order));
    }
}

/* The same page as a list keeps it: what a row shows, the items counted
 * but no line item made. */
static void
test_order_summaries_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("orders-page.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) whole = medusa_json_parse_order_page (body, &error);
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_summaries (body, &error);
  GListModel *orders;

  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, medusa_order_page_get_count (whole));
  g_assert_cmpuint (medusa_order_page_get_limit (page), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==,
                    g_list_model_get_n_items (medusa_order_page_get_orders (whole)));
  g_assert_cmpuint (g_list_model_get_n_items (orders), >=, 3);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      g_autoptr(MedusaOrder) full = g_list_model_get_item (medusa_order_page_get_orders (whole), i);
      GListModel *items = medusa_order_get_items (full);
      guint quantities = 0;

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, j);

          quantities += medusa_line_item_get_quantity (item);
        }

      g_assert_cmpuint (medusa_order_get_item_count (order), ==, quantities);
      g_assert_cmpuint (medusa_order_get_item_count (order), >=, 1);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 0);
      g_assert_cmpstr (medusa_order_get_id (order), ==, medusa_order_get_id (full));
      g_assert_cmpint (medusa_order_get_display_id (order), ==, medusa_order_get_display_id (full));
      g_assert_cmpstr (medusa_order_get_status (order), ==, medusa_order_get_status (full));
      g_assert_cmpstr (medusa_order_get_fulfillment_status (order), ==,
                       medusa_order_get_fulfillment_status (full));
      g_assert_cmpstr (medusa_order_get_payment_status (order), ==,
                       medusa_order_get_payment_status (full));
      g_assert_cmpstr (medusa_order_get_currency_code (order), ==,
                       medusa_order_get_currency_code (full));
      g_assert_cmpint (medusa_order_get_total (order), ==, medusa_order_get_total (full));
      g_assert_true (g_date_time_equal (medusa_order_get_created_at (order),
                                        medusa_order_get_created_at (full)));
    }
}

/* A summary is bounded whatever the store sends: its count saturates, the
 * items' list keeps the whole parse's limit and checks, and nothing of an
 * order's details is made. */
static void
test_order_summaries_hostile (void)
{
  const char *bodies[] = {
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [1]}], \"count\": 1}",
    "{\"orders\": [{\"id\": \"order_1\", \"items\": {\"quantity\": 1}}], \"count\": 1}",
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [{\"quantity\": -2}]}], \"count\": 1}",
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [{\"quantity\": \"2\"}]}], \"count\": 1}",
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [{\"quantity\": 1.5}]}], \"count\": 1}",
  };
  g_autoptr(GString) many = g_string_new ("{\"orders\": [{\"id\": \"order_1\", \"items\": [");
  g_autoptr(GBytes) huge = bytes_of (
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [{\"quantity\": 2147483647}, "
    "{\"quantity\": 2147483647}, {\"quantity\": 2147483647}]}], \"count\": 1}");
  g_autoptr(GBytes) detailed = bytes_of (
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [{\"title\": \"Tea\", \"quantity\": 3, "
    "\"variant\": {\"title\": 5}}], \"shipping_address\": {\"city\": \"Oslo\"}, "
    "\"billing_address\": {\"city\": \"Oslo\"}, \"shipping_methods\": [{\"price\": 5}], "
    "\"fulfillments\": [{\"id\": \"ful_1\"}], \"refunds\": [{\"amount\": 5}], "
    "\"discounts\": [{\"code\": \"TEA10\"}], \"gift_cards\": [{\"code\": \"GIFT\"}]}], "
    "\"count\": 1}");
  g_autoptr(GBytes) too_many = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_of (bodies[i]);
      g_autoptr(MedusaOrderPage) refused = medusa_json_parse_order_summaries (body, &error);

      g_test_message ("%s → %s", bodies[i], error ? error->message : "(parsed)");
      g_assert_null (refused);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);
    }

  /* more items than an order has: refused as the whole parse refuses them */
  for (guint i = 0; i <= MEDUSA_JSON_MAX_ORDER_PARTS; i++)
    g_string_append (many, i == 0 ? "{\"quantity\": 1}" : ",{\"quantity\": 1}");
  g_string_append (many, "]}], \"count\": 1}");
  too_many = bytes_of (many->str);
  page = medusa_json_parse_order_summaries (too_many, &error);
  g_assert_null (page);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* the count saturates rather than wraps */
  page = medusa_json_parse_order_summaries (huge, &error);
  g_assert_no_error (error);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, G_MAXUINT);
  g_clear_object (&order);
  g_clear_object (&page);

  /* of an order's details a summary reads and keeps nothing: the variant's
   * title (a number) fails the whole parse */
  page = medusa_json_parse_order_summaries (detailed, &error);
  g_assert_no_error (error);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 0);
  g_assert_null (medusa_order_get_shipping_address (order));
  g_assert_null (medusa_order_get_billing_address (order));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_shipping_methods (order)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (order)), ==, 0);
  g_assert_null (medusa_order_get_discount_codes (order)[0]);
  g_assert_null (medusa_order_get_gift_card_codes (order)[0]);
  g_assert_null (medusa_json_parse_order_page (detailed, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
}

/* One order as MedusaClient asks for it: the customer's list filtered by id. */
static MedusaOrder *
load_order (const char *name)
{
  g_autoptr(GBytes) body = load_fixture (name);
  g_autoptr(GError) error = NULL;
  MedusaOrder *order = medusa_json_parse_single_order_page (body, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_true (g_str_has_prefix (medusa_order_get_id (order), "order_"));
  g_assert_cmpstr (medusa_order_get_email (order), ==, "buyer@example.com");
  g_assert_nonnull (medusa_order_get_created_at (order));

  return order;
}

/* Every seeded order holds one line of the seeded product, its M variant. */
static MedusaLineItem *
assert_one_item (MedusaOrder *order,
                 int          quantity,
                 gint64       unit_price,
                 gint64       discount,
                 gint64       tax,
                 gint64       total)
{
  GListModel *items = medusa_order_get_items (order);
  g_autoptr(MedusaLineItem) item = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  item = g_list_model_get_item (items, 0);
  g_assert_true (g_str_has_prefix (medusa_line_item_get_id (item), "item_"));
  g_assert_cmpstr (medusa_line_item_get_title (item), ==, "Test T-Shirt");
  g_assert_cmpstr (medusa_line_item_get_description (item), ==, "M");
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "M");
  g_assert_cmpstr (medusa_line_item_get_variant_sku (item), ==, "TEE-M");
  g_assert_cmpstr (medusa_line_item_get_thumbnail (item), ==,
                   "http://127.0.0.1:9000/uploads/test-t-shirt-m.png");
  g_assert_cmpint (medusa_line_item_get_quantity (item), ==, quantity);
  g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, unit_price);
  g_assert_cmpint (medusa_line_item_get_subtotal (item), ==, unit_price * quantity);
  g_assert_cmpint (medusa_line_item_get_discount_total (item), ==, discount);
  g_assert_cmpint (medusa_line_item_get_tax_total (item), ==, tax);
  g_assert_cmpint (medusa_line_item_get_total (item), ==, total);
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, quantity);

  return item;   /* the order keeps it alive */
}

static void
assert_totals (MedusaOrder *order,
               gint64       subtotal,
               gint64       shipping,
               gint64       tax,
               gint64       discount,
               gint64       gift_card,
               gint64       refunded,
               gint64       paid,
               gint64       total)
{
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, subtotal);
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==, shipping);
  g_assert_cmpint (medusa_order_get_tax_total (order), ==, tax);
  g_assert_cmpint (medusa_order_get_discount_total (order), ==, discount);
  g_assert_cmpint (medusa_order_get_gift_card_total (order), ==, gift_card);
  g_assert_cmpint (medusa_order_get_refunded_total (order), ==, refunded);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, paid);
  g_assert_cmpint (medusa_order_get_total (order), ==, total);
  /* as Medusa v1 adds them up */
  g_assert_cmpint (total, ==, subtotal + shipping + tax - discount - gift_card);
}

static void
assert_one_shipping_method (MedusaOrder *order,
                            const char  *name,
                            gint64       price,
                            gint64       total)
{
  GListModel *methods = medusa_order_get_shipping_methods (order);
  g_autoptr(MedusaShippingMethod) method = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (methods), ==, 1);
  method = g_list_model_get_item (methods, 0);
  g_assert_cmpstr (medusa_shipping_method_get_name (method), ==, name);
  g_assert_cmpint (medusa_shipping_method_get_price (method), ==, price);
  g_assert_cmpint (medusa_shipping_method_get_total (method), ==, total);
}

static void
test_order_shipped_fixture (void)
{
  g_autoptr(MedusaOrder) order = load_order ("order-shipped.json");
  GListModel *fulfillments = medusa_order_get_fulfillments (order);
  /* seed-orders.js ships the two shirts in two parcels */
  const char *parcels[][3] = {
    { "1Z999AA10123456784", NULL },
    { "1Z999AA10123456785", "1Z999AA10123456786", NULL },
  };
  MedusaLineItem *item;
  MedusaAddress *address;

  g_assert_cmpstr (medusa_order_get_status (order), ==, "completed");
  g_assert_cmpstr (medusa_order_get_fulfillment_status (order), ==, "shipped");
  g_assert_cmpstr (medusa_order_get_payment_status (order), ==, "captured");
  g_assert_cmpstr (medusa_order_get_currency_code (order), ==, "usd");
  g_assert_cmpstr (medusa_order_get_region_name (order), ==, "United States");
  item = assert_one_item (order, 2, 1950, 0, 0, 3900);
  g_assert_cmpint (medusa_line_item_get_fulfilled_quantity (item), ==, 2);
  g_assert_cmpint (medusa_line_item_get_shipped_quantity (item), ==, 2);
  g_assert_cmpint (medusa_line_item_get_returned_quantity (item), ==, 0);
  assert_totals (order, 3900, 800, 0, 0, 0, 0, 4700, 4700);
  assert_one_shipping_method (order, "Standard US", 800, 800);

  g_assert_cmpuint (g_list_model_get_n_items (fulfillments), ==, G_N_ELEMENTS (parcels));
  for (guint i = 0; i < G_N_ELEMENTS (parcels); i++)
    {
      g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (fulfillments, i);
      GListModel *links = medusa_fulfillment_get_tracking_links (fulfillment);
      guint n_links = g_strv_length ((char **) parcels[i]);

      g_assert_true (g_str_has_prefix (medusa_fulfillment_get_id (fulfillment), "ful_"));
      g_assert_nonnull (medusa_fulfillment_get_created_at (fulfillment));
      g_assert_nonnull (medusa_fulfillment_get_shipped_at (fulfillment));
      g_assert_null (medusa_fulfillment_get_canceled_at (fulfillment));
      /* v1 keeps the numbers in tracking_links; the old tracking_numbers
       * column stays empty */
      g_assert_null (medusa_fulfillment_get_tracking_numbers (fulfillment)[0]);
      g_assert_cmpuint (g_list_model_get_n_items (links), ==, n_links);
      for (guint j = 0; j < n_links; j++)
        {
          g_autoptr(MedusaTrackingLink) link = g_list_model_get_item (links, j);

          g_assert_cmpstr (medusa_tracking_link_get_tracking_number (link), ==, parcels[i][j]);
          /* the admin API takes tracking numbers only: a URL comes from a
           * fulfillment provider, and the manual one gives none */
          g_assert_null (medusa_tracking_link_get_url (link));
        }
    }

  address = medusa_order_get_shipping_address (order);
  g_assert_nonnull (address);
  g_assert_cmpstr (medusa_address_get_first_name (address), ==, "Test");
  g_assert_cmpstr (medusa_address_get_last_name (address), ==, "Buyer");
  g_assert_cmpstr (medusa_address_get_address_1 (address), ==, "1 Main St");
  g_assert_cmpstr (medusa_address_get_city (address), ==, "Springfield");
  g_assert_cmpstr (medusa_address_get_postal_code (address), ==, "12345");
  g_assert_cmpstr (medusa_address_get_country_code (address), ==, "us");
  g_assert_cmpstr (medusa_address_get_phone (address), ==, "+15550100");
}

static void
test_order_refunded_fixture (void)
{
  g_autoptr(MedusaOrder) order = load_order ("order-refunded.json");
  g_autoptr(MedusaRefund) refund = NULL;
  GListModel *refunds = medusa_order_get_refunds (order);

  /* refunding money changes the payment status only */
  g_assert_cmpstr (medusa_order_get_status (order), ==, "pending");
  g_assert_cmpstr (medusa_order_get_fulfillment_status (order), ==, "not_fulfilled");
  g_assert_cmpstr (medusa_order_get_payment_status (order), ==, "partially_refunded");
  assert_one_item (order, 3, 1950, 0, 0, 5850);
  /* the total stays what was charged; refunded_total says what came back */
  assert_totals (order, 5850, 800, 0, 0, 0, 500, 6650, 6650);

  g_assert_cmpuint (g_list_model_get_n_items (refunds), ==, 1);
  refund = g_list_model_get_item (refunds, 0);
  g_assert_true (g_str_has_prefix (medusa_refund_get_id (refund), "ref_"));
  g_assert_cmpint (medusa_refund_get_amount (refund), ==, 500);
  g_assert_cmpstr (medusa_refund_get_reason (refund), ==, "discount");
  g_assert_cmpstr (medusa_refund_get_note (refund), ==, "Price match");
  g_assert_nonnull (medusa_refund_get_created_at (refund));
  g_assert_cmpint (g_date_time_compare (medusa_refund_get_created_at (refund),
                                        medusa_order_get_created_at (order)), >, 0);
}

static void
test_order_discount_fixture (void)
{
  g_autoptr(MedusaOrder) order = load_order ("order-discount.json");
  const char * const *codes = medusa_order_get_discount_codes (order);

  g_assert_cmpuint (g_strv_length ((char **) codes), ==, 1);
  g_assert_cmpstr (codes[0], ==, "PATRON10");
  g_assert_cmpuint (g_strv_length ((char **) medusa_order_get_gift_card_codes (order)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (order)), ==, 0);
  /* 10 % of 2 × 19.50, on the item; shipping is not discounted */
  assert_one_item (order, 2, 1950, 390, 0, 3510);
  /* v1 counts a payment only authorized as paid */
  assert_totals (order, 3900, 800, 0, 390, 0, 0, 4310, 4310);
  g_assert_cmpstr (medusa_order_get_payment_status (order), ==, "awaiting");
}

static void
test_order_gift_card_fixture (void)
{
  g_autoptr(MedusaOrder) order = load_order ("order-gift-card.json");
  const char * const *codes = medusa_order_get_gift_card_codes (order);
  g_autoptr(GRegex) code_format = g_regex_new ("^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$", 0, 0, NULL);

  g_assert_cmpuint (g_strv_length ((char **) codes), ==, 1);
  /* Medusa makes the code up: XXXX-XXXX-XXXX-XXXX */
  g_assert_true (g_regex_match (code_format, codes[0], 0, NULL));
  g_assert_cmpuint (g_strv_length ((char **) medusa_order_get_discount_codes (order)), ==, 0);
  assert_one_item (order, 1, 1950, 0, 0, 1950);
  /* the 10.00 card pays part of 27.50; the rest is the payment */
  assert_totals (order, 1950, 800, 0, 0, 1000, 0, 1750, 1750);
}

static void
test_order_jpy_fixture (void)
{
  g_autoptr(MedusaOrder) order = load_order ("order-jpy.json");

  /* yen have no minor unit: 2800 is ¥2,800; the region taxes 10 %, shipping too */
  g_assert_cmpstr (medusa_order_get_currency_code (order), ==, "jpy");
  g_assert_cmpstr (medusa_order_get_region_name (order), ==, "Japan");
  assert_one_item (order, 1, 2800, 0, 280, 3080);
  assert_totals (order, 2800, 500, 330, 0, 0, 0, 3630, 3630);
  assert_one_shipping_method (order, "Standard JP", 500, 550);
  g_assert_cmpstr (medusa_address_get_country_code (medusa_order_get_shipping_address (order)),
                   ==, "jp");
}

static void
test_order_kwd_fixture (void)
{
  g_autoptr(MedusaOrder) order = load_order ("order-kwd.json");

  /* three decimals: 5125 is KWD 5.125; v1 itself knows no decimals */
  g_assert_cmpstr (medusa_order_get_currency_code (order), ==, "kwd");
  g_assert_cmpstr (medusa_order_get_region_name (order), ==, "Kuwait");
  assert_one_item (order, 3, 5125, 0, 0, 15375);
  assert_totals (order, 15375, 1250, 0, 0, 0, 0, 16625, 16625);
  assert_one_shipping_method (order, "Standard KW", 1250, 1250);
}

static void
test_order_missing_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("order-missing.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = medusa_json_parse_single_order_page (body, &error);

  /* v1 answers an unknown id with an empty list, not a 404 */
  g_assert_null (order);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
}

static void
test_regions_fixture (void)
{
  g_autoptr(GBytes) body = load_fixture ("regions.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) regions = medusa_json_parse_regions_response (body, &error);
  gboolean found_jpy = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (regions), >=, 2);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(MedusaRegion) region = g_list_model_get_item (regions, i);

      g_assert_cmpuint (g_list_model_get_n_items (medusa_region_get_countries (region)), >=, 1);
      if (g_strcmp0 (medusa_region_get_currency_code (region), "jpy") == 0)
        {
          found_jpy = TRUE;
          g_assert_nonnull (medusa_region_find_country (region, "jp"));
        }
    }
  g_assert_true (found_jpy);
}

static void
assert_error_fixture (const char  *name,
                      const char  *content_type,
                      MedusaError  code,
                      const char  *server_type)
{
  g_autofree char *status_name = g_strconcat (name, ".status", NULL);
  g_autoptr(GBytes) body = load_fixture (name);
  g_autoptr(GBytes) status_text = load_fixture (status_name);
  g_autoptr(GError) error = NULL;
  g_autofree char *status_string = g_strndup (g_bytes_get_data (status_text, NULL),
                                              g_bytes_get_size (status_text));
  guint status = atoi (g_strstrip (status_string));

  g_assert_false (medusa_error_from_response (status, content_type, body, &error));
  g_assert_error (error, MEDUSA_ERROR, code);
  g_assert_cmpuint (medusa_error_get_http_status (error), ==, status);
  g_assert_cmpstr (medusa_error_get_server_type (error), ==, server_type);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_error_fixtures (void)
{
  assert_error_fixture ("error-401.txt", NULL, MEDUSA_ERROR_UNAUTHORIZED, NULL);
  assert_error_fixture ("error-422-duplicate.json", "application/json",
                        MEDUSA_ERROR_DUPLICATE, "duplicate_error");
  assert_error_fixture ("error-400-invalid.json", "application/json",
                        MEDUSA_ERROR_INVALID_DATA, "invalid_data");
  assert_error_fixture ("error-404-country.json", "application/json",
                        MEDUSA_ERROR_NOT_FOUND, "not_found");
  assert_error_fixture ("error-500-reset.json", "application/json",
                        MEDUSA_ERROR_SERVER_ERROR, "unknown_error");
}

static void
test_success_is_no_error (void)
{
  g_autoptr(GBytes) body = bytes_of ("{}");

  g_assert_true (medusa_error_from_response (200, "application/json", body, NULL));
  g_assert_true (medusa_error_from_response (204, NULL, NULL, NULL));
}

static void
test_error_statuses (void)
{
  const struct {
    guint status;
    MedusaError code;
  } cases[] = {
    { 400, MEDUSA_ERROR_INVALID_DATA },
    { 401, MEDUSA_ERROR_UNAUTHORIZED },
    { 403, MEDUSA_ERROR_NOT_ALLOWED },
    { 404, MEDUSA_ERROR_NOT_FOUND },
    { 409, MEDUSA_ERROR_CONFLICT },
    { 422, MEDUSA_ERROR_DUPLICATE },
    { 500, MEDUSA_ERROR_SERVER_ERROR },
    { 503, MEDUSA_ERROR_SERVER_ERROR },
    { 418, MEDUSA_ERROR_FAILED },
    /* not followed: the call's token would go along (test-faults) */
    { 302, MEDUSA_ERROR_REDIRECTED },
    { 308, MEDUSA_ERROR_REDIRECTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (medusa_error_from_response (cases[i].status, NULL, NULL, &error));
      g_assert_error (error, MEDUSA_ERROR, cases[i].code);
      g_assert_cmpuint (medusa_error_get_http_status (error), ==, cases[i].status);
    }
}

static void
test_error_message_bounded (void)
{
  g_autoptr(GString) json = g_string_new ("{\"type\": \"invalid_data\", \"message\": \"");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) html = bytes_of ("<html>Bad Gateway</html>");
  g_autoptr(GBytes) invalid_utf8 = bytes_of ("\xff\xfe Unauthorized");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) html_error = NULL;
  g_autoptr(GError) utf8_error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, 'x');
  g_string_append (json, "\"}");
  body = bytes_of (json->str);

  g_assert_false (medusa_error_from_response (400, "application/json", body, &error));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <=, 500);

  /* an HTML page is not shown to anyone */
  g_assert_false (medusa_error_from_response (502, "text/html", html, &html_error));
  g_assert_cmpstr (html_error->message, ==, "HTTP 502");

  g_assert_false (medusa_error_from_response (401, NULL, invalid_utf8, &utf8_error));
  g_assert_true (g_utf8_validate (utf8_error->message, -1, NULL));
}

static void
test_malformed_bodies (void)
{
  const char *bodies[] = {
    "",
    "null",
    "42",
    "\"customer\"",
    "[]",
    "{",
    "{\"customer\": null}",
    "{\"customer\": []}",
    "{\"customer\": {}}",                                     /* no id */
    "{\"customer\": {\"id\": 7}}",
    "{\"customer\": {\"id\": \"\"}}",
    "{\"customer\": {\"id\": \"cus_1\", \"has_account\": \"yes\"}}",
    "{\"customer\": {\"id\": \"cus_1\", \"created_at\": \"yesterday\"}}",
    "{\"customer\": {\"id\": \"cus_1\", \"created_at\": 5}}",
    "{\"customer\": {\"id\": \"cus_1\", \"billing_address\": \"addr_1\"}}",
    "{\"customer\": {\"id\": \"cus_1\", \"shipping_addresses\": {}}}",
    "{\"customer\": {\"id\": \"cus_1\", \"shipping_addresses\": [null]}}",
    "{\"customer\": {\"id\": \"cus_1\", \"shipping_addresses\": [{\"city\": []}]}}",
    "{\"customer\": {\"id\": \"cus_1\", \"metadata\": [1]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_of (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaCustomer) customer = medusa_json_parse_customer_response (body, &error);

      g_test_message ("%s → %s", bodies[i], error ? error->message : "(parsed)");
      g_assert_null (customer);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
    }
}

static void
test_malformed_orders (void)
{
  const char *bodies[] = {
    "{\"orders\": {}, \"count\": 1}",
    "{\"count\": 1}",
    "{\"orders\": [], \"count\": -1}",
    "{\"orders\": [], \"count\": 1.5}",
    "{\"orders\": [], \"count\": \"3\"}",
    "{\"orders\": [{\"id\": \"order_1\", \"total\": \"100\"}], \"count\": 1}",
    "{\"orders\": [{\"id\": \"order_1\", \"items\": [{\"quantity\": -2}]}], \"count\": 1}",
    "{\"orders\": [{\"id\": \"order_1\", \"fulfillments\": [{\"tracking_numbers\": [1]}]}]}",
    "{\"orders\": [{\"id\": \"order_1\", \"discounts\": [\"CODE\"]}]}",
    "{\"orders\": [{\"id\": \"order_1\", \"refunds\": [{\"amount\": \"5\"}]}]}",
    "{\"orders\": [{\"id\": \"order_1\", \"refunds\": {}}]}",
    "{\"orders\": [{\"total\": 5}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_of (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);

      g_test_message ("%s → %s", bodies[i], error ? error->message : "(parsed)");
      g_assert_null (page);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
    }
}

static void
test_tolerant_parsing (void)
{
  /* nulls and missing optional members are fine, unknown ones ignored,
   * whole-number doubles accepted as amounts */
  g_autoptr(GBytes) body = bytes_of (
    "{\"orders\": [{\"id\": \"order_1\", \"display_id\": 7, \"email\": null, "
    "\"total\": 1999.0, \"currency_code\": \"jpy\", \"region\": {\"id\": \"reg_1\", "
    "\"name\": \"Japan\"}, \"items\": [{\"title\": \"Tea\", \"quantity\": 3}, "
    "{\"title\": \"Cup\", \"quantity\": 2, \"variant\": null}], \"future_field\": {\"a\": [1]}, "
    "\"discounts\": [{\"code\": \"TEA10\"}], \"gift_cards\": [], "
    "\"fulfillments\": [{\"id\": \"ful_1\", \"tracking_numbers\": [\"1Z1\"], "
    "\"tracking_links\": [{\"tracking_number\": \"1Z1\", \"url\": \"https://track.example/1Z1\"}]}]}],"
    " \"count\": 1, \"offset\": 0, \"limit\": 10, \"extra\": true}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaFulfillment) fulfillment = NULL;
  g_autoptr(MedusaTrackingLink) link = NULL;

  g_assert_no_error (error);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_1");
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 7);
  g_assert_null (medusa_order_get_email (order));
  g_assert_cmpint (medusa_order_get_total (order), ==, 1999);
  g_assert_cmpstr (medusa_order_get_region_id (order), ==, "reg_1");
  g_assert_cmpstr (medusa_order_get_region_name (order), ==, "Japan");
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, 5);
  g_assert_cmpstr (medusa_order_get_discount_codes (order)[0], ==, "TEA10");
  g_assert_null (medusa_order_get_gift_card_codes (order)[0]);
  g_assert_null (medusa_order_get_shipping_address (order));

  fulfillment = g_list_model_get_item (medusa_order_get_fulfillments (order), 0);
  g_assert_cmpstr (medusa_fulfillment_get_tracking_numbers (fulfillment)[0], ==, "1Z1");
  link = g_list_model_get_item (medusa_fulfillment_get_tracking_links (fulfillment), 0);
  g_assert_cmpstr (medusa_tracking_link_get_url (link), ==, "https://track.example/1Z1");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\"customer\": {\"id\": \"cus_1\", \"metadata\": ");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "{\"a\": ");
  g_string_append (text, "1");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '}');
  g_string_append (text, "}}");

  body = bytes_of (text->str);
  customer = medusa_json_parse_customer_response (body, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
}

static void
test_brackets_in_strings (void)
{
  g_autoptr(GString) text = g_string_new ("{\"customer\": {\"id\": \"cus_1\", \"first_name\": \"");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* brackets inside strings, escaped quotes too, are not nesting */
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "[{\\\"");
  g_string_append (text, "\"}}");

  body = bytes_of (text->str);
  customer = medusa_json_parse_customer_response (body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (medusa_customer_get_first_name (customer)), ==, 3000);
}

static void
test_token_checked (void)
{
  g_autoptr(GBytes) header_injection = bytes_of ("{\"access_token\": \"abc\\r\\nX-Evil: 1\"}");
  g_autoptr(GBytes) missing = bytes_of ("{\"token\": \"abc\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = medusa_json_parse_token_response (header_injection, &error);
  g_assert_null (token);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  token = medusa_json_parse_token_response (missing, &error);
  g_assert_null (token);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* 10 KB of token would go into every request's header */
  {
    g_autoptr(GString) text = g_string_new ("{\"access_token\": \"");
    g_autoptr(GBytes) long_token = NULL;

    for (guint i = 0; i < 1000; i++)
      g_string_append (text, "abcdefghij");
    g_string_append (text, "\"}");
    long_token = g_string_free_to_bytes (g_steal_pointer (&text));
    token = medusa_json_parse_token_response (long_token, &error);
    g_assert_null (token);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  }
}

/* Order lists go through a pre-pass that drops the members the parsers do
 * not read; a body it does not find plainly valid goes to json-glib whole.
 * An escaped surrogate pair anywhere makes it give up: so the same body
 * with one at its end is parsed without it, and both must agree. */
static GBytes *
without_slimming (GBytes *body)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autoptr(GString) text = g_string_new_len (data, size);
  const char *brace = strrchr (text->str, '}');

  g_assert_nonnull (brace);
  g_string_insert (text, brace - text->str, ", \"zz_unslimmed\": \"\\ud83d\\ude00\"");

  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static void assert_same_objects (GObject *a, GObject *b, const char *where);

static void
assert_same_models (GListModel *a,
                    GListModel *b,
                    const char *where)
{
  guint n = g_list_model_get_n_items (a);

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item_a = g_list_model_get_item (a, i);
      g_autoptr(GObject) item_b = g_list_model_get_item (b, i);

      assert_same_objects (item_a, item_b, where);
    }
}

static void
assert_same_objects (GObject    *a,
                     GObject    *b,
                     const char *where)
{
  guint n_properties = 0;
  g_autofree GParamSpec **properties =
    g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_properties);

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  for (guint i = 0; i < n_properties; i++)
    {
      GParamSpec *pspec = properties[i];
      g_auto(GValue) value_a = G_VALUE_INIT;
      g_auto(GValue) value_b = G_VALUE_INIT;
      g_autofree char *here = g_strdup_printf ("%s %s.%s", where, G_OBJECT_TYPE_NAME (a),
                                               pspec->name);

      if (!(pspec->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value_a, pspec->value_type);
      g_value_init (&value_b, pspec->value_type);
      g_object_get_property (a, pspec->name, &value_a);
      g_object_get_property (b, pspec->name, &value_b);

      if (G_VALUE_HOLDS (&value_a, G_TYPE_LIST_MODEL))
        assert_same_models (g_value_get_object (&value_a), g_value_get_object (&value_b), here);
      else if (G_VALUE_HOLDS_OBJECT (&value_a) && g_value_get_object (&value_a) != NULL)
        assert_same_objects (g_value_get_object (&value_a), g_value_get_object (&value_b), here);
      else if (G_VALUE_HOLDS (&value_a, G_TYPE_DATE_TIME))
        {
          GDateTime *date_a = g_value_get_boxed (&value_a);
          GDateTime *date_b = g_value_get_boxed (&value_b);

          g_assert_true ((date_a == NULL) == (date_b == NULL));
          g_assert_true (date_a == NULL || g_date_time_equal (date_a, date_b));
        }
      else if (G_VALUE_HOLDS (&value_a, JSON_TYPE_OBJECT))
        {
          JsonObject *object_a = g_value_get_boxed (&value_a);
          JsonObject *object_b = g_value_get_boxed (&value_b);

          g_assert_true ((object_a == NULL) == (object_b == NULL));
          g_assert_true (object_a == NULL || json_object_equal (object_a, object_b));
        }
      else
        {
          g_autofree char *text_a = g_strdup_value_contents (&value_a);
          g_autofree char *text_b = g_strdup_value_contents (&value_b);

          if (g_strcmp0 (text_a, text_b) != 0)
            g_error ("%s: %s ≠ %s", here, text_a, text_b);
        }
    }
}

static void
assert_slimmed_page_same (GBytes *body)
{
  g_autoptr(GBytes) whole = without_slimming (body);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);
  g_autoptr(MedusaOrderPage) reference = NULL;

  g_assert_no_error (error);
  reference = medusa_json_parse_order_page (whole, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), >, 0);
  assert_same_objects (G_OBJECT (page), G_OBJECT (reference), "page");
}

static void
test_slim_same_as_whole (void)
{
  const char *fixtures[] = {
    "orders-page.json", "order-shipped.json", "order-refunded.json", "order-discount.json",
    "order-gift-card.json", "order-jpy.json", "order-kwd.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) body = load_fixture (fixtures[i]);

      g_test_message ("%s", fixtures[i]);
      assert_slimmed_page_same (body);
    }
}

/* What the pre-pass skips can hold anything JSON allows. */
static void
test_slim_skips_anything (void)
{
  g_autoptr(GBytes) body = bytes_of (
    "{\"payments\": [{\"a\": \"}]\\\"\\\\\", \"b\": [[], {}, [{\"c\": \"{[\"}]]}],\n"
    " \"orders\": [{\"skip\": \"quote \\\" backslash \\\\ \\\\\", \"id\": \"order_1\",\r\n"
    "  \"nested\": {\"a\": [1, -0.5e+3, 2E-2, 0, true, false, null, {\"b\": {\"c\": [\"]\"]}}]},\n"
    "  \"unicode\": \"caf\xc3\xa9 \\u00e9 \\u2615 \xf0\x9f\x98\x80 \\/\\b\\f\\n\\r\\t\",\n"
    "  \"display_id\": 42, \"empty\": {}, \"none\": [], \"total\": 1999,\n"
    "  \"items\": [{\"tax_lines\": [{\"rate\": 20.5, \"name\": \"VAT \\\"20\\\"\"}], \"title\": "
    "\"Th\xc3\xa9 \\\"vert\\\" \\u2615\", \"quantity\": 3, \"variant\": {\"product\": {\"options\": "
    "[{\"values\": [{\"value\": \"}\"}]}]}, \"title\": \"50 g\", \"sku\": \"TEA-50\"}}],\n"
    "  \"region\": {\"countries\": [{\"iso_2\": \"fr\"}], \"name\": \"Europe\", \"id\": \"reg_1\"},\n"
    "  \"i\\u0064_suffix\": 1, \"status\": \"pending\"}],\n"
    " \"count\": 1, \"offset\": 0, \"limit\": 50, \"after\": {\"x\": [\"\\\\\"]}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaLineItem) item = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, 1);
  g_assert_cmpuint (medusa_order_page_get_limit (page), ==, 50);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_1");
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 42);
  g_assert_cmpint (medusa_order_get_total (order), ==, 1999);
  g_assert_cmpstr (medusa_order_get_status (order), ==, "pending");
  g_assert_cmpstr (medusa_order_get_region_id (order), ==, "reg_1");
  g_assert_cmpstr (medusa_order_get_region_name (order), ==, "Europe");
  item = g_list_model_get_item (medusa_order_get_items (order), 0);
  g_assert_cmpstr (medusa_line_item_get_title (item), ==, "Th\xc3\xa9 \"vert\" \xe2\x98\x95");
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "50 g");
  g_assert_cmpstr (medusa_line_item_get_variant_sku (item), ==, "TEA-50");
  g_assert_cmpint (medusa_line_item_get_quantity (item), ==, 3);

  assert_slimmed_page_same (body);
}

/* A member whose name has an escape is kept as it is: json-glib reads it. */
static void
test_slim_escaped_names (void)
{
  g_autoptr(GBytes) body = bytes_of (
    "{\"orders\": [{\"i\\u0064\": \"order_1\", \"\\u0074otal\": 5}], \"count\": 1}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);
  g_autoptr(MedusaOrder) order = NULL;

  g_assert_no_error (error);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_1");
  g_assert_cmpint (medusa_order_get_total (order), ==, 5);
}

/* What the offline copy keeps: only the members the tables name, an object
 * or a list only with a table of its own, never a name with an escape (it
 * could hide anything); numbers as the store wrote them; a body that is not
 * plainly JSON, nothing. */
static void
test_keep_only (void)
{
  g_autoptr(GBytes) body = bytes_of (
    "{\"customer\": {\"id\": \"cus_1\", \"email\": \"a@example.com\", "
    "\"metadata\": {\"secret\": 1}, \"phone\": {\"hidden\": \"x\"}, "
    "\"first_n\\u0061me\": \"Eve\", \"created_at\": \"2026-01-01T00:00:00Z\", "
    "\"shipping_addresses\": [{\"id\": \"addr_1\", \"city\": \"Paris\", "
    "\"metadata\": null, \"customer_id\": \"cus_1\"}], "
    "\"billing_address\": null}, \"extra\": [1, 2]}");
  g_autoptr(GBytes) kept = medusa_json_keep_only (body, medusa_json_keep_customer);
  g_autoptr(GBytes) page = bytes_of (
    "{\"orders\": [{\"id\": \"o\", \"total\": 12.345e2, \"payments\": [{\"x\": 1}], "
    "\"fulfillments\": [{\"id\": \"f\", \"tracking_numbers\": [\"T1\", {\"n\": 2}], "
    "\"data\": {}}]}], \"count\": 1, \"offset\": 0, \"limit\": 50}");
  g_autoptr(GBytes) kept_page = medusa_json_keep_only (page, medusa_json_keep_order_page);
  const char *not_plain[] = {
    "[{\"customer\": {}}]",
    "{\"customer\": {\"id\": \"a\",}}",
    "{\"customer\": {\"id\": \"\\ud800\"}}",
    "{\"customer\": {}} {}",
  };
  g_autofree char *text = NULL;

  g_assert_nonnull (kept);
  text = g_strndup (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept));
  g_assert_cmpstr (text, ==,
                   "{\"customer\":{\"id\":\"cus_1\",\"email\":\"a@example.com\","
                   "\"shipping_addresses\":[{\"id\":\"addr_1\",\"city\":\"Paris\"}],"
                   "\"billing_address\":null}}");
  g_clear_pointer (&text, g_free);

  g_assert_nonnull (kept_page);
  text = g_strndup (g_bytes_get_data (kept_page, NULL), g_bytes_get_size (kept_page));
  g_assert_cmpstr (text, ==,
                   "{\"orders\":[{\"id\":\"o\",\"total\":12.345e2,"
                   "\"fulfillments\":[{\"id\":\"f\",\"tracking_numbers\":[\"T1\",{}]}]}],"
                   "\"count\":1,\"offset\":0,\"limit\":50}");

  for (guint i = 0; i < G_N_ELEMENTS (not_plain); i++)
    {
      g_autoptr(GBytes) hostile = bytes_of (not_plain[i]);

      g_assert_null (medusa_json_keep_only (hostile, medusa_json_keep_customer));
    }
}

/* Malformed text in a member the parsers would skip still fails the page,
 * as it did when json-glib read it all; and whatever json-glib makes of a
 * doubtful body, the page does too. */
static void
test_slim_malformed_skipped (void)
{
  const char *invalid[] = {
    "{\"orders\": [{\"id\": \"o\", \"x\": tru}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": {\"a\": 1,}}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": [1 2]}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": {\"a\" 1}}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": \"unterminated}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": [}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": {]}]}",
    "{\"orders\": [{\"id\": \"o\"}]}}",
    "{\"orders\": [{\"id\": \"o\"}]",
    "{\"orders\": [{\"id\": \"o\", \"x\": \"caf\xc3\"}]}",
  };
  const char *doubtful[] = {
    "{\"orders\": [{\"id\": \"o\", \"x\": \"\\x\"}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": \"\\ud800\"}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": \"\\u12\"}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": \"tab\there\"}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": 01}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": 1.}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": -}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": .5}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": 1e}]}",
    "{\"orders\": [{\"id\": \"o\", \"x\": [1,]}]}",
    "{\"orders\": [{\"id\": \"o\"}]} trailing",
  };
  g_autoptr(GString) deep = g_string_new ("{\"orders\": [{\"id\": \"o\", \"x\": ");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GBytes) body = bytes_of (invalid[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);
      g_autofree char *shown = g_strescape (invalid[i], NULL);

      g_test_message ("%s → %s", shown, error ? error->message : "(parsed)");
      g_assert_null (page);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (doubtful); i++)
    {
      g_autoptr(GBytes) body = bytes_of (doubtful[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) whole_error = NULL;
      g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);
      g_autoptr(JsonNode) root = medusa_json_parse (body, &whole_error);
      g_autofree char *shown = g_strescape (doubtful[i], NULL);

      g_test_message ("%s → %s", shown, error ? error->message : "(parsed)");
      g_assert_true ((page == NULL) == (root == NULL));
      if (page == NULL)
        g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
    }

  /* too deep, inside a skipped member */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}]}");
  {
    g_autoptr(GBytes) body = bytes_of (deep->str);
    g_autoptr(GError) error = NULL;
    g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);

    g_assert_null (page);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  }
}

/* issue 14: json-glib reads comments, single-quoted strings and more; a
 * depth scan that knew only JSON was fooled by a '"' it took for a string
 * while json-glib recursed a million times. Each body here overflowed the
 * stack: in a subprocess, so that a crash fails only this test. */
static const char *hidden_depth_prefixes[] = {
  "{\"customer\": {\"id\": \"c\", \"a\": '\"', \"metadata\": ",
  "{\"customer\": {\"id\": \"c\", /* \" */ \"metadata\": ",
  /* json-glib's "single-line" comments run from a '/' to the next '/' */
  "{\"customer\": {\"id\": \"c\", /\"/ \"metadata\": ",
};

static GBytes *
deep_body (const char *prefix,
           gsize       depth)
{
  g_autoptr(GString) text = g_string_new (prefix);

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}}");

  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static void
test_hidden_depth (void)
{
  if (g_test_subprocess ())
    {
      guint i = atoi (g_getenv ("HIDDEN_DEPTH_CASE"));
      g_autoptr(GBytes) body = deep_body (hidden_depth_prefixes[i], 1000000);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) page_error = NULL;
      g_autoptr(GError) status_error = NULL;
      g_autoptr(MedusaCustomer) customer = medusa_json_parse_customer_response (body, &error);
      g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &page_error);

      g_assert_null (customer);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
      g_assert_null (page);
      g_assert_error (page_error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
      /* and as the body of an error answer */
      g_assert_false (medusa_error_from_response (500, "application/json", body, &status_error));
      g_assert_error (status_error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER_ERROR);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (hidden_depth_prefixes); i++)
    {
      g_autofree char *index = g_strdup_printf ("%u", i);

      g_setenv ("HIDDEN_DEPTH_CASE", index, TRUE);
      g_test_message ("%s", hidden_depth_prefixes[i]);
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
}

/* issue 14: the bodies of error answers went to json-glib unguarded */
static void
test_deep_error_body (void)
{
  if (g_test_subprocess ())
    {
      /* (within the size an error body is read as JSON at all) */
      g_autoptr(GBytes) body = deep_body ("{\"type\": \"unknown_error\", \"x\": ", 120000);
      g_autoptr(GError) error = NULL;

      g_assert_false (medusa_error_from_response (500, "application/json", body, &error));
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER_ERROR);
      g_assert_null (medusa_error_get_server_type (error));
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Nothing but strict JSON reaches json-glib, which would take all of these. */
static void
test_only_strict_json (void)
{
  const char *bodies[] = {
    "{\"exists\": true /* comment */}",
    "{\"exists\": true // comment\n}",
    "{'exists': true}",
    "{\"exists\": true, \"a\": 'x'}",
    "{\"exists\": true, \"a\": 0x10}",
    "{\"exists\": true, \"a\": $10}",
    "{\"exists\": true, \"a\": 010}",
    "{\"exists\": true, \"a\": - 1}",
    "var answer = {\"exists\": true};",
    "\xef\xbb\xbf{\"exists\": true}",
    "{\"exists\": true}\n\n{\"exists\": false}",
    "{\"exists\": true,}",
    "{\"exists\": true, \"a\": [1,]}",
    "{\"exists\": true, \"a\": \"\\ud800\"}",
    "{\"exists\": true, \"a\": \"\\udc00\\ud800\"}",
    "{\"exists\": true, \"a\": \"\\u0000\"}",
    "{\"exists\": true, \"a\": \"\\'\"}",
    "{\"exists\": true, \"a\": \"\xed\xa0\x80\"}",
    "{\"exists\": true, \"a\": \"\xc0\xaf\"}",
    "{\"exists\": true, \"a\": \"tab\there\"}",
    "{\"exists\": true, \"a\": 1.}",
    "{\"exists\": true, \"a\": .5}",
    "{\"exists\": true, \"a\": 1e}",
    "{\"exists\": true, \"a\": +1}",
    "{\"exists\": true, \"a\": nul}",
    "{\"exists\": true, \"a\": True}",
    "{\"exists\": true, \"a\": undefined}",
    "{\"exists\": true, \"a\": Infinity}",
    "{\"exists\": true\f}",
    "{\"exists\"\v: true}",
  };
  const char *good[] = {
    "{\"exists\": true, \"a\": \"\\ud83d\\ude00 \\u00e9 caf\xc3\xa9 \\/\\b\\f\\n\\r\\t\\\"\\\\\"}",
    "{\"exists\": true, \"a\": [-0, 0.5, -1.5e+3, 2E-2, 1e400, 12345678901234567890]}",
    " \t\r\n{\"exists\": true, \"a\": {\"\": [[], {}, null, false]}} \n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_of (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (bodies[i], NULL);
      MedusaJsonShape shape;
      gboolean exists;

      g_test_message ("%s", shown);
      g_assert_false (medusa_json_scan (bodies[i], strlen (bodies[i]), &shape));
      g_assert_false (medusa_json_parse_exists_response (body, &exists, &error));
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GBytes) body = bytes_of (good[i]);
      g_autoptr(GError) error = NULL;
      gboolean exists = FALSE;

      g_test_message ("%s", good[i]);
      medusa_json_parse_exists_response (body, &exists, &error);
      /* json-glib may still refuse a number it cannot hold: never a crash */
      g_assert_true (error == NULL ? exists : error->code == MEDUSA_ERROR_INVALID_RESPONSE);
    }
}

/* The scan's measure on every recorded answer: its depth, and a tree
 * estimate well within the budget. */
static void
test_scan_fixtures (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GBytes) body = NULL;
      MedusaJsonShape shape;
      gsize size;
      const char *data;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      body = load_fixture (name);
      data = g_bytes_get_data (body, &size);
      g_assert_true (medusa_json_scan (data, size, &shape));
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes, depth %u, %" G_GSIZE_FORMAT " nodes, "
                      "tree ≤ %" G_GSIZE_FORMAT " bytes (%.1f per byte)", name, size,
                      shape.depth, shape.n_nodes, shape.tree_size,
                      (double) shape.tree_size / size);
      g_assert_cmpuint (shape.depth, <=, 8);
      g_assert_cmpuint (shape.tree_size, <=,
                        MEDUSA_JSON_TREE_BASE / 2 + MEDUSA_JSON_TREE_PER_BYTE / 2 * size);
    }
}

/* A list of @n copies of @element, joined by commas, between @prefix and
 * @suffix. */
static GBytes *
repeated (const char *prefix,
          const char *element,
          gsize       n,
          const char *suffix)
{
  g_autoptr(GString) text = g_string_new (prefix);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, element);
    }
  g_string_append (text, suffix);

  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static GError *
customer_error (GBytes *body)
{
  GError *error = NULL;
  g_autoptr(MedusaCustomer) customer = medusa_json_parse_customer_response (body, &error);

  g_assert_true ((customer == NULL) == (error != NULL));
  return error;
}

static GError *
page_error (GBytes *body)
{
  GError *error = NULL;
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &error);

  g_assert_true ((page == NULL) == (error != NULL));
  return error;
}

/* issue 14: a 4 MB /me of a million empty addresses made 525 MB of tree
 * and a million rows; a million orders, 353 MB. */
#define ADDRESS "{\"id\": \"addr_01HQ3ZK8W9V2C5T7N4M6P0R1SX\", \"city\": \"Paris\"}"

static void
test_element_counts (void)
{
  g_autoptr(GBytes) million_addresses = repeated ("{\"customer\": {\"id\": \"c\", "
                                                  "\"shipping_addresses\": [", "{}", 1000000,
                                                  "]}}");
  g_autoptr(GBytes) too_many_addresses = repeated ("{\"customer\": {\"id\": \"c\", "
                                                   "\"shipping_addresses\": [", ADDRESS,
                                                   MEDUSA_JSON_MAX_ADDRESSES + 1, "]}}");
  g_autoptr(GBytes) most_addresses = repeated ("{\"customer\": {\"id\": \"c\", "
                                               "\"shipping_addresses\": [", ADDRESS,
                                               MEDUSA_JSON_MAX_ADDRESSES, "]}}");
  g_autoptr(GBytes) million_orders = repeated ("{\"count\": 1000000, \"orders\": [",
                                               "{\"id\": \"o\"}", 1000000, "]}");
  g_autoptr(GBytes) too_many_orders = repeated ("{\"count\": 5000, \"orders\": [",
                                                "{\"id\": \"order_01HQ3ZK8W9V2C5T7N4M6P0R1SX\"}",
                                                MEDUSA_JSON_MAX_PAGE_ORDERS + 1, "]}");
  g_autoptr(GBytes) too_many_items = repeated ("{\"count\": 1, \"orders\": [{\"id\": \"o\", "
                                               "\"items\": [", "{\"title\": \"Green tea\"}",
                                               MEDUSA_JSON_MAX_ORDER_PARTS + 1, "]}]}");
  g_autoptr(GBytes) too_many_codes = repeated ("{\"count\": 1, \"orders\": [{\"id\": \"o\", "
                                               "\"discounts\": [", "{\"code\": \"WELCOME10\"}",
                                               MEDUSA_JSON_MAX_ORDER_PARTS + 1, "]}]}");
  g_autoptr(GBytes) too_many_numbers = repeated ("{\"count\": 1, \"orders\": [{\"id\": \"o\", "
                                                 "\"fulfillments\": [{\"tracking_numbers\": [",
                                                 "\"1Z999AA10123456784\"",
                                                 MEDUSA_JSON_MAX_ORDER_PARTS + 1,
                                                 "]}]}]}");
  g_autoptr(GBytes) huge_count = bytes_of ("{\"count\": 4000000000, \"orders\": []}");
  g_autoptr(GBytes) too_many_countries = repeated ("{\"regions\": [{\"id\": \"r\", "
                                                   "\"countries\": [",
                                                   "{\"iso_2\": \"fr\", \"name\": \"FRANCE\"}",
                                                   MEDUSA_JSON_MAX_COUNTRIES + 1, "]}]}");
  GBytes *invalid[] = { too_many_orders, too_many_items, too_many_codes, too_many_numbers,
                        huge_count };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) regions = NULL;

  error = customer_error (million_addresses);
  g_assert_nonnull (error);
  g_test_message ("a million addresses: %s", error->message);
  g_clear_error (&error);

  error = customer_error (too_many_addresses);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  error = customer_error (most_addresses);
  g_assert_no_error (error);

  error = page_error (million_orders);
  g_assert_nonnull (error);
  g_test_message ("a million orders: %s", error->message);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      error = page_error (invalid[i]);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }

  regions = medusa_json_parse_regions_response (too_many_countries, &error);
  g_assert_null (regions);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
}

/* issue 14: medusa_json_read_int64() cast a double to gint64 before its range check,
 * undefined behaviour that UBSan (-fsanitize=float-cast-overflow) stops at. */
static void
test_huge_doubles (void)
{
  const char *bodies[] = {
    "{\"count\": 1e300, \"orders\": []}",
    "{\"count\": -1e300, \"orders\": []}",
    "{\"count\": 1e19, \"orders\": []}",
    "{\"count\": 1e400, \"orders\": []}",
    "{\"count\": 1, \"orders\": [{\"id\": \"o\", \"total\": 9.3e18}]}",
    "{\"count\": 1, \"orders\": [{\"id\": \"o\", \"total\": -1e300}]}",
    "{\"count\": 1, \"orders\": [{\"id\": \"o\", \"total\": 2.5}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_of (bodies[i]);
      g_autoptr(GError) error = page_error (body);

      g_test_message ("%s → %s", bodies[i], error != NULL ? error->message : "(parsed)");
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
    }
  /* found by fuzz-regions: an infinite tax rate made GObject warn */
  {
    g_autoptr(GBytes) body = bytes_of ("{\"regions\": [{\"id\": \"r\", \"tax_rate\": 1e400}]}");
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) regions = medusa_json_parse_regions_response (body, &error);

    g_assert_null (regions);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  }
}

/* Linux keeps the peak resident size; writing 5 to clear_refs starts it afresh. */
static gsize
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* A body of @size bytes: @prefix, then @element over and over (a comma
 * between), then @suffix; made in one allocation, so that nothing of its
 * making stays in the heap. */
static GBytes *
hostile_body (const char *prefix,
              const char *element,
              const char *suffix,
              gsize       size)
{
  gsize prefix_length = strlen (prefix);
  gsize element_length = strlen (element);
  gsize suffix_length = strlen (suffix);
  char *data = g_malloc (size);
  char *p = data;

  memcpy (p, prefix, prefix_length);
  p += prefix_length;
  while ((gsize) (p - data) + element_length + 1 + suffix_length <= size)
    {
      memcpy (p, element, element_length);
      p += element_length;
      if (element_length > 0)
        *p++ = ',';
      else
        *p++ = 'x';
    }
  if (element_length > 0)
    p--;   /* the last comma */
  memcpy (p, suffix, suffix_length);
  p += suffix_length;

  return g_bytes_new_take (data, p - data);
}

#define X10 "xxxxxxxxxx"
#define X100 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10

static const struct {
  const char *what;
  const char *prefix;
  const char *element;
  const char *suffix;
} hostile_shapes[] = {
  { "empty addresses", "{\"customer\": {\"id\": \"c\", \"shipping_addresses\": [", "{}", "]}}" },
  { "orders", "{\"count\": 1, \"orders\": [", "{\"id\": \"o\"}", "]}" },
  { "skipped members", "{\"count\": 1, \"orders\": [{\"id\": \"o\", \"payments\": [", "{}",
    "]}]}" },
  { "one long name", "{\"customer\": {\"id\": \"c\", \"first_name\": \"", "", "\"}}" },
  { "zeros", "{\"customer\": {\"id\": \"c\", \"metadata\": {\"a\": [", "0", "]}}}" },
  { "members", "{\"customer\": {\"id\": \"c\", \"metadata\": {", "\"a\":{}", "}}}" },
  { "empty strings", "{\"regions\": [", "\"\"", "]}" },
  { "error body", "{\"type\": \"x\", \"message\": \"m\", \"x\": [", "[[[[[[[[]]]]]]]]", "]}" },
  /* within the budget even at 16 MiB: all of it is parsed */
  { "texts", "{\"customer\": {\"id\": \"c\", \"metadata\": {\"a\": [", "\"" X100 X100 "\"",
    "]}}}" },
};

static void
parse_any (GBytes *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = medusa_json_parse_customer_response (body, &error);
  g_autoptr(GError) page_error = NULL;
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, &page_error);
  g_autoptr(GError) regions_error = NULL;
  g_autoptr(GListModel) regions = medusa_json_parse_regions_response (body, &regions_error);
  g_autoptr(GError) status_error = NULL;

  medusa_error_from_response (500, "application/json", body, &status_error);
}

/* issue 14: a 4 MB body made 525 MB. The peak memory of parsing a hostile
 * body, over the body's size, is bounded: each shape, at 256 KiB and at the
 * 16 MiB the client reads at most, in a process of its own. */
static void
test_memory_per_byte (void)
{
  const gsize sizes[] = { 256 * 1024, 16 * 1024 * 1024 };
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;

  if (g_test_subprocess ())
    {
      guint shape = atoi (g_getenv ("HOSTILE_SHAPE"));
      gsize size = g_ascii_strtoull (g_getenv ("HOSTILE_SIZE"), NULL, 10);
      g_autoptr(GBytes) body = hostile_body (hostile_shapes[shape].prefix,
                                             hostile_shapes[shape].element,
                                             hostile_shapes[shape].suffix, size);
      g_autofree char *growth = NULL;
      FILE *clear_refs;
      gsize before, peak;

      g_autoptr(GBytes) small = bytes_of ("{\"customer\": {\"id\": \"c\"}}");

      parse_any (small);   /* the types registered */
      malloc_trim (0);
      clear_refs = fopen ("/proc/self/clear_refs", "w");
      g_assert_nonnull (clear_refs);
      fputs ("5", clear_refs);
      fclose (clear_refs);
      before = status_kib ("VmRSS:");
      parse_any (body);
      peak = status_kib ("VmHWM:");
      growth = g_strdup_printf ("%" G_GSIZE_FORMAT, peak > before ? peak - before : 0);
      g_assert_true (g_file_set_contents (g_getenv ("HOSTILE_OUT"), growth, -1, NULL));
      return;
    }

#ifdef __SANITIZE_ADDRESS__
  g_test_skip ("AddressSanitizer's shadow and quarantine are no measure");
  return;
#endif

  dir = g_dir_make_tmp ("patron-memory-XXXXXX", NULL);
  out = g_build_filename (dir, "growth", NULL);
  g_setenv ("HOSTILE_OUT", out, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_shapes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (sizes); j++)
      {
        g_autofree char *shape = g_strdup_printf ("%u", i);
        g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, sizes[j]);
        /* json-glib's tree (its budget: 48 bytes per body byte, 32 MiB at most),
         * what the parsers make of it (a customer keeps a copy of its metadata:
         * as large as the tree at worst), and the body's size a few times over
         * (the pre-pass's copy of an order page, strings copied) */
        gsize tree = MIN (MEDUSA_JSON_MAX_TREE_SIZE,
                          MEDUSA_JSON_TREE_BASE + MEDUSA_JSON_TREE_PER_BYTE * sizes[j]);
        gsize bound_kib = (4 * 1024 * 1024 + 2 * tree + 4 * sizes[j]) / 1024;
        g_autofree char *growth = NULL;
        gsize growth_kib;

        g_setenv ("HOSTILE_SHAPE", shape, TRUE);
        g_setenv ("HOSTILE_SIZE", size, TRUE);
        g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
        g_test_trap_assert_passed ();
        g_assert_true (g_file_get_contents (out, &growth, NULL, NULL));
        growth_kib = g_ascii_strtoull (growth, NULL, 10);
        g_test_message ("%s, %" G_GSIZE_FORMAT " KiB: peak grew by %" G_GSIZE_FORMAT
                        " KiB, %.2f bytes per body byte (bound %" G_GSIZE_FORMAT " KiB)",
                        hostile_shapes[i].what, sizes[j] / 1024, growth_kib,
                        (double) growth_kib / (sizes[j] / 1024), bound_kib);
        g_assert_cmpuint (growth_kib, <=, bound_kib);
      }
  g_unlink (out);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/fixtures/customer", test_customer_fixture);
  g_test_add_func ("/json/fixtures/customer-with-addresses", test_customer_with_addresses_fixture);
  g_test_add_func ("/json/fixtures/token", test_token_fixture);
  g_test_add_func ("/json/fixtures/exists", test_exists_fixtures);
  g_test_add_func ("/json/fixtures/order-page", test_order_page_fixture);
  g_test_add_func ("/json/fixtures/order-summaries", test_order_summaries_fixture);
  g_test_add_func ("/json/hostile/order-summaries", test_order_summaries_hostile);
  g_test_add_func ("/json/fixtures/order-shipped", test_order_shipped_fixture);
  g_test_add_func ("/json/fixtures/order-refunded", test_order_refunded_fixture);
  g_test_add_func ("/json/fixtures/order-discount", test_order_discount_fixture);
  g_test_add_func ("/json/fixtures/order-gift-card", test_order_gift_card_fixture);
  g_test_add_func ("/json/fixtures/order-jpy", test_order_jpy_fixture);
  g_test_add_func ("/json/fixtures/order-kwd", test_order_kwd_fixture);
  g_test_add_func ("/json/fixtures/order-missing", test_order_missing_fixture);
  g_test_add_func ("/json/fixtures/regions", test_regions_fixture);
  g_test_add_func ("/json/fixtures/errors", test_error_fixtures);
  g_test_add_func ("/json/errors/success", test_success_is_no_error);
  g_test_add_func ("/json/errors/statuses", test_error_statuses);
  g_test_add_func ("/json/errors/bounded", test_error_message_bounded);
  g_test_add_func ("/json/malformed/customer", test_malformed_bodies);
  g_test_add_func ("/json/malformed/orders", test_malformed_orders);
  g_test_add_func ("/json/tolerant", test_tolerant_parsing);
  g_test_add_func ("/json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/json/token-checked", test_token_checked);
  g_test_add_func ("/json/slim/same-as-whole", test_slim_same_as_whole);
  g_test_add_func ("/json/slim/skips-anything", test_slim_skips_anything);
  g_test_add_func ("/json/slim/escaped-names", test_slim_escaped_names);
  g_test_add_func ("/json/slim/malformed-skipped", test_slim_malformed_skipped);
  g_test_add_func ("/json/slim/keep-only", test_keep_only);
  g_test_add_func ("/json/hostile/hidden-depth", test_hidden_depth);
  g_test_add_func ("/json/hostile/deep-error-body", test_deep_error_body);
  g_test_add_func ("/json/hostile/only-strict-json", test_only_strict_json);
  g_test_add_func ("/json/hostile/scan-fixtures", test_scan_fixtures);
  g_test_add_func ("/json/hostile/element-counts", test_element_counts);
  g_test_add_func ("/json/hostile/huge-doubles", test_huge_doubles);
  g_test_add_func ("/json/hostile/memory-per-byte", test_memory_per_byte);

  return g_test_run ();
}
