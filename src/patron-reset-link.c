/* patron-reset-link.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-reset-link"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "patron-form.h"
#include "patron-reset-link.h"

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
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *stripped = NULL;
  const char *query;
  guint n_params;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (email != NULL && token != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED_QUERY, NULL);

  if (uri == NULL ||
      g_strcmp0 (g_uri_get_scheme (uri), "patron") != 0 ||
      g_strcmp0 (g_uri_get_host (uri), "reset-password") != 0 ||
      (g_uri_get_path (uri)[0] != '\0' && g_strcmp0 (g_uri_get_path (uri), "/") != 0) ||
      g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_port (uri) != -1 ||
      g_uri_get_fragment (uri) != NULL ||
      (query = g_uri_get_query (uri)) == NULL)
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                           _("This is not a Patron password-reset link."));
      return FALSE;
    }

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  /* each parameter once: a second "token=" must not win silently */
  n_params = 1;
  for (const char *p = query; *p != '\0'; p++)
    n_params += *p == '&';
  if (params != NULL && g_hash_table_size (params) != n_params)
    g_clear_pointer (&params, g_hash_table_unref);

  if (params == NULL)
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_BAD_QUERY,
                           _("This password-reset link is damaged. Copy the whole link from "
                             "the email."));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_str_equal (key, "email") && !g_str_equal (key, "token"))
        {
          g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_BAD_QUERY,
                               _("This password-reset link has something that does not belong "
                                 "in it."));
          return FALSE;
        }
    }

  if (!patron_email_is_valid (g_hash_table_lookup (params, "email")) ||
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
