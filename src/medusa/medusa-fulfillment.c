/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-fulfillment.h"
#include "medusa-tracking-link.h"

/**
 * MedusaFulfillment:
 *
 * A shipment of some of an order's items.
 */

struct _MedusaFulfillment
{
  GObject     parent_instance;

  char       *id;
  GDateTime  *created_at;
  GDateTime  *shipped_at;
  GDateTime  *canceled_at;
  char      **tracking_numbers;
  GListModel *tracking_links;
};

G_DEFINE_FINAL_TYPE (MedusaFulfillment, medusa_fulfillment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_SHIPPED_AT,
  PROP_CANCELED_AT,
  PROP_TRACKING_NUMBERS,
  PROP_TRACKING_LINKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
medusa_fulfillment_constructed (GObject *object)
{
  MedusaFulfillment *self = (MedusaFulfillment *)object;

  G_OBJECT_CLASS (medusa_fulfillment_parent_class)->constructed (object);

  /* The getters never return NULL for a list: no list is an empty one */
  if (self->tracking_links == NULL)
    self->tracking_links = G_LIST_MODEL (g_list_store_new (MEDUSA_TYPE_TRACKING_LINK));
}

static void
medusa_fulfillment_dispose (GObject *object)
{
  MedusaFulfillment *self = (MedusaFulfillment *)object;

  g_clear_object (&self->tracking_links);

  G_OBJECT_CLASS (medusa_fulfillment_parent_class)->dispose (object);
}

static void
medusa_fulfillment_finalize (GObject *object)
{
  MedusaFulfillment *self = (MedusaFulfillment *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->shipped_at, g_date_time_unref);
  g_clear_pointer (&self->canceled_at, g_date_time_unref);
  g_clear_pointer (&self->tracking_numbers, g_strfreev);

  G_OBJECT_CLASS (medusa_fulfillment_parent_class)->finalize (object);
}

static void
medusa_fulfillment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MedusaFulfillment *self = MEDUSA_FULFILLMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_SHIPPED_AT:
      g_value_set_boxed (value, self->shipped_at);
      break;

    case PROP_CANCELED_AT:
      g_value_set_boxed (value, self->canceled_at);
      break;

    case PROP_TRACKING_NUMBERS:
      g_value_set_boxed (value, self->tracking_numbers);
      break;

    case PROP_TRACKING_LINKS:
      g_value_set_object (value, self->tracking_links);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_fulfillment_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MedusaFulfillment *self = MEDUSA_FULFILLMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;

    case PROP_SHIPPED_AT:
      self->shipped_at = g_value_dup_boxed (value);
      break;

    case PROP_CANCELED_AT:
      self->canceled_at = g_value_dup_boxed (value);
      break;

    case PROP_TRACKING_NUMBERS:
      self->tracking_numbers = g_value_dup_boxed (value);
      break;

    case PROP_TRACKING_LINKS:
      self->tracking_links = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_fulfillment_class_init (MedusaFulfillmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_fulfillment_constructed;
  object_class->dispose = medusa_fulfillment_dispose;
  object_class->finalize = medusa_fulfillment_finalize;
  object_class->get_property = medusa_fulfillment_get_property;
  object_class->set_property = medusa_fulfillment_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHIPPED_AT] =
    g_param_spec_boxed ("shipped-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CANCELED_AT] =
    g_param_spec_boxed ("canceled-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRACKING_NUMBERS] =
    g_param_spec_boxed ("tracking-numbers", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRACKING_LINKS] =
    g_param_spec_object ("tracking-links", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_fulfillment_init (MedusaFulfillment *self)
{
}

const char *
medusa_fulfillment_get_id (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);

  return self->id;
}

GDateTime *
medusa_fulfillment_get_created_at (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);

  return self->created_at;
}

GDateTime *
medusa_fulfillment_get_shipped_at (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);

  return self->shipped_at;
}

GDateTime *
medusa_fulfillment_get_canceled_at (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);

  return self->canceled_at;
}

const char * const *
medusa_fulfillment_get_tracking_numbers (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);

  if (self->tracking_numbers == NULL)
    return empty_strv;

  return (const char * const *) self->tracking_numbers;
}

GListModel *
medusa_fulfillment_get_tracking_links (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);

  return self->tracking_links;
}
