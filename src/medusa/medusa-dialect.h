/* medusa-dialect.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "medusa-customer-changes.h"
#include "medusa-order-query.h"
#include "medusa-types.h"

G_BEGIN_DECLS

/*
 * A dialect is where a Medusa version's Store API is spelt out: every call's
 * method, path and body, and how its answer is read. MedusaClient only moves
 * the bytes. Medusa v2 (other auth routes, a publishable-key header, amounts
 * in whole units) becomes another table of the same shape.
 */

typedef struct
{
  const char *method;
  char       *path;          /* relative to the store's URL, query included, escaped */
  JsonNode   *body;          /* nullable */
  guint       authenticated : 1;  /* send the session's bearer token */
  guint       discard_body : 1;   /* the answer is big and unneeded: only its status counts */
  guint       server_error_is_invalid_token : 1;
  guint       changes_store : 1;  /* after a success status, a broken answer is
                                     MEDUSA_ERROR_UNCONFIRMED: the change is probably made */
} MedusaRequest;

MedusaRequest *medusa_request_new  (const char    *method,
                                    JsonNode      *body,
                                    const char    *path_format,
                                    ...) G_GNUC_PRINTF (3, 4);
void           medusa_request_free (MedusaRequest *request);
void           medusa_secret_free  (char          *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaRequest, medusa_request_free)

typedef struct
{
  const char *name;

  MedusaRequest   *(*create_customer)        (const char                  *email,
                                              const char                  *password,
                                              const char                  *first_name,
                                              const char                  *last_name,
                                              const char                  *phone);
  MedusaRequest   *(*email_exists)           (const char                  *email);
  MedusaRequest   *(*sign_in_token)          (const char                  *email,
                                              const char                  *password);
  MedusaRequest   *(*sign_in_cookie)         (const char                  *email,
                                              const char                  *password);
  MedusaRequest   *(*sign_out)               (void);
  MedusaRequest   *(*get_customer)           (void);
  MedusaRequest   *(*request_password_reset) (const char                  *email);
  MedusaRequest   *(*reset_password)         (const char                  *email,
                                              const char                  *password,
                                              const char                  *token);
  MedusaRequest   *(*update_customer)        (const MedusaCustomerChanges *changes);
  MedusaRequest   *(*add_address)            (MedusaAddress               *address);
  MedusaRequest   *(*update_address)         (const char                  *address_id,
                                              MedusaAddress               *address);
  MedusaRequest   *(*delete_address)         (const char                  *address_id);
  MedusaRequest   *(*list_orders)            (const MedusaOrderQuery      *query);
  MedusaRequest   *(*get_order)              (const char                  *order_id);
  MedusaRequest   *(*list_regions)           (void);

  MedusaCustomer  *(*parse_customer)         (GBytes                      *body,
                                              GError                     **error);
  gboolean         (*parse_exists)           (GBytes                      *body,
                                              gboolean                    *exists,
                                              GError                     **error);
  char            *(*parse_token)            (GBytes                      *body,
                                              GError                     **error);
  MedusaOrderPage *(*parse_order_page)       (GBytes                      *body,
                                              GError                     **error);
  MedusaOrder     *(*parse_order)            (GBytes                      *body,
                                              GError                     **error);
  GListModel      *(*parse_regions)          (GBytes                      *body,
                                              GError                     **error);
} MedusaDialect;

extern const MedusaDialect medusa_dialect_v1;

JsonNode *medusa_dialect_v1_address_to_node (MedusaAddress *address);

G_END_DECLS
