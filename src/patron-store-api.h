/* patron-store-api.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medusa.h"

G_BEGIN_DECLS

/* a publishable key is "pk_" and 64 hex digits; room to spare, no more */
#define PATRON_STORE_API_MAX_KEY_LENGTH 256

gboolean patron_store_api_key_is_valid (const char *key);
gboolean patron_store_api_apply    (GSettings    *settings,
                                    MedusaClient *client);
void     patron_store_api_remember (GSettings    *settings,
                                    MedusaClient *client);

G_END_DECLS
