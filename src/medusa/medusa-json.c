/* medusa-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "medusa-error.h"
#include "medusa-json-private.h"

/*
 * Pure functions from response bodies to objects. Nothing here trusts the
 * server: every member's type is checked, a missing optional member is
 * tolerated, an unknown one ignored, and anything malformed becomes
 * MEDUSA_ERROR_INVALID_RESPONSE.
 *
 * The readers below keep the first error in a ParseContext and return a
 * harmless default after it, so a parser reads straight through and checks
 * once at the end.
 */

typedef MedusaJsonContext ParseContext;

static void
ctx_fail (ParseContext *ctx,
          const char   *owner,
          const char   *member,
          const char   *expected)
{
  if (ctx->error != NULL)
    return;

  ctx->error = g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                            "The store sent “%s” of %s that is not %s",
                            member, owner, expected);
}

static gboolean
ctx_finish (ParseContext  *ctx,
            GError       **error)
{
  if (ctx->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ctx->error));
      return FALSE;
    }

  return TRUE;
}

/* NULL for a missing member or a JSON null: both mean "not set". */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static const char *
read_string (ParseContext *ctx,
             JsonObject   *object,
             const char   *owner,
             const char   *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return NULL;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      ctx_fail (ctx, owner, member, "text");
      return NULL;
    }

  return json_node_get_string (node);
}

static const char *
read_required_string (ParseContext *ctx,
                      JsonObject   *object,
                      const char   *owner,
                      const char   *member)
{
  const char *value = read_string (ctx, object, owner, member);

  if (value == NULL || value[0] == '\0')
    ctx_fail (ctx, owner, member, "a non-empty text");

  return value;
}

static gboolean
read_boolean (ParseContext *ctx,
              JsonObject   *object,
              const char   *owner,
              const char   *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return FALSE;

  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      ctx_fail (ctx, owner, member, "true or false");
      return FALSE;
    }

  return json_node_get_boolean (node);
}

/* Integers as the Store API sends amounts and counts. A double is accepted
 * only when it holds a whole number that fits: some servers write 100.0. */
static gint64
read_int64 (ParseContext *ctx,
            JsonObject   *object,
            const char   *owner,
            const char   *member)
{
  JsonNode *node = get_member (object, member);
  GType type;

  if (node == NULL)
    return 0;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* in range before the cast: a double beyond gint64 is undefined behaviour */
      if (value >= -9.0e15 && value <= 9.0e15 && value == (double) (gint64) value)
        return (gint64) value;
    }

  ctx_fail (ctx, owner, member, "a whole number");
  return 0;
}

static guint
read_uint (ParseContext *ctx,
           JsonObject   *object,
           const char   *owner,
           const char   *member)
{
  gint64 value = read_int64 (ctx, object, owner, member);

  if (value < 0 || value > G_MAXUINT)
    {
      ctx_fail (ctx, owner, member, "a count");
      return 0;
    }

  return (guint) value;
}

static guint
read_count (ParseContext *ctx,
            JsonObject   *object,
            const char   *owner,
            const char   *member,
            guint         max)
{
  guint value = read_uint (ctx, object, owner, member);

  if (value > max)
    {
      ctx_fail (ctx, owner, member, "a count a store can have");
      return 0;
    }

  return value;
}

static int
read_int (ParseContext *ctx,
          JsonObject   *object,
          const char   *owner,
          const char   *member)
{
  return (int) MIN (read_uint (ctx, object, owner, member), G_MAXINT);
}

static double
read_double (ParseContext *ctx,
             JsonObject   *object,
             const char   *owner,
             const char   *member)
{
  JsonNode *node = get_member (object, member);
  GType type;

  if (node == NULL)
    return 0.0;

  type = json_node_get_value_type (node);
  /* (json-glib makes 1e400 infinite, which no property takes) */
  if ((type == G_TYPE_INT64 || type == G_TYPE_DOUBLE) && isfinite (json_node_get_double (node)))
    return json_node_get_double (node);

  ctx_fail (ctx, owner, member, "a number");
  return 0.0;
}

static GDateTime *
read_date (ParseContext *ctx,
           JsonObject   *object,
           const char   *owner,
           const char   *member)
{
  const char *text = read_string (ctx, object, owner, member);
  GDateTime *date;

  if (text == NULL)
    return NULL;

  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    ctx_fail (ctx, owner, member, "a date");

  return date;
}

static JsonObject *
read_object (ParseContext *ctx,
             JsonObject   *object,
             const char   *owner,
             const char   *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ctx_fail (ctx, owner, member, "an object");
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
read_array (ParseContext *ctx,
            JsonObject   *object,
            const char   *owner,
            const char   *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ctx_fail (ctx, owner, member, "a list");
      return NULL;
    }

  return json_node_get_array (node);
}

typedef gpointer (*ParseObjectFunc) (ParseContext *ctx,
                                     JsonObject   *object);

/* A list @member of @object that holds at most @max elements. */
static JsonArray *
read_bounded_array (ParseContext *ctx,
                    JsonObject   *object,
                    const char   *owner,
                    const char   *member,
                    guint         max)
{
  JsonArray *array = read_array (ctx, object, owner, member);

  if (array != NULL && json_array_get_length (array) > max)
    {
      if (ctx->error == NULL)
        ctx->error = g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                                  "The store sent %u “%s” of %s, more than the %u a store has",
                                  json_array_get_length (array), member, owner, max);
      return NULL;
    }

  return array;
}

/* Element @i of @array, the list @member of @owner, if it is an object. */
static JsonObject *
element_object (ParseContext *ctx,
                JsonArray    *array,
                guint         i,
                const char   *owner,
                const char   *member)
{
  JsonNode *element = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      ctx_fail (ctx, owner, member, "a list of objects");
      return NULL;
    }

  return json_node_get_object (element);
}

/* A list of at most @max objects, each made into a GObject of @item_type
 * by @parse. */
