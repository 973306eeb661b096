/* medusa-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "medusa-types.h"

G_BEGIN_DECLS

/* Deeper JSON is refused before json-glib, which recurses, ever sees it. */
#define MEDUSA_JSON_MAX_DEPTH 128

JsonNode        *medusa_json_parse                   (GBytes         *body,
                                                      GError        **error);
MedusaCustomer  *medusa_json_parse_customer_response (GBytes         *body,
                                                      GError        **error);
gboolean         medusa_json_parse_exists_response   (GBytes         *body,
                                                      gboolean       *exists,
                                                      GError        **error);
char            *medusa_json_parse_token_response    (GBytes         *body,
                                                      GError        **error);
MedusaOrderPage *medusa_json_parse_order_page        (GBytes         *body,
                                                      GError        **error);
MedusaOrder     *medusa_json_parse_single_order_page (GBytes         *body,
                                                      GError        **error);
GListModel      *medusa_json_parse_regions_response  (GBytes         *body,
                                                      GError        **error);

G_END_DECLS
