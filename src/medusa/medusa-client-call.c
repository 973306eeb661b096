/* medusa-client-call.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include <libsoup/soup.h>

#include "medusa-client-private.h"
#include "medusa-error.h"
#include "medusa-json.h"

/* An answer no larger is read where it came (a customer, an address: well
 * under a millisecond), without a worker thread's round trip: what it
 * changes on screen comes in the same frame. */
#define READ_HERE_MAX_SIZE (16 * 1024)

/* ------------------------------------------------------------------------ */
/* Calls whose answer is parsed into one object (or just checked)           */

/* Whether @result, a sent request's, changed the store as its status says. */
static gboolean
store_changed (GAsyncResult *result)
{
  SendData *data = g_task_get_task_data (G_TASK (result));

  return data->request != NULL && data->request->changes_store &&
         SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (data->message));
}

/* @error, or, when it broke the answer to a change the store said it made
 * (@changed), MEDUSA_ERROR_UNCONFIRMED: the user must hear that it probably
 * happened. */
static GError *
unconfirmed (gboolean  changed,
             GError   *error)
{
  GError *unconfirmed_error;

  if (!changed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  unconfirmed_error = g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_UNCONFIRMED,
                                   "The store made the change, but its answer broke: %s",
                                   error->message);
  g_error_free (error);

  return unconfirmed_error;
}

typedef struct
{
  ParseFunc             parse;
  GBytes               *body;
  gboolean              changed;
  /* or, the store out of reach, the answer kept for @key */
  MedusaAnswerStore    *store;
  char                 *key;
  GError               *unreachable;
  /* or, read, what of it to keep for @key in @keep_in */
  MedusaAnswerStore    *keep_in;
  const MedusaJsonKeep *keep;
  gboolean              lasting;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->store);
  g_free (data->key);
  g_clear_error (&data->unreachable);
  g_clear_object (&data->keep_in);
  g_free (data);
}

typedef struct
{
  MedusaAnswerStore *store;
  char              *key;
  GBytes            *body;
  gboolean           lasting;
} KeepData;

static void
keep_data_free (KeepData *data)
{
  g_object_unref (data->store);
  g_free (data->key);
  g_bytes_unref (data->body);
  g_free (data);
}

static gboolean
keep_cb (gpointer user_data)
{
  KeepData *data = user_data;

  medusa_answer_store_keep (data->store, data->key, data->body, data->lasting);

  return G_SOURCE_REMOVE;
}

/* An answer read: what of it Patron shows goes to the answer store, on the
 * client's main context. */
static void
keep_shown (GTask     *task,
            ParseData *data)
{
  GBytes *shown = medusa_json_keep_only (data->body, data->keep);
  KeepData *keep;

  if (shown == NULL)
    {
      g_debug ("Not kept for %s: not plainly JSON", data->key);
      return;
    }

  keep = g_new0 (KeepData, 1);
  keep->store = g_object_ref (data->keep_in);
  keep->key = g_strdup (data->key);
  keep->body = shown;
  keep->lasting = data->lasting;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, keep_cb, keep,
                              (GDestroyNotify) keep_data_free);
}

/* Reading an answer takes time that grows with it (up to the client's
 * largest, 16 MiB by default): never on the caller's main loop, but for a
 * small one (READ_HERE_MAX_SIZE). */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  gpointer value;

  if (data->store != NULL)
    {
      data->body = medusa_answer_store_recall (data->store, data->key, cancellable, &error);
      if (data->body == NULL)
        {
          g_debug ("Nothing kept for %s: %s", data->key, error->message);
          g_clear_error (&error);
          g_task_return_error (task, g_steal_pointer (&data->unreachable));
          return;
        }
    }

  /* a kept answer is read as warily as one from the network */
  value = data->parse (data->body, &error);
  if (value == NULL && data->store != NULL)
    {
      g_message ("The answer kept for %s is not readable: %s", data->key, error->message);
      g_clear_error (&error);
      g_task_return_error (task, g_steal_pointer (&data->unreachable));
      return;
    }

  /* a call given up was not seen */
  if (value != NULL && data->keep_in != NULL && !g_cancellable_is_cancelled (cancellable))
    keep_shown (task, data);

  if (value == NULL)
    g_task_return_error (task, unconfirmed (data->changed, error));
  else
    g_task_return_pointer (task, value, g_object_unref);
}

/* A call's task data until its last answer is parsed. */
typedef struct
{
  ParseFunc         parse;
  MedusaRequest    *next;      /* the rest of the operation's requests */
  MedusaPassOnFunc  pass_on;
  gboolean          changed;   /* an earlier request of the operation changed the store */
} CallData;

static void
call_data_free (CallData *data)
{
  medusa_request_free (data->next);
  g_free (data);
}

static void call_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

