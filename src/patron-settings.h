/* patron-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* where a Flatpak install reads an administrator's defaults and locks: the
 * mount point of the io.github.patronapp.Patron.Policy extension */
#define PATRON_SETTINGS_POLICY_DIR SYSCONFDIR "/glib-2.0/settings"

GSettings *patron_settings_new                 (void);
gboolean   patron_settings_use_policy_dir      (const char *directory);
void       patron_settings_use_flatpak_policy  (void);

G_END_DECLS