static GListStore *
read_object_list (ParseContext    *ctx,
                  JsonObject      *object,
                  const char      *owner,
                  const char      *member,
                  guint            max,
                  GType            item_type,
                  ParseObjectFunc  parse)
{
  g_autoptr(GListStore) store = g_list_store_new (item_type);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = read_bounded_array (ctx, object, owner, member, max);
  guint n_elements;

  if (array == NULL)
    return g_steal_pointer (&store);

  n_elements = json_array_get_length (array);
  for (guint i = 0; i < n_elements && ctx->error == NULL; i++)
    {
      JsonObject *element = element_object (ctx, array, i, owner, member);
      gpointer item;

      if (element == NULL)
        break;
      item = parse (ctx, element);
      if (item != NULL)
        g_ptr_array_add (items, item);
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  return g_steal_pointer (&store);
}

/* An order's lists are never changed once parsed, and most are empty (no
 * fulfillment, refund…; a summary's items): all the empty ones of a type
 * share one store rather than costing each order a GListStore. */
static GListStore *
empty_order_list (GType item_type)
{
  G_LOCK_DEFINE_STATIC (empty_lists);
  static GHashTable *empty_lists;
  GListStore *empty;

  G_LOCK (empty_lists);
  if (empty_lists == NULL)
    empty_lists = g_hash_table_new (NULL, NULL);
  empty = g_hash_table_lookup (empty_lists, GSIZE_TO_POINTER (item_type));
  if (empty == NULL)
    {
      empty = g_list_store_new (item_type);
      g_hash_table_insert (empty_lists, GSIZE_TO_POINTER (item_type), empty);
    }
  g_object_ref (empty);
  G_UNLOCK (empty_lists);

  return empty;
}

static GListStore *
read_order_list (ParseContext    *ctx,
                 JsonObject      *object,
                 const char      *owner,
                 const char      *member,
                 GType            item_type,
                 ParseObjectFunc  parse)
{
  g_autoptr(GListStore) store = read_object_list (ctx, object, owner, member,
                                                  MEDUSA_JSON_MAX_ORDER_PARTS, item_type, parse);

  if (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    return g_steal_pointer (&store);

  return empty_order_list (item_type);
}

/* What a summary keeps of an order's items (@member, a list of at most
 * MEDUSA_JSON_MAX_ORDER_PARTS objects): how many things were ordered, their
 * quantities added up, %G_MAXUINT at most. A row shows the count: making
 * an object of every item of every order listed only to count them cost
 * most of the memory of a long list. */
static guint
count_items (ParseContext           *ctx,
             JsonObject             *object,
             const char             *owner,
             const char             *member,
             MedusaJsonQuantityFunc  quantity)
{
  JsonArray *array = read_bounded_array (ctx, object, owner, member,
                                         MEDUSA_JSON_MAX_ORDER_PARTS);
  guint n_elements = array != NULL ? json_array_get_length (array) : 0;
  guint count = 0;

  for (guint i = 0; i < n_elements && ctx->error == NULL; i++)
    {
      JsonObject *element = element_object (ctx, array, i, owner, member);
      guint value;

      if (element == NULL)
        break;
      value = quantity (ctx, element);
      count = value > G_MAXUINT - count ? G_MAXUINT : count + value;
    }

  return count;
}

/* The string @key of each object in a list, e.g. the codes of discounts. */
static GStrv
read_member_of_each (ParseContext *ctx,
                     JsonObject   *object,
                     const char   *owner,
                     const char   *member,
                     const char   *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = read_bounded_array (ctx, object, owner, member,
                                         MEDUSA_JSON_MAX_ORDER_PARTS);
  guint n_elements = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n_elements; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *value;

      if (key == NULL)
        {
          if (json_node_get_value_type (element) != G_TYPE_STRING)
            {
              ctx_fail (ctx, owner, member, "a list of texts");
              break;
            }
          value = json_node_get_string (element);
        }
      else
        {
          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              ctx_fail (ctx, owner, member, "a list of objects");
              break;
            }
          value = read_string (ctx, json_node_get_object (element), member, key);
        }

      if (value != NULL)
        g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (object == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), object);
  copy = json_node_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

static gpointer
parse_address (ParseContext *ctx,
               JsonObject   *object)
{
  const char *owner = "an address";
  g_autoptr(GDateTime) created_at = read_date (ctx, object, owner, "created_at");
  g_autoptr(GDateTime) updated_at = read_date (ctx, object, owner, "updated_at");
  g_autoptr(JsonObject) metadata = copy_object (read_object (ctx, object, owner, "metadata"));

  return g_object_new (MEDUSA_TYPE_ADDRESS,
                       "id", read_string (ctx, object, owner, "id"),
                       "customer-id", read_string (ctx, object, owner, "customer_id"),
                       "company", read_string (ctx, object, owner, "company"),
                       "first-name", read_string (ctx, object, owner, "first_name"),
                       "last-name", read_string (ctx, object, owner, "last_name"),
                       "address-1", read_string (ctx, object, owner, "address_1"),
                       "address-2", read_string (ctx, object, owner, "address_2"),
                       "city", read_string (ctx, object, owner, "city"),
                       "country-code", read_string (ctx, object, owner, "country_code"),
                       "province", read_string (ctx, object, owner, "province"),
                       "postal-code", read_string (ctx, object, owner, "postal_code"),
                       "phone", read_string (ctx, object, owner, "phone"),
                       "metadata", metadata,
                       "created-at", created_at,
                       "updated-at", updated_at,
                       NULL);
}

static MedusaAddress *
read_address (ParseContext *ctx,
              JsonObject   *object,
              const char   *owner,
              const char   *member)
{
  JsonObject *address = read_object (ctx, object, owner, member);

  return address != NULL ? parse_address (ctx, address) : NULL;
}

static MedusaCustomer *
parse_customer (ParseContext *ctx,
                JsonObject   *object)
{
  const char *owner = "the customer";
  g_autoptr(GDateTime) created_at = read_date (ctx, object, owner, "created_at");
  g_autoptr(GDateTime) updated_at = read_date (ctx, object, owner, "updated_at");
  g_autoptr(JsonObject) metadata = copy_object (read_object (ctx, object, owner, "metadata"));
  g_autoptr(MedusaAddress) billing_address = read_address (ctx, object, owner, "billing_address");
  g_autoptr(GListStore) addresses = read_object_list (ctx, object, owner, "shipping_addresses",
                                                      MEDUSA_JSON_MAX_ADDRESSES,
                                                      MEDUSA_TYPE_ADDRESS, parse_address);

  /* Medusa v1 keeps a customer's billing address among its addresses' rows
   * but does not list it in shipping_addresses, so nothing to filter here. */
  return g_object_new (MEDUSA_TYPE_CUSTOMER,
                       "id", read_required_string (ctx, object, owner, "id"),
                       "email", read_string (ctx, object, owner, "email"),
                       "first-name", read_string (ctx, object, owner, "first_name"),
                       "last-name", read_string (ctx, object, owner, "last_name"),
                       "phone", read_string (ctx, object, owner, "phone"),
                       "has-account", read_boolean (ctx, object, owner, "has_account"),
                       "billing-address-id", read_string (ctx, object, owner, "billing_address_id"),
                       "billing-address", billing_address,
                       "shipping-addresses", addresses,
                       "metadata", metadata,
                       "created-at", created_at,
                       "updated-at", updated_at,
                       NULL);
}

static gpointer
parse_line_item (ParseContext *ctx,
                 JsonObject   *object)
{
  const char *owner = "an order item";
  JsonObject *variant = read_object (ctx, object, owner, "variant");

  return g_object_new (MEDUSA_TYPE_LINE_ITEM,
                       "id", read_string (ctx, object, owner, "id"),
                       "title", read_string (ctx, object, owner, "title"),
                       "description", read_string (ctx, object, owner, "description"),
                       "thumbnail", read_string (ctx, object, owner, "thumbnail"),
                       "variant-title", read_string (ctx, variant, "the variant", "title"),
                       "variant-sku", read_string (ctx, variant, "the variant", "sku"),
                       "quantity", read_int (ctx, object, owner, "quantity"),
                       "fulfilled-quantity", read_int (ctx, object, owner, "fulfilled_quantity"),
                       "shipped-quantity", read_int (ctx, object, owner, "shipped_quantity"),
                       "returned-quantity", read_int (ctx, object, owner, "returned_quantity"),
                       "unit-price", read_int64 (ctx, object, owner, "unit_price"),
                       "subtotal", read_int64 (ctx, object, owner, "subtotal"),
                       "discount-total", read_int64 (ctx, object, owner, "discount_total"),
                       "tax-total", read_int64 (ctx, object, owner, "tax_total"),
                       "total", read_int64 (ctx, object, owner, "total"),
                       NULL);
}

static gpointer
parse_tracking_link (ParseContext *ctx,
                     JsonObject   *object)
{
  const char *owner = "a tracking link";

  return g_object_new (MEDUSA_TYPE_TRACKING_LINK,
                       "tracking-number", read_string (ctx, object, owner, "tracking_number"),
                       "url", read_string (ctx, object, owner, "url"),
                       NULL);
}

static gpointer
parse_fulfillment (ParseContext *ctx,
                   JsonObject   *object)
{
  const char *owner = "a fulfillment";
  g_autoptr(GDateTime) created_at = read_date (ctx, object, owner, "created_at");
  g_autoptr(GDateTime) shipped_at = read_date (ctx, object, owner, "shipped_at");
  g_autoptr(GDateTime) canceled_at = read_date (ctx, object, owner, "canceled_at");
  g_auto(GStrv) numbers = read_member_of_each (ctx, object, owner, "tracking_numbers", NULL);
  g_autoptr(GListStore) links = read_order_list (ctx, object, owner, "tracking_links",
                                                 MEDUSA_TYPE_TRACKING_LINK, parse_tracking_link);

  return g_object_new (MEDUSA_TYPE_FULFILLMENT,
                       "id", read_string (ctx, object, owner, "id"),
                       "created-at", created_at,
                       "shipped-at", shipped_at,
                       "canceled-at", canceled_at,
                       "tracking-numbers", numbers,
                       "tracking-links", links,
                       NULL);
}

static gpointer
parse_shipping_method (ParseContext *ctx,
                       JsonObject   *object)
{
  const char *owner = "a shipping method";
  JsonObject *option = read_object (ctx, object, owner, "shipping_option");
  gint64 price = read_int64 (ctx, object, owner, "price");
  JsonNode *total = get_member (object, "total");

  return g_object_new (MEDUSA_TYPE_SHIPPING_METHOD,
                       "id", read_string (ctx, object, owner, "id"),
                       "name", read_string (ctx, option, "the shipping option", "name"),
                       "price", price,
                       "total", total != NULL ? read_int64 (ctx, object, owner, "total") : price,
                       NULL);
}

static gpointer
parse_refund (ParseContext *ctx,
              JsonObject   *object)
{
  const char *owner = "a refund";
  g_autoptr(GDateTime) created_at = read_date (ctx, object, owner, "created_at");

  return g_object_new (MEDUSA_TYPE_REFUND,
                       "id", read_string (ctx, object, owner, "id"),
                       "amount", read_int64 (ctx, object, owner, "amount"),
                       "reason", read_string (ctx, object, owner, "reason"),
                       "note", read_string (ctx, object, owner, "note"),
                       "created-at", created_at,
                       NULL);
}

static guint
read_item_quantity (ParseContext *ctx,
                    JsonObject   *item)
{
  return (guint) read_int (ctx, item, "an order item", "quantity");
}

/* A whole order, or with ctx->summary what a row shows of it: the items
 * counted, nothing of its addresses, shipping, fulfillments, refunds,
 * discounts or gift cards (MedusaOrder). */
static gpointer
parse_order (ParseContext *ctx,
             JsonObject   *object)
{
  const char *owner = "an order";
  JsonObject *region = read_object (ctx, object, owner, "region");
  g_autoptr(GDateTime) created_at = read_date (ctx, object, owner, "created_at");
  g_autoptr(MedusaAddress) shipping_address = NULL;
  g_autoptr(MedusaAddress) billing_address = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GListStore) methods = NULL;
  g_autoptr(GListStore) fulfillments = NULL;
  g_autoptr(GListStore) refunds = NULL;
  g_auto(GStrv) discounts = NULL;
  g_auto(GStrv) gift_cards = NULL;
  const char *region_id = read_string (ctx, object, owner, "region_id");
  guint item_count = 0;

  if (region_id == NULL)
    region_id = read_string (ctx, region, "the region", "id");

  if (ctx->summary)
    {
      item_count = count_items (ctx, object, owner, "items", read_item_quantity);
      items = empty_order_list (MEDUSA_TYPE_LINE_ITEM);
      methods = empty_order_list (MEDUSA_TYPE_SHIPPING_METHOD);
      fulfillments = empty_order_list (MEDUSA_TYPE_FULFILLMENT);
      refunds = empty_order_list (MEDUSA_TYPE_REFUND);
    }
  else
    {
      shipping_address = read_address (ctx, object, owner, "shipping_address");
      billing_address = read_address (ctx, object, owner, "billing_address");
      items = read_order_list (ctx, object, owner, "items", MEDUSA_TYPE_LINE_ITEM,
                               parse_line_item);
      methods = read_order_list (ctx, object, owner, "shipping_methods",
                                 MEDUSA_TYPE_SHIPPING_METHOD, parse_shipping_method);
      fulfillments = read_order_list (ctx, object, owner, "fulfillments",
                                      MEDUSA_TYPE_FULFILLMENT, parse_fulfillment);
      refunds = read_order_list (ctx, object, owner, "refunds", MEDUSA_TYPE_REFUND,
                                 parse_refund);
      discounts = read_member_of_each (ctx, object, owner, "discounts", "code");
      gift_cards = read_member_of_each (ctx, object, owner, "gift_cards", "code");
    }

  return g_object_new (MEDUSA_TYPE_ORDER,
                       "id", read_required_string (ctx, object, owner, "id"),
                       "display-id", MAX (read_int64 (ctx, object, owner, "display_id"), 0),
                       "status", read_string (ctx, object, owner, "status"),
                       "fulfillment-status", read_string (ctx, object, owner,
                                                          "fulfillment_status"),
                       "payment-status", read_string (ctx, object, owner, "payment_status"),
                       "email", read_string (ctx, object, owner, "email"),
                       "currency-code", read_string (ctx, object, owner, "currency_code"),
                       "region-id", region_id,
                       "region-name", read_string (ctx, region, "the region", "name"),
                       "created-at", created_at,
                       "items", items,
                       "item-count", item_count,
                       "shipping-address", shipping_address,
                       "billing-address", billing_address,
                       "shipping-methods", methods,
                       "fulfillments", fulfillments,
                       "refunds", refunds,
                       "discount-codes", discounts,
                       "gift-card-codes", gift_cards,
                       "subtotal", read_int64 (ctx, object, owner, "subtotal"),
                       "shipping-total", read_int64 (ctx, object, owner, "shipping_total"),
                       "tax-total", read_int64 (ctx, object, owner, "tax_total"),
                       "discount-total", read_int64 (ctx, object, owner, "discount_total"),
                       "gift-card-total", read_int64 (ctx, object, owner, "gift_card_total"),
                       "refunded-total", read_int64 (ctx, object, owner, "refunded_total"),
                       "paid-total", read_int64 (ctx, object, owner, "paid_total"),
                       "total", read_int64 (ctx, object, owner, "total"),
                       NULL);
}

