/* medusa-client-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include "medusa-client-private.h"
#include "medusa-error.h"
#include "medusa-json.h"

/*
 * A search or filter the store's Store API cannot do (Medusa v2 filters
 * orders by status only) is done by the client: it asks the store for the
 * whole history a page at a time, newest first, with the filters the store
 * can do, keeps the orders that match, and answers each page asked for from
 * them. The pages asked for while it looks wait for it to finish (the count
 * of matches is known only then); MedusaClient::order-scan-progress says how
 * far it got. The matches answer the next pages of the same search until it
 * has not been asked for in #SCAN_KEPT_SECONDS, another search comes, or
 * the session ends.
 */

/* the store's pages looked through: four of a list's at first (Medusa 2.21
 * answers 200 orders in about 1.5 times the time of 50: a look through
 * 2,000 takes ≈ 3.3 s rather than 5.7), halved while its answer is too
 * large to take (orders of many items: v2 lists each item in full), down
 * to SCAN_MIN_PAGE_SIZE */
#define SCAN_PAGE_SIZE 200
#define SCAN_MIN_PAGE_SIZE 10
/* a search's matches answer its later pages until unused for so long */
#define SCAN_KEPT_SECONDS 120

typedef struct
{
  GTask        *task;          /* a medusa_client_list_orders_async() task */
  guint         offset;
  guint         limit;
  GCancellable *cancellable;   /* the task's, watched */
  gulong        cancelled_id;
} Waiter;

struct _MedusaOrderScan
{
  MedusaClient     *client;    /* unowned: the client owns the scan */
  MedusaOrderScan **slot;      /* where the client has it */
  MedusaOrderQuery *query;     /* the search: no offset, no limit */
  MedusaOrderQuery *asked;     /* what the store is asked, a page at a time */
  GListStore       *matches;
  GHashTable       *match_ids; /* the matches' ids, theirs */
  guint             seen;
  guint             page_size; /* the orders asked for a page */
  gboolean          done;
  gint64            used_at;   /* monotonic µs: done, or a page answered since */
  GPtrArray        *waiting;   /* Waiter */
  GCancellable     *cancellable;
  guint             sweep_source;
};

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancelled_id != 0)
    g_signal_handler_disconnect (waiter->cancellable, waiter->cancelled_id);
  g_clear_object (&waiter->cancellable);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
scan_free (MedusaOrderScan *scan)
{
  g_clear_handle_id (&scan->sweep_source, g_source_remove);
  g_cancellable_cancel (scan->cancellable);
  g_clear_object (&scan->cancellable);
  g_clear_pointer (&scan->waiting, g_ptr_array_unref);
  g_clear_pointer (&scan->match_ids, g_hash_table_unref);
  g_clear_object (&scan->matches);
  medusa_order_query_free (scan->asked);
  medusa_order_query_free (scan->query);
  g_free (scan);
}

/* @query without its page: what a scan answers */
static MedusaOrderQuery *
search_of (const MedusaOrderQuery *query)
{
  MedusaOrderQuery *search = medusa_order_query_copy (query);

  medusa_order_query_set_offset (search, 0);
  medusa_order_query_set_limit (search, 0);

  return search;
}

/* @waiter's page of @matches; or, @matches NULL, @error's failure */
static void
answer (Waiter     *waiter,
        GListModel *matches,
        GError     *error)
{
  GTask *task = g_steal_pointer (&waiter->task);

  if (g_task_return_error_if_cancelled (task))
    g_object_unref (task);
  else if (matches == NULL)
    _medusa_client_list_failed (task, g_error_copy (error));
  else
    {
      g_task_return_pointer (task,
                             _medusa_client_page_of_matches (matches, waiter->offset,
                                                             waiter->limit),
                             g_object_unref);
      g_object_unref (task);
    }
}

/* Every page waiting gets its answer: from the matches, or @error's
 * failure. A failed scan is dropped, so that the next page asks again. */
static void
answer_all (MedusaOrderScan *scan,
            GError          *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&scan->waiting);
  g_autoptr(GListModel) matches = NULL;

  scan->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  if (error == NULL)
    matches = G_LIST_MODEL (g_object_ref (scan->matches));
  else
    {
      *scan->slot = NULL;
      scan_free (scan);
    }
  for (guint i = 0; i < waiting->len; i++)
    answer (g_ptr_array_index (waiting, i), matches, error);
}

