/* patron-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-settings"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "patron-settings.h"

/* Outside Flatpak the default backend (dconf) already obeys an
 * administrator's locks. Inside, GSettings is GLib's keyfile backend, which
 * reads defaults and locks from /etc/glib-2.0/settings: the runtime's /etc,
 * which no administrator can reach. The same backend reads them from any
 * directory given as its construct-only "defaults-dir" property: Patron makes
 * one that reads them from a directory the administrator can fill. */
static GSettingsBackend *policy_backend;

/**
 * patron_settings_use_policy_dir:
 * @directory: holds `defaults` (a keyfile) and `locks` (one key path a line),
 *   as GLib's keyfile backend reads them from /etc/glib-2.0/settings
 *
 * From now on, the settings Patron makes are kept by GLib's keyfile backend
 * (in `$XDG_CONFIG_HOME/glib-2.0/settings/keyfile`, as the default keyfile
 * backend keeps them) with the defaults and locks in @directory.
 *
 * Returns: %FALSE if this GLib has no keyfile backend to make
 */
gboolean
patron_settings_use_policy_dir (const char *directory)
{
  g_autoptr(GSettingsBackend) registered = NULL;
  g_autoptr(GTypeClass) klass = NULL;
  GIOExtensionPoint *point;
  GIOExtension *keyfile;

  g_return_val_if_fail (directory != NULL, FALSE);

  /* registers the extension point and GIO's own backends */
  registered = g_settings_backend_get_default ();
  point = g_io_extension_point_lookup (G_SETTINGS_BACKEND_EXTENSION_POINT_NAME);
  keyfile = point != NULL ? g_io_extension_point_get_extension_by_name (point, "keyfile") : NULL;
  if (keyfile != NULL)
    klass = g_type_class_ref (g_io_extension_get_type (keyfile));
  if (klass == NULL ||
      g_object_class_find_property (G_OBJECT_CLASS (klass), "defaults-dir") == NULL)
    {
      g_warning ("No keyfile settings backend that reads locks from a directory");
      return FALSE;
    }

  g_clear_object (&policy_backend);
  policy_backend = g_object_new (g_io_extension_get_type (keyfile),
                                 "defaults-dir", directory,
                                 NULL);
  return TRUE;
}

/**
 * patron_settings_use_flatpak_policy:
 *
 * In a Flatpak sandbox whose settings are GLib's keyfile backend, reads an
 * administrator's defaults and locks from %PATRON_SETTINGS_POLICY_DIR.
 */
void
patron_settings_use_flatpak_policy (void)
{
  g_autoptr(GSettingsBackend) backend = NULL;

  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return;

  backend = g_settings_backend_get_default ();
  if (g_str_equal (G_OBJECT_TYPE_NAME (backend), "GKeyfileSettingsBackend"))
    patron_settings_use_policy_dir (PATRON_SETTINGS_POLICY_DIR);
}

/**
 * patron_settings_new:
 *
 * Returns: (transfer full): Patron's settings, through the backend that
 *   holds an administrator's locks
 */
GSettings *
patron_settings_new (void)
{
  if (policy_backend != NULL)
    return g_settings_new_with_backend (APPLICATION_SCHEMA, policy_backend);

  return g_settings_new (APPLICATION_SCHEMA);
}
