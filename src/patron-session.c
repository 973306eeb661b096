/* patron-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-session"

#include "config.h"

#include <string.h>

#include "patron-secrets.h"
#include "patron-session.h"
#include "patron-store-api.h"

/**
 * PatronSession:
 *
 * Who is signed in at which store: the #MedusaClient, the signed-in
 * #MedusaCustomer that windows bind to, and the keyring item of a customer
 * who chose to stay signed in. Signing out or an expired session drops the
 * customer, so every model built on it goes with it.
 */

struct _PatronSession
{
  GObject         parent_instance;

  char           *store_url;
  MedusaClient   *client;
  MedusaCustomer *customer;
  char           *email;
  gboolean        remember;
  gboolean        keep_sessions;
  int             order_count;        /* -1 until counted */
  GCancellable   *count_cancellable;
  guint           count_idle;

  /* the history's first page, loaded ahead for the orders page */
  MedusaOrderList  *orders;
  MedusaOrderList  *counting;         /* (weak) its first page brings the count */
  MedusaOrderQuery *orders_query;     /* NULL: none is loaded ahead */
  guint             orders_page_size;
  guint             orders_expiry;

  /* a restore prepared ahead (patron_session_prepare_restore()) */
  MedusaPrefetch   *prefetch;
  gboolean          preparing;        /* the keyring is being read */
  GAsyncResult     *prepared;         /* what it answered, for the restore */
  GTask            *restore;          /* a restore waiting for that answer */
};

G_DEFINE_FINAL_TYPE (PatronSession, patron_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE_URL,
  PROP_CLIENT,
  PROP_CUSTOMER,
  PROP_SIGNED_IN,
  PROP_ORDER_COUNT,
  N_PROPS
};

enum {
  EXPIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
set_order_count (PatronSession *self,
                 int            count)
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
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = medusa_client_list_orders_finish (MEDUSA_CLIENT (object), result, &error);
  if (page == NULL)
    {
      /* the count is a nicety: without it the account says less */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not count the orders: %s", error->message);
      return;
    }

  set_order_count (self, MIN (medusa_order_page_get_count (page), G_MAXINT));
}

static void client_idle_cb (PatronSession *self);

