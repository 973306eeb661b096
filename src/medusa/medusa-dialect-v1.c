/* medusa-dialect-v1.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-dialect"

#include "config.h"

#include <string.h>

#include "medusa-customer-changes-private.h"
#include "medusa-dialect-private.h"
#include "medusa-json.h"

/* Medusa v1 (1.x) Store API: the contract Patron is written against. */

/**
 * medusa_dialect_v1_address_to_node:
 *
 * An address's fields as v1 takes them (medusa_dialect_add_address()).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
medusa_dialect_v1_address_to_node (MedusaAddress *address)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  medusa_dialect_add_address (builder, address);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static MedusaRequest *
v1_create_customer (const char *email,
                    const char *password,
                    const char *first_name,
                    const char *last_name,
                    const char *phone)
{
  JsonNode *body = medusa_dialect_customer_node (email, password, first_name, last_name, phone);

  return medusa_dialect_changing (medusa_request_new ("POST", body, "/store/customers"));
}

static MedusaRequest *
v1_email_exists (const char *email)
{
  g_autofree char *escaped = medusa_dialect_escape (email);

  return medusa_request_new ("GET", NULL, "/store/auth/%s", escaped);
}

static MedusaRequest *
v1_sign_in_token (const char *email,
                  const char *password)
{
  JsonNode *body = medusa_dialect_object_node ("email", email, "password", password, NULL);

  return medusa_request_new ("POST", body, "/store/auth/token");
}

static MedusaRequest *
v1_sign_in_cookie (const char *email,
                   const char *password)
{
  MedusaRequest *request = medusa_request_new ("POST",
                                               medusa_dialect_object_node ("email", email,
                                                            "password", password,
                                                            NULL),
                                               "/store/auth");

  /* v1 embeds every order of the customer in this answer: megabytes */
  request->discard_body = TRUE;

  return request;
}

static MedusaRequest *
v1_sign_out (void)
{
  MedusaRequest *request = medusa_request_new ("DELETE", NULL, "/store/auth");

  request->discard_body = TRUE;

  return request;
}

static MedusaRequest *
v1_get_customer (void)
{
  return medusa_dialect_authenticated (medusa_request_new ("GET", NULL,
                                                          "/store/customers/me"));
}

static MedusaRequest *
v1_request_password_reset (const char *email)
{
  return medusa_request_new ("POST", medusa_dialect_object_node ("email", email, NULL),
                             "/store/customers/password-token");
}

static MedusaRequest *
v1_reset_password (const char *email,
                   const char *password,
                   const char *token)
{
  MedusaRequest *request = medusa_request_new ("POST",
                                               medusa_dialect_object_node ("email", email,
                                                            "password", password,
                                                            "token", token,
                                                            NULL),
                                               "/store/customers/password-reset");

  /* v1 answers a wrong, used or expired token with a bare 500 */
  request->server_error_is_invalid_token = TRUE;

  return medusa_dialect_changing (request);
}

static MedusaRequest *
v1_update_customer (const MedusaCustomerChanges *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  MedusaRequest *request;

  json_builder_begin_object (builder);
  medusa_dialect_add_string (builder, "first_name", changes->first_name);
  medusa_dialect_add_string (builder, "last_name", changes->last_name);
  if (changes->has_phone)
    medusa_dialect_add_string (builder, "phone", changes->phone != NULL ? changes->phone : "");
  medusa_dialect_add_string (builder, "email", changes->email);
  medusa_dialect_add_string (builder, "password", changes->password);
  if (changes->billing_address != NULL)
    {
      json_builder_set_member_name (builder, "billing_address");
      json_builder_add_value (builder,
                              medusa_dialect_v1_address_to_node (changes->billing_address));
    }
  /* v1 also takes the id of one of the customer's addresses as billing address */
  medusa_dialect_add_string (builder, "billing_address", changes->billing_address_id);
  if (changes->unsets_billing)
    {
      json_builder_set_member_name (builder, "billing_address");
      json_builder_add_null_value (builder);
    }
  if (changes->metadata != NULL)
    {
      json_builder_set_member_name (builder, "metadata");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (),
                                                              changes->metadata));
    }
  json_builder_end_object (builder);

  request = medusa_dialect_changing (
    medusa_dialect_authenticated (medusa_request_new ("POST", json_builder_get_root (builder),
                                                      "/store/customers/me")));

  /* the answer names the billing address only by id: read the customer back */
  if (changes->billing_address != NULL || changes->billing_address_id != NULL)
    medusa_request_then (request, v1_get_customer (), NULL);

  return request;
}

