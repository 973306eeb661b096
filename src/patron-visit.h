/* patron-visit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medusa.h"

G_BEGIN_DECLS

#define PATRON_TYPE_VISIT (patron_visit_get_type ())

G_DECLARE_FINAL_TYPE (PatronVisit, patron_visit, PATRON, VISIT, GObject)

PatronVisit     *patron_visit_new              (MedusaClient           *client);
MedusaClient    *patron_visit_get_client       (PatronVisit            *self);
MedusaCustomer  *patron_visit_get_customer     (PatronVisit            *self);
void             patron_visit_set_customer     (PatronVisit            *self,
                                                MedusaCustomer         *customer);
int              patron_visit_get_order_count  (PatronVisit            *self);
GCancellable    *patron_visit_get_cancellable  (PatronVisit            *self);
void             patron_visit_end              (PatronVisit            *self);
gboolean         patron_visit_get_ended        (PatronVisit            *self);

G_END_DECLS
