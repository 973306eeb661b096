/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "medusa.h"
#include "medusa-dialect.h"

/* Notifications, by property name, in the order they came */
typedef struct
{
  GPtrArray *names;
} NotifyLog;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  NotifyLog *log = user_data;

  g_ptr_array_add (log->names, g_strdup (pspec->name));
}

static NotifyLog *
notify_log_new (gpointer object)
{
  NotifyLog *log = g_new0 (NotifyLog, 1);

  log->names = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (object, "notify", G_CALLBACK (notify_cb), log);

  return log;
}

static void
notify_log_free (NotifyLog *log)
{
  g_ptr_array_unref (log->names);
  g_free (log);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotifyLog, notify_log_free)

static gboolean
notify_log_has (NotifyLog  *log,
                const char *name)
{
  return g_ptr_array_find_with_equal_func (log->names, name, g_str_equal, NULL);
}

/* A copy of a list model kept up to date only through items-changed, so a
 * test can tell whether the signals described the change truthfully.
 */
typedef struct
{
  GListModel *model;
  GPtrArray  *mirror;
  guint       n_changes;
  guint       n_removed;
  guint       n_added;
} ListWatch;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ListWatch *watch = user_data;

  g_assert_cmpuint (position + removed, <=, watch->mirror->len);

  watch->n_changes++;
  watch->n_removed += removed;
  watch->n_added += added;

  g_ptr_array_remove_range (watch->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watch->mirror, (int) (position + i),
                        g_list_model_get_item (model, position + i));
}

static ListWatch *
list_watch_new (GListModel *model)
{
  ListWatch *watch = g_new0 (ListWatch, 1);
  guint n_items = g_list_model_get_n_items (model);

  watch->model = g_object_ref (model);
  watch->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (watch->mirror, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), watch);

  return watch;
}

static void
list_watch_free (ListWatch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->model, watch);
  g_object_unref (watch->model);
  g_ptr_array_unref (watch->mirror);
  g_free (watch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListWatch, list_watch_free)

static void
assert_mirror_matches (ListWatch *watch)
{
  g_assert_cmpuint (watch->mirror->len, ==, g_list_model_get_n_items (watch->model));

  for (guint i = 0; i < watch->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (watch->model, i);

      g_assert_true (item == g_ptr_array_index (watch->mirror, i));
    }
}

static MedusaAddress *
make_address (const char *id,
              const char *city)
{
  return g_object_new (MEDUSA_TYPE_ADDRESS,
                       "id", id,
                       "customer-id", "cus_1",
                       "first-name", "Ada",
                       "last-name", "Lovelace",
                       "address-1", "1 Main St",
                       "city", city,
                       "postal-code", "12345",
                       "country-code", "gb",
                       NULL);
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
                       "has-account", TRUE,
                       "shipping-addresses", store,
                       NULL);
}

static JsonObject *
make_metadata (const char *key,
               const char *value)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, key, value);

  return object;
}

static void
test_address_copy (void)
{
  g_autoptr(MedusaAddress) address = make_address ("addr_1", "London");
  g_autoptr(MedusaAddress) copy = NULL;
  g_autoptr(JsonObject) metadata = make_metadata ("door", "blue");
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) updated = g_date_time_new_utc (2024, 6, 7, 8, 9, 10);

  g_object_set (address,
                "company", "Analytical Engines Ltd",
                "address-2", "Flat 2",
                "province", "Greater London",
                "phone", "+44 20 7946 0000",
                "metadata", metadata,
                "created-at", created,
                "updated-at", updated,
                NULL);

  copy = medusa_address_copy (address);

  g_assert_true (MEDUSA_IS_ADDRESS (copy));
  g_assert_true (copy != address);
  g_assert_cmpstr (medusa_address_get_id (copy), ==, "addr_1");
  g_assert_cmpstr (medusa_address_get_customer_id (copy), ==, "cus_1");
  g_assert_cmpstr (medusa_address_get_company (copy), ==, "Analytical Engines Ltd");
  g_assert_cmpstr (medusa_address_get_first_name (copy), ==, "Ada");
  g_assert_cmpstr (medusa_address_get_last_name (copy), ==, "Lovelace");
  g_assert_cmpstr (medusa_address_get_address_1 (copy), ==, "1 Main St");
  g_assert_cmpstr (medusa_address_get_address_2 (copy), ==, "Flat 2");
  g_assert_cmpstr (medusa_address_get_city (copy), ==, "London");
  g_assert_cmpstr (medusa_address_get_country_code (copy), ==, "gb");
  g_assert_cmpstr (medusa_address_get_province (copy), ==, "Greater London");
  g_assert_cmpstr (medusa_address_get_postal_code (copy), ==, "12345");
  g_assert_cmpstr (medusa_address_get_phone (copy), ==, "+44 20 7946 0000");
  g_assert_true (json_object_equal (medusa_address_get_metadata (copy), metadata));
  g_assert_true (g_date_time_equal (medusa_address_get_created_at (copy), created));
  g_assert_true (g_date_time_equal (medusa_address_get_updated_at (copy), updated));

  /* The copy is a value of its own: changing it leaves the original alone */
  medusa_address_set_city (copy, "Bath");
  medusa_address_set_address_2 (copy, NULL);
  g_assert_cmpstr (medusa_address_get_city (address), ==, "London");
  g_assert_cmpstr (medusa_address_get_address_2 (address), ==, "Flat 2");
}

static void
test_address_same_place (void)
{
  g_autoptr(MedusaAddress) a = make_address ("addr_1", "London");
  g_autoptr(MedusaAddress) b = medusa_address_copy (a);
  g_autoptr(MedusaAddress) empty_a = medusa_address_new ();
  g_autoptr(MedusaAddress) empty_b = medusa_address_new ();
  g_autoptr(JsonObject) metadata = make_metadata ("note", "leave at the door");
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);

  g_assert_true (medusa_address_same_place (a, a));
  g_assert_true (medusa_address_same_place (a, b));
  g_assert_true (medusa_address_same_place (empty_a, empty_b));

  /* ids, dates and metadata are not the place */
  medusa_address_set_id (b, "addr_2");
  medusa_address_set_customer_id (b, "cus_2");
  medusa_address_set_metadata (b, metadata);
  medusa_address_set_created_at (b, date);
  medusa_address_set_updated_at (b, date);
  g_assert_true (medusa_address_same_place (a, b));

  /* the country code without case, white space around values, NULL as "" */
  medusa_address_set_country_code (b, "GB");
  medusa_address_set_city (b, "  London\t");
  medusa_address_set_first_name (b, "\nAda ");
  medusa_address_set_company (b, "");
  medusa_address_set_address_2 (b, "   ");
  medusa_address_set_phone (b, " ");
  g_assert_true (medusa_address_same_place (a, b));
  g_assert_true (medusa_address_same_place (b, a));

  medusa_address_set_company (empty_a, "  ");
  medusa_address_set_country_code (empty_b, "");
  g_assert_true (medusa_address_same_place (empty_a, empty_b));

  /* white space inside a value and the case of other values do count */
  medusa_address_set_address_1 (b, "1 Main  St");
  g_assert_false (medusa_address_same_place (a, b));
  medusa_address_set_address_1 (b, "1 main st");
  g_assert_false (medusa_address_same_place (a, b));
  medusa_address_set_address_1 (b, "1 Main St");
  g_assert_true (medusa_address_same_place (a, b));

  /* a differing postal code is another place */
  medusa_address_set_postal_code (b, "12346");
  g_assert_false (medusa_address_same_place (a, b));
  g_assert_false (medusa_address_same_place (b, a));
  medusa_address_set_postal_code (b, NULL);
  g_assert_false (medusa_address_same_place (a, b));
  medusa_address_set_postal_code (b, " 12345 ");
  g_assert_true (medusa_address_same_place (a, b));

  /* and so is any other field of the place, each on its own */
  medusa_address_set_address_2 (b, "Flat 2");
  g_assert_false (medusa_address_same_place (a, b));
  medusa_address_set_address_2 (b, NULL);
  medusa_address_set_province (b, "Kent");
  g_assert_false (medusa_address_same_place (a, b));
  medusa_address_set_province (b, NULL);
  medusa_address_set_country_code (b, "gbr");
  g_assert_false (medusa_address_same_place (a, b));
  medusa_address_set_country_code (b, NULL);
  g_assert_false (medusa_address_same_place (a, b));
}

