/* test-lockdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An administrator's lock on counter mode, the store and the idle timeout,
 * installed for real and seen through the UI:
 *
 * - GSETTINGS_BACKEND=dconf: a dconf profile (DCONF_PROFILE) whose system
 *   database is compiled by `dconf compile` from a keyfile directory with a
 *   `locks/` directory, as `dconf update` compiles /etc/dconf/db/NAME.d;
 * - GSETTINGS_BACKEND=keyfile: what Patron does inside Flatpak, the keyfile
 *   backend reading `defaults` and `locks` from the directory an
 *   administrator fills (patron_settings_use_policy_dir()).
 *
 * Each runs in a process of its own (meson runs this program once per
 * backend), in a private home, before anything reads a setting.
 */

#include "config.h"

#include "test-util.h"
#include "test-widgets.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "patron-application.h"
#include "patron-preferences-window.h"
#include "patron-settings.h"
#include "patron-window.h"

#define LOCKED_STORE "http://127.0.0.1:9/"
#define SCHEMA_PATH "/io/github/patronapp/Patron/"

static char *home;

/* What an administrator writes: the values, in the keyfile format that
 * both dconf (`dconf update`) and GLib's keyfile backend read. */
static const char defaults[] =
  "[io/github/patronapp/Patron]\n"
  "counter-mode=true\n"
  "store-url='" LOCKED_STORE "'\n"
  "counter-idle-seconds=uint32 60\n";

static const char locks[] =
  SCHEMA_PATH "counter-mode\n"
  SCHEMA_PATH "store-url\n"
  SCHEMA_PATH "counter-idle-seconds\n";

