/* medusa-prefetch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-prefetch"

#include "config.h"

#include "medusa-client.h"
#include "medusa-prefetch-private.h"

/**
 * MedusaPrefetch:
 *
 * A few `GET` requests sent ahead of time from a thread of their own, with a
 * client and a main context of their own: for the start of an application,
 * while its main loop is still busy making the first window. A #MedusaClient
 * given the prefetch with medusa_client_set_prefetch() takes each answer the
 * first time it makes the same request with the same token, whether the answer
 * has come or is still on its way, and reads it as its own.
 *
 * The requests are added in one thread before sending; sending may start in
 * any thread; claims come from the client's.
 */

struct _MedusaPrefetch
{
  GObject    parent_instance;

  char      *base_url;
  MedusaApiVersion api_version;
  char      *publishable_key;
  GPtrArray *entries;         /* (element-type Entry) */

  GMutex     mutex;           /* guards what follows and the entries' state */
  char      *access_token;    /* set when sent */
};

G_DEFINE_FINAL_TYPE (MedusaPrefetch, medusa_prefetch, G_TYPE_OBJECT)

typedef struct
{
  MedusaPrefetch *prefetch;   /* (unowned) */
  MedusaRequest  *request;
  gboolean        claimed;
  gboolean        answered;
  MedusaResponse *response;   /* once answered, until claimed */
  GError         *error;      /* once answered, until claimed */
  GTask          *waiter;     /* a claim waiting for the answer */
  GSource        *cancelled;  /* the waiter's cancellable, in its context */
} Entry;

void
medusa_response_free (MedusaResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

static void
entry_free (Entry *entry)
{
  medusa_request_free (entry->request);
  medusa_response_free (entry->response);
  g_clear_error (&entry->error);
  g_assert (entry->waiter == NULL);
  g_free (entry);
}

static void
medusa_prefetch_finalize (GObject *object)
{
  MedusaPrefetch *self = (MedusaPrefetch *)object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->publishable_key, g_free);
  g_clear_pointer (&self->access_token, medusa_secret_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (medusa_prefetch_parent_class)->finalize (object);
}

static void
medusa_prefetch_class_init (MedusaPrefetchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_prefetch_finalize;
}

static void
medusa_prefetch_init (MedusaPrefetch *self)
{
  g_mutex_init (&self->mutex);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
}

/**
 * medusa_prefetch_new:
 * @base_url: the store's address, as the client that takes the answers has it
 *
 * Returns: (transfer full): a new prefetch, with nothing to send yet
 */
MedusaPrefetch *
medusa_prefetch_new (const char *base_url)
{
  MedusaPrefetch *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (MEDUSA_TYPE_PREFETCH, NULL);
  self->base_url = g_strdup (base_url);

  return self;
}

/**
 * medusa_prefetch_new_for_client:
 * @client: the client that will take the answers
 *
 * Returns: (transfer full): a new prefetch for @client's store, speaking its
 *   dialect with its publishable key, with nothing to send yet
 */
MedusaPrefetch *
medusa_prefetch_new_for_client (MedusaClient *client)
{
  MedusaPrefetch *self;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);

  self = medusa_prefetch_new (medusa_client_get_base_url (client));
  self->api_version = medusa_client_get_api_version (client);
  self->publishable_key = g_strdup (medusa_client_get_publishable_key (client));

  return self;
}

const char *
medusa_prefetch_get_base_url (MedusaPrefetch *self)
{
  g_return_val_if_fail (MEDUSA_IS_PREFETCH (self), NULL);

  return self->base_url;
}

static void
add_request (MedusaPrefetch *self,
             MedusaRequest  *request)
{
  Entry *entry = g_new0 (Entry, 1);

  g_assert (g_str_equal (request->method, "GET") && request->authenticated);

  entry->prefetch = self;
  entry->request = request;
  g_mutex_lock (&self->mutex);
  g_warn_if_fail (self->access_token == NULL);
  g_ptr_array_add (self->entries, entry);
  g_mutex_unlock (&self->mutex);
}

/**
 * medusa_prefetch_add_customer:
 *
 * Adds what medusa_client_get_customer_async() asks for. Before sending only.
 */
