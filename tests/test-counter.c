/* test-counter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counter mode in process, against the real Medusa test store: the idle
 * countdown, what input does to it and what its end does, Next Customer, the
 * welcome page by keyboard alone, and that a visit writes nothing under the
 * (private) home and XDG directories.
 */

#include "config.h"

#include "test-util.h"
#include "test-widgets.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

#include "patron-application.h"
#include "patron-idle-monitor.h"
#include "patron-order-window.h"
#include "patron-preferences-window.h"
#include "patron-secrets.h"
#include "patron-session.h"
#include "patron-window.h"

static const char *store_url;
static char *home;           /* HOME and every XDG directory are under it */
static const char *buyer_email;
static const char *buyer_password;

static GSettings *
settings (void)
{
  static GSettings *settings;

  if (settings == NULL)
    settings = g_settings_new ("io.github.patronapp.Patron");

  return settings;
}

static gboolean
is_pages_stack (GtkWidget  *widget,
                const char *unused)
{
  return GTK_IS_STACK (widget) &&
         gtk_stack_get_child_by_name (GTK_STACK (widget), "loading") != NULL;
}

static gboolean
is_menu_button_titled (GtkWidget  *widget,
                       const char *tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static GtkStack *
window_stack (PatronWindow *window)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (window), is_pages_stack, NULL);

  g_assert_nonnull (stack);
  return GTK_STACK (stack);
}

typedef struct
{
  PatronWindow *window;
  const char   *page;
} PageWait;

static gboolean
page_is_shown (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (patron_window_get_visible_page (wait->window), wait->page) == 0;
}

static void
wait_for_page (PatronWindow *window,
               const char   *page)
{
  PageWait wait = { window, page };

  test_spin_until (page_is_shown, &wait);
}

static GtkWidget *
visible_page (PatronWindow *window)
{
  return patron_window_get_page (window, patron_window_get_visible_page (window));
}

/* The editable that has the keyboard focus, as a person typing finds it. */
static GtkEditable *
focused_editable (PatronWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_EDITABLE (focus));
  return GTK_EDITABLE (focus);
}

static gboolean
focus_is_in (GtkWidget *ancestor,
             PatronWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, ancestor);
}

/* Typing @text where the focus is and pressing Enter: what a person at the
 * keyboard does, and what a barcode scanner does. */
static void
type_and_enter (PatronWindow *window,
                const char   *text)
{
  GtkEditable *editable = focused_editable (window);

  gtk_editable_set_text (editable, text);
  /* what Enter does in a text field */
  g_assert_true (GTK_IS_TEXT (editable));
  g_signal_emit_by_name (editable, "activate");
}

static PatronWindow *
counter_window (PatronApplication *app)
{
  PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, "application", app, NULL);

  patron_window_start (window, store_url);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_page (window, "welcome");

  return window;
}

static gboolean
is_signed_in (gpointer data)
{
  return patron_session_get_signed_in (data);
}

static gboolean
is_signed_out (gpointer data)
{
  return !patron_session_get_signed_in (data);
}

/* Signs @email in from the welcome page with the keyboard alone. */
static void
sign_in_by_keyboard (PatronWindow *window,
                     const char   *email,
                     const char   *password)
{
  GtkWidget *welcome = visible_page (window);
  GtkWidget *sign_in;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (window)), ==, "welcome");
  /* the focus starts in the email field */
  g_assert_true (focus_is_in (find_widget (welcome, is_row_titled, "Email Address"), window));
  type_and_enter (window, email);

  /* Enter went on to sign-in, with the email, and the focus in the password */
  wait_for_page (window, "sign-in");
  sign_in = visible_page (window);
  g_assert_cmpstr (gtk_editable_get_text (row (sign_in, "Email Address")), ==, email);
  g_assert_true (focus_is_in (GTK_WIDGET (row (sign_in, "Password")), window));
  /* nobody stays signed in at a counter */
  g_assert_null (find_widget (sign_in, is_row_titled, "Keep Me Signed In"));
  /* the welcome page kept nothing */
  g_assert_cmpstr (gtk_editable_get_text (row (welcome, "Email Address")), ==, "");

  type_and_enter (window, password);
  test_spin_until (is_signed_in, patron_window_get_session (window));
  wait_for_page (window, "account");
}