static void
write_file (const char *path,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* /etc/dconf/profile/user, /etc/dconf/db/site.d/{00-patron,locks/patron}
 * and `dconf update`, in the private home. */
static void
install_dconf_lock (void)
{
  g_autofree char *keyfile = g_build_filename (home, "dconf", "db", "site.d", "00-patron", NULL);
  g_autofree char *lockfile = g_build_filename (home, "dconf", "db", "site.d", "locks",
                                                "patron", NULL);
  g_autofree char *db = g_build_filename (home, "dconf", "db", "site", NULL);
  g_autofree char *db_dir = g_build_filename (home, "dconf", "db", "site.d", NULL);
  g_autofree char *profile = g_build_filename (home, "dconf", "profile", "user", NULL);
  g_autofree char *profile_text = g_strdup_printf ("user-db:user\nfile-db:%s\n", db);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { "dconf", "compile", db, db_dir, NULL };

  write_file (keyfile, defaults);
  write_file (lockfile, locks);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("dconf compile failed: %s", err);
  write_file (profile, profile_text);
  g_setenv ("DCONF_PROFILE", profile, TRUE);
}

/* /etc/glib-2.0/settings/{defaults,locks} as GLib's keyfile backend reads
 * them, in the directory a Flatpak install reads them from. */
static void
install_keyfile_lock (void)
{
  g_autofree char *dir = g_build_filename (home, "policy", NULL);
  g_autofree char *defaults_path = g_build_filename (dir, "defaults", NULL);
  g_autofree char *locks_path = g_build_filename (dir, "locks", NULL);
  g_autofree char *user_path = g_build_filename (home, "config", "glib-2.0", "settings",
                                                 "keyfile", NULL);

  write_file (defaults_path, defaults);
  write_file (locks_path, locks);
  /* the user's own file says otherwise: the lock wins */
  write_file (user_path, "[io/github/patronapp/Patron]\ncounter-mode=false\n"
                         "counter-idle-seconds=uint32 3600\n");
  g_assert_true (patron_settings_use_policy_dir (dir));
}

/* The row titled @title: its control, insensitive, and its sentence. */
static GtkWidget *
locked_control (GtkWidget  *preferences,
                const char *title,
                GType       control_type)
{
  GtkWidget *row = find_widget (preferences, is_row_titled, title);
  GtkWidget *control;

  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Set by your administrator");
  control = find_widget (row, is_of_type, (const char *) control_type);
  g_assert_nonnull (control);
  g_assert_false (gtk_widget_is_sensitive (control));

  return control;
}

static void
test_locked (void)
{
  g_autoptr(PatronApplication) app = patron_application_new ("io.github.patronapp.Patron.Locked",
                                                             G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSettings) settings = patron_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  PatronPreferencesWindow *preferences;
  GtkWidget *counter_switch;
  GtkWidget *row;
  GtkWidget *idle_spin;
  GtkWidget *menu_button;
  GtkPopover *menu;
  GtkWindow *window;
  PatronSession *session;

  g_assert_false (g_settings_is_writable (settings, "counter-mode"));
  g_assert_false (g_settings_is_writable (settings, "store-url"));
  g_assert_false (g_settings_is_writable (settings, "counter-idle-seconds"));
  g_assert_true (g_settings_is_writable (settings, "window-width"));
  g_assert_true (g_settings_get_boolean (settings, "counter-mode"));
  g_assert_cmpuint (g_settings_get_uint (settings, "counter-idle-seconds"), ==, 60);

  /* `patron --store` does not lead away from the administrator's store */
  g_variant_dict_insert (options, "store", "s", "http://127.0.0.1:8/");
  g_assert_cmpint (G_APPLICATION_GET_CLASS (app)->handle_local_options (G_APPLICATION (app),
                                                                        options), ==, -1);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  /* the administrator's store, in counter mode */
  session = patron_window_get_session (PATRON_WINDOW (window));
  g_assert_cmpstr (patron_session_get_store_url (session), ==, LOCKED_STORE);

  /* the switch is on, cannot be turned off, and says why */
  preferences = patron_preferences_window_new (window);
  gtk_window_present (GTK_WINDOW (preferences));
  counter_switch = locked_control (GTK_WIDGET (preferences), "Counter Mode",
                                   GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (counter_switch)));
  row = find_widget (GTK_WIDGET (preferences), is_row_titled, "Counter Mode");
  /* a click on the row, Space on the switch, a click on the switch */
  gtk_widget_activate (row);
  gtk_widget_mnemonic_activate (counter_switch, FALSE);
  gtk_widget_activate (counter_switch);
  test_spin_for (100);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (counter_switch)));
  g_assert_true (g_settings_get_boolean (settings, "counter-mode"));
  /* nor from behind the UI's back */
  g_assert_false (g_settings_set_boolean (settings, "counter-mode", FALSE));
  g_assert_true (g_settings_get_boolean (settings, "counter-mode"));

  idle_spin = locked_control (GTK_WIDGET (preferences), "Sign Out After (Seconds)",
                              GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (idle_spin)), ==, 60);
  /* orders per request is no preference (issue 16): nothing else to show unlocked */
  g_assert_null (find_widget (GTK_WIDGET (preferences), is_row_titled, "Orders per Request"));
  close_window (GTK_WIDGET (preferences));

  /* a locked store: no Change Store in the menu */
  menu_button = find_widget (GTK_WIDGET (window), is_of_type,
                             (const char *) GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  menu = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  g_assert_nonnull (find_widget (GTK_WIDGET (menu), is_label_containing, "Preferences"));
  g_assert_null (find_widget (GTK_WIDGET (menu), is_label_containing, "Change Store"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  close_window (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *backend = g_getenv ("GSETTINGS_BACKEND");
  int status;

  home = g_dir_make_tmp ("patron-lockdown-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  {
    g_autofree char *config = g_build_filename (home, "config", NULL);
    g_autofree char *runtime = g_build_filename (home, "run", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_mkdir_with_parents (runtime, 0700);
    g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  }
  g_setenv ("GTK_A11Y", "none", TRUE);

  /* before GTK makes its own settings, and with them the backend */
  if (g_strcmp0 (backend, "dconf") == 0)
    install_dconf_lock ();
  else if (g_strcmp0 (backend, "keyfile") == 0)
    install_keyfile_lock ();
  else
    g_error ("GSETTINGS_BACKEND is %s, not dconf or keyfile", backend);

  gtk_test_init (&argc, &argv, NULL);
  park_pointer ();
  adw_init ();
  test_filter_warning ("Gtk", "GtkText - did not receive a focus-out event.");

  if (g_strcmp0 (backend, "dconf") == 0)
    g_test_add_func ("/lockdown/dconf", test_locked);
  else
    g_test_add_func ("/lockdown/keyfile", test_locked);

  status = g_test_run ();
  test_delete_tree (home);
  return status;
}