static void
test_address_update_from (void)
{
  g_autoptr(MedusaAddress) address = make_address ("addr_1", "London");
  g_autoptr(MedusaAddress) answer = medusa_address_copy (address);
  g_autoptr(JsonObject) metadata = make_metadata ("door", "blue");
  g_autoptr(JsonObject) same_metadata = make_metadata ("door", "blue");
  g_autoptr(GDateTime) updated = g_date_time_new_utc (2024, 2, 3, 4, 5, 6);
  g_autoptr(GDateTime) same_updated = g_date_time_new_utc (2024, 2, 3, 4, 5, 6);
  g_autoptr(NotifyLog) log = notify_log_new (address);

  /* nothing changed, nothing notified */
  medusa_address_update_from (address, answer);
  g_assert_cmpuint (log->names->len, ==, 0);

  medusa_address_set_city (answer, "Bath");
  medusa_address_set_phone (answer, "+44 1225 000000");
  medusa_address_set_metadata (answer, metadata);
  medusa_address_set_updated_at (answer, updated);
  medusa_address_set_company (answer, NULL);
  medusa_address_update_from (address, answer);

  g_assert_cmpuint (log->names->len, ==, 4);
  g_assert_true (notify_log_has (log, "city"));
  g_assert_true (notify_log_has (log, "phone"));
  g_assert_true (notify_log_has (log, "metadata"));
  g_assert_true (notify_log_has (log, "updated-at"));
  g_assert_cmpstr (medusa_address_get_city (address), ==, "Bath");
  g_assert_cmpstr (medusa_address_get_phone (address), ==, "+44 1225 000000");
  g_assert_true (medusa_address_get_updated_at (address) == updated);

  /* equal values in other objects are no change either */
  medusa_address_set_metadata (answer, same_metadata);
  medusa_address_set_updated_at (answer, same_updated);
  medusa_address_update_from (address, answer);
  g_assert_cmpuint (log->names->len, ==, 4);

  /* the setters are as quiet about a value they already have */
  medusa_address_set_city (address, "Bath");
  medusa_address_set_metadata (address, same_metadata);
  medusa_address_set_updated_at (address, same_updated);
  g_object_set (address, "phone", "+44 1225 000000", NULL);
  g_assert_cmpuint (log->names->len, ==, 4);

  /* and notify each real change once, also through g_object_set () */
  g_object_set (address, "city", NULL, NULL);
  medusa_address_set_metadata (address, NULL);
  g_assert_cmpuint (log->names->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (log->names, 4), ==, "city");
  g_assert_cmpstr (g_ptr_array_index (log->names, 5), ==, "metadata");
  g_assert_null (medusa_address_get_city (address));

  /* updating from itself changes nothing */
  medusa_address_update_from (address, address);
  g_assert_cmpuint (log->names->len, ==, 6);
}

/* An answer about another customer (a store that mixed its answers up)
 * changes nothing, and says so. */
static void
test_customer_update_from_other (void)
{
  g_autoptr(MedusaAddress) home = make_address ("addr_home", "London");
  g_autoptr(MedusaAddress) cabin = make_address ("addr_cabin", "Keswick");
  MedusaAddress *mine[] = { home };
  MedusaAddress *theirs[] = { cabin };
  g_autoptr(MedusaCustomer) customer = make_customer (mine, G_N_ELEMENTS (mine));
  g_autoptr(MedusaCustomer) other = make_customer (theirs, G_N_ELEMENTS (theirs));
  g_autoptr(NotifyLog) customer_log = notify_log_new (customer);
  g_autoptr(ListWatch) watch = list_watch_new (medusa_customer_get_shipping_addresses (customer));
  g_autoptr(GError) error = NULL;

  g_object_set (other, "id", "cus_2", "email", "grace@example.com", NULL);
  g_assert_false (medusa_customer_update_from (customer, other, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, "cus_1");
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "ada@example.com");
  g_assert_cmpuint (customer_log->names->len, ==, 0);
  g_assert_cmpuint (watch->n_changes, ==, 0);

  /* the same customer's answer is taken */
  g_object_set (other, "id", "cus_1", NULL);
  g_assert_true (medusa_customer_update_from (customer, other, NULL));
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "grace@example.com");
}

