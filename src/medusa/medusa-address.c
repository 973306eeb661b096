/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include <string.h>

#include "medusa-address.h"
#include "medusa-value-private.h"

/**
 * MedusaAddress:
 *
 * An address: one of a customer's shipping addresses, the billing address, or an
 * order's. Editable, and every change notified, so forms can bind to it.
 */

struct _MedusaAddress
{
  GObject     parent_instance;

  char       *id;
  char       *customer_id;
  char       *company;
  char       *first_name;
  char       *last_name;
  char       *address_1;
  char       *address_2;
  char       *city;
  char       *country_code;
  char       *province;
  char       *postal_code;
  char       *phone;
  JsonObject *metadata;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (MedusaAddress, medusa_address, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_COMPANY,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_ADDRESS_1,
  PROP_ADDRESS_2,
  PROP_CITY,
  PROP_COUNTRY_CODE,
  PROP_PROVINCE,
  PROP_POSTAL_CODE,
  PROP_PHONE,
  PROP_METADATA,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_address_finalize (GObject *object)
{
  MedusaAddress *self = (MedusaAddress *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->address_1, g_free);
  g_clear_pointer (&self->address_2, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->country_code, g_free);
  g_clear_pointer (&self->province, g_free);
  g_clear_pointer (&self->postal_code, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->metadata, json_object_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (medusa_address_parent_class)->finalize (object);
}

static void
medusa_address_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MedusaAddress *self = MEDUSA_ADDRESS (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;

    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_ADDRESS_1:
      g_value_set_string (value, self->address_1);
      break;

    case PROP_ADDRESS_2:
      g_value_set_string (value, self->address_2);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_COUNTRY_CODE:
      g_value_set_string (value, self->country_code);
      break;

    case PROP_PROVINCE:
      g_value_set_string (value, self->province);
      break;

    case PROP_POSTAL_CODE:
      g_value_set_string (value, self->postal_code);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_METADATA:
      g_value_set_boxed (value, self->metadata);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_address_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MedusaAddress *self = MEDUSA_ADDRESS (object);

  switch (prop_id)
    {
    case PROP_ID:
      medusa_address_set_id (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      medusa_address_set_customer_id (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      medusa_address_set_company (self, g_value_get_string (value));
      break;

    case PROP_FIRST_NAME:
      medusa_address_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      medusa_address_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS_1:
      medusa_address_set_address_1 (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS_2:
      medusa_address_set_address_2 (self, g_value_get_string (value));
      break;

    case PROP_CITY:
      medusa_address_set_city (self, g_value_get_string (value));
      break;

    case PROP_COUNTRY_CODE:
      medusa_address_set_country_code (self, g_value_get_string (value));
      break;

    case PROP_PROVINCE:
      medusa_address_set_province (self, g_value_get_string (value));
      break;

    case PROP_POSTAL_CODE:
      medusa_address_set_postal_code (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      medusa_address_set_phone (self, g_value_get_string (value));
      break;

    case PROP_METADATA:
      medusa_address_set_metadata (self, g_value_get_boxed (value));
      break;

    case PROP_CREATED_AT:
      medusa_address_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      medusa_address_set_updated_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_address_class_init (MedusaAddressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_address_finalize;
  object_class->get_property = medusa_address_get_property;
  object_class->set_property = medusa_address_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS_1] =
    g_param_spec_string ("address-1", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS_2] =
    g_param_spec_string ("address-2", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNTRY_CODE] =
    g_param_spec_string ("country-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROVINCE] =
    g_param_spec_string ("province", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_POSTAL_CODE] =
    g_param_spec_string ("postal-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_METADATA] =
    g_param_spec_boxed ("metadata", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_address_init (MedusaAddress *self)
{
}

const char *
medusa_address_get_id (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->id;
}

const char *
medusa_address_get_customer_id (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->customer_id;
}

const char *
medusa_address_get_company (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->company;
}

const char *
medusa_address_get_first_name (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->first_name;
}

const char *
medusa_address_get_last_name (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->last_name;
}

const char *
medusa_address_get_address_1 (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->address_1;
}

const char *
medusa_address_get_address_2 (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->address_2;
}

const char *
medusa_address_get_city (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->city;
}

const char *
medusa_address_get_country_code (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->country_code;
}

const char *
medusa_address_get_province (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->province;
}

const char *
medusa_address_get_postal_code (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->postal_code;
}

const char *
medusa_address_get_phone (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->phone;
}

JsonObject *
medusa_address_get_metadata (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->metadata;
}

GDateTime *
medusa_address_get_created_at (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->created_at;
}

GDateTime *
medusa_address_get_updated_at (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  return self->updated_at;
}

void
medusa_address_set_id (MedusaAddress *self,
                       const char    *id)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->id, id))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
medusa_address_set_customer_id (MedusaAddress *self,
                                const char    *customer_id)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->customer_id, customer_id))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

void
medusa_address_set_company (MedusaAddress *self,
                            const char    *company)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->company, company))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
}

void
medusa_address_set_first_name (MedusaAddress *self,
                               const char    *first_name)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->first_name, first_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_NAME]);
}

void
medusa_address_set_last_name (MedusaAddress *self,
                              const char    *last_name)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->last_name, last_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_NAME]);
}

