/* medusa-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medusa-answer-store.h"
#include "medusa-customer-changes.h"
#include "medusa-dialect-types.h"
#include "medusa-order-query.h"
#include "medusa-prefetch.h"
#include "medusa-types.h"

G_BEGIN_DECLS

/**
 * MedusaAuthMode:
 * @MEDUSA_AUTH_MODE_AUTO: a bearer token where the store offers it, else a cookie session
 * @MEDUSA_AUTH_MODE_TOKEN: a bearer token (`POST /store/auth/token`, Medusa ≥ 1.17)
 * @MEDUSA_AUTH_MODE_COOKIE: a cookie session (`POST /store/auth`)
 */
typedef enum
{
  MEDUSA_AUTH_MODE_AUTO,
  MEDUSA_AUTH_MODE_TOKEN,
  MEDUSA_AUTH_MODE_COOKIE,
} MedusaAuthMode;

/**
 * MedusaSessionKind:
 * @MEDUSA_SESSION_NONE: signed out
 * @MEDUSA_SESSION_TOKEN: signed in with a bearer token
 * @MEDUSA_SESSION_COOKIE: signed in with a cookie session
 */
typedef enum
{
  MEDUSA_SESSION_NONE,
  MEDUSA_SESSION_TOKEN,
  MEDUSA_SESSION_COOKIE,
} MedusaSessionKind;

#define MEDUSA_CLIENT_DEFAULT_TIMEOUT 30
#define MEDUSA_CLIENT_DEFAULT_MAX_RESPONSE_SIZE (16 * 1024 * 1024)

#define MEDUSA_TYPE_CLIENT (medusa_client_get_type ())

G_DECLARE_FINAL_TYPE (MedusaClient, medusa_client, MEDUSA, CLIENT, GObject)

gboolean           medusa_client_check_base_url            (const char             *base_url,
                                                            GError                **error);
MedusaClient      *medusa_client_new                       (const char             *base_url);
MedusaClient      *medusa_client_new_sibling               (MedusaClient           *client);
const char        *medusa_client_get_base_url              (MedusaClient           *self);
guint              medusa_client_get_timeout               (MedusaClient           *self);
void               medusa_client_set_timeout               (MedusaClient           *self,
                                                            guint                   timeout);
gsize              medusa_client_get_max_response_size     (MedusaClient           *self);
void               medusa_client_set_max_response_size     (MedusaClient           *self,
                                                            gsize                   max_size);
MedusaSessionKind  medusa_client_get_session_kind          (MedusaClient           *self);
const char        *medusa_client_get_access_token          (MedusaClient           *self);
void               medusa_client_set_access_token          (MedusaClient           *self,
                                                            const char             *token);
void               medusa_client_set_prefetch              (MedusaClient           *self,
                                                            MedusaPrefetch         *prefetch);
void               medusa_client_set_answer_store          (MedusaClient           *self,
                                                            MedusaAnswerStore      *store);
gboolean           medusa_client_get_offline               (MedusaClient           *self);
MedusaApiVersion   medusa_client_get_api_version           (MedusaClient           *self);
void               medusa_client_set_api_version           (MedusaClient           *self,
                                                            MedusaApiVersion        version);
const char        *medusa_client_get_publishable_key       (MedusaClient           *self);
void               medusa_client_set_publishable_key       (MedusaClient           *self,
                                                            const char             *key);
MedusaCapabilities medusa_client_get_capabilities          (MedusaClient           *self);
void               medusa_client_detect_api_version_async  (MedusaClient           *self,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaApiVersion   medusa_client_detect_api_version_finish (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_refresh_token_async       (MedusaClient           *self,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
gboolean           medusa_client_refresh_token_finish      (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);

void               medusa_client_create_customer_async     (MedusaClient           *self,
                                                            const char             *email,
                                                            const char             *password,
                                                            const char             *first_name,
                                                            const char             *last_name,
                                                            const char             *phone,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_create_customer_finish    (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_email_exists_async        (MedusaClient           *self,
                                                            const char             *email,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
gboolean           medusa_client_email_exists_finish       (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            gboolean               *exists,
                                                            GError                **error);
void               medusa_client_sign_in_async             (MedusaClient           *self,
                                                            const char             *email,
                                                            const char             *password,
                                                            MedusaAuthMode          mode,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_sign_in_finish            (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_sign_out_async            (MedusaClient           *self,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
gboolean           medusa_client_sign_out_finish           (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_get_customer_async        (MedusaClient           *self,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_get_customer_finish       (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_recall_customer_async     (MedusaClient           *self,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_recall_customer_finish    (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_request_password_reset_async  (MedusaClient       *self,
                                                                const char         *email,
                                                                GCancellable       *cancellable,
                                                                GAsyncReadyCallback callback,
                                                                gpointer            user_data);
gboolean           medusa_client_request_password_reset_finish (MedusaClient       *self,
                                                                GAsyncResult       *result,
                                                                GError            **error);
void               medusa_client_reset_password_async      (MedusaClient           *self,
                                                            const char             *email,
                                                            const char             *password,
                                                            const char             *token,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_reset_password_finish     (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_update_customer_async     (MedusaClient           *self,
                                                            MedusaCustomerChanges  *changes,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_update_customer_finish    (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_add_address_async         (MedusaClient           *self,
                                                            MedusaAddress          *address,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_add_address_finish        (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_update_address_async      (MedusaClient           *self,
                                                            const char             *address_id,
                                                            MedusaAddress          *address,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_update_address_finish     (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_delete_address_async      (MedusaClient           *self,
                                                            const char             *address_id,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaCustomer    *medusa_client_delete_address_finish     (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_list_orders_async         (MedusaClient           *self,
                                                            const MedusaOrderQuery *query,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaOrderPage   *medusa_client_list_orders_finish        (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_get_order_async           (MedusaClient           *self,
                                                            const char             *order_id,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaOrder       *medusa_client_get_order_finish          (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               medusa_client_list_regions_async        (MedusaClient           *self,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
GListModel        *medusa_client_list_regions_finish       (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);

char              *medusa_client_resolve_url               (MedusaClient           *self,
                                                            const char             *url,
                                                            GError                **error);
void               medusa_client_get_image_async           (MedusaClient           *self,
                                                            const char             *url,
                                                            gsize                   max_bytes,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
GBytes            *medusa_client_get_image_finish          (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            char                  **content_type,
                                                            GError                **error);
guint              medusa_client_get_request_count         (MedusaClient           *self);
guint              medusa_client_get_n_pending             (MedusaClient           *self);

G_END_DECLS
