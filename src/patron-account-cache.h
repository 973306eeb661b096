/* patron-account-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medusa.h"

G_BEGIN_DECLS

/* What one customer's copy may hold: the oldest answers go beyond these,
 * those a start offline needs (the customer, the order count) last. */
#define PATRON_ACCOUNT_CACHE_MAX_FILES 200
#define PATRON_ACCOUNT_CACHE_MAX_BYTES (64 * 1024 * 1024)

#define PATRON_TYPE_ACCOUNT_CACHE (patron_account_cache_get_type ())

G_DECLARE_FINAL_TYPE (PatronAccountCache, patron_account_cache, PATRON, ACCOUNT_CACHE, GObject)

PatronAccountCache *patron_account_cache_new          (const char         *store_url,
                                                       const char         *email);
const char         *patron_account_cache_get_path     (PatronAccountCache *self);
GDateTime          *patron_account_cache_dup_seen_at  (PatronAccountCache *self);
void                patron_account_cache_set_max_files (PatronAccountCache *self,
                                                       guint               max_files);
void                patron_account_cache_sync         (PatronAccountCache *self);
gboolean            patron_account_cache_delete        (PatronAccountCache  *self,
                                                        GError             **error);
gboolean            patron_account_cache_delete_others (PatronAccountCache  *self,
                                                        GError             **error);
gboolean            patron_account_cache_delete_store  (const char          *store_url,
                                                        GError             **error);

G_END_DECLS