/* One order is enough to learn how many there are. */
static gboolean
count_orders_cb (gpointer data)
{
  PatronSession *self = data;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  self->count_idle = 0;
  /* the first page loaded ahead brings it */
  if (self->counting != NULL)
    return G_SOURCE_REMOVE;
  /* after what is on its way: the store would answer both more slowly */
  if (medusa_client_get_n_pending (self->client) > 0)
    {
      g_signal_connect_object (self->client, "notify::n-pending", G_CALLBACK (client_idle_cb),
                               self, G_CONNECT_SWAPPED);
      return G_SOURCE_REMOVE;
    }

  self->count_cancellable = g_cancellable_new ();
  medusa_order_query_set_limit (query, 1);
  medusa_order_query_set_detail (query, MEDUSA_ORDER_DETAIL_ID);
  medusa_client_list_orders_async (self->client, query, self->count_cancellable,
                                   order_count_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
client_idle_cb (PatronSession *self)
{
  if (medusa_client_get_n_pending (self->client) > 0)
    return;

  g_signal_handlers_disconnect_by_func (self->client, client_idle_cb, self);
  if (self->count_idle == 0 && self->customer != NULL)
    self->count_idle = g_idle_add_full (G_PRIORITY_LOW, count_orders_cb, self, NULL);
}

/* the count asked for, or waiting to be, is not */
static void
cancel_count (PatronSession *self)
{
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_handle_id (&self->count_idle, g_source_remove);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, client_idle_cb, self);
}

/* The count is a nicety: it waits for what the user asked for, which goes
 * out first (on the connection open already) and is answered first. */
static void
count_orders (PatronSession *self)
{
  cancel_count (self);
  if (self->customer != NULL)
    self->count_idle = g_idle_add_full (G_PRIORITY_LOW, count_orders_cb, self, NULL);
}

/* ------------------------------------------------------------------------ */
/* The first page of the orders, loaded ahead                               */

/* How long a first page loaded ahead is fresh enough for the orders page. */
#define ORDERS_KEPT_SECONDS 30

static void counting_changed_cb (PatronSession *self);

/* the list went before its first page came: the count is asked for alone */
static void
counting_gone_cb (gpointer  data,
                  GObject  *where_the_list_was)
{
  PatronSession *self = data;

  self->counting = NULL;
  count_orders (self);
}

static void
stop_counting (PatronSession *self)
{
  if (self->counting == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->counting, counting_changed_cb, self);
  g_object_weak_unref (G_OBJECT (self->counting), counting_gone_cb, self);
  self->counting = NULL;
}

/* The list loaded ahead goes, and so does the count its first page was to
 * bring. */
static void
drop_orders (PatronSession *self)
{
  stop_counting (self);
  g_clear_handle_id (&self->orders_expiry, g_source_remove);
  /* a page still on its way is cancelled with the list */
  g_clear_object (&self->orders);
}

static gboolean
orders_expired_cb (gpointer data)
{
  PatronSession *self = data;

  self->orders_expiry = 0;
  drop_orders (self);

  return G_SOURCE_REMOVE;
}

/* The first page of the list loaded ahead, taken by the orders page or not,
 * came or failed. Taken, the list may have started over with a filter
 * meanwhile: then its length is no count of the history. */
static void
counting_changed_cb (PatronSession *self)
{
  MedusaOrderList *list = self->counting;

  if (medusa_order_list_get_loaded (list))
    {
      stop_counting (self);
      if (medusa_order_query_has_filters (medusa_order_list_get_query (list)))
        count_orders (self);
      else
        set_order_count (self, MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), G_MAXINT));
      if (list == self->orders)
        self->orders_expiry = g_timeout_add_seconds (ORDERS_KEPT_SECONDS, orders_expired_cb,
                                                     self);
    }
  else if (medusa_order_list_get_error (list) != NULL)
    {
      stop_counting (self);
      count_orders (self);
    }
}

/* The customer's orders are what Patron is most often opened for: their
 * first page is asked for as soon as the session is, alongside the customer,
 * and the orders page takes it (patron_session_take_orders()). Its count is
 * the account's order count. */
static void
load_orders (PatronSession *self)
{
  drop_orders (self);
  if (self->orders_query == NULL)
    return;

  self->orders = medusa_order_list_new (self->client, self->orders_page_size);
  self->counting = self->orders;
  g_object_weak_ref (G_OBJECT (self->counting), counting_gone_cb, self);
  g_signal_connect_swapped (self->counting, "notify::loaded", G_CALLBACK (counting_changed_cb),
                            self);
  g_signal_connect_swapped (self->counting, "notify::loading", G_CALLBACK (counting_changed_cb),
                            self);
  medusa_order_list_set_query (self->orders, self->orders_query);
}

static void
set_customer (PatronSession  *self,
              MedusaCustomer *customer,
              const char     *email)
{
  gboolean was_signed_in = self->customer != NULL;
  gboolean same_customer;

  if (email != NULL)
    {
      g_free (self->email);
      self->email = g_strdup (email);
    }

  same_customer = self->customer != NULL && customer != NULL &&
                  g_strcmp0 (medusa_customer_get_id (self->customer),
                             medusa_customer_get_id (customer)) == 0;
  if (!g_set_object (&self->customer, customer))
    return;

  if (customer == NULL)
    drop_orders (self);
  else if (!same_customer && self->orders == NULL)
    load_orders (self);

  /* counted again whenever the customer is, but a count already known
   * stays on screen meanwhile */
  if (!same_customer)
    set_order_count (self, -1);
  count_orders (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
  if (was_signed_in != (customer != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_clear_finish (result, &error))
    g_message ("Could not remove the kept session from the keyring: %s", error->message);
}

static void
forget_kept_session (PatronSession *self)
{
  patron_secrets_clear_async (self->store_url, NULL, forget_cb, NULL);
}

static void
client_unauthorized_cb (PatronSession *self,
                        MedusaClient  *client)
{
  g_autofree char *email = NULL;

  if (self->customer == NULL)
    return;

  email = g_strdup (self->email);
  g_debug ("The store refused the session");
  forget_kept_session (self);
  medusa_client_set_access_token (self->client, NULL);
  set_customer (self, NULL, NULL);
  g_signal_emit (self, signals[EXPIRED], 0, email);
}

static void
patron_session_constructed (GObject *object)
{
  PatronSession *self = (PatronSession *)object;

  G_OBJECT_CLASS (patron_session_parent_class)->constructed (object);

  self->client = medusa_client_new (self->store_url);
  /* the version and key remembered when the store was chosen */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_SCHEMA);

    patron_store_api_apply (settings, self->client);
  }
  g_signal_connect_object (self->client, "unauthorized",
                           G_CALLBACK (client_unauthorized_cb), self, G_CONNECT_SWAPPED);
}