static gboolean
is_stay_button (GtkWidget  *widget,
                const char *unused)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.stay") == 0;
}

/* the revealer with Stay Signed In: the orders page, made while the account
 * shows, has revealers of its own */
static gboolean
is_idle_banner (GtkWidget  *widget,
                const char *unused)
{
  GtkWidget *child = GTK_IS_REVEALER (widget) ? gtk_revealer_get_child (GTK_REVEALER (widget))
                                              : NULL;

  return child != NULL && find_widget (child, is_stay_button, NULL) != NULL;
}

static GtkRevealer *
banner (PatronWindow *window)
{
  GtkWidget *revealer = find_widget (GTK_WIDGET (window), is_idle_banner, NULL);

  g_assert_nonnull (revealer);
  return GTK_REVEALER (revealer);
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (banner (data));
}

/* A real pointer motion over @window, from the X server (Xvfb). */
static void
move_pointer (PatronWindow *window,
              int           x)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  Display *xdisplay;

  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("pointer motion is synthesized on X11 only");
      return;
    }

  xdisplay = gdk_x11_display_get_xdisplay (display);
  XWarpPointer (xdisplay, None, gdk_x11_surface_get_xid (surface), 0, 0, 0, 0, x, 100);
  XFlush (xdisplay);
}

static gboolean
banner_hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (banner (data));
}

static PatronApplication *
counter_app (const char *id)
{
  PatronApplication *app = patron_application_new (id, G_APPLICATION_NON_UNIQUE);

  g_settings_set_boolean (settings (), "counter-mode", TRUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  return app;
}

/* Next Customer and the banner leave the window usable at 360 px, as every
 * page is (test-pages' narrow tests, outside counter mode). */
static void
assert_fits_narrow (PatronWindow *window)
{
  int minimum;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

/* Ready for the next customer: nobody signed in, the welcome page with an
 * empty email field that has the focus. */
static void
assert_next_customer_welcome (PatronWindow *window)
{
  GtkWidget *email;

  test_spin_until (is_signed_out, patron_window_get_session (window));
  wait_for_page (window, "welcome");
  email = find_widget (visible_page (window), is_row_titled, "Email Address");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email)), ==, "");
  g_assert_true (focus_is_in (email, window));
  g_assert_false (gtk_revealer_get_reveal_child (banner (window)));
}

/* How many times slower than usual this run is (PATRON_TEST_SLOWDOWN, under
 * valgrind): the idle timeout is in the wall clock's seconds, and a test that
 * runs 20 times slower needs a timeout 20 times longer to see its steps. */
static guint
slowdown (void)
{
  return (guint) ((test_deadline (1) - g_get_monotonic_time () + G_USEC_PER_SEC / 2) /
                  G_USEC_PER_SEC);
}

/* The countdown shows for the last seconds, any input cancels it, and when
 * it runs out the visit ends. */
