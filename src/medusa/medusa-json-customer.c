/* medusa-json-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-json"

#include "config.h"

#include <string.h>

#include "medusa-error.h"
#include "medusa-json-private.h"

/*
 * Medusa v1's customer and its addresses, its answers to signing in and to
 * whether an account exists, and its regions with their countries, read
 * with medusa-json.c's readers.
 */

gpointer
medusa_json_parse_address (MedusaJsonContext *ctx,
                           JsonObject        *object)
{
  const char *owner = "an address";
  g_autoptr(GDateTime) created_at = medusa_json_read_date (ctx, object, owner, "created_at");
  g_autoptr(GDateTime) updated_at = medusa_json_read_date (ctx, object, owner, "updated_at");
  g_autoptr(JsonObject) metadata = medusa_json_copy_object (
    medusa_json_read_object (ctx, object, owner, "metadata"));

  return g_object_new (MEDUSA_TYPE_ADDRESS,
                       "id", medusa_json_read_string (ctx, object, owner, "id"),
                       "customer-id", medusa_json_read_string (ctx, object, owner, "customer_id"),
                       "company", medusa_json_read_string (ctx, object, owner, "company"),
                       "first-name", medusa_json_read_string (ctx, object, owner, "first_name"),
                       "last-name", medusa_json_read_string (ctx, object, owner, "last_name"),
                       "address-1", medusa_json_read_string (ctx, object, owner, "address_1"),
                       "address-2", medusa_json_read_string (ctx, object, owner, "address_2"),
                       "city", medusa_json_read_string (ctx, object, owner, "city"),
                       "country-code", medusa_json_read_string (ctx, object, owner, "country_code"),
                       "province", medusa_json_read_string (ctx, object, owner, "province"),
                       "postal-code", medusa_json_read_string (ctx, object, owner, "postal_code"),
                       "phone", medusa_json_read_string (ctx, object, owner, "phone"),
                       "metadata", metadata,
                       "created-at", created_at,
                       "updated-at", updated_at,
                       NULL);
}

MedusaAddress *
medusa_json_read_address (MedusaJsonContext *ctx,
                          JsonObject        *object,
                          const char        *owner,
                          const char        *member)
{
  JsonObject *address = medusa_json_read_object (ctx, object, owner, member);

  return address != NULL ? medusa_json_parse_address (ctx, address) : NULL;
}

static MedusaCustomer *
parse_customer (MedusaJsonContext *ctx,
                JsonObject        *object)
{
  const char *owner = "the customer";
  g_autoptr(GDateTime) created_at = medusa_json_read_date (ctx, object, owner, "created_at");
  g_autoptr(GDateTime) updated_at = medusa_json_read_date (ctx, object, owner, "updated_at");
  g_autoptr(JsonObject) metadata = medusa_json_copy_object (
    medusa_json_read_object (ctx, object, owner, "metadata"));
  g_autoptr(MedusaAddress) billing_address = medusa_json_read_address (ctx, object, owner,
                                                                       "billing_address");
  g_autoptr(GListStore) addresses = medusa_json_read_object_list (ctx, object, owner,
                                                                  "shipping_addresses",
                                                                  MEDUSA_JSON_MAX_ADDRESSES,
                                                                  MEDUSA_TYPE_ADDRESS,
                                                                  medusa_json_parse_address);

  /* Medusa v1 keeps a customer's billing address among its addresses' rows
   * but does not list it in shipping_addresses, so nothing to filter here. */
  return g_object_new (MEDUSA_TYPE_CUSTOMER,
                       "id", medusa_json_read_required_string (ctx, object, owner, "id"),
                       "email", medusa_json_read_string (ctx, object, owner, "email"),
                       "first-name", medusa_json_read_string (ctx, object, owner, "first_name"),
                       "last-name", medusa_json_read_string (ctx, object, owner, "last_name"),
                       "phone", medusa_json_read_string (ctx, object, owner, "phone"),
                       "has-account", medusa_json_read_boolean (ctx, object, owner, "has_account"),
                       "billing-address-id", medusa_json_read_string (ctx, object, owner,
                                                                      "billing_address_id"),
                       "billing-address", billing_address,
                       "shipping-addresses", addresses,
                       "metadata", metadata,
                       "created-at", created_at,
                       "updated-at", updated_at,
                       NULL);
}

/**
 * medusa_json_parse_customer_response:
 *
 * Parses `{"customer": {…}}`.
 *
 * Returns: (transfer full) (nullable): the customer
 */
MedusaCustomer *
medusa_json_parse_customer_response (GBytes  *body,
                                     GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  MedusaJsonContext ctx = { NULL };
  JsonObject *object;

  if (!(object = medusa_json_parse_envelope (body, "customer", &root, error)))
    return NULL;

  customer = parse_customer (&ctx, object);
  if (!medusa_json_finish (&ctx, error))
    return NULL;

  return g_steal_pointer (&customer);
}

/* The most bytes of an answer that is a yes or no, or a token. */
#define MAX_SMALL_ANSWER (64 * 1024)

