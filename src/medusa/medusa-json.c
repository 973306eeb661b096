/* medusa-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-json"

#include "config.h"

#include <math.h>

#include "medusa-error.h"
#include "medusa-json-private.h"

/*
 * Pure functions from response bodies to objects. Nothing here trusts the
 * server: every member's type is checked, a missing optional member is
 * tolerated, an unknown one ignored, and anything malformed becomes
 * MEDUSA_ERROR_INVALID_RESPONSE.
 *
 * The readers below keep the first error in a MedusaJsonContext and return a
 * harmless default after it, so a parser reads straight through and checks
 * once at the end. Both dialects' parsers use them (medusa-json-private.h):
 * v1's in medusa-json-customer.c and medusa-json-orders.c, v2's in
 * medusa-json-v2.c; medusa-json-scan.c checks a body before json-glib sees
 * it.
 */

void
medusa_json_fail (MedusaJsonContext *ctx,
                  const char        *owner,
                  const char        *member,
                  const char        *expected)
{
  if (ctx->error != NULL)
    return;

  ctx->error = g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                            "The store sent “%s” of %s that is not %s",
                            member, owner, expected);
}

gboolean
medusa_json_finish (MedusaJsonContext  *ctx,
                    GError            **error)
{
  if (ctx->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ctx->error));
      return FALSE;
    }

  return TRUE;
}

/* NULL for a missing member or a JSON null: both mean "not set". */
JsonNode *
medusa_json_get_member (JsonObject *object,
                        const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

const char *
medusa_json_read_string (MedusaJsonContext *ctx,
                         JsonObject        *object,
                         const char        *owner,
                         const char        *member)
{
  JsonNode *node = medusa_json_get_member (object, member);

  if (node == NULL)
    return NULL;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      medusa_json_fail (ctx, owner, member, "text");
      return NULL;
    }

  return json_node_get_string (node);
}

const char *
medusa_json_read_required_string (MedusaJsonContext *ctx,
                                  JsonObject        *object,
                                  const char        *owner,
                                  const char        *member)
{
  const char *value = medusa_json_read_string (ctx, object, owner, member);

  if (value == NULL || value[0] == '\0')
    medusa_json_fail (ctx, owner, member, "a non-empty text");

  return value;
}

gboolean
medusa_json_read_boolean (MedusaJsonContext *ctx,
                          JsonObject        *object,
                          const char        *owner,
                          const char        *member)
{
  JsonNode *node = medusa_json_get_member (object, member);

  if (node == NULL)
    return FALSE;

  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      medusa_json_fail (ctx, owner, member, "true or false");
      return FALSE;
    }

  return json_node_get_boolean (node);
}

/* Integers as the Store API sends amounts and counts. A double is accepted
 * only when it holds a whole number that fits: some servers write 100.0. */
gint64
medusa_json_read_int64 (MedusaJsonContext *ctx,
                        JsonObject        *object,
                        const char        *owner,
                        const char        *member)
{
  JsonNode *node = medusa_json_get_member (object, member);
  GType type;

  if (node == NULL)
    return 0;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* in range before the cast: a double beyond gint64 is undefined behaviour */
      if (value >= -9.0e15 && value <= 9.0e15 && value == (double) (gint64) value)
        return (gint64) value;
    }

  medusa_json_fail (ctx, owner, member, "a whole number");
  return 0;
}

guint
medusa_json_read_uint (MedusaJsonContext *ctx,
                       JsonObject        *object,
                       const char        *owner,
                       const char        *member)
{
  gint64 value = medusa_json_read_int64 (ctx, object, owner, member);

  if (value < 0 || value > G_MAXUINT)
    {
      medusa_json_fail (ctx, owner, member, "a count");
      return 0;
    }

  return (guint) value;
}

int
medusa_json_read_int (MedusaJsonContext *ctx,
                      JsonObject        *object,
                      const char        *owner,
                      const char        *member)
{
  return (int) MIN (medusa_json_read_uint (ctx, object, owner, member), G_MAXINT);
}

double
medusa_json_read_double (MedusaJsonContext *ctx,
                         JsonObject        *object,
                         const char        *owner,
                         const char        *member)
{
  JsonNode *node = medusa_json_get_member (object, member);
  GType type;

  if (node == NULL)
    return 0.0;

  type = json_node_get_value_type (node);
  /* (json-glib makes 1e400 infinite, which no property takes) */
  if ((type == G_TYPE_INT64 || type == G_TYPE_DOUBLE) && isfinite (json_node_get_double (node)))
    return json_node_get_double (node);

  medusa_json_fail (ctx, owner, member, "a number");
  return 0.0;
}

GDateTime *
medusa_json_read_date (MedusaJsonContext *ctx,
                       JsonObject        *object,
                       const char        *owner,
                       const char        *member)
{
  const char *text = medusa_json_read_string (ctx, object, owner, member);
  GDateTime *date;

  if (text == NULL)
    return NULL;

  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    medusa_json_fail (ctx, owner, member, "a date");

  return date;
}

