/* medusa-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-error"

#include "config.h"

#include <string.h>

#include "medusa-error.h"
#include "medusa-json.h"

typedef struct
{
  guint  status;
  char  *server_type;
  char  *server_code;
} MedusaErrorPrivate;

static void
medusa_error_private_init (MedusaErrorPrivate *priv)
{
}

static void
medusa_error_private_copy (const MedusaErrorPrivate *src,
                           MedusaErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->server_type = g_strdup (src->server_type);
  dest->server_code = g_strdup (src->server_code);
}

static void
medusa_error_private_clear (MedusaErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_type, g_free);
  g_clear_pointer (&priv->server_code, g_free);
}

G_DEFINE_EXTENDED_ERROR (MedusaError, medusa_error)

/* Longest server message we pass on; a hostile server could send megabytes. */
#define MAX_MESSAGE_LENGTH 500

/* Medusa's error bodies are a few hundred bytes: a larger one is not read as
 * JSON, which would take its time on the caller's main loop. */
#define MAX_JSON_ERROR_SIZE (256 * 1024)

static MedusaErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != MEDUSA_ERROR)
    return NULL;

  return medusa_error_get_private (error);
}

/**
 * medusa_error_get_http_status:
 *
 * Returns: the HTTP status the store answered with, or 0
 */
guint
medusa_error_get_http_status (const GError *error)
{
  MedusaErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->status : 0;
}

/**
 * medusa_error_get_server_type:
 *
 * Returns: (nullable): the `type` member of the store's JSON error, such as
 *   `duplicate_error` or `invalid_data`
 */
const char *
medusa_error_get_server_type (const GError *error)
{
  MedusaErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->server_type : NULL;
}

/**
 * medusa_error_get_server_code:
 *
 * Returns: (nullable): the `code` member of the store's JSON error
 */
const char *
medusa_error_get_server_code (const GError *error)
{
  MedusaErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->server_code : NULL;
}

void
medusa_error_set_details (GError     *error,
                          guint       status,
                          const char *server_type,
                          const char *server_code)
{
  MedusaErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);

  priv->status = status;
  g_free (priv->server_type);
  priv->server_type = g_strdup (server_type);
  g_free (priv->server_code);
  priv->server_code = g_strdup (server_code);
}

/* v2 refuses a /store/ call without its publishable key, or with one it
 * does not know, as 400 {"type": "not_allowed", "message": "Publishable API
 * key required…" or "A valid publishable key is required…"}; other
 * not_allowed answers are refusals of what was asked. */
static gboolean
is_key_refusal (guint       status,
                const char *server_type,
                const char *message)
{
  g_autofree char *lower = NULL;

  if (status != 400 || g_strcmp0 (server_type, "not_allowed") != 0 || message == NULL)
    return FALSE;

  lower = g_utf8_strdown (message, -1);

  return strstr (lower, "publishable") != NULL;
}

static MedusaError
code_for_status (guint       status,
                 const char *server_type,
                 const char *message)
{
  if (g_strcmp0 (server_type, "duplicate_error") == 0)
    return MEDUSA_ERROR_DUPLICATE;

  if (is_key_refusal (status, server_type, message))
    return MEDUSA_ERROR_KEY_REQUIRED;

  /* v2: what the store does not allow, whatever the status */
  if (g_strcmp0 (server_type, "not_allowed") == 0)
    return MEDUSA_ERROR_NOT_ALLOWED;

  switch (status)
    {
    case 400:
      return MEDUSA_ERROR_INVALID_DATA;
    case 401:
      return MEDUSA_ERROR_UNAUTHORIZED;
    case 403:
      return MEDUSA_ERROR_NOT_ALLOWED;
    case 404:
      return MEDUSA_ERROR_NOT_FOUND;
    case 409:
      return MEDUSA_ERROR_CONFLICT;
    case 422:
      return MEDUSA_ERROR_DUPLICATE;
    default:
      if (status >= 300 && status < 400)
        return MEDUSA_ERROR_REDIRECTED;
      return status >= 500 && status < 600 ? MEDUSA_ERROR_SERVER_ERROR : MEDUSA_ERROR_FAILED;
    }
}

static char *
bounded_valid_utf8 (const char *text,
                    gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  g_autofree char *stripped = NULL;
  glong n_chars;

  stripped = g_strstrip (g_steal_pointer (&valid));
  n_chars = g_utf8_strlen (stripped, -1);
  if (n_chars > MAX_MESSAGE_LENGTH)
    return g_utf8_substring (stripped, 0, MAX_MESSAGE_LENGTH);

  return g_steal_pointer (&stripped);
}

/* Medusa answers errors as {"type": …, "code": …, "message": …}; v2 leaves
 * out the code, and its auth middleware the type. */
static gboolean
parse_error_body (GBytes  *body,
                  char   **server_type,
                  char   **server_code,
                  char   **message)
{
  /* through the same guard as every other answer: a 500 can be hostile too */
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *node;

  if (g_bytes_get_size (body) > MAX_JSON_ERROR_SIZE ||
      (root = medusa_json_parse (body, NULL)) == NULL)
    return FALSE;

  object = json_node_get_object (root);

  node = json_object_get_member (object, "type");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    *server_type = bounded_valid_utf8 (json_node_get_string (node), -1);

  node = json_object_get_member (object, "code");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    *server_code = bounded_valid_utf8 (json_node_get_string (node), -1);

  node = json_object_get_member (object, "message");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    *message = bounded_valid_utf8 (json_node_get_string (node), -1);

  return TRUE;
}

/**
 * medusa_error_from_response:
 * @status: the HTTP status
 * @content_type: (nullable): the answer's content type
 * @body: (nullable): the answer's body
 * @error: where to put the error
 *
 * The one place where an HTTP answer becomes a #GError. The server's own `type`,
 * `code` and `message` are kept; v1's plain-text `Unauthorized` is understood.
 *
 * Returns: %TRUE if @status is a success, %FALSE with @error set otherwise
 */
gboolean
medusa_error_from_response (guint          status,
                            const char    *content_type,
                            GBytes        *body,
                            GError       **error)
{
  g_autofree char *server_type = NULL;
  g_autofree char *server_code = NULL;
  g_autofree char *message = NULL;
  MedusaError code;
  GError *local_error;

  if (status >= 200 && status < 300)
    return TRUE;

  if (body != NULL)
    {
      if (!parse_error_body (body, &server_type, &server_code, &message) &&
          (content_type == NULL || g_str_has_prefix (content_type, "text/plain")))
        {
          gsize size;
          const char *data = g_bytes_get_data (body, &size);

          /* v1 answers 401 with a bare "Unauthorized"; keep short plain text only */
          if (data != NULL && size > 0 && size <= MAX_MESSAGE_LENGTH)
            message = bounded_valid_utf8 (data, size);
        }
    }

  code = code_for_status (status, server_type, message);

  if (message == NULL || message[0] == '\0')
    {
      g_free (message);
      message = g_strdup_printf ("HTTP %u", status);
    }

  local_error = g_error_new_literal (MEDUSA_ERROR, code, message);
  medusa_error_set_details (local_error, status, server_type, server_code);
  g_propagate_error (error, local_error);

  return FALSE;
}
