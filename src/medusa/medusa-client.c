/* medusa-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "medusa-answer-store.h"
#include "medusa-client.h"
#include "medusa-dialect.h"
#include "medusa-enums.h"
#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-prefetch-private.h"

/**
 * MedusaClient:
 *
 * The customer's side of a Medusa store's Store API. One #SoupSession per
 * client; every call is asynchronous and takes a #GCancellable. The session's
 * bearer token lives only in memory here: storing it is the caller's business.
 */

#define READ_CHUNK_SIZE (64 * 1024)
/* An answer no larger is read where it came (a customer, an address: well
 * under a millisecond), without a worker thread's round trip: what it
 * changes on screen comes in the same frame. */
#define READ_HERE_MAX_SIZE (16 * 1024)

struct _MedusaClient
{
  GObject              parent_instance;

  char                *base_url;
  SoupSession         *session;
  SoupCookieJar       *cookies;
  const MedusaDialect *dialect;
  MedusaApiVersion     api_version;
  char                *publishable_key;
  char                *access_token;
  MedusaSessionKind    session_kind;
  guint                session_serial; /* counts the sessions begun */
  gsize                max_response_size;
  guint                request_count;
  guint                n_pending;
  MedusaPrefetch      *prefetch;
  MedusaAnswerStore   *answer_store;
  gboolean             offline;
};

G_DEFINE_FINAL_TYPE (MedusaClient, medusa_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_MAX_RESPONSE_SIZE,
  PROP_SESSION_KIND,
  PROP_N_PENDING,
  PROP_API_VERSION,
  PROP_PUBLISHABLE_KEY,
  PROP_CAPABILITIES,
  PROP_OFFLINE,
  N_PROPS
};

enum {
  UNAUTHORIZED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef gpointer (*ParseFunc) (GBytes  *body,
                               GError **error);

static void
set_session (MedusaClient      *self,
             MedusaSessionKind  kind,
             const char        *token)
{
  char *copy = g_strdup (token);

  medusa_secret_free (self->access_token);
  self->access_token = copy;

  if (kind != MEDUSA_SESSION_NONE)
    self->session_serial++;
  else
    {
      GSList *all = soup_cookie_jar_all_cookies (self->cookies);

      for (GSList *l = all; l != NULL; l = l->next)
        {
          g_autoptr(SoupCookie) cookie = l->data;

          soup_cookie_jar_delete_cookie (self->cookies, cookie);
        }
      g_slist_free (all);
    }

  if (self->session_kind != kind)
    {
      self->session_kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_KIND]);
    }
}

/* ------------------------------------------------------------------------ */
/* Transport: one request, its answer read within bounds, mapped to errors  */

typedef struct
{
  MedusaRequest *request;       /* NULL for a plain GET of a file (an image) */
  SoupMessage   *message;
  GInputStream  *stream;
  GByteArray    *buffer;
  gsize          max_size;
  const char    *media_type;    /* for a file: the type prefix it must have, e.g. "image/" */
  gboolean       fetch_only;    /* the answer as it came, for a prefetch */
} SendData;

/* What the debug log says was asked for: a Store API request's path with
 * its query (the benchmark lists a start's requests from these lines), a
 * file's path only (a picture's query may be a signature). */
static const char *
logged_path (SendData *data)
{
  if (data->request != NULL)
    return data->request->path;

  return g_uri_get_path (soup_message_get_uri (data->message));
}

static void
send_data_free (SendData *data)
{
  medusa_request_free (data->request);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data);
}

static GError *
too_large_error (gsize max_size)
{
  g_autofree char *size = g_format_size (max_size);

  return g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_RESPONSE_TOO_LARGE,
                      "The store sent an answer larger than %s", size);
}

/* What the store answered: the body, or the error it means. */
static void
answer (GTask                *task,
        const MedusaResponse *response,
        const char           *sent_ahead)
{
  MedusaClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  g_debug ("%s %s → %u (%" G_GSIZE_FORMAT " bytes%s)",
           soup_message_get_method (data->message), logged_path (data),
           response->status, g_bytes_get_size (response->body), sent_ahead);

  if (!medusa_error_from_response (response->status, response->content_type, response->body,
                                   &error))
    {
      if (data->request == NULL)
        {
          g_task_return_error (task, error);
          return;
        }

      if (data->request->server_error_is_invalid_token &&
          g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER_ERROR))
        error->code = MEDUSA_ERROR_INVALID_TOKEN;
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
        {
          if (data->request->unauthorized_is_invalid_token)
            error->code = MEDUSA_ERROR_INVALID_TOKEN;
          else if (data->request->unauthorized_is_duplicate)
            error->code = MEDUSA_ERROR_DUPLICATE;
        }

      if (data->request->authenticated &&
          self->session_kind != MEDUSA_SESSION_NONE &&
          g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
        g_signal_emit (self, signals[UNAUTHORIZED], 0);

      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_bytes_ref (response->body), (GDestroyNotify) g_bytes_unref);
}

static void
send_complete (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  g_autoptr(MedusaResponse) response = g_new0 (MedusaResponse, 1);

  response->body = data->buffer != NULL
    ? g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer))
    : g_bytes_new (NULL, 0);
  response->status = soup_message_get_status (data->message);
  response->content_type = g_strdup (soup_message_headers_get_content_type (
    soup_message_get_response_headers (data->message), NULL));

  if (data->fetch_only)
    g_task_return_pointer (task, g_steal_pointer (&response),
                           (GDestroyNotify) medusa_response_free);
  else
    answer (task, response, "");
}

/* libsoup ends a Content-Length body that the connection cut short as if
 * it were whole. */
static GError *
short_body_error (SendData *data)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  guint status = soup_message_get_status (data->message);
  goffset length;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      status == SOUP_STATUS_NO_CONTENT || status == SOUP_STATUS_NOT_MODIFIED ||
      g_str_equal (soup_message_get_method (data->message), "HEAD"))
    return NULL;

  length = soup_message_headers_get_content_length (headers);
  if ((goffset) data->buffer->len >= length)
    return NULL;

  return g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                      "The store’s answer ended after %u of its %" G_GOFFSET_FORMAT " bytes",
                      data->buffer->len, length);
}