void
medusa_prefetch_add_customer (MedusaPrefetch *self)
{
  g_return_if_fail (MEDUSA_IS_PREFETCH (self));

  add_request (self, medusa_dialect_for_version (self->api_version)->get_customer ());
}

/**
 * medusa_prefetch_get_answered:
 *
 * Safe to call from any thread.
 *
 * Returns: whether the requests have been sent and every one has had its
 *   answer (or failed), claimed or not
 */
gboolean
medusa_prefetch_get_answered (MedusaPrefetch *self)
{
  gboolean answered;

  g_return_val_if_fail (MEDUSA_IS_PREFETCH (self), FALSE);

  g_mutex_lock (&self->mutex);
  answered = self->access_token != NULL;
  for (guint i = 0; i < self->entries->len && answered; i++)
    answered = ((Entry *) g_ptr_array_index (self->entries, i))->answered;
  g_mutex_unlock (&self->mutex);

  return answered;
}

/* ------------------------------------------------------------------------ */
/* Claims, from the client                                                  */

/* Hands the answer to the claim that waits for it, if any. With the lock. */
static GTask *
take_waiter (Entry *entry)
{
  if (entry->cancelled != NULL)
    {
      g_source_destroy (entry->cancelled);
      g_clear_pointer (&entry->cancelled, g_source_unref);
    }

  return g_steal_pointer (&entry->waiter);
}

static void
return_answer (GTask          *task,
               MedusaResponse *response,
               GError         *error)
{
  if (response != NULL)
    g_task_return_pointer (task, response, (GDestroyNotify) medusa_response_free);
  else
    g_task_return_error (task, error);
}

static gboolean
claim_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  Entry *entry = user_data;
  MedusaPrefetch *self = entry->prefetch;
  g_autoptr(GTask) task = NULL;

  g_mutex_lock (&self->mutex);
  if (entry->waiter != NULL && g_task_get_cancellable (entry->waiter) == cancellable)
    task = take_waiter (entry);
  g_mutex_unlock (&self->mutex);

  if (task != NULL)
    g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

/* The entry still to be claimed that @request with @access_token would
 * send. With the lock. */
static Entry *
find_entry (MedusaPrefetch      *self,
            const MedusaRequest *request,
            const char          *access_token)
{
  if (self->access_token == NULL || access_token == NULL ||
      !g_str_equal (self->access_token, access_token))
    return NULL;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (!entry->claimed &&
          g_str_equal (entry->request->method, request->method) &&
          g_str_equal (entry->request->path, request->path) &&
          request->body == NULL && request->authenticated)
        return entry;
    }

  return NULL;
}

/*
 * medusa_prefetch_claim_async:
 * @request: what the client is about to send
 * @access_token: (nullable): the client's token
 *
 * Takes the answer to @request if it was sent ahead with @access_token and
 * nobody has taken it yet.
 *
 * Returns: %TRUE if @callback gets the answer; %FALSE if @request is to be
 *   sent as usual, and @callback is not called
 */
