/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-shipping-method.h"

/**
 * MedusaShippingMethod:
 *
 * How an order is shipped, and what that costs in the minor unit of its currency.
 */

struct _MedusaShippingMethod
{
  GObject parent_instance;

  char   *id;
  char   *name;
  gint64  price;
  gint64  total;
};

G_DEFINE_FINAL_TYPE (MedusaShippingMethod, medusa_shipping_method, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PRICE,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_shipping_method_finalize (GObject *object)
{
  MedusaShippingMethod *self = (MedusaShippingMethod *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (medusa_shipping_method_parent_class)->finalize (object);
}

static void
medusa_shipping_method_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MedusaShippingMethod *self = MEDUSA_SHIPPING_METHOD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PRICE:
      g_value_set_int64 (value, self->price);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_shipping_method_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MedusaShippingMethod *self = MEDUSA_SHIPPING_METHOD (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_PRICE:
      self->price = g_value_get_int64 (value);
      break;

    case PROP_TOTAL:
      self->total = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_shipping_method_class_init (MedusaShippingMethodClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_shipping_method_finalize;
  object_class->get_property = medusa_shipping_method_get_property;
  object_class->set_property = medusa_shipping_method_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRICE] =
    g_param_spec_int64 ("price", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_shipping_method_init (MedusaShippingMethod *self)
{
}

const char *
medusa_shipping_method_get_id (MedusaShippingMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_SHIPPING_METHOD (self), NULL);

  return self->id;
}

const char *
medusa_shipping_method_get_name (MedusaShippingMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_SHIPPING_METHOD (self), NULL);

  return self->name;
}

gint64
medusa_shipping_method_get_price (MedusaShippingMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_SHIPPING_METHOD (self), 0);

  return self->price;
}

gint64
medusa_shipping_method_get_total (MedusaShippingMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_SHIPPING_METHOD (self), 0);

  return self->total;
}
