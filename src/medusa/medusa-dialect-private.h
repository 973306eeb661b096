/* medusa-dialect-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the dialect files share to spell out requests.
 */

#pragma once

#include "medusa-dialect.h"

G_BEGIN_DECLS

char          *medusa_dialect_escape         (const char  *segment);
void           medusa_dialect_add_string     (JsonBuilder *builder,
                                              const char  *member,
                                              const char  *value);
void           medusa_dialect_add_stripped   (JsonBuilder *builder,
                                              const char  *member,
                                              const char  *value);
void           medusa_dialect_add_address    (JsonBuilder   *builder,
                                              MedusaAddress *address);
JsonNode      *medusa_dialect_object_node    (const char  *first_member,
                                              ...) G_GNUC_NULL_TERMINATED;
JsonNode      *medusa_dialect_customer_node  (const char  *email,
                                              const char  *password,
                                              const char  *first_name,
                                              const char  *last_name,
                                              const char  *phone);
MedusaRequest *medusa_dialect_authenticated  (MedusaRequest *request);
MedusaRequest *medusa_dialect_changing       (MedusaRequest *request);
void           medusa_dialect_append_param   (GString     *query,
                                              const char  *name,
                                              const char  *value);
void           medusa_dialect_append_params  (GString            *query,
                                              const char         *name,
                                              const char * const *values);

G_END_DECLS