JsonObject *
medusa_json_read_object (MedusaJsonContext *ctx,
                         JsonObject        *object,
                         const char        *owner,
                         const char        *member)
{
  JsonNode *node = medusa_json_get_member (object, member);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      medusa_json_fail (ctx, owner, member, "an object");
      return NULL;
    }

  return json_node_get_object (node);
}

JsonArray *
medusa_json_read_array (MedusaJsonContext *ctx,
                        JsonObject        *object,
                        const char        *owner,
                        const char        *member)
{
  JsonNode *node = medusa_json_get_member (object, member);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      medusa_json_fail (ctx, owner, member, "a list");
      return NULL;
    }

  return json_node_get_array (node);
}

/* A list @member of @object that holds at most @max elements. */
JsonArray *
medusa_json_read_bounded_array (MedusaJsonContext *ctx,
                                JsonObject        *object,
                                const char        *owner,
                                const char        *member,
                                guint              max)
{
  JsonArray *array = medusa_json_read_array (ctx, object, owner, member);

  if (array != NULL && json_array_get_length (array) > max)
    {
      if (ctx->error == NULL)
        ctx->error = g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                                  "The store sent %u “%s” of %s, more than the %u a store has",
                                  json_array_get_length (array), member, owner, max);
      return NULL;
    }

  return array;
}

/* Element @i of @array, the list @member of @owner, if it is an object. */
static JsonObject *
element_object (MedusaJsonContext *ctx,
                JsonArray         *array,
                guint              i,
                const char        *owner,
                const char        *member)
{
  JsonNode *element = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      medusa_json_fail (ctx, owner, member, "a list of objects");
      return NULL;
    }

  return json_node_get_object (element);
}

/* A list of at most @max objects, each made into a GObject of @item_type
 * by @parse. */
