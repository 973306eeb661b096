/* medusa-json-orders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-json"

#include "config.h"

#include "medusa-error.h"
#include "medusa-json-private.h"

/*
 * Medusa v1's orders, read with medusa-json.c's readers: whole, with their
 * items, shipping methods, fulfillments and tracking, and refunds, or as
 * summaries (what a list shows); the pages they come in; and the tables of
 * what of v1's answers the pre-pass and the offline copy keep.
 */

static gpointer
parse_line_item (MedusaJsonContext *ctx,
                 JsonObject        *object)
{
  const char *owner = "an order item";
  JsonObject *variant = medusa_json_read_object (ctx, object, owner, "variant");

  return g_object_new (MEDUSA_TYPE_LINE_ITEM,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "title", medusa_json_read_string (ctx, object, owner, "title"),
                       "description", medusa_json_read_string (ctx, object, owner, "description"),
                       "thumbnail", medusa_json_read_string (ctx, object, owner, "thumbnail"),
                       "variant-title", medusa_json_read_string (ctx, variant, "the variant",
                                                                 "title"),
                       "variant-sku", medusa_json_read_string (ctx, variant, "the variant", "sku"),
                       "quantity", medusa_json_read_int (ctx, object, owner, "quantity"),
                       "fulfilled-quantity", medusa_json_read_int (ctx, object, owner,
                                                                   "fulfilled_quantity"),
                       "shipped-quantity", medusa_json_read_int (ctx, object, owner,
                                                                 "shipped_quantity"),
                       "returned-quantity", medusa_json_read_int (ctx, object, owner,
                                                                  "returned_quantity"),
                       "unit-price", medusa_json_read_int64 (ctx, object, owner, "unit_price"),
                       "subtotal", medusa_json_read_int64 (ctx, object, owner, "subtotal"),
                       "discount-total", medusa_json_read_int64 (ctx, object, owner,
                                                                 "discount_total"),
                       "tax-total", medusa_json_read_int64 (ctx, object, owner, "tax_total"),
                       "total", medusa_json_read_int64 (ctx, object, owner, "total"),
                       NULL);
}

static gpointer
parse_tracking_link (MedusaJsonContext *ctx,
                     JsonObject        *object)
{
  const char *owner = "a tracking link";

  return g_object_new (MEDUSA_TYPE_TRACKING_LINK,
                       "tracking-number", medusa_json_read_string (ctx, object, owner,
                                                                   "tracking_number"),
                       "url", medusa_json_read_string (ctx, object, owner, "url"),
                       NULL);
}

static gpointer
parse_fulfillment (MedusaJsonContext *ctx,
                   JsonObject        *object)
{
  const char *owner = "a fulfillment";
  g_autoptr(GDateTime) created_at = medusa_json_read_date (ctx, object, owner, "created_at");
  g_autoptr(GDateTime) shipped_at = medusa_json_read_date (ctx, object, owner, "shipped_at");
  g_autoptr(GDateTime) canceled_at = medusa_json_read_date (ctx, object, owner, "canceled_at");
  g_auto(GStrv) numbers = medusa_json_read_member_of_each (ctx, object, owner, "tracking_numbers",
                                                           NULL);
  g_autoptr(GListStore) links = medusa_json_read_order_list (ctx, object, owner, "tracking_links",
                                                             MEDUSA_TYPE_TRACKING_LINK,
                                                             parse_tracking_link);

  return g_object_new (MEDUSA_TYPE_FULFILLMENT,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "created-at", created_at,
                       "shipped-at", shipped_at,
                       "canceled-at", canceled_at,
                       "tracking-numbers", numbers,
                       "tracking-links", links,
                       NULL);
}

static gpointer
parse_shipping_method (MedusaJsonContext *ctx,
                       JsonObject        *object)
{
  const char *owner = "a shipping method";
  JsonObject *option = medusa_json_read_object (ctx, object, owner, "shipping_option");
  gint64 price = medusa_json_read_int64 (ctx, object, owner, "price");
  JsonNode *total = medusa_json_get_member (object, "total");

  return g_object_new (MEDUSA_TYPE_SHIPPING_METHOD,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "name", medusa_json_read_string (ctx, option, "the shipping option", "name"),
                       "price", price,
                       "total", total != NULL
                         ? medusa_json_read_int64 (ctx, object, owner, "total") : price,
                       NULL);
}

static gpointer
parse_refund (MedusaJsonContext *ctx,
              JsonObject        *object)
{
  const char *owner = "a refund";
  g_autoptr(GDateTime) created_at = medusa_json_read_date (ctx, object, owner, "created_at");

  return g_object_new (MEDUSA_TYPE_REFUND,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "amount", medusa_json_read_int64 (ctx, object, owner, "amount"),
                       "reason", medusa_json_read_string (ctx, object, owner, "reason"),
                       "note", medusa_json_read_string (ctx, object, owner, "note"),
                       "created-at", created_at,
                       NULL);
}

static guint
read_item_quantity (MedusaJsonContext *ctx,
                    JsonObject        *item)
{
  return (guint) medusa_json_read_int (ctx, item, "an order item", "quantity");
}

/* A whole order, or with ctx->summary what a row shows of it: the items
 * counted, nothing of its addresses, shipping, fulfillments, refunds,
 * discounts or gift cards (MedusaOrder). */