static gpointer
parse_country (ParseContext *ctx,
               JsonObject   *object)
{
  const char *owner = "a country";

  return g_object_new (MEDUSA_TYPE_COUNTRY,
                       "iso-2", read_required_string (ctx, object, owner, "iso_2"),
                       "iso-3", read_string (ctx, object, owner, "iso_3"),
                       "name", read_string (ctx, object, owner, "name"),
                       "display-name", read_string (ctx, object, owner, "display_name"),
                       "num-code", read_int (ctx, object, owner, "num_code"),
                       NULL);
}

static gpointer
parse_region (ParseContext *ctx,
              JsonObject   *object)
{
  const char *owner = "a region";
  g_autoptr(GListStore) countries = read_object_list (ctx, object, owner, "countries",
                                                      MEDUSA_JSON_MAX_COUNTRIES,
                                                      MEDUSA_TYPE_COUNTRY, parse_country);

  return g_object_new (MEDUSA_TYPE_REGION,
                       "id", read_required_string (ctx, object, owner, "id"),
                       "name", read_string (ctx, object, owner, "name"),
                       "currency-code", read_string (ctx, object, owner, "currency_code"),
                       "tax-rate", MAX (read_double (ctx, object, owner, "tax_rate"), 0.0),
                       "countries", countries,
                       NULL);
}

