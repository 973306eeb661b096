/* medusa-json-v2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-json"

#include "config.h"

#include <string.h>

#include "medusa-currency.h"
#include "medusa-error.h"
#include "medusa-json-private.h"
#include "medusa-json-v2.h"

/*
 * Medusa v2's answers, read with medusa-json.c's readers. What differs:
 * amounts are decimals in the currency's main unit (27.5 is $27.50), which
 * json-glib would hand over as a double. So before json-glib sees an order,
 * every number of the text is rewritten as {"$n":"<the number's text>"}
 * (numbers_as_text()), and an amount is converted from that text to integer
 * minor units digit by digit, never through a double.
 *
 * A server that sends {"$n":"27.5"} itself gets what it would have got by
 * sending 27.5; a text where a number belongs stays an error.
 */

#define NUMBER_MEMBER "$n"

/* ------------------------------------------------------------------------ */
/* Exact decimals                                                           */

/**
 * medusa_json_v2_decimal_to_minor:
 * @text: a JSON number's text, e.g. `27.5`, `-0.125`, `1e2`
 * @decimals: the currency's minor unit's decimals (medusa_currency_get_decimals())
 * @minor: (out): the amount in minor units
 * @exact: (out) (optional): whether nothing was rounded away
 *
 * Converts a decimal to integer minor units from its digits: 27.5 with 2
 * decimals is 2750. Digits beyond the minor unit (a v2 store computes taxes
 * to more places) are rounded half away from zero, as storefronts show them.
 *
 * Returns: %FALSE if @text is not a JSON number or the amount has more than
 *   %MEDUSA_JSON_V2_MAX_AMOUNT_DIGITS digits
 */