static void read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_next_chunk (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream,
                                   READ_CHUNK_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   read_cb,
                                   task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      if ((error = short_body_error (data)) != NULL)
        g_task_return_error (task, error);
      else
        send_complete (task);
      return;
    }

  if (data->buffer->len + g_bytes_get_size (chunk) > data->max_size)
    {
      g_task_return_error (task, too_large_error (data->max_size));
      return;
    }

  g_byte_array_append (data->buffer,
                       g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));

  read_next_chunk (g_steal_pointer (&task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      /* what a prefetch sends is logged by the client that takes it */
      if (!data->fetch_only)
        g_debug ("%s %s failed: %s", soup_message_get_method (data->message),
                 logged_path (data), error->message);
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);
  if (data->request != NULL && data->request->discard_body && SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      send_complete (task);
      return;
    }

  if (data->request == NULL)
    {
      const char *content_type = soup_message_headers_get_content_type (headers, NULL);

      /* a file's error page says nothing worth reading */
      if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          send_complete (task);
          return;
        }

      if (data->media_type != NULL &&
          (content_type == NULL || !g_str_has_prefix (content_type, data->media_type)))
        {
          g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                                   "The answer is %s, not %s*",
                                   content_type != NULL ? content_type : "of no type",
                                   data->media_type);
          return;
        }
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      goffset length = soup_message_headers_get_content_length (headers);

      if (length > (goffset) data->max_size)
        {
          g_task_return_error (task, too_large_error (data->max_size));
          return;
        }
      data->buffer = g_byte_array_sized_new (length);
    }
  else
    data->buffer = g_byte_array_new ();
  read_next_chunk (g_steal_pointer (&task));
}

static void send_async (MedusaClient        *self,
                        MedusaRequest       *request,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data);

