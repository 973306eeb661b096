/* patron-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-image-cache.h"
#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_APPLICATION (patron_application_get_type ())

G_DECLARE_FINAL_TYPE (PatronApplication, patron_application, PATRON, APPLICATION, AdwApplication)

PatronApplication *patron_application_new           (const char        *application_id,
                                                     GApplicationFlags  flags);
const char        *patron_application_get_store_url (PatronApplication *self);
gboolean           patron_application_get_counter_mode (PatronApplication *self);
gboolean           patron_application_get_counter_forced (PatronApplication *self);
PatronImageCache  *patron_application_get_image_cache (PatronApplication *self);
PatronSession     *patron_application_take_session  (PatronApplication *self,
                                                     const char        *store_url);
GtkWindow         *patron_application_show_about    (GtkWindow         *parent);

G_END_DECLS