gboolean
medusa_prefetch_claim_async (MedusaPrefetch       *self,
                             const MedusaRequest  *request,
                             const char           *access_token,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  MedusaResponse *response = NULL;
  GError *error = NULL;
  Entry *entry;

  g_return_val_if_fail (MEDUSA_IS_PREFETCH (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  entry = find_entry (self, request, access_token);
  if (entry == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }

  entry->claimed = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_prefetch_claim_async);
  if (entry->answered)
    {
      response = g_steal_pointer (&entry->response);
      error = g_steal_pointer (&entry->error);
    }
  else
    {
      entry->waiter = g_object_ref (task);
      if (cancellable != NULL)
        {
          entry->cancelled = g_cancellable_source_new (cancellable);
          g_source_set_callback (entry->cancelled, G_SOURCE_FUNC (claim_cancelled_cb),
                                 entry, NULL);
          g_source_attach (entry->cancelled, g_task_get_context (task));
        }
    }
  g_mutex_unlock (&self->mutex);

  if (response != NULL || error != NULL)
    return_answer (task, response, error);

  return TRUE;
}

MedusaResponse *
medusa_prefetch_claim_finish (MedusaPrefetch  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        medusa_prefetch_claim_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Sending, in a thread of its own                                          */

typedef struct
{
  MedusaPrefetch *self;
  Entry          *entry;
  guint          *n_left;
} Fetch;

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fetch = user_data;
  MedusaPrefetch *self = fetch->self;
  Entry *entry = fetch->entry;
  g_autoptr(GTask) waiter = NULL;
  MedusaResponse *response;
  GError *error = NULL;

  response = medusa_client_fetch_finish (MEDUSA_CLIENT (object), result, &error);

  g_mutex_lock (&self->mutex);
  entry->answered = TRUE;
  waiter = take_waiter (entry);
  if (waiter == NULL)
    {
      entry->response = g_steal_pointer (&response);
      entry->error = g_steal_pointer (&error);
    }
  g_mutex_unlock (&self->mutex);

  /* from here, the waiter's callback runs in its own context */
  if (waiter != NULL)
    return_answer (waiter, response, error);

  (*fetch->n_left)--;
  g_free (fetch);
}

typedef struct
{
  GMainContext *context;
  GCancellable *here;
} CancelHere;

static gboolean
cancel_here_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

/* In the thread that cancels: the cancellation is passed on to the
 * prefetch's thread. (Not a g_cancellable_source_new(): GLib 2.74 leaks
 * one whose last reference goes while another thread cancels it, which
 * LeakSanitizer saw in test-faults.) */
static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  CancelHere *cancel = user_data;

  g_main_context_invoke_full (cancel->context, G_PRIORITY_DEFAULT, cancel_here_cb,
                              g_object_ref (cancel->here), g_object_unref);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MedusaPrefetch *self = source_object;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(MedusaClient) client = NULL;
  g_autoptr(GCancellable) here = g_cancellable_new ();
  CancelHere cancel = { context, here };
  gulong cancelled = 0;
  guint n_left = 0;

  g_main_context_push_thread_default (context);

  /* libsoup hears of a cancellation in the thread that cancels: it must be
   * this one, the session's */
  if (cancellable != NULL)
    cancelled = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), &cancel, NULL);

  client = medusa_client_new (self->base_url);
  medusa_client_set_api_version (client, self->api_version);
  medusa_client_set_publishable_key (client, self->publishable_key);
  g_mutex_lock (&self->mutex);
  medusa_client_set_access_token (client, self->access_token);
  g_mutex_unlock (&self->mutex);

  /* every request at once, as the client would send them */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      Fetch *fetch = g_new0 (Fetch, 1);
      MedusaRequest *request;

      request = medusa_request_new (entry->request->method, NULL, "%s", entry->request->path);
      request->authenticated = TRUE;
      fetch->self = self;
      fetch->entry = entry;
      fetch->n_left = &n_left;
      n_left++;
      medusa_client_fetch_async (client, request, here, fetch_cb, fetch);
    }

  while (n_left > 0)
    g_main_context_iteration (context, TRUE);
  /* (waits for a cancelled_cb() running in another thread) */
  g_cancellable_disconnect (cancellable, cancelled);

  /* the connections close with the client, in this thread */
  g_clear_object (&client);
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);

  g_task_return_boolean (task, TRUE);
}

/**
 * medusa_prefetch_send_async:
 * @access_token: the session's bearer token, which claims must match
 *
 * Sends the requests from a thread of its own, all at once, and finishes when
 * every one is answered (or has failed or was cancelled, which is for the
 * claim to hear). May be called from any thread, once; @callback runs in the
 * thread-default main context of the caller's thread.
 */
void
medusa_prefetch_send_async (MedusaPrefetch      *self,
                            const char          *access_token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean sent;

  g_return_if_fail (MEDUSA_IS_PREFETCH (self));
  g_return_if_fail (access_token != NULL && access_token[0] != '\0');

  g_mutex_lock (&self->mutex);
  sent = self->access_token != NULL;
  if (!sent)
    self->access_token = g_strdup (access_token);
  g_mutex_unlock (&self->mutex);
  g_return_if_fail (!sent);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_prefetch_send_async);
  /* answered, whichever way */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, send_thread);
}

gboolean
medusa_prefetch_send_finish (MedusaPrefetch  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        medusa_prefetch_send_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
