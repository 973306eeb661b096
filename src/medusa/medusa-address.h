/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_ADDRESS (medusa_address_get_type ())

G_DECLARE_FINAL_TYPE (MedusaAddress, medusa_address, MEDUSA, ADDRESS, GObject)

const char    *medusa_address_get_id           (MedusaAddress *self);
const char    *medusa_address_get_customer_id  (MedusaAddress *self);
const char    *medusa_address_get_company      (MedusaAddress *self);
const char    *medusa_address_get_first_name   (MedusaAddress *self);
const char    *medusa_address_get_last_name    (MedusaAddress *self);
const char    *medusa_address_get_address_1    (MedusaAddress *self);
const char    *medusa_address_get_address_2    (MedusaAddress *self);
const char    *medusa_address_get_city         (MedusaAddress *self);
const char    *medusa_address_get_country_code (MedusaAddress *self);
const char    *medusa_address_get_province     (MedusaAddress *self);
const char    *medusa_address_get_postal_code  (MedusaAddress *self);
const char    *medusa_address_get_phone        (MedusaAddress *self);
JsonObject    *medusa_address_get_metadata     (MedusaAddress *self);
GDateTime     *medusa_address_get_created_at   (MedusaAddress *self);
GDateTime     *medusa_address_get_updated_at   (MedusaAddress *self);
void           medusa_address_set_id           (MedusaAddress *self,
                                                const char    *id);
void           medusa_address_set_customer_id  (MedusaAddress *self,
                                                const char    *customer_id);
void           medusa_address_set_company      (MedusaAddress *self,
                                                const char    *company);
void           medusa_address_set_first_name   (MedusaAddress *self,
                                                const char    *first_name);
void           medusa_address_set_last_name    (MedusaAddress *self,
                                                const char    *last_name);
void           medusa_address_set_address_1    (MedusaAddress *self,
                                                const char    *address_1);
void           medusa_address_set_address_2    (MedusaAddress *self,
                                                const char    *address_2);
void           medusa_address_set_city         (MedusaAddress *self,
                                                const char    *city);
void           medusa_address_set_country_code (MedusaAddress *self,
                                                const char    *country_code);
void           medusa_address_set_province     (MedusaAddress *self,
                                                const char    *province);
void           medusa_address_set_postal_code  (MedusaAddress *self,
                                                const char    *postal_code);
void           medusa_address_set_phone        (MedusaAddress *self,
                                                const char    *phone);
void           medusa_address_set_metadata     (MedusaAddress *self,
                                                JsonObject    *metadata);
void           medusa_address_set_created_at   (MedusaAddress *self,
                                                GDateTime     *created_at);
void           medusa_address_set_updated_at   (MedusaAddress *self,
                                                GDateTime     *updated_at);
MedusaAddress *medusa_address_new              (void);
MedusaAddress *medusa_address_copy             (MedusaAddress *self);
gboolean       medusa_address_same_place       (MedusaAddress *a,
                                                MedusaAddress *b);
void           medusa_address_update_from      (MedusaAddress *self,
                                                MedusaAddress *other);

G_END_DECLS