static void
test_idle_sign_out (void)
{
  g_autoptr(PatronApplication) app = counter_app ("io.github.patronapp.Patron.Idle");
  PatronWindow *window;
  PatronSession *session;
  gint64 shown;
  gint64 ended;

  g_settings_set_uint (settings (), "counter-idle-seconds", 4 * slowdown ());
  window = counter_window (app);
  session = patron_window_get_session (window);
  sign_in_by_keyboard (window, buyer_email, buyer_password);

  /* 4 s: the countdown is the last 2 (under valgrind, 20 times as long) */
  g_assert_false (gtk_revealer_get_reveal_child (banner (window)));
  test_spin_until (banner_shown, window);
  g_assert_nonnull (find_widget (GTK_WIDGET (banner (window)), is_label_containing,
                                 "Signing out in"));
  g_assert_nonnull (find_widget (GTK_WIDGET (banner (window)), is_button_saying,
                                 "Stay Signed In"));
  g_assert_true (patron_session_get_signed_in (session));
  assert_fits_narrow (window);

  /* a pointer motion cancels it, and the time counts from there */
  move_pointer (window, 40);
  if (g_test_failed ())
    return;
  test_spin_until (banner_hidden, window);
  g_assert_true (patron_session_get_signed_in (session));

  /* Stay Signed In does too (also for a screen reader, which sends no input) */
  test_spin_until (banner_shown, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stay", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (banner (window)));

  /* left alone, the visit ends when the countdown runs out */
  test_spin_until (banner_shown, window);
  shown = g_get_monotonic_time ();
  test_spin_until (is_signed_out, session);
  ended = g_get_monotonic_time ();
  /* the countdown's 2 s, not sooner (nor much later: a slow tool stretches it) */
  g_assert_cmpint (ended - shown, >=, 1 * G_USEC_PER_SEC);
  g_assert_cmpint (ended, <, shown + (test_deadline (4) - g_get_monotonic_time ()));
  assert_next_customer_welcome (window);

  /* an empty welcome page is nobody's visit: no countdown there */
  test_spin_for (3000 * slowdown ());
  g_assert_false (gtk_revealer_get_reveal_child (banner (window)));

  /* an email typed there and left is someone's: it goes when time is up */
  gtk_editable_set_text (focused_editable (window), "walked-away@example.com");
  test_spin_until (banner_shown, window);
  g_assert_nonnull (find_widget (GTK_WIDGET (banner (window)), is_label_containing,
                                 "Starting over in"));
  test_spin_until (banner_hidden, window);
  assert_next_customer_welcome (window);

  g_settings_reset (settings (), "counter-idle-seconds");
  close_window (GTK_WIDGET (window));
}

/* Next Customer, in the header bar and on Ctrl+N (and in the shortcuts
 * window), ends the visit at once, from any page. */
static gboolean
signed_out (gpointer session)
{
  return !patron_session_get_signed_in (session);
}

static void
test_next_customer (void)
{
  g_autoptr(PatronApplication) app = counter_app ("io.github.patronapp.Patron.Next");
  g_autoptr(GtkBuilder) builder = NULL;
  g_auto(GStrv) accels = NULL;
  PatronWindow *window;
  GtkWidget *button;
  GObject *shortcut = NULL;
  g_autoptr(GSList) objects = NULL;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.next-customer");
  g_assert_cmpstr (accels[0], ==, "<Control>n");
  builder = gtk_builder_new_from_resource ("/io/github/patronapp/Patron/ui/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        {
          g_autofree char *action = NULL;

          g_object_get (l->data, "action-name", &action, NULL);
          if (g_strcmp0 (action, "win.next-customer") == 0)
            shortcut = l->data;
        }
    }
  g_assert_nonnull (shortcut);

  window = counter_window (app);
  button = find_widget (GTK_WIDGET (window), is_button_saying, "Next Customer");
  g_assert_nonnull (button);
  assert_fits_narrow (window);

  /* from the welcome page, Next Customer stays there */
  g_signal_emit_by_name (button, "clicked");
  assert_next_customer_welcome (window);

  sign_in_by_keyboard (window, buyer_email, buyer_password);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_page (window, "orders");
  /* nothing of a customer on the workstation's disk: no Export as CSV */
  wait_for_label (visible_page (window), "Showing ");
  {
    GtkWidget *more = find_widget (visible_page (window), is_menu_button_titled, "Main Menu");
    GtkWidget *export;

    g_assert_nonnull (more);
    gtk_menu_button_popup (GTK_MENU_BUTTON (more));
    export = wait_for_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more))),
                             "Export as CSV");
    g_assert_false (gtk_widget_is_sensitive (export));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (more));
  }
  g_signal_emit_by_name (button, "clicked");
  assert_next_customer_welcome (window);

  /* a half-typed sign-in is someone's visit too */
  type_and_enter (window, "walked-away@example.com");
  wait_for_page (window, "sign-in");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-customer", NULL));
  wait_for_page (window, "welcome");

  /* outside counter mode there is no such button */
  g_settings_set_boolean (settings (), "counter-mode", FALSE);
  g_assert_false (gtk_widget_get_visible (button));
  g_settings_set_boolean (settings (), "counter-mode", TRUE);
  g_assert_true (gtk_widget_get_visible (button));

  /* closing Patron at the counter ends the visit as Next Customer does */
  sign_in_by_keyboard (window, buyer_email, buyer_password);
  {
    g_autoptr(PatronSession) session = g_object_ref (patron_window_get_session (window));

    g_assert_true (patron_session_get_signed_in (session));
    gtk_window_close (GTK_WINDOW (window));
    test_spin_until (signed_out, session);
  }
}

