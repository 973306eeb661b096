/* medusa-dialect-v2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-dialect"

#include "config.h"

#include <string.h>

#include "medusa-customer-changes-private.h"
#include "medusa-dialect-private.h"
#include "medusa-json-v2.h"

/*
 * Medusa v2 (2.x) Store API, as 2.21 answers it. What differs from v1:
 * - every /store/ call carries the store's publishable key;
 * - accounts are identities under /auth/customer/emailpass, a customer is
 *   made with the identity's token, and sessions are 24-hour JWTs that
 *   nothing on the store revokes;
 * - billing is the address-book entry flagged is_default_billing;
 * - the order list takes no search, fulfilment, payment or date filter;
 * - amounts are decimals in the currency's main unit (medusa-json-v2.c).
 */

#define PUBLISHABLE_KEY_HEADER "x-publishable-api-key"

/* A row's members; v2 adds the items, the statuses and the version itself. */
#define SUMMARY_FIELDS "id,display_id,status,created_at,currency_code,total"

/* What an order window shows, beyond the defaults: totals, addresses,
 * payment collections (their refunded amounts) and fulfilments. Medusa 2.21
 * lets a store ask for neither the fulfilments' labels (the tracking
 * numbers) nor the payments' refunds, and silently leaves out what a store
 * may not ask for. */
#define FULL_FIELDS "*items,+email,+item_subtotal,+shipping_subtotal,+tax_total," \
                    "+discount_total,+credit_line_total,*shipping_address," \
                    "*billing_address,*shipping_methods,*credit_lines," \
                    "*payment_collections,*fulfillments"

static void
v2_prepare (MedusaRequest *request,
            const char    *publishable_key)
{
  if (publishable_key != NULL && g_str_has_prefix (request->path, "/store/"))
    medusa_request_add_header (request, PUBLISHABLE_KEY_HEADER, publishable_key);
}

/* The next request is sent with the token this one answered. */
static gboolean
bearer_from_token (GBytes         *body,
                   MedusaRequest  *next,
                   GError        **error)
{
  char *token = medusa_json_v2_parse_token (body, error);

  if (token == NULL)
    return FALSE;

  g_clear_pointer (&next->bearer, medusa_secret_free);
  next->bearer = token;

  return TRUE;
}

static MedusaRequest *
v2_sign_in_token (const char *email,
                  const char *password)
{
  JsonNode *body = medusa_dialect_object_node ("email", email, "password", password, NULL);

  return medusa_request_new ("POST", body, "/auth/customer/emailpass");
}

/* An identity, then the customer with the identity's token. The register
 * token cannot read the customer back: the caller signs in next. */
static MedusaRequest *
v2_create_customer (const char *email,
                    const char *password,
                    const char *first_name,
                    const char *last_name,
                    const char *phone)
{
  MedusaRequest *identity;
  JsonNode *body;

  identity = medusa_dialect_changing (
    medusa_request_new ("POST", medusa_dialect_object_node ("email", email,
                                                            "password", password,
                                                            NULL),
                        "/auth/customer/emailpass/register"));
  /* "Identity with email already exists": v2's answer to a taken email */
  identity->unauthorized_is_duplicate = TRUE;

  /* v2 refuses a password here */
  body = medusa_dialect_customer_node (email, NULL, first_name, last_name, phone);

  return medusa_request_then (identity,
                              medusa_dialect_changing (medusa_request_new ("POST", body,
                                                                           "/store/customers")),
                              bearer_from_token);
}

static MedusaRequest *
v2_email_exists (const char *email)
{
  return NULL;
}

static MedusaRequest *
v2_sign_in_cookie (const char *email,
                   const char *password)
{
  return NULL;
}

static MedusaRequest *
v2_sign_out (void)
{
  return NULL;
}

static MedusaRequest *
v2_get_customer (void)
{
  return medusa_dialect_authenticated (medusa_request_new ("GET", NULL, "/store/customers/me"));
}

static MedusaRequest *
v2_refresh_token (void)
{
  return medusa_dialect_authenticated (medusa_request_new ("POST", NULL, "/auth/token/refresh"));
}