/* Whether @error says that the store could not be reached at all. */
gboolean
_medusa_client_is_unreachable (const GError *error)
{
  if (error->domain == G_RESOLVER_ERROR)
    return TRUE;
  if (error->domain != G_IO_ERROR)
    return FALSE;

  switch (error->code)
    {
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_TIMED_OUT:
    case G_IO_ERROR_CONNECTION_CLOSED:
    case G_IO_ERROR_NOT_CONNECTED:
    case G_IO_ERROR_PROXY_FAILED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Sends @request, and keeps the requests chained after it for later. */
static void
call_send (MedusaClient  *self,
           MedusaRequest *request,
           GTask         *task)
{
  CallData *data = g_task_get_task_data (task);

  data->next = g_steal_pointer (&request->next);
  data->pass_on = request->pass_on;
  request->pass_on = NULL;
  _medusa_client_send_async (self, request, g_task_get_cancellable (task), call_cb, task);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  CallData *call_data = g_task_get_task_data (task);
  ParseFunc parse = call_data->parse;
  gboolean changed = call_data->changed || store_changed (result);
  MedusaRequest *request = ((SendData *) g_task_get_task_data (G_TASK (result)))->request;
  gboolean keepable = request->keep != NULL && call_data->next == NULL && parse != NULL &&
                      self->answer_store != NULL;
  ParseData *data;
  GBytes *body;
  GError *error = NULL;

  body = _medusa_client_send_finish (self, result, &error);
  if (body == NULL)
    {
      if (error->domain == MEDUSA_ERROR)
        _medusa_client_set_offline (self, FALSE);
      else if (_medusa_client_is_unreachable (error))
        _medusa_client_set_offline (self, TRUE);

      /* out of reach: the answer kept from before, if any */
      if (keepable && _medusa_client_is_unreachable (error))
        {
          data = g_new0 (ParseData, 1);
          data->parse = parse;
          data->store = g_object_ref (self->answer_store);
          data->key = g_strdup (request->path);
          data->unreachable = error;
          g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
          g_task_run_in_thread (task, parse_thread);
          return;
        }

      g_task_return_error (task, unconfirmed (changed, error));
      return;
    }

  _medusa_client_set_offline (self, FALSE);

  if (call_data->next != NULL)
    {
      MedusaRequest *next = g_steal_pointer (&call_data->next);

      /* what is passed on (a token) is small: read here */
      if (call_data->pass_on != NULL && !call_data->pass_on (body, next, &error))
        {
          medusa_request_free (next);
          g_bytes_unref (body);
          g_task_return_error (task, unconfirmed (changed, error));
          return;
        }
      g_bytes_unref (body);
      call_data->changed = changed;
      call_send (self, next, g_steal_pointer (&task));
      return;
    }

  if (parse == NULL)
    {
      g_bytes_unref (body);
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (ParseData, 1);
  data->parse = parse;
  data->body = body;
  data->changed = changed;
  if (keepable)
    {
      data->keep_in = g_object_ref (self->answer_store);
      data->key = g_strdup (request->path);
      data->keep = request->keep;
      data->lasting = request->lasting;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  if (g_bytes_get_size (body) <= READ_HERE_MAX_SIZE)
    parse_thread (task, self, data, g_task_get_cancellable (task));
  else
    g_task_run_in_thread (task, parse_thread);
}

GError *
_medusa_client_not_supported_error (MedusaClient *self)
{
  return g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_NOT_SUPPORTED,
                      "Medusa %s stores do not offer this", self->dialect->name);
}

/* @request: (transfer full) (nullable): the operation's first request, NULL
 * where the client's dialect cannot do it;
 * @parse: (nullable): makes a GObject of the last answer; NULL for calls that
 * answer nothing of interest, which then finish with a boolean */
void
_medusa_client_call (MedusaClient        *self,
                     MedusaRequest       *request,
                     ParseFunc            parse,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, source_tag);
  data->parse = parse;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (request == NULL)
    {
      g_task_return_error (task, _medusa_client_not_supported_error (self));
      g_object_unref (task);
      return;
    }

  call_send (self, request, task);
}

/* @request, read only, its answer worth showing again offline: what of it
 * @keep says; @lasting, one a start offline needs */
MedusaRequest *
_medusa_client_mark_keepable (MedusaRequest        *request,
                              const MedusaJsonKeep *keep,
                              gboolean              lasting)
{
  if (request != NULL)
    {
      request->keep = keep;
      request->lasting = lasting;
    }

  return request;
}

gpointer
_medusa_client_call_finish (MedusaClient  *self,
                            GAsyncResult  *result,
                            gpointer       source_tag,
                            GError       **error)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_medusa_client_call_finish_boolean (MedusaClient  *self,
                                    GAsyncResult  *result,
                                    gpointer       source_tag,
                                    GError       **error)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * medusa_client_recall_customer_async:
 *
 * Reads the signed-in customer as the client's answer store kept them
 * (medusa_client_set_answer_store()), without asking the store: what can be
 * shown at once while medusa_client_get_customer_async() asks. Fails with
 * %G_IO_ERROR_NOT_FOUND when nothing readable is kept.
 */
void
medusa_client_recall_customer_async (MedusaClient        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MedusaRequest *request;
  ParseData *data;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_recall_customer_async);
  if (self->answer_store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Nothing is kept");
      return;
    }

  /* read in a thread, as warily as an answer from the network */
  request = self->dialect->get_customer ();
  data = g_new0 (ParseData, 1);
  data->parse = (ParseFunc) self->dialect->parse_customer;
  data->store = g_object_ref (self->answer_store);
  data->key = g_strdup (request->path);
  data->unreachable = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                           "No customer is kept");
  medusa_request_free (request);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  g_task_run_in_thread (task, parse_thread);
}

/**
 * medusa_client_recall_customer_finish:
 *
 * Returns: (transfer full): the customer as kept
 */
MedusaCustomer *
medusa_client_recall_customer_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_recall_customer_async, error);
}