/* The other pages start from the welcome page with the keyboard too. */
static void
test_welcome_keyboard (void)
{
  g_autoptr(PatronApplication) app = counter_app ("io.github.patronapp.Patron.Welcome");
  const struct {
    const char *button;
    const char *page;
  } ways[] = {
    { "Create Account", "register" },
    { "Forgot Password?", "forgot" },
    { "Sign In", "sign-in" },
  };
  PatronWindow *window = counter_window (app);

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      GtkWidget *welcome = visible_page (window);
      GtkWidget *button;
      GtkWidget *page;

      gtk_editable_set_text (focused_editable (window), "scanned@example.com");
      button = find_widget (welcome, is_button_saying, ways[i].button);
      g_assert_nonnull (button);
      /* its mnemonic: Alt and the underlined letter */
      g_assert_true (gtk_widget_mnemonic_activate (button, FALSE));
      wait_for_page (window, ways[i].page);
      page = visible_page (window);
      g_assert_cmpstr (gtk_editable_get_text (row (page, "Email Address")), ==,
                       "scanned@example.com");
      g_assert_cmpstr (gtk_editable_get_text (row (welcome, "Email Address")), ==, "");

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-customer",
                                                 NULL));
      wait_for_page (window, "welcome");
    }

  close_window (GTK_WIDGET (window));
}

/* --counter: counter mode for this run, whatever the key says, which it
 * leaves as it is; Preferences cannot turn it off and says why. */
static void
test_counter_option (void)
{
  g_autoptr(PatronApplication) app = patron_application_new ("io.github.patronapp.Patron.Option",
                                                             G_APPLICATION_NON_UNIQUE);
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  PatronPreferencesWindow *preferences;
  PatronWindow *window;
  GtkWidget *row;
  GtkWidget *counter_switch;

  g_settings_set_boolean (settings (), "counter-mode", FALSE);
  /* what GApplication hands on from the command line */
  g_variant_dict_insert (options, "counter", "b", TRUE);
  g_assert_cmpint (G_APPLICATION_GET_CLASS (app)->handle_local_options (G_APPLICATION (app),
                                                                        options), ==, -1);
  g_assert_true (patron_application_get_counter_mode (app));
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  window = counter_window (app);
  preferences = patron_preferences_window_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  row = find_widget (GTK_WIDGET (preferences), is_row_titled, "Counter Mode");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "On for as long as Patron runs: it was started with --counter");
  counter_switch = find_widget (row, is_of_type, (const char *) GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (counter_switch)));
  g_assert_false (gtk_widget_is_sensitive (counter_switch));
  gtk_widget_activate (row);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (counter_switch)));
  g_assert_false (g_settings_get_boolean (settings (), "counter-mode"));
  close_window (GTK_WIDGET (preferences));

  close_window (GTK_WIDGET (window));
}

