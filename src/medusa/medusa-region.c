/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-region.h"

/**
 * MedusaRegion:
 *
 * A region of the store: its currency, its tax rate and the countries in it.
 */

struct _MedusaRegion
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *currency_code;
  double      tax_rate;
  GListModel *countries;
};

G_DEFINE_FINAL_TYPE (MedusaRegion, medusa_region, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CURRENCY_CODE,
  PROP_TAX_RATE,
  PROP_COUNTRIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_region_constructed (GObject *object)
{
  MedusaRegion *self = (MedusaRegion *)object;

  G_OBJECT_CLASS (medusa_region_parent_class)->constructed (object);

  /* The getters never return NULL for a list: no list is an empty one */
  if (self->countries == NULL)
    self->countries = G_LIST_MODEL (g_list_store_new (MEDUSA_TYPE_COUNTRY));
}

static void
medusa_region_dispose (GObject *object)
{
  MedusaRegion *self = (MedusaRegion *)object;

  g_clear_object (&self->countries);

  G_OBJECT_CLASS (medusa_region_parent_class)->dispose (object);
}

static void
medusa_region_finalize (GObject *object)
{
  MedusaRegion *self = (MedusaRegion *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->currency_code, g_free);

  G_OBJECT_CLASS (medusa_region_parent_class)->finalize (object);
}

static void
medusa_region_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MedusaRegion *self = MEDUSA_REGION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CURRENCY_CODE:
      g_value_set_string (value, self->currency_code);
      break;

    case PROP_TAX_RATE:
      g_value_set_double (value, self->tax_rate);
      break;

    case PROP_COUNTRIES:
      g_value_set_object (value, self->countries);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_region_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MedusaRegion *self = MEDUSA_REGION (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_CURRENCY_CODE:
      self->currency_code = g_value_dup_string (value);
      break;

    case PROP_TAX_RATE:
      self->tax_rate = g_value_get_double (value);
      break;

    case PROP_COUNTRIES:
      self->countries = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_region_class_init (MedusaRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_region_constructed;
  object_class->dispose = medusa_region_dispose;
  object_class->finalize = medusa_region_finalize;
  object_class->get_property = medusa_region_get_property;
  object_class->set_property = medusa_region_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CURRENCY_CODE] =
    g_param_spec_string ("currency-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAX_RATE] =
    g_param_spec_double ("tax-rate", NULL, NULL,
                         0.0, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNTRIES] =
    g_param_spec_object ("countries", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_region_init (MedusaRegion *self)
{
}

const char *
medusa_region_get_id (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);

  return self->id;
}

const char *
medusa_region_get_name (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);

  return self->name;
}

const char *
medusa_region_get_currency_code (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);

  return self->currency_code;
}

double
medusa_region_get_tax_rate (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), 0.0);

  return self->tax_rate;
}

GListModel *
medusa_region_get_countries (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);

  return self->countries;
}

/**
 * medusa_region_find_country:
 * @iso_2: (nullable): a two-letter country code, in either case
 *
 * Returns: (transfer none) (nullable): the region's country with that code
 */
MedusaCountry *
medusa_region_find_country (MedusaRegion *self,
                            const char   *iso_2)
{
  guint n_items;

  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);

  if (iso_2 == NULL)
    return NULL;

  n_items = g_list_model_get_n_items (self->countries);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->countries, i);
      const char *code;

      if (!MEDUSA_IS_COUNTRY (item))
        continue;

      /* The list keeps it alive after this reference goes */
      code = medusa_country_get_iso_2 (MEDUSA_COUNTRY (item));
      if (code != NULL && g_ascii_strcasecmp (code, iso_2) == 0)
        return MEDUSA_COUNTRY (item);
    }

  return NULL;
}
