/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-order.h"
#include "medusa-fulfillment.h"
#include "medusa-line-item.h"
#include "medusa-refund.h"
#include "medusa-shipping-method.h"

/**
 * MedusaOrder:
 *
 * An order of the customer's, as the store last described it. Amounts are
 * integers in the minor unit of #MedusaOrder:currency-code.
 *
 * An order of a page asked for as a summary (%MEDUSA_ORDER_DETAIL_SUMMARY,
 * what a list of orders shows) has only what a row shows: its items are
 * counted, not listed, and it has no addresses, shipping methods,
 * fulfillments or refunds. medusa_client_get_order_async() gives the whole
 * order.
 */

struct _MedusaOrder
{
  GObject        parent_instance;

  char          *id;
  char          *email;
  /* a store has few of these: shared by its thousands of orders, as
   * GRefStrings interned while an order holds them (a store that sends a
   * new one with every order costs no more than copies, and nothing
   * outlives the orders) */
  char          *status;
  char          *fulfillment_status;
  char          *payment_status;
  char          *currency_code;
  char          *region_id;
  char          *region_name;
  gint64         display_id;
  GDateTime     *created_at;
  GListModel    *items;
  guint          item_count;   /* a summary's, which lists no items */
  MedusaAddress *shipping_address;
  MedusaAddress *billing_address;
  GListModel    *shipping_methods;
  GListModel    *fulfillments;
  GListModel    *refunds;
  char         **discount_codes;
  char         **gift_card_codes;
  gint64         subtotal;
  gint64         shipping_total;
  gint64         tax_total;
  gint64         discount_total;
  gint64         gift_card_total;
  gint64         credit_total;
  gint64         refunded_total;
  gint64         paid_total;
  gint64         total;
};