static MedusaRequest *
v1_add_address (MedusaAddress *address)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "address");
  json_builder_add_value (builder, medusa_dialect_v1_address_to_node (address));
  json_builder_end_object (builder);

  return medusa_dialect_changing (
    medusa_dialect_authenticated (medusa_request_new ("POST", json_builder_get_root (builder),
                                                      "/store/customers/me/addresses")));
}

static MedusaRequest *
v1_update_address (const char    *address_id,
                   MedusaAddress *address)
{
  g_autofree char *escaped = medusa_dialect_escape (address_id);
  JsonNode *body = medusa_dialect_v1_address_to_node (address);

  return medusa_dialect_changing (
    medusa_dialect_authenticated (medusa_request_new ("POST", body,
                                                      "/store/customers/me/addresses/%s",
                                                      escaped)));
}

static MedusaRequest *
v1_delete_address (const char *address_id)
{
  g_autofree char *escaped = medusa_dialect_escape (address_id);

  return medusa_dialect_changing (
    medusa_dialect_authenticated (medusa_request_new ("DELETE", NULL,
                                                      "/store/customers/me/addresses/%s",
                                                      escaped)));
}

static void
append_date (GString    *query,
             const char *name,
             GDateTime  *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (date == NULL)
    return;

  utc = g_date_time_to_utc (date);
  text = g_date_time_format_iso8601 (utc);
  medusa_dialect_append_param (query, name, text);
}

/* v1 matches q with ILIKE '%q%' against the display id, the email and names:
 * its own wildcards would match anything, so they are taken literally. */
static char *
escape_like (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }

  return g_string_free (escaped, FALSE);
}

#define V1_SUMMARY_FIELDS "id,display_id,status,fulfillment_status,payment_status,created_at," \
                          "currency_code,total"

/* What v1 accepts, as its validator and qs read them: arrays as repeated
 * name[]=value, date bounds as created_at[gt]= and [lt]= (ISO 8601, both
 * exclusive; the server keeps microseconds, its answers show milliseconds). */
static MedusaRequest *
v1_list_orders (const MedusaOrderQuery *query)
{
  g_autoptr(GString) params = g_string_new (NULL);
  const char *fields = medusa_order_query_get_fields (query);
  const char *expand = medusa_order_query_get_expand (query);
  char number[16];

  switch (medusa_order_query_get_detail (query))
    {
    case MEDUSA_ORDER_DETAIL_SUMMARY:
      /* of v1's default relations a row needs only the items (for their count) */
      if (fields == NULL)
        fields = V1_SUMMARY_FIELDS;
      if (expand == NULL)
        expand = "items";
      break;

    case MEDUSA_ORDER_DETAIL_ID:
      if (fields == NULL)
        fields = "id";
      break;

    case MEDUSA_ORDER_DETAIL_FULL:
    default:
      break;
    }

  if (medusa_order_query_get_limit (query) > 0)
    {
      g_snprintf (number, sizeof number, "%u", medusa_order_query_get_limit (query));
      medusa_dialect_append_param (params, "limit", number);
    }
  g_snprintf (number, sizeof number, "%u", medusa_order_query_get_offset (query));
  medusa_dialect_append_param (params, "offset", number);
  if (medusa_order_query_get_search (query) != NULL)
    {
      g_autofree char *q = escape_like (medusa_order_query_get_search (query));

      medusa_dialect_append_param (params, "q", q);
    }
  medusa_dialect_append_params (params, "status%5B%5D", medusa_order_query_get_statuses (query));
  medusa_dialect_append_params (params, "fulfillment_status%5B%5D",
                 medusa_order_query_get_fulfillment_statuses (query));
  medusa_dialect_append_params (params, "payment_status%5B%5D",
                                medusa_order_query_get_payment_statuses (query));
  append_date (params, "created_at%5Bgt%5D", medusa_order_query_get_created_after (query));
  append_date (params, "created_at%5Blt%5D", medusa_order_query_get_created_before (query));
  if (expand != NULL)
    medusa_dialect_append_param (params, "expand", expand);
  if (fields != NULL)
    medusa_dialect_append_param (params, "fields", fields);

  return medusa_dialect_authenticated (medusa_request_new ("GET", NULL,
                                                          "/store/customers/me/orders%s",
                                                          params->str));
}

