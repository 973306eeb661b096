/* patron-offline-banner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_OFFLINE_BANNER (patron_offline_banner_get_type ())

G_DECLARE_FINAL_TYPE (PatronOfflineBanner, patron_offline_banner, PATRON, OFFLINE_BANNER, AdwBin)

GtkWidget *patron_offline_banner_new         (void);
void       patron_offline_banner_set_session (PatronOfflineBanner *self,
                                              PatronSession       *session);
char      *patron_offline_banner_describe    (GDateTime           *seen_at,
                                              GDateTime           *now);

G_END_DECLS