static void
test_customer_update_from (void)
{
  g_autoptr(MedusaAddress) home = make_address ("addr_home", "London");
  g_autoptr(MedusaAddress) work = make_address ("addr_work", "Oxford");
  g_autoptr(MedusaAddress) shop = make_address ("addr_shop", "York");
  g_autoptr(MedusaAddress) home_new = make_address ("addr_home", "Bath");
  g_autoptr(MedusaAddress) shop_new = make_address ("addr_shop", "York");
  g_autoptr(MedusaAddress) cabin = make_address ("addr_cabin", "Keswick");
  MedusaAddress *before[] = { home, work, shop };
  MedusaAddress *after[] = { cabin, home_new, shop_new };
  g_autoptr(MedusaCustomer) customer = make_customer (before, G_N_ELEMENTS (before));
  g_autoptr(MedusaCustomer) answer = make_customer (after, G_N_ELEMENTS (after));
  g_autoptr(MedusaCustomer) shorter = NULL;
  GListModel *addresses = medusa_customer_get_shipping_addresses (customer);
  g_autoptr(ListWatch) watch = list_watch_new (addresses);
  g_autoptr(NotifyLog) customer_log = notify_log_new (customer);
  g_autoptr(NotifyLog) home_log = notify_log_new (home);
  g_autoptr(NotifyLog) shop_log = notify_log_new (shop);
  g_autoptr(MedusaAddress) first = NULL;
  g_autoptr(MedusaAddress) second = NULL;
  g_autoptr(MedusaAddress) third = NULL;
  g_autoptr(MedusaAddress) only = NULL;

  medusa_customer_set_last_name (answer, "King");
  medusa_customer_update_from (customer, answer, NULL);

  /* only what changed on the customer was notified */
  g_assert_cmpuint (customer_log->names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (customer_log->names, 0), ==, "last-name");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "King");

  /* the list says cabin, home, shop; work is gone */
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 3);
  first = g_list_model_get_item (addresses, 0);
  second = g_list_model_get_item (addresses, 1);
  third = g_list_model_get_item (addresses, 2);
  g_assert_true (first == cabin);
  g_assert_true (second == home);
  g_assert_true (third == shop);
  g_assert_null (medusa_customer_find_address (customer, "addr_work"));

  /* kept addresses are the same objects, updated in place, notified only for what changed */
  g_assert_cmpstr (medusa_address_get_city (home), ==, "Bath");
  g_assert_cmpuint (home_log->names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (home_log->names, 0), ==, "city");
  g_assert_cmpuint (shop_log->names->len, ==, 0);

  /* items-changed told the truth, in one go, and left the unchanged tail alone */
  g_assert_cmpuint (watch->n_changes, ==, 1);
  g_assert_cmpuint (watch->n_removed, ==, 2);
  g_assert_cmpuint (watch->n_added, ==, 2);
  assert_mirror_matches (watch);

  /* the same answer again changes nothing at all */
  medusa_customer_update_from (customer, answer, NULL);
  g_assert_cmpuint (watch->n_changes, ==, 1);
  g_assert_cmpuint (customer_log->names->len, ==, 1);
  g_assert_cmpuint (home_log->names->len, ==, 1);

  /* an address removed from the middle */
  shorter = make_customer ((MedusaAddress *[]) { cabin, shop_new }, 2);
  medusa_customer_set_last_name (shorter, "King");
  medusa_customer_update_from (customer, shorter, NULL);
  g_assert_cmpuint (watch->n_changes, ==, 2);
  g_assert_cmpuint (watch->n_removed, ==, 3);
  g_assert_cmpuint (watch->n_added, ==, 2);
  assert_mirror_matches (watch);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 2);
  g_assert_true (medusa_customer_find_address (customer, "addr_shop") == shop);
  g_assert_null (medusa_customer_find_address (customer, "addr_home"));

  /* and every address removed */
  g_clear_object (&shorter);
  shorter = make_customer (NULL, 0);
  medusa_customer_set_last_name (shorter, "King");
  medusa_customer_update_from (customer, shorter, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 0);
  assert_mirror_matches (watch);

  /* from none, one */
  g_clear_object (&shorter);
  shorter = make_customer (&home_new, 1);
  medusa_customer_update_from (customer, shorter, NULL);
  assert_mirror_matches (watch);
  only = g_list_model_get_item (addresses, 0);
  g_assert_true (only == home_new);

  /* the list model stays the one the customer was made with */
  g_assert_true (medusa_customer_get_shipping_addresses (customer) == addresses);
}

static void
test_customer_update_from_properties (void)
{
  /* no id yet: another customer's answer would not be taken */
  g_autoptr(MedusaCustomer) customer = g_object_new (MEDUSA_TYPE_CUSTOMER, "has-account", TRUE,
                                                     NULL);
  g_autoptr(MedusaCustomer) answer = make_customer (NULL, 0);
  g_autoptr(JsonObject) metadata = make_metadata ("newsletter", "yes");
  g_autoptr(GDateTime) created = g_date_time_new_utc (2023, 5, 6, 7, 8, 9);
  g_autoptr(NotifyLog) log = notify_log_new (customer);

  g_object_set (answer,
                "id", "cus_2",
                "email", "ada@example.org",
                "first-name", "Augusta",
                "last-name", "King",
                "phone", "+44 20 0000 0000",
                "has-account", FALSE,
                "billing-address-id", "addr_bill",
                "metadata", metadata,
                "created-at", created,
                NULL);
  medusa_customer_update_from (customer, answer, NULL);

  g_assert_cmpstr (medusa_customer_get_id (customer), ==, "cus_2");
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "ada@example.org");
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Augusta");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "King");
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+44 20 0000 0000");
  g_assert_false (medusa_customer_get_has_account (customer));
  g_assert_cmpstr (medusa_customer_get_billing_address_id (customer), ==, "addr_bill");
  g_assert_true (json_object_equal (medusa_customer_get_metadata (customer), metadata));
  g_assert_true (g_date_time_equal (medusa_customer_get_created_at (customer), created));
  g_assert_null (medusa_customer_get_updated_at (customer));

  /* one notification for each of the nine properties that changed */
  g_assert_cmpuint (log->names->len, ==, 9);
  g_assert_true (notify_log_has (log, "id"));
  g_assert_true (notify_log_has (log, "email"));
  g_assert_true (notify_log_has (log, "first-name"));
  g_assert_true (notify_log_has (log, "last-name"));
  g_assert_true (notify_log_has (log, "phone"));
  g_assert_true (notify_log_has (log, "has-account"));
  g_assert_true (notify_log_has (log, "billing-address-id"));
  g_assert_true (notify_log_has (log, "metadata"));
  g_assert_true (notify_log_has (log, "created-at"));
}

static void
test_customer_billing_address (void)
{
  g_autoptr(MedusaAddress) billing = make_address ("addr_bill", "London");
  g_autoptr(MedusaAddress) billing_new = make_address ("addr_bill", "Bath");
  g_autoptr(MedusaAddress) other = make_address ("addr_other", "York");
  g_autoptr(MedusaAddress) no_id = make_address (NULL, "Leeds");
  g_autoptr(MedusaAddress) no_id_either = make_address (NULL, "Hull");
  g_autoptr(MedusaCustomer) customer = make_customer (NULL, 0);
  g_autoptr(MedusaCustomer) answer = make_customer (NULL, 0);
  g_autoptr(NotifyLog) log = NULL;

  medusa_customer_set_billing_address (customer, billing);
  log = notify_log_new (customer);

  /* same id: the same object, updated in place */
  medusa_customer_set_billing_address (answer, billing_new);
  medusa_customer_update_from (customer, answer, NULL);
  g_assert_true (medusa_customer_get_billing_address (customer) == billing);
  g_assert_cmpstr (medusa_address_get_city (billing), ==, "Bath");
  g_assert_cmpuint (log->names->len, ==, 0);

  /* another id: replaced */
  medusa_customer_set_billing_address (answer, other);
  medusa_customer_update_from (customer, answer, NULL);
  g_assert_true (medusa_customer_get_billing_address (customer) == other);
  g_assert_cmpuint (log->names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log->names, 0), ==, "billing-address");

  /* two addresses without an id are not known to be the same one */
  medusa_customer_set_billing_address (customer, no_id);
  medusa_customer_set_billing_address (answer, no_id_either);
  medusa_customer_update_from (customer, answer, NULL);
  g_assert_true (medusa_customer_get_billing_address (customer) == no_id_either);
  g_assert_cmpstr (medusa_address_get_city (no_id), ==, "Leeds");

  /* none */
  medusa_customer_set_billing_address (answer, NULL);
  medusa_customer_update_from (customer, answer, NULL);
  g_assert_null (medusa_customer_get_billing_address (customer));
}