static void
request_done_cb (MedusaClient *self)
{
  if (--self->n_pending == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

/* The answer to a request sent ahead, taken from the prefetch. */
static void
claim_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(MedusaResponse) response = NULL;
  GError *error = NULL;

  response = medusa_prefetch_claim_finish (MEDUSA_PREFETCH (object), result, &error);
  if (response == NULL)
    {
      g_debug ("%s %s failed (sent ahead): %s", soup_message_get_method (data->message),
               logged_path (data), error->message);
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (response->body) > data->max_size)
    {
      g_task_return_error (task, too_large_error (data->max_size));
      return;
    }

  answer (task, response, ", sent ahead");
}

/* Sends @data's message and reads the answer within @data's bounds, or
 * takes the answer from the prefetch that sent the same request ahead. */
static void
send_message_async (MedusaClient        *self,
                    SendData            *data,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, send_async);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  /* until the task has returned, whichever way */
  if (self->n_pending++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (request_done_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->prefetch != NULL && data->request != NULL &&
      medusa_prefetch_claim_async (self->prefetch, data->request, self->access_token,
                                   cancellable, claim_cb, task))
    return;

  self->request_count++;
  soup_session_send_async (self->session,
                           data->message,
                           G_PRIORITY_DEFAULT,
                           cancellable,
                           send_cb,
                           task);
}

/* Sends @request: its answer read as the client reads it or, @fetch_only,
 * left as it came. */
static void
send_request_async (MedusaClient        *self,
                    MedusaRequest       *request,
                    gboolean             fetch_only,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autofree char *uri = NULL;
  SoupMessageHeaders *headers;
  SendData *data;

  if (self->dialect->prepare != NULL)
    self->dialect->prepare (request, self->publishable_key);

  data = g_new0 (SendData, 1);
  data->request = request;
  data->max_size = self->max_response_size;

  uri = g_strconcat (self->base_url, request->path, NULL);
  data->message = soup_message_new (request->method, uri);
  if (data->message == NULL)
    {
      send_data_free (data);
      g_task_report_new_error (self, callback, user_data, send_async,
                               MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                               "The store’s address is not a valid web address");
      return;
    }

  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (request->body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      char *json;

      json_generator_set_root (generator, request->body);
      json = json_generator_to_data (generator, &length);
      bytes = g_bytes_new_with_free_func (json, length, (GDestroyNotify) medusa_secret_free,
                                          json);
      soup_message_set_request_body_from_bytes (data->message, "application/json", bytes);
    }

  for (guint i = 0; request->headers != NULL && i + 1 < request->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (request->headers, i),
                                  g_ptr_array_index (request->headers, i + 1));

  if (request->bearer != NULL || (request->authenticated && self->access_token != NULL))
    {
      const char *token = request->bearer != NULL ? request->bearer : self->access_token;
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
      explicit_bzero (authorization, strlen (authorization));
    }

  data->fetch_only = fetch_only;
  send_message_async (self, data, cancellable, callback, user_data);
}

static void
send_async (MedusaClient        *self,
            MedusaRequest       *request,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  send_request_async (self, request, FALSE, cancellable, callback, user_data);
}

/*
 * medusa_client_fetch_async:
 * @request: (transfer full): a request of the client's dialect
 *
 * Sends @request and reads its answer within the client's bounds, but leaves
 * the answer as it came: for a #MedusaPrefetch, whose claimant reads it.
 */
void
medusa_client_fetch_async (MedusaClient        *self,
                           MedusaRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (self->prefetch == NULL);

  send_request_async (self, request, TRUE, cancellable, callback, user_data);
}

MedusaResponse *
medusa_client_fetch_finish (MedusaClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GBytes *
send_finish (MedusaClient  *self,
             GAsyncResult  *result,
             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

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
static gboolean
is_unreachable (const GError *error)
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

static void
set_offline (MedusaClient *self,
             gboolean      offline)
{
  if (self->offline == offline)
    return;

  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
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
  send_async (self, request, g_task_get_cancellable (task), call_cb, task);
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

  body = send_finish (self, result, &error);
  if (body == NULL)
    {
      if (error->domain == MEDUSA_ERROR)
        set_offline (self, FALSE);
      else if (is_unreachable (error))
        set_offline (self, TRUE);

      /* out of reach: the answer kept from before, if any */
      if (keepable && is_unreachable (error))
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

  set_offline (self, FALSE);

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

static GError *
not_supported_error (MedusaClient *self)
{
  return g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_NOT_SUPPORTED,
                      "Medusa %s stores do not offer this", self->dialect->name);
}

/* @request: (transfer full) (nullable): the operation's first request, NULL
 * where the client's dialect cannot do it;
 * @parse: (nullable): makes a GObject of the last answer; NULL for calls that
 * answer nothing of interest, which then finish with a boolean */
static void
call (MedusaClient        *self,
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
      g_task_return_error (task, not_supported_error (self));
      g_object_unref (task);
      return;
    }

  call_send (self, request, task);
}

/* @request, read only, its answer worth showing again offline: what of it
 * @keep says; @lasting, one a start offline needs */
static MedusaRequest *
mark_keepable (MedusaRequest        *request,
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

static gpointer
call_finish (MedusaClient  *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             GError       **error)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
call_finish_boolean (MedusaClient  *self,
                     GAsyncResult  *result,
                     gpointer       source_tag,
                     GError       **error)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */

static void
medusa_client_dispose (GObject *object)
{
  MedusaClient *self = (MedusaClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->cookies);
  g_clear_object (&self->prefetch);
  g_clear_object (&self->answer_store);

  G_OBJECT_CLASS (medusa_client_parent_class)->dispose (object);
}

static void
medusa_client_finalize (GObject *object)
{
  MedusaClient *self = (MedusaClient *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->publishable_key, g_free);
  g_clear_pointer (&self->access_token, medusa_secret_free);

  G_OBJECT_CLASS (medusa_client_parent_class)->finalize (object);
}

static void
medusa_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, medusa_client_get_timeout (self));
      break;

    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->max_response_size);
      break;

    case PROP_SESSION_KIND:
      g_value_set_enum (value, self->session_kind);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    case PROP_API_VERSION:
      g_value_set_enum (value, self->api_version);
      break;

    case PROP_PUBLISHABLE_KEY:
      g_value_set_string (value, self->publishable_key);
      break;

    case PROP_CAPABILITIES:
      g_value_set_flags (value, medusa_client_get_capabilities (self));
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize length = url != NULL ? strlen (url) : 0;

        /* Paths are appended as they are, so a store under a sub-path works. */
        while (length > 0 && url[length - 1] == '/')
          length--;
        self->base_url = g_strndup (url != NULL ? url : "", length);
      }
      break;

    case PROP_TIMEOUT:
      medusa_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_RESPONSE_SIZE:
      medusa_client_set_max_response_size (self, g_value_get_uint64 (value));
      break;

    case PROP_API_VERSION:
      medusa_client_set_api_version (self, g_value_get_enum (value));
      break;

    case PROP_PUBLISHABLE_KEY:
      medusa_client_set_publishable_key (self, g_value_get_string (value));
      break;

    case PROP_SESSION_KIND:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_client_class_init (MedusaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_client_dispose;
  object_class->finalize = medusa_client_finalize;
  object_class->get_property = medusa_client_get_property;
  object_class->set_property = medusa_client_set_property;

  /**
   * MedusaClient:base-url:
   *
   * The store's address, such as `https://shop.example.com`; the Store API's
   * paths (`/store/…`) are appended to it.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:timeout:
   *
   * Seconds a connection may stay silent before a call fails; 0 waits forever.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, MEDUSA_CLIENT_DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:max-response-size:
   *
   * The largest answer read, in bytes; a larger one fails with
   * %MEDUSA_ERROR_RESPONSE_TOO_LARGE without being held in memory.
   */
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint64 ("max-response-size", NULL, NULL,
                         1, G_MAXSIZE, MEDUSA_CLIENT_DEFAULT_MAX_RESPONSE_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:session-kind:
   *
   * Whether, and how, the client is signed in.
   */
  properties[PROP_SESSION_KIND] =
    g_param_spec_enum ("session-kind", NULL, NULL,
                       MEDUSA_TYPE_SESSION_KIND, MEDUSA_SESSION_NONE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:n-pending:
   *
   * How many requests are on their way. It is notified when the client
   * becomes busy and when it becomes idle: something that can wait (a
   * count for a summary, say) can wait for it to be 0.
   */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:api-version:
   *
   * Which Store API the store speaks: detected with
   * medusa_client_detect_api_version_async(), or set from what was detected
   * before. Until it is known the client speaks v1.
   */
  properties[PROP_API_VERSION] =
    g_param_spec_enum ("api-version", NULL, NULL,
                       MEDUSA_TYPE_API_VERSION, MEDUSA_API_VERSION_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:publishable-key:
   *
   * The store's publishable API key, which a v2 store wants with every
   * Store API call. It is public (storefronts carry it), not a secret.
   */
  properties[PROP_PUBLISHABLE_KEY] =
    g_param_spec_string ("publishable-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:capabilities:
   *
   * What the store's Store API can do where versions differ.
   */
  properties[PROP_CAPABILITIES] =
    g_param_spec_flags ("capabilities", NULL, NULL,
                        MEDUSA_TYPE_CAPABILITIES, MEDUSA_CAPABILITY_NONE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:offline:
   *
   * The last call could not reach the store (a network fault, not an
   * answer); the next answer from the store ends it. Meanwhile the
   * customer, orders and orders pages come from the answer store, if the
   * client has one and it kept them (medusa_client_set_answer_store()).
   */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedusaClient::unauthorized:
   *
   * The store refused the session (expired or revoked) on a call that needs it.
   */
  signals[UNAUTHORIZED] =
    g_signal_new ("unauthorized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
medusa_client_init (MedusaClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Patron/%s", PACKAGE_VERSION);

  self->dialect = &medusa_dialect_v1;
  self->max_response_size = MEDUSA_CLIENT_DEFAULT_MAX_RESPONSE_SIZE;
  self->cookies = soup_cookie_jar_new ();
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", MEDUSA_CLIENT_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 NULL);
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->cookies));
}

/**
 * medusa_client_check_base_url:
 * @base_url: what the user gave as the store's address
 * @error: where to put what is wrong with it
 *
 * Returns: %TRUE if @base_url can be a store's address: an absolute `http` or
 *   `https` URL with a host, no user name, query or fragment
 */
gboolean
medusa_client_check_base_url (const char  *base_url,
                              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (base_url != NULL ? base_url : "", G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("This is not a web address"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("The address must start with https:// or http://"));
      return FALSE;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("The address has no host name"));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("The address must not contain a user name, “?” or “#”"));
      return FALSE;
    }

  return TRUE;
}

/**
 * medusa_client_new:
 * @base_url: the store's address, checked with medusa_client_check_base_url()
 *
 * Returns: (transfer full): a new client, signed out
 */
MedusaClient *
medusa_client_new (const char *base_url)
{
  return g_object_new (MEDUSA_TYPE_CLIENT, "base-url", base_url, NULL);
}

/**
 * medusa_client_new_sibling:
 * @client: a client
 *
 * Returns: (transfer full): a new client, signed out, for @client's store,
 *   speaking its Store API with its publishable key
 */
MedusaClient *
medusa_client_new_sibling (MedusaClient *client)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);

  return g_object_new (MEDUSA_TYPE_CLIENT,
                       "base-url", client->base_url,
                       "api-version", client->api_version,
                       "publishable-key", client->publishable_key,
                       "timeout", medusa_client_get_timeout (client),
                       "max-response-size", client->max_response_size,
                       NULL);
}

const char *
medusa_client_get_base_url (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->base_url;
}

guint
medusa_client_get_timeout (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return soup_session_get_timeout (self->session);
}

void
medusa_client_set_timeout (MedusaClient *self,
                           guint         timeout)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (soup_session_get_timeout (self->session) != timeout)
    {
      soup_session_set_timeout (self->session, timeout);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
    }
}

gsize
medusa_client_get_max_response_size (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return self->max_response_size;
}

void
medusa_client_set_max_response_size (MedusaClient *self,
                                     gsize         max_size)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (max_size > 0);

  if (self->max_response_size != max_size)
    {
      self->max_response_size = max_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
    }
}