/*
 * json-glib 1.6 reads far more than JSON: comments (C's, and from one '/' to the next),
 * single-quoted strings, hexadecimal, octal and binary numbers, a leading
 * "var name =" and a byte order mark. A scan that modelled only JSON could
 * be fooled ('"' hides what follows from it), and json-glib recurses once
 * per level of nesting: a million '[' overflow the stack. So nothing but
 * strict JSON (RFC 8259) reaches json-glib: medusa_json_scan() refuses
 * anything else, and on what it takes, json-glib builds the tree the scan
 * measured, no deeper and no larger (tests/fuzz/fuzz-scan.c compares them).
 *
 * What json-glib 1.6.6 allocates per node on 64-bit glibc, measured and
 * rounded up: an object 304 bytes, a list 120, a member 170 besides its
 * name, a number 84, a string 116 besides its text. A long string is also
 * gathered in a GString that doubles as it grows.
 */
#define TREE_OBJECT 320
#define TREE_ARRAY  144
#define TREE_MEMBER 192
#define TREE_VALUE  96
#define TREE_STRING 128

static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* \uXXXX at @p (the 'u'): its code unit, or -1 */
static int
scan_code_unit (const char *p,
                const char *end)
{
  int unit = 0;

  if (end - p < 5)
    return -1;
  for (guint i = 1; i <= 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }

  return unit;
}

typedef enum
{
  STRING_PLAIN,
  STRING_ESCAPED,
  STRING_SURROGATES,   /* escaped surrogate pairs among its escapes */
} StringKind;

/* A string at *@p, its opening quote: leaves *@p after the closing one, its
 * length in *@length and whether it has escapes in *@kind. Escapes are
 * JSON's only; a surrogate must be half of a pair, and no escape may make a
 * NUL (json-glib would cut the text there). */
static gboolean
scan_string (const char **p,
             const char  *end,
             gsize       *length,
             StringKind  *kind)
{
  const char *start = *p + 1;
  gboolean ascii = TRUE;

  *kind = STRING_PLAIN;

  for (const char *q = start; q < end; q++)
    {
      guchar c = (guchar) *q;

      if (c == '"')
        {
          if (!ascii && !g_utf8_validate (start, q - start, NULL))
            return FALSE;
          *length = q - start;
          *p = q + 1;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c >= 0x80)
        ascii = FALSE;
      else if (c == '\\')
        {
          int unit;

          if (++q >= end)
            return FALSE;
          *kind = MAX (*kind, STRING_ESCAPED);
          if (strchr ("\"\\/bfnrt", *q) != NULL && *q != '\0')
            continue;
          if (*q != 'u' || (unit = scan_code_unit (q, end)) <= 0)
            return FALSE;
          q += 4;
          if (unit >= 0xdc00 && unit <= 0xdfff)
            return FALSE;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              if (end - q < 3 || q[1] != '\\' || q[2] != 'u')
                return FALSE;
              unit = scan_code_unit (q + 2, end);
              if (unit < 0xdc00 || unit > 0xdfff)
                return FALSE;
              q += 6;
              *kind = STRING_SURROGATES;
            }
        }
    }

  return FALSE;
}

static const char *
scan_digits (const char *p,
             const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;

  return p;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at @p: the end of it, or NULL */
static const char *
scan_number (const char *p,
             const char *end)
{
  const char *digits;

  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return NULL;
  p = *p == '0' ? p + 1 : scan_digits (p, end);
  if (p < end && *p == '.')
    {
      digits = p + 1;
      if ((p = scan_digits (digits, end)) == digits)
        return NULL;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      digits = p;
      if ((p = scan_digits (digits, end)) == digits)
        return NULL;
    }

  return p;
}

static const char *
scan_word (const char *p,
           const char *end,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (end - p) < length || memcmp (p, word, length) != 0)
    return NULL;

  return p + length;
}

/**
 * medusa_json_scan:
 * @data: a body
 * @size: its length
 * @shape: (out): what it holds
 *
 * Checks without recursion, in one pass and constant memory, that @data is
 * strict JSON (RFC 8259: no comments, no single quotes, no bare words, no
 * hexadecimal, no byte order mark, nothing after the value), nested no
 * deeper than %MEDUSA_JSON_MAX_DEPTH and with no escaped NUL or lone
 * surrogate, and measures it.
 *
 * Returns: whether it is
 */