static void scan_next_page (MedusaOrderScan *scan);

static void
scan_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  MedusaClient *client = MEDUSA_CLIENT (object);
  MedusaOrderScan *scan = user_data;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;
  guint n_matches;
  guint count;
  guint n;

  /* a scan dropped meanwhile cancelled its page: nothing of it is left
   * (a cancelled task's answer is the cancellation, even one that came) */
  page = medusa_client_list_orders_finish (client, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_assert (*scan->slot == scan);
  if (page == NULL)
    {
      /* orders too large for so many in an answer: fewer at a time */
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_RESPONSE_TOO_LARGE) &&
          scan->page_size / 2 >= SCAN_MIN_PAGE_SIZE)
        {
          scan->page_size /= 2;
          g_debug ("Looking through the orders %u at a time: %s", scan->page_size,
                   error->message);
          scan_next_page (scan);
          return;
        }
      answer_all (scan, error);
      return;
    }

  orders = medusa_order_page_get_orders (page);
  n = g_list_model_get_n_items (orders);
  count = medusa_order_page_get_count (page);
  /* a store whose first page has fewer than asked while there are more has
   * a largest page: so many at a time from now on (fewer than
   * SCAN_MIN_PAGE_SIZE end the look, below) */
  if (scan->seen == 0 && n < scan->page_size && n >= SCAN_MIN_PAGE_SIZE && n < count)
    scan->page_size = n;
  n_matches = g_list_model_get_n_items (G_LIST_MODEL (scan->matches));
  for (guint i = 0; i < n && n_matches < client->max_scan_matches; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      const char *id = medusa_order_get_id (order);

      /* an order placed meanwhile shifts the pages: one seen twice is
       * kept once */
      if (medusa_order_query_matches (scan->query, order) &&
          (id == NULL || g_hash_table_add (scan->match_ids, (gpointer) id)))
        {
          g_list_store_append (scan->matches, order);
          n_matches++;
        }
    }
  scan->seen += n;
  _medusa_client_scan_progress (client, medusa_order_query_get_detail (scan->query), scan->seen,
                                count);

  /* the last page: short, empty, as far as a count can go, or as many
   * matches as are kept (the newest) */
  if (n < scan->page_size || scan->seen >= count ||
      scan->seen >= MEDUSA_JSON_MAX_ORDER_COUNT || n_matches >= client->max_scan_matches)
    {
      scan->done = TRUE;
      scan->used_at = g_get_monotonic_time ();
      answer_all (scan, NULL);
      return;
    }

  scan_next_page (scan);
}

static void
scan_next_page (MedusaOrderScan *scan)
{
  medusa_order_query_set_offset (scan->asked, scan->seen);
  medusa_order_query_set_limit (scan->asked, scan->page_size);
  medusa_client_list_orders_async (scan->client, scan->asked, scan->cancellable, scan_page_cb,
                                   scan);
}

/* The pages no longer waited for are answered (cancelled); a scan nobody
 * waits for any more stops. */
static gboolean
sweep_cb (gpointer user_data)
{
  MedusaOrderScan *scan = user_data;

  scan->sweep_source = 0;
  for (guint i = scan->waiting->len; i > 0; i--)
    {
      Waiter *waiter = g_ptr_array_index (scan->waiting, i - 1);

      if (g_cancellable_is_cancelled (waiter->cancellable))
        {
          g_ptr_array_steal_index (scan->waiting, i - 1);
          answer (waiter, G_LIST_MODEL (scan->matches), NULL);
          waiter_free (waiter);
        }
    }
  if (scan->waiting->len == 0 && !scan->done)
    {
      g_debug ("Stopped looking through the orders: nobody waits for them");
      *scan->slot = NULL;
      scan_free (scan);
    }

  return G_SOURCE_REMOVE;
}

/* where the cancellable is cancelled (the main context: a list's pages);
 * the sweep runs in the main context */
static void
waiter_cancelled_cb (GCancellable    *cancellable,
                     MedusaOrderScan *scan)
{
  if (scan->sweep_source == 0)
    scan->sweep_source = g_idle_add (sweep_cb, scan);
}

