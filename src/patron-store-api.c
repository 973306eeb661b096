/* patron-store-api.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-store-api"

#include "config.h"

#include <string.h>

#include "patron-store-api.h"

/*
 * Which Store API each store speaks, and its publishable key, kept in
 * GSettings ("store-apis") when the store is chosen: a client made later
 * for the store speaks it at once, without detecting it again. The key is
 * public (every storefront of the store carries it), not a secret.
 */

/* stores remembered at the most: the list only grows by choosing a store */
#define MAX_STORES 64

/**
 * patron_store_api_key_is_valid:
 *
 * Whether @key can be a publishable API key: one word of letters, digits,
 * "_" and "-", of sane length (it goes into every request's headers).
 */
gboolean
patron_store_api_key_is_valid (const char *key)
{
  gsize length = key != NULL ? strlen (key) : 0;

  if (length == 0 || length > PATRON_STORE_API_MAX_KEY_LENGTH)
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

/**
 * patron_store_api_apply:
 * @client: a client for a store
 *
 * Sets on @client the version and key remembered for its store.
 *
 * Returns: %TRUE if the store's version was remembered
 */
gboolean
patron_store_api_apply (GSettings    *settings,
                        MedusaClient *client)
{
  g_autoptr(GVariant) stores = NULL;
  const char *key = NULL;
  guint32 version = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), FALSE);

  stores = g_settings_get_value (settings, "store-apis");
  if (!g_variant_lookup (stores, medusa_client_get_base_url (client), "(u&s)", &version, &key))
    return FALSE;

  if (version != MEDUSA_API_VERSION_1 && version != MEDUSA_API_VERSION_2)
    return FALSE;

  medusa_client_set_api_version (client, version);
  if (patron_store_api_key_is_valid (key))
    medusa_client_set_publishable_key (client, key);

  return TRUE;
}

/**
 * patron_store_api_remember:
 * @client: a client that has reached its store
 *
 * Keeps @client's version and key for its store.
 */
void
patron_store_api_remember (GSettings    *settings,
                           MedusaClient *client)
{
  g_autoptr(GVariant) stores = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{s(us)}"));
  const char *url;
  const char *key;
  GVariantIter iter;
  const char *other_url;
  GVariant *value;
  guint n_kept = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (MEDUSA_IS_CLIENT (client));

  if (medusa_client_get_api_version (client) == MEDUSA_API_VERSION_UNKNOWN)
    return;

  url = medusa_client_get_base_url (client);
  key = medusa_client_get_publishable_key (client);
  g_variant_builder_add (&builder, "{s(us)}", url,
                         (guint32) medusa_client_get_api_version (client),
                         key != NULL ? key : "");

  stores = g_settings_get_value (settings, "store-apis");
  g_variant_iter_init (&iter, stores);
  while (g_variant_iter_next (&iter, "{&s@(us)}", &other_url, &value))
    {
      if (!g_str_equal (other_url, url) && n_kept++ < MAX_STORES)
        g_variant_builder_add (&builder, "{s@(us)}", other_url, value);
      g_variant_unref (value);
    }

  g_settings_set_value (settings, "store-apis", g_variant_builder_end (&builder));
}
