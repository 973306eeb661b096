/* medusa-client-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "medusa-client-private.h"
#include "medusa-error.h"
#include "medusa-prefetch-private.h"

#define READ_CHUNK_SIZE (64 * 1024)
/* A call ends at the latest this many times #MedusaClient:timeout after it
 * was sent: a server that trickles a byte now and then is never silent for
 * long enough to time out, but it does not hold a call (and its spinner)
 * for ever. */
#define DEADLINE_TIMEOUTS 4

/* ------------------------------------------------------------------------ */
/* Transport: one request, its answer read within bounds, mapped to errors  */

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
  if (data->caller_cancelled != NULL)
    g_source_destroy (data->caller_cancelled);
  g_clear_pointer (&data->caller_cancelled, g_source_unref);
  if (data->deadline != NULL)
    g_source_destroy (data->deadline);
  g_clear_pointer (&data->deadline, g_source_unref);
  g_clear_object (&data->cancellable);
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

static guint
deadline_seconds (MedusaClient *self)
{
  return MIN (medusa_client_get_timeout (self), G_MAXUINT / DEADLINE_TIMEOUTS) * DEADLINE_TIMEOUTS;
}

/* Fails @task with @error, which says that the exchange was cancelled when
 * it was the deadline that cancelled it. */
static void
return_exchange_error (GTask  *task,
                       GError *error)
{
  SendData *data = g_task_get_task_data (task);

  if (data->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      MedusaClient *self = g_task_get_source_object (task);

      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           "The store took more than %u seconds to answer",
                           deadline_seconds (self));
    }
  g_task_return_error (task, error);
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
        _medusa_client_unauthorized (self);

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
                                   data->cancellable,
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
      return_exchange_error (task, error);
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
                 logged_path (data), data->timed_out ? "past its deadline" : error->message);
      return_exchange_error (task, error);
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

static gboolean
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  SendData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

/* The exchange of @task runs under a cancellable of its own, cancelled
 * when @cancellable is (in the task's main context, never inside the
 * caller's g_cancellable_cancel()) or at the deadline. */
static void
watch_exchange (MedusaClient *self,
                GTask        *task,
                GCancellable *cancellable)
{
  SendData *data = g_task_get_task_data (task);
  GMainContext *context = g_task_get_context (task);
  guint deadline = deadline_seconds (self);

  data->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->caller_cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->caller_cancelled, G_SOURCE_FUNC (caller_cancelled_cb),
                             g_object_ref (data->cancellable), g_object_unref);
      g_source_set_static_name (data->caller_cancelled, "[medusa] caller cancelled");
      g_source_attach (data->caller_cancelled, context);
    }
  if (deadline > 0)
    {
      data->deadline = g_timeout_source_new_seconds (deadline);
      g_source_set_callback (data->deadline, deadline_cb, data, NULL);
      g_source_set_static_name (data->deadline, "[medusa] deadline");
      g_source_attach (data->deadline, context);
    }
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

  g_task_set_source_tag (task, _medusa_client_send_async);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  /* until the task has returned, whichever way */
  _medusa_client_count_pending (self, task);
  if (self->prefetch != NULL && data->request != NULL &&
      medusa_prefetch_claim_async (self->prefetch, data->request, self->access_token,
                                   cancellable, claim_cb, task))
    return;

  self->request_count++;
  watch_exchange (self, task, cancellable);
  soup_session_send_async (self->session,
                           data->message,
                           G_PRIORITY_DEFAULT,
                           data->cancellable,
                           send_cb,
                           task);
}

/* Sends @request: its answer read as the client reads it or, @fetch_only,
 * left as it came. */
void
_medusa_client_send_request_async (MedusaClient        *self,
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
      g_task_report_new_error (self, callback, user_data, _medusa_client_send_async,
                               MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                               "The store’s address is not a valid web address");
      return;
    }

  /* A Store API call is never redirected: libsoup would send the same
   * headers, the session's token and the store's key among them, to
   * wherever the answer points, another host or plain http included. The
   * redirect is the answer (MEDUSA_ERROR_REDIRECTED). */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
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

void
_medusa_client_send_async (MedusaClient        *self,
                           MedusaRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  _medusa_client_send_request_async (self, request, FALSE, cancellable, callback, user_data);
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

  _medusa_client_send_request_async (self, request, TRUE, cancellable, callback, user_data);
}

MedusaResponse *
medusa_client_fetch_finish (MedusaClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _medusa_client_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
_medusa_client_send_finish (MedusaClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _medusa_client_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

  body = _medusa_client_send_finish (MEDUSA_CLIENT (object), result, &error);
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