/* Stops @scan, if any: the pages that wait for it fail as cancelled. */
static void
drop (MedusaOrderScan **slot)
{
  MedusaOrderScan *scan = g_steal_pointer (slot);
  g_autoptr(GPtrArray) waiting = NULL;

  if (scan == NULL)
    return;

  waiting = g_steal_pointer (&scan->waiting);
  scan->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  scan_free (scan);
  for (guint i = 0; i < waiting->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiting, i);
      GTask *task = g_steal_pointer (&waiter->task);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Another search or session replaced it");
      g_object_unref (task);
    }
}

/**
 * _medusa_client_drop_scan:
 *
 * Forgets the matches of the searches the client did itself (the
 * customer's orders), and stops those under way: the pages that wait for
 * them fail as cancelled.
 */
void
_medusa_client_drop_scan (MedusaClient *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->order_scans); i++)
    drop (&self->order_scans[i]);
}

/**
 * _medusa_client_scan_orders:
 * @query: a search or filter the store cannot do
 * @task: (transfer full): the medusa_client_list_orders_async() task for
 *   @query's page
 *
 * Answers @task from the client's own look through the whole history.
 */
void
_medusa_client_scan_orders (MedusaClient           *self,
                            const MedusaOrderQuery *query,
                            GTask                  *task)
{
  g_autoptr(MedusaOrderQuery) search = search_of (query);
  g_autoptr(MedusaRequest) request = NULL;
  MedusaOrderDetail detail = medusa_order_query_get_detail (query);
  MedusaOrderScan **slot;
  MedusaOrderScan *scan;
  Waiter *waiter;

  /* no longer wanted: nothing to look for */
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_assert (detail < G_N_ELEMENTS (self->order_scans));
  slot = &self->order_scans[detail];
  scan = *slot;
  if (scan != NULL &&
      (!medusa_order_query_equal (scan->query, search) ||
       (scan->done && g_get_monotonic_time () - scan->used_at > SCAN_KEPT_SECONDS * G_USEC_PER_SEC)))
    {
      drop (slot);
      scan = NULL;
    }

  if (scan == NULL)
    {
      scan = g_new0 (MedusaOrderScan, 1);
      scan->client = self;
      scan->slot = slot;
      scan->query = g_steal_pointer (&search);
      scan->matches = g_list_store_new (MEDUSA_TYPE_ORDER);
      scan->match_ids = g_hash_table_new (g_str_hash, g_str_equal);
      scan->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
      scan->cancellable = g_cancellable_new ();
      /* the store is asked for what it can filter (v2: the statuses) */
      scan->asked = medusa_order_query_copy (scan->query);
      medusa_order_query_set_search (scan->asked, NULL);
      medusa_order_query_set_fulfillment_statuses (scan->asked, NULL);
      medusa_order_query_set_payment_statuses (scan->asked, NULL);
      medusa_order_query_set_created_range (scan->asked, NULL, NULL);
      scan->page_size = SCAN_PAGE_SIZE;
      medusa_order_query_set_limit (scan->asked, scan->page_size);
      request = self->dialect->list_orders (scan->asked);
      if (request == NULL)
        {
          medusa_order_query_set_statuses (scan->asked, NULL);
          request = self->dialect->list_orders (scan->asked);
        }
      if (request == NULL)
        {
          scan_free (scan);
          g_task_return_error (task, _medusa_client_not_supported_error (self));
          g_object_unref (task);
          return;
        }
      *slot = scan;
      scan_next_page (scan);
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = task;
  waiter->offset = medusa_order_query_get_offset (query);
  waiter->limit = medusa_order_query_get_limit (query);
  if (scan->done)
    {
      scan->used_at = g_get_monotonic_time ();
      answer (waiter, G_LIST_MODEL (scan->matches), NULL);
      waiter_free (waiter);
      return;
    }
  if (g_task_get_cancellable (task) != NULL)
    {
      waiter->cancellable = g_object_ref (g_task_get_cancellable (task));
      waiter->cancelled_id = g_signal_connect (waiter->cancellable, "cancelled",
                                               G_CALLBACK (waiter_cancelled_cb), scan);
    }
  g_ptr_array_add (scan->waiting, waiter);
}

/* For tests: at most @max_matches of a search's newest matches are kept
 * (#MEDUSA_CLIENT_MAX_SCAN_MATCHES). */
void
_medusa_client_set_max_scan_matches (MedusaClient *self,
                                     guint         max_matches)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (max_matches > 0);

  self->max_scan_matches = max_matches;
}