static void
patron_session_dispose (GObject *object)
{
  PatronSession *self = (PatronSession *)object;

  cancel_count (self);
  drop_orders (self);
  g_clear_object (&self->prepared);
  g_clear_object (&self->prefetch);
  g_clear_object (&self->customer);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (patron_session_parent_class)->dispose (object);
}

static void
patron_session_finalize (GObject *object)
{
  PatronSession *self = (PatronSession *)object;

  g_clear_pointer (&self->store_url, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->orders_query, medusa_order_query_free);

  G_OBJECT_CLASS (patron_session_parent_class)->finalize (object);
}

static void
patron_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PatronSession *self = PATRON_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE_URL:
      g_value_set_string (value, self->store_url);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->customer != NULL);
      break;

    case PROP_ORDER_COUNT:
      g_value_set_int (value, self->order_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PatronSession *self = PATRON_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE_URL:
      self->store_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_session_class_init (PatronSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = patron_session_constructed;
  object_class->dispose = patron_session_dispose;
  object_class->finalize = patron_session_finalize;
  object_class->get_property = patron_session_get_property;
  object_class->set_property = patron_session_set_property;

  properties[PROP_STORE_URL] =
    g_param_spec_string ("store-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         MEDUSA_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         MEDUSA_TYPE_CUSTOMER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * PatronSession:order-count:
   *
   * How many orders the signed-in customer has, or -1 while not known.
   * It is counted whenever the customer is signed in or changes.
   */
  properties[PROP_ORDER_COUNT] =
    g_param_spec_int ("order-count", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PatronSession::expired:
   * @email: the email of the customer whose session ended
   *
   * The store no longer accepts the session; the customer is signed out.
   */
  signals[EXPIRED] =
    g_signal_new ("expired",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
patron_session_init (PatronSession *self)
{
  self->keep_sessions = TRUE;
  self->order_count = -1;
}

PatronSession *
patron_session_new (const char *store_url)
{
  return g_object_new (PATRON_TYPE_SESSION, "store-url", store_url, NULL);
}

/**
 * patron_session_get_order_count:
 *
 * Returns: how many orders the signed-in customer has, or -1 while not known
 */
int
patron_session_get_order_count (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), -1);

  return self->order_count;
}

const char *
patron_session_get_store_url (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->store_url;
}

MedusaClient *
patron_session_get_client (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->client;
}

/**
 * patron_session_get_customer:
 *
 * Returns: (nullable): the signed-in customer
 */
MedusaCustomer *
patron_session_get_customer (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->customer;
}

gboolean
patron_session_get_signed_in (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), FALSE);

  return self->customer != NULL;
}

/**
 * patron_session_get_remember:
 *
 * Returns: whether the current session is kept in the keyring
 */
gboolean
patron_session_get_remember (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), FALSE);

  return self->remember;
}

/**
 * patron_session_set_orders_ahead:
 * @query: (nullable): the orders page's query of the whole history; %NULL,
 *   the default, loads none ahead
 * @page_size: the orders page's page size
 *
 * Sets what to load ahead when a customer signs in or a kept session is
 * resumed: the first page of @query, for the orders page to take with
 * patron_session_take_orders(). Applies from the next sign-in.
 */
