/* medusa-dialect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-dialect"

#include "config.h"

#include <string.h>

#include "medusa-dialect-private.h"
#include "medusa-json.h"

/* What every dialect builds its requests with, and which dialect a store speaks. */

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
  g_clear_pointer (&request->headers, g_ptr_array_unref);
  g_clear_pointer (&request->bearer, medusa_secret_free);
  g_clear_pointer (&request->next, medusa_request_free);
  g_free (request);
}

void
medusa_request_add_header (MedusaRequest *request,
                           const char    *name,
                           const char    *value)
{
  if (request->headers == NULL)
    request->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (request->headers, g_strdup (name));
  g_ptr_array_add (request->headers, g_strdup (value));
}

/**
 * medusa_request_then:
 * @next: (transfer full): the request to send once @request succeeded
 * @pass_on: (nullable): readies @next from @request's answer
 *
 * Chains @next after the last request of @request's chain.
 *
 * Returns: (transfer none): @request
 */
MedusaRequest *
medusa_request_then (MedusaRequest    *request,
                     MedusaRequest    *next,
                     MedusaPassOnFunc  pass_on)
{
  MedusaRequest *last = request;

  while (last->next != NULL)
    last = last->next;
  last->next = next;
  last->pass_on = pass_on;

  return request;
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

char *
medusa_dialect_escape (const char *segment)
{
  return g_uri_escape_string (segment != NULL ? segment : "", NULL, FALSE);
}

void
medusa_dialect_add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
medusa_dialect_add_stripped (JsonBuilder *builder,
              const char  *member,
              const char  *value)
{
  g_autofree char *stripped = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

  medusa_dialect_add_string (builder, member, stripped);
}

/* Build a flat JSON object from name/value pairs; a NULL value is left out. */
/* An address's fields, as members of the object @builder is in. The
 * country code is sent in lower case, as Medusa stores it; blanks around
 * values are dropped. */
void
medusa_dialect_add_address (JsonBuilder   *builder,
                            MedusaAddress *address)
{
  g_autofree char *country = NULL;

  if (medusa_address_get_country_code (address) != NULL)
    country = g_ascii_strdown (medusa_address_get_country_code (address), -1);

  medusa_dialect_add_stripped (builder, "first_name", medusa_address_get_first_name (address));
  medusa_dialect_add_stripped (builder, "last_name", medusa_address_get_last_name (address));
  medusa_dialect_add_stripped (builder, "company", medusa_address_get_company (address));
  medusa_dialect_add_stripped (builder, "address_1", medusa_address_get_address_1 (address));
  medusa_dialect_add_stripped (builder, "address_2", medusa_address_get_address_2 (address));
  medusa_dialect_add_stripped (builder, "city", medusa_address_get_city (address));
  medusa_dialect_add_stripped (builder, "province", medusa_address_get_province (address));
  medusa_dialect_add_stripped (builder, "postal_code", medusa_address_get_postal_code (address));
  medusa_dialect_add_stripped (builder, "country_code", country);
  medusa_dialect_add_stripped (builder, "phone", medusa_address_get_phone (address));
}

JsonNode *
medusa_dialect_object_node (const char *first_member,
             ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *member = first_member;
  va_list args;

  va_start (args, first_member);
  json_builder_begin_object (builder);
  while (member != NULL)
    {
      medusa_dialect_add_string (builder, member, va_arg (args, const char *));
      member = va_arg (args, const char *);
    }
  json_builder_end_object (builder);
  va_end (args);

  return json_builder_get_root (builder);
}

/* A new customer's fields; @password and an empty @phone are left out. */
JsonNode *
medusa_dialect_customer_node (const char *email,
                              const char *password,
                              const char *first_name,
                              const char *last_name,
                              const char *phone)
{
  return medusa_dialect_object_node ("email", email,
                                     "password", password,
                                     "first_name", first_name,
                                     "last_name", last_name,
                                     "phone", phone != NULL && phone[0] != '\0' ? phone : NULL,
                                     NULL);
}

/* A request that changes what the store holds. */
MedusaRequest *
medusa_dialect_changing (MedusaRequest *request)
{
  request->changes_store = TRUE;

  return request;
}

MedusaRequest *
medusa_dialect_authenticated (MedusaRequest *request)
{
  request->authenticated = TRUE;

  return request;
}

void
medusa_dialect_append_param (GString    *query,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = medusa_dialect_escape (value);

  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append (query, name);
  g_string_append_c (query, '=');
  g_string_append (query, escaped);
}

void
medusa_dialect_append_params (GString            *query,
               const char         *name,
               const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    medusa_dialect_append_param (query, name, values[i]);
}

const MedusaDialect *
medusa_dialect_for_version (MedusaApiVersion version)
{
  return version == MEDUSA_API_VERSION_2 ? &medusa_dialect_v2 : &medusa_dialect_v1;
}

/*
 * One request tells the versions apart, without side effects: v2 answers a
 * sign-in without credentials with a JSON 401 ({"type":"unauthorized",
 * "message":"Password should be a string"}); v1 has no /auth routes and
 * answers an HTML 404. (v2 would also refuse any /store/ call without its
 * publishable key, but v1 answers those with data: heavier.)
 */
MedusaRequest *
medusa_dialect_probe (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  return medusa_request_new ("POST", json_builder_get_root (builder),
                             "/auth/customer/emailpass");
}

/* The version the probe's answer shows, or UNKNOWN: then the address is
 * not a Medusa store (or not one Patron knows). */
MedusaApiVersion
medusa_dialect_recognize (guint       status,
                          const char *content_type,
                          GBytes     *body)
{
  g_autoptr(JsonNode) root = NULL;

  if (status == 404)
    return MEDUSA_API_VERSION_1;

  if (status != 400 && status != 401)
    return MEDUSA_API_VERSION_UNKNOWN;

  if (content_type == NULL || !g_str_has_prefix (content_type, "application/json"))
    return MEDUSA_API_VERSION_UNKNOWN;

  root = medusa_json_parse (body, NULL);
  if (root == NULL || !json_object_has_member (json_node_get_object (root), "message"))
    return MEDUSA_API_VERSION_UNKNOWN;

  return MEDUSA_API_VERSION_2;
}