gboolean
medusa_json_v2_decimal_to_minor (const char *text,
                                 guint       decimals,
                                 gint64     *minor,
                                 gboolean   *exact)
{
  const char *p = text;
  const char *int_start, *int_end;
  const char *frac_start = NULL, *frac_end = NULL;
  gboolean negative = FALSE;
  gboolean rounded_away = FALSE;
  gint64 exponent = 0;
  gint64 n_kept;
  gsize n_int, n_frac, n_all;
  guint64 value = 0;
  guint n_digits = 0;
  int round_digit = -1;

  g_return_val_if_fail (minor != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  int_start = p;
  if (*p == '0')
    p++;
  else
    while (g_ascii_isdigit (*p))
      p++;
  int_end = p;
  if (int_end == int_start)
    return FALSE;
  if (*p == '.')
    {
      frac_start = ++p;
      while (g_ascii_isdigit (*p))
        p++;
      frac_end = p;
      if (frac_end == frac_start)
        return FALSE;
    }
  if (*p == 'e' || *p == 'E')
    {
      gboolean exponent_negative = FALSE;
      const char *exponent_start;

      p++;
      if (*p == '+' || *p == '-')
        exponent_negative = *p++ == '-';
      exponent_start = p;
      while (g_ascii_isdigit (*p))
        {
          /* beyond any amount either way: clamp rather than overflow */
          if (exponent < 1000000)
            exponent = exponent * 10 + (*p - '0');
          p++;
        }
      if (p == exponent_start)
        return FALSE;
      if (exponent_negative)
        exponent = -exponent;
    }
  if (*p != '\0')
    return FALSE;

  /* the digits d₁…dₙ (integer and fraction) stand for d₁…dₙ × 10^(exponent −
   * fraction digits); minor units are that × 10^decimals, so the first
   * n_kept digits are the minor units' and the next one rounds */
  n_int = int_end - int_start;
  n_frac = frac_start != NULL ? (gsize) (frac_end - frac_start) : 0;
  n_all = n_int + n_frac;
  n_kept = (gint64) n_all + exponent + decimals - (gint64) n_frac;

  for (gsize i = 0; i < n_all; i++)
    {
      int digit = (i < n_int ? int_start[i] : frac_start[i - n_int]) - '0';

      if ((gint64) i < n_kept)
        {
          if (value == 0 && digit == 0)
            continue;
          if (++n_digits > MEDUSA_JSON_V2_MAX_AMOUNT_DIGITS)
            return FALSE;
          value = value * 10 + digit;
        }
      else if ((gint64) i == n_kept)
        round_digit = digit;
      else if (digit != 0)
        rounded_away = TRUE;
    }

  /* the zeros an exponent adds */
  for (gint64 i = n_all; i < n_kept && value != 0; i++)
    {
      if (++n_digits > MEDUSA_JSON_V2_MAX_AMOUNT_DIGITS)
        return FALSE;
      value *= 10;
    }

  if (round_digit > 0)
    rounded_away = TRUE;
  if (round_digit >= 5)
    {
      value++;
      if (value > G_GUINT64_CONSTANT (999999999999999))
        return FALSE;
    }

  *minor = negative ? -(gint64) value : (gint64) value;
  if (exact != NULL)
    *exact = !rounded_away;

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Numbers as text                                                          */

/* @body with every number outside strings written as {"$n":"…"}; NULL and
 * @error when a number is malformed or the text would grow too much. */
static GBytes *
numbers_as_text (GBytes  *body,
                 GError **error)
{
  g_autoptr(GString) out = NULL;
  gboolean in_string = FALSE;
  const char *data;
  const char *p;
  const char *end;
  gsize size = 0;
  gsize max_size;

  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an empty answer");
      return NULL;
    }

  /* a real order is ≈ 5 % numbers; a body of nothing but numbers is refused
   * before it makes a text many times its size */
  max_size = size * 2 + 4096;
  out = g_string_sized_new (size + size / 4);
  end = data + size;
  for (p = data; p < end;)
    {
      char c = *p;

      if (in_string)
        {
          if (c == '\\' && p + 1 < end)
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          if (c == '"')
            in_string = FALSE;
          g_string_append_c (out, c);
          p++;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          const char *number_end = medusa_json_scan_number (p, end);

          if (number_end == NULL)
            {
              g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                                   "The store sent an answer with a malformed number");
              return NULL;
            }
          g_string_append (out, "{\"" NUMBER_MEMBER "\":\"");
          g_string_append_len (out, p, number_end - p);
          g_string_append (out, "\"}");
          p = number_end;
          if (out->len > max_size)
            {
              g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                                   "The store sent an answer of too many numbers");
              return NULL;
            }
          continue;
        }

      g_string_append_c (out, c);
      p++;
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* Where an object belongs, a number is a {"$n": …} too: not one. */
static gboolean
is_number (JsonObject *object)
{
  return object != NULL && json_object_has_member (object, NUMBER_MEMBER);
}

static gboolean
check_object (MedusaJsonContext *ctx,
              JsonObject        *object,
              const char        *owner,
              const char        *member)
{
  if (is_number (object))
    {
      medusa_json_fail (ctx, owner, member, "an object");
      return FALSE;
    }

  return TRUE;
}

static JsonObject *
read_object (MedusaJsonContext *ctx,
             JsonObject        *object,
             const char        *owner,
             const char        *member)
{
  JsonObject *value = medusa_json_read_object (ctx, object, owner, member);

  return check_object (ctx, value, owner, member) ? value : NULL;
}

/* The text of number @member ({"$n":"…"}), NULL when it is missing or null. */
static const char *
read_number_text (MedusaJsonContext *ctx,
                  JsonObject        *object,
                  const char        *owner,
                  const char        *member)
{
  JsonNode *node = medusa_json_get_member (object, member);
  JsonNode *text;

  if (node == NULL)
    return NULL;

  text = JSON_NODE_HOLDS_OBJECT (node)
    ? json_object_get_member (json_node_get_object (node), NUMBER_MEMBER)
    : NULL;
  if (text == NULL || json_node_get_value_type (text) != G_TYPE_STRING)
    {
      medusa_json_fail (ctx, owner, member, "a number");
      return NULL;
    }

  return json_node_get_string (text);
}

static gint64
read_amount (MedusaJsonContext *ctx,
             JsonObject        *object,
             const char        *owner,
             const char        *member,
             guint              decimals)
{
  const char *text = read_number_text (ctx, object, owner, member);
  gint64 minor = 0;

  if (text == NULL)
    return 0;

  if (!medusa_json_v2_decimal_to_minor (text, decimals, &minor, NULL))
    {
      medusa_json_fail (ctx, owner, member, "an amount of money");
      return 0;
    }

  return minor;
}

static guint
read_count (MedusaJsonContext *ctx,
            JsonObject        *object,
            const char        *owner,
            const char        *member)
{
  const char *text = read_number_text (ctx, object, owner, member);
  gboolean exact = FALSE;
  gint64 value = 0;

  if (text == NULL)
    return 0;

  if (!medusa_json_v2_decimal_to_minor (text, 0, &value, &exact) || !exact ||
      value < 0 || value > G_MAXINT)
    {
      medusa_json_fail (ctx, owner, member, "a count");
      return 0;
    }

  return (guint) value;
}

/* ------------------------------------------------------------------------ */
/* Customers                                                                */

static gpointer
parse_address (MedusaJsonContext *ctx,
               JsonObject        *object)
{
  return medusa_json_parse_address (ctx, object);
}

static MedusaCustomer *
parse_customer (MedusaJsonContext *ctx,
                JsonObject        *object)
{
  const char *owner = "the customer";
  g_autoptr(GDateTime) created_at = medusa_json_read_date (ctx, object, owner, "created_at");
  g_autoptr(GDateTime) updated_at = medusa_json_read_date (ctx, object, owner, "updated_at");
  g_autoptr(JsonObject) metadata = medusa_json_copy_object (
    medusa_json_read_object (ctx, object, owner, "metadata"));
  g_autoptr(GListStore) addresses = medusa_json_read_object_list (ctx, object, owner,
                                                                  "addresses",
                                                                  MEDUSA_JSON_MAX_ADDRESSES,
                                                                  MEDUSA_TYPE_ADDRESS,
                                                                  parse_address);
  JsonArray *array = medusa_json_read_bounded_array (ctx, object, owner, "addresses",
                                                     MEDUSA_JSON_MAX_ADDRESSES);
  g_autoptr(MedusaAddress) billing_address = NULL;

  /* v2 keeps no billing address apart: it is the address flagged so */
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && ctx->error == NULL; i++)
    {
      JsonObject *address = json_array_get_object_element (array, i);

      if (medusa_json_read_boolean (ctx, address, "an address", "is_default_billing"))
        {
          billing_address = g_list_model_get_item (G_LIST_MODEL (addresses), i);
          break;
        }
    }

  return g_object_new (MEDUSA_TYPE_CUSTOMER,
                       "id", medusa_json_read_required_string (ctx, object, owner, "id"),
                       "email", medusa_json_read_string (ctx, object, owner, "email"),
                       "first-name", medusa_json_read_string (ctx, object, owner, "first_name"),
                       "last-name", medusa_json_read_string (ctx, object, owner, "last_name"),
                       "phone", medusa_json_read_string (ctx, object, owner, "phone"),
                       "has-account", medusa_json_read_boolean (ctx, object, owner,
                                                                "has_account"),
                       "billing-address-id", billing_address != NULL
                         ? medusa_address_get_id (billing_address) : NULL,
                       "billing-address", billing_address,
                       "shipping-addresses", addresses,
                       "metadata", metadata,
                       "created-at", created_at,
                       "updated-at", updated_at,
                       NULL);
}

