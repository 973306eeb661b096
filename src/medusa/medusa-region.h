/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "medusa-country.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_REGION (medusa_region_get_type ())

G_DECLARE_FINAL_TYPE (MedusaRegion, medusa_region, MEDUSA, REGION, GObject)

const char    *medusa_region_get_id            (MedusaRegion *self);
const char    *medusa_region_get_name          (MedusaRegion *self);
const char    *medusa_region_get_currency_code (MedusaRegion *self);
double         medusa_region_get_tax_rate      (MedusaRegion *self);
GListModel    *medusa_region_get_countries     (MedusaRegion *self);
MedusaCountry *medusa_region_find_country      (MedusaRegion *self,
                                                const char   *iso_2);

G_END_DECLS
