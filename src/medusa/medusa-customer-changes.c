/* medusa-customer-changes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-customer-changes"

#include "config.h"

#include <string.h>

#include "medusa-customer-changes-private.h"


G_DEFINE_BOXED_TYPE (MedusaCustomerChanges, medusa_customer_changes,
                     medusa_customer_changes_copy, medusa_customer_changes_free)

static void
wipe_string (char **field)
{
  if (*field != NULL)
    {
      explicit_bzero (*field, strlen (*field));
      g_clear_pointer (field, g_free);
    }
}

MedusaCustomerChanges *
medusa_customer_changes_new (void)
{
  return g_new0 (MedusaCustomerChanges, 1);
}

MedusaCustomerChanges *
medusa_customer_changes_copy (const MedusaCustomerChanges *self)
{
  MedusaCustomerChanges *copy = medusa_customer_changes_new ();

  copy->first_name = g_strdup (self->first_name);
  copy->last_name = g_strdup (self->last_name);
  copy->phone = g_strdup (self->phone);
  copy->has_phone = self->has_phone;
  copy->email = g_strdup (self->email);
  copy->password = g_strdup (self->password);
  copy->billing_address = self->billing_address ? medusa_address_copy (self->billing_address)
                                                : NULL;
  copy->billing_address_id = g_strdup (self->billing_address_id);
  copy->unsets_billing = self->unsets_billing;
  copy->metadata = self->metadata ? json_object_ref (self->metadata) : NULL;

  return copy;
}

void
medusa_customer_changes_free (MedusaCustomerChanges *self)
{
  if (self == NULL)
    return;

  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->phone);
  g_free (self->email);
  wipe_string (&self->password);
  g_clear_object (&self->billing_address);
  g_free (self->billing_address_id);
  g_clear_pointer (&self->metadata, json_object_unref);
  g_free (self);
}

gboolean
medusa_customer_changes_is_empty (const MedusaCustomerChanges *self)
{
  return self->first_name == NULL && self->last_name == NULL && !self->has_phone &&
         self->email == NULL && self->password == NULL && self->billing_address == NULL &&
         self->billing_address_id == NULL && !self->unsets_billing && self->metadata == NULL;
}

static void
replace (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
medusa_customer_changes_set_first_name (MedusaCustomerChanges *self,
                                        const char            *first_name)
{
  replace (&self->first_name, first_name);
}

void
medusa_customer_changes_set_last_name (MedusaCustomerChanges *self,
                                       const char            *last_name)
{
  replace (&self->last_name, last_name);
}

/**
 * medusa_customer_changes_set_phone:
 * @phone: (nullable): the new phone number; %NULL or "" removes it
 */
void
medusa_customer_changes_set_phone (MedusaCustomerChanges *self,
                                   const char            *phone)
{
  replace (&self->phone, phone);
  self->has_phone = TRUE;
}

void
medusa_customer_changes_set_email (MedusaCustomerChanges *self,
                                   const char            *email)
{
  replace (&self->email, email);
}

void
medusa_customer_changes_set_password (MedusaCustomerChanges *self,
                                      const char            *password)
{
  wipe_string (&self->password);
  self->password = g_strdup (password);
}

/**
 * medusa_customer_changes_set_billing_address:
 * @address: (nullable): a new billing address, given in full
 *
 * Replaces a billing address id set before.
 */
void
medusa_customer_changes_set_billing_address (MedusaCustomerChanges *self,
                                             MedusaAddress         *address)
{
  g_clear_pointer (&self->billing_address_id, g_free);
  g_clear_object (&self->billing_address);
  self->unsets_billing = FALSE;
  if (address != NULL)
    self->billing_address = medusa_address_copy (address);
}

/**
 * medusa_customer_changes_set_billing_address_id:
 * @address_id: (nullable): the id of one of the customer's shipping addresses
 *   to use as billing address
 *
 * Replaces a billing address set before.
 */
void
medusa_customer_changes_set_billing_address_id (MedusaCustomerChanges *self,
                                                const char            *address_id)
{
  g_clear_object (&self->billing_address);
  self->unsets_billing = FALSE;
  replace (&self->billing_address_id, address_id);
}

/**
 * medusa_customer_changes_unset_billing_address:
 *
 * The customer is to have no billing address (the address itself stays
 * where it is). Replaces a billing address or id set before.
 */
void
medusa_customer_changes_unset_billing_address (MedusaCustomerChanges *self)
{
  g_clear_object (&self->billing_address);
  g_clear_pointer (&self->billing_address_id, g_free);
  self->unsets_billing = TRUE;
}

void
medusa_customer_changes_set_metadata (MedusaCustomerChanges *self,
                                      JsonObject            *metadata)
{
  if (metadata != NULL)
    json_object_ref (metadata);
  g_clear_pointer (&self->metadata, json_object_unref);
  self->metadata = metadata;
}

gboolean
medusa_customer_changes_get_changes_password (const MedusaCustomerChanges *self)
{
  return self->password != NULL;
}

gboolean
medusa_customer_changes_get_changes_email (const MedusaCustomerChanges *self)
{
  return self->email != NULL;
}

gboolean
medusa_customer_changes_get_changes_billing_address (const MedusaCustomerChanges *self)
{
  return self->billing_address != NULL || self->billing_address_id != NULL ||
         self->unsets_billing;
}

/**
 * medusa_customer_changes_get_billing_address:
 *
 * Returns: (transfer none) (nullable): the billing address given in full
 */
MedusaAddress *
medusa_customer_changes_get_billing_address (const MedusaCustomerChanges *self)
{
  return self->billing_address;
}