static MedusaCustomer *
customer_in (GBytes      *body,
             const char  *member,
             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  MedusaJsonContext ctx = { NULL };
  JsonObject *object;

  if (!(object = medusa_json_parse_envelope (body, member, &root, error)))
    return NULL;

  customer = parse_customer (&ctx, object);
  if (!medusa_json_finish (&ctx, error))
    return NULL;

  return g_steal_pointer (&customer);
}

/**
 * medusa_json_v2_parse_customer:
 *
 * Parses `{"customer": {…, "addresses": […]}}`: the billing address is the
 * one flagged `is_default_billing`.
 *
 * Returns: (transfer full) (nullable): the customer
 */
MedusaCustomer *
medusa_json_v2_parse_customer (GBytes  *body,
                               GError **error)
{
  return customer_in (body, "customer", error);
}

/**
 * medusa_json_v2_parse_address_deleted:
 *
 * Parses what v2 answers a deleted address with:
 * `{"id": …, "object": "address", "deleted": true, "parent": {customer}}`.
 *
 * Returns: (transfer full) (nullable): the customer with the addresses left
 */
MedusaCustomer *
medusa_json_v2_parse_address_deleted (GBytes  *body,
                                      GError **error)
{
  return customer_in (body, "parent", error);
}

/**
 * medusa_json_v2_parse_token:
 *
 * Parses `{"token": "…"}`.
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
medusa_json_v2_parse_token (GBytes  *body,
                            GError **error)
{
  return medusa_json_parse_token_member (body, "token", error);
}

/* ------------------------------------------------------------------------ */
/* Orders                                                                   */

typedef struct
{
  MedusaJsonContext  ctx;
  guint              decimals;   /* of the order's currency */
  GStrvBuilder      *codes;      /* promotion codes, from the adjustments */
  GHashTable        *seen_codes;
} OrderContext;

#define ORDER_CONTEXT(c) ((OrderContext *) (c))

static void
collect_codes (OrderContext *octx,
               JsonObject   *object,
               const char   *owner)
{
  JsonArray *adjustments = medusa_json_read_bounded_array (&octx->ctx, object, owner,
                                                           "adjustments",
                                                           MEDUSA_JSON_MAX_ORDER_PARTS);

  for (guint i = 0; adjustments != NULL && i < json_array_get_length (adjustments); i++)
    {
      JsonNode *element = json_array_get_element (adjustments, i);
      const char *code;

      if (!JSON_NODE_HOLDS_OBJECT (element) || is_number (json_node_get_object (element)))
        {
          medusa_json_fail (&octx->ctx, owner, "adjustments", "a list of objects");
          return;
        }
      code = medusa_json_read_string (&octx->ctx, json_node_get_object (element),
                                      "an adjustment", "code");
      if (code != NULL && g_hash_table_add (octx->seen_codes, g_strdup (code)))
        g_strv_builder_add (octx->codes, code);
    }
}

