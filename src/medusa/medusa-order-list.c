/* medusa-order-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-order-list"

#include "config.h"


#include "medusa-error.h"
#include "medusa-order-list.h"

/**
 * MedusaOrderSlot:
 *
 * One position of a #MedusaOrderList: its #MedusaOrder once the page holding
 * it has arrived, a placeholder until then.
 */

struct _MedusaOrderSlot
{
  GObject      parent_instance;

  MedusaOrder *order;
  guint        position;
  gboolean     failed;
};

G_DEFINE_FINAL_TYPE (MedusaOrderSlot, medusa_order_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_ORDER,
  SLOT_PROP_FAILED,
  SLOT_PROP_POSITION,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

static void
medusa_order_slot_finalize (GObject *object)
{
  MedusaOrderSlot *self = (MedusaOrderSlot *)object;

  g_clear_object (&self->order);

  G_OBJECT_CLASS (medusa_order_slot_parent_class)->finalize (object);
}

static void
medusa_order_slot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MedusaOrderSlot *self = MEDUSA_ORDER_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_ORDER:
      g_value_set_object (value, self->order);
      break;

    case SLOT_PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;

    case SLOT_PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_slot_class_init (MedusaOrderSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_order_slot_finalize;
  object_class->get_property = medusa_order_slot_get_property;

  slot_properties[SLOT_PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         MEDUSA_TYPE_ORDER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  slot_properties[SLOT_PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  slot_properties[SLOT_PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
medusa_order_slot_init (MedusaOrderSlot *self)
{
}

/**
 * medusa_order_slot_get_order:
 *
 * Returns: (nullable): the order, or %NULL while its page is not loaded
 */
MedusaOrder *
medusa_order_slot_get_order (MedusaOrderSlot *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_SLOT (self), NULL);

  return self->order;
}

/**
 * medusa_order_slot_get_failed:
 *
 * Returns: whether loading this order's page failed (see medusa_order_list_retry())
 */
gboolean
medusa_order_slot_get_failed (MedusaOrderSlot *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_SLOT (self), FALSE);

  return self->failed;
}

guint
medusa_order_slot_get_position (MedusaOrderSlot *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_SLOT (self), 0);

  return self->position;
}

static void
slot_set_order (MedusaOrderSlot *self,
                MedusaOrder     *order)
{
  if (g_set_object (&self->order, order))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ORDER]);
}

static void
slot_set_failed (MedusaOrderSlot *self,
                 gboolean         failed)
{
  if (self->failed != failed)
    {
      self->failed = failed;
      g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_FAILED]);
    }
}

/* ------------------------------------------------------------------------ */

/**
 * MedusaOrderList:
 *
 * The signed-in customer's orders as a #GListModel of #MedusaOrderSlot. The
 * first page tells the total count, so the list has its full length (and a
 * view its scrollbar) from the start; every other page is asked for only
 * when the view says one of its positions is on screen
 * (medusa_order_list_ensure_range()), once. Asking for an item asks for
 * nothing: a toolkit's view makes rows for far more items than it shows, and
 * a row whose page is not here shows its placeholder. Slots are made only
 * when first asked for or filled. A failed page marks its slots failed until
 * retried. A new query cancels every page in flight, and so does disposing
 * the list: a page in flight does not keep the list alive.
 *
 * The list shows the orders as they were when its first page came: the
 * other pages ask only for orders created before the newest one of the first
 * page. So an order placed meanwhile shifts no page (no order shows twice,
 * none goes missing) and shows once the list starts over
 * (medusa_order_list_set_query()). An order that leaves the filter meanwhile
 * (say canceled while the list shows the pending ones) still shifts the later
 * pages by one: the store's count wins and the list shrinks to it. A store
 * without date filters (Medusa v2) cannot be asked for such a snapshot: a
 * page whose first orders the page before it ends with has moved by an
 * order placed meanwhile, and is asked for again that much further on
 * (twice at most); the list keeps the first page's length.
 *
 * A count known from elsewhere (medusa_order_list_set_expected_count()) gives
 * the list its length before the first page comes, so a view makes its rows
 * and scrollbar while waiting. The other pages are still asked for only once
 * the first page has come, for its snapshot: those the view showed last
 * while it waited go out together when the main loop is next idle after it.
 *
 * A list may be made ahead of time and held (medusa_order_list_set_held()):
 * it asks for nothing, not even its first page, until it is released, while
 * a view makes its rows over the expected count's placeholders.
 */

struct _MedusaOrderList
{
  GObject           parent_instance;

  MedusaClient     *client;
  MedusaOrderQuery *query;
  guint             page_size;

