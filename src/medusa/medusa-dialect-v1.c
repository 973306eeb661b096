/* medusa-dialect-v1.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-dialect"

#include "config.h"

#include <string.h>

#include "medusa-customer-changes-private.h"
#include "medusa-dialect.h"
#include "medusa-json.h"

/* Medusa v1 (1.x) Store API: the contract Patron is written against. */

MedusaRequest *
medusa_request_new (const char *method,
                    JsonNode   *body,
                    const char *path_format,
                    ...)
{
  MedusaRequest *request = g_new0 (MedusaRequest, 1);
  va_list args;

  va_start (args, path_format);
  request->method = method;
  request->path = g_strdup_vprintf (path_format, args);
  request->body = body;
  va_end (args);

  return request;
}

void
medusa_request_free (MedusaRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->path);
  g_clear_pointer (&request->body, json_node_unref);
  g_free (request);
}

/* A password, a token or a body that holds one: zeroed before it is freed. */
void
medusa_secret_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment != NULL ? segment : "", NULL, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_stripped (JsonBuilder *builder,
              const char  *member,
              const char  *value)
{
  g_autofree char *stripped = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

  add_string (builder, member, stripped);
}

/* Build a flat JSON object from name/value pairs; a NULL value is left out. */
static JsonNode *
object_node (const char *first_member,
             ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *member = first_member;
  va_list args;

  va_start (args, first_member);
  json_builder_begin_object (builder);
  while (member != NULL)
    {
      add_string (builder, member, va_arg (args, const char *));
      member = va_arg (args, const char *);
    }
  json_builder_end_object (builder);
  va_end (args);

  return json_builder_get_root (builder);
}

/**
 * medusa_dialect_v1_address_to_node:
 *
 * An address's fields as v1 takes them. The country code is sent in lower
 * case, as Medusa stores it; blanks around values are dropped.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
medusa_dialect_v1_address_to_node (MedusaAddress *address)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *country = NULL;

  if (medusa_address_get_country_code (address) != NULL)
    country = g_ascii_strdown (medusa_address_get_country_code (address), -1);

  json_builder_begin_object (builder);
  add_stripped (builder, "first_name", medusa_address_get_first_name (address));
  add_stripped (builder, "last_name", medusa_address_get_last_name (address));
  add_stripped (builder, "company", medusa_address_get_company (address));
  add_stripped (builder, "address_1", medusa_address_get_address_1 (address));
  add_stripped (builder, "address_2", medusa_address_get_address_2 (address));
  add_stripped (builder, "city", medusa_address_get_city (address));
  add_stripped (builder, "province", medusa_address_get_province (address));
  add_stripped (builder, "postal_code", medusa_address_get_postal_code (address));
  add_stripped (builder, "country_code", country);
  add_stripped (builder, "phone", medusa_address_get_phone (address));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* A request that changes what the store holds. */
static MedusaRequest *
changing (MedusaRequest *request)
{
  request->changes_store = TRUE;

  return request;
}

static MedusaRequest *
v1_create_customer (const char *email,
                    const char *password,
                    const char *first_name,
                    const char *last_name,
                    const char *phone)
{
  JsonNode *body = object_node ("email", email,
                                "password", password,
                                "first_name", first_name,
                                "last_name", last_name,
                                "phone", phone != NULL && phone[0] != '\0' ? phone : NULL,
                                NULL);

  return changing (medusa_request_new ("POST", body, "/store/customers"));
}

static MedusaRequest *
v1_email_exists (const char *email)
{
  g_autofree char *escaped = escape (email);

  return medusa_request_new ("GET", NULL, "/store/auth/%s", escaped);
}

static MedusaRequest *
v1_sign_in_token (const char *email,
                  const char *password)
{
  return medusa_request_new ("POST",
                             object_node ("email", email, "password", password, NULL),
                             "/store/auth/token");
}

