/* medusa-client-orders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include "medusa-client-private.h"
#include "medusa-error.h"
#include "medusa-json.h"

typedef struct
{
  MedusaOrderQuery    *query;
  const MedusaDialect *dialect;
  MedusaAnswerStore   *store;        /* nullable */
  GError              *unreachable;
} ListData;

static void
list_data_free (ListData *data)
{
  medusa_order_query_free (data->query);
  g_clear_object (&data->store);
  g_clear_error (&data->unreachable);
  g_free (data);
}

/* Whole orders for a page asked for them (an export's), summaries for a
 * list's: a list of thousands of orders holds no object for each of their
 * items. */
typedef MedusaOrderPage *(*PageParseFunc) (GBytes  *body,
                                           GError **error);

static PageParseFunc
order_page_parser (const MedusaDialect    *dialect,
                   const MedusaOrderQuery *query)
{
  if (medusa_order_query_get_detail (query) == MEDUSA_ORDER_DETAIL_FULL)
    return dialect->parse_order_page;

  return dialect->parse_order_summaries;
}

/* The page of the whole history at @offset, as kept, or NULL. */
static MedusaOrderPage *
recall_page (ListData         *data,
             MedusaOrderQuery *all,
             guint             offset,
             GCancellable     *cancellable)
{
  g_autoptr(MedusaRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;

  medusa_order_query_set_offset (all, offset);
  request = data->dialect->list_orders (all);
  body = medusa_answer_store_recall (data->store, request->path, cancellable, NULL);

  return body != NULL ? order_page_parser (data->dialect, all) (body, NULL) : NULL;
}

/* Out of reach, a search or filter looks through the pages of the whole
 * history that were kept, from the first on, as far as they go. */
static void
search_kept_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ListData *data = task_data;
  g_autoptr(MedusaOrderQuery) all = medusa_order_query_copy (data->query);
  g_autoptr(GListStore) matches = g_list_store_new (MEDUSA_TYPE_ORDER);
  guint limit = medusa_order_query_get_limit (data->query);
  guint offset = medusa_order_query_get_offset (data->query);
  guint seen = 0;

  medusa_order_query_clear_filters (all);
  while (seen < MEDUSA_JSON_MAX_ORDER_COUNT)
    {
      g_autoptr(MedusaOrderPage) page = recall_page (data, all, seen, cancellable);
      GListModel *orders = page != NULL ? medusa_order_page_get_orders (page) : NULL;
      guint n = orders != NULL ? g_list_model_get_n_items (orders) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

          if (medusa_order_query_matches (data->query, order))
            g_list_store_append (matches, order);
        }
      seen += n;
      if (n == 0 || seen >= medusa_order_page_get_count (page))
        break;
    }

  if (seen == 0)
    {
      g_task_return_error (task, g_steal_pointer (&data->unreachable));
      return;
    }

  g_task_return_pointer (task, _medusa_client_page_of_matches (G_LIST_MODEL (matches), offset,
                                                               limit),
                         g_object_unref);
}

/* The page at @offset of @matches, all of them counted. */
MedusaOrderPage *
_medusa_client_page_of_matches (GListModel *matches,
                                guint       offset,
                                guint       limit)
{
  g_autoptr(GListStore) shown = g_list_store_new (MEDUSA_TYPE_ORDER);
  guint n_matches = g_list_model_get_n_items (matches);

  for (guint i = offset; i < n_matches && (limit == 0 || i < offset + limit); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (matches, i);

      g_list_store_append (shown, order);
    }

  return g_object_new (MEDUSA_TYPE_ORDER_PAGE,
                       "orders", shown,
                       "count", n_matches,
                       "offset", offset,
                       "limit", limit,
                       NULL);
}

/**
 * _medusa_client_list_failed:
 * @task: (transfer full): a medusa_client_list_orders_async() task
 * @error: (transfer full): why the store's answer did not come
 *
 * Out of reach, a search or filter is answered from the pages kept of the
 * whole history; anything else fails with @error.
 */
