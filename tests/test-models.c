/* test-models.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medusa.h"

static MedusaAddress *
make_address (const char *id,
              const char *city)
{
  return g_object_new (MEDUSA_TYPE_ADDRESS,
                       "id", id,
                       "first-name", "Ada",
                       "last-name", "Lovelace",
                       "address-1", "1 Main St",
                       "city", city,
                       "postal-code", "12345",
                       "country-code", "us",
                       NULL);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_address_same_place (void)
{
  g_autoptr(MedusaAddress) a = make_address ("addr_1", "Springfield");
  g_autoptr(MedusaAddress) b = medusa_address_copy (a);
  g_autoptr(MedusaAddress) empty_a = medusa_address_new ();
  g_autoptr(MedusaAddress) empty_b = medusa_address_new ();

  g_assert_cmpstr (medusa_address_get_city (b), ==, "Springfield");
  g_assert_cmpstr (medusa_address_get_id (b), ==, "addr_1");
  g_assert_true (a != b);
  g_assert_true (medusa_address_same_place (a, b));

  /* ids are not the place */
  medusa_address_set_id (b, "addr_2");
  g_assert_true (medusa_address_same_place (a, b));

  /* case of the country code, blanks around values, NULL against "" */
  medusa_address_set_country_code (b, "US");
  medusa_address_set_city (b, "  Springfield ");
  medusa_address_set_company (b, "");
  g_assert_true (medusa_address_same_place (a, b));
  g_assert_true (medusa_address_same_place (empty_a, empty_b));

  medusa_address_set_postal_code (b, "54321");
  g_assert_false (medusa_address_same_place (a, b));
  medusa_address_set_postal_code (b, "12345");
  medusa_address_set_address_2 (b, "Flat 2");
  g_assert_false (medusa_address_same_place (a, b));
}

static void
test_address_update_from_notifies_changes (void)
{
  g_autoptr(MedusaAddress) a = make_address ("addr_1", "Springfield");
  g_autoptr(MedusaAddress) b = medusa_address_copy (a);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (a, "notify", G_CALLBACK (count_notify_cb), names);

  medusa_address_update_from (a, b);
  g_assert_cmpuint (names->len, ==, 0);

  medusa_address_set_city (b, "Shelbyville");
  medusa_address_set_phone (b, "+1 555 0100");
  medusa_address_update_from (a, b);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "city", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "phone", g_str_equal, NULL));
  g_assert_cmpstr (medusa_address_get_city (a), ==, "Shelbyville");

  /* a setter given the same value stays quiet */
  medusa_address_set_city (a, "Shelbyville");
  g_assert_cmpuint (names->len, ==, 2);
}

static MedusaCustomer *
make_customer (MedusaAddress **addresses,
               guint           n_addresses)
{
  g_autoptr(GListStore) store = g_list_store_new (MEDUSA_TYPE_ADDRESS);

  g_list_store_splice (store, 0, 0, (gpointer *) addresses, n_addresses);

  return g_object_new (MEDUSA_TYPE_CUSTOMER,
                       "id", "cus_1",
                       "email", "ada@example.com",
                       "first-name", "Ada",
                       "shipping-addresses", store,
                       NULL);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_customer_update_from_keeps_addresses (void)
{
  g_autoptr(MedusaAddress) home = make_address ("addr_home", "Springfield");
  g_autoptr(MedusaAddress) work = make_address ("addr_work", "Capital City");
  g_autoptr(MedusaAddress) home_new = make_address ("addr_home", "Shelbyville");
  g_autoptr(MedusaAddress) cabin = make_address ("addr_cabin", "Ogdenville");
  MedusaAddress *before[] = { home, work };
  MedusaAddress *after[] = { cabin, home_new };
  g_autoptr(MedusaCustomer) customer = make_customer (before, 2);
  g_autoptr(MedusaCustomer) answer = make_customer (after, 2);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MedusaAddress) first = NULL;
  g_autoptr(MedusaAddress) second = NULL;
  GListModel *addresses = medusa_customer_get_shipping_addresses (customer);
  guint changes = 0;

  medusa_customer_set_last_name (answer, "King");
  g_signal_connect (customer, "notify", G_CALLBACK (count_notify_cb), names);
  g_signal_connect (addresses, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  medusa_customer_update_from (customer, answer);

  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "last-name");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "King");

  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 2);
  first = g_list_model_get_item (addresses, 0);
  second = g_list_model_get_item (addresses, 1);
  g_assert_true (first == cabin);
  /* the same object as before, updated in place */
  g_assert_true (second == home);
  g_assert_cmpstr (medusa_address_get_city (home), ==, "Shelbyville");
  g_assert_null (medusa_customer_find_address (customer, "addr_work"));
  g_assert_true (medusa_customer_find_address (customer, "addr_home") == home);

  /* the same answer again changes nothing */
  medusa_customer_update_from (customer, answer);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (names->len, ==, 1);
}