MedusaSessionKind
medusa_client_get_session_kind (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_SESSION_NONE);

  return self->session_kind;
}

/**
 * medusa_client_get_access_token:
 *
 * The bearer token of a token session, to keep in the keyring. Never log it.
 *
 * Returns: (nullable): the token, or %NULL without a token session
 */
const char *
medusa_client_get_access_token (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->access_token;
}

/**
 * medusa_client_set_access_token:
 * @token: (nullable): a bearer token kept from an earlier sign-in
 *
 * Resumes a token session without a request; the next call shows whether the
 * store still accepts it. %NULL signs out locally.
 */
void
medusa_client_set_access_token (MedusaClient *self,
                                const char   *token)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (token != NULL && token[0] != '\0')
    set_session (self, MEDUSA_SESSION_TOKEN, token);
  else
    set_session (self, MEDUSA_SESSION_NONE, NULL);
}

/**
 * medusa_client_set_prefetch:
 * @prefetch: (nullable): requests sent ahead for this client, or %NULL to
 *   take no more answers from one
 *
 * From now on, a request that @prefetch sent ahead with the client's token
 * takes the answer from there, once; every other request goes to the store.
 * The answers taken do not count as requests the client sent
 * (medusa_client_get_request_count()).
 */
void
medusa_client_set_prefetch (MedusaClient   *self,
                            MedusaPrefetch *prefetch)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (prefetch == NULL || MEDUSA_IS_PREFETCH (prefetch));
  g_return_if_fail (prefetch == NULL ||
                    g_str_equal (medusa_prefetch_get_base_url (prefetch), self->base_url));

  g_set_object (&self->prefetch, prefetch);
}

/**
 * medusa_client_set_answer_store:
 * @store: (nullable): where to keep answers, or %NULL to keep none
 *
 * From now on, the store's answers to the read-only calls whose answers a
 * user may want to see again without a network (the customer, pages of
 * orders, an order) are handed to @store, and while the store cannot be
 * reached those calls answer what @store kept for them, read by the same
 * bounded parsers (#MedusaClient:offline says so). Nothing else is kept: no
 * token, no request body.
 */
void
medusa_client_set_answer_store (MedusaClient      *self,
                                MedusaAnswerStore *store)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (store == NULL || MEDUSA_IS_ANSWER_STORE (store));

  g_set_object (&self->answer_store, store);
}

/**
 * medusa_client_get_offline:
 *
 * Returns: whether the last call could not reach the store
 */
gboolean
medusa_client_get_offline (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);

  return self->offline;
}

/**
 * medusa_client_get_api_version:
 *
 * Returns: which Store API the client speaks to the store
 */
MedusaApiVersion
medusa_client_get_api_version (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_API_VERSION_UNKNOWN);

  return self->api_version;
}

/**
 * medusa_client_set_api_version:
 * @version: what medusa_client_detect_api_version_async() found, now or on
 *   an earlier visit
 *
 * Chooses the dialect the client speaks. %MEDUSA_API_VERSION_UNKNOWN speaks v1.
 */
void
medusa_client_set_api_version (MedusaClient     *self,
                               MedusaApiVersion  version)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (self->api_version == version)
    return;

  self->api_version = version;
  self->dialect = medusa_dialect_for_version (version);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPABILITIES]);
}

const char *
medusa_client_get_publishable_key (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->publishable_key;
}

/**
 * medusa_client_set_publishable_key:
 * @key: (nullable): the store's publishable API key
 *
 * Blanks around @key are dropped; a key with spaces or control characters
 * inside is no key.
 */
