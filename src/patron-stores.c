/* patron-stores.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-stores"

#include "config.h"

#include "medusa.h"
#include "patron-stores.h"
#include "patron-text.h"

/*
 * The stores the user has connected to, newest first ("recent-stores"),
 * and what Patron keeps of each in its settings: the Store API version and
 * publishable key ("store-apis", patron-store-api.c) and, for a plain
 * http:// store elsewhere, the user's "Connect Anyway" ("insecure-stores").
 * A kept session is in the keyring, one item per store (patron-secrets.c).
 *
 * Medusa's Store API, v1 and v2 alike, tells no store name (the name is in
 * the admin API only): a store is shown by its host name.
 */

/* Whatever the settings hold (an administrator, dconf, an older Patron),
 * only valid store addresses, each once, at most PATRON_STORES_MAX. */
static GStrv
valid_stores (GSettings  *settings,
              const char *first,
              const char *without)
{
  g_auto(GStrv) stored = g_settings_get_strv (settings, "recent-stores");
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_free);

  if (first != NULL)
    g_ptr_array_add (stores, g_strdup (first));

  for (guint i = 0; stored[i] != NULL && stores->len < PATRON_STORES_MAX; i++)
    {
      gboolean seen = FALSE;

      if (g_strcmp0 (stored[i], without) == 0 || g_strcmp0 (stored[i], first) == 0 ||
          !medusa_client_check_base_url (stored[i], NULL))
        continue;
      for (guint j = 0; j < stores->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (stores, j), stored[i]);
      if (!seen)
        g_ptr_array_add (stores, g_strdup (stored[i]));
    }

  g_ptr_array_add (stores, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&stores), FALSE);
}

static void
set_if_changed (GSettings  *settings,
                const char *key,
                GStrv       value)
{
  g_auto(GStrv) current = g_settings_get_strv (settings, key);

  if (!g_strv_equal ((const char * const *) current, (const char * const *) value))
    g_settings_set_strv (settings, key, (const char * const *) value);
}

/**
 * patron_stores_remember:
 * @url: a store the user has just connected to
 *
 * Puts @url first in the remembered stores; the oldest beyond
 * %PATRON_STORES_MAX is dropped.
 */
void
patron_stores_remember (GSettings  *settings,
                        const char *url)
{
  g_auto(GStrv) stores = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (url != NULL);

  stores = valid_stores (settings, url, NULL);
  set_if_changed (settings, "recent-stores", stores);
}

/**
 * patron_stores_list:
 *
 * Returns: (transfer full): the remembered stores, newest first, each a
 *   valid address, at most %PATRON_STORES_MAX
 */
char **
patron_stores_list (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return valid_stores (settings, NULL, NULL);
}

/**
 * patron_stores_forget:
 * @url: a store
 *
 * Removes what the settings keep of @url: its place in the remembered
 * stores, its Store API version and key, the user's consent to use it
 * unencrypted, and @url as the store to open at start. The keyring item
 * is the caller's (patron_secrets_clear_async()).
 */
void
patron_stores_forget (GSettings  *settings,
                      const char *url)
{
  g_auto(GStrv) stores = NULL;
  g_auto(GStrv) insecure = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) insecure_kept = NULL;
  g_autoptr(GVariant) apis = NULL;
  g_autoptr(GVariant) api = NULL;
  g_auto(GVariantBuilder) apis_kept = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{s(us)}"));
  GVariantIter iter;
  const char *other;
  GVariant *value;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (url != NULL);

  stores = valid_stores (settings, NULL, url);
  set_if_changed (settings, "recent-stores", stores);

  insecure = g_settings_get_strv (settings, "insecure-stores");
  for (guint i = 0; insecure[i] != NULL; i++)
    if (!g_str_equal (insecure[i], url))
      g_strv_builder_add (kept, insecure[i]);
  insecure_kept = g_strv_builder_end (kept);
  set_if_changed (settings, "insecure-stores", insecure_kept);

  apis = g_settings_get_value (settings, "store-apis");
  api = g_variant_lookup_value (apis, url, NULL);
  if (api != NULL)
    {
      g_variant_iter_init (&iter, apis);
      while (g_variant_iter_next (&iter, "{&s@(us)}", &other, &value))
        {
          if (!g_str_equal (other, url))
            g_variant_builder_add (&apis_kept, "{s@(us)}", other, value);
          g_variant_unref (value);
        }
      g_settings_set_value (settings, "store-apis", g_variant_builder_end (&apis_kept));
    }

  {
    g_autofree char *opened = g_settings_get_string (settings, "store-url");

    if (g_str_equal (opened, url))
      g_settings_reset (settings, "store-url");
  }
}

/**
 * patron_stores_display_name:
 * @url: a store's address
 *
 * Returns: (transfer full): what the store is called on screen: its host
 *   name, with the port if it is not the scheme's, clipped to what a label
 *   shows
 */
char *
patron_stores_display_name (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *name = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return patron_text_clip (url, PATRON_TEXT_MAX_SHOWN);

  if (g_uri_get_port (uri) > 0)
    name = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  else
    name = g_strdup (g_uri_get_host (uri));

  return patron_text_clip (name, PATRON_TEXT_MAX_SHOWN);
}

/**
 * patron_stores_api_version:
 *
 * Returns: the Store API version remembered for @url (1 or 2), or 0
 */
guint
patron_stores_api_version (GSettings  *settings,
                           const char *url)
{
  g_autoptr(GVariant) apis = g_settings_get_value (settings, "store-apis");
  const char *key;
  guint32 version = 0;

  if (!g_variant_lookup (apis, url, "(u&s)", &version, &key))
    return 0;

  return version == 1 || version == 2 ? version : 0;
}