  GPtrArray        *slots;
  gboolean          loaded;
  GError           *error;
  GHashTable       *in_flight;     /* page index → itself */
  GCancellable     *generation;    /* cancelled when the query changes */
  GDateTime        *snapshot;      /* later pages: orders created before this */
  guint             shift;         /* or orders placed since, as found */
  GHashTable       *deferred;      /* pages on screen before the first page came */
  guint             send_idle;     /* sends them */
  guint             n_requests;
  gboolean          held;          /* asks for nothing yet */
};

static void medusa_order_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedusaOrderList, medusa_order_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      medusa_order_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOADED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* @self is not owned: the list cancels @generation when it starts over or is
 * disposed, and the answer to a cancelled generation never looks at @self. */
typedef struct
{
  MedusaOrderList *self;
  GCancellable    *generation;
  guint            page;
  guint            shift;    /* the list's shift when it was sent */
  guint            resent;   /* how often, for a shift found */
} PageRequest;

/* a page found moved is asked for again at most so often */
#define MAX_RESENT 2

static void
page_request_free (PageRequest *request)
{
  g_clear_object (&request->generation);
  g_free (request);
}

static void request_page (MedusaOrderList *self,
                          guint            page);
static void send_page    (MedusaOrderList *self,
                          guint            page,
                          guint            resent);

static void
slot_unref (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

/* The slot at @position, made when first needed: of a list of 10,000
 * orders, a view showing twenty asks for a few hundred. */
static MedusaOrderSlot *
get_slot (MedusaOrderList *self,
          guint            position)
{
  MedusaOrderSlot *slot = g_ptr_array_index (self->slots, position);

  if (slot == NULL)
    {
      slot = g_object_new (MEDUSA_TYPE_ORDER_SLOT, NULL);
      slot->position = position;
      self->slots->pdata[position] = slot;
    }

  return slot;
}

/* Gives the list @count slots without telling anyone: returns how many it
 * had, for announce_resize(). */
static guint
resize_quietly (MedusaOrderList *self,
                guint            count)
{
  guint old = self->slots->len;

  g_ptr_array_set_size (self->slots, count);

  return old;
}

static void
announce_resize (MedusaOrderList *self,
                 guint            old)
{
  guint count = self->slots->len;

  if (count == old)
    return;

  if (count > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, count - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), count, old - count, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The pages asked for while the list waited for its first page, now that it
 * has come: those still in the list. */
static void
request_deferred (MedusaOrderList *self)
{
  g_autoptr(GHashTable) deferred = NULL;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->deferred) == 0)
    return;

  deferred = g_steal_pointer (&self->deferred);
  self->deferred = g_hash_table_new (NULL, NULL);
  g_hash_table_iter_init (&iter, deferred);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (GPOINTER_TO_UINT (key) * self->page_size < self->slots->len)
      request_page (self, GPOINTER_TO_UINT (key));
}

