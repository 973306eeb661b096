/* medusa-customer-changes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "medusa-address.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_CUSTOMER_CHANGES (medusa_customer_changes_get_type ())

/**
 * MedusaCustomerChanges:
 *
 * What an update of the signed-in customer changes. Only what was set is sent.
 * A password set here is wiped from memory when the changes are freed.
 */
typedef struct _MedusaCustomerChanges MedusaCustomerChanges;

GType                  medusa_customer_changes_get_type               (void) G_GNUC_CONST;
MedusaCustomerChanges *medusa_customer_changes_new                    (void);
MedusaCustomerChanges *medusa_customer_changes_copy                   (const MedusaCustomerChanges *self);
void                   medusa_customer_changes_free                   (MedusaCustomerChanges       *self);
gboolean               medusa_customer_changes_is_empty               (const MedusaCustomerChanges *self);
void                   medusa_customer_changes_set_first_name         (MedusaCustomerChanges       *self,
                                                                       const char                  *first_name);
void                   medusa_customer_changes_set_last_name          (MedusaCustomerChanges       *self,
                                                                       const char                  *last_name);
void                   medusa_customer_changes_set_phone              (MedusaCustomerChanges       *self,
                                                                       const char                  *phone);
void                   medusa_customer_changes_set_email              (MedusaCustomerChanges       *self,
                                                                       const char                  *email);
void                   medusa_customer_changes_set_password           (MedusaCustomerChanges       *self,
                                                                       const char                  *password);
void                   medusa_customer_changes_set_billing_address    (MedusaCustomerChanges       *self,
                                                                       MedusaAddress               *address);
void                   medusa_customer_changes_set_billing_address_id (MedusaCustomerChanges       *self,
                                                                       const char                  *address_id);
void                   medusa_customer_changes_unset_billing_address  (MedusaCustomerChanges       *self);
void                   medusa_customer_changes_set_metadata           (MedusaCustomerChanges       *self,
                                                                       JsonObject                  *metadata);
gboolean               medusa_customer_changes_get_changes_password   (const MedusaCustomerChanges *self);
gboolean               medusa_customer_changes_get_changes_email      (const MedusaCustomerChanges *self);
gboolean               medusa_customer_changes_get_changes_billing_address (const MedusaCustomerChanges *self);
MedusaAddress         *medusa_customer_changes_get_billing_address    (const MedusaCustomerChanges *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaCustomerChanges, medusa_customer_changes_free)

G_END_DECLS