void
medusa_client_set_publishable_key (MedusaClient *self,
                                   const char   *key)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (key != NULL)
    stripped = g_strstrip (g_strdup (key));
  if (stripped != NULL && stripped[0] == '\0')
    g_clear_pointer (&stripped, g_free);
  /* it goes into every request's headers: one word of visible characters;
   * without one, the store says it needs its key */
  for (const char *p = stripped; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isgraph (*p))
        {
          g_debug ("Not a publishable key: it has spaces or control characters");
          g_clear_pointer (&stripped, g_free);
          break;
        }
    }

  if (g_strcmp0 (self->publishable_key, stripped) == 0)
    return;

  g_free (self->publishable_key);
  self->publishable_key = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHABLE_KEY]);
}

/**
 * medusa_client_get_capabilities:
 *
 * What the store's Store API can do where versions differ, as the client's
 * dialect knows it: the app hides or explains what is missing.
 *
 * Returns: the capabilities
 */
MedusaCapabilities
medusa_client_get_capabilities (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_CAPABILITY_NONE);

  return self->dialect->capabilities;
}

static void
detect_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(MedusaResponse) response = NULL;
  MedusaApiVersion version;
  GError *error = NULL;

  response = g_task_propagate_pointer (G_TASK (result), &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  version = medusa_dialect_recognize (response->status, response->content_type, response->body);
  g_debug ("Store API version: %s (probe answered %u)",
           version == MEDUSA_API_VERSION_UNKNOWN ? "unknown"
           : medusa_dialect_for_version (version)->name, response->status);
  if (version == MEDUSA_API_VERSION_UNKNOWN)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                               "The address does not answer as a Medusa store does");
      return;
    }

  medusa_client_set_api_version (self, version);
  g_task_return_int (task, version);
}

/**
 * medusa_client_detect_api_version_async:
 *
 * Tells which Store API the store speaks with one request that changes
 * nothing on the store, and sets #MedusaClient:api-version. Meant once per
 * store: remember the answer and set it on later clients.
 */
void
medusa_client_detect_api_version_async (MedusaClient        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_detect_api_version_async);
  send_request_async (self, medusa_dialect_probe (), TRUE, cancellable, detect_cb, task);
}

/**
 * medusa_client_detect_api_version_finish:
 *
 * Returns: the version, or %MEDUSA_API_VERSION_UNKNOWN with @error set
 *   (%MEDUSA_ERROR_INVALID_RESPONSE when the address is not a Medusa store)
 */
MedusaApiVersion
medusa_client_detect_api_version_finish (MedusaClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  gssize version;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_API_VERSION_UNKNOWN);
  g_return_val_if_fail (g_task_is_valid (result, self), MEDUSA_API_VERSION_UNKNOWN);

  version = g_task_propagate_int (G_TASK (result), error);

  return version > 0 ? (MedusaApiVersion) version : MEDUSA_API_VERSION_UNKNOWN;
}

/* ------------------------------------------------------------------------ */

/**
 * medusa_client_create_customer_async:
 * @phone: (nullable): an optional phone number
 *
 * Registers a customer account (`POST /store/customers`). It does not sign
 * in: call medusa_client_sign_in_async() next. An email that has an account
 * already fails with %MEDUSA_ERROR_DUPLICATE.
 */
void
medusa_client_create_customer_async (MedusaClient        *self,
                                     const char          *email,
                                     const char          *password,
                                     const char          *first_name,
                                     const char          *last_name,
                                     const char          *phone,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL && password != NULL);

  call (self,
        self->dialect->create_customer (email, password, first_name, last_name, phone),
        (ParseFunc) self->dialect->parse_customer,
        medusa_client_create_customer_async,
        cancellable, callback, user_data);
}

/**
 * medusa_client_create_customer_finish:
 *
 * Returns: (transfer full): the new customer
 */
MedusaCustomer *
medusa_client_create_customer_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return call_finish (self, result, medusa_client_create_customer_async, error);
}

static void
email_exists_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gboolean exists = FALSE;

  body = send_finish (self, result, &error);
  if (body == NULL || !self->dialect->parse_exists (body, &exists, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, exists);
}

/**
 * medusa_client_email_exists_async:
 *
 * Asks the store whether @email has an account (`GET /store/auth/{email}`).
 */
void
medusa_client_email_exists_async (MedusaClient        *self,
                                  const char          *email,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  MedusaRequest *request;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_email_exists_async);
  request = self->dialect->email_exists (email);
  if (request == NULL)
    {
      g_task_return_error (task, not_supported_error (self));
      g_object_unref (task);
      return;
    }
  send_async (self, request, cancellable, email_exists_cb, task);
}

/**
 * medusa_client_email_exists_finish:
 * @exists: (out): whether the email has an account
 *
 * Returns: %TRUE if the store answered, with @exists set
 */
gboolean
medusa_client_email_exists_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   gboolean      *exists,
                                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (exists != NULL)
    *exists = value != 0;

  return TRUE;
}

typedef struct
{
  char           *email;
  char           *password;
  MedusaAuthMode  mode;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_free (data->email);
  medusa_secret_free (data->password);
  g_free (data);
}

static void sign_in_fetch_customer (MedusaClient *self,
                                    GTask        *task);

static void
sign_in_customer_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  MedusaCustomer *customer;
  GError *error = NULL;

  customer = call_finish (self, result, sign_in_fetch_customer, &error);
  if (customer == NULL)
    {
      set_session (self, MEDUSA_SESSION_NONE, NULL);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, customer, g_object_unref);
}

static void
sign_in_fetch_customer (MedusaClient *self,
                        GTask        *task)
{
  /* parsed off the main loop, as call() does */
  call (self, mark_keepable (self->dialect->get_customer (), self->dialect->keep_customer, TRUE),
        (ParseFunc) self->dialect->parse_customer,
        sign_in_fetch_customer, g_task_get_cancellable (task), sign_in_customer_cb, task);
}