static gboolean
send_deferred_cb (gpointer data)
{
  MedusaOrderList *self = data;

  /* loading throughout: the idle is still set while they go out */
  request_deferred (self);
  self->send_idle = 0;
  if (!medusa_order_list_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  return G_SOURCE_REMOVE;
}

/* The pages the view showed while the first page was on its way go out
 * together once it is drawn: after the frame that shows the first page,
 * which they would otherwise hold up, on a machine where the store competes
 * for the same cores. */
static void
send_deferred_later (MedusaOrderList *self)
{
  if (self->send_idle == 0 && self->loaded && g_hash_table_size (self->deferred) > 0)
    self->send_idle = g_idle_add_full (G_PRIORITY_LOW, send_deferred_cb, self, NULL);
}

/* Whether later pages come with the first one's snapshot (v1: orders
 * created before its newest) */
static gboolean
pages_by_snapshot (MedusaOrderList *self)
{
  return self->snapshot != NULL &&
         (medusa_client_get_capabilities (self->client) & MEDUSA_CAPABILITY_ORDER_DATE_FILTER);
}

/* How many orders were placed since the page before @first came, as far as
 * @orders tell: they start with its last one (and those before it). */
static guint
orders_placed_since (MedusaOrderList *self,
                     guint            first,
                     GListModel      *orders)
{
  MedusaOrderSlot *before;
  const char *id;
  guint n = g_list_model_get_n_items (orders);

  if (first == 0 || first > self->slots->len)
    return 0;
  before = g_ptr_array_index (self->slots, first - 1);
  if (before == NULL || before->order == NULL || (id = medusa_order_get_id (before->order)) == NULL)
    return 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      if (g_strcmp0 (medusa_order_get_id (order), id) == 0)
        return i + 1;
    }

  return 0;
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PageRequest *request = user_data;
  MedusaOrderList *self = request->self;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_loading;
  guint first;
  GListModel *orders;

  page = medusa_client_list_orders_finish (MEDUSA_CLIENT (object), result, &error);

  /* an answer for a query that is no longer asked is of no use, and the list
   * may be gone */
  if (g_cancellable_is_cancelled (request->generation))
    {
      page_request_free (request);
      return;
    }

  first = request->page * self->page_size;
  was_loading = medusa_order_list_get_loading (self);

  /* a page moved by orders placed since it was asked for (or since the
   * list found some): again, that much further on */
  if (page != NULL && !pages_by_snapshot (self) && request->resent < MAX_RESENT)
    {
      guint placed = orders_placed_since (self, first, medusa_order_page_get_orders (page));

      self->shift = MAX (self->shift, request->shift + placed);
      if (request->shift != self->shift)
        {
          g_debug ("Page %u of the orders moved by %u orders placed since: asked again",
                   request->page, self->shift - request->shift);
          send_page (self, request->page, request->resent + 1);
          page_request_free (request);
          return;
        }
    }

  if (page == NULL)
    {
      g_debug ("Page %u of the orders failed: %s", request->page, error->message);
      if (!self->loaded)
        {
          g_clear_error (&self->error);
          self->error = g_steal_pointer (&error);
        }
      for (guint i = first; i < MIN (first + self->page_size, self->slots->len); i++)
        slot_set_failed (get_slot (self, i), TRUE);
    }
  else
    {
      gboolean was_loaded = self->loaded;
      guint n_orders;
      guint old;

      self->loaded = TRUE;
      g_clear_error (&self->error);

      orders = medusa_order_page_get_orders (page);
      if (self->snapshot == NULL && request->page == 0 && g_list_model_get_n_items (orders) > 0)
        {
          g_autoptr(MedusaOrder) newest = g_list_model_get_item (orders, 0);
          GDateTime *created_at = medusa_order_get_created_at (newest);

          /* the store keeps microseconds but sends milliseconds */
          if (created_at != NULL)
            self->snapshot = g_date_time_add (created_at, G_TIME_SPAN_MILLISECOND);
        }

      /* The store's count wins: orders may have left the filter meanwhile.
       * The orders go into their slots before a view hears of new slots, so
       * it binds its rows once, to orders rather than placeholders. */
      old = resize_quietly (self, medusa_order_page_get_count (page) > self->shift
                                  ? medusa_order_page_get_count (page) - self->shift : 0);

      n_orders = g_list_model_get_n_items (orders);
      for (guint i = 0; i < n_orders; i++)
        {
          g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
          MedusaOrderSlot *slot;

          if (first + i >= self->slots->len)
            break;
          slot = get_slot (self, first + i);
          slot_set_failed (slot, FALSE);
          slot_set_order (slot, order);
        }
      /* A page shorter than the store's own count says (a careless store,
       * or one that lies): the orders it left out failed to come, rather
       * than waiting for them forever. */
      for (guint i = first + n_orders; i < MIN (first + self->page_size, self->slots->len); i++)
        {
          MedusaOrderSlot *slot = get_slot (self, i);

          if (slot->order == NULL)
            slot_set_failed (slot, TRUE);
        }

      announce_resize (self, old);
      if (!was_loaded)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
      send_deferred_later (self);
    }

  g_hash_table_remove (self->in_flight, GUINT_TO_POINTER (request->page));

  if (was_loading != medusa_order_list_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  page_request_free (request);
}

static void
request_page (MedusaOrderList *self,
              guint            page)
{
  gboolean was_loading;

  if (self->client == NULL || g_hash_table_contains (self->in_flight, GUINT_TO_POINTER (page)))
    return;

  /* a held list asks for the first page once released; the other pages
   * wait for the first one: they need its snapshot */
  if (self->held && page == 0)
    return;
  if (page != 0 && (!self->loaded || self->held))
    {
      g_hash_table_add (self->deferred, GUINT_TO_POINTER (page));
      return;
    }

  was_loading = medusa_order_list_get_loading (self);
  g_hash_table_add (self->in_flight, GUINT_TO_POINTER (page));
  send_page (self, page, 0);

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Sends the request for @page, in flight */
static void
send_page (MedusaOrderList *self,
           guint            page,
           guint            resent)
{
  g_autoptr(MedusaOrderQuery) query = NULL;
  PageRequest *request;

  self->n_requests++;
  query = medusa_order_query_copy (self->query);
  medusa_order_query_set_limit (query, self->page_size);
  /* a store without date filters (v2) pages without a snapshot: past the
   * orders placed since the first page, as found */
  medusa_order_query_set_offset (query, page * self->page_size + self->shift);
  if (pages_by_snapshot (self))
    {
      GDateTime *before = medusa_order_query_get_created_before (query);

      if (before == NULL || g_date_time_compare (self->snapshot, before) < 0)
        medusa_order_query_set_created_range (query, medusa_order_query_get_created_after (query),
                                              self->snapshot);
    }

  request = g_new0 (PageRequest, 1);
  request->self = self;
  request->generation = g_object_ref (self->generation);
  request->page = page;
  request->shift = self->shift;
  request->resent = resent;
  medusa_client_list_orders_async (self->client, query, self->generation, page_cb, request);
}

static GType
medusa_order_list_get_item_type (GListModel *model)
{
  return MEDUSA_TYPE_ORDER_SLOT;
}

static guint
medusa_order_list_get_n_items (GListModel *model)
{
  return MEDUSA_ORDER_LIST (model)->slots->len;
}

static gpointer
medusa_order_list_get_item (GListModel *model,
                            guint       position)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (model);
  MedusaOrderSlot *slot;

  if (position >= self->slots->len)
    return NULL;

  slot = get_slot (self, position);

  return g_object_ref (slot);
}

static void
medusa_order_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = medusa_order_list_get_item_type;
  iface->get_n_items = medusa_order_list_get_n_items;
  iface->get_item = medusa_order_list_get_item;
}