void
_medusa_client_list_failed (GTask  *task,
                            GError *error)
{
  ListData *data = g_task_get_task_data (task);

  if (data->store != NULL && _medusa_client_is_unreachable (error) &&
      medusa_order_query_has_filters (data->query))
    {
      data->unreachable = error;
      g_task_run_in_thread (task, search_kept_thread);
      g_object_unref (task);
      return;
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* A page holds no more orders than were asked for. */
static void
list_orders_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  guint limit = medusa_order_query_get_limit (data->query);
  g_autoptr(MedusaOrderPage) page = NULL;
  GError *error = NULL;
  guint n_orders;

  page = _medusa_client_call_finish (MEDUSA_CLIENT (object), result, list_orders_cb, &error);
  if (page == NULL)
    {
      _medusa_client_list_failed (g_steal_pointer (&task), error);
      return;
    }

  n_orders = g_list_model_get_n_items (medusa_order_page_get_orders (page));
  if (limit > 0 && n_orders > limit)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                               "The store sent %u orders where %u were asked for",
                               n_orders, limit);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&page), g_object_unref);
}

/**
 * medusa_client_list_orders_async:
 * @query: which orders, and which page of them
 *
 * Lists the signed-in customer's orders, newest first. A page with more
 * orders than the query's limit fails with %MEDUSA_ERROR_INVALID_RESPONSE.
 */
void
medusa_client_list_orders_async (MedusaClient           *self,
                                 const MedusaOrderQuery *query,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_autoptr(MedusaOrderQuery) defaults = NULL;
  MedusaRequest *request;
  ListData *data;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (query == NULL)
    query = defaults = medusa_order_query_new ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_orders_async);
  data = g_new0 (ListData, 1);
  data->query = medusa_order_query_copy (query);
  data->dialect = self->dialect;
  data->store = self->answer_store != NULL ? g_object_ref (self->answer_store) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  request = self->dialect->list_orders (query);
  /* a search or filter the store cannot do: the client looks through the
   * whole history itself */
  if (request == NULL && medusa_order_query_has_filters (query))
    {
      _medusa_client_scan_orders (self, query, task);
      return;
    }
  /* pages of whole orders are an export's, not what a list shows; the
   * count (a page of one id) is what the account page starts with */
  if (medusa_order_query_get_detail (query) != MEDUSA_ORDER_DETAIL_FULL)
    _medusa_client_mark_keepable (request, self->dialect->keep_order_page,
                                  medusa_order_query_get_detail (query) == MEDUSA_ORDER_DETAIL_ID);
  _medusa_client_call (self, request, (ParseFunc) order_page_parser (self->dialect, query),
                       list_orders_cb, cancellable, list_orders_cb, task);
}

/**
 * medusa_client_list_orders_finish:
 *
 * Returns: (transfer full): a page of orders with the total count
 */
MedusaOrderPage *
medusa_client_list_orders_finish (MedusaClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_list_orders_async, error);
}

static void
get_order_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *order_id = g_task_get_task_data (task);
  g_autoptr(MedusaOrder) order = NULL;
  GError *error = NULL;

  order = _medusa_client_call_finish (MEDUSA_CLIENT (object), result, get_order_cb, &error);
  if (order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_strcmp0 (medusa_order_get_id (order), order_id) != 0)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                               "The store sent another order than the one asked for");
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&order), g_object_unref);
}

/**
 * medusa_client_get_order_async:
 * @order_id: the order's id
 *
 * Gets one of the signed-in customer's orders in full. An answer with
 * another order (a store that ignored the id) fails with
 * %MEDUSA_ERROR_INVALID_RESPONSE.
 */
void
medusa_client_get_order_async (MedusaClient        *self,
                               const char          *order_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_get_order_async);
  g_task_set_task_data (task, g_strdup (order_id), g_free);
  _medusa_client_call (self,
                       _medusa_client_mark_keepable (self->dialect->get_order (order_id),
                                                     self->dialect->keep_order, FALSE),
                       (ParseFunc) self->dialect->parse_order,
                       get_order_cb, cancellable, get_order_cb, task);
}

/**
 * medusa_client_get_order_finish:
 *
 * Returns: (transfer full): the order with its items, fulfillments and totals
 */
MedusaOrder *
medusa_client_get_order_finish (MedusaClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_get_order_async, error);
}
