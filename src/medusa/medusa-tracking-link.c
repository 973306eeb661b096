/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-tracking-link.h"

/**
 * MedusaTrackingLink:
 *
 * A carrier's tracking number for a fulfillment, and where to follow it.
 */

struct _MedusaTrackingLink
{
  GObject parent_instance;

  char   *tracking_number;
  char   *url;
};

G_DEFINE_FINAL_TYPE (MedusaTrackingLink, medusa_tracking_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRACKING_NUMBER,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_tracking_link_finalize (GObject *object)
{
  MedusaTrackingLink *self = (MedusaTrackingLink *)object;

  g_clear_pointer (&self->tracking_number, g_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (medusa_tracking_link_parent_class)->finalize (object);
}

static void
medusa_tracking_link_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MedusaTrackingLink *self = MEDUSA_TRACKING_LINK (object);

  switch (prop_id)
    {
    case PROP_TRACKING_NUMBER:
      g_value_set_string (value, self->tracking_number);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_tracking_link_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MedusaTrackingLink *self = MEDUSA_TRACKING_LINK (object);

  switch (prop_id)
    {
    case PROP_TRACKING_NUMBER:
      self->tracking_number = g_value_dup_string (value);
      break;

    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_tracking_link_class_init (MedusaTrackingLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_tracking_link_finalize;
  object_class->get_property = medusa_tracking_link_get_property;
  object_class->set_property = medusa_tracking_link_set_property;

  properties[PROP_TRACKING_NUMBER] =
    g_param_spec_string ("tracking-number", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_tracking_link_init (MedusaTrackingLink *self)
{
}

const char *
medusa_tracking_link_get_tracking_number (MedusaTrackingLink *self)
{
  g_return_val_if_fail (MEDUSA_IS_TRACKING_LINK (self), NULL);

  return self->tracking_number;
}

const char *
medusa_tracking_link_get_url (MedusaTrackingLink *self)
{
  g_return_val_if_fail (MEDUSA_IS_TRACKING_LINK (self), NULL);

  return self->url;
}