void
patron_session_set_orders_ahead (PatronSession          *self,
                                 const MedusaOrderQuery *query,
                                 guint                   page_size)
{
  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (query == NULL || page_size > 0);

  g_clear_pointer (&self->orders_query, medusa_order_query_free);
  if (query != NULL)
    self->orders_query = medusa_order_query_copy (query);
  self->orders_page_size = page_size;
}

/**
 * patron_session_take_orders:
 * @page_size: the page size the orders page uses
 *
 * Hands over the orders loaded ahead, whose first page may still be on its
 * way, if they were loaded with @page_size, have not failed and are fresh (a
 * first page half a minute old is not). The session keeps none afterwards:
 * the next time the orders are shown, they are loaded afresh.
 *
 * Returns: (transfer full) (nullable): the customer's whole order history
 */
MedusaOrderList *
patron_session_take_orders (PatronSession *self,
                            guint          page_size)
{
  g_autoptr(MedusaOrderList) orders = NULL;

  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  g_clear_handle_id (&self->orders_expiry, g_source_remove);
  orders = g_steal_pointer (&self->orders);
  /* a list not taken goes, and if its first page is still on its way, the
   * count is asked for alone (counting_gone_cb()) */
  if (orders == NULL || medusa_order_list_get_error (orders) != NULL ||
      medusa_order_list_get_page_size (orders) != page_size)
    return NULL;

  return g_steal_pointer (&orders);
}

/**
 * patron_session_set_keep_sessions:
 *
 * %FALSE on a shared counter workstation: no session is ever kept, whatever
 * the customer asks; a session kept until now is forgotten at once (the
 * customer stays signed in until signing out or closing Patron).
 */
void
patron_session_set_keep_sessions (PatronSession *self,
                                  gboolean       keep_sessions)
{
  g_return_if_fail (PATRON_IS_SESSION (self));

  self->keep_sessions = !!keep_sessions;
  if (!self->keep_sessions && self->remember)
    {
      self->remember = FALSE;
      forget_kept_session (self);
    }
}

/* ------------------------------------------------------------------------ */

typedef MedusaCustomer *(*CustomerFinish) (MedusaClient  *client,
                                           GAsyncResult  *result,
                                           GError       **error);

typedef struct
{
  char           *email;
  char           *password;
  gboolean        remember;
  CustomerFinish  finish_first;   /* the step before signing in, if any */
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_free (data->email);
  wipe_free (data->password);
  g_free (data);
}

static GTask *
sign_in_task_new (PatronSession       *self,
                  const char          *email,
                  const char          *password,
                  gboolean             remember,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SignInData *data = g_new0 (SignInData, 1);

  data->email = g_strdup (email);
  data->password = g_strdup (password);
  data->remember = remember;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);
  g_task_set_source_tag (task, source_tag);

  return task;
}