/**
 * medusa_json_parse_exists_response:
 *
 * Parses `{"exists": true}`.
 */
gboolean
medusa_json_parse_exists_response (GBytes   *body,
                                   gboolean *exists,
                                   GError  **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;

  /* read on the main loop (the client's caller's): a yes or no is short */
  if (body != NULL && g_bytes_get_size (body) > MAX_SMALL_ANSWER)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store’s answer is far longer than a yes or no");
      return FALSE;
    }

  if ((root = medusa_json_parse (body, error)) == NULL)
    return FALSE;

  node = json_object_get_member (json_node_get_object (root), "exists");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store did not say whether the account exists");
      return FALSE;
    }

  *exists = json_node_get_boolean (node);

  return TRUE;
}

#define MAX_TOKEN_LENGTH (8 * 1024)

/**
 * medusa_json_parse_token_response:
 *
 * Parses `{"access_token": "…"}`.
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
medusa_json_parse_token_response (GBytes  *body,
                                  GError **error)
{
  return medusa_json_parse_token_member (body, "access_token", error);
}

/* The token in member @member of the answer: v2 calls it "token". */
char *
medusa_json_parse_token_member (GBytes      *body,
                                const char  *member,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  MedusaJsonContext ctx = { NULL };
  const char *token;

  /* read on the main loop (the client's caller's): a token is short */
  if (body != NULL && g_bytes_get_size (body) > MAX_SMALL_ANSWER)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store’s answer is far longer than a token");
      return NULL;
    }

  if ((root = medusa_json_parse (body, error)) == NULL)
    return NULL;

  token = medusa_json_read_required_string (&ctx, json_node_get_object (root), "the answer",
                                            member);
  if (!medusa_json_finish (&ctx, error))
    return NULL;

  /* It goes into an HTTP header and the keyring: no control characters or
   * spaces, and no longer than a JWT of any size (Medusa's are ~200 bytes). */
  if (strlen (token) > MAX_TOKEN_LENGTH)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store sent an access token far too long");
      return NULL;
    }
  for (const char *p = token; *p != '\0'; p++)
    {
      if (!g_ascii_isgraph (*p))
        {
          g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                               "The store sent a malformed access token");
          return NULL;
        }
    }

  return g_strdup (token);
}

static gpointer
parse_country (MedusaJsonContext *ctx,
               JsonObject        *object)
{
  const char *owner = "a country";

  return g_object_new (MEDUSA_TYPE_COUNTRY,
                       "iso-2", medusa_json_read_required_string (ctx, object, owner, "iso_2"),
                       "iso-3", medusa_json_read_string (ctx, object, owner, "iso_3"),
                       "name", medusa_json_read_string (ctx, object, owner, "name"),
                       "display-name", medusa_json_read_string (ctx, object, owner, "display_name"),
                       "num-code", medusa_json_read_int (ctx, object, owner, "num_code"),
                       NULL);
}

static gpointer
parse_region (MedusaJsonContext *ctx,
              JsonObject        *object)
{
  const char *owner = "a region";
  g_autoptr(GListStore) countries = medusa_json_read_object_list (ctx, object, owner,
                                                                  "countries",
                                                                  MEDUSA_JSON_MAX_COUNTRIES,
                                                                  MEDUSA_TYPE_COUNTRY,
                                                                  parse_country);

  return g_object_new (MEDUSA_TYPE_REGION,
                       "id", medusa_json_read_required_string (ctx, object, owner, "id"),
                       "name", medusa_json_read_string (ctx, object, owner, "name"),
                       "currency-code", medusa_json_read_string (ctx, object, owner,
                                                                 "currency_code"),
                       "tax-rate", MAX (medusa_json_read_double (ctx, object, owner, "tax_rate"),
                                        0.0),
                       "countries", countries,
                       NULL);
}

/* `{"regions": […], …}`, each region read by a dialect's @read_region */
GListModel *
medusa_json_read_regions (GBytes               *body,
                          MedusaJsonParseFunc   read_region,
                          GError              **error)
{
  g_autoptr(JsonNode) root = medusa_json_parse (body, error);
  g_autoptr(GListStore) regions = NULL;
  MedusaJsonContext ctx = { NULL };
  JsonObject *object;

  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (medusa_json_read_array (&ctx, object, "the region list", "regions") == NULL)
    medusa_json_fail (&ctx, "the region list", "regions", "a list");

  regions = medusa_json_read_object_list (&ctx, object, "the region list", "regions",
                                          MEDUSA_JSON_MAX_REGIONS, MEDUSA_TYPE_REGION,
                                          read_region);
  if (!medusa_json_finish (&ctx, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&regions));
}

/**
 * medusa_json_parse_regions_response:
 *
 * Parses `{"regions": […]}`.
 *
 * Returns: (transfer full) (nullable): a #GListModel of #MedusaRegion
 */
GListModel *
medusa_json_parse_regions_response (GBytes  *body,
                                    GError **error)
{
  return medusa_json_read_regions (body, parse_region, error);
}