static gpointer
parse_line_item (MedusaJsonContext *ctx,
                 JsonObject        *object)
{
  OrderContext *octx = ORDER_CONTEXT (ctx);
  const char *owner = "an order item";
  JsonObject *detail = read_object (ctx, object, owner, "detail");
  guint d = octx->decimals;

  check_object (ctx, object, "a list", owner);

  collect_codes (octx, object, owner);

  return g_object_new (MEDUSA_TYPE_LINE_ITEM,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "title", medusa_json_read_string (ctx, object, owner, "title"),
                       "description", medusa_json_read_string (ctx, object, owner,
                                                               "product_description"),
                       "thumbnail", medusa_json_read_string (ctx, object, owner, "thumbnail"),
                       "variant-title", medusa_json_read_string (ctx, object, owner,
                                                                 "variant_title"),
                       "variant-sku", medusa_json_read_string (ctx, object, owner, "variant_sku"),
                       "quantity", read_count (ctx, object, owner, "quantity"),
                       "fulfilled-quantity", read_count (ctx, detail, "the item’s detail",
                                                         "fulfilled_quantity"),
                       "shipped-quantity", read_count (ctx, detail, "the item’s detail",
                                                       "shipped_quantity"),
                       "returned-quantity", read_count (ctx, detail, "the item’s detail",
                                                        "return_received_quantity"),
                       "unit-price", read_amount (ctx, object, owner, "unit_price", d),
                       "subtotal", read_amount (ctx, object, owner, "subtotal", d),
                       "discount-total", read_amount (ctx, object, owner, "discount_total", d),
                       "tax-total", read_amount (ctx, object, owner, "tax_total", d),
                       "total", read_amount (ctx, object, owner, "total", d),
                       NULL);
}

static guint
read_item_quantity (MedusaJsonContext *ctx,
                    JsonObject        *item)
{
  const char *owner = "an order item";

  check_object (ctx, item, "a list", owner);

  return read_count (ctx, item, owner, "quantity");
}

static gpointer
parse_shipping_method (MedusaJsonContext *ctx,
                       JsonObject        *object)
{
  OrderContext *octx = ORDER_CONTEXT (ctx);
  const char *owner = "a shipping method";
  gint64 amount = read_amount (ctx, object, owner, "amount", octx->decimals);

  check_object (ctx, object, "a list", owner);

  collect_codes (octx, object, owner);

  return g_object_new (MEDUSA_TYPE_SHIPPING_METHOD,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "name", medusa_json_read_string (ctx, object, owner, "name"),
                       "price", amount,
                       "total", medusa_json_get_member (object, "total") != NULL
                         ? read_amount (ctx, object, owner, "total", octx->decimals) : amount,
                       NULL);
}

