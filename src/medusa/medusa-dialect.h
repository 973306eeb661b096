/* medusa-dialect.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "medusa-customer-changes.h"
#include "medusa-dialect-types.h"
#include "medusa-json.h"
#include "medusa-order-query.h"
#include "medusa-types.h"

G_BEGIN_DECLS

/*
 * A dialect is where a Medusa version's Store API is spelt out: every call's
 * method, path, headers and body, how its answer is read, and what the
 * version cannot do. MedusaClient only moves the bytes. Nothing outside a
 * dialect file knows a path, a field name or a version's quirk.
 *
 * An operation may take several requests (v2 registers an identity, then
 * the customer with the identity's token): a request's @next is sent when it
 * succeeded, after @pass_on has read what @next needs from its answer (a
 * token, say); the last answer is the operation's.
 */

typedef struct _MedusaRequest MedusaRequest;

typedef gboolean (*MedusaPassOnFunc) (GBytes         *body,
                                      MedusaRequest  *next,
                                      GError        **error);

struct _MedusaRequest
{
  const char       *method;
  char             *path;          /* relative to the store's URL, query included, escaped */
  JsonNode         *body;          /* nullable */
  GPtrArray        *headers;       /* nullable; name, value, name, value… */
  char             *bearer;        /* nullable; this request's own token (a reset token…) */
  MedusaRequest    *next;          /* nullable; sent after this one succeeded */
  MedusaPassOnFunc  pass_on;       /* nullable; readies @next from this answer */
  guint             authenticated : 1;  /* send the session's bearer token */
  guint             discard_body : 1;   /* the answer is big and unneeded: only its status counts */
  const MedusaJsonKeep *keep;      /* nullable; read only, what of its answer may be shown
                                      again offline (the dialect's table) */
  guint             lasting : 1;        /* kept, and one a start offline needs: kept the longest */
  guint             server_error_is_invalid_token : 1;
  guint             unauthorized_is_invalid_token : 1;
  guint             unauthorized_is_duplicate : 1;
  guint             changes_store : 1;  /* after a success status, a broken answer is
                                           MEDUSA_ERROR_UNCONFIRMED: the change is probably made */
};

MedusaRequest *medusa_request_new  (const char    *method,
                                    JsonNode      *body,
                                    const char    *path_format,
                                    ...) G_GNUC_PRINTF (3, 4);
void           medusa_request_free (MedusaRequest *request);
void           medusa_request_add_header (MedusaRequest *request,
                                          const char    *name,
                                          const char    *value);
MedusaRequest *medusa_request_then (MedusaRequest    *request,
                                    MedusaRequest    *next,
                                    MedusaPassOnFunc  pass_on);
void           medusa_secret_free  (char          *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaRequest, medusa_request_free)

typedef struct
{
  const char          *name;
  MedusaApiVersion     version;
  MedusaCapabilities   capabilities;

  /* Every request is readied by this before it is sent: v2 adds the
   * store's publishable key. Nullable. */
  void             (*prepare)                (MedusaRequest               *request,
                                              const char                  *publishable_key);

  /* A request constructor answers NULL where the version cannot do what
   * is asked (the client fails with MEDUSA_ERROR_NOT_SUPPORTED); sign_out's
   * NULL means there is nothing to end on the store. */
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
  MedusaRequest   *(*refresh_token)          (void);   /* nullable */

  /* What of the answers to get_customer, list_orders (a page's summary)
   * and get_order the offline copy keeps: what Patron shows. */
  const MedusaJsonKeep *keep_customer;
  const MedusaJsonKeep *keep_order_page;
  const MedusaJsonKeep *keep_order;

  MedusaCustomer  *(*parse_customer)         (GBytes                      *body,
                                              GError                     **error);
  gboolean         (*parse_exists)           (GBytes                      *body,
                                              gboolean                    *exists,
                                              GError                     **error);
  char            *(*parse_token)            (GBytes                      *body,
                                              GError                     **error);
  MedusaOrderPage *(*parse_order_page)       (GBytes                      *body,
                                              GError                     **error);
  /* the same page as a list shows it (MEDUSA_ORDER_DETAIL_SUMMARY, _ID) */
  MedusaOrderPage *(*parse_order_summaries)  (GBytes                      *body,
                                              GError                     **error);
  MedusaOrder     *(*parse_order)            (GBytes                      *body,
                                              GError                     **error);
  GListModel      *(*parse_regions)          (GBytes                      *body,
                                              GError                     **error);
  MedusaCustomer  *(*parse_address_deleted)  (GBytes                      *body,
                                              GError                     **error);
} MedusaDialect;

extern const MedusaDialect medusa_dialect_v1;
extern const MedusaDialect medusa_dialect_v2;

const MedusaDialect *medusa_dialect_for_version (MedusaApiVersion version);

/* Telling versions apart (medusa-dialect-detect.c) */
MedusaRequest   *medusa_dialect_probe        (void);
MedusaApiVersion medusa_dialect_recognize    (guint         status,
                                              const char   *content_type,
                                              GBytes       *body);

JsonNode *medusa_dialect_v1_address_to_node (MedusaAddress *address);

G_END_DECLS