static void
test_customer_billing_address (void)
{
  g_autoptr(MedusaAddress) billing = make_address ("addr_bill", "Springfield");
  g_autoptr(MedusaAddress) billing_new = make_address ("addr_bill", "Shelbyville");
  g_autoptr(MedusaAddress) other = make_address ("addr_other", "Ogdenville");
  g_autoptr(MedusaCustomer) customer = make_customer (NULL, 0);
  g_autoptr(MedusaCustomer) answer = make_customer (NULL, 0);

  medusa_customer_set_billing_address (customer, billing);
  medusa_customer_set_billing_address (answer, billing_new);
  medusa_customer_update_from (customer, answer);
  g_assert_true (medusa_customer_get_billing_address (customer) == billing);
  g_assert_cmpstr (medusa_address_get_city (billing), ==, "Shelbyville");

  medusa_customer_set_billing_address (answer, other);
  medusa_customer_update_from (customer, answer);
  g_assert_true (medusa_customer_get_billing_address (customer) == other);

  medusa_customer_set_billing_address (answer, NULL);
  medusa_customer_update_from (customer, answer);
  g_assert_null (medusa_customer_get_billing_address (customer));
}

static void
test_customer_full_name (void)
{
  g_autoptr(MedusaCustomer) customer = make_customer (NULL, 0);
  g_autofree char *both = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *email = NULL;
  g_autofree char *nothing = NULL;

  medusa_customer_set_last_name (customer, "Lovelace");
  both = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (both, ==, "Ada Lovelace");

  medusa_customer_set_last_name (customer, NULL);
  first = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (first, ==, "Ada");

  medusa_customer_set_first_name (customer, "");
  medusa_customer_set_last_name (customer, "Lovelace");
  last = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (last, ==, "Lovelace");

  medusa_customer_set_last_name (customer, NULL);
  email = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (email, ==, "ada@example.com");

  medusa_customer_set_email (customer, NULL);
  nothing = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (nothing, ==, "");
}

static void
test_order_item_count (void)
{
  g_autoptr(GListStore) items = g_list_store_new (MEDUSA_TYPE_LINE_ITEM);
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaOrder) empty = g_object_new (MEDUSA_TYPE_ORDER, "id", "order_2", NULL);
  const int quantities[] = { 2, 3, G_MAXINT, G_MAXINT, G_MAXINT };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MedusaLineItem) item = g_object_new (MEDUSA_TYPE_LINE_ITEM,
                                                     "quantity", quantities[i],
                                                     NULL);
      g_list_store_append (items, item);
    }
  order = g_object_new (MEDUSA_TYPE_ORDER, "id", "order_1", "items", items, NULL);
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, 5);

  /* a list that could never be empty is, and the counts saturate */
  g_assert_cmpuint (medusa_order_get_item_count (empty), ==, 0);
  g_assert_nonnull (medusa_order_get_fulfillments (empty));
  g_assert_nonnull (medusa_order_get_discount_codes (empty));
  g_assert_null (medusa_order_get_discount_codes (empty)[0]);

  for (guint i = 2; i < G_N_ELEMENTS (quantities); i++)
    {
      g_autoptr(MedusaLineItem) item = g_object_new (MEDUSA_TYPE_LINE_ITEM,
                                                     "quantity", quantities[i],
                                                     NULL);
      g_list_store_append (items, item);
    }
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, G_MAXUINT);
}