/* A fulfilment's labels carry its tracking: {tracking_number, tracking_url, label_url} */
static gpointer
parse_label (MedusaJsonContext *ctx,
             JsonObject        *object)
{
  const char *owner = "a fulfilment label";
  const char *url = medusa_json_read_string (ctx, object, owner, "tracking_url");

  check_object (ctx, object, "a list", owner);

  /* v2 fills a missing URL with "#" or an empty text */
  if (url != NULL && (url[0] == '\0' || g_str_equal (url, "#")))
    url = NULL;

  return g_object_new (MEDUSA_TYPE_TRACKING_LINK,
                       "tracking-number", medusa_json_read_string (ctx, object, owner,
                                                                   "tracking_number"),
                       "url", url,
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
  g_autoptr(GListStore) links = medusa_json_read_order_list (ctx, object, owner, "labels",
                                                             MEDUSA_TYPE_TRACKING_LINK,
                                                             parse_label);
  static const char * const no_numbers[] = { NULL };

  check_object (ctx, object, "a list", owner);

  return g_object_new (MEDUSA_TYPE_FULFILLMENT,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "created-at", created_at,
                       "shipped-at", shipped_at,
                       "canceled-at", canceled_at,
                       "tracking-numbers", no_numbers,
                       "tracking-links", links,
                       NULL);
}

static gpointer
parse_refund (MedusaJsonContext *ctx,
              JsonObject        *object)
{
  const char *owner = "a refund";
  JsonObject *reason = read_object (ctx, object, owner, "refund_reason");
  g_autoptr(GDateTime) created_at = medusa_json_read_date (ctx, object, owner, "created_at");

  check_object (ctx, object, "a list", owner);

  return g_object_new (MEDUSA_TYPE_REFUND,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "amount", read_amount (ctx, object, owner, "amount",
                                              ORDER_CONTEXT (ctx)->decimals),
                       "reason", medusa_json_read_string (ctx, reason, "the refund reason",
                                                          "label"),
                       "note", medusa_json_read_string (ctx, object, owner, "note"),
                       "created-at", created_at,
                       NULL);
}

/* Refunds come from the order's payment collections. Medusa 2.21's Store
 * API leaves out the payments' refunds (payment_collections.payments.refunds
 * is not among the fields a store may ask for), so each collection's
 * refunded amount stands as one refund, dated when the collection last
 * changed, unless the store sends the refunds themselves. The collections'
 * captured amounts add up to what was paid. */
static GListStore *
read_refunds (OrderContext *octx,
              JsonObject   *order,
              gint64       *refunded_total,
              gint64       *paid_total)
{
  MedusaJsonContext *ctx = &octx->ctx;
  g_autoptr(GListStore) refunds = g_list_store_new (MEDUSA_TYPE_REFUND);
  JsonArray *collections = medusa_json_read_bounded_array (ctx, order, "an order",
                                                           "payment_collections",
                                                           MEDUSA_JSON_MAX_ORDER_PARTS);
  guint n_collections = collections != NULL ? json_array_get_length (collections) : 0;

  *refunded_total = 0;
  *paid_total = 0;
  for (guint i = 0; i < n_collections && ctx->error == NULL; i++)
    {
      JsonNode *node = json_array_get_element (collections, i);
      const char *owner = "a payment collection";
      JsonObject *collection;
      JsonArray *payments;
      gint64 refunded;
      guint n_refunds = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node) || is_number (json_node_get_object (node)))
        {
          medusa_json_fail (ctx, "an order", "payment_collections", "a list of objects");
          break;
        }
      collection = json_node_get_object (node);
      refunded = read_amount (ctx, collection, owner, "refunded_amount", octx->decimals);
      *refunded_total += refunded;
      *paid_total += read_amount (ctx, collection, owner, "captured_amount", octx->decimals);

      payments = medusa_json_read_bounded_array (ctx, collection, owner, "payments",
                                                 MEDUSA_JSON_MAX_ORDER_PARTS);
      for (guint j = 0; payments != NULL && j < json_array_get_length (payments); j++)
        {
          JsonNode *payment = json_array_get_element (payments, j);
          g_autoptr(GListStore) some = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (payment) || is_number (json_node_get_object (payment)))
            {
              medusa_json_fail (ctx, owner, "payments", "a list of objects");
              break;
            }
          some = medusa_json_read_object_list (ctx, json_node_get_object (payment), "a payment",
                                               "refunds", MEDUSA_JSON_MAX_ORDER_PARTS,
                                               MEDUSA_TYPE_REFUND, parse_refund);
          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (some)); k++, n_refunds++)
            {
              g_autoptr(MedusaRefund) refund = g_list_model_get_item (G_LIST_MODEL (some), k);

              g_list_store_append (refunds, refund);
            }
        }

      if (n_refunds == 0 && refunded != 0)
        {
          g_autoptr(GDateTime) updated_at = medusa_json_read_date (ctx, collection, owner,
                                                                   "updated_at");
          g_autoptr(MedusaRefund) refund = NULL;

          refund = g_object_new (MEDUSA_TYPE_REFUND,
                                 "id", medusa_json_read_string (ctx, collection, owner, "id"),
                                 "amount", refunded,
                                 "created-at", updated_at,
                                 NULL);
          g_list_store_append (refunds, refund);
        }
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (refunds)) == 0)
    return medusa_json_empty_order_list (MEDUSA_TYPE_REFUND);

  return g_steal_pointer (&refunds);
}

/* A whole order, or with ctx->summary what a row shows of it: the items
 * counted, nothing of its addresses, shipping, fulfillments, payments or
 * promotions (MedusaOrder). */
