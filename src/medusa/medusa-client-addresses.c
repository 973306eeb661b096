/* medusa-client-addresses.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include "medusa-client-private.h"

/**
 * medusa_client_add_address_async:
 *
 * Adds a shipping address. v1 silently skips an address identical to one
 * the customer has: compare the answer's addresses to tell.
 */
void
medusa_client_add_address_async (MedusaClient        *self,
                                 MedusaAddress       *address,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (MEDUSA_IS_ADDRESS (address));

  _medusa_client_call (self, self->dialect->add_address (address),
                       (ParseFunc) self->dialect->parse_customer,
                       medusa_client_add_address_async, cancellable, callback, user_data);
}

/**
 * medusa_client_add_address_finish:
 *
 * Returns: (transfer full): the customer with its addresses
 */
MedusaCustomer *
medusa_client_add_address_finish (MedusaClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_add_address_async, error);
}

void
medusa_client_update_address_async (MedusaClient        *self,
                                    const char          *address_id,
                                    MedusaAddress       *address,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address_id != NULL);
  g_return_if_fail (MEDUSA_IS_ADDRESS (address));

  _medusa_client_call (self, self->dialect->update_address (address_id, address),
                       (ParseFunc) self->dialect->parse_customer,
                       medusa_client_update_address_async, cancellable, callback, user_data);
}

/**
 * medusa_client_update_address_finish:
 *
 * Returns: (transfer full): the customer with its addresses
 */
MedusaCustomer *
medusa_client_update_address_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_update_address_async, error);
}

void
medusa_client_delete_address_async (MedusaClient        *self,
                                    const char          *address_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address_id != NULL);

  _medusa_client_call (self, self->dialect->delete_address (address_id),
                       (ParseFunc) self->dialect->parse_address_deleted,
                       medusa_client_delete_address_async, cancellable, callback, user_data);
}

/**
 * medusa_client_delete_address_finish:
 *
 * Returns: (transfer full): the customer with its remaining addresses
 */
MedusaCustomer *
medusa_client_delete_address_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_delete_address_async, error);
}

/**
 * medusa_client_list_regions_async:
 *
 * Lists the store's regions with their countries, for address forms. It
 * also tells whether an address is a Medusa store at all.
 */
void
medusa_client_list_regions_async (MedusaClient        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  _medusa_client_call (self, self->dialect->list_regions (),
                       (ParseFunc) self->dialect->parse_regions,
                       medusa_client_list_regions_async, cancellable, callback, user_data);
}

/**
 * medusa_client_list_regions_finish:
 *
 * Returns: (transfer full): a #GListModel of #MedusaRegion
 */
GListModel *
medusa_client_list_regions_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_list_regions_async, error);
}