G_DEFINE_FINAL_TYPE (MedusaOrder, medusa_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_FULFILLMENT_STATUS,
  PROP_PAYMENT_STATUS,
  PROP_EMAIL,
  PROP_CURRENCY_CODE,
  PROP_REGION_ID,
  PROP_REGION_NAME,
  PROP_DISPLAY_ID,
  PROP_CREATED_AT,
  PROP_ITEMS,
  PROP_ITEM_COUNT,
  PROP_SHIPPING_ADDRESS,
  PROP_BILLING_ADDRESS,
  PROP_SHIPPING_METHODS,
  PROP_FULFILLMENTS,
  PROP_REFUNDS,
  PROP_DISCOUNT_CODES,
  PROP_GIFT_CARD_CODES,
  PROP_SUBTOTAL,
  PROP_SHIPPING_TOTAL,
  PROP_TAX_TOTAL,
  PROP_DISCOUNT_TOTAL,
  PROP_GIFT_CARD_TOTAL,
  PROP_CREDIT_TOTAL,
  PROP_REFUNDED_TOTAL,
  PROP_PAID_TOTAL,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

/* Most orders have no discount and no gift card: an empty list is kept as
 * NULL (the getters give empty_strv), not as an allocation per order. */
static char **
dup_strv_or_null (const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return NULL;

  return g_strdupv ((char **) strv);
}

static void
medusa_order_constructed (GObject *object)
{
  MedusaOrder *self = (MedusaOrder *)object;

  G_OBJECT_CLASS (medusa_order_parent_class)->constructed (object);

  /* The getters never return NULL for a list: no list is an empty one */
  if (self->items == NULL)
    self->items = G_LIST_MODEL (g_list_store_new (MEDUSA_TYPE_LINE_ITEM));
  if (self->shipping_methods == NULL)
    self->shipping_methods = G_LIST_MODEL (g_list_store_new (MEDUSA_TYPE_SHIPPING_METHOD));
  if (self->fulfillments == NULL)
    self->fulfillments = G_LIST_MODEL (g_list_store_new (MEDUSA_TYPE_FULFILLMENT));
  if (self->refunds == NULL)
    self->refunds = G_LIST_MODEL (g_list_store_new (MEDUSA_TYPE_REFUND));
}

static void
medusa_order_dispose (GObject *object)
{
  MedusaOrder *self = (MedusaOrder *)object;

  g_clear_object (&self->items);
  g_clear_object (&self->shipping_address);
  g_clear_object (&self->billing_address);
  g_clear_object (&self->shipping_methods);
  g_clear_object (&self->fulfillments);
  g_clear_object (&self->refunds);

  G_OBJECT_CLASS (medusa_order_parent_class)->dispose (object);
}

static void
medusa_order_finalize (GObject *object)
{
  MedusaOrder *self = (MedusaOrder *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->discount_codes, g_strfreev);
  g_clear_pointer (&self->gift_card_codes, g_strfreev);
  g_clear_pointer (&self->status, g_ref_string_release);
  g_clear_pointer (&self->fulfillment_status, g_ref_string_release);
  g_clear_pointer (&self->payment_status, g_ref_string_release);
  g_clear_pointer (&self->currency_code, g_ref_string_release);
  g_clear_pointer (&self->region_id, g_ref_string_release);
  g_clear_pointer (&self->region_name, g_ref_string_release);

  G_OBJECT_CLASS (medusa_order_parent_class)->finalize (object);
}

/* @field holds @value, the copy shared by every order that has it */
static void
set_shared (char       **field,
            const char  *value)
{
  g_clear_pointer (field, g_ref_string_release);
  if (value != NULL)
    *field = g_ref_string_new_intern (value);
}

static void
medusa_order_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MedusaOrder *self = MEDUSA_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_FULFILLMENT_STATUS:
      g_value_set_string (value, self->fulfillment_status);
      break;

    case PROP_PAYMENT_STATUS:
      g_value_set_string (value, self->payment_status);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_CURRENCY_CODE:
      g_value_set_string (value, self->currency_code);
      break;

    case PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;

    case PROP_REGION_NAME:
      g_value_set_string (value, self->region_name);
      break;

    case PROP_DISPLAY_ID:
      g_value_set_int64 (value, self->display_id);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;

    case PROP_ITEM_COUNT:
      g_value_set_uint (value, medusa_order_get_item_count (self));
      break;

    case PROP_SHIPPING_ADDRESS:
      g_value_set_object (value, self->shipping_address);
      break;

    case PROP_BILLING_ADDRESS:
      g_value_set_object (value, self->billing_address);
      break;

    case PROP_SHIPPING_METHODS:
      g_value_set_object (value, self->shipping_methods);
      break;

    case PROP_FULFILLMENTS:
      g_value_set_object (value, self->fulfillments);
      break;

    case PROP_REFUNDS:
      g_value_set_object (value, self->refunds);
      break;

    case PROP_DISCOUNT_CODES:
      g_value_set_boxed (value, medusa_order_get_discount_codes (self));
      break;

    case PROP_GIFT_CARD_CODES:
      g_value_set_boxed (value, medusa_order_get_gift_card_codes (self));
      break;

    case PROP_SUBTOTAL:
      g_value_set_int64 (value, self->subtotal);
      break;

    case PROP_SHIPPING_TOTAL:
      g_value_set_int64 (value, self->shipping_total);
      break;

    case PROP_TAX_TOTAL:
      g_value_set_int64 (value, self->tax_total);
      break;

    case PROP_DISCOUNT_TOTAL:
      g_value_set_int64 (value, self->discount_total);
      break;

    case PROP_GIFT_CARD_TOTAL:
      g_value_set_int64 (value, self->gift_card_total);
      break;

    case PROP_CREDIT_TOTAL:
      g_value_set_int64 (value, self->credit_total);
      break;

    case PROP_REFUNDED_TOTAL:
      g_value_set_int64 (value, self->refunded_total);
      break;

    case PROP_PAID_TOTAL:
      g_value_set_int64 (value, self->paid_total);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MedusaOrder *self = MEDUSA_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      set_shared (&self->status, g_value_get_string (value));
      break;

    case PROP_FULFILLMENT_STATUS:
      set_shared (&self->fulfillment_status, g_value_get_string (value));
      break;

    case PROP_PAYMENT_STATUS:
      set_shared (&self->payment_status, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      self->email = g_value_dup_string (value);
      break;

    case PROP_CURRENCY_CODE:
      set_shared (&self->currency_code, g_value_get_string (value));
      break;

    case PROP_REGION_ID:
      set_shared (&self->region_id, g_value_get_string (value));
      break;

    case PROP_REGION_NAME:
      set_shared (&self->region_name, g_value_get_string (value));
      break;

    case PROP_DISPLAY_ID:
      self->display_id = g_value_get_int64 (value);
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;

    case PROP_ITEMS:
      self->items = g_value_dup_object (value);
      break;

    case PROP_ITEM_COUNT:
      self->item_count = g_value_get_uint (value);
      break;

    case PROP_SHIPPING_ADDRESS:
      self->shipping_address = g_value_dup_object (value);
      break;

    case PROP_BILLING_ADDRESS:
      self->billing_address = g_value_dup_object (value);
      break;

    case PROP_SHIPPING_METHODS:
      self->shipping_methods = g_value_dup_object (value);
      break;

    case PROP_FULFILLMENTS:
      self->fulfillments = g_value_dup_object (value);
      break;

    case PROP_REFUNDS:
      self->refunds = g_value_dup_object (value);
      break;

    case PROP_DISCOUNT_CODES:
      self->discount_codes = dup_strv_or_null (g_value_get_boxed (value));
      break;

    case PROP_GIFT_CARD_CODES:
      self->gift_card_codes = dup_strv_or_null (g_value_get_boxed (value));
      break;

    case PROP_SUBTOTAL:
      self->subtotal = g_value_get_int64 (value);
      break;

    case PROP_SHIPPING_TOTAL:
      self->shipping_total = g_value_get_int64 (value);
      break;

    case PROP_TAX_TOTAL:
      self->tax_total = g_value_get_int64 (value);
      break;

    case PROP_DISCOUNT_TOTAL:
      self->discount_total = g_value_get_int64 (value);
      break;

    case PROP_GIFT_CARD_TOTAL:
      self->gift_card_total = g_value_get_int64 (value);
      break;

    case PROP_CREDIT_TOTAL:
      self->credit_total = g_value_get_int64 (value);
      break;

    case PROP_REFUNDED_TOTAL:
      self->refunded_total = g_value_get_int64 (value);
      break;

    case PROP_PAID_TOTAL:
      self->paid_total = g_value_get_int64 (value);
      break;

    case PROP_TOTAL:
      self->total = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_class_init (MedusaOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_order_constructed;
  object_class->dispose = medusa_order_dispose;
  object_class->finalize = medusa_order_finalize;
  object_class->get_property = medusa_order_get_property;
  object_class->set_property = medusa_order_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FULFILLMENT_STATUS] =
    g_param_spec_string ("fulfillment-status", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PAYMENT_STATUS] =
    g_param_spec_string ("payment-status", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CURRENCY_CODE] =
    g_param_spec_string ("currency-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REGION_ID] =
    g_param_spec_string ("region-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REGION_NAME] =
    g_param_spec_string ("region-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_ID] =
    g_param_spec_int64 ("display-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrder:item-count:
   *
   * How many things were ordered (medusa_order_get_item_count()). Set only
   * for a summary, an order of a list page, which counts its items without
   * listing them: the count of an order with #MedusaOrder:items is theirs.
   */
  properties[PROP_ITEM_COUNT] =
    g_param_spec_uint ("item-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHIPPING_ADDRESS] =
    g_param_spec_object ("shipping-address", NULL, NULL,
                         MEDUSA_TYPE_ADDRESS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BILLING_ADDRESS] =
    g_param_spec_object ("billing-address", NULL, NULL,
                         MEDUSA_TYPE_ADDRESS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHIPPING_METHODS] =
    g_param_spec_object ("shipping-methods", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FULFILLMENTS] =
    g_param_spec_object ("fulfillments", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REFUNDS] =
    g_param_spec_object ("refunds", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISCOUNT_CODES] =
    g_param_spec_boxed ("discount-codes", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GIFT_CARD_CODES] =
    g_param_spec_boxed ("gift-card-codes", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBTOTAL] =
    g_param_spec_int64 ("subtotal", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHIPPING_TOTAL] =
    g_param_spec_int64 ("shipping-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAX_TOTAL] =
    g_param_spec_int64 ("tax-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISCOUNT_TOTAL] =
    g_param_spec_int64 ("discount-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GIFT_CARD_TOTAL] =
    g_param_spec_int64 ("gift-card-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrder:credit-total:
   *
   * What store credit paid (v2's credit lines), in the smallest unit.
   */
  properties[PROP_CREDIT_TOTAL] =
    g_param_spec_int64 ("credit-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REFUNDED_TOTAL] =
    g_param_spec_int64 ("refunded-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PAID_TOTAL] =
    g_param_spec_int64 ("paid-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_order_init (MedusaOrder *self)
{
}

const char *
medusa_order_get_id (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->id;
}

const char *
medusa_order_get_status (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->status;
}

const char *
medusa_order_get_fulfillment_status (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->fulfillment_status;
}

const char *
medusa_order_get_payment_status (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->payment_status;
}

const char *
medusa_order_get_email (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->email;
}

const char *
medusa_order_get_currency_code (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->currency_code;
}

const char *
medusa_order_get_region_id (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->region_id;
}

const char *
medusa_order_get_region_name (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->region_name;
}

gint64
medusa_order_get_display_id (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->display_id;
}

GDateTime *
medusa_order_get_created_at (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->created_at;
}

GListModel *
medusa_order_get_items (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->items;
}

MedusaAddress *
medusa_order_get_shipping_address (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->shipping_address;
}

MedusaAddress *
medusa_order_get_billing_address (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->billing_address;
}

GListModel *
medusa_order_get_shipping_methods (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->shipping_methods;
}

GListModel *
medusa_order_get_fulfillments (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->fulfillments;
}

/**
 * medusa_order_get_refunds:
 *
 * Returns: (transfer none): the #MedusaRefund<!-- -->s of the order, as the
 *   store lists them; empty when it did not (Medusa v1 lists them in
 *   `GET /store/customers/me/orders` only)
 */
GListModel *
medusa_order_get_refunds (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  return self->refunds;
}

const char * const *
medusa_order_get_discount_codes (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  if (self->discount_codes == NULL)
    return empty_strv;

  return (const char * const *) self->discount_codes;
}

const char * const *
medusa_order_get_gift_card_codes (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  if (self->gift_card_codes == NULL)
    return empty_strv;

  return (const char * const *) self->gift_card_codes;
}

gint64
medusa_order_get_subtotal (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->subtotal;
}

gint64
medusa_order_get_shipping_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->shipping_total;
}

gint64
medusa_order_get_tax_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->tax_total;
}

gint64
medusa_order_get_discount_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->discount_total;
}

gint64
medusa_order_get_gift_card_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->gift_card_total;
}

gint64
medusa_order_get_credit_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->credit_total;
}

gint64
medusa_order_get_refunded_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->refunded_total;
}

gint64
medusa_order_get_paid_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->paid_total;
}

gint64
medusa_order_get_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  return self->total;
}

/**
 * medusa_order_get_item_count:
 *
 * Returns: how many things were ordered: the items' quantities added up,
 *   %G_MAXUINT at most; for a summary, which lists no items, the count it
 *   was given (#MedusaOrder:item-count)
 */
guint
medusa_order_get_item_count (MedusaOrder *self)
{
  guint n_items;
  guint count = 0;

  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);

  n_items = g_list_model_get_n_items (self->items);
  if (n_items == 0)
    return self->item_count;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->items, i);
      guint quantity;

      if (!MEDUSA_IS_LINE_ITEM (item))
        continue;

      /* The property's minimum is 0, so the cast keeps the value */
      quantity = (guint) medusa_line_item_get_quantity (MEDUSA_LINE_ITEM (item));
      count = quantity > G_MAXUINT - count ? G_MAXUINT : count + quantity;
    }

  return count;
}