static gpointer
parse_order (MedusaJsonContext *ctx,
             JsonObject        *object)
{
  const char *owner = "an order";
  const char *currency_code = medusa_json_read_string (ctx, object, owner, "currency_code");
  OrderContext octx = {
    .ctx = { NULL, ctx->summary },
    .decimals = medusa_currency_get_decimals (currency_code),
    .codes = g_strv_builder_new (),
    .seen_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  MedusaJsonContext *c = &octx.ctx;
  guint d = octx.decimals;
  g_autoptr(GDateTime) created_at = medusa_json_read_date (c, object, owner, "created_at");
  g_autoptr(MedusaAddress) shipping_address = NULL;
  g_autoptr(MedusaAddress) billing_address = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GListStore) methods = NULL;
  g_autoptr(GListStore) fulfillments = NULL;
  g_autoptr(GListStore) refunds = NULL;
  g_auto(GStrv) codes = NULL;
  JsonObject *address;
  JsonObject *region;
  static const char * const no_gift_cards[] = { NULL };
  const char *shipping_member;
  gint64 refunded_total = 0;
  gint64 paid_total = 0;
  guint item_count = 0;
  gpointer order;

  check_object (c, object, "a list", owner);

  region = read_object (c, object, owner, "region");
  if (c->summary)
    {
      item_count = medusa_json_count_items (c, object, owner, "items", read_item_quantity);
      items = medusa_json_empty_order_list (MEDUSA_TYPE_LINE_ITEM);
      methods = medusa_json_empty_order_list (MEDUSA_TYPE_SHIPPING_METHOD);
      fulfillments = medusa_json_empty_order_list (MEDUSA_TYPE_FULFILLMENT);
      refunds = medusa_json_empty_order_list (MEDUSA_TYPE_REFUND);
    }
  else
    {
      if ((address = read_object (c, object, owner, "shipping_address")))
        shipping_address = medusa_json_parse_address (c, address);
      if ((address = read_object (c, object, owner, "billing_address")))
        billing_address = medusa_json_parse_address (c, address);
      items = medusa_json_read_order_list (c, object, owner, "items", MEDUSA_TYPE_LINE_ITEM,
                                           parse_line_item);
      methods = medusa_json_read_order_list (c, object, owner, "shipping_methods",
                                             MEDUSA_TYPE_SHIPPING_METHOD, parse_shipping_method);
      fulfillments = medusa_json_read_order_list (c, object, owner, "fulfillments",
                                                  MEDUSA_TYPE_FULFILLMENT, parse_fulfillment);
      refunds = read_refunds (&octx, object, &refunded_total, &paid_total);
    }
  g_hash_table_unref (octx.seen_codes);
  codes = g_strv_builder_end (octx.codes);
  g_strv_builder_unref (octx.codes);

  /* v1's subtotal is the items' alone and its shipping total is before
   * taxes, with the taxes of both in the tax total; v2's subtotal includes
   * shipping and its shipping_total taxes: its item_subtotal and
   * shipping_subtotal are v1's. Credit lines are store credit, not gift cards. */
  shipping_member = medusa_json_get_member (object, "shipping_subtotal") != NULL
    ? "shipping_subtotal" : "shipping_total";
  order = g_object_new (MEDUSA_TYPE_ORDER,
                        "id", medusa_json_read_required_string (c, object, owner, "id"),
                        "display-id", (gint64) read_count (c, object, owner, "display_id"),
                        "status", medusa_json_read_string (c, object, owner, "status"),
                        "fulfillment-status", medusa_json_read_string (c, object, owner,
                                                                       "fulfillment_status"),
                        "payment-status", medusa_json_read_string (c, object, owner,
                                                                   "payment_status"),
                        "email", medusa_json_read_string (c, object, owner, "email"),
                        "currency-code", currency_code,
                        "region-id", medusa_json_read_string (c, object, owner, "region_id"),
                        "region-name", medusa_json_read_string (c, region, "the region", "name"),
                        "created-at", created_at,
                        "items", items,
                        "item-count", item_count,
                        "shipping-address", shipping_address,
                        "billing-address", billing_address,
                        "shipping-methods", methods,
                        "fulfillments", fulfillments,
                        "refunds", refunds,
                        "discount-codes", codes,
                        "gift-card-codes", no_gift_cards,
                        "subtotal", read_amount (c, object, owner, "item_subtotal", d),
                        "shipping-total", read_amount (c, object, owner, shipping_member, d),
                        "tax-total", read_amount (c, object, owner, "tax_total", d),
                        "discount-total", read_amount (c, object, owner, "discount_total", d),
                        "credit-total", read_amount (c, object, owner, "credit_line_total",
                                                        d),
                        "refunded-total", refunded_total,
                        "paid-total", paid_total,
                        "total", read_amount (c, object, owner, "total", d),
                        NULL);

  if (c->error != NULL && ctx->error == NULL)
    ctx->error = g_steal_pointer (&c->error);
  g_clear_error (&c->error);

  return order;
}

static JsonNode *
parse_numbers_as_text (GBytes  *body,
                       GError **error)
{
  g_autoptr(GBytes) text = numbers_as_text (body, error);

  return text != NULL ? medusa_json_parse (text, error) : NULL;
}

/* ------------------------------------------------------------------------ */
/* What the offline copy keeps (medusa_json_keep_only()): what the parsers  */
/* above read and Patron shows; amounts as the store wrote them             */