static void
test_customer_full_name (void)
{
  g_autoptr(MedusaCustomer) customer = make_customer (NULL, 0);
  g_autofree char *both = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *email = NULL;
  g_autofree char *nothing = NULL;

  medusa_customer_set_last_name (customer, "Lovelace");
  both = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (both, ==, "Ada Lovelace");

  medusa_customer_set_first_name (customer, "  Ada ");
  medusa_customer_set_last_name (customer, " Lovelace\n");
  trimmed = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (trimmed, ==, "Ada Lovelace");

  medusa_customer_set_last_name (customer, NULL);
  first = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (first, ==, "Ada");

  medusa_customer_set_first_name (customer, " ");
  medusa_customer_set_last_name (customer, "Lovelace");
  last = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (last, ==, "Lovelace");

  medusa_customer_set_first_name (customer, NULL);
  medusa_customer_set_last_name (customer, "");
  email = medusa_customer_dup_full_name (customer);
  g_assert_cmpstr (email, ==, "ada@example.com");

  medusa_customer_set_email (customer, NULL);
  nothing = medusa_customer_dup_full_name (customer);
  g_assert_nonnull (nothing);
  g_assert_cmpstr (nothing, ==, "");
}

static void
test_customer_find_address (void)
{
  g_autoptr(MedusaAddress) home = make_address ("addr_home", "London");
  g_autoptr(MedusaAddress) work = make_address ("addr_work", "Oxford");
  g_autoptr(GListStore) objects = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GObject) stranger = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) empty = g_object_new (MEDUSA_TYPE_CUSTOMER, NULL);
  GListModel *addresses;

  /* a list of another item type is taken as the addresses in it */
  g_list_store_append (objects, home);
  g_list_store_append (objects, stranger);
  g_list_store_append (objects, work);
  customer = g_object_new (MEDUSA_TYPE_CUSTOMER, "shipping-addresses", objects, NULL);
  addresses = medusa_customer_get_shipping_addresses (customer);
  g_assert_true (g_list_model_get_item_type (addresses) == MEDUSA_TYPE_ADDRESS);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 2);

  g_assert_true (medusa_customer_find_address (customer, "addr_home") == home);
  g_assert_true (medusa_customer_find_address (customer, "addr_work") == work);
  g_assert_null (medusa_customer_find_address (customer, "addr_cabin"));
  g_assert_null (medusa_customer_find_address (customer, NULL));
  g_assert_null (medusa_customer_find_address (empty, "addr_home"));

  g_assert_nonnull (medusa_customer_get_shipping_addresses (empty));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (empty)),
                    ==, 0);
  g_assert_true (g_list_model_get_item_type (medusa_customer_get_shipping_addresses (empty)) ==
                 MEDUSA_TYPE_ADDRESS);
}

static MedusaLineItem *
make_line_item (int quantity)
{
  return g_object_new (MEDUSA_TYPE_LINE_ITEM, "quantity", quantity, NULL);
}

static void
test_order_item_count (void)
{
  g_autoptr(GListStore) items = g_list_store_new (MEDUSA_TYPE_LINE_ITEM);
  g_autoptr(GListStore) huge = g_list_store_new (MEDUSA_TYPE_LINE_ITEM);
  g_autoptr(GListStore) mixed = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GObject) stranger = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaOrder) huge_order = NULL;
  g_autoptr(MedusaOrder) mixed_order = NULL;
  g_autoptr(MedusaOrder) empty = g_object_new (MEDUSA_TYPE_ORDER, "id", "order_2", NULL);
  const int quantities[] = { 2, 3, 0, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (quantities); i++)
    {
      g_autoptr(MedusaLineItem) item = make_line_item (quantities[i]);

      g_list_store_append (items, item);
      g_list_store_append (mixed, item);
    }
  g_list_store_append (mixed, stranger);

  order = g_object_new (MEDUSA_TYPE_ORDER, "id", "order_1", "items", items, NULL);
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, 6);
  g_assert_cmpuint (medusa_order_get_item_count (empty), ==, 0);

  /* what is not a line item does not count */
  mixed_order = g_object_new (MEDUSA_TYPE_ORDER, "items", mixed, NULL);
  g_assert_cmpuint (medusa_order_get_item_count (mixed_order), ==, 6);

  /* the sum saturates instead of wrapping */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MedusaLineItem) item = make_line_item (G_MAXINT);

      g_list_store_append (huge, item);
    }
  huge_order = g_object_new (MEDUSA_TYPE_ORDER, "items", huge, NULL);
  g_assert_cmpuint (medusa_order_get_item_count (huge_order), ==, G_MAXUINT);
}

/* A summary (a list's order) counts its items without listing them; an
 * order with items counts those. */
static void
test_order_summary_count (void)
{
  g_autoptr(GListStore) items = g_list_store_new (MEDUSA_TYPE_LINE_ITEM);
  g_autoptr(MedusaLineItem) item = make_line_item (2);
  g_autoptr(MedusaOrder) summary = g_object_new (MEDUSA_TYPE_ORDER, "item-count", 7, NULL);
  g_autoptr(MedusaOrder) listed = NULL;
  guint count = 0;

  g_assert_cmpuint (medusa_order_get_item_count (summary), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (summary)), ==, 0);
  g_object_get (summary, "item-count", &count, NULL);
  g_assert_cmpuint (count, ==, 7);

  g_list_store_append (items, item);
  listed = g_object_new (MEDUSA_TYPE_ORDER, "items", items, "item-count", 7, NULL);
  g_assert_cmpuint (medusa_order_get_item_count (listed), ==, 2);
}

/* The words a store gives its orders (status, currency, region) are shared
 * by the orders that hold them, and go with the last of them: a hostile
 * store that sends new ones with every order cannot grow what outlives
 * them (GLib's table of interned strings is never emptied). */
static MedusaOrder *
order_with_words (const char *word)
{
  g_autofree char *status = g_strdup_printf ("%s-status", word);
  g_autofree char *currency = g_strdup_printf ("%s-currency", word);
  g_autofree char *region = g_strdup_printf ("%s-region", word);

  return g_object_new (MEDUSA_TYPE_ORDER,
                       "status", status, "fulfillment-status", status,
                       "payment-status", status, "currency-code", currency,
                       "region-id", region, "region-name", region, NULL);
}