gboolean
medusa_json_scan (const char      *data,
                  gsize            size,
                  MedusaJsonShape *shape)
{
  const char *p = data;
  const char *end = data + size;
  char open[MEDUSA_JSON_MAX_DEPTH];   /* the containers we are in: '{' or '[' */
  gboolean in_object = FALSE;         /* a member's name comes next */
  guint depth = 0;
  gsize longest = 0;
  gsize length;
  StringKind kind;

  memset (shape, 0, sizeof *shape);
  if (data == NULL)
    return FALSE;

  for (;;)
    {
      if (in_object)
        {
          while (p < end && is_json_space (*p))
            p++;
          if (p >= end || *p != '"' || !scan_string (&p, end, &length, &kind))
            return FALSE;
          shape->n_nodes++;
          shape->tree_size += TREE_MEMBER + length;
          longest = MAX (longest, length);
          while (p < end && is_json_space (*p))
            p++;
          if (p >= end || *p++ != ':')
            return FALSE;
        }

      /* a value */
      while (p < end && is_json_space (*p))
        p++;
      if (p >= end)
        return FALSE;

      shape->n_nodes++;
      switch (*p)
        {
        case '{':
        case '[':
          if (depth == MEDUSA_JSON_MAX_DEPTH)
            return FALSE;
          open[depth++] = *p;
          shape->depth = MAX (shape->depth, depth);
          shape->tree_size += *p == '{' ? TREE_OBJECT : TREE_ARRAY;
          in_object = *p == '{';
          p++;
          while (p < end && is_json_space (*p))
            p++;
          if (p >= end || *p != (in_object ? '}' : ']'))
            continue;   /* to its first member or element */
          p++;
          depth--;
          break;

        case '"':
          if (!scan_string (&p, end, &length, &kind))
            return FALSE;
          shape->tree_size += TREE_STRING + length;
          longest = MAX (longest, length);
          break;

        case 't':
          p = scan_word (p, end, "true");
          shape->tree_size += TREE_VALUE;
          break;

        case 'f':
          p = scan_word (p, end, "false");
          shape->tree_size += TREE_VALUE;
          break;

        case 'n':
          p = scan_word (p, end, "null");
          shape->tree_size += TREE_VALUE;
          break;

        default:
          p = scan_number (p, end);
          shape->tree_size += TREE_VALUE;
          break;
        }
      if (p == NULL)
        return FALSE;

      /* after a value: the ends of containers, then a comma or the end */
      for (;;)
        {
          while (p < end && is_json_space (*p))
            p++;
          if (depth == 0)
            {
              shape->tree_size += 2 * longest;
              return p == end;
            }
          if (p >= end)
            return FALSE;
          if (*p != (open[depth - 1] == '{' ? '}' : ']'))
            break;
          p++;
          depth--;
        }
      if (*p++ != ',')
        return FALSE;
      in_object = open[depth - 1] == '{';
    }
}

/**
 * medusa_json_parse:
 * @body: a response body
 * @error: where to put an error
 *
 * Returns: (transfer full): the root node of @body, which is an object
 */
JsonNode *
medusa_json_parse (GBytes  *body,
                   GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  MedusaJsonShape shape;
  const char *data;
  JsonNode *root;
  gsize size = 0;

  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an empty answer");
      return NULL;
    }

  if (!medusa_json_scan (data, size, &shape))
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an answer that is not strict JSON, or nested too "
                           "deeply");
      return NULL;
    }

  if (shape.tree_size > MEDUSA_JSON_MAX_TREE_SIZE ||
      shape.tree_size > MEDUSA_JSON_TREE_BASE + MEDUSA_JSON_TREE_PER_BYTE * size)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_RESPONSE_TOO_LARGE,
                   "The store sent an answer of %" G_GSIZE_FORMAT " values in %"
                   G_GSIZE_FORMAT " bytes, more than Patron takes apart", shape.n_nodes, size);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                   "The store sent an answer that is not valid JSON: %s",
                   local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an answer that is not a JSON object");
      return NULL;
    }

  return json_node_ref (root);
}

/* The object in member @member of the body's root, e.g. {"customer": {…}}. */
static JsonObject *
parse_envelope (GBytes      *body,
                const char  *member,
                JsonNode   **root,
                GError     **error)
{
  JsonNode *node;

  *root = medusa_json_parse (body, error);
  if (*root == NULL)
    return NULL;

  node = json_object_get_member (json_node_get_object (*root), member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                   "The store’s answer has no “%s”", member);
      return NULL;
    }

  return json_node_get_object (node);
}

/**
 * medusa_json_parse_customer_response:
 *
 * Parses `{"customer": {…}}`.
 *
 * Returns: (transfer full) (nullable): the customer
 */
MedusaCustomer *
medusa_json_parse_customer_response (GBytes  *body,
                                     GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  ParseContext ctx = { NULL };
  JsonObject *object;

  if (!(object = parse_envelope (body, "customer", &root, error)))
    return NULL;

  customer = parse_customer (&ctx, object);
  if (!ctx_finish (&ctx, error))
    return NULL;

  return g_steal_pointer (&customer);
}

/* The most bytes of an answer that is a yes or no, or a token. */
#define MAX_SMALL_ANSWER (64 * 1024)

/**
 * medusa_json_parse_exists_response:
 *
 * Parses `{"exists": true}`.
 */
gboolean
medusa_json_parse_exists_response (GBytes   *body,
                                   gboolean *exists,
                                   GError  **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;

  /* read on the main loop (the client's caller's): a yes or no is short */
  if (body != NULL && g_bytes_get_size (body) > MAX_SMALL_ANSWER)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store’s answer is far longer than a yes or no");
      return FALSE;
    }

  if ((root = medusa_json_parse (body, error)) == NULL)
    return FALSE;

  node = json_object_get_member (json_node_get_object (root), "exists");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store did not say whether the account exists");
      return FALSE;
    }

  *exists = json_node_get_boolean (node);

  return TRUE;
}

#define MAX_TOKEN_LENGTH (8 * 1024)

/**
 * medusa_json_parse_token_response:
 *
 * Parses `{"access_token": "…"}`.
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
medusa_json_parse_token_response (GBytes  *body,
                                  GError **error)
{
  return medusa_json_parse_token_member (body, "access_token", error);
}

/* The token in member @member of the answer: v2 calls it "token". */
char *
medusa_json_parse_token_member (GBytes      *body,
                                const char  *member,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  ParseContext ctx = { NULL };
  const char *token;

  /* read on the main loop (the client's caller's): a token is short */
  if (body != NULL && g_bytes_get_size (body) > MAX_SMALL_ANSWER)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store’s answer is far longer than a token");
      return NULL;
    }

  if ((root = medusa_json_parse (body, error)) == NULL)
    return NULL;

  token = read_required_string (&ctx, json_node_get_object (root), "the answer", member);
  if (!ctx_finish (&ctx, error))
    return NULL;

  /* It goes into an HTTP header and the keyring: no control characters or
   * spaces, and no longer than a JWT of any size (Medusa's are ~200 bytes). */
  if (strlen (token) > MAX_TOKEN_LENGTH)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an access token far too long");
      return NULL;
    }
  for (const char *p = token; *p != '\0'; p++)
    {
      if (!g_ascii_isgraph (*p))
        {
          g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                               "The store sent a malformed access token");
          return NULL;
        }
    }

  return g_strdup (token);
}

