/* patron-visit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-visit"

#include "config.h"

#include "patron-visit.h"

/**
 * PatronVisit:
 *
 * One customer's visit, from signing in to signing out: the single owner of
 * everything Patron holds of that customer — the #MedusaCustomer (with its
 * addresses), their order count and the requests made for them
 * (#PatronVisit:cancellable). The
 * session (#PatronSession:visit) holds the visit while the customer is
 * signed in; windows and pages take what they show from it. Ending the
 * visit (patron_visit_end()) cancels all that it asked for; dropping the last reference to it lets go of the customer.
 */

struct _PatronVisit
{
  GObject          parent_instance;

  MedusaClient    *client;
  MedusaCustomer  *customer;
  GCancellable    *cancellable;
  gboolean         ended;

  int              order_count;        /* -1 until counted */
  GCancellable    *count_cancellable;  /* a count on its way */
  guint            count_idle;
};

G_DEFINE_FINAL_TYPE (PatronVisit, patron_visit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CUSTOMER,
  PROP_ORDER_COUNT,
  PROP_CANCELLABLE,
  PROP_ENDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_order_count (PatronVisit *self,
                 int          count)
{
  if (self->order_count == count)
    return;

  self->order_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER_COUNT]);
}

static void
order_count_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PatronVisit) self = user_data;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = medusa_client_list_orders_finish (MEDUSA_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* not cancelled: the count on its way was this one */
  g_clear_object (&self->count_cancellable);
  if (page == NULL)
    {
      /* the count is a nicety: without it the account says less */
      g_debug ("Could not count the orders: %s", error->message);
      return;
    }

  set_order_count (self, MIN (medusa_order_page_get_count (page), G_MAXINT));
}

/* One order is enough to learn how many there are. */
static gboolean
count_orders_cb (gpointer data)
{
  PatronVisit *self = data;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  self->count_idle = 0;
  self->count_cancellable = g_cancellable_new ();
  medusa_order_query_set_limit (query, 1);
  medusa_order_query_set_detail (query, MEDUSA_ORDER_DETAIL_ID);
  medusa_client_list_orders_async (self->client, query, self->count_cancellable,
                                   order_count_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* the count asked for, or waiting to be, is not */
static void
cancel_count (PatronVisit *self)
{
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_handle_id (&self->count_idle, g_source_remove);
}

/* The count is a nicety: it is asked for once the main loop is idle, after
 * the frame that shows the customer. It does not wait for other requests
 * on their way: with a store 100 ms away that cost a round trip and saved
 * nothing (benchmarks/README.md). */
static void
count_orders (PatronVisit *self)
{
  cancel_count (self);
  if (self->customer != NULL && !self->ended)
    self->count_idle = g_idle_add_full (G_PRIORITY_LOW, count_orders_cb, self, NULL);
}

/* ------------------------------------------------------------------------ */

static void
patron_visit_dispose (GObject *object)
{
  PatronVisit *self = (PatronVisit *)object;

  patron_visit_end (self);
  g_clear_object (&self->customer);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (patron_visit_parent_class)->dispose (object);
}

static void
patron_visit_finalize (GObject *object)
{
  PatronVisit *self = (PatronVisit *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (patron_visit_parent_class)->finalize (object);
}

static void
patron_visit_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PatronVisit *self = PATRON_VISIT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    case PROP_ORDER_COUNT:
      g_value_set_int (value, self->order_count);
      break;

    case PROP_CANCELLABLE:
      g_value_set_object (value, self->cancellable);
      break;

    case PROP_ENDED:
      g_value_set_boolean (value, self->ended);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_visit_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PatronVisit *self = PATRON_VISIT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_visit_class_init (PatronVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = patron_visit_dispose;
  object_class->finalize = patron_visit_finalize;
  object_class->get_property = patron_visit_get_property;
  object_class->set_property = patron_visit_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         MEDUSA_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * PatronVisit:customer:
   *
   * The customer, %NULL while a kept session is being resumed. It is
   * replaced by a newer copy of the same customer when they sign in again
   * (a new email or password), never by another customer.
   */
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         MEDUSA_TYPE_CUSTOMER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * PatronVisit:order-count:
   *
   * How many orders the customer has, or -1 while not known. It is counted
   * whenever the customer is set.
   */
  properties[PROP_ORDER_COUNT] =
    g_param_spec_int ("order-count", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * PatronVisit:cancellable:
   *
   * Cancelled when the visit ends: for whatever is asked on the customer's
   * behalf and has no use afterwards.
   */
  properties[PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL,
                         G_TYPE_CANCELLABLE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENDED] =
    g_param_spec_boolean ("ended", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
patron_visit_init (PatronVisit *self)
{
  self->order_count = -1;
  self->cancellable = g_cancellable_new ();
}

/**
 * patron_visit_new:
 * @client: the client that asks the store for this customer
 *
 * Returns: (transfer full): a visit without a customer yet
 */
PatronVisit *
patron_visit_new (MedusaClient *client)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);

  return g_object_new (PATRON_TYPE_VISIT, "client", client, NULL);
}

MedusaClient *
patron_visit_get_client (PatronVisit *self)
{
  g_return_val_if_fail (PATRON_IS_VISIT (self), NULL);

  return self->client;
}

/**
 * patron_visit_get_customer:
 *
 * Returns: (nullable): the customer
 */
MedusaCustomer *
patron_visit_get_customer (PatronVisit *self)
{
  g_return_val_if_fail (PATRON_IS_VISIT (self), NULL);

  return self->customer;
}

/**
 * patron_visit_set_customer:
 *
 * The customer of the visit, as the store answered; again after they
 * signed in again. Their orders are counted again, unless a count is on
 * its way, but a count already known stays meanwhile.
 */
void
patron_visit_set_customer (PatronVisit    *self,
                           MedusaCustomer *customer)
{
  g_return_if_fail (PATRON_IS_VISIT (self));
  g_return_if_fail (MEDUSA_IS_CUSTOMER (customer));
  g_return_if_fail (!self->ended);
  g_return_if_fail (self->customer == NULL ||
                    g_strcmp0 (medusa_customer_get_id (self->customer),
                               medusa_customer_get_id (customer)) == 0);

  if (!g_set_object (&self->customer, customer))
    return;

  /* a count asked for meanwhile (while a kept copy of the customer was
   * shown) answers for this customer as well */
  if (self->count_idle == 0 && self->count_cancellable == NULL)
    count_orders (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

/**
 * patron_visit_get_order_count:
 *
 * Returns: how many orders the customer has, or -1 while not known
 */
int
patron_visit_get_order_count (PatronVisit *self)
{
  g_return_val_if_fail (PATRON_IS_VISIT (self), -1);

  return self->order_count;
}

/**
 * patron_visit_get_cancellable:
 *
 * Returns: (transfer none): cancelled when the visit ends
 */
GCancellable *
patron_visit_get_cancellable (PatronVisit *self)
{
  g_return_val_if_fail (PATRON_IS_VISIT (self), NULL);

  return self->cancellable;
}

/**
 * patron_visit_end:
 *
 * Ends the visit: what it asked for is cancelled and nothing more is
 * asked. The customer stays until the last reference
 * to the visit goes.
 */
void
patron_visit_end (PatronVisit *self)
{
  g_return_if_fail (PATRON_IS_VISIT (self));

  if (self->ended)
    return;

  self->ended = TRUE;
  g_cancellable_cancel (self->cancellable);
  cancel_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
}

gboolean
patron_visit_get_ended (PatronVisit *self)
{
  g_return_val_if_fail (PATRON_IS_VISIT (self), TRUE);

  return self->ended;
}
