/* medusa-customer-changes-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medusa-customer-changes.h"

G_BEGIN_DECLS

/* Open to the dialects, which turn it into a request body. */
struct _MedusaCustomerChanges
{
  char          *first_name;
  char          *last_name;
  char          *phone;
  char          *email;
  char          *password;
  MedusaAddress *billing_address;
  char          *billing_address_id;
  JsonObject    *metadata;
  guint          has_phone : 1;
  guint          unsets_billing : 1;
};

G_END_DECLS
