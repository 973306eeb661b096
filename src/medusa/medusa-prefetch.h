/* medusa-prefetch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medusa-order-query.h"

G_BEGIN_DECLS

/* medusa-client.h includes this header */
typedef struct _MedusaClient MedusaClient;

#define MEDUSA_TYPE_PREFETCH (medusa_prefetch_get_type ())

G_DECLARE_FINAL_TYPE (MedusaPrefetch, medusa_prefetch, MEDUSA, PREFETCH, GObject)

MedusaPrefetch *medusa_prefetch_new          (const char              *base_url);
MedusaPrefetch *medusa_prefetch_new_for_client (MedusaClient         *client);
const char     *medusa_prefetch_get_base_url (MedusaPrefetch          *self);
void            medusa_prefetch_add_customer (MedusaPrefetch          *self);
gboolean        medusa_prefetch_get_answered (MedusaPrefetch          *self);
void            medusa_prefetch_send_async   (MedusaPrefetch          *self,
                                              const char              *access_token,
                                              GCancellable            *cancellable,
                                              GAsyncReadyCallback      callback,
                                              gpointer                 user_data);
gboolean        medusa_prefetch_send_finish  (MedusaPrefetch          *self,
                                              GAsyncResult            *result,
                                              GError                 **error);

G_END_DECLS
