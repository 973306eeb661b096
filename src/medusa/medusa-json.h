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

/* The most bytes of tree json-glib may build for one body, as
 * medusa_json_scan() estimates it from above: never more than this, and
 * never more than MEDUSA_JSON_TREE_PER_BYTE per byte of the body (plus
 * MEDUSA_JSON_TREE_BASE), so a small body cannot make a large tree. Real
 * answers need about 10–25 bytes of tree per byte (the recorded fixtures),
 * a body of empty objects ("{},{},…") about 100. */
#define MEDUSA_JSON_MAX_TREE_SIZE (32 * 1024 * 1024)
#define MEDUSA_JSON_TREE_PER_BYTE 48
#define MEDUSA_JSON_TREE_BASE     (64 * 1024)

/*
 * The most of each list that the parsers take; more is
 * MEDUSA_ERROR_INVALID_RESPONSE. Medusa itself caps none of them, so these
 * are what no real store reaches: a customer's addresses are typed in one by
 * one, and the account page makes a row for each; an order's items, parcels,
 * refunds and codes are what one checkout put in one cart; ISO 3166 has 249
 * countries. A page of orders is at most what the query asked for
 * (medusa_client_list_orders_async()), and never more than the largest page
 * Patron asks for, many times over; and the order count sizes a list model.
 */
#define MEDUSA_JSON_MAX_ADDRESSES   500
#define MEDUSA_JSON_MAX_ORDER_PARTS 1000
#define MEDUSA_JSON_MAX_PAGE_ORDERS 1000
#define MEDUSA_JSON_MAX_ORDER_COUNT 1000000
#define MEDUSA_JSON_MAX_REGIONS     500
#define MEDUSA_JSON_MAX_COUNTRIES   300

/**
 * MedusaJsonShape:
 * @depth: the deepest nesting of objects and lists
 * @n_nodes: values and members
 * @tree_size: bytes json-glib allocates to build the tree, at most
 *
 * What medusa_json_scan() measured of a body before json-glib sees it.
 */
typedef struct
{
  guint depth;
  gsize n_nodes;
  gsize tree_size;
} MedusaJsonShape;

/**
 * MedusaJsonKeep:
 * @name: a member's name; %NULL ends a table
 * @members: (nullable): the table of what to keep of the object it holds,
 *   or of each object of the list it holds
 *
 * A table of the members of an answer to keep (medusa_json_keep_only()).
 */
typedef struct _MedusaJsonKeep MedusaJsonKeep;

struct _MedusaJsonKeep
{
  const char           *name;
  const MedusaJsonKeep *members;
};

/* What of Medusa v1's answers is kept offline: what Patron shows. */
extern const MedusaJsonKeep medusa_json_keep_customer[];
extern const MedusaJsonKeep medusa_json_keep_order_page[];

GBytes          *medusa_json_keep_only               (GBytes               *body,
                                                      const MedusaJsonKeep *keep);

gboolean         medusa_json_scan                    (const char      *data,
                                                      gsize            size,
                                                      MedusaJsonShape *shape);

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
MedusaOrderPage *medusa_json_parse_order_summaries   (GBytes         *body,
                                                      GError        **error);
MedusaOrder     *medusa_json_parse_single_order_page (GBytes         *body,
                                                      GError        **error);
GListModel      *medusa_json_parse_regions_response  (GBytes         *body,
                                                      GError        **error);

G_END_DECLS