/*
 * A page of orders is ≈ 200 KB, most of it what Medusa v1 adds whatever the
 * query asks (each item's variant with its product, tax lines, payments,
 * the region…), and json-glib spends ≈ 80 % of the parse building a tree of
 * it. So before json-glib sees an order list, a pre-pass copies into a much
 * smaller text only the members the parsers below read, as the tables
 * here say: a member with a table keeps, of the object (or of each object of
 * the list) it holds, only the members in that table; one without a table
 * is copied whole.
 *
 * The pre-pass is strict: anything it does not find plainly valid (a
 * syntax error, a control character or invalid UTF-8 in a string, an
 * escaped surrogate, a member name with an escape, text after the root…)
 * makes it give up, and json-glib parses the body as it came, so a
 * malformed body fails exactly as before.
 */
typedef MedusaJsonKeep KeepMember;   /* its members NULL: the whole value */

static const KeepMember keep_named[] = {
  { "name", NULL }, { "id", NULL }, { NULL, NULL }
};
static const KeepMember keep_variant[] = {
  { "title", NULL }, { "sku", NULL }, { NULL, NULL }
};
static const KeepMember keep_code[] = {
  { "code", NULL }, { NULL, NULL }
};
static const KeepMember keep_option[] = {
  { "name", NULL }, { NULL, NULL }
};
static const KeepMember keep_shipping_method[] = {
  { "id", NULL }, { "shipping_option", keep_option }, { "price", NULL }, { "total", NULL },
  { NULL, NULL }
};
static const KeepMember keep_line_item[] = {
  { "id", NULL }, { "title", NULL }, { "description", NULL }, { "thumbnail", NULL },
  { "variant", keep_variant }, { "quantity", NULL }, { "fulfilled_quantity", NULL },
  { "shipped_quantity", NULL }, { "returned_quantity", NULL }, { "unit_price", NULL },
  { "subtotal", NULL }, { "discount_total", NULL }, { "tax_total", NULL }, { "total", NULL },
  { NULL, NULL }
};
/* What parse_order() reads. */
static const KeepMember keep_order[] = {
  { "id", NULL }, { "display_id", NULL }, { "status", NULL }, { "fulfillment_status", NULL },
  { "payment_status", NULL }, { "email", NULL }, { "currency_code", NULL },
  { "region_id", NULL }, { "region", keep_named }, { "created_at", NULL },
  { "items", keep_line_item }, { "shipping_address", NULL }, { "billing_address", NULL },
  { "shipping_methods", keep_shipping_method }, { "fulfillments", NULL }, { "refunds", NULL },
  { "discounts", keep_code }, { "gift_cards", keep_code }, { "subtotal", NULL },
  { "shipping_total", NULL }, { "tax_total", NULL }, { "discount_total", NULL },
  { "gift_card_total", NULL }, { "refunded_total", NULL }, { "paid_total", NULL },
  { "total", NULL },
  { NULL, NULL }
};
static const KeepMember keep_order_page[] = {
  { "orders", keep_order }, { "count", NULL }, { "offset", NULL }, { "limit", NULL },
  { NULL, NULL }
};
/* What parse_order() reads of a summary. */
static const KeepMember keep_quantity[] = {
  { "quantity", NULL }, { NULL, NULL }
};
static const KeepMember keep_summary[] = {
  { "id", NULL }, { "display_id", NULL }, { "status", NULL }, { "fulfillment_status", NULL },
  { "payment_status", NULL }, { "email", NULL }, { "currency_code", NULL },
  { "region_id", NULL }, { "region", keep_named }, { "created_at", NULL },
  { "items", keep_quantity }, { "subtotal", NULL }, { "shipping_total", NULL },
  { "tax_total", NULL }, { "discount_total", NULL }, { "gift_card_total", NULL },
  { "refunded_total", NULL }, { "paid_total", NULL }, { "total", NULL },
  { NULL, NULL }
};
static const KeepMember keep_summary_page[] = {
  { "orders", keep_summary }, { "count", NULL }, { "offset", NULL }, { "limit", NULL },
  { NULL, NULL }
};

/*
 * The offline copy (medusa_json_keep_only()) keeps of the same answers only
 * what Patron shows, and strictly: a member holding an object or a list
 * needs a table of its own (an empty one keeps a list's plain values),
 * and a name with an escape is left out.
 */
static const KeepMember keep_nothing_but_values[] = {
  { NULL, NULL }
};
static const KeepMember keep_address[] = {
  { "id", NULL }, { "company", NULL }, { "first_name", NULL }, { "last_name", NULL },
  { "address_1", NULL }, { "address_2", NULL }, { "city", NULL }, { "country_code", NULL },
  { "province", NULL }, { "postal_code", NULL }, { "phone", NULL },
  { NULL, NULL }
};
static const KeepMember keep_shown_customer[] = {
  { "id", NULL }, { "email", NULL }, { "first_name", NULL }, { "last_name", NULL },
  { "phone", NULL }, { "billing_address_id", NULL }, { "billing_address", keep_address },
  { "shipping_addresses", keep_address },
  { NULL, NULL }
};
const KeepMember medusa_json_keep_customer[] = {
  { "customer", keep_shown_customer }, { NULL, NULL }
};
static const KeepMember keep_tracking_link[] = {
  { "tracking_number", NULL }, { "url", NULL }, { NULL, NULL }
};
static const KeepMember keep_fulfillment[] = {
  { "id", NULL }, { "created_at", NULL }, { "shipped_at", NULL }, { "canceled_at", NULL },
  { "tracking_numbers", keep_nothing_but_values }, { "tracking_links", keep_tracking_link },
  { NULL, NULL }
};
static const KeepMember keep_refund[] = {
  { "id", NULL }, { "amount", NULL }, { "reason", NULL }, { "note", NULL },
  { "created_at", NULL },
  { NULL, NULL }
};
static const KeepMember keep_shown_order[] = {
  { "id", NULL }, { "display_id", NULL }, { "status", NULL }, { "fulfillment_status", NULL },
  { "payment_status", NULL }, { "email", NULL }, { "currency_code", NULL },
  { "region", keep_option }, { "created_at", NULL }, { "items", keep_line_item },
  { "shipping_address", keep_address }, { "billing_address", keep_address },
  { "shipping_methods", keep_shipping_method }, { "fulfillments", keep_fulfillment },
  { "refunds", keep_refund }, { "discounts", keep_code }, { "gift_cards", keep_code },
  { "subtotal", NULL }, { "shipping_total", NULL }, { "tax_total", NULL },
  { "discount_total", NULL }, { "gift_card_total", NULL }, { "refunded_total", NULL },
  { "paid_total", NULL }, { "total", NULL },
  { NULL, NULL }
};
/* v1 answers an order opened with a page of one, too */
const KeepMember medusa_json_keep_order_page[] = {
  { "orders", keep_shown_order }, { "count", NULL }, { "offset", NULL }, { "limit", NULL },
  { NULL, NULL }
};