static void
medusa_order_list_dispose (GObject *object)
{
  MedusaOrderList *self = (MedusaOrderList *)object;

  g_cancellable_cancel (self->generation);
  g_clear_handle_id (&self->send_idle, g_source_remove);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (medusa_order_list_parent_class)->dispose (object);
}

static void
medusa_order_list_finalize (GObject *object)
{
  MedusaOrderList *self = (MedusaOrderList *)object;

  g_clear_object (&self->generation);
  g_clear_pointer (&self->snapshot, g_date_time_unref);
  g_clear_pointer (&self->query, medusa_order_query_free);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (medusa_order_list_parent_class)->finalize (object);
}

static void
medusa_order_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, medusa_order_list_get_loading (self));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->slots->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_list_class_init (MedusaOrderListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_order_list_dispose;
  object_class->finalize = medusa_order_list_finalize;
  object_class->get_property = medusa_order_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_order_list_init (MedusaOrderList *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_unref);
  self->in_flight = g_hash_table_new (NULL, NULL);
  self->deferred = g_hash_table_new (NULL, NULL);
  self->generation = g_cancellable_new ();
  self->query = medusa_order_query_new ();
}

/**
 * medusa_order_list_new:
 * @client: a signed-in client
 * @page_size: how many orders one request asks for
 *
 * Returns: (transfer full): an empty list: set a query to load it
 */
MedusaOrderList *
medusa_order_list_new (MedusaClient *client,
                       guint         page_size)
{
  MedusaOrderList *self;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (page_size > 0, NULL);

  self = g_object_new (MEDUSA_TYPE_ORDER_LIST, NULL);
  self->client = g_object_ref (client);
  self->page_size = page_size;

  return self;
}

/**
 * medusa_order_list_set_query:
 * @query: (nullable): the filters and search; its limit and offset are
 *   ignored
 *
 * Starts over with @query: pages in flight are cancelled, the list empties,
 * and the first page is asked for.
 */
void
medusa_order_list_set_query (MedusaOrderList        *self,
                             const MedusaOrderQuery *query)
{
  g_autoptr(MedusaOrderQuery) copy = NULL;

  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  /* before the old one goes: starting over is set_query (get_query ()) */
  copy = query != NULL ? medusa_order_query_copy (query) : medusa_order_query_new ();
  g_cancellable_cancel (self->generation);
  g_clear_object (&self->generation);
  self->generation = g_cancellable_new ();
  g_hash_table_remove_all (self->in_flight);
  g_hash_table_remove_all (self->deferred);
  g_clear_handle_id (&self->send_idle, g_source_remove);
  g_clear_pointer (&self->snapshot, g_date_time_unref);
  self->shift = 0;

  g_clear_pointer (&self->query, medusa_order_query_free);
  self->query = g_steal_pointer (&copy);

  g_clear_error (&self->error);
  if (self->loaded)
    {
      self->loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  announce_resize (self, resize_quietly (self, 0));
  request_page (self, 0);
}

const MedusaOrderQuery *
medusa_order_list_get_query (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), NULL);

  return self->query;
}

guint
medusa_order_list_get_page_size (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), 0);

  return self->page_size;
}

