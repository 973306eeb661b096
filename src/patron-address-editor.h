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
char                *patron_address_check      (MedusaAddress *address);

G_END_DECLS
