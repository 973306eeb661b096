/* patron-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-application"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-accessible.h"
#include "patron-application.h"
#include "patron-form.h"
#include "patron-memory.h"
#include "patron-preferences-window.h"
#include "patron-settings.h"
#include "patron-store-page.h"
#include "patron-window.h"

struct _PatronApplication
{
  AdwApplication    parent_instance;

  char             *store_url;
  gboolean          counter;      /* --counter */
  GSettings        *settings;
  PatronImageCache *image_cache;
  PatronSession    *session;      /* made at the start, until a window takes it */
};

G_DEFINE_FINAL_TYPE (PatronApplication, patron_application, ADW_TYPE_APPLICATION)

PatronApplication *
patron_application_new (const char        *application_id,
                        GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (PATRON_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/patronapp/Patron",
                       NULL);
}

/**
 * patron_application_get_store_url:
 *
 * Returns: (nullable): the store given with `--store`, if any
 */
const char *
patron_application_get_store_url (PatronApplication *self)
{
  g_return_val_if_fail (PATRON_IS_APPLICATION (self), NULL);

  return self->store_url;
}

static GSettings *
settings (PatronApplication *self)
{
  if (self->settings == NULL)
    self->settings = patron_settings_new ();

  return self->settings;
}

/**
 * patron_application_get_counter_mode:
 *
 * Returns: whether Patron serves one customer after another at a shared
 *   workstation: started with `--counter`, or the `counter-mode` key is set
 */
gboolean
patron_application_get_counter_mode (PatronApplication *self)
{
  g_return_val_if_fail (PATRON_IS_APPLICATION (self), FALSE);

  return self->counter || g_settings_get_boolean (settings (self), "counter-mode");
}

/**
 * patron_application_get_counter_forced:
 *
 * Returns: whether Patron was started with `--counter`, which no
 *   preference turns off
 */
gboolean
patron_application_get_counter_forced (PatronApplication *self)
{
  g_return_val_if_fail (PATRON_IS_APPLICATION (self), FALSE);

  return self->counter;
}

/**
 * patron_application_get_image_cache:
 *
 * The one cache of product pictures, kept in the user's cache directory;
 * in counter mode in memory only (and forgotten when a visit ends, as the
 * window forgets it in any mode).
 *
 * Returns: (transfer none): the application's picture cache
 */
PatronImageCache *
patron_application_get_image_cache (PatronApplication *self)
{
  gboolean on_disk;

  g_return_val_if_fail (PATRON_IS_APPLICATION (self), NULL);

  on_disk = !patron_application_get_counter_mode (self);
  if (self->image_cache != NULL &&
      on_disk != (patron_image_cache_get_directory (self->image_cache) != NULL))
    g_clear_object (&self->image_cache);

  if (self->image_cache == NULL)
    {
      g_autofree char *directory = NULL;

      /* nothing of a customer at a counter is written to disk */
      if (on_disk)
        directory = g_build_filename (g_get_user_cache_dir (), "patron", "thumbnails", NULL);
      self->image_cache = patron_image_cache_new (directory);
    }

  return self->image_cache;
}

/**
 * patron_application_take_session:
 * @store_url: the store a window goes to
 *
 * The session for @store_url that Patron began to resume as it started, before
 * there was any window (patron_session_prepare_restore()), if it is for that
 * store; the application keeps none afterwards.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL
 */
PatronSession *
patron_application_take_session (PatronApplication *self,
                                 const char        *store_url)
{
  g_autoptr(PatronSession) session = NULL;

  g_return_val_if_fail (PATRON_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (store_url != NULL, NULL);

  session = g_steal_pointer (&self->session);
  if (session == NULL || g_strcmp0 (patron_session_get_store_url (session), store_url) != 0)
    return NULL;

  return g_steal_pointer (&session);
}

static int
patron_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  PatronApplication *self = PATRON_APPLICATION (app);
  const char *store = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("%s %s\n", "Patron", PACKAGE_VERSION VERSION_SUFFIX);
      return 0;
    }

  if (g_variant_dict_lookup (options, "counter", "b", NULL))
    self->counter = TRUE;

  if (g_variant_dict_lookup (options, "store", "&s", &store))
    {
      g_free (self->store_url);
      self->store_url = g_strdup (store);
    }

  return -1;
}

/* The development profile's build runs as a second app, under the .Devel id. */
static gboolean
is_development (GApplication *app)
{
  return g_str_has_suffix (g_application_get_application_id (app), ".Devel");
}

/* The store a window goes to: the one an administrator set, else the one
 * given with --store, else the one Patron went to last. */
static char *
start_store_url (PatronApplication *self,
                 GSettings         *settings)
{
  g_autofree char *saved = NULL;

  if (self->store_url != NULL && g_settings_is_writable (settings, "store-url"))
    return g_strdup (self->store_url);

  saved = g_settings_get_string (settings, "store-url");
  return saved[0] != '\0' ? g_steal_pointer (&saved) : NULL;
}