static void
keep_session_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_store_finish (result, &error))
    {
      /* still signed in; only the next start will ask again */
      g_message ("Could not keep the session in the keyring: %s", error->message);
      self->remember = FALSE;
    }

  g_task_return_boolean (task, TRUE);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(MedusaCustomer) customer = NULL;
  const char *token;
  GError *error = NULL;

  customer = medusa_client_sign_in_finish (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  set_customer (self, customer, medusa_customer_get_email (customer));

  token = medusa_client_get_access_token (self->client);
  self->remember = data->remember && self->keep_sessions && token != NULL;
  if (!self->remember)
    {
      forget_kept_session (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  patron_secrets_store_async (self->store_url, medusa_customer_get_email (customer), token,
                              NULL, keep_session_cb, g_steal_pointer (&task));
}

static void
start_sign_in (PatronSession *self,
               GTask         *task)
{
  SignInData *data = g_task_get_task_data (task);

  medusa_client_sign_in_async (self->client, data->email, data->password,
                               MEDUSA_AUTH_MODE_AUTO, g_task_get_cancellable (task),
                               sign_in_cb, task);
}

/**
 * patron_session_sign_in_async:
 * @remember: keep the session in the keyring for the next start
 */
void
patron_session_sign_in_async (PatronSession       *self,
                              const char          *email,
                              const char          *password,
                              gboolean             remember,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PATRON_IS_SESSION (self));

  start_sign_in (self, sign_in_task_new (self, email, password, remember,
                                         patron_session_sign_in_async,
                                         cancellable, callback, user_data));
}

gboolean
patron_session_sign_in_finish (PatronSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Registering and resetting the password end by signing in. */
static void
then_sign_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(MedusaCustomer) customer = NULL;
  GError *error = NULL;

  customer = data->finish_first (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  start_sign_in (self, g_steal_pointer (&task));
}

/**
 * patron_session_register_async:
 *
 * Creates the account, then signs in with it.
 */
void
patron_session_register_async (PatronSession       *self,
                               const char          *email,
                               const char          *password,
                               const char          *first_name,
                               const char          *last_name,
                               const char          *phone,
                               gboolean             remember,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));

  task = sign_in_task_new (self, email, password, remember, patron_session_register_async,
                           cancellable, callback, user_data);
  ((SignInData *) g_task_get_task_data (task))->finish_first = medusa_client_create_customer_finish;
  medusa_client_create_customer_async (self->client, email, password, first_name, last_name,
                                       phone, cancellable, then_sign_in_cb, task);
}

gboolean
patron_session_register_finish (PatronSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * patron_session_reset_password_async:
 *
 * Sets a new password with the emailed token, then signs in with it.
 */
void
patron_session_reset_password_async (PatronSession       *self,
                                     const char          *email,
                                     const char          *password,
                                     const char          *token,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));

  task = sign_in_task_new (self, email, password, FALSE, patron_session_reset_password_async,
                           cancellable, callback, user_data);
  ((SignInData *) g_task_get_task_data (task))->finish_first = medusa_client_reset_password_finish;
  medusa_client_reset_password_async (self->client, email, password, token, cancellable,
                                      then_sign_in_cb, task);
}

gboolean
patron_session_reset_password_finish (PatronSession  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */

/* The requests sent ahead have been claimed, or will not be. */
static void
stop_prefetch (PatronSession *self)
{
  medusa_client_set_prefetch (self->client, NULL);
  g_clear_object (&self->prefetch);
}

static void
renewed_token_kept_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_store_finish (result, &error))
    g_message ("Could not keep the renewed session in the keyring: %s", error->message);

  /* signed out while it was being kept: not kept after all */
  if (self->customer == NULL || !self->remember)
    forget_kept_session (self);
}

static void
token_renewed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *token;

  if (!medusa_client_refresh_token_finish (MEDUSA_CLIENT (object), result, &error))
    {
      g_debug ("The kept session was not renewed: %s", error->message);
      return;
    }

  token = medusa_client_get_access_token (self->client);
  if (self->customer == NULL || !self->remember || token == NULL)
    return;

  patron_secrets_store_async (self->store_url, medusa_customer_get_email (self->customer), token,
                              NULL, renewed_token_kept_cb, g_object_ref (self));
}

/* A store whose tokens expire soon (Medusa v2's last a day) renews the kept
 * one at each start, so that a kept session lasts while it is used. */
static void
renew_kept_token (PatronSession *self)
{
  MedusaCapabilities can = medusa_client_get_capabilities (self->client);

  if (can & MEDUSA_CAPABILITY_TOKEN_REFRESH)
    medusa_client_refresh_token_async (self->client, NULL, token_renewed_cb, g_object_ref (self));
}

static void
restore_customer_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  g_autoptr(MedusaCustomer) customer = NULL;
  GError *error = NULL;

  stop_prefetch (self);
  customer = medusa_client_get_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
        forget_kept_session (self);
      drop_orders (self);
      medusa_client_set_access_token (self->client, NULL);
      g_task_return_error (task, error);
      return;
    }

  self->remember = TRUE;
  set_customer (self, customer, medusa_customer_get_email (customer));
  renew_kept_token (self);
  g_task_return_boolean (task, TRUE);
}

