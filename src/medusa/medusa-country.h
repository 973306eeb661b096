/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_COUNTRY (medusa_country_get_type ())

G_DECLARE_FINAL_TYPE (MedusaCountry, medusa_country, MEDUSA, COUNTRY, GObject)

const char *medusa_country_get_iso_2        (MedusaCountry *self);
const char *medusa_country_get_iso_3        (MedusaCountry *self);
const char *medusa_country_get_name         (MedusaCountry *self);
const char *medusa_country_get_display_name (MedusaCountry *self);
int         medusa_country_get_num_code     (MedusaCountry *self);

G_END_DECLS