static void
test_order_shared_strings (void)
{
  g_autofree char *word = g_strdup_printf ("patron-test-word-%u", g_random_int ());
  g_autofree char *status = g_strdup_printf ("%s-status", word);
  g_autofree char *currency = g_strdup_printf ("%s-currency", word);
  g_autofree char *region = g_strdup_printf ("%s-region", word);
  MedusaOrder *first = order_with_words (word);
  MedusaOrder *second = order_with_words (word);

  g_assert_cmpstr (medusa_order_get_status (first), ==, status);
  g_assert_cmpstr (medusa_order_get_payment_status (first), ==, status);
  g_assert_cmpstr (medusa_order_get_currency_code (first), ==, currency);
  g_assert_cmpstr (medusa_order_get_region_name (first), ==, region);
  g_assert_true (medusa_order_get_status (first) == medusa_order_get_status (second));
  g_assert_true (medusa_order_get_region_name (first) == medusa_order_get_region_name (second));

  g_object_unref (first);
  g_object_unref (second);
  g_assert_cmpuint (g_quark_try_string (status), ==, 0);
  g_assert_cmpuint (g_quark_try_string (currency), ==, 0);
  g_assert_cmpuint (g_quark_try_string (region), ==, 0);
}

static void
assert_empty_list (GListModel *model,
                   GType       item_type)
{
  g_assert_nonnull (model);
  g_assert_true (G_IS_LIST_MODEL (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (g_type_is_a (item_type, g_list_model_get_item_type (model)));
}

static void
test_immutable_empty (void)
{
  g_autoptr(MedusaOrder) order = g_object_new (MEDUSA_TYPE_ORDER, NULL);
  g_autoptr(MedusaOrder) order_null = g_object_new (MEDUSA_TYPE_ORDER,
                                                    "items", NULL,
                                                    "discount-codes", NULL,
                                                    NULL);
  g_autoptr(MedusaFulfillment) fulfillment = g_object_new (MEDUSA_TYPE_FULFILLMENT, NULL);
  g_autoptr(MedusaRegion) region = g_object_new (MEDUSA_TYPE_REGION, NULL);
  g_autoptr(MedusaOrderPage) page = g_object_new (MEDUSA_TYPE_ORDER_PAGE, NULL);
  g_autoptr(GListModel) items = NULL;

  assert_empty_list (medusa_order_get_items (order), MEDUSA_TYPE_LINE_ITEM);
  assert_empty_list (medusa_order_get_items (order_null), MEDUSA_TYPE_LINE_ITEM);
  assert_empty_list (medusa_order_get_shipping_methods (order), MEDUSA_TYPE_SHIPPING_METHOD);
  assert_empty_list (medusa_order_get_fulfillments (order), MEDUSA_TYPE_FULFILLMENT);
  assert_empty_list (medusa_order_get_refunds (order), MEDUSA_TYPE_REFUND);
  assert_empty_list (medusa_fulfillment_get_tracking_links (fulfillment),
                     MEDUSA_TYPE_TRACKING_LINK);
  assert_empty_list (medusa_region_get_countries (region), MEDUSA_TYPE_COUNTRY);
  assert_empty_list (medusa_order_page_get_orders (page), MEDUSA_TYPE_ORDER);

  /* the property reads the same list the getter gives */
  g_object_get (order, "items", &items, NULL);
  g_assert_true (items == medusa_order_get_items (order));

  g_assert_nonnull (medusa_order_get_discount_codes (order));
  g_assert_null (medusa_order_get_discount_codes (order)[0]);
  g_assert_nonnull (medusa_order_get_discount_codes (order_null));
  g_assert_null (medusa_order_get_discount_codes (order_null)[0]);
  g_assert_nonnull (medusa_order_get_gift_card_codes (order));
  g_assert_null (medusa_order_get_gift_card_codes (order)[0]);
  g_assert_nonnull (medusa_fulfillment_get_tracking_numbers (fulfillment));
  g_assert_null (medusa_fulfillment_get_tracking_numbers (fulfillment)[0]);

  g_assert_null (medusa_order_get_id (order));
  g_assert_null (medusa_order_get_created_at (order));
  g_assert_null (medusa_order_get_shipping_address (order));
  g_assert_null (medusa_order_get_billing_address (order));
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 0);
  g_assert_cmpint (medusa_order_get_total (order), ==, 0);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, 0);
  g_assert_cmpfloat (medusa_region_get_tax_rate (region), ==, 0.0);
}