static void
restore_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  GCancellable *cancellable;
  char *token = NULL;

  if (!patron_secrets_lookup_finish (result, &email, &token, &error))
    {
      stop_prefetch (self);
      if (error != NULL)
        g_message ("Could not read the keyring: %s", error->message);
      g_task_return_boolean (task, FALSE);
      return;
    }

  g_free (self->email);
  self->email = g_steal_pointer (&email);
  medusa_client_set_access_token (self->client, token);
  wipe_free (token);
  cancellable = g_task_get_cancellable (task);
  medusa_client_get_customer_async (self->client, cancellable,
                                    restore_customer_cb, g_steal_pointer (&task));
  load_orders (self);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;

  self->preparing = FALSE;
  if (self->restore != NULL)
    restore_lookup_cb (NULL, result, g_steal_pointer (&self->restore));
  else
    g_set_object (&self->prepared, result);
}

/**
 * patron_session_prepare_restore:
 *
 * Starts the slow part of patron_session_restore_async() ahead of it, for
 * the start of Patron, while the first window is being made: reading the
 * keyring and, if a session is kept, asking for the customer and the first
 * page of the orders loaded ahead (patron_session_set_orders_ahead()), all
 * from threads of their own, for the restore to take their answers.
 */
void
patron_session_prepare_restore (PatronSession *self)
{
  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (self->prefetch == NULL && self->customer == NULL);

  if (!self->keep_sessions)
    return;

  self->prefetch = medusa_prefetch_new_for_client (self->client);
  medusa_prefetch_add_customer (self->prefetch);
  if (self->orders_query != NULL)
    medusa_prefetch_add_order_list (self->prefetch, self->orders_query, self->orders_page_size);
  medusa_client_set_prefetch (self->client, self->prefetch);

  self->preparing = TRUE;
  patron_secrets_lookup_async (self->store_url, self->prefetch, NULL, prepared_cb,
                               g_object_ref (self));
}

/**
 * patron_session_restore_async:
 *
 * Resumes the session kept in the keyring for this store, if any.
 */
void
patron_session_restore_async (PatronSession       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (self->restore == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_restore_async);

  if (self->prepared != NULL)
    {
      g_autoptr(GAsyncResult) prepared = g_steal_pointer (&self->prepared);

      restore_lookup_cb (NULL, prepared, task);
      return;
    }

  if (self->preparing)
    {
      self->restore = task;
      return;
    }

  if (!self->keep_sessions)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }

  patron_secrets_lookup_async (self->store_url, NULL, cancellable, restore_lookup_cb, task);
}

/**
 * patron_session_restore_finish:
 * @email: (out) (optional): the email of the kept session, if there was one
 *
 * Returns: %TRUE if signed in again; %FALSE without @error if no session
 *   was kept; %FALSE with @error if the store refused it (the keyring
 *   item is then removed) or could not be asked
 */
gboolean
patron_session_restore_finish (PatronSession  *self,
                               GAsyncResult   *result,
                               char          **email,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (email != NULL)
    *email = g_strdup (self->email);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Changes to the customer, taken into the customer object from the answer  */

static void
customer_updated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  g_autoptr(MedusaCustomer) answer = NULL;
  GError *error = NULL;

  /* with the billing address read back where the store's answer lacks it */
  answer = medusa_client_update_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->customer != NULL)
    medusa_customer_update_from (self->customer, answer);
  g_task_return_boolean (task, TRUE);
}

/**
 * patron_session_update_customer_async:
 *
 * Changes the signed-in customer (`POST /store/customers/me`) and updates
 * the customer object from what the store then holds, never from what was
 * sent.
 */
void
patron_session_update_customer_async (PatronSession         *self,
                                      MedusaCustomerChanges *changes,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (changes != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_update_customer_async);
  g_task_set_task_data (task, medusa_customer_changes_copy (changes),
                        (GDestroyNotify) medusa_customer_changes_free);
  medusa_client_update_customer_async (self->client, changes, cancellable,
                                       customer_updated_cb, task);
}