GListStore *
medusa_json_read_object_list (MedusaJsonContext   *ctx,
                              JsonObject          *object,
                              const char          *owner,
                              const char          *member,
                              guint                max,
                              GType                item_type,
                              MedusaJsonParseFunc  parse)
{
  g_autoptr(GListStore) store = g_list_store_new (item_type);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = medusa_json_read_bounded_array (ctx, object, owner, member, max);
  guint n_elements;

  if (array == NULL)
    return g_steal_pointer (&store);

  n_elements = json_array_get_length (array);
  for (guint i = 0; i < n_elements && ctx->error == NULL; i++)
    {
      JsonObject *element = element_object (ctx, array, i, owner, member);
      gpointer item;

      if (element == NULL)
        break;
      item = parse (ctx, element);
      if (item != NULL)
        g_ptr_array_add (items, item);
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  return g_steal_pointer (&store);
}

/* An order's lists are never changed once parsed, and most are empty (no
 * fulfillment, refund…; a summary's items): all the empty ones of a type
 * share one store rather than costing each order a GListStore. */
GListStore *
medusa_json_empty_order_list (GType item_type)
{
  G_LOCK_DEFINE_STATIC (empty_lists);
  static GHashTable *empty_lists;
  GListStore *empty;

  G_LOCK (empty_lists);
  if (empty_lists == NULL)
    empty_lists = g_hash_table_new (NULL, NULL);
  empty = g_hash_table_lookup (empty_lists, GSIZE_TO_POINTER (item_type));
  if (empty == NULL)
    {
      empty = g_list_store_new (item_type);
      g_hash_table_insert (empty_lists, GSIZE_TO_POINTER (item_type), empty);
    }
  g_object_ref (empty);
  G_UNLOCK (empty_lists);

  return empty;
}

GListStore *
medusa_json_read_order_list (MedusaJsonContext   *ctx,
                             JsonObject          *object,
                             const char          *owner,
                             const char          *member,
                             GType                item_type,
                             MedusaJsonParseFunc  parse)
{
  g_autoptr(GListStore) store = medusa_json_read_object_list (ctx, object, owner, member,
                                                              MEDUSA_JSON_MAX_ORDER_PARTS,
                                                              item_type, parse);

  if (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    return g_steal_pointer (&store);

  return medusa_json_empty_order_list (item_type);
}

/* A page of orders as both dialects send it, `{"orders": […], "count": n,
 * "offset": n, "limit": n}`: each order made by the dialect's @parse_order,
 * each number read by its @read_count; at most MEDUSA_JSON_MAX_PAGE_ORDERS
 * orders, and a count of at most MEDUSA_JSON_MAX_ORDER_COUNT. */
MedusaOrderPage *
medusa_json_read_order_page (JsonObject           *object,
                             gboolean              summary,
                             MedusaJsonParseFunc   parse_order,
                             MedusaJsonCountFunc   read_count,
                             GError              **error)
{
  g_autoptr(GListStore) orders = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  MedusaJsonContext ctx = { NULL, summary };
  const char *owner = "the order list";
  guint count;

  if (medusa_json_read_array (&ctx, object, owner, "orders") == NULL)
    medusa_json_fail (&ctx, owner, "orders", "a list");

  orders = medusa_json_read_object_list (&ctx, object, owner, "orders",
                                         MEDUSA_JSON_MAX_PAGE_ORDERS, MEDUSA_TYPE_ORDER,
                                         parse_order);
  /* the count sizes a list model */
  count = read_count (&ctx, object, owner, "count");
  if (count > MEDUSA_JSON_MAX_ORDER_COUNT)
    {
      medusa_json_fail (&ctx, owner, "count", "a count a store can have");
      count = 0;
    }
  page = g_object_new (MEDUSA_TYPE_ORDER_PAGE,
                       "orders", orders,
                       "count", count,
                       "offset", read_count (&ctx, object, owner, "offset"),
                       "limit", read_count (&ctx, object, owner, "limit"),
                       NULL);

  if (!medusa_json_finish (&ctx, error))
    return NULL;

  return g_steal_pointer (&page);
}

/* What a summary keeps of an order's items (@member, a list of at most
 * MEDUSA_JSON_MAX_ORDER_PARTS objects): how many things were ordered, their
 * quantities added up, %G_MAXUINT at most. A row shows the count: making
 * an object of every item of every order listed only to count them cost
 * most of the memory of a long list. */
guint
medusa_json_count_items (MedusaJsonContext      *ctx,
                         JsonObject             *object,
                         const char             *owner,
                         const char             *member,
                         MedusaJsonQuantityFunc  quantity)
{
  JsonArray *array = medusa_json_read_bounded_array (ctx, object, owner, member,
                                                     MEDUSA_JSON_MAX_ORDER_PARTS);
  guint n_elements = array != NULL ? json_array_get_length (array) : 0;
  guint count = 0;

  for (guint i = 0; i < n_elements && ctx->error == NULL; i++)
    {
      JsonObject *element = element_object (ctx, array, i, owner, member);
      guint value;

      if (element == NULL)
        break;
      value = quantity (ctx, element);
      count = value > G_MAXUINT - count ? G_MAXUINT : count + value;
    }

  return count;
}

/* The string @key of each object in a list, e.g. the codes of discounts. */
GStrv
medusa_json_read_member_of_each (MedusaJsonContext *ctx,
                                 JsonObject        *object,
                                 const char        *owner,
                                 const char        *member,
                                 const char        *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = medusa_json_read_bounded_array (ctx, object, owner, member,
                                                     MEDUSA_JSON_MAX_ORDER_PARTS);
  guint n_elements = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n_elements; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *value;

      if (key == NULL)
        {
          if (json_node_get_value_type (element) != G_TYPE_STRING)
            {
              medusa_json_fail (ctx, owner, member, "a list of texts");
              break;
            }
          value = json_node_get_string (element);
        }
      else
        {
          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              medusa_json_fail (ctx, owner, member, "a list of objects");
              break;
            }
          value = medusa_json_read_string (ctx, json_node_get_object (element), member, key);
        }

      if (value != NULL)
        g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

JsonObject *
medusa_json_copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (object == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), object);
  copy = json_node_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

/**
 * medusa_json_parse:
 * @body: a response body
 * @error: where to put an error
 *
 * Returns: (transfer full): the root node of @body, which is an object
 */
JsonNode *
medusa_json_parse (GBytes  *body,
                   GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  MedusaJsonShape shape;
  const char *data;
  JsonNode *root;
  gsize size = 0;

  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an empty answer");
      return NULL;
    }

  if (!medusa_json_scan (data, size, &shape))
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an answer that is not strict JSON, or nested too "
                           "deeply");
      return NULL;
    }

  if (shape.tree_size > MEDUSA_JSON_MAX_TREE_SIZE ||
      shape.tree_size > MEDUSA_JSON_TREE_BASE + MEDUSA_JSON_TREE_PER_BYTE * size)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_RESPONSE_TOO_LARGE,
                   "The store sent an answer of %" G_GSIZE_FORMAT " values in %"
                   G_GSIZE_FORMAT " bytes, more than Patron takes apart", shape.n_nodes, size);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                   "The store sent an answer that is not valid JSON: %s",
                   local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an answer that is not a JSON object");
      return NULL;
    }

  return json_node_ref (root);
}

/* The object in member @member of the body's root, e.g. {"customer": {…}}. */
JsonObject *
medusa_json_parse_envelope (GBytes      *body,
                            const char  *member,
                            JsonNode   **root,
                            GError     **error)
{
  JsonNode *node;

  *root = medusa_json_parse (body, error);
  if (*root == NULL)
    return NULL;

  node = json_object_get_member (json_node_get_object (*root), member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                   "The store’s answer has no “%s”", member);
      return NULL;
    }

  return json_node_get_object (node);
}