static MedusaRequest *
v1_sign_in_cookie (const char *email,
                   const char *password)
{
  MedusaRequest *request = medusa_request_new ("POST",
                                               object_node ("email", email,
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
authenticated (MedusaRequest *request)
{
  request->authenticated = TRUE;

  return request;
}

static MedusaRequest *
v1_get_customer (void)
{
  return authenticated (medusa_request_new ("GET", NULL, "/store/customers/me"));
}

static MedusaRequest *
v1_request_password_reset (const char *email)
{
  return medusa_request_new ("POST", object_node ("email", email, NULL),
                             "/store/customers/password-token");
}

static MedusaRequest *
v1_reset_password (const char *email,
                   const char *password,
                   const char *token)
{
  MedusaRequest *request = medusa_request_new ("POST",
                                               object_node ("email", email,
                                                            "password", password,
                                                            "token", token,
                                                            NULL),
                                               "/store/customers/password-reset");

  /* v1 answers a wrong, used or expired token with a bare 500 */
  request->server_error_is_invalid_token = TRUE;

  return changing (request);
}

static MedusaRequest *
v1_update_customer (const MedusaCustomerChanges *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  add_string (builder, "first_name", changes->first_name);
  add_string (builder, "last_name", changes->last_name);
  if (changes->has_phone)
    add_string (builder, "phone", changes->phone != NULL ? changes->phone : "");
  add_string (builder, "email", changes->email);
  add_string (builder, "password", changes->password);
  if (changes->billing_address != NULL)
    {
      json_builder_set_member_name (builder, "billing_address");
      json_builder_add_value (builder,
                              medusa_dialect_v1_address_to_node (changes->billing_address));
    }
  /* v1 also takes the id of one of the customer's addresses as billing address */
  add_string (builder, "billing_address", changes->billing_address_id);
  if (changes->metadata != NULL)
    {
      json_builder_set_member_name (builder, "metadata");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (),
                                                              changes->metadata));
    }
  json_builder_end_object (builder);

  return changing (authenticated (medusa_request_new ("POST", json_builder_get_root (builder),
                                                      "/store/customers/me")));
}

static MedusaRequest *
v1_add_address (MedusaAddress *address)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "address");
  json_builder_add_value (builder, medusa_dialect_v1_address_to_node (address));
  json_builder_end_object (builder);

  return changing (authenticated (medusa_request_new ("POST", json_builder_get_root (builder),
                                                      "/store/customers/me/addresses")));
}

static MedusaRequest *
v1_update_address (const char    *address_id,
                   MedusaAddress *address)
{
  g_autofree char *escaped = escape (address_id);

  return changing (authenticated (medusa_request_new ("POST",
                                                      medusa_dialect_v1_address_to_node (address),
                                                      "/store/customers/me/addresses/%s",
                                                      escaped)));
}

static MedusaRequest *
v1_delete_address (const char *address_id)
{
  g_autofree char *escaped = escape (address_id);

  return changing (authenticated (medusa_request_new ("DELETE", NULL,
                                                      "/store/customers/me/addresses/%s",
                                                      escaped)));
}

static void
append_param (GString    *query,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = escape (value);

  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append (query, name);
  g_string_append_c (query, '=');
  g_string_append (query, escaped);
}

static void
append_params (GString            *query,
               const char         *name,
               const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    append_param (query, name, values[i]);
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
  append_param (query, name, text);
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

/* What v1 accepts, as its validator and qs read them: arrays as repeated
 * name[]=value, date bounds as created_at[gt]= and [lt]= (ISO 8601, both
 * exclusive; the server keeps microseconds, its answers show milliseconds). */
static MedusaRequest *
v1_list_orders (const MedusaOrderQuery *query)
{
  g_autoptr(GString) params = g_string_new (NULL);
  char number[16];

  if (medusa_order_query_get_limit (query) > 0)
    {
      g_snprintf (number, sizeof number, "%u", medusa_order_query_get_limit (query));
      append_param (params, "limit", number);
    }
  g_snprintf (number, sizeof number, "%u", medusa_order_query_get_offset (query));
  append_param (params, "offset", number);
  if (medusa_order_query_get_search (query) != NULL)
    {
      g_autofree char *q = escape_like (medusa_order_query_get_search (query));

      append_param (params, "q", q);
    }
  append_params (params, "status%5B%5D", medusa_order_query_get_statuses (query));
  append_params (params, "fulfillment_status%5B%5D",
                 medusa_order_query_get_fulfillment_statuses (query));
  append_params (params, "payment_status%5B%5D", medusa_order_query_get_payment_statuses (query));
  append_date (params, "created_at%5Bgt%5D", medusa_order_query_get_created_after (query));
  append_date (params, "created_at%5Blt%5D", medusa_order_query_get_created_before (query));
  if (medusa_order_query_get_expand (query) != NULL)
    append_param (params, "expand", medusa_order_query_get_expand (query));
  if (medusa_order_query_get_fields (query) != NULL)
    append_param (params, "fields", medusa_order_query_get_fields (query));

  return authenticated (medusa_request_new ("GET", NULL, "/store/customers/me/orders%s",
                                            params->str));
}

/* Not GET /store/orders/{id}: that one answers anyone who knows the id, and
 * leaves out the order's gift cards and refunds (it refuses expand=gift_cards).
 * The customer's own list filtered by id has them. */
static MedusaRequest *
v1_get_order (const char *order_id)
{
  g_autofree char *escaped = escape (order_id);

  return authenticated (medusa_request_new ("GET", NULL,
                                            "/store/customers/me/orders?id=%s&limit=1",
                                            escaped));
}

static MedusaRequest *
v1_list_regions (void)
{
  return medusa_request_new ("GET", NULL, "/store/regions");
}

const MedusaDialect medusa_dialect_v1 = {
  .name = "v1",

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

  .parse_customer = medusa_json_parse_customer_response,
  .parse_exists = medusa_json_parse_exists_response,
  .parse_token = medusa_json_parse_token_response,
  .parse_order_page = medusa_json_parse_order_page,
  .parse_order = medusa_json_parse_single_order_page,
  .parse_regions = medusa_json_parse_regions_response,
};
