/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-refund.h"

/**
 * MedusaRefund:
 *
 * Money the store gave back on an order: how much (in the minor unit of the
 * order's currency), why (Medusa v1's reasons: discount, return, swap, claim,
 * other) and the store's note.
 */

struct _MedusaRefund
{
  GObject    parent_instance;

  char      *id;
  gint64     amount;
  char      *reason;
  char      *note;
  GDateTime *created_at;
};

G_DEFINE_FINAL_TYPE (MedusaRefund, medusa_refund, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AMOUNT,
  PROP_REASON,
  PROP_NOTE,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_refund_finalize (GObject *object)
{
  MedusaRefund *self = (MedusaRefund *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (medusa_refund_parent_class)->finalize (object);
}

static void
medusa_refund_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MedusaRefund *self = MEDUSA_REFUND (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_refund_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MedusaRefund *self = MEDUSA_REFUND (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_AMOUNT:
      self->amount = g_value_get_int64 (value);
      break;

    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;

    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_refund_class_init (MedusaRefundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_refund_finalize;
  object_class->get_property = medusa_refund_get_property;
  object_class->set_property = medusa_refund_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_refund_init (MedusaRefund *self)
{
}

const char *
medusa_refund_get_id (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), NULL);

  return self->id;
}

gint64
medusa_refund_get_amount (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), 0);

  return self->amount;
}

const char *
medusa_refund_get_reason (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), NULL);

  return self->reason;
}

const char *
medusa_refund_get_note (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), NULL);

  return self->note;
}

GDateTime *
medusa_refund_get_created_at (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), NULL);

  return self->created_at;
}
