/* patron-reset-link.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-reset-link"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medusa-json.h"
#include "patron-form.h"
#include "patron-reset-link.h"
#include "patron-store-api.h"

#define MAX_TOKEN_LENGTH 4096

/**
 * patron_token_is_valid:
 *
 * Whether @token can be a reset token: a JWT's characters, of sane length.
 */
gboolean
patron_token_is_valid (const char *token)
{
  gsize length;

  if (token == NULL)
    return FALSE;

  length = strlen (token);
  if (length < 8 || length > MAX_TOKEN_LENGTH)
    return FALSE;

  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

typedef enum
{
  LINK_OK,
  LINK_FOREIGN,     /* not a link of this kind */
  LINK_DAMAGED,     /* cut short, a parameter twice… */
  LINK_EXTRA,       /* a parameter that does not belong */
} LinkProblem;

/* The parameters of patron://@host?…, each once and each one of @allowed. */
static LinkProblem
parse_link (const char          *text,
            const char          *host,
            const char * const  *allowed,
            GHashTable         **params)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  const char *query;
  guint n_params;
  GHashTableIter iter;
  gpointer key;

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED_QUERY, NULL);

  if (uri == NULL ||
      g_strcmp0 (g_uri_get_scheme (uri), "patron") != 0 ||
      g_strcmp0 (g_uri_get_host (uri), host) != 0 ||
      (g_uri_get_path (uri)[0] != '\0' && g_strcmp0 (g_uri_get_path (uri), "/") != 0) ||
      g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_port (uri) != -1 ||
      g_uri_get_fragment (uri) != NULL ||
      (query = g_uri_get_query (uri)) == NULL)
    return LINK_FOREIGN;

  *params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  /* each parameter once: a second "token=" must not win silently */
  n_params = 1;
  for (const char *p = query; *p != '\0'; p++)
    n_params += *p == '&';
  if (*params != NULL && g_hash_table_size (*params) != n_params)
    g_clear_pointer (params, g_hash_table_unref);

  if (*params == NULL)
    return LINK_DAMAGED;

  g_hash_table_iter_init (&iter, *params);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_strv_contains (allowed, key))
        {
          g_clear_pointer (params, g_hash_table_unref);
          return LINK_EXTRA;
        }
    }

  return LINK_OK;
}

/**
 * patron_reset_link_parse:
 * @text: `patron://reset-password?email=…&token=…`
 * @email: (out): the account's email
 * @token: (out): the reset token
 *
 * Only this scheme, this action and these two parameters are accepted,
 * each once; anything else is refused with a sentence for the user.
 *
 * Returns: %TRUE if @text is a valid reset link
 */
gboolean
patron_reset_link_parse (const char  *text,
                         char       **email,
                         char       **token,
                         GError     **error)
{
  static const char * const allowed[] = { "email", "token", NULL };
  g_autoptr(GHashTable) params = NULL;
  LinkProblem problem;

  g_return_val_if_fail (email != NULL && token != NULL, FALSE);

  problem = parse_link (text, "reset-password", allowed, &params);
  if (problem == LINK_FOREIGN)
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                           _("This is not a Patron password-reset link."));
      return FALSE;
    }

  if (problem == LINK_EXTRA)
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_BAD_QUERY,
                           _("This password-reset link has something that does not belong "
                             "in it."));
      return FALSE;
    }

  if (problem == LINK_DAMAGED ||
      !patron_email_is_valid (g_hash_table_lookup (params, "email")) ||
      !patron_token_is_valid (g_hash_table_lookup (params, "token")))
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_BAD_QUERY,
                           _("This password-reset link is damaged. Copy the whole link from "
                             "the email."));
      return FALSE;
    }

  *email = g_strdup (g_hash_table_lookup (params, "email"));
  *token = g_strdup (g_hash_table_lookup (params, "token"));

  return TRUE;
}

/* no later than the year 9999 */
#define MAX_EXPIRY G_GINT64_CONSTANT (253402300799)

/**
 * patron_token_get_expiry:
 * @token: a reset token
 * @expiry: (out): when it expires, in seconds since 1970 (UTC)
 *
 * Reads the `exp` claim of a JSON Web Token without verifying it: only to
 * tell the user that a link has expired before they choose a password for
 * nothing. The store decides.
 *
 * Returns: %TRUE if @token is a JWT with an expiry
 */
gboolean
patron_token_get_expiry (const char *token,
                         gint64     *expiry)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) payload = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  guchar *decoded;
  JsonNode *exp;
  gsize length;
  double value;

  g_return_val_if_fail (expiry != NULL, FALSE);

  if (!patron_token_is_valid (token))
    return FALSE;

  parts = g_strsplit (token, ".", 4);
  if (g_strv_length (parts) != 3 || parts[1][0] == '\0')
    return FALSE;

  /* base64url, unpadded, to base64 */
  payload = g_string_new (parts[1]);
  g_strdelimit (payload->str, "-", '+');
  g_strdelimit (payload->str, "_", '/');
  while (payload->len % 4 != 0)
    g_string_append_c (payload, '=');
  decoded = g_base64_decode (payload->str, &length);
  json = g_bytes_new_take (decoded, length);
  /* the claims are JSON as an answer is: bounded in depth, an object */
  root = medusa_json_parse (json, NULL);
  if (root == NULL)
    return FALSE;

  exp = json_object_get_member (json_node_get_object (root), "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp))
    return FALSE;

  if (json_node_get_value_type (exp) == G_TYPE_INT64)
    value = json_node_get_int (exp);
  else if (json_node_get_value_type (exp) == G_TYPE_DOUBLE)
    value = json_node_get_double (exp);
  else
    return FALSE;

  if (!(value >= 0 && value <= MAX_EXPIRY))
    return FALSE;

  *expiry = (gint64) value;
  return TRUE;
}

/**
 * patron_store_link_parse:
 * @text: `patron://store?url=…&key=…`, an "Open in Patron" link a store
 *   publishes: its address and, for a Medusa v2 store, its publishable key
 * @url: (out): the store's address
 * @key: (out) (nullable): the store's publishable key, if the link has one
 *
 * Returns: %TRUE if @text is a valid store link
 */
gboolean
patron_store_link_parse (const char  *text,
                         char       **url,
                         char       **key,
                         GError     **error)
{
  static const char * const allowed[] = { "url", "key", NULL };
  g_autoptr(GHashTable) params = NULL;
  LinkProblem problem;
  const char *given_key;

  g_return_val_if_fail (url != NULL && key != NULL, FALSE);

  problem = parse_link (text, "store", allowed, &params);
  if (problem == LINK_FOREIGN)
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                           _("This is not a Patron store link."));
      return FALSE;
    }

  given_key = params != NULL ? g_hash_table_lookup (params, "key") : NULL;
  if (problem != LINK_OK ||
      !medusa_client_check_base_url (g_hash_table_lookup (params, "url"), NULL) ||
      (given_key != NULL && !patron_store_api_key_is_valid (given_key)))
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_BAD_QUERY,
                           _("This store link is damaged. Copy the whole link from the "
                             "store’s website."));
      return FALSE;
    }

  *url = g_strdup (g_hash_table_lookup (params, "url"));
  *key = g_strdup (given_key);

  return TRUE;
}