static const MedusaJsonKeep keep_name[] = {
  { "name", NULL }, { NULL, NULL }
};
static const MedusaJsonKeep keep_code[] = {
  { "code", NULL }, { NULL, NULL }
};
static const MedusaJsonKeep keep_address[] = {
  { "id", NULL }, { "company", NULL }, { "first_name", NULL }, { "last_name", NULL },
  { "address_1", NULL }, { "address_2", NULL }, { "city", NULL }, { "country_code", NULL },
  { "province", NULL }, { "postal_code", NULL }, { "phone", NULL },
  { "is_default_billing", NULL },
  { NULL, NULL }
};
static const MedusaJsonKeep keep_shown_customer[] = {
  { "id", NULL }, { "email", NULL }, { "first_name", NULL }, { "last_name", NULL },
  { "phone", NULL }, { "addresses", keep_address },
  { NULL, NULL }
};
const MedusaJsonKeep medusa_json_v2_keep_customer[] = {
  { "customer", keep_shown_customer }, { NULL, NULL }
};
static const MedusaJsonKeep keep_item_detail[] = {
  { "fulfilled_quantity", NULL }, { "shipped_quantity", NULL },
  { "return_received_quantity", NULL },
  { NULL, NULL }
};
static const MedusaJsonKeep keep_line_item[] = {
  { "id", NULL }, { "title", NULL }, { "product_description", NULL }, { "thumbnail", NULL },
  { "variant_title", NULL }, { "variant_sku", NULL }, { "quantity", NULL },
  { "detail", keep_item_detail }, { "unit_price", NULL }, { "subtotal", NULL },
  { "discount_total", NULL }, { "tax_total", NULL }, { "total", NULL },
  { "adjustments", keep_code },
  { NULL, NULL }
};
static const MedusaJsonKeep keep_shipping_method[] = {
  { "id", NULL }, { "name", NULL }, { "amount", NULL }, { "total", NULL },
  { "adjustments", keep_code },
  { NULL, NULL }
};
static const MedusaJsonKeep keep_label[] = {
  { "tracking_number", NULL }, { "tracking_url", NULL }, { NULL, NULL }
};
static const MedusaJsonKeep keep_fulfillment[] = {
  { "id", NULL }, { "created_at", NULL }, { "shipped_at", NULL }, { "canceled_at", NULL },
  { "labels", keep_label },
  { NULL, NULL }
};
static const MedusaJsonKeep keep_refund_reason[] = {
  { "label", NULL }, { NULL, NULL }
};
static const MedusaJsonKeep keep_refund[] = {
  { "id", NULL }, { "amount", NULL }, { "refund_reason", keep_refund_reason },
  { "note", NULL }, { "created_at", NULL },
  { NULL, NULL }
};
static const MedusaJsonKeep keep_payment[] = {
  { "refunds", keep_refund }, { NULL, NULL }
};
static const MedusaJsonKeep keep_payment_collection[] = {
  { "id", NULL }, { "refunded_amount", NULL }, { "captured_amount", NULL },
  { "updated_at", NULL }, { "payments", keep_payment },
  { NULL, NULL }
};
static const MedusaJsonKeep keep_shown_order[] = {
  { "id", NULL }, { "display_id", NULL }, { "status", NULL }, { "fulfillment_status", NULL },
  { "payment_status", NULL }, { "email", NULL }, { "currency_code", NULL },
  { "region", keep_name }, { "created_at", NULL }, { "items", keep_line_item },
  { "shipping_address", keep_address }, { "billing_address", keep_address },
  { "shipping_methods", keep_shipping_method }, { "fulfillments", keep_fulfillment },
  { "payment_collections", keep_payment_collection }, { "item_subtotal", NULL },
  { "shipping_subtotal", NULL }, { "shipping_total", NULL }, { "tax_total", NULL },
  { "discount_total", NULL }, { "credit_line_total", NULL }, { "total", NULL },
  { NULL, NULL }
};
const MedusaJsonKeep medusa_json_v2_keep_order_page[] = {
  { "orders", keep_shown_order }, { "count", NULL }, { "offset", NULL }, { "limit", NULL },
  { NULL, NULL }
};
const MedusaJsonKeep medusa_json_v2_keep_order[] = {
  { "order", keep_shown_order }, { NULL, NULL }
};

/*
 * Before json-glib sees an order list or an order, a pre-pass copies only
 * the members parse_order() reads (medusa_json_slim_down(), as for v1): the
 * tables above, and of a summary even less (nothing shows an order's
 * region_id: it is not read). v2 lists every item of every
 * order in full whatever the fields asked for, ≈ 3.5 KB an item, and a page
 * of 50 orders of 10 items each (1.8 MB) was more than Patron takes apart:
 * such a customer's orders did not load at all.
 */
static const MedusaJsonKeep keep_quantity[] = {
  { "quantity", NULL }, { NULL, NULL }
};
static const MedusaJsonKeep keep_summary[] = {
  { "id", NULL }, { "display_id", NULL }, { "status", NULL }, { "fulfillment_status", NULL },
  { "payment_status", NULL }, { "email", NULL }, { "currency_code", NULL },
  { "region", keep_name }, { "created_at", NULL }, { "items", keep_quantity }, { "item_subtotal", NULL }, { "shipping_subtotal", NULL },
  { "shipping_total", NULL }, { "tax_total", NULL }, { "discount_total", NULL },
  { "credit_line_total", NULL }, { "total", NULL },
  { NULL, NULL }
};
static const MedusaJsonKeep keep_summary_page[] = {
  { "orders", keep_summary }, { "count", NULL }, { "offset", NULL }, { "limit", NULL },
  { NULL, NULL }
};