static void
sign_in_cookie_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = send_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  set_session (self, MEDUSA_SESSION_COOKIE, NULL);
  sign_in_fetch_customer (self, g_steal_pointer (&task));
}

static void
sign_in_with_cookie (MedusaClient *self,
                     GTask        *task)
{
  SignInData *data = g_task_get_task_data (task);
  MedusaRequest *request = self->dialect->sign_in_cookie (data->email, data->password);

  if (request == NULL)
    {
      g_task_return_error (task, not_supported_error (self));
      g_object_unref (task);
      return;
    }

  send_async (self, request, g_task_get_cancellable (task), sign_in_cookie_cb, task);
}

static void
sign_in_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  body = send_finish (self, result, &error);
  if (body == NULL)
    {
      /* Medusa before 1.17 has no token route: fall back to a cookie session */
      if (data->mode == MEDUSA_AUTH_MODE_AUTO &&
          (self->dialect->capabilities & MEDUSA_CAPABILITY_COOKIE_SESSION) &&
          g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND))
        {
          g_debug ("No token sign-in on this store, using a cookie session");
          g_clear_error (&error);
          sign_in_with_cookie (self, g_steal_pointer (&task));
          return;
        }

      g_task_return_error (task, error);
      return;
    }

  token = self->dialect->parse_token (body, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  set_session (self, MEDUSA_SESSION_TOKEN, token);
  explicit_bzero (token, strlen (token));
  sign_in_fetch_customer (self, g_steal_pointer (&task));
}

/**
 * medusa_client_sign_in_async:
 * @mode: how to hold the session
 *
 * Signs in and fetches the customer (`GET /store/customers/me`). The
 * customer is never read from the sign-in answer: on v1 that embeds every
 * order. A wrong email or password fails with %MEDUSA_ERROR_UNAUTHORIZED.
 * Any earlier session of this client is dropped first.
 */
void
medusa_client_sign_in_async (MedusaClient        *self,
                             const char          *email,
                             const char          *password,
                             MedusaAuthMode       mode,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  SignInData *data;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL && password != NULL);

  set_session (self, MEDUSA_SESSION_NONE, NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_sign_in_async);
  data = g_new0 (SignInData, 1);
  data->email = g_strdup (email);
  data->password = g_strdup (password);
  data->mode = mode;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  if (mode == MEDUSA_AUTH_MODE_COOKIE)
    sign_in_with_cookie (self, task);
  else
    send_async (self, self->dialect->sign_in_token (email, password), cancellable,
                sign_in_token_cb, task);
}

/**
 * medusa_client_sign_in_finish:
 *
 * Returns: (transfer full): the signed-in customer
 */
MedusaCustomer *
medusa_client_sign_in_finish (MedusaClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return call_finish (self, result, medusa_client_sign_in_async, error);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = send_finish (self, result, &error);
  /* unless the next customer signed in while the store answered: the
   * session is theirs now */
  if (self->session_serial == GPOINTER_TO_UINT (g_task_get_task_data (task)))
    set_session (self, MEDUSA_SESSION_NONE, NULL);

  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * medusa_client_sign_out_async:
 *
 * Ends the session: `DELETE /store/auth` ends a cookie session on the store;
 * the token and cookies are forgotten here whatever the store answers, unless
 * a sign-in began a new session meanwhile. (v1
 * keeps a bearer token valid until it expires: forgetting it is all a client
 * can do.)
 */
void
medusa_client_sign_out_async (MedusaClient        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  MedusaRequest *request;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (self->access_token != NULL)
    {
      medusa_secret_free (self->access_token);
      self->access_token = NULL;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_sign_out_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->session_serial), NULL);
  request = self->dialect->sign_out ();
  if (request == NULL)
    {
      /* nothing on the store to end: forgetting is all there is */
      set_session (self, MEDUSA_SESSION_NONE, NULL);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  send_async (self, request, cancellable, sign_out_cb, task);
}

/**
 * medusa_client_sign_out_finish:
 *
 * Returns: %TRUE if the store confirmed; the client is signed out either way
 */
gboolean
medusa_client_sign_out_finish (MedusaClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return call_finish_boolean (self, result, medusa_client_sign_out_async, error);
}

static void
refresh_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  const char *renewed = g_task_get_task_data (task);

  body = send_finish (self, result, &error);
  if (body != NULL)
    token = self->dialect->parse_token (body, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* unless the customer signed out meanwhile, or someone else signed in */
  if (self->session_kind == MEDUSA_SESSION_TOKEN && g_strcmp0 (self->access_token, renewed) == 0)
    set_session (self, MEDUSA_SESSION_TOKEN, token);
  explicit_bzero (token, strlen (token));
  g_task_return_boolean (task, TRUE);
}

/**
 * medusa_client_refresh_token_async:
 *
 * Renews the session's bearer token before it expires, where the store can
 * (%MEDUSA_CAPABILITY_TOKEN_REFRESH; else %MEDUSA_ERROR_NOT_SUPPORTED). The
 * new token replaces the old one, unless the session changed meanwhile: keep
 * it again if it is kept.
 */
void
medusa_client_refresh_token_async (MedusaClient        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  MedusaRequest *request;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_refresh_token_async);
  request = self->dialect->refresh_token != NULL ? self->dialect->refresh_token () : NULL;
  if (request == NULL || self->session_kind != MEDUSA_SESSION_TOKEN)
    {
      medusa_request_free (request);
      g_task_return_error (task, request == NULL
                           ? not_supported_error (self)
                           : g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED,
                                                  "Not signed in with a token"));
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, g_strdup (self->access_token), (GDestroyNotify) medusa_secret_free);
  send_async (self, request, cancellable, refresh_token_cb, task);
}

gboolean
medusa_client_refresh_token_finish (MedusaClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return call_finish_boolean (self, result, medusa_client_refresh_token_async, error);
}

/**
 * medusa_client_get_customer_async:
 *
 * Fetches the signed-in customer (`GET /store/customers/me`).
 */