gboolean
patron_session_update_customer_finish (PatronSession  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Email and password changes: v1 does not ask for the current password, so
 * Patron checks it with the store first, on a client of its own.           */

typedef struct
{
  char         *current_password;
  char         *new_email;
  char         *new_password;
  MedusaClient *checker;
} CredentialsData;

static void
credentials_data_free (CredentialsData *data)
{
  wipe_free (data->current_password);
  g_free (data->new_email);
  wipe_free (data->new_password);
  g_clear_object (&data->checker);
  g_free (data);
}

static void
credentials_signed_in_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* the new session replaces the old one, in the keyring too */
  if (!patron_session_sign_in_finish (PATRON_SESSION (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
credentials_updated_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = PATRON_SESSION (object);
  CredentialsData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!patron_session_update_customer_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->customer == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED, "Not signed in");
      return;
    }

  cancellable = g_task_get_cancellable (task);
  patron_session_sign_in_async (self, medusa_customer_get_email (self->customer),
                                data->new_password != NULL ? data->new_password
                                                           : data->current_password,
                                self->remember, cancellable, credentials_signed_in_cb,
                                g_steal_pointer (&task));
}

static void
credentials_checked_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  CredentialsData *data = g_task_get_task_data (task);
  g_autoptr(MedusaCustomer) checked = NULL;
  g_autoptr(MedusaCustomerChanges) changes = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  checked = medusa_client_sign_in_finish (MEDUSA_CLIENT (object), result, &error);
  if (checked == NULL)
    {
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
        {
          g_clear_error (&error);
          g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED,
                                   "The current password is not right");
        }
      else
        g_task_return_error (task, error);
      return;
    }

  changes = medusa_customer_changes_new ();
  if (data->new_email != NULL)
    medusa_customer_changes_set_email (changes, data->new_email);
  if (data->new_password != NULL)
    medusa_customer_changes_set_password (changes, data->new_password);

  cancellable = g_task_get_cancellable (task);
  patron_session_update_customer_async (self, changes, cancellable,
                                        credentials_updated_cb, g_steal_pointer (&task));
}

/**
 * patron_session_change_credentials_async:
 * @current_password: the password the customer signed in with
 * @new_email: (nullable): a new email address
 * @new_password: (nullable): a new password
 *
 * Checks @current_password with the store, changes the email and/or the
 * password, then signs in again so the kept session stays valid. A wrong
 * current password fails with %MEDUSA_ERROR_UNAUTHORIZED and changes nothing.
 */
void
patron_session_change_credentials_async (PatronSession       *self,
                                         const char          *current_password,
                                         const char          *new_email,
                                         const char          *new_password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  CredentialsData *data;

  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (current_password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_change_credentials_async);

  if (self->customer == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED,
                               "Not signed in");
      g_object_unref (task);
      return;
    }

  data = g_new0 (CredentialsData, 1);
  data->current_password = g_strdup (current_password);
  data->new_email = g_strdup (new_email);
  data->new_password = g_strdup (new_password);
  data->checker = medusa_client_new_sibling (self->client);
  g_task_set_task_data (task, data, (GDestroyNotify) credentials_data_free);

  medusa_client_sign_in_async (data->checker, medusa_customer_get_email (self->customer),
                               current_password, MEDUSA_AUTH_MODE_TOKEN, cancellable,
                               credentials_checked_cb, task);
}

gboolean
patron_session_change_credentials_finish (PatronSession  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* the client has forgotten the session whatever the store answered */
  if (!medusa_client_sign_out_finish (MEDUSA_CLIENT (object), result, &error))
    g_debug ("The store did not confirm the sign-out: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

/**
 * patron_session_sign_out_async:
 *
 * Signs out at the store, removes the kept session from the keyring and
 * drops the customer at once.
 */
void
patron_session_sign_out_async (PatronSession       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_sign_out_async);

  self->remember = FALSE;
  forget_kept_session (self);
  set_customer (self, NULL, NULL);
  medusa_client_sign_out_async (self->client, cancellable, sign_out_cb, task);
}

gboolean
patron_session_sign_out_finish (PatronSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