/* 201 "Created", also for an email without an account */
static MedusaRequest *
v2_request_password_reset (const char *email)
{
  return medusa_request_new ("POST", medusa_dialect_object_node ("identifier", email, NULL),
                             "/auth/customer/emailpass/reset-password");
}

/* The new password with the reset token, which answers only {"success":
 * true}: then signing in with it and reading the customer, which is what
 * v1 answers. */
static MedusaRequest *
v2_reset_password (const char *email,
                   const char *password,
                   const char *token)
{
  MedusaRequest *update;
  MedusaRequest *customer;

  update = medusa_dialect_changing (
    medusa_request_new ("POST", medusa_dialect_object_node ("password", password, NULL),
                        "/auth/customer/emailpass/update"));
  update->bearer = g_strdup (token);
  /* "Invalid token": wrong, used (a failed update also uses it) or expired */
  update->unauthorized_is_invalid_token = TRUE;

  customer = medusa_request_new ("GET", NULL, "/store/customers/me");
  medusa_request_then (update, v2_sign_in_token (email, password), NULL);

  return medusa_request_then (update, customer, bearer_from_token);
}

static JsonNode *
address_node (MedusaAddress *address,
              gboolean       billing)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  if (address != NULL)
    medusa_dialect_add_address (builder, address);
  if (billing)
    {
      json_builder_set_member_name (builder, "is_default_billing");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static MedusaRequest *
address_request (const char *address_id,
                 JsonNode   *body)
{
  g_autofree char *escaped = NULL;

  if (address_id == NULL)
    return medusa_dialect_changing (
      medusa_dialect_authenticated (medusa_request_new ("POST", body,
                                                        "/store/customers/me/addresses")));

  escaped = medusa_dialect_escape (address_id);

  return medusa_dialect_changing (
    medusa_dialect_authenticated (medusa_request_new ("POST", body,
                                                      "/store/customers/me/addresses/%s",
                                                      escaped)));
}

/* The profile, then the billing flag on an address of the book: each
 * answers the whole customer, so the last answer is the operation's. v2
 * changes neither email nor password of a signed-in customer. */
static MedusaRequest *
v2_update_customer (const MedusaCustomerChanges *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  MedusaRequest *request = NULL;
  MedusaRequest *billing = NULL;

  if (changes->email != NULL || changes->password != NULL)
    return NULL;

  if (changes->billing_address != NULL)
    billing = address_request (medusa_address_get_id (changes->billing_address),
                               address_node (changes->billing_address, TRUE));
  else if (changes->billing_address_id != NULL)
    billing = address_request (changes->billing_address_id, address_node (NULL, TRUE));

  if (changes->first_name != NULL || changes->last_name != NULL || changes->has_phone ||
      changes->metadata != NULL || billing == NULL)
    {
      json_builder_begin_object (builder);
      medusa_dialect_add_string (builder, "first_name", changes->first_name);
      medusa_dialect_add_string (builder, "last_name", changes->last_name);
      if (changes->has_phone)
        medusa_dialect_add_string (builder, "phone",
                                   changes->phone != NULL ? changes->phone : "");
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
    }

  if (request == NULL)
    return billing;
  if (billing != NULL)
    medusa_request_then (request, billing, NULL);

  return request;
}

static MedusaRequest *
v2_add_address (MedusaAddress *address)
{
  return address_request (NULL, address_node (address, FALSE));
}

static MedusaRequest *
v2_update_address (const char    *address_id,
                   MedusaAddress *address)
{
  return address_request (address_id, address_node (address, FALSE));
}

static MedusaRequest *
v2_delete_address (const char *address_id)
{
  g_autofree char *escaped = medusa_dialect_escape (address_id);

  return medusa_dialect_changing (
    medusa_dialect_authenticated (medusa_request_new ("DELETE", NULL,
                                                      "/store/customers/me/addresses/%s",
                                                      escaped)));
}

static const char *
fields_for (const MedusaOrderQuery *query)
{
  if (medusa_order_query_get_fields (query) != NULL)
    return medusa_order_query_get_fields (query);

  switch (medusa_order_query_get_detail (query))
    {
    case MEDUSA_ORDER_DETAIL_SUMMARY:
      return SUMMARY_FIELDS;

    case MEDUSA_ORDER_DETAIL_ID:
      return "id";

    case MEDUSA_ORDER_DETAIL_FULL:
    default:
      return FULL_FIELDS;
    }
}

/* v2 refuses q, fulfillment_status, payment_status and created_at bounds
 * with a 400: such a query is not sent (the client looks through the whole
 * history itself: medusa-client-scan.c). The list is oldest first unless
 * asked otherwise; v1's is newest first. */
static MedusaRequest *
v2_list_orders (const MedusaOrderQuery *query)
{
  g_autoptr(GString) params = g_string_new (NULL);
  char number[16];

  if (medusa_order_query_get_search (query) != NULL ||
      medusa_order_query_get_fulfillment_statuses (query)[0] != NULL ||
      medusa_order_query_get_payment_statuses (query)[0] != NULL ||
      medusa_order_query_get_created_after (query) != NULL ||
      medusa_order_query_get_created_before (query) != NULL)
    return NULL;

  if (medusa_order_query_get_limit (query) > 0)
    {
      g_snprintf (number, sizeof number, "%u", medusa_order_query_get_limit (query));
      medusa_dialect_append_param (params, "limit", number);
    }
  g_snprintf (number, sizeof number, "%u", medusa_order_query_get_offset (query));
  medusa_dialect_append_param (params, "offset", number);
  medusa_dialect_append_param (params, "order", "-created_at");
  medusa_dialect_append_params (params, "status%5B%5D", medusa_order_query_get_statuses (query));
  medusa_dialect_append_param (params, "fields", fields_for (query));

  return medusa_dialect_authenticated (medusa_request_new ("GET", NULL, "/store/orders%s",
                                                          params->str));
}

static MedusaRequest *
v2_get_order (const char *order_id)
{
  g_autofree char *escaped = medusa_dialect_escape (order_id);
  g_autofree char *fields = medusa_dialect_escape (FULL_FIELDS);

  return medusa_dialect_authenticated (medusa_request_new ("GET", NULL,
                                                          "/store/orders/%s?fields=%s",
                                                          escaped, fields));
}

static MedusaRequest *
v2_list_regions (void)
{
  return medusa_request_new ("GET", NULL, "/store/regions");
}

const MedusaDialect medusa_dialect_v2 = {
  .name = "v2",
  .version = MEDUSA_API_VERSION_2,
  .capabilities = MEDUSA_CAPABILITY_TOKEN_REFRESH,
  .prepare = v2_prepare,

  .create_customer = v2_create_customer,
  .email_exists = v2_email_exists,
  .sign_in_token = v2_sign_in_token,
  .sign_in_cookie = v2_sign_in_cookie,
  .sign_out = v2_sign_out,
  .get_customer = v2_get_customer,
  .request_password_reset = v2_request_password_reset,
  .reset_password = v2_reset_password,
  .update_customer = v2_update_customer,
  .add_address = v2_add_address,
  .update_address = v2_update_address,
  .delete_address = v2_delete_address,
  .list_orders = v2_list_orders,
  .get_order = v2_get_order,
  .list_regions = v2_list_regions,
  .refresh_token = v2_refresh_token,

  .keep_customer = medusa_json_v2_keep_customer,
  .keep_order_page = medusa_json_v2_keep_order_page,
  .keep_order = medusa_json_v2_keep_order,

  .parse_customer = medusa_json_v2_parse_customer,
  .parse_exists = NULL,
  .parse_token = medusa_json_v2_parse_token,
  .parse_order_page = medusa_json_v2_parse_order_page,
  .parse_order_summaries = medusa_json_v2_parse_order_summaries,
  .parse_order = medusa_json_v2_parse_order,
  .parse_regions = medusa_json_v2_parse_regions,
  .parse_address_deleted = medusa_json_v2_parse_address_deleted,
};
