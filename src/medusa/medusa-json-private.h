/* medusa-json-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * medusa-json.c's readers, for the parsers of both dialects (v1's in
 * medusa-json-customer.c and medusa-json-orders.c, v2's in
 * medusa-json-v2.c): every member's type checked, the first error kept.
 */

#pragma once

#include "medusa-json.h"

G_BEGIN_DECLS

typedef struct
{
  GError   *error;
  gboolean  summary;   /* orders as a list shows them: items counted, not made */
} MedusaJsonContext;

typedef gpointer (*MedusaJsonParseFunc) (MedusaJsonContext *ctx,
                                         JsonObject        *object);
/* an order item's quantity, read as the whole item would be */
typedef guint    (*MedusaJsonQuantityFunc) (MedusaJsonContext *ctx,
                                            JsonObject        *item);
/* a count (of orders, an offset, a limit) as the dialect writes numbers */
typedef guint    (*MedusaJsonCountFunc) (MedusaJsonContext *ctx,
                                         JsonObject        *object,
                                         const char        *owner,
                                         const char        *member);

void        medusa_json_fail            (MedusaJsonContext   *ctx,
                                         const char          *owner,
                                         const char          *member,
                                         const char          *expected);
gboolean    medusa_json_finish          (MedusaJsonContext   *ctx,
                                         GError             **error);
JsonNode   *medusa_json_get_member      (JsonObject          *object,
                                         const char          *member);
const char *medusa_json_read_string     (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
const char *medusa_json_read_required_string (MedusaJsonContext *ctx,
                                              JsonObject        *object,
                                              const char        *owner,
                                              const char        *member);
gboolean    medusa_json_read_boolean    (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
gint64      medusa_json_read_int64      (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
guint       medusa_json_read_uint       (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
int         medusa_json_read_int        (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
double      medusa_json_read_double     (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
GDateTime  *medusa_json_read_date       (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
JsonObject *medusa_json_read_object     (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
JsonArray  *medusa_json_read_array      (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
JsonArray  *medusa_json_read_bounded_array (MedusaJsonContext *ctx,
                                            JsonObject        *object,
                                            const char        *owner,
                                            const char        *member,
                                            guint              max);
GListStore *medusa_json_read_object_list (MedusaJsonContext  *ctx,
                                          JsonObject         *object,
                                          const char         *owner,
                                          const char         *member,
                                          guint               max,
                                          GType               item_type,
                                          MedusaJsonParseFunc parse);
GListStore *medusa_json_read_order_list (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member,
                                         GType                item_type,
                                         MedusaJsonParseFunc  parse);
GListStore *medusa_json_empty_order_list (GType              item_type);
MedusaOrderPage *medusa_json_read_order_page (JsonObject          *object,
                                              gboolean             summary,
                                              MedusaJsonParseFunc  parse_order,
                                              MedusaJsonCountFunc  read_count,
                                              GError             **error);
guint       medusa_json_count_items     (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member,
                                         MedusaJsonQuantityFunc quantity);
GStrv       medusa_json_read_member_of_each (MedusaJsonContext *ctx,
                                             JsonObject        *object,
                                             const char        *owner,
                                             const char        *member,
                                             const char        *key);
JsonObject *medusa_json_copy_object     (JsonObject          *object);
gpointer    medusa_json_parse_address   (MedusaJsonContext   *ctx,
                                         JsonObject          *object);
MedusaAddress *medusa_json_read_address (MedusaJsonContext   *ctx,
                                         JsonObject          *object,
                                         const char          *owner,
                                         const char          *member);
char       *medusa_json_parse_token_member (GBytes            *body,
                                           const char        *member,
                                           GError           **error);
JsonObject *medusa_json_parse_envelope  (GBytes              *body,
                                         const char          *member,
                                         JsonNode           **root,
                                         GError             **error);
GListModel *medusa_json_read_regions    (GBytes              *body,
                                         MedusaJsonParseFunc  read_region,
                                         GError             **error);
const char *medusa_json_scan_number     (const char          *p,
                                         const char          *end);
GBytes     *medusa_json_slim_down       (const char           *data,
                                         gsize                 size,
                                         const MedusaJsonKeep *keep,
                                         gboolean              strict);
GBytes     *medusa_json_slim_body       (GBytes               *body,
                                         const MedusaJsonKeep *keep);

G_END_DECLS