static gpointer
parse_order (MedusaJsonContext *ctx,
             JsonObject        *object)
{
  const char *owner = "an order";
  JsonObject *region = medusa_json_read_object (ctx, object, owner, "region");
  g_autoptr(GDateTime) created_at = medusa_json_read_date (ctx, object, owner, "created_at");
  g_autoptr(MedusaAddress) shipping_address = NULL;
  g_autoptr(MedusaAddress) billing_address = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GListStore) methods = NULL;
  g_autoptr(GListStore) fulfillments = NULL;
  g_autoptr(GListStore) refunds = NULL;
  g_auto(GStrv) discounts = NULL;
  g_auto(GStrv) gift_cards = NULL;
  const char *region_id = medusa_json_read_string (ctx, object, owner, "region_id");
  guint item_count = 0;

  if (region_id == NULL)
    region_id = medusa_json_read_string (ctx, region, "the region", "id");

  if (ctx->summary)
    {
      item_count = medusa_json_count_items (ctx, object, owner, "items", read_item_quantity);
      items = medusa_json_empty_order_list (MEDUSA_TYPE_LINE_ITEM);
      methods = medusa_json_empty_order_list (MEDUSA_TYPE_SHIPPING_METHOD);
      fulfillments = medusa_json_empty_order_list (MEDUSA_TYPE_FULFILLMENT);
      refunds = medusa_json_empty_order_list (MEDUSA_TYPE_REFUND);
    }
  else
    {
      shipping_address = medusa_json_read_address (ctx, object, owner, "shipping_address");
      billing_address = medusa_json_read_address (ctx, object, owner, "billing_address");
      items = medusa_json_read_order_list (ctx, object, owner, "items", MEDUSA_TYPE_LINE_ITEM,
                                           parse_line_item);
      methods = medusa_json_read_order_list (ctx, object, owner, "shipping_methods",
                                             MEDUSA_TYPE_SHIPPING_METHOD, parse_shipping_method);
      fulfillments = medusa_json_read_order_list (ctx, object, owner, "fulfillments",
                                                  MEDUSA_TYPE_FULFILLMENT, parse_fulfillment);
      refunds = medusa_json_read_order_list (ctx, object, owner, "refunds", MEDUSA_TYPE_REFUND,
                                             parse_refund);
      discounts = medusa_json_read_member_of_each (ctx, object, owner, "discounts", "code");
      gift_cards = medusa_json_read_member_of_each (ctx, object, owner, "gift_cards", "code");
    }

  return g_object_new (MEDUSA_TYPE_ORDER,
                       "id", medusa_json_read_required_string (ctx, object, owner, "id"),
                       "display-id", MAX (medusa_json_read_int64 (ctx, object, owner,
                                                                  "display_id"), 0),
                       "status", medusa_json_read_string (ctx, object, owner, "status"),
                       "fulfillment-status", medusa_json_read_string (ctx, object, owner,
                                                                      "fulfillment_status"),
                       "payment-status", medusa_json_read_string (ctx, object, owner,
                                                                  "payment_status"),
                       "email", medusa_json_read_string (ctx, object, owner, "email"),
                       "currency-code", medusa_json_read_string (ctx, object, owner,
                                                                 "currency_code"),
                       "region-id", region_id,
                       "region-name", medusa_json_read_string (ctx, region, "the region", "name"),
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
                       "subtotal", medusa_json_read_int64 (ctx, object, owner, "subtotal"),
                       "shipping-total", medusa_json_read_int64 (ctx, object, owner,
                                                                 "shipping_total"),
                       "tax-total", medusa_json_read_int64 (ctx, object, owner, "tax_total"),
                       "discount-total", medusa_json_read_int64 (ctx, object, owner,
                                                                 "discount_total"),
                       "gift-card-total", medusa_json_read_int64 (ctx, object, owner,
                                                                  "gift_card_total"),
                       "refunded-total", medusa_json_read_int64 (ctx, object, owner,
                                                                 "refunded_total"),
                       "paid-total", medusa_json_read_int64 (ctx, object, owner, "paid_total"),
                       "total", medusa_json_read_int64 (ctx, object, owner, "total"),
                       NULL);
}

/*
 * A page of orders is ≈ 200 KB, most of it what Medusa v1 adds whatever the
 * query asks (each item's variant with its product, tax lines, payments,
 * the region…), and json-glib spends ≈ 80 % of the parse building a tree of
 * it. So before json-glib sees an order list, a pre-pass copies into a much
 * smaller text only the members the parsers below read, as the tables
 * here say: a member with a table keeps, of the object (or of each object of
 * the list) it holds, only the members in that table; one without a table
 * is copied whole (medusa_json_slim_down()).
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

static MedusaOrderPage *
parse_order_page (GBytes      *body,
                  gboolean     summary,
                  GError     **error)
{
  g_autoptr(GBytes) slim = medusa_json_slim_body (body, summary ? keep_summary_page
                                                                  : keep_order_page);
  g_autoptr(JsonNode) root = medusa_json_parse (slim, error);

  if (root == NULL)
    return NULL;

  return medusa_json_read_order_page (json_node_get_object (root), summary, parse_order,
                                      medusa_json_read_uint, error);
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