static void
test_immutable_construct (void)
{
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 3, 4, 5, 6, 7);
  g_autoptr(GDateTime) shipped = g_date_time_new_utc (2024, 3, 5, 5, 6, 7);
  g_autoptr(MedusaAddress) shipping = make_address ("addr_ship", "London");
  g_autoptr(MedusaTrackingLink) link = NULL;
  g_autoptr(MedusaFulfillment) fulfillment = NULL;
  g_autoptr(MedusaShippingMethod) method = NULL;
  g_autoptr(MedusaLineItem) item = NULL;
  g_autoptr(MedusaRefund) refund = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GListStore) refunds = g_list_store_new (MEDUSA_TYPE_REFUND);
  g_autoptr(GListStore) links = g_list_store_new (MEDUSA_TYPE_TRACKING_LINK);
  g_autoptr(GListStore) fulfillments = g_list_store_new (MEDUSA_TYPE_FULFILLMENT);
  g_autoptr(GListStore) methods = g_list_store_new (MEDUSA_TYPE_SHIPPING_METHOD);
  g_autoptr(GListStore) items = g_list_store_new (MEDUSA_TYPE_LINE_ITEM);
  g_autoptr(GListStore) orders = g_list_store_new (MEDUSA_TYPE_ORDER);
  g_auto(GStrv) codes = g_strsplit ("SUMMER,WELCOME", ",", -1);
  const char * const tracking[] = { "TRACK1", NULL };

  link = g_object_new (MEDUSA_TYPE_TRACKING_LINK,
                       "tracking-number", "TRACK1",
                       "url", "https://carrier.example/TRACK1",
                       NULL);
  g_assert_cmpstr (medusa_tracking_link_get_tracking_number (link), ==, "TRACK1");
  g_assert_cmpstr (medusa_tracking_link_get_url (link), ==, "https://carrier.example/TRACK1");
  g_list_store_append (links, link);

  fulfillment = g_object_new (MEDUSA_TYPE_FULFILLMENT,
                              "id", "ful_1",
                              "created-at", created,
                              "shipped-at", shipped,
                              "tracking-numbers", tracking,
                              "tracking-links", links,
                              NULL);
  g_assert_cmpstr (medusa_fulfillment_get_id (fulfillment), ==, "ful_1");
  g_assert_true (g_date_time_equal (medusa_fulfillment_get_created_at (fulfillment), created));
  g_assert_true (g_date_time_equal (medusa_fulfillment_get_shipped_at (fulfillment), shipped));
  g_assert_null (medusa_fulfillment_get_canceled_at (fulfillment));
  g_assert_cmpstrv (medusa_fulfillment_get_tracking_numbers (fulfillment), tracking);
  g_assert_true (medusa_fulfillment_get_tracking_links (fulfillment) == G_LIST_MODEL (links));
  g_list_store_append (fulfillments, fulfillment);

  method = g_object_new (MEDUSA_TYPE_SHIPPING_METHOD,
                         "id", "sm_1",
                         "name", "Standard",
                         "price", (gint64) 500,
                         "total", (gint64) 600,
                         NULL);
  g_assert_cmpstr (medusa_shipping_method_get_id (method), ==, "sm_1");
  g_assert_cmpstr (medusa_shipping_method_get_name (method), ==, "Standard");
  g_assert_cmpint (medusa_shipping_method_get_price (method), ==, 500);
  g_assert_cmpint (medusa_shipping_method_get_total (method), ==, 600);
  g_list_store_append (methods, method);

  item = g_object_new (MEDUSA_TYPE_LINE_ITEM,
                       "id", "item_1",
                       "title", "Difference Engine",
                       "description", "Brass",
                       "thumbnail", "https://store.example/engine.png",
                       "variant-title", "Large",
                       "variant-sku", "DE-L",
                       "quantity", 2,
                       "fulfilled-quantity", 2,
                       "shipped-quantity", 1,
                       "returned-quantity", 0,
                       "unit-price", (gint64) 1000,
                       "subtotal", (gint64) 2000,
                       "discount-total", (gint64) -200,
                       "tax-total", (gint64) 360,
                       "total", (gint64) 2160,
                       NULL);
  g_assert_cmpstr (medusa_line_item_get_id (item), ==, "item_1");
  g_assert_cmpstr (medusa_line_item_get_title (item), ==, "Difference Engine");
  g_assert_cmpstr (medusa_line_item_get_description (item), ==, "Brass");
  g_assert_cmpstr (medusa_line_item_get_thumbnail (item), ==, "https://store.example/engine.png");
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "Large");
  g_assert_cmpstr (medusa_line_item_get_variant_sku (item), ==, "DE-L");
  g_assert_cmpint (medusa_line_item_get_quantity (item), ==, 2);
  g_assert_cmpint (medusa_line_item_get_fulfilled_quantity (item), ==, 2);
  g_assert_cmpint (medusa_line_item_get_shipped_quantity (item), ==, 1);
  g_assert_cmpint (medusa_line_item_get_returned_quantity (item), ==, 0);
  g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, 1000);
  g_assert_cmpint (medusa_line_item_get_subtotal (item), ==, 2000);
  g_assert_cmpint (medusa_line_item_get_discount_total (item), ==, -200);
  g_assert_cmpint (medusa_line_item_get_tax_total (item), ==, 360);
  g_assert_cmpint (medusa_line_item_get_total (item), ==, 2160);
  g_list_store_append (items, item);

  refund = g_object_new (MEDUSA_TYPE_REFUND,
                         "id", "ref_1",
                         "amount", (gint64) 500,
                         "reason", "discount",
                         "note", "Price match",
                         "created-at", shipped,
                         NULL);
  g_assert_cmpstr (medusa_refund_get_id (refund), ==, "ref_1");
  g_assert_cmpint (medusa_refund_get_amount (refund), ==, 500);
  g_assert_cmpstr (medusa_refund_get_reason (refund), ==, "discount");
  g_assert_cmpstr (medusa_refund_get_note (refund), ==, "Price match");
  g_assert_true (medusa_refund_get_created_at (refund) == shipped);
  g_list_store_append (refunds, refund);

  order = g_object_new (MEDUSA_TYPE_ORDER,
                        "id", "order_1",
                        "status", "pending",
                        "fulfillment-status", "shipped",
                        "payment-status", "captured",
                        "email", "ada@example.com",
                        "currency-code", "gbp",
                        "region-id", "reg_uk",
                        "region-name", "United Kingdom",
                        "display-id", (gint64) 1042,
                        "created-at", created,
                        "items", items,
                        "shipping-address", shipping,
                        "shipping-methods", methods,
                        "fulfillments", fulfillments,
                        "refunds", refunds,
                        "discount-codes", codes,
                        "subtotal", (gint64) 2000,
                        "shipping-total", (gint64) 600,
                        "tax-total", (gint64) 360,
                        "discount-total", (gint64) 200,
                        "gift-card-total", (gint64) 0,
                        "refunded-total", G_MININT64,
                        "paid-total", G_MAXINT64,
                        "total", (gint64) 2760,
                        NULL);
  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_1");
  g_assert_cmpstr (medusa_order_get_status (order), ==, "pending");
  g_assert_cmpstr (medusa_order_get_fulfillment_status (order), ==, "shipped");
  g_assert_cmpstr (medusa_order_get_payment_status (order), ==, "captured");
  g_assert_cmpstr (medusa_order_get_email (order), ==, "ada@example.com");
  g_assert_cmpstr (medusa_order_get_currency_code (order), ==, "gbp");
  g_assert_cmpstr (medusa_order_get_region_id (order), ==, "reg_uk");
  g_assert_cmpstr (medusa_order_get_region_name (order), ==, "United Kingdom");
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 1042);
  g_assert_true (medusa_order_get_created_at (order) == created);
  g_assert_true (medusa_order_get_items (order) == G_LIST_MODEL (items));
  g_assert_true (medusa_order_get_shipping_address (order) == shipping);
  g_assert_null (medusa_order_get_billing_address (order));
  g_assert_true (medusa_order_get_shipping_methods (order) == G_LIST_MODEL (methods));
  g_assert_true (medusa_order_get_fulfillments (order) == G_LIST_MODEL (fulfillments));
  g_assert_true (medusa_order_get_refunds (order) == G_LIST_MODEL (refunds));
  g_assert_cmpstrv (medusa_order_get_discount_codes (order), codes);
  g_assert_null (medusa_order_get_gift_card_codes (order)[0]);
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, 2000);
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==, 600);
  g_assert_cmpint (medusa_order_get_tax_total (order), ==, 360);
  g_assert_cmpint (medusa_order_get_discount_total (order), ==, 200);
  g_assert_cmpint (medusa_order_get_gift_card_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_refunded_total (order), ==, G_MININT64);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, G_MAXINT64);
  g_assert_cmpint (medusa_order_get_total (order), ==, 2760);
  g_assert_cmpuint (medusa_order_get_item_count (order), ==, 2);

  /* the order holds a copy of the codes, not the caller's array */
  g_free (codes[0]);
  codes[0] = g_strdup ("CHANGED");
  g_assert_cmpstr (medusa_order_get_discount_codes (order)[0], ==, "SUMMER");

  g_list_store_append (orders, order);
  page = g_object_new (MEDUSA_TYPE_ORDER_PAGE,
                       "orders", orders,
                       "count", 41u,
                       "offset", 40u,
                       "limit", G_MAXUINT,
                       NULL);
  g_assert_true (medusa_order_page_get_orders (page) == G_LIST_MODEL (orders));
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, 41);
  g_assert_cmpuint (medusa_order_page_get_offset (page), ==, 40);
  g_assert_cmpuint (medusa_order_page_get_limit (page), ==, G_MAXUINT);
}