static void
test_immutable_defaults (void)
{
  g_autoptr(MedusaFulfillment) fulfillment = g_object_new (MEDUSA_TYPE_FULFILLMENT, NULL);
  g_autoptr(MedusaRegion) region = g_object_new (MEDUSA_TYPE_REGION, NULL);
  g_autoptr(MedusaOrderPage) page = g_object_new (MEDUSA_TYPE_ORDER_PAGE, NULL);
  g_autoptr(MedusaCustomer) customer = g_object_new (MEDUSA_TYPE_CUSTOMER, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (medusa_fulfillment_get_tracking_links (fulfillment)),
                    ==, 0);
  g_assert_null (medusa_fulfillment_get_tracking_numbers (fulfillment)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_region_get_countries (region)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), ==, 0);
  g_assert_true (g_list_model_get_item_type (medusa_order_page_get_orders (page)) ==
                 MEDUSA_TYPE_ORDER);
  g_assert_true (g_list_model_get_item_type (medusa_customer_get_shipping_addresses (customer)) ==
                 MEDUSA_TYPE_ADDRESS);
}

static void
test_region_find_country (void)
{
  g_autoptr(GListStore) countries = g_list_store_new (MEDUSA_TYPE_COUNTRY);
  g_autoptr(MedusaCountry) de = g_object_new (MEDUSA_TYPE_COUNTRY,
                                              "iso-2", "de", "display-name", "Germany", NULL);
  g_autoptr(MedusaCountry) fr = g_object_new (MEDUSA_TYPE_COUNTRY,
                                              "iso-2", "fr", "display-name", "France", NULL);
  g_autoptr(MedusaRegion) region = NULL;

  g_list_store_append (countries, de);
  g_list_store_append (countries, fr);
  region = g_object_new (MEDUSA_TYPE_REGION, "id", "reg_eu", "countries", countries, NULL);

  g_assert_true (medusa_region_find_country (region, "FR") == fr);
  g_assert_true (medusa_region_find_country (region, "de") == de);
  g_assert_null (medusa_region_find_country (region, "us"));
  g_assert_null (medusa_region_find_country (region, NULL));
}

static void
test_order_query (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderQuery) copy = NULL;
  const char *statuses[] = { "pending", "completed", NULL };

  g_assert_null (medusa_order_query_get_statuses (query)[0]);
  medusa_order_query_set_limit (query, 50);
  medusa_order_query_set_statuses (query, statuses);
  medusa_order_query_set_search (query, "");
  g_assert_null (medusa_order_query_get_search (query));

  copy = medusa_order_query_copy (query);
  g_assert_true (medusa_order_query_equal (query, copy));
  medusa_order_query_set_offset (copy, 50);
  g_assert_false (medusa_order_query_equal (query, copy));
  medusa_order_query_set_offset (copy, 0);
  medusa_order_query_set_statuses (copy, NULL);
  g_assert_false (medusa_order_query_equal (query, copy));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/address/same-place", test_address_same_place);
  g_test_add_func ("/models/address/update-from", test_address_update_from_notifies_changes);
  g_test_add_func ("/models/customer/update-from", test_customer_update_from_keeps_addresses);
  g_test_add_func ("/models/customer/billing-address", test_customer_billing_address);
  g_test_add_func ("/models/customer/full-name", test_customer_full_name);
  g_test_add_func ("/models/order/item-count", test_order_item_count);
  g_test_add_func ("/models/immutable-defaults", test_immutable_defaults);
  g_test_add_func ("/models/region/find-country", test_region_find_country);
  g_test_add_func ("/models/order-query", test_order_query);

  return g_test_run ();
}