typedef struct
{
  const char *p;
  const char *end;
  GString    *out;
  guint       depth;
  gboolean    strict;   /* the offline copy's: see above */
} Slim;

static void
slim_skip_space (Slim *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

/* A string at s->p, which is its opening quote; leaves s->p after the
 * closing one. @plain says whether it has no escape. Escaped surrogates
 * make the pre-pass give up: the tests parse a body whole by adding one. */
static gboolean
slim_string (Slim     *s,
             gboolean *plain)
{
  StringKind kind;
  gsize length;

  if (!scan_string (&s->p, s->end, &length, &kind) || kind == STRING_SURROGATES)
    return FALSE;
  *plain = kind == STRING_PLAIN;

  return TRUE;
}

/* A number, or a word such as "true", at s->p (@after is where the scan
 * found its end, NULL if not there) */
static gboolean
slim_token (Slim       *s,
            const char *after)
{
  if (after == NULL)
    return FALSE;
  s->p = after;

  return TRUE;
}

static gboolean slim_value (Slim *s, const KeepMember *keep, gboolean copy);

/* An object or a list at s->p; with @keep, an object keeps only the
 * members it names, and a list's objects likewise. */
static gboolean
slim_container (Slim             *s,
                const KeepMember *keep,
                gboolean          copy)
{
  gboolean is_object = *s->p == '{';
  char close = is_object ? '}' : ']';
  gboolean first = TRUE;

  if (++s->depth > MEDUSA_JSON_MAX_DEPTH)
    return FALSE;
  if (copy)
    g_string_append_c (s->out, *s->p);
  s->p++;
  slim_skip_space (s);
  if (s->p < s->end && *s->p == close)
    goto done;

  for (;;)
    {
      slim_skip_space (s);
      if (s->p >= s->end)
        return FALSE;

      if (is_object)
        {
          const char *name = s->p;
          const KeepMember *member = NULL;
          gboolean plain;
          gboolean keep_it = keep == NULL;

          const char *name_end;

          if (*s->p != '"' || !slim_string (s, &plain))
            return FALSE;
          name_end = s->p;
          if (keep != NULL && !plain)
            keep_it = !s->strict;   /* a name with escapes: kept as it is, or not at all */
          else if (keep != NULL)
            {
              gsize length = s->p - name - 2;

              for (member = keep; member->name != NULL; member++)
                {
                  if (strlen (member->name) == length && memcmp (member->name, name + 1, length) == 0)
                    break;
                }
              keep_it = member->name != NULL;
            }

          slim_skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
          slim_skip_space (s);
          if (s->strict && s->p < s->end && (*s->p == '{' || *s->p == '[') &&
              (member == NULL || member->members == NULL))
            keep_it = FALSE;   /* an object or a list not in a table of its own */

          if (copy && keep_it)
            {
              if (!first)
                g_string_append_c (s->out, ',');
              g_string_append_len (s->out, name, name_end - name);
              g_string_append_c (s->out, ':');
              first = FALSE;
            }

          if (!slim_value (s, member != NULL ? member->members : NULL, copy && keep_it))
            return FALSE;
        }
      else
        {
          if (copy && !first)
            g_string_append_c (s->out, ',');
          first = FALSE;
          if (!slim_value (s, keep, copy))
            return FALSE;
        }

      slim_skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == close)
        break;
      if (*s->p != ',')
        return FALSE;
      s->p++;
    }

done:
  if (copy)
    g_string_append_c (s->out, close);
  s->p++;
  s->depth--;

  return TRUE;
}

/* A value at s->p (no space before it), copied when @copy. */
static gboolean
slim_value (Slim             *s,
            const KeepMember *keep,
            gboolean          copy)
{
  const char *start = s->p;
  gboolean ok;
  gboolean plain;

  if (s->p >= s->end)
    return FALSE;

  switch (*s->p)
    {
    case '{':
    case '[':
      if (keep != NULL || !copy)
        return slim_container (s, keep, copy);
      ok = slim_container (s, NULL, FALSE);
      break;

    case '"':
      ok = slim_string (s, &plain);
      break;

    case 't':
      ok = slim_token (s, scan_word (s->p, s->end, "true"));
      break;

    case 'f':
      ok = slim_token (s, scan_word (s->p, s->end, "false"));
      break;

    case 'n':
      ok = slim_token (s, scan_word (s->p, s->end, "null"));
      break;

    default:
      ok = slim_token (s, scan_number (s->p, s->end));
      break;
    }

  if (ok && copy)
    g_string_append_len (s->out, start, s->p - start);

  return ok;
}

/* The members of @data that @keep names, as a smaller JSON text; NULL when
 * @data is not plainly a valid JSON object. */
static GBytes *
slim_down (const char       *data,
           gsize             size,
           const KeepMember *keep,
           gboolean          strict)
{
  Slim s = { data, data + size, NULL, 0, strict };
  g_autoptr(GString) out = g_string_sized_new (size / 4);

  s.out = out;
  slim_skip_space (&s);
  if (s.p >= s.end || *s.p != '{' || !slim_container (&s, keep, TRUE))
    return NULL;
  slim_skip_space (&s);
  if (s.p != s.end)
    return NULL;

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/**
 * medusa_json_keep_only:
 * @body: an answer
 * @keep: what of it to keep: a dialect's table
 *
 * The members of @body that @keep names, and of those holding an object
 * or a list only what their tables name, as a smaller JSON text: what the
 * offline copy keeps. Takes time that grows with @body: not for a main
 * loop.
 *
 * Returns: (transfer full) (nullable): that text, or %NULL when @body is
 *   not plainly a valid JSON object
 */
GBytes *
medusa_json_keep_only (GBytes               *body,
                       const MedusaJsonKeep *keep)
{
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (body != NULL && keep != NULL, NULL);

  data = g_bytes_get_data (body, &size);
  if (data == NULL)
    return NULL;

  return slim_down (data, size, keep, TRUE);
}

static MedusaOrderPage *
parse_order_page (GBytes      *body,
                  gboolean     summary,
                  GError     **error)
{
  g_autoptr(GBytes) slim = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GListStore) orders = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  ParseContext ctx = { NULL, summary };
  const char *owner = "the order list";
  JsonObject *object;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data != NULL)
    slim = slim_down (data, size, summary ? keep_summary_page : keep_order_page, FALSE);
  root = medusa_json_parse (slim != NULL ? slim : body, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (read_array (&ctx, object, owner, "orders") == NULL)
    ctx_fail (&ctx, owner, "orders", "a list");

  orders = read_object_list (&ctx, object, owner, "orders", MEDUSA_JSON_MAX_PAGE_ORDERS,
                             MEDUSA_TYPE_ORDER, parse_order);
  page = g_object_new (MEDUSA_TYPE_ORDER_PAGE,
                       "orders", orders,
                       "count", read_count (&ctx, object, owner, "count",
                                            MEDUSA_JSON_MAX_ORDER_COUNT),
                       "offset", read_uint (&ctx, object, owner, "offset"),
                       "limit", read_uint (&ctx, object, owner, "limit"),
                       NULL);

  if (!ctx_finish (&ctx, error))
    return NULL;

  return g_steal_pointer (&page);
}