static void
test_region_find_country (void)
{
  g_autoptr(GListStore) countries = g_list_store_new (MEDUSA_TYPE_COUNTRY);
  g_autoptr(MedusaCountry) de = NULL;
  g_autoptr(MedusaCountry) fr = NULL;
  g_autoptr(MedusaCountry) nameless = g_object_new (MEDUSA_TYPE_COUNTRY, NULL);
  g_autoptr(MedusaRegion) region = NULL;
  g_autoptr(MedusaRegion) empty = g_object_new (MEDUSA_TYPE_REGION, NULL);

  de = g_object_new (MEDUSA_TYPE_COUNTRY,
                     "iso-2", "de",
                     "iso-3", "deu",
                     "name", "GERMANY",
                     "display-name", "Germany",
                     "num-code", 276,
                     NULL);
  fr = g_object_new (MEDUSA_TYPE_COUNTRY, "iso-2", "FR", "display-name", "France", NULL);
  g_assert_cmpstr (medusa_country_get_iso_2 (de), ==, "de");
  g_assert_cmpstr (medusa_country_get_iso_3 (de), ==, "deu");
  g_assert_cmpstr (medusa_country_get_name (de), ==, "GERMANY");
  g_assert_cmpstr (medusa_country_get_display_name (de), ==, "Germany");
  g_assert_cmpint (medusa_country_get_num_code (de), ==, 276);

  g_list_store_append (countries, nameless);
  g_list_store_append (countries, de);
  g_list_store_append (countries, fr);
  region = g_object_new (MEDUSA_TYPE_REGION,
                         "id", "reg_eu",
                         "name", "Europe",
                         "currency-code", "eur",
                         "tax-rate", 19.5,
                         "countries", countries,
                         NULL);
  g_assert_cmpstr (medusa_region_get_id (region), ==, "reg_eu");
  g_assert_cmpstr (medusa_region_get_name (region), ==, "Europe");
  g_assert_cmpstr (medusa_region_get_currency_code (region), ==, "eur");
  g_assert_cmpfloat (medusa_region_get_tax_rate (region), ==, 19.5);
  g_assert_true (medusa_region_get_countries (region) == G_LIST_MODEL (countries));

  g_assert_true (medusa_region_find_country (region, "de") == de);
  g_assert_true (medusa_region_find_country (region, "DE") == de);
  g_assert_true (medusa_region_find_country (region, "fr") == fr);
  g_assert_true (medusa_region_find_country (region, "Fr") == fr);
  g_assert_null (medusa_region_find_country (region, "us"));
  g_assert_null (medusa_region_find_country (region, ""));
  g_assert_null (medusa_region_find_country (region, NULL));
  g_assert_null (medusa_region_find_country (empty, "de"));
}

/* The property names and types are what the parser and the UI build on */
typedef struct
{
  const char *type_name;
  gboolean    mutable;
  const char *properties;   /* "name:kind ...", in no particular order */
} Contract;

static const Contract contracts[] = {
  { "MedusaAddress", TRUE,
    "id:string customer-id:string company:string first-name:string last-name:string "
    "address-1:string address-2:string city:string country-code:string province:string "
    "postal-code:string phone:string metadata:json created-at:date updated-at:date" },
  { "MedusaCustomer", TRUE,
    "id:string email:string first-name:string last-name:string phone:string "
    "billing-address-id:string has-account:boolean billing-address:MedusaAddress "
    "shipping-addresses:list metadata:json created-at:date updated-at:date" },
  { "MedusaLineItem", FALSE,
    "id:string title:string description:string thumbnail:string variant-title:string "
    "variant-sku:string quantity:int fulfilled-quantity:int shipped-quantity:int "
    "returned-quantity:int unit-price:money subtotal:money discount-total:money "
    "tax-total:money total:money" },
  { "MedusaTrackingLink", FALSE, "tracking-number:string url:string" },
  { "MedusaFulfillment", FALSE,
    "id:string created-at:date shipped-at:date canceled-at:date tracking-numbers:strv "
    "tracking-links:list" },
  { "MedusaShippingMethod", FALSE, "id:string name:string price:money total:money" },
  { "MedusaOrder", FALSE,
    "id:string status:string fulfillment-status:string payment-status:string email:string "
    "currency-code:string region-id:string region-name:string display-id:display-id "
    "created-at:date items:list item-count:uint shipping-address:MedusaAddress "
    "billing-address:MedusaAddress shipping-methods:list fulfillments:list refunds:list discount-codes:strv "
    "gift-card-codes:strv "
    "subtotal:money shipping-total:money tax-total:money discount-total:money "
    "gift-card-total:money credit-total:money refunded-total:money paid-total:money total:money" },
  { "MedusaRefund", FALSE,
    "id:string amount:money reason:string note:string created-at:date" },
  { "MedusaOrderPage", FALSE, "orders:list count:uint offset:uint limit:uint" },
  { "MedusaCountry", FALSE,
    "iso-2:string iso-3:string name:string display-name:string num-code:int" },
  { "MedusaRegion", FALSE,
    "id:string name:string currency-code:string tax-rate:double countries:list" },
};

static void
assert_property_kind (GParamSpec *pspec,
                      const char *kind)
{
  if (g_str_equal (kind, "string"))
    {
      g_assert_true (pspec->value_type == G_TYPE_STRING);
      g_assert_null (G_PARAM_SPEC_STRING (pspec)->default_value);
    }
  else if (g_str_equal (kind, "date"))
    g_assert_true (pspec->value_type == G_TYPE_DATE_TIME);
  else if (g_str_equal (kind, "json"))
    g_assert_true (pspec->value_type == JSON_TYPE_OBJECT);
  else if (g_str_equal (kind, "strv"))
    g_assert_true (pspec->value_type == G_TYPE_STRV);
  else if (g_str_equal (kind, "list"))
    g_assert_true (pspec->value_type == G_TYPE_LIST_MODEL);
  else if (g_str_equal (kind, "MedusaAddress"))
    g_assert_true (pspec->value_type == MEDUSA_TYPE_ADDRESS);
  else if (g_str_equal (kind, "boolean"))
    g_assert_true (pspec->value_type == G_TYPE_BOOLEAN);
  else if (g_str_equal (kind, "money") || g_str_equal (kind, "display-id"))
    {
      GParamSpecInt64 *spec = G_PARAM_SPEC_INT64 (pspec);

      g_assert_true (pspec->value_type == G_TYPE_INT64);
      g_assert_cmpint (spec->minimum, ==, g_str_equal (kind, "money") ? G_MININT64 : 0);
      g_assert_cmpint (spec->maximum, ==, G_MAXINT64);
      g_assert_cmpint (spec->default_value, ==, 0);
    }
  else if (g_str_equal (kind, "int"))
    {
      GParamSpecInt *spec = G_PARAM_SPEC_INT (pspec);

      g_assert_true (pspec->value_type == G_TYPE_INT);
      g_assert_cmpint (spec->minimum, ==, 0);
      g_assert_cmpint (spec->maximum, ==, G_MAXINT);
      g_assert_cmpint (spec->default_value, ==, 0);
    }
  else if (g_str_equal (kind, "uint"))
    {
      GParamSpecUInt *spec = G_PARAM_SPEC_UINT (pspec);

      g_assert_true (pspec->value_type == G_TYPE_UINT);
      g_assert_cmpuint (spec->maximum, ==, G_MAXUINT);
      g_assert_cmpuint (spec->default_value, ==, 0);
    }
  else if (g_str_equal (kind, "double"))
    {
      GParamSpecDouble *spec = G_PARAM_SPEC_DOUBLE (pspec);

      g_assert_true (pspec->value_type == G_TYPE_DOUBLE);
      g_assert_cmpfloat (spec->minimum, ==, 0.0);
      g_assert_cmpfloat (spec->maximum, ==, G_MAXDOUBLE);
    }
  else
    g_assert_not_reached ();
}

