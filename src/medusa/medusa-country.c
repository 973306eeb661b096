/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-country.h"

/**
 * MedusaCountry:
 *
 * A country a region ships to.
 */

struct _MedusaCountry
{
  GObject parent_instance;

  char   *iso_2;
  char   *iso_3;
  char   *name;
  char   *display_name;
  int     num_code;
};

G_DEFINE_FINAL_TYPE (MedusaCountry, medusa_country, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ISO_2,
  PROP_ISO_3,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_NUM_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_country_finalize (GObject *object)
{
  MedusaCountry *self = (MedusaCountry *)object;

  g_clear_pointer (&self->iso_2, g_free);
  g_clear_pointer (&self->iso_3, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (medusa_country_parent_class)->finalize (object);
}

static void
medusa_country_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MedusaCountry *self = MEDUSA_COUNTRY (object);

  switch (prop_id)
    {
    case PROP_ISO_2:
      g_value_set_string (value, self->iso_2);
      break;

    case PROP_ISO_3:
      g_value_set_string (value, self->iso_3);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_NUM_CODE:
      g_value_set_int (value, self->num_code);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_country_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MedusaCountry *self = MEDUSA_COUNTRY (object);

  switch (prop_id)
    {
    case PROP_ISO_2:
      self->iso_2 = g_value_dup_string (value);
      break;

    case PROP_ISO_3:
      self->iso_3 = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_DISPLAY_NAME:
      self->display_name = g_value_dup_string (value);
      break;

    case PROP_NUM_CODE:
      self->num_code = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_country_class_init (MedusaCountryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_country_finalize;
  object_class->get_property = medusa_country_get_property;
  object_class->set_property = medusa_country_set_property;

  properties[PROP_ISO_2] =
    g_param_spec_string ("iso-2", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ISO_3] =
    g_param_spec_string ("iso-3", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NUM_CODE] =
    g_param_spec_int ("num-code", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_country_init (MedusaCountry *self)
{
}

const char *
medusa_country_get_iso_2 (MedusaCountry *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRY (self), NULL);

  return self->iso_2;
}

const char *
medusa_country_get_iso_3 (MedusaCountry *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRY (self), NULL);

  return self->iso_3;
}

const char *
medusa_country_get_name (MedusaCountry *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRY (self), NULL);

  return self->name;
}

const char *
medusa_country_get_display_name (MedusaCountry *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRY (self), NULL);

  return self->display_name;
}

int
medusa_country_get_num_code (MedusaCountry *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRY (self), 0);

  return self->num_code;
}
