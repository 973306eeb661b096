/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-order-page.h"
#include "medusa-order.h"

/**
 * MedusaOrderPage:
 *
 * One page of the customer's orders: #MedusaOrderPage:count is how many there are
 * in all, #MedusaOrderPage:offset where this page starts.
 */

struct _MedusaOrderPage
{
  GObject     parent_instance;

  GListModel *orders;
  guint       count;
  guint       offset;
  guint       limit;
};

G_DEFINE_FINAL_TYPE (MedusaOrderPage, medusa_order_page, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORDERS,
  PROP_COUNT,
  PROP_OFFSET,
  PROP_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_order_page_constructed (GObject *object)
{
  MedusaOrderPage *self = (MedusaOrderPage *)object;

  G_OBJECT_CLASS (medusa_order_page_parent_class)->constructed (object);

  /* The getters never return NULL for a list: no list is an empty one */
  if (self->orders == NULL)
    self->orders = G_LIST_MODEL (g_list_store_new (MEDUSA_TYPE_ORDER));
}

static void
medusa_order_page_dispose (GObject *object)
{
  MedusaOrderPage *self = (MedusaOrderPage *)object;

  g_clear_object (&self->orders);

  G_OBJECT_CLASS (medusa_order_page_parent_class)->dispose (object);
}

static void
medusa_order_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MedusaOrderPage *self = MEDUSA_ORDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_ORDERS:
      g_value_set_object (value, self->orders);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_OFFSET:
      g_value_set_uint (value, self->offset);
      break;

    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MedusaOrderPage *self = MEDUSA_ORDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_ORDERS:
      self->orders = g_value_dup_object (value);
      break;

    case PROP_COUNT:
      self->count = g_value_get_uint (value);
      break;

    case PROP_OFFSET:
      self->offset = g_value_get_uint (value);
      break;

    case PROP_LIMIT:
      self->limit = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_page_class_init (MedusaOrderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_order_page_constructed;
  object_class->dispose = medusa_order_page_dispose;
  object_class->get_property = medusa_order_page_get_property;
  object_class->set_property = medusa_order_page_set_property;

  properties[PROP_ORDERS] =
    g_param_spec_object ("orders", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OFFSET] =
    g_param_spec_uint ("offset", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_order_page_init (MedusaOrderPage *self)
{
}

GListModel *
medusa_order_page_get_orders (MedusaOrderPage *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_PAGE (self), NULL);

  return self->orders;
}

guint
medusa_order_page_get_count (MedusaOrderPage *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_PAGE (self), 0);

  return self->count;
}

guint
medusa_order_page_get_offset (MedusaOrderPage *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_PAGE (self), 0);

  return self->offset;
}

guint
medusa_order_page_get_limit (MedusaOrderPage *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_PAGE (self), 0);

  return self->limit;
}