static GtkWindow *
get_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(GSettings) settings = patron_settings_new ();
      g_autofree char *store_url = start_store_url (PATRON_APPLICATION (app), settings);

      window = g_object_new (PATRON_TYPE_WINDOW,
                             "application", app,
                             NULL);
      /* striped header bar: not to be mistaken for the released app */
      if (is_development (app))
        gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
      patron_window_start (PATRON_WINDOW (window), store_url);
    }

  return window;
}

/* Reading the keyring and asking the store for the customer take about as
 * long as GTK takes to start and draw the first window: they begin first,
 * from threads of their own, with what the window will ask for
 * (patron_window_start(), use_store()). The orders are asked for when they
 * are shown: most starts never show them, and a page of them costs the
 * store some fifty times what the account's order count does. */
static void
prepare_session (PatronApplication *self)
{
  g_autoptr(GSettings) settings = patron_settings_new ();
  g_autofree char *store_url = start_store_url (self, settings);

  if (store_url == NULL || !medusa_client_check_base_url (store_url, NULL) ||
      patron_store_url_needs_consent (settings, store_url) ||
      patron_application_get_counter_mode (self))
    return;

  self->session = patron_session_new (store_url);
  patron_session_prepare_restore (self->session);
}

static void
patron_application_startup (GApplication *app)
{
  /* before anything reads a setting */
  patron_settings_use_flatpak_policy ();
  prepare_session (PATRON_APPLICATION (app));

  G_APPLICATION_CLASS (patron_application_parent_class)->startup (app);

  patron_accessible_name_buttons_once ();
}

static void
patron_application_activate (GApplication *app)
{
  g_assert (PATRON_IS_APPLICATION (app));

  gtk_window_present (get_window (app));
}

/* patron://reset-password?… links from the reset email and a store's
 * patron://store?url=…&key=… links, also when Patron is running already
 * (the running instance gets them). */
static void
patron_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  GtkWindow *window = get_window (app);

  gtk_window_present (window);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      patron_window_open_link (PATRON_WINDOW (window), uri);
    }
}

/* what a window's frames freed goes back to the system once they stop */
static void
patron_application_window_added (GtkApplication *app,
                                 GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (patron_application_parent_class)->window_added (app, window);

  patron_memory_watch_frames (GTK_WIDGET (window));
}

static void
patron_application_finalize (GObject *object)
{
  PatronApplication *self = (PatronApplication *)object;

  g_clear_pointer (&self->store_url, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->image_cache);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (patron_application_parent_class)->finalize (object);
}

static void
patron_application_class_init (PatronApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = patron_application_finalize;
  gtk_app_class->window_added = patron_application_window_added;

  app_class->startup = patron_application_startup;
  app_class->activate = patron_application_activate;
  app_class->open = patron_application_open;
  app_class->handle_local_options = patron_application_handle_local_options;
}

/* Quitting closes the windows as their close buttons would: each asks
 * about unsaved changes, and what is still being sent for the customer (an
 * address deletion) holds Patron until the store has it. */
static void
patron_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (user_data)),
                                     (GCopyFunc) g_object_ref, NULL);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

/**
 * patron_application_show_about:
 * @parent: (nullable): the window it belongs to
 *
 * Shows Patron's About window, no wider than @parent.
 *
 * Returns: (transfer none): the window
 */
GtkWindow *
patron_application_show_about (GtkWindow *parent)
{
  const char *developers[] = { "The Patron authors", NULL };
  GtkWindow *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", parent,
                                   "modal", parent != NULL,
                                   "application-name", _("Patron"),
                                   "application-icon", APPLICATION_ID,
                                   "version", PACKAGE_VERSION VERSION_SUFFIX,
                                   "comments", _("Manage your account at a Medusa store"),
                                   /* as the metainfo's <developer_name> */
                                   "developer-name", _("The Patron authors"),
                                   "developers", developers,
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "website", "https://github.com/patronapp/patron",
                                   "issue-url", "https://github.com/patronapp/patron/issues",
                                   "translator-credits", _("translator-credits"),
                                   NULL);

  /* as adw_show_about_window() makes it, and as wide as a phone at most */
  patron_window_fit_parent (about, parent);
  gtk_window_present (about);

  return about;
}

static void
patron_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  patron_application_show_about (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static void
patron_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  PatronPreferencesWindow *window;

  window = patron_preferences_window_new (gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", patron_application_quit_action },
  { "preferences", patron_application_preferences_action },
  { "about", patron_application_about_action },
};

static const GOptionEntry option_entries[] = {
  { "store", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("The address of the Medusa store to use"), N_("URL") },
  { "counter", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Serve one customer after another at a shared workstation (counter mode)"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static void
patron_application_init (PatronApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.quit",
                                         (const char *[]) { "<primary>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.preferences",
                                         (const char *[]) { "<primary>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "window.close",
                                         (const char *[]) { "<primary>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "win.next-customer",
                                         (const char *[]) { "<primary>n", NULL });
  /* what GtkApplication gives a help overlay it loads itself */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "win.show-help-overlay",
                                         (const char *[]) { "<primary>question", NULL });
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}