static void
test_property_contract (void)
{
  /* Registers the types, so they can be looked up by name */
  g_type_ensure (MEDUSA_TYPE_ADDRESS);
  g_type_ensure (MEDUSA_TYPE_CUSTOMER);
  g_type_ensure (MEDUSA_TYPE_LINE_ITEM);
  g_type_ensure (MEDUSA_TYPE_TRACKING_LINK);
  g_type_ensure (MEDUSA_TYPE_FULFILLMENT);
  g_type_ensure (MEDUSA_TYPE_SHIPPING_METHOD);
  g_type_ensure (MEDUSA_TYPE_REFUND);
  g_type_ensure (MEDUSA_TYPE_ORDER);
  g_type_ensure (MEDUSA_TYPE_ORDER_PAGE);
  g_type_ensure (MEDUSA_TYPE_COUNTRY);
  g_type_ensure (MEDUSA_TYPE_REGION);

  for (guint i = 0; i < G_N_ELEMENTS (contracts); i++)
    {
      const Contract *contract = &contracts[i];
      GType type = g_type_from_name (contract->type_name);
      g_autoptr(GTypeClass) klass = NULL;
      g_autofree GParamSpec **pspecs = NULL;
      g_auto(GStrv) expected = NULL;
      guint n_pspecs;

      if (g_test_verbose ())
        g_test_message ("%s", contract->type_name);
      g_assert_true (g_type_is_a (type, G_TYPE_OBJECT));
      g_assert_true (G_TYPE_IS_FINAL (type));

      klass = g_type_class_ref (type);
      pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
      expected = g_strsplit (contract->properties, " ", -1);
      g_assert_cmpuint (n_pspecs, ==, g_strv_length (expected));

      for (guint j = 0; expected[j] != NULL; j++)
        {
          g_auto(GStrv) parts = g_strsplit (expected[j], ":", 2);
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), parts[0]);
          GParamFlags flags;
          gboolean is_list = g_str_equal (parts[1], "list");

          if (g_test_verbose ())
            g_test_message ("  %s", expected[j]);
          g_assert_nonnull (pspec);
          g_assert_true (pspec->owner_type == type);
          assert_property_kind (pspec, parts[1]);

          flags = pspec->flags;
          g_assert_cmpint (flags & G_PARAM_READWRITE, ==, G_PARAM_READWRITE);
          g_assert_cmpint (flags & G_PARAM_STATIC_STRINGS, ==, G_PARAM_STATIC_STRINGS);
          if (contract->mutable && !is_list)
            {
              g_assert_true (flags & G_PARAM_EXPLICIT_NOTIFY);
              g_assert_false (flags & G_PARAM_CONSTRUCT_ONLY);
            }
          else
            {
              g_assert_true (flags & G_PARAM_CONSTRUCT_ONLY);
            }
        }
    }
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

/* What v1's validator accepts (tests/test-client.c sends it to the real
 * store): arrays as repeated name[]=, dates as created_at[gt]/[lt] in UTC,
 * q with LIKE's wildcards escaped. */
static void
test_order_query_v1_request (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaRequest) everything = NULL;
  g_autoptr(MedusaRequest) request = NULL;
  g_autoptr(MedusaRequest) one = NULL;
  g_autoptr(GTimeZone) plus_one = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) after = g_date_time_new (plus_one, 2024, 3, 4, 5, 6, 7.5);
  g_autoptr(GDateTime) before = g_date_time_new_utc (2024, 4, 1, 0, 0, 0);
  const char *statuses[] = { "pending", "completed", NULL };
  const char *fulfillment[] = { "shipped", NULL };
  const char *payment[] = { "captured", "partially_refunded", NULL };

  everything = medusa_dialect_v1.list_orders (query);
  g_assert_cmpstr (everything->method, ==, "GET");
  g_assert_cmpstr (everything->path, ==, "/store/customers/me/orders?offset=0");
  g_assert_true (everything->authenticated);

  medusa_order_query_set_limit (query, 25);
  medusa_order_query_set_offset (query, 50);
  medusa_order_query_set_search (query, "10%_\\ & co");
  medusa_order_query_set_statuses (query, statuses);
  medusa_order_query_set_fulfillment_statuses (query, fulfillment);
  medusa_order_query_set_payment_statuses (query, payment);
  medusa_order_query_set_created_range (query, after, before);
  request = medusa_dialect_v1.list_orders (query);
  g_assert_cmpstr (request->path, ==,
                   "/store/customers/me/orders?limit=25&offset=50"
                   "&q=10%5C%25%5C_%5C%5C%20%26%20co"
                   "&status%5B%5D=pending&status%5B%5D=completed"
                   "&fulfillment_status%5B%5D=shipped"
                   "&payment_status%5B%5D=captured&payment_status%5B%5D=partially_refunded"
                   "&created_at%5Bgt%5D=2024-03-04T04%3A06%3A07.500000Z"
                   "&created_at%5Blt%5D=2024-04-01T00%3A00%3A00Z");

  one = medusa_dialect_v1.get_order ("order_01/x");
  g_assert_cmpstr (one->path, ==, "/store/customers/me/orders?id=order_01%2Fx&limit=1");
  g_assert_true (one->authenticated);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/contract", test_property_contract);
  g_test_add_func ("/models/address/copy", test_address_copy);
  g_test_add_func ("/models/address/same-place", test_address_same_place);
  g_test_add_func ("/models/address/update-from", test_address_update_from);
  g_test_add_func ("/models/customer/update-from", test_customer_update_from);
  g_test_add_func ("/models/customer/update-from-other", test_customer_update_from_other);
  g_test_add_func ("/models/customer/update-from-properties", test_customer_update_from_properties);
  g_test_add_func ("/models/customer/billing-address", test_customer_billing_address);
  g_test_add_func ("/models/customer/full-name", test_customer_full_name);
  g_test_add_func ("/models/customer/find-address", test_customer_find_address);
  g_test_add_func ("/models/order/item-count", test_order_item_count);
  g_test_add_func ("/models/order/summary-count", test_order_summary_count);
  g_test_add_func ("/models/order/shared-strings", test_order_shared_strings);
  g_test_add_func ("/models/immutable/empty", test_immutable_empty);
  g_test_add_func ("/models/immutable/construct", test_immutable_construct);
  g_test_add_func ("/models/region/find-country", test_region_find_country);

  g_test_add_func ("/models/order-query", test_order_query);
  g_test_add_func ("/models/order-query/v1-request", test_order_query_v1_request);

  return g_test_run ();
}