/**
 * medusa_order_list_get_loading:
 *
 * Returns: whether any page is being asked for, or is about to be (the
 *   pages on screen while the first page was on its way go out together
 *   once the main loop is idle after it)
 */
gboolean
medusa_order_list_get_loading (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), FALSE);

  return g_hash_table_size (self->in_flight) > 0 || self->send_idle != 0;
}

/**
 * medusa_order_list_get_loaded:
 *
 * Returns: whether the first page arrived, so the count is known
 */
gboolean
medusa_order_list_get_loaded (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), FALSE);

  return self->loaded;
}

/**
 * medusa_order_list_get_error:
 *
 * Returns: (nullable): why the first page could not be loaded
 */
const GError *
medusa_order_list_get_error (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), NULL);

  return self->error;
}

/**
 * medusa_order_list_get_n_requests:
 *
 * Returns: how many pages were asked for since the list was made
 */
guint
medusa_order_list_get_n_requests (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), 0);

  return self->n_requests;
}

/**
 * medusa_order_list_set_expected_count:
 * @count: how many orders another answer said the query matches, such as
 *   a count asked for with a one-order page
 *
 * Gives the list @count placeholder slots while its first page is on its
 * way, so a view can make its rows and size its scrollbar meanwhile. The
 * first page's own count wins when it comes. Does nothing once the first
 * page has come, or while the list has slots already.
 */
void
medusa_order_list_set_expected_count (MedusaOrderList *self,
                                      guint            count)
{
  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  if (self->loaded || self->error != NULL || self->slots->len > 0)
    return;

  announce_resize (self, resize_quietly (self, count));
}

/**
 * medusa_order_list_set_held:
 * @held: whether the list asks the store for nothing for now
 *
 * A held list asks for no page: a view can be made over it ahead of time,
 * its rows over the placeholders of an expected count
 * (medusa_order_list_set_expected_count()), before anyone looks. Released,
 * it asks for its first page if it has not come, and then for the pages
 * asked for meanwhile that are still missing.
 */
void
medusa_order_list_set_held (MedusaOrderList *self,
                            gboolean         held)
{
  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  held = !!held;
  if (self->held == held)
    return;

  self->held = held;
  if (held)
    return;

  if (!self->loaded)
    request_page (self, 0);
  else
    send_deferred_later (self);
}

/**
 * medusa_order_list_get_held:
 *
 * Returns: whether the list is held (medusa_order_list_set_held())
 */
gboolean
medusa_order_list_get_held (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), FALSE);

  return self->held;
}

/**
 * medusa_order_list_retry:
 * @position: any position of the failed page; for a failed first page, 0
 *
 * Asks again for the page holding @position.
 */
void
medusa_order_list_retry (MedusaOrderList *self,
                         guint            position)
{
  guint page;
  guint first;

  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  page = position / self->page_size;
  first = page * self->page_size;
  for (guint i = first; i < MIN (first + self->page_size, self->slots->len); i++)
    slot_set_failed (get_slot (self, i), FALSE);

  request_page (self, page);
}

/* Whether page @page is neither here, nor on its way, nor failed (a failed
 * page waits for medusa_order_list_retry()). A page that came fills its
 * first slot. */
static gboolean
page_missing (MedusaOrderList *self,
              guint            page)
{
  guint first = page * self->page_size;
  MedusaOrderSlot *slot;

  if (first >= self->slots->len || g_hash_table_contains (self->in_flight, GUINT_TO_POINTER (page)))
    return FALSE;

  slot = g_ptr_array_index (self->slots, first);

  return slot == NULL || (slot->order == NULL && !slot->failed);
}

/**
 * medusa_order_list_ensure_range:
 * @position: the first position a view shows
 * @n_items: how many it shows from there (and, say, the screen after them
 *   in the direction it scrolls)
 *
 * Asks for the pages holding these positions that are not here yet, each
 * once. Before the first page has come they wait for it, and a later call
 * replaces those waiting: a view that moved on meanwhile does not need
 * them.
 */
void
medusa_order_list_ensure_range (MedusaOrderList *self,
                                guint            position,
                                guint            n_items)
{
  guint first_page;
  guint last_page;

  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  if (n_items == 0 || position >= self->slots->len)
    return;

  n_items = MIN (n_items, self->slots->len - position);
  first_page = position / self->page_size;
  last_page = (position + n_items - 1) / self->page_size;

  /* request_page() sends, or keeps the page for when the first one came */
  if (!self->loaded)
    g_hash_table_remove_all (self->deferred);
  for (guint page = first_page; page <= last_page; page++)
    if (page_missing (self, page))
      request_page (self, page);
}