void
medusa_client_get_customer_async (MedusaClient        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  call (self, mark_keepable (self->dialect->get_customer (), self->dialect->keep_customer, TRUE),
        (ParseFunc) self->dialect->parse_customer,
        medusa_client_get_customer_async, cancellable, callback, user_data);
}

/**
 * medusa_client_get_customer_finish:
 *
 * Returns: (transfer full): the signed-in customer
 */
MedusaCustomer *
medusa_client_get_customer_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return call_finish (self, result, medusa_client_get_customer_async, error);
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
  return call_finish (self, result, medusa_client_recall_customer_async, error);
}

/**
 * medusa_client_request_password_reset_async:
 *
 * Asks the store to email a password-reset token. v1 answers the same for
 * an email without an account, so success says nothing about the account.
 */
void
medusa_client_request_password_reset_async (MedusaClient        *self,
                                            const char          *email,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  call (self, self->dialect->request_password_reset (email), NULL,
        medusa_client_request_password_reset_async, cancellable, callback, user_data);
}

gboolean
medusa_client_request_password_reset_finish (MedusaClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return call_finish_boolean (self, result, medusa_client_request_password_reset_async, error);
}

/**
 * medusa_client_reset_password_async:
 * @token: the token from the reset email
 *
 * Sets a new password with an emailed token. A wrong, used or expired token
 * fails with %MEDUSA_ERROR_INVALID_TOKEN. It does not sign in.
 */
void
medusa_client_reset_password_async (MedusaClient        *self,
                                    const char          *email,
                                    const char          *password,
                                    const char          *token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL && password != NULL && token != NULL);

  call (self, self->dialect->reset_password (email, password, token),
        (ParseFunc) self->dialect->parse_customer,
        medusa_client_reset_password_async, cancellable, callback, user_data);
}

/**
 * medusa_client_reset_password_finish:
 *
 * Returns: (transfer full): the customer (without addresses)
 */
MedusaCustomer *
medusa_client_reset_password_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return call_finish (self, result, medusa_client_reset_password_async, error);
}

/**
 * medusa_client_update_customer_async:
 *
 * Changes the signed-in customer (`POST /store/customers/me`).
 */
void
medusa_client_update_customer_async (MedusaClient          *self,
                                     MedusaCustomerChanges *changes,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (changes != NULL);

  call (self, self->dialect->update_customer (changes),
        (ParseFunc) self->dialect->parse_customer,
        medusa_client_update_customer_async, cancellable, callback, user_data);
}

/**
 * medusa_client_update_customer_finish:
 *
 * Returns: (transfer full): the customer as the store now has it
 */
MedusaCustomer *
medusa_client_update_customer_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return call_finish (self, result, medusa_client_update_customer_async, error);
}

/**
 * medusa_client_add_address_async:
 *
 * Adds a shipping address. v1 silently skips an address identical to one
 * the customer has: compare the answer's addresses to tell.
 */
void
medusa_client_add_address_async (MedusaClient        *self,
                                 MedusaAddress       *address,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (MEDUSA_IS_ADDRESS (address));

  call (self, self->dialect->add_address (address), (ParseFunc) self->dialect->parse_customer,
        medusa_client_add_address_async, cancellable, callback, user_data);
}

/**
 * medusa_client_add_address_finish:
 *
 * Returns: (transfer full): the customer with its addresses
 */
MedusaCustomer *
medusa_client_add_address_finish (MedusaClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return call_finish (self, result, medusa_client_add_address_async, error);
}

void
medusa_client_update_address_async (MedusaClient        *self,
                                    const char          *address_id,
                                    MedusaAddress       *address,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address_id != NULL);
  g_return_if_fail (MEDUSA_IS_ADDRESS (address));

  call (self, self->dialect->update_address (address_id, address),
        (ParseFunc) self->dialect->parse_customer,
        medusa_client_update_address_async, cancellable, callback, user_data);
}

/**
 * medusa_client_update_address_finish:
 *
 * Returns: (transfer full): the customer with its addresses
 */
MedusaCustomer *
medusa_client_update_address_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return call_finish (self, result, medusa_client_update_address_async, error);
}

void
medusa_client_delete_address_async (MedusaClient        *self,
                                    const char          *address_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address_id != NULL);

  call (self, self->dialect->delete_address (address_id),
        (ParseFunc) self->dialect->parse_address_deleted,
        medusa_client_delete_address_async, cancellable, callback, user_data);
}

/**
 * medusa_client_delete_address_finish:
 *
 * Returns: (transfer full): the customer with its remaining addresses
 */
MedusaCustomer *
medusa_client_delete_address_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return call_finish (self, result, medusa_client_delete_address_async, error);
}

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
  g_autoptr(GListStore) shown = g_list_store_new (MEDUSA_TYPE_ORDER);
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

  for (guint i = offset;
       i < g_list_model_get_n_items (G_LIST_MODEL (matches)) && (limit == 0 || i < offset + limit);
       i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (matches), i);

      g_list_store_append (shown, order);
    }
  g_task_return_pointer (task,
                         g_object_new (MEDUSA_TYPE_ORDER_PAGE,
                                       "orders", shown,
                                       "count", g_list_model_get_n_items (G_LIST_MODEL (matches)),
                                       "offset", offset,
                                       "limit", limit,
                                       NULL),
                         g_object_unref);
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

  page = call_finish (MEDUSA_CLIENT (object), result, list_orders_cb, &error);
  if (page == NULL)
    {
      if (data->store != NULL && is_unreachable (error) &&
          medusa_order_query_has_filters (data->query))
        {
          data->unreachable = error;
          g_task_run_in_thread (task, search_kept_thread);
          return;
        }
      g_task_return_error (task, error);
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
  /* pages of whole orders are an export's, not what a list shows; the
   * count (a page of one id) is what the account page starts with */
  if (medusa_order_query_get_detail (query) != MEDUSA_ORDER_DETAIL_FULL)
    mark_keepable (request, self->dialect->keep_order_page,
                   medusa_order_query_get_detail (query) == MEDUSA_ORDER_DETAIL_ID);
  call (self, request, (ParseFunc) order_page_parser (self->dialect, query),
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
  return call_finish (self, result, medusa_client_list_orders_async, error);
}

void
medusa_client_get_order_async (MedusaClient        *self,
                               const char          *order_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL);

  call (self, mark_keepable (self->dialect->get_order (order_id), self->dialect->keep_order, FALSE),
        (ParseFunc) self->dialect->parse_order,
        medusa_client_get_order_async, cancellable, callback, user_data);
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
  return call_finish (self, result, medusa_client_get_order_async, error);
}

