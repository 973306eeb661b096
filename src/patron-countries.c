/* patron-countries.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-countries"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "patron-countries.h"
#include "patron-text.h"

/* Country names come from Debian's iso-codes, translated with its own
 * gettext domain, not from a list typed by hand. */
#ifndef ISO_CODES_PREFIX
# define ISO_CODES_PREFIX "/usr"
#endif
#define ISO_3166_JSON ISO_CODES_PREFIX "/share/iso-codes/json/iso_3166-1.json"

static GHashTable *
load_names (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *root;
  JsonArray *countries;

  bind_textdomain_codeset ("iso_3166-1", "UTF-8");

  if (!json_parser_load_from_file (parser, ISO_3166_JSON, &error))
    {
      g_message ("No country names (%s): %s", ISO_3166_JSON, error->message);
      return names;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "3166-1"))
    return names;

  countries = json_object_get_array_member (json_node_get_object (root), "3166-1");
  for (guint i = 0; countries != NULL && i < json_array_get_length (countries); i++)
    {
      JsonNode *node = json_array_get_element (countries, i);
      JsonObject *country;
      const char *code;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      country = json_node_get_object (node);
      code = json_object_get_string_member_with_default (country, "alpha_2", NULL);
      name = json_object_get_string_member_with_default (country, "common_name", NULL);
      if (name == NULL)
        name = json_object_get_string_member_with_default (country, "name", NULL);
      if (code != NULL && name != NULL)
        g_hash_table_insert (names, g_ascii_strdown (code, -1),
                             g_strdup (g_dgettext ("iso_3166-1", name)));
    }

  return names;
}

/**
 * patron_country_name:
 * @iso_2: a two-letter country code, in either case
 *
 * Returns: the country's name in the user's language, or the code itself
 *   in capitals where the name is not known
 */
const char *
patron_country_name (const char *iso_2)
{
  static GHashTable *names;
  static GHashTable *unknown;
  g_autofree char *key = NULL;
  const char *name;

  if (iso_2 == NULL || iso_2[0] == '\0')
    return "";

  if (names == NULL)
    {
      names = load_names ();
      unknown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }

  key = g_ascii_strdown (iso_2, -1);
  if ((name = g_hash_table_lookup (names, key)) != NULL)
    return name;

  if ((name = g_hash_table_lookup (unknown, key)) == NULL)
    {
      /* a store's code, of any length: a label shows the start */
      g_autofree char *clipped = patron_text_clip (iso_2, PATRON_TEXT_MAX_SHOWN);

      name = g_ascii_strup (clipped, -1);
      g_hash_table_insert (unknown, g_steal_pointer (&key), (char *) name);
    }

  return name;
}
