/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "medusa-address.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_CUSTOMER (medusa_customer_get_type ())

G_DECLARE_FINAL_TYPE (MedusaCustomer, medusa_customer, MEDUSA, CUSTOMER, GObject)

const char    *medusa_customer_get_id                 (MedusaCustomer *self);
const char    *medusa_customer_get_email              (MedusaCustomer *self);
const char    *medusa_customer_get_first_name         (MedusaCustomer *self);
const char    *medusa_customer_get_last_name          (MedusaCustomer *self);
const char    *medusa_customer_get_phone              (MedusaCustomer *self);
gboolean       medusa_customer_get_has_account        (MedusaCustomer *self);
const char    *medusa_customer_get_billing_address_id (MedusaCustomer *self);
MedusaAddress *medusa_customer_get_billing_address    (MedusaCustomer *self);
GListModel    *medusa_customer_get_shipping_addresses (MedusaCustomer *self);
JsonObject    *medusa_customer_get_metadata           (MedusaCustomer *self);
GDateTime     *medusa_customer_get_created_at         (MedusaCustomer *self);
GDateTime     *medusa_customer_get_updated_at         (MedusaCustomer *self);
void           medusa_customer_set_id                 (MedusaCustomer *self,
                                                       const char     *id);
void           medusa_customer_set_email              (MedusaCustomer *self,
                                                       const char     *email);
void           medusa_customer_set_first_name         (MedusaCustomer *self,
                                                       const char     *first_name);
void           medusa_customer_set_last_name          (MedusaCustomer *self,
                                                       const char     *last_name);
void           medusa_customer_set_phone              (MedusaCustomer *self,
                                                       const char     *phone);
void           medusa_customer_set_has_account        (MedusaCustomer *self,
                                                       gboolean        has_account);
void           medusa_customer_set_billing_address_id (MedusaCustomer *self,
                                                       const char     *billing_address_id);
void           medusa_customer_set_billing_address    (MedusaCustomer *self,
                                                       MedusaAddress  *billing_address);
void           medusa_customer_set_metadata           (MedusaCustomer *self,
                                                       JsonObject     *metadata);
void           medusa_customer_set_created_at         (MedusaCustomer *self,
                                                       GDateTime      *created_at);
void           medusa_customer_set_updated_at         (MedusaCustomer *self,
                                                       GDateTime      *updated_at);
char          *medusa_customer_dup_full_name          (MedusaCustomer *self);
MedusaAddress *medusa_customer_find_address           (MedusaCustomer *self,
                                                       const char     *id);
gboolean       medusa_customer_update_from            (MedusaCustomer *self,
                                                       MedusaCustomer *other,
                                                       GError        **error);

G_END_DECLS