/**
 * medusa_client_list_regions_async:
 *
 * Lists the store's regions with their countries, for address forms. It
 * also tells whether an address is a Medusa store at all.
 */
void
medusa_client_list_regions_async (MedusaClient        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  call (self, self->dialect->list_regions (), (ParseFunc) self->dialect->parse_regions,
        medusa_client_list_regions_async, cancellable, callback, user_data);
}

/**
 * medusa_client_list_regions_finish:
 *
 * Returns: (transfer full): a #GListModel of #MedusaRegion
 */
GListModel *
medusa_client_list_regions_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return call_finish (self, result, medusa_client_list_regions_async, error);
}

/* ------------------------------------------------------------------------ */
/* Files the store links to: product pictures                               */

/**
 * medusa_client_resolve_url:
 * @url: an address the store gave, such as a line item's thumbnail
 * @error: where to put why it cannot be fetched
 *
 * Resolves @url against the store's address (a thumbnail may be given as
 * `/uploads/shirt.png`) and checks that it is one to fetch: `http` or
 * `https`, with a host and no user name.
 *
 * Returns: (transfer full) (nullable): the absolute address, or %NULL
 */
char *
medusa_client_resolve_url (MedusaClient  *self,
                           const char    *url,
                           GError       **error)
{
  g_autofree char *base = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  if (url == NULL || url[0] == '\0')
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA, "No address");
      return NULL;
    }

  /* the base ends in "/" so that "a.png" stays under a store's sub-path */
  if (self->base_url[0] != '\0')
    base = g_strconcat (self->base_url, "/", NULL);
  resolved = g_uri_resolve_relative (base, url, G_URI_FLAGS_ENCODED, NULL);
  if (resolved != NULL)
    uri = g_uri_parse (resolved, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           "This is not a web address");
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           "Only http:// and https:// addresses with a host are fetched");
      return NULL;
    }

  return g_uri_to_string (uri);
}

typedef struct
{
  SoupMessage *message;
} ImageData;

static void
image_data_free (ImageData *data)
{
  g_clear_object (&data->message);
  g_free (data);
}

static void
get_image_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *body;

  body = send_finish (MEDUSA_CLIENT (object), result, &error);
  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
}

/**
 * medusa_client_get_image_async:
 * @url: the picture's address, absolute or relative to the store's
 * @max_bytes: the largest picture accepted
 *
 * Fetches a picture the store links to (a product's thumbnail) through the
 * client's session, without the session's token or cookies, which are the
 * store's and not an image host's business. An address that
 * medusa_client_resolve_url() refuses fails with %MEDUSA_ERROR_INVALID_DATA,
 * an answer that is not `image/…` with %MEDUSA_ERROR_INVALID_RESPONSE, a larger
 * one than @max_bytes with %MEDUSA_ERROR_RESPONSE_TOO_LARGE, an HTTP failure
 * as any call's; a silent server times out after #MedusaClient:timeout with
 * %G_IO_ERROR_TIMED_OUT. The bytes are not decoded here.
 */
void
medusa_client_get_image_async (MedusaClient        *self,
                               const char          *url,
                               gsize                max_bytes,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *resolved = NULL;
  GError *error = NULL;
  ImageData *image;
  SendData *data;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (max_bytes > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_get_image_async);

  resolved = medusa_client_resolve_url (self, url, &error);
  if (resolved == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  image = g_new0 (ImageData, 1);
  image->message = soup_message_new (SOUP_METHOD_GET, resolved);
  g_task_set_task_data (task, image, (GDestroyNotify) image_data_free);
  if (image->message == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                               "This is not a web address");
      return;
    }
  soup_message_disable_feature (image->message, SOUP_TYPE_COOKIE_JAR);
  soup_message_headers_replace (soup_message_get_request_headers (image->message),
                                "Accept", "image/png, image/jpeg, image/*;q=0.8");

  data = g_new0 (SendData, 1);
  data->message = g_object_ref (image->message);
  data->max_size = max_bytes;
  data->media_type = "image/";
  send_message_async (self, data, cancellable, get_image_cb, g_steal_pointer (&task));
}

/**
 * medusa_client_get_image_finish:
 * @content_type: (out) (optional) (transfer full): the type the server gave
 *
 * Returns: (transfer full): the picture's bytes, as the server sent them
 */
GBytes *
medusa_client_get_image_finish (MedusaClient  *self,
                                GAsyncResult  *result,
                                char         **content_type,
                                GError       **error)
{
  ImageData *image;
  GBytes *body;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        medusa_client_get_image_async, NULL);

  body = g_task_propagate_pointer (G_TASK (result), error);
  image = g_task_get_task_data (G_TASK (result));
  if (body != NULL && content_type != NULL)
    *content_type = g_strdup (soup_message_headers_get_content_type (
      soup_message_get_response_headers (image->message), NULL));

  return body;
}

/**
 * medusa_client_get_request_count:
 *
 * How many HTTP requests the client has sent: to see what a cache saves, and
 * in tests.
 *
 * Returns: the number of requests sent so far
 */
guint
medusa_client_get_request_count (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return self->request_count;
}

/**
 * medusa_client_get_n_pending:
 *
 * Returns: how many requests are on their way
 */
guint
medusa_client_get_n_pending (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return self->n_pending;
}
