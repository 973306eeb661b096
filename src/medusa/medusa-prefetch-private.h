/* medusa-prefetch-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "medusa-dialect.h"
#include "medusa-prefetch.h"

G_BEGIN_DECLS

/* An HTTP answer as it came: what MedusaClient makes of it comes later. */
typedef struct
{
  guint   status;
  char   *content_type;   /* nullable */
  GBytes *body;
} MedusaResponse;

void            medusa_response_free           (MedusaResponse       *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaResponse, medusa_response_free)

/* Between MedusaPrefetch and MedusaClient */
gboolean        medusa_prefetch_claim_async    (MedusaPrefetch       *self,
                                                const MedusaRequest  *request,
                                                const char           *access_token,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
MedusaResponse *medusa_prefetch_claim_finish   (MedusaPrefetch       *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            medusa_client_fetch_async      (MedusaClient         *client,
                                                MedusaRequest        *request,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
MedusaResponse *medusa_client_fetch_finish     (MedusaClient         *client,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
