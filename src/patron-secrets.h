/* patron-secrets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

#include "medusa.h"

G_BEGIN_DECLS

const SecretSchema *patron_secrets_get_schema    (void) G_GNUC_CONST;
void                patron_secrets_store_async   (const char           *store_url,
                                                  const char           *email,
                                                  const char           *token,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            patron_secrets_store_finish  (GAsyncResult         *result,
                                                  GError              **error);
void                patron_secrets_lookup_async  (const char           *store_url,
                                                  MedusaPrefetch       *prefetch,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            patron_secrets_lookup_finish (GAsyncResult         *result,
                                                  char                **email,
                                                  char                **token,
                                                  GError              **error);
void                patron_secrets_clear_async   (const char           *store_url,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            patron_secrets_clear_finish  (GAsyncResult         *result,
                                                  GError              **error);
void                patron_secrets_list_kept_async  (GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GHashTable         *patron_secrets_list_kept_finish (GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
