/* patron-address-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_ADDRESS_EDITOR (patron_address_editor_get_type ())

G_DECLARE_FINAL_TYPE (PatronAddressEditor, patron_address_editor, PATRON, ADDRESS_EDITOR, AdwWindow)

PatronAddressEditor *patron_address_editor_new (GtkWindow     *parent,
                                                PatronSession *session,
                                                MedusaAddress *address);
PatronAddressEditor *patron_address_editor_new_for_billing (GtkWindow     *parent,
                                                            PatronSession *session);
/* The fields an address needs, as flags: what patron_address_missing() finds. */
typedef enum
{
  PATRON_ADDRESS_FIRST_NAME  = 1 << 0,
  PATRON_ADDRESS_LAST_NAME   = 1 << 1,
  PATRON_ADDRESS_ADDRESS_1   = 1 << 2,
  PATRON_ADDRESS_CITY        = 1 << 3,
  PATRON_ADDRESS_POSTAL_CODE = 1 << 4,
  PATRON_ADDRESS_COUNTRY     = 1 << 5,
} PatronAddressFields;

char                *patron_address_check      (MedusaAddress *address);
PatronAddressFields  patron_address_missing    (MedusaAddress *address);
const char          *patron_locale_territory   (const char    *locale);
const char          *patron_address_default_country (const char * const *store_countries,
                                                     const char          *territory,
                                                     MedusaCustomer      *customer);
GPtrArray           *patron_address_store_countries (GListModel          *regions);

G_END_DECLS
