/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-line-item.h"

/**
 * MedusaLineItem:
 *
 * One line of an order: a product variant and how many of it. Amounts are in the
 * minor unit of the order's currency.
 */

struct _MedusaLineItem
{
  GObject parent_instance;

  char   *id;
  char   *title;
  char   *description;
  char   *thumbnail;
  char   *variant_title;
  char   *variant_sku;
  int     quantity;
  int     fulfilled_quantity;
  int     shipped_quantity;
  int     returned_quantity;
  gint64  unit_price;
  gint64  subtotal;
  gint64  discount_total;
  gint64  tax_total;
  gint64  total;
};

G_DEFINE_FINAL_TYPE (MedusaLineItem, medusa_line_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_THUMBNAIL,
  PROP_VARIANT_TITLE,
  PROP_VARIANT_SKU,
  PROP_QUANTITY,
  PROP_FULFILLED_QUANTITY,
  PROP_SHIPPED_QUANTITY,
  PROP_RETURNED_QUANTITY,
  PROP_UNIT_PRICE,
  PROP_SUBTOTAL,
  PROP_DISCOUNT_TOTAL,
  PROP_TAX_TOTAL,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_line_item_finalize (GObject *object)
{
  MedusaLineItem *self = (MedusaLineItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->thumbnail, g_free);
  g_clear_pointer (&self->variant_title, g_free);
  g_clear_pointer (&self->variant_sku, g_free);

  G_OBJECT_CLASS (medusa_line_item_parent_class)->finalize (object);
}

static void
medusa_line_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MedusaLineItem *self = MEDUSA_LINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_THUMBNAIL:
      g_value_set_string (value, self->thumbnail);
      break;

    case PROP_VARIANT_TITLE:
      g_value_set_string (value, self->variant_title);
      break;

    case PROP_VARIANT_SKU:
      g_value_set_string (value, self->variant_sku);
      break;

    case PROP_QUANTITY:
      g_value_set_int (value, self->quantity);
      break;

    case PROP_FULFILLED_QUANTITY:
      g_value_set_int (value, self->fulfilled_quantity);
      break;

    case PROP_SHIPPED_QUANTITY:
      g_value_set_int (value, self->shipped_quantity);
      break;

    case PROP_RETURNED_QUANTITY:
      g_value_set_int (value, self->returned_quantity);
      break;

    case PROP_UNIT_PRICE:
      g_value_set_int64 (value, self->unit_price);
      break;

    case PROP_SUBTOTAL:
      g_value_set_int64 (value, self->subtotal);
      break;

    case PROP_DISCOUNT_TOTAL:
      g_value_set_int64 (value, self->discount_total);
      break;

    case PROP_TAX_TOTAL:
      g_value_set_int64 (value, self->tax_total);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_line_item_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MedusaLineItem *self = MEDUSA_LINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;

    case PROP_THUMBNAIL:
      self->thumbnail = g_value_dup_string (value);
      break;

    case PROP_VARIANT_TITLE:
      self->variant_title = g_value_dup_string (value);
      break;

    case PROP_VARIANT_SKU:
      self->variant_sku = g_value_dup_string (value);
      break;

    case PROP_QUANTITY:
      self->quantity = g_value_get_int (value);
      break;

    case PROP_FULFILLED_QUANTITY:
      self->fulfilled_quantity = g_value_get_int (value);
      break;

    case PROP_SHIPPED_QUANTITY:
      self->shipped_quantity = g_value_get_int (value);
      break;

    case PROP_RETURNED_QUANTITY:
      self->returned_quantity = g_value_get_int (value);
      break;

    case PROP_UNIT_PRICE:
      self->unit_price = g_value_get_int64 (value);
      break;

    case PROP_SUBTOTAL:
      self->subtotal = g_value_get_int64 (value);
      break;

    case PROP_DISCOUNT_TOTAL:
      self->discount_total = g_value_get_int64 (value);
      break;

    case PROP_TAX_TOTAL:
      self->tax_total = g_value_get_int64 (value);
      break;

    case PROP_TOTAL:
      self->total = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_line_item_class_init (MedusaLineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_line_item_finalize;
  object_class->get_property = medusa_line_item_get_property;
  object_class->set_property = medusa_line_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_THUMBNAIL] =
    g_param_spec_string ("thumbnail", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VARIANT_TITLE] =
    g_param_spec_string ("variant-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VARIANT_SKU] =
    g_param_spec_string ("variant-sku", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUANTITY] =
    g_param_spec_int ("quantity", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FULFILLED_QUANTITY] =
    g_param_spec_int ("fulfilled-quantity", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHIPPED_QUANTITY] =
    g_param_spec_int ("shipped-quantity", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RETURNED_QUANTITY] =
    g_param_spec_int ("returned-quantity", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UNIT_PRICE] =
    g_param_spec_int64 ("unit-price", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBTOTAL] =
    g_param_spec_int64 ("subtotal", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISCOUNT_TOTAL] =
    g_param_spec_int64 ("discount-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAX_TOTAL] =
    g_param_spec_int64 ("tax-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_line_item_init (MedusaLineItem *self)
{
}

const char *
medusa_line_item_get_id (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);

  return self->id;
}

const char *
medusa_line_item_get_title (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);

  return self->title;
}

const char *
medusa_line_item_get_description (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);

  return self->description;
}

const char *
medusa_line_item_get_thumbnail (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);

  return self->thumbnail;
}

const char *
medusa_line_item_get_variant_title (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);

  return self->variant_title;
}

const char *
medusa_line_item_get_variant_sku (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);

  return self->variant_sku;
}

int
medusa_line_item_get_quantity (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->quantity;
}

int
medusa_line_item_get_fulfilled_quantity (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->fulfilled_quantity;
}

int
medusa_line_item_get_shipped_quantity (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->shipped_quantity;
}

int
medusa_line_item_get_returned_quantity (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->returned_quantity;
}

gint64
medusa_line_item_get_unit_price (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->unit_price;
}

gint64
medusa_line_item_get_subtotal (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->subtotal;
}

gint64
medusa_line_item_get_discount_total (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->discount_total;
}

gint64
medusa_line_item_get_tax_total (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->tax_total;
}

gint64
medusa_line_item_get_total (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);

  return self->total;
}