/* Not GET /store/orders/{id}: that one answers anyone who knows the id, and
 * leaves out the order's gift cards and refunds (it refuses expand=gift_cards).
 * The customer's own list filtered by id has them. */
static MedusaRequest *
v1_get_order (const char *order_id)
{
  g_autofree char *escaped = medusa_dialect_escape (order_id);

  return medusa_dialect_authenticated (
    medusa_request_new ("GET", NULL, "/store/customers/me/orders?id=%s&limit=1", escaped));
}

static MedusaRequest *
v1_list_regions (void)
{
  return medusa_request_new ("GET", NULL, "/store/regions");
}

const MedusaDialect medusa_dialect_v1 = {
  .name = "v1",
  .version = MEDUSA_API_VERSION_1,
  .capabilities = (MEDUSA_CAPABILITY_EMAIL_EXISTS |
                   MEDUSA_CAPABILITY_COOKIE_SESSION |
                   MEDUSA_CAPABILITY_SERVER_SIGN_OUT |
                   MEDUSA_CAPABILITY_CHANGE_EMAIL |
                   MEDUSA_CAPABILITY_CHANGE_PASSWORD |
                   MEDUSA_CAPABILITY_ORDER_SEARCH |
                   MEDUSA_CAPABILITY_ORDER_FULFILLMENT_FILTER |
                   MEDUSA_CAPABILITY_ORDER_PAYMENT_FILTER |
                   MEDUSA_CAPABILITY_ORDER_DATE_FILTER |
                   MEDUSA_CAPABILITY_SEPARATE_BILLING_ADDRESS |
                   MEDUSA_CAPABILITY_SKIPS_DUPLICATE_ADDRESS),

  .create_customer = v1_create_customer,
  .email_exists = v1_email_exists,
  .sign_in_token = v1_sign_in_token,
  .sign_in_cookie = v1_sign_in_cookie,
  .sign_out = v1_sign_out,
  .get_customer = v1_get_customer,
  .request_password_reset = v1_request_password_reset,
  .reset_password = v1_reset_password,
  .update_customer = v1_update_customer,
  .add_address = v1_add_address,
  .update_address = v1_update_address,
  .delete_address = v1_delete_address,
  .list_orders = v1_list_orders,
  .get_order = v1_get_order,
  .list_regions = v1_list_regions,

  .keep_customer = medusa_json_keep_customer,
  .keep_order_page = medusa_json_keep_order_page,
  .keep_order = medusa_json_keep_order_page,

  .parse_customer = medusa_json_parse_customer_response,
  .parse_exists = medusa_json_parse_exists_response,
  .parse_token = medusa_json_parse_token_response,
  .parse_order_page = medusa_json_parse_order_page,
  .parse_order_summaries = medusa_json_parse_order_summaries,
  .parse_order = medusa_json_parse_single_order_page,
  .parse_regions = medusa_json_parse_regions_response,
  .parse_address_deleted = medusa_json_parse_customer_response,
};
