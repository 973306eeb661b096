/* medusa-json-v2.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "medusa-json.h"
#include "medusa-types.h"

G_BEGIN_DECLS

/* The most digits an amount may have, in minor units: what fits a gint64
 * with room to add amounts up (≈ 9 × 10¹⁵). */
#define MEDUSA_JSON_V2_MAX_AMOUNT_DIGITS 15

/* What of Medusa v2's answers is kept offline: what Patron shows. */
extern const MedusaJsonKeep medusa_json_v2_keep_customer[];
extern const MedusaJsonKeep medusa_json_v2_keep_order_page[];
extern const MedusaJsonKeep medusa_json_v2_keep_order[];

gboolean         medusa_json_v2_decimal_to_minor    (const char  *text,
                                                     guint        decimals,
                                                     gint64      *minor,
                                                     gboolean    *exact);
MedusaCustomer  *medusa_json_v2_parse_customer      (GBytes      *body,
                                                     GError     **error);
char            *medusa_json_v2_parse_token         (GBytes      *body,
                                                     GError     **error);
MedusaCustomer  *medusa_json_v2_parse_address_deleted (GBytes    *body,
                                                     GError     **error);
MedusaOrderPage *medusa_json_v2_parse_order_page    (GBytes      *body,
                                                     GError     **error);
MedusaOrderPage *medusa_json_v2_parse_order_summaries (GBytes    *body,
                                                     GError     **error);
MedusaOrder     *medusa_json_v2_parse_order         (GBytes      *body,
                                                     GError     **error);
GListModel      *medusa_json_v2_parse_regions       (GBytes      *body,
                                                     GError     **error);

G_END_DECLS