static void
collect_files (const char *directory,
               GPtrArray  *files)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static gboolean
pictures_loaded (gpointer data)
{
  PatronImageCache *cache = patron_application_get_image_cache (data);

  return patron_image_cache_get_n_textures (cache) > 0 &&
         patron_image_cache_get_n_loading (cache) == 0;
}

/* A whole visit, with an order and its pictures, leaves no file under the
 * home and XDG directories, no keyring item, and no picture in memory. */
static void
test_nothing_written (void)
{
  g_autoptr(PatronApplication) app = counter_app ("io.github.patronapp.Patron.Nothing");
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;
  PatronWindow *window;
  PatronOrderWindow *order_window;
  MedusaClient *client;

  window = counter_window (app);
  sign_in_by_keyboard (window, buyer_email, buyer_password);
  client = patron_session_get_client (patron_window_get_session (window));

  medusa_order_query_set_limit (query, 1);
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);
  page = medusa_client_list_orders_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_nonnull (order);

  order_window = patron_order_window_new (GTK_WINDOW (window), client,
                                          medusa_order_get_id (order));
  /* as it takes it from the default application, which is another test's */
  patron_order_window_set_image_cache (order_window, patron_application_get_image_cache (app));
  gtk_window_present (GTK_WINDOW (order_window));
  test_spin_until (pictures_loaded, app);
  /* in memory only */
  g_assert_null (patron_image_cache_get_directory (patron_application_get_image_cache (app)));
  close_window (GTK_WIDGET (order_window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-customer", NULL));
  assert_next_customer_welcome (window);
  /* the pictures went with the visit */
  g_assert_cmpuint (patron_image_cache_get_n_textures (patron_application_get_image_cache (app)),
                    ==, 0);

  patron_secrets_lookup_async (store_url, NULL, NULL, test_store_result_cb, &result);
  patron_secrets_lookup_finish (test_wait_for (&result), &email, &token, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  g_assert_null (email);

  collect_files (home, files);
  for (guint i = 0; i < files->len; i++)
    g_test_message ("written: %s", (char *) g_ptr_array_index (files, i));
  g_assert_cmpuint (files->len, ==, 0);

  close_window (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Everything a visit could write goes under a home of its own: the test
   * looks for it there afterwards. Before GLib reads any of them. */
  home = g_dir_make_tmp ("patron-counter-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      const char *vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                             "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_setenv (vars[i], dir, TRUE);
    }
  {
    g_autofree char *keyring = g_build_filename (home, "XDG_DATA_HOME", "keyrings",
                                                 "test.keyring", NULL);

    g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  }

  /* no accessibility bus started from this home for the tests after */
  g_setenv ("GTK_A11Y", "none", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  park_pointer ();
  adw_init ();
  /* as test-pages: GTK 4.8 warns of focus-out events Xvfb has no window
   * manager to send; every other warning stays fatal */
  test_filter_warning ("Gtk", "GtkText - did not receive a focus-out event.");

  store_url = test_store_url ();
  buyer_email = g_getenv ("TEST_CUSTOMER_EMAIL");
  buyer_password = g_getenv ("TEST_CUSTOMER_PASSWORD");
  if (buyer_email == NULL)
    buyer_email = "buyer@example.com";
  if (buyer_password == NULL)
    buyer_password = "buyer-pass-123";

  if (store_url != NULL)
    {
      g_test_add_func ("/counter/idle-sign-out", test_idle_sign_out);
      g_test_add_func ("/counter/next-customer", test_next_customer);
      g_test_add_func ("/counter/welcome-keyboard", test_welcome_keyboard);
      g_test_add_func ("/counter/nothing-written", test_nothing_written);
      g_test_add_func ("/counter/option", test_counter_option);
    }

  status = g_test_run ();
  test_delete_tree (home);
  return status;
}