void
medusa_address_set_address_1 (MedusaAddress *self,
                              const char    *address_1)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->address_1, address_1))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS_1]);
}

void
medusa_address_set_address_2 (MedusaAddress *self,
                              const char    *address_2)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->address_2, address_2))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS_2]);
}

void
medusa_address_set_city (MedusaAddress *self,
                         const char    *city)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->city, city))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

void
medusa_address_set_country_code (MedusaAddress *self,
                                 const char    *country_code)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->country_code, country_code))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY_CODE]);
}

void
medusa_address_set_province (MedusaAddress *self,
                             const char    *province)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->province, province))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVINCE]);
}

void
medusa_address_set_postal_code (MedusaAddress *self,
                                const char    *postal_code)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->postal_code, postal_code))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSTAL_CODE]);
}

void
medusa_address_set_phone (MedusaAddress *self,
                          const char    *phone)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_str (&self->phone, phone))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

void
medusa_address_set_metadata (MedusaAddress *self,
                             JsonObject    *metadata)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_json_object (&self->metadata, metadata))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
}

void
medusa_address_set_created_at (MedusaAddress *self,
                               GDateTime     *created_at)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_date_time (&self->created_at, created_at))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

void
medusa_address_set_updated_at (MedusaAddress *self,
                               GDateTime     *updated_at)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));

  if (!medusa_set_date_time (&self->updated_at, updated_at))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

/**
 * medusa_address_new:
 *
 * Returns: (transfer full): an empty address, to fill in
 */
MedusaAddress *
medusa_address_new (void)
{
  return g_object_new (MEDUSA_TYPE_ADDRESS, NULL);
}

/**
 * medusa_address_copy:
 *
 * The copy shares @self's metadata object, as any two holders of a boxed
 * #JsonObject do.
 *
 * Returns: (transfer full): a new address with every property of @self
 */
MedusaAddress *
medusa_address_copy (MedusaAddress *self)
{
  MedusaAddress *copy;

  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  copy = medusa_address_new ();
  medusa_address_update_from (copy, self);

  return copy;
}

/* Narrows @text, or "" for NULL, to what lies between its leading and
 * trailing white space, without copying it.
 */
static const char *
trim (const char *text,
      gsize      *length)
{
  const char *end;

  if (text == NULL)
    text = "";

  while (g_ascii_isspace (*text))
    text++;

  end = text + strlen (text);
  while (end > text && g_ascii_isspace (end[-1]))
    end--;

  *length = (gsize) (end - text);

  return text;
}

static gboolean
same_text (const char *a,
           const char *b,
           gboolean    ignore_case)
{
  gsize a_length;
  gsize b_length;

  a = trim (a, &a_length);
  b = trim (b, &b_length);

  if (a_length != b_length)
    return FALSE;

  if (ignore_case)
    return g_ascii_strncasecmp (a, b, a_length) == 0;

  return memcmp (a, b, a_length) == 0;
}

/**
 * medusa_address_same_place:
 *
 * Whether @a and @b are the same address as a person would read it: ids,
 * dates and metadata aside, a missing value the same as an empty one, white
 * space around values ignored and the country code compared without case.
 * Medusa v1 silently refuses to add such a twin of an existing address, so
 * Patron has to notice it first.
 *
 * Returns: %TRUE if they are the same place
 */
gboolean
medusa_address_same_place (MedusaAddress *a,
                           MedusaAddress *b)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (a), FALSE);
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (b), FALSE);

  if (a == b)
    return TRUE;

  return same_text (a->company, b->company, FALSE) &&
         same_text (a->first_name, b->first_name, FALSE) &&
         same_text (a->last_name, b->last_name, FALSE) &&
         same_text (a->address_1, b->address_1, FALSE) &&
         same_text (a->address_2, b->address_2, FALSE) &&
         same_text (a->city, b->city, FALSE) &&
         same_text (a->province, b->province, FALSE) &&
         same_text (a->postal_code, b->postal_code, FALSE) &&
         same_text (a->phone, b->phone, FALSE) &&
         same_text (a->country_code, b->country_code, TRUE);
}

/**
 * medusa_address_update_from:
 * @other: the address as the store just answered
 *
 * Makes every property of @self what it is in @other. Only what changed is
 * notified, and only once the whole address is consistent again.
 */
void
medusa_address_update_from (MedusaAddress *self,
                            MedusaAddress *other)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS (self));
  g_return_if_fail (MEDUSA_IS_ADDRESS (other));

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  medusa_address_set_id (self, other->id);
  medusa_address_set_customer_id (self, other->customer_id);
  medusa_address_set_company (self, other->company);
  medusa_address_set_first_name (self, other->first_name);
  medusa_address_set_last_name (self, other->last_name);
  medusa_address_set_address_1 (self, other->address_1);
  medusa_address_set_address_2 (self, other->address_2);
  medusa_address_set_city (self, other->city);
  medusa_address_set_country_code (self, other->country_code);
  medusa_address_set_province (self, other->province);
  medusa_address_set_postal_code (self, other->postal_code);
  medusa_address_set_phone (self, other->phone);
  medusa_address_set_metadata (self, other->metadata);
  medusa_address_set_created_at (self, other->created_at);
  medusa_address_set_updated_at (self, other->updated_at);
  g_object_thaw_notify (G_OBJECT (self));
}