/* @body, what @keep names of it, then with its numbers as text */
static JsonNode *
parse_slimmed (GBytes               *body,
               const MedusaJsonKeep *keep,
               GError              **error)
{
  g_autoptr(GBytes) slim = medusa_json_slim_body (body, keep);

  return parse_numbers_as_text (slim, error);
}

/* `{"orders": […], "count": n, "offset": n, "limit": n}` */
static MedusaOrderPage *
parse_order_page (GBytes    *body,
                  gboolean   summary,
                  GError   **error)
{
  g_autoptr(JsonNode) root = parse_slimmed (body, summary ? keep_summary_page
                                                          : medusa_json_v2_keep_order_page,
                                            error);

  if (root == NULL)
    return NULL;

  return medusa_json_read_order_page (json_node_get_object (root), summary, parse_order,
                                      read_count, error);
}

/**
 * medusa_json_v2_parse_order_page:
 *
 * Parses `{"orders": […], "count": n, "offset": n, "limit": n}`: whole
 * orders.
 *
 * Returns: (transfer full) (nullable): the page
 */
MedusaOrderPage *
medusa_json_v2_parse_order_page (GBytes  *body,
                                 GError **error)
{
  return parse_order_page (body, FALSE, error);
}

/**
 * medusa_json_v2_parse_order_summaries:
 *
 * Parses the same page as medusa_json_v2_parse_order_page(), into
 * summaries: orders with what a list shows of them, their items counted
 * but not listed (#MedusaOrder:item-count).
 *
 * Returns: (transfer full) (nullable): the page
 */
MedusaOrderPage *
medusa_json_v2_parse_order_summaries (GBytes  *body,
                                      GError **error)
{
  return parse_order_page (body, TRUE, error);
}

/**
 * medusa_json_v2_parse_order:
 *
 * Parses `{"order": {…}}`.
 *
 * Returns: (transfer full) (nullable): the order
 */
MedusaOrder *
medusa_json_v2_parse_order (GBytes  *body,
                            GError **error)
{
  g_autoptr(JsonNode) root = parse_slimmed (body, medusa_json_v2_keep_order, error);
  g_autoptr(MedusaOrder) order = NULL;
  MedusaJsonContext ctx = { NULL };
  JsonObject *object;

  if (root == NULL)
    return NULL;

  object = read_object (&ctx, json_node_get_object (root), "the answer", "order");
  if (object == NULL)
    medusa_json_fail (&ctx, "the answer", "order", "an order");
  else
    order = parse_order (&ctx, object);

  if (!medusa_json_finish (&ctx, error))
    return NULL;

  return g_steal_pointer (&order);
}

/* ------------------------------------------------------------------------ */
/* Regions                                                                  */

static gpointer
parse_country (MedusaJsonContext *ctx,
               JsonObject        *object)
{
  const char *owner = "a country";
  const char *num_code = medusa_json_read_string (ctx, object, owner, "num_code");
  guint64 number = 0;

  /* v2 sends the numeric code as text, "840" */
  if (num_code != NULL &&
      !g_ascii_string_to_unsigned (num_code, 10, 0, 999, &number, NULL))
    medusa_json_fail (ctx, owner, "num_code", "a numeric country code");

  return g_object_new (MEDUSA_TYPE_COUNTRY,
                       "iso-2", medusa_json_read_required_string (ctx, object, owner, "iso_2"),
                       "iso-3", medusa_json_read_string (ctx, object, owner, "iso_3"),
                       "name", medusa_json_read_string (ctx, object, owner, "name"),
                       "display-name", medusa_json_read_string (ctx, object, owner,
                                                                "display_name"),
                       "num-code", (int) number,
                       NULL);
}

static gpointer
parse_region (MedusaJsonContext *ctx,
              JsonObject        *object)
{
  const char *owner = "a region";
  g_autoptr(GListStore) countries = medusa_json_read_object_list (ctx, object, owner,
                                                                  "countries",
                                                                  MEDUSA_JSON_MAX_COUNTRIES,
                                                                  MEDUSA_TYPE_COUNTRY,
                                                                  parse_country);

  /* v2 keeps tax rates in tax regions, not on the region */
  return g_object_new (MEDUSA_TYPE_REGION,
                       "id", medusa_json_read_required_string (ctx, object, owner, "id"),
                       "name", medusa_json_read_string (ctx, object, owner, "name"),
                       "currency-code", medusa_json_read_string (ctx, object, owner,
                                                                 "currency_code"),
                       "countries", countries,
                       NULL);
}

/**
 * medusa_json_v2_parse_regions:
 *
 * Parses `{"regions": […], "count": n, …}`.
 *
 * Returns: (transfer full) (nullable): a #GListModel of #MedusaRegion
 */
GListModel *
medusa_json_v2_parse_regions (GBytes  *body,
                              GError **error)
{
  return medusa_json_read_regions (body, parse_region, error);
}