/**
 * medusa_json_parse_order_page:
 *
 * Parses `{"orders": […], "count": n, "offset": n, "limit": n}`: whole
 * orders.
 *
 * Returns: (transfer full) (nullable): the page
 */
MedusaOrderPage *
medusa_json_parse_order_page (GBytes  *body,
                              GError **error)
{
  return parse_order_page (body, FALSE, error);
}

/**
 * medusa_json_parse_order_summaries:
 *
 * Parses the same page as medusa_json_parse_order_page(), into summaries:
 * orders with what a list shows of them, their items counted but not
 * listed (#MedusaOrder:item-count).
 *
 * Returns: (transfer full) (nullable): the page
 */
MedusaOrderPage *
medusa_json_parse_order_summaries (GBytes  *body,
                                   GError **error)
{
  return parse_order_page (body, TRUE, error);
}

/**
 * medusa_json_parse_single_order_page:
 *
 * Parses an order list asked for one order by its id, as Medusa v1 gives
 * an order with its gift cards and refunds only in
 * `GET /store/customers/me/orders?id=…`: the one order of the page, or
 * %MEDUSA_ERROR_NOT_FOUND when the page is empty.
 *
 * Returns: (transfer full) (nullable): the order
 */
MedusaOrder *
medusa_json_parse_single_order_page (GBytes  *body,
                                     GError **error)
{
  g_autoptr(MedusaOrderPage) page = medusa_json_parse_order_page (body, error);
  GListModel *orders;

  if (page == NULL)
    return NULL;

  orders = medusa_order_page_get_orders (page);
  if (g_list_model_get_n_items (orders) == 0)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND,
                           "The store has no such order of this customer’s");
      return NULL;
    }

  return g_list_model_get_item (orders, 0);
}

/**
 * medusa_json_parse_regions_response:
 *
 * Parses `{"regions": […]}`.
 *
 * Returns: (transfer full) (nullable): a #GListModel of #MedusaRegion
 */
GListModel *
medusa_json_parse_regions_response (GBytes  *body,
                                    GError **error)
{
  g_autoptr(JsonNode) root = medusa_json_parse (body, error);
  g_autoptr(GListStore) regions = NULL;
  ParseContext ctx = { NULL };
  JsonObject *object;

  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (read_array (&ctx, object, "the region list", "regions") == NULL)
    ctx_fail (&ctx, "the region list", "regions", "a list");

  regions = read_object_list (&ctx, object, "the region list", "regions",
                              MEDUSA_JSON_MAX_REGIONS, MEDUSA_TYPE_REGION, parse_region);
  if (!ctx_finish (&ctx, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&regions));
}

/* ------------------------------------------------------------------------ */
/* The readers above, for medusa-json-private.h                             */

void
medusa_json_fail (MedusaJsonContext *ctx,
                  const char        *owner,
                  const char        *member,
                  const char        *expected)
{
  ctx_fail (ctx, owner, member, expected);
}

gboolean
medusa_json_finish (MedusaJsonContext  *ctx,
                    GError            **error)
{
  return ctx_finish (ctx, error);
}

JsonNode *
medusa_json_get_member (JsonObject *object,
                        const char *member)
{
  return get_member (object, member);
}

const char *
medusa_json_read_string (MedusaJsonContext *ctx,
                         JsonObject        *object,
                         const char        *owner,
                         const char        *member)
{
  return read_string (ctx, object, owner, member);
}

const char *
medusa_json_read_required_string (MedusaJsonContext *ctx,
                                  JsonObject        *object,
                                  const char        *owner,
                                  const char        *member)
{
  return read_required_string (ctx, object, owner, member);
}

gboolean
medusa_json_read_boolean (MedusaJsonContext *ctx,
                          JsonObject        *object,
                          const char        *owner,
                          const char        *member)
{
  return read_boolean (ctx, object, owner, member);
}

GDateTime *
medusa_json_read_date (MedusaJsonContext *ctx,
                       JsonObject        *object,
                       const char        *owner,
                       const char        *member)
{
  return read_date (ctx, object, owner, member);
}

JsonObject *
medusa_json_read_object (MedusaJsonContext *ctx,
                         JsonObject        *object,
                         const char        *owner,
                         const char        *member)
{
  return read_object (ctx, object, owner, member);
}

JsonArray *
medusa_json_read_array (MedusaJsonContext *ctx,
                        JsonObject        *object,
                        const char        *owner,
                        const char        *member)
{
  return read_array (ctx, object, owner, member);
}

JsonArray *
medusa_json_read_bounded_array (MedusaJsonContext *ctx,
                                JsonObject        *object,
                                const char        *owner,
                                const char        *member,
                                guint              max)
{
  return read_bounded_array (ctx, object, owner, member, max);
}

GListStore *
medusa_json_read_object_list (MedusaJsonContext   *ctx,
                              JsonObject          *object,
                              const char          *owner,
                              const char          *member,
                              guint                max,
                              GType                item_type,
                              MedusaJsonParseFunc  parse)
{
  return read_object_list (ctx, object, owner, member, max, item_type, parse);
}

GListStore *
medusa_json_read_order_list (MedusaJsonContext   *ctx,
                             JsonObject          *object,
                             const char          *owner,
                             const char          *member,
                             GType                item_type,
                             MedusaJsonParseFunc  parse)
{
  return read_order_list (ctx, object, owner, member, item_type, parse);
}

GListStore *
medusa_json_empty_order_list (GType item_type)
{
  return empty_order_list (item_type);
}

guint
medusa_json_count_items (MedusaJsonContext      *ctx,
                         JsonObject             *object,
                         const char             *owner,
                         const char             *member,
                         MedusaJsonQuantityFunc  quantity)
{
  return count_items (ctx, object, owner, member, quantity);
}

JsonObject *
medusa_json_copy_object (JsonObject *object)
{
  return copy_object (object);
}

gpointer
medusa_json_parse_address (MedusaJsonContext *ctx,
                           JsonObject        *object)
{
  return parse_address (ctx, object);
}

JsonObject *
medusa_json_parse_envelope (GBytes      *body,
                            const char  *member,
                            JsonNode   **root,
                            GError     **error)
{
  return parse_envelope (body, member, root, error);
}
