/* test-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages in process (gtk_test_init), against the real Medusa test store:
 * what each page checks before sending, and how a failure is shown.
 */

#include "config.h"

#include "test-util.h"
#include "test-widgets.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "patron-account-cache.h"
#include "patron-account-page.h"
#include "patron-address-editor.h"
#include "patron-countries.h"
#include "patron-credentials-dialog.h"
#include "patron-forgot-page.h"
#include "patron-form.h"
#include "patron-order-row.h"
#include "patron-order-window.h"
#include "patron-orders-page.h"
#include "patron-pace.h"
#include "patron-preferences-window.h"
#include "patron-register-page.h"
#include "patron-reset-page.h"
#include "patron-secrets.h"
#include "patron-sign-in-page.h"
#include "patron-store-api.h"
#include "patron-store-page.h"
#include "patron-stores.h"
#include "patron-toast.h"
#include "patron-application.h"
#include "patron-window.h"

static const char *store_url;

/* ------------------------------------------------------------------------ */
/* Finding widgets the way a person does: by what they say                  */

static gboolean
is_label_saying (GtkWidget  *widget,
                 const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_check_saying (GtkWidget  *widget,
                 const char *text)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), text) == 0;
}

static gboolean
has_tooltip (GtkWidget  *widget,
             const char *text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
is_menu_button_saying (GtkWidget  *widget,
                       const char *text)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), text) == 0;
}

/* Picks @day in the calendar of the first date button of @popover that has
 * no date yet. */
static void
pick_day (GtkWidget *popover,
          GDateTime *day)
{
  GtkWidget *button = find_widget (popover, is_menu_button_saying, "Any Date");
  GtkWidget *calendar;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  calendar = find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                          is_of_type, (const char *) GTK_TYPE_CALENDAR);
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), !=, "Any Date");
}

static AdwComboRow *
country_row (GtkWidget *editor)
{
  GtkWidget *found = find_widget (editor, is_row_titled, "Country *");

  g_assert_true (ADW_IS_COMBO_ROW (found));
  return ADW_COMBO_ROW (found);
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

      if (key != GDK_KEY_VoidSymbol && other != NULL)
        g_error ("\"%s\" and \"%s\" have the same mnemonic: Alt+%s only moves between them",
                 other, text, gdk_keyval_name (key));
      g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) text);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen);
}

/* Each mnemonic shown at once in @root is another key. */
static void
assert_mnemonics_unique (GtkWidget *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_mnemonics (root, seen);
}

static GtkWidget *
show_in_window (GtkWidget *page)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static gboolean
focus_is_in (GtkWidget *window,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
spin_until (gboolean (*done) (gpointer),
            gpointer data)
{
  test_spin_until (done, data);
}

/* ------------------------------------------------------------------------ */

static void
test_sign_in_checks_before_sending (void)
{
  g_autoptr(PatronSession) session = patron_session_new ("http://127.0.0.1:9");
  PatronSignInPage *page = g_object_new (PATRON_TYPE_SIGN_IN_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_sign_in_page_set_session (page, session);

  click (GTK_WIDGET (page), "Sign In");
  wait_for_label (GTK_WIDGET (page), "Enter your email address");

  gtk_editable_set_text (row (GTK_WIDGET (page), "Email Address"), "ada@example.com");
  click (GTK_WIDGET (page), "Sign In");
  wait_for_label (GTK_WIDGET (page), "Enter your password");

  close_window (GTK_WIDGET (window));
}

static void
test_sign_in_unreachable_store (void)
{
  /* nothing listens on the discard port */
  g_autoptr(PatronSession) session = patron_session_new ("http://127.0.0.1:9");
  PatronSignInPage *page = g_object_new (PATRON_TYPE_SIGN_IN_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_sign_in_page_set_session (page, session);
  gtk_editable_set_text (row (GTK_WIDGET (page), "Email Address"), "ada@example.com");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password"), "secret-123");
  click (GTK_WIDGET (page), "Sign In");
  wait_for_label (GTK_WIDGET (page), "cannot reach the store");

  /* what the user typed is still there */
  g_assert_cmpstr (gtk_editable_get_text (row (GTK_WIDGET (page), "Email Address")), ==,
                   "ada@example.com");
  g_assert_cmpstr (gtk_editable_get_text (row (GTK_WIDGET (page), "Password")), ==,
                   "secret-123");
  g_assert_true (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (page), is_button_saying,
                                                        "Sign In")));

  close_window (GTK_WIDGET (window));
}

static void
test_sign_in_wrong_password (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  PatronSignInPage *page = g_object_new (PATRON_TYPE_SIGN_IN_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_sign_in_page_set_session (page, session);
  gtk_editable_set_text (row (GTK_WIDGET (page), "Email Address"), "buyer@example.com");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password"), "wrong-password");
  click (GTK_WIDGET (page), "Sign In");
  wait_for_label (GTK_WIDGET (page), "The email address or the password is not right.");
  g_assert_false (patron_session_get_signed_in (session));
  g_assert_cmpstr (gtk_editable_get_text (row (GTK_WIDGET (page), "Email Address")), ==,
                   "buyer@example.com");

  close_window (GTK_WIDGET (window));
}

static gboolean
is_signed_in (gpointer data)
{
  return patron_session_get_signed_in (data);
}

static void
test_sign_in_success (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  PatronSignInPage *page = g_object_new (PATRON_TYPE_SIGN_IN_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_session_set_keep_sessions (session, FALSE);
  patron_sign_in_page_set_session (page, session);
  gtk_editable_set_text (row (GTK_WIDGET (page), "Email Address"), " buyer@example.com ");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password"), "buyer-pass-123");
  click (GTK_WIDGET (page), "Sign In");
  spin_until (is_signed_in, session);

  g_assert_cmpstr (medusa_customer_get_email (patron_session_get_customer (session)), ==,
                   "buyer@example.com");
  /* the password does not stay on screen */
  g_assert_cmpstr (gtk_editable_get_text (row (GTK_WIDGET (page), "Password")), ==, "");

  close_window (GTK_WIDGET (window));
}

static void
test_register_checks (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  PatronRegisterPage *page = g_object_new (PATRON_TYPE_REGISTER_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_register_page_set_session (page, session);
  gtk_editable_set_text (row (GTK_WIDGET (page), "Email Address"), "new.person@example.com");
  click (GTK_WIDGET (page), "Create Account");
  wait_for_label (GTK_WIDGET (page), "Enter your first and last name.");

  gtk_editable_set_text (row (GTK_WIDGET (page), "First Name"), "New");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Last Name"), "Person");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password"), "long-enough-1");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password Again"), "long-enough-2");
  click (GTK_WIDGET (page), "Create Account");
  wait_for_label (GTK_WIDGET (page), "The two passwords are not the same.");
  g_assert_false (patron_session_get_signed_in (session));

  close_window (GTK_WIDGET (window));
}

static void
test_register_existing_email (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  PatronRegisterPage *page = g_object_new (PATRON_TYPE_REGISTER_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_register_page_set_session (page, session);
  /* as soon as the email is complete, the store is asked about it */
  gtk_editable_set_text (row (GTK_WIDGET (page), "Email Address"), "buyer@example.com");
  wait_for_label (GTK_WIDGET (page), "has an account for this email address already");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_button_saying, "Sign In Instead"));

  /* and registering anyway gets the store's 422 as a sentence */
  gtk_editable_set_text (row (GTK_WIDGET (page), "First Name"), "Test");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Last Name"), "Buyer");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password"), "long-enough-1");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password Again"), "long-enough-1");
  click (GTK_WIDGET (page), "Create Account");
  wait_for_label (GTK_WIDGET (page), "exists already. Sign in instead.");
  g_assert_cmpstr (gtk_editable_get_text (row (GTK_WIDGET (page), "First Name")), ==, "Test");

  close_window (GTK_WIDGET (window));
}

static guint
n_suggested (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action"))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += n_suggested (child);

  return n;
}

static void
test_forgot_and_bad_link (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  PatronForgotPage *page = g_object_new (PATRON_TYPE_FORGOT_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_forgot_page_set_session (page, session);
  patron_forgot_page_set_email (page, "other@example.com");
  g_assert_cmpuint (n_suggested (GTK_WIDGET (page)), ==, 1);
  click (GTK_WIDGET (page), "Send Email");
  wait_for_label (GTK_WIDGET (page), "valid for 15 minutes");
  /* one suggested button, the next step's, as the HIG allows */
  g_assert_cmpuint (n_suggested (GTK_WIDGET (page)), ==, 1);
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (page), is_button_saying,
                                                        "Continue"), "suggested-action"));

  gtk_editable_set_text (row (GTK_WIDGET (page), "Link or Token From the Email"),
                         "patron://reset-password?email=other%40example.com&token=abc.def.ghi"
                         "&redirect=https://evil.example");
  click (GTK_WIDGET (page), "Continue");
  wait_for_label (GTK_WIDGET (page), "does not belong");

  gtk_editable_set_text (row (GTK_WIDGET (page), "Link or Token From the Email"), "hello");
  click (GTK_WIDGET (page), "Continue");
  wait_for_label (GTK_WIDGET (page), "Paste the whole link");

  close_window (GTK_WIDGET (window));
}

static void
test_reset_bad_token (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  PatronResetPage *page = g_object_new (PATRON_TYPE_RESET_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_reset_page_set_session (page, session);
  patron_reset_page_set_link (page, "other@example.com", "garbage.token.value");
  gtk_editable_set_text (row (GTK_WIDGET (page), "New Password"), "brand-new-pass-1");
  gtk_editable_set_text (row (GTK_WIDGET (page), "New Password Again"), "brand-new-pass-1");
  click (GTK_WIDGET (page), "Set Password");
  /* v1's bare 500 for a bad token, told as what it means, with a way out */
  wait_for_label (GTK_WIDGET (page), "wrong, used already or expired");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_button_saying, "Send a New Email"));
  g_assert_false (patron_session_get_signed_in (session));

  close_window (GTK_WIDGET (window));
}

static void
test_store_page_refuses (void)
{
  PatronStorePage *page = g_object_new (PATRON_TYPE_STORE_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));
  g_autofree char *not_medusa = NULL;

  patron_store_page_set_url (page, "ftp://shop.example.com");
  click (GTK_WIDGET (page), "Connect");
  wait_for_label (GTK_WIDGET (page), "https:// or http://");

  patron_store_page_set_url (page, "http://127.0.0.1:9");
  click (GTK_WIDGET (page), "Connect");
  wait_for_label (GTK_WIDGET (page), "cannot reach the store");

  /* a web server that is not a Medusa store: the store's own /health */
  not_medusa = g_strconcat (store_url, "/health", NULL);
  patron_store_page_set_url (page, not_medusa);
  click (GTK_WIDGET (page), "Connect");
  wait_for_label (GTK_WIDGET (page), "no Medusa store at this address");

  close_window (GTK_WIDGET (window));
}

static gboolean
first_name_is_saved (gpointer data)
{
  return g_strcmp0 (medusa_customer_get_first_name (data), "Augusta") == 0;
}

static void
test_account_profile (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  g_autoptr(MedusaClient) creator = medusa_client_new (store_url);
  g_autoptr(MedusaClient) checker = medusa_client_new (store_url);
  g_autoptr(MedusaCustomer) created = NULL;
  g_autoptr(MedusaCustomer) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("profile.%" G_GINT64_FORMAT "@example.com",
                                            g_get_real_time ());
  PatronAccountPage *page;
  GtkWidget *window;
  MedusaCustomer *customer;

  patron_session_set_keep_sessions (session, FALSE);
  medusa_client_create_customer_async (creator, email, "profile-pass-1", "Ada", "Lovelace", NULL,
                                       NULL, test_store_result_cb, &result);
  created = medusa_client_create_customer_finish (creator, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  patron_session_sign_in_async (session, email, "profile-pass-1", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_clear_object (&result);
  customer = patron_session_get_customer (session);

  page = g_object_new (PATRON_TYPE_ACCOUNT_PAGE, NULL);
  window = show_in_window (GTK_WIDGET (page));
  patron_account_page_set_session (page, session);
  wait_for_label (GTK_WIDGET (page), "0 addresses · 0 orders");
  g_assert_cmpstr (gtk_editable_get_text (row (GTK_WIDGET (page), "First Name")), ==, "Ada");

  /* Save and Revert appear only when something changed */
  g_assert_null (find_widget (GTK_WIDGET (page), is_button_saying, "Save"));
  gtk_editable_set_text (row (GTK_WIDGET (page), "First Name"), "Grace");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_button_saying, "Save"));
  g_assert_true (patron_account_page_get_has_changes (page));
  assert_mnemonics_unique (GTK_WIDGET (page));
  click (GTK_WIDGET (page), "Revert");
  g_assert_cmpstr (gtk_editable_get_text (row (GTK_WIDGET (page), "First Name")), ==, "Ada");
  g_assert_false (patron_account_page_get_has_changes (page));
  g_assert_null (find_widget (GTK_WIDGET (page), is_button_saying, "Save"));

  /* a name is required before anything is sent */
  gtk_editable_set_text (row (GTK_WIDGET (page), "Last Name"), "");
  click (GTK_WIDGET (page), "Save");
  wait_for_label (GTK_WIDGET (page), "Enter your first and last name.");

  gtk_editable_set_text (row (GTK_WIDGET (page), "Last Name"), "King");
  gtk_editable_set_text (row (GTK_WIDGET (page), "First Name"), "Augusta");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Phone"), "+44 20 7946 0000");
  click (GTK_WIDGET (page), "Save");
  spin_until (first_name_is_saved, customer);
  g_assert_false (patron_account_page_get_has_changes (page));
  wait_for_label (GTK_WIDGET (page), "Augusta King");

  /* the store holds exactly that */
  medusa_client_set_access_token (checker,
                                  medusa_client_get_access_token (
                                    patron_session_get_client (session)));
  medusa_client_get_customer_async (checker, NULL, test_store_result_cb, &result);
  stored = medusa_client_get_customer_finish (checker, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (stored), ==, "Augusta");
  g_assert_cmpstr (medusa_customer_get_last_name (stored), ==, "King");
  g_assert_cmpstr (medusa_customer_get_phone (stored), ==, "+44 20 7946 0000");

  close_window (window);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

static gboolean
editor_ready (gpointer data)
{
  GtkWidget *editor = find_toplevel (PATRON_TYPE_ADDRESS_EDITOR);
  GtkWidget *save = editor ? find_widget (editor, is_button_saying, "Save") : NULL;

  return save != NULL && gtk_widget_get_sensitive (save);
}

static gboolean
editor_gone (gpointer data)
{
  return find_toplevel (PATRON_TYPE_ADDRESS_EDITOR) == NULL;
}

static gboolean
is_button_named (GtkWidget  *widget,
                 const char *name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), name) == 0;
}

static guint
n_addresses (MedusaCustomer *customer)
{
  return g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer));
}

static GtkWidget *
fill_address (const char *city)
{
  GtkWidget *editor;

  spin_until (editor_ready, NULL);
  editor = find_toplevel (PATRON_TYPE_ADDRESS_EDITOR);
  gtk_editable_set_text (row (editor, "First Name *"), "Ada");
  gtk_editable_set_text (row (editor, "Last Name *"), "Lovelace");
  /* text, not markup, all the way to the list */
  gtk_editable_set_text (row (editor, "Address *"), "Smith & Sons <Unit 4>, 12 St James’s Square");
  gtk_editable_set_text (row (editor, "City *"), city);
  gtk_editable_set_text (row (editor, "Postal Code *"), "SW1Y 4LB");
  /* the C locale names no country, so a first address has none chosen */
  if (adw_combo_row_get_selected (country_row (editor)) ==
      GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (country_row (editor), 0);

  return editor;
}

/* A window on @url signed in as @email, which has just registered. */
static PatronWindow *
signed_in_window (const char *url,
                  const char *email)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  PatronSession *session;

  patron_window_start (window, url);
  gtk_window_present (GTK_WINDOW (window));
  session = patron_window_get_session (window);
  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, email, "address-pass-1", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));

  return window;
}

/* A new customer, signed in by @client, whose password signed_in_window()
 * knows. */
static void
create_customer (MedusaClient *client,
                 const char   *email)
{
  g_autoptr(MedusaCustomer) created = NULL;
  g_autoptr(MedusaCustomer) signed_in = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  medusa_client_create_customer_async (client, email, "address-pass-1", "Ada", "Lovelace", NULL,
                                       NULL, test_store_result_cb, &result);
  created = medusa_client_create_customer_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  medusa_client_sign_in_async (client, email, "address-pass-1", MEDUSA_AUTH_MODE_TOKEN, NULL,
                               test_store_result_cb, &result);
  signed_in = medusa_client_sign_in_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
}

/* Adds an address in @city to the customer @client is signed in as,
 * through the Store API itself. */
static void
store_address (MedusaClient *client,
               const char   *city)
{
  g_autoptr(MedusaAddress) address = g_object_new (MEDUSA_TYPE_ADDRESS,
                                                   "first-name", "Ada", "last-name", "Lovelace",
                                                   "address-1", "12 St James’s Square",
                                                   "city", city,
                                                   "postal-code", "SW1Y 4LB",
                                                   "country-code", "us", NULL);
  g_autoptr(MedusaCustomer) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  medusa_client_add_address_async (client, address, NULL, test_store_result_cb, &result);
  answer = medusa_client_add_address_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static void
test_account_addresses (void)
{
  g_autoptr(MedusaClient) creator = medusa_client_new (store_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("addresses.%" G_GINT64_FORMAT "@example.com",
                                            g_get_real_time ());
  PatronWindow *window;
  MedusaCustomer *customer;
  GtkWidget *editor;

  create_customer (creator, email);
  window = signed_in_window (store_url, email);
  customer = patron_session_get_customer (patron_window_get_session (window));
  wait_for_label (GTK_WIDGET (window), "No addresses yet");

  /* required fields are checked before anything is sent */
  click (GTK_WIDGET (window), "Add Address");
  g_test_message ("editor open: %d", find_toplevel (PATRON_TYPE_ADDRESS_EDITOR) != NULL);
  spin_until (editor_ready, NULL);
  editor = find_toplevel (PATRON_TYPE_ADDRESS_EDITOR);
  /* no country of its own in the C locale, and no address to take one from */
  g_assert_cmpuint (adw_combo_row_get_selected (country_row (editor)), ==,
                    GTK_INVALID_LIST_POSITION);
  click (editor, "Save");
  wait_for_label (editor, "Fill in the first name, last name, address, city, postal code and "
                          "country.");
  /* each empty field is marked, and the first has the focus (and so is in view) */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row (editor, "First Name *")), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (country_row (editor)), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row (editor, "Company")), "error"));
  g_assert_true (focus_is_in (editor, GTK_WIDGET (row (editor, "First Name *"))));
  gtk_editable_set_text (row (editor, "First Name *"), "Ada");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row (editor, "First Name *")), "error"));
  /* a screen reader hears "First Name", required: not the star */
  {
    GtkAccessible *text = GTK_ACCESSIBLE (gtk_editable_get_delegate (row (editor, "First Name *")));
    GtkAccessible *country = GTK_ACCESSIBLE (country_row (editor));

    gtk_test_accessible_assert_property (text, GTK_ACCESSIBLE_PROPERTY_LABEL, "First Name");
    gtk_test_accessible_assert_property (text, GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE);
    gtk_test_accessible_assert_property (country, GTK_ACCESSIBLE_PROPERTY_LABEL, "Country");
    gtk_test_accessible_assert_property (country, GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE);
    /* nor labelled by the title, which a screen reader would read on */
    g_assert_false (gtk_test_accessible_has_relation (text, GTK_ACCESSIBLE_RELATION_LABELLED_BY));
    g_assert_false (gtk_test_accessible_has_relation (country,
                                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY));
    g_assert_false (gtk_test_accessible_has_property (
      GTK_ACCESSIBLE (row (editor, "Company")), GTK_ACCESSIBLE_PROPERTY_REQUIRED));
  }

  editor = fill_address ("London");
  click (editor, "Save");
  spin_until (editor_gone, NULL);
  g_assert_cmpuint (n_addresses (customer), ==, 1);
  wait_for_label (GTK_WIDGET (window), "1 address");
  wait_for_label (GTK_WIDGET (window), "Smith & Sons <Unit 4>");

  /* the next one starts in the country of the last */
  click (GTK_WIDGET (window), "Add Address");
  spin_until (editor_ready, NULL);
  editor = find_toplevel (PATRON_TYPE_ADDRESS_EDITOR);
  {
    g_autoptr(MedusaAddress) first = g_list_model_get_item (
      medusa_customer_get_shipping_addresses (customer), 0);
    AdwComboRow *country = country_row (editor);
    GtkStringObject *chosen = adw_combo_row_get_selected_item (country);

    g_assert_nonnull (chosen);
    g_assert_cmpstr (gtk_string_object_get_string (chosen), ==,
                     patron_country_name (medusa_address_get_country_code (first)));
  }
  close_window (editor);

  /* the same address again: the store skips it, Patron says so */
  click (GTK_WIDGET (window), "Add Address");
  editor = fill_address ("London");
  click (editor, "Save");
  wait_for_label (editor, "You have this address already");
  g_assert_cmpuint (n_addresses (customer), ==, 1);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* deleted at once, back with Undo */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named, "Delete Address"),
                         "clicked");
  g_assert_cmpuint (n_addresses (customer), ==, 0);
  click (GTK_WIDGET (window), "Undo");
  g_assert_cmpuint (n_addresses (customer), ==, 1);

  /* two deleted one after the other: one toast says both, and its Undo
   * brings both back where they were (not a second toast waiting behind
   * the first, whose Undo would undo the first) */
  click (GTK_WIDGET (window), "Add Address");
  editor = fill_address ("Bath");
  click (editor, "Save");
  spin_until (editor_gone, NULL);
  wait_for_label (GTK_WIDGET (window), "2 addresses");
  {
    g_autoptr(MedusaAddress) first = g_list_model_get_item (
      medusa_customer_get_shipping_addresses (customer), 0);
    g_autoptr(MedusaAddress) second = g_list_model_get_item (
      medusa_customer_get_shipping_addresses (customer), 1);
    g_autoptr(MedusaAddress) back = NULL;

    for (guint i = 0; i < 2; i++)
      g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named,
                                          "Delete Address"), "clicked");
    g_assert_cmpuint (n_addresses (customer), ==, 0);
    wait_for_label (GTK_WIDGET (window), "2 addresses deleted");
    /* the only toast there but the first's, fading out */
    {
      GtkWidget *overlay = find_widget (GTK_WIDGET (window), is_of_type,
                                        (const char *) ADW_TYPE_TOAST_OVERLAY);
      GtkWidget *live = NULL;

      for (GtkWidget *child = gtk_widget_get_first_child (overlay);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (gtk_widget_get_css_name (child), "toast") == 0 &&
            gtk_widget_get_can_target (child))
          {
            g_assert_null (live);
            live = child;
          }
      g_assert_nonnull (live);
      g_assert_nonnull (find_widget (live, is_label_saying, "2 addresses deleted"));
      click (live, "Undo");
    }
    g_assert_cmpuint (n_addresses (customer), ==, 2);
    back = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 0);
    g_assert_true (back == first);
    g_clear_object (&back);
    back = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 1);
    g_assert_true (back == second);
  }
  /* an Undo done, the next deletion has a toast of its own */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named, "Delete Address"),
                         "clicked");
  wait_for_label (GTK_WIDGET (window), "Address deleted");

  /* deleted for real when the window closes with the toast up */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named, "Delete Address"),
                         "clicked");
  g_assert_cmpuint (n_addresses (customer), ==, 0);
  wait_for_label (GTK_WIDGET (window), "2 addresses deleted");
  g_object_ref (customer);
  close_window (GTK_WIDGET (window));

  /* the store holds none now */
  {
    g_autoptr(MedusaClient) checker = medusa_client_new (store_url);
    g_autoptr(MedusaCustomer) signed_in = NULL;
    gint64 deadline = test_deadline (20);

    for (;;)
      {
        g_autoptr(MedusaCustomer) stored = NULL;

        if (signed_in == NULL)
          {
            medusa_client_sign_in_async (checker, email, "address-pass-1",
                                         MEDUSA_AUTH_MODE_TOKEN, NULL, test_store_result_cb,
                                         &result);
            signed_in = medusa_client_sign_in_finish (checker, test_wait_for (&result), &error);
            g_assert_no_error (error);
            g_clear_object (&result);
          }
        medusa_client_get_customer_async (checker, NULL, test_store_result_cb, &result);
        stored = medusa_client_get_customer_finish (checker, test_wait_for (&result), &error);
        g_assert_no_error (error);
        g_clear_object (&result);
        if (n_addresses (stored) == 0)
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
      }
  }
  g_object_unref (customer);
}

/* The rows of the account page's list of addresses, in order. */
static GPtrArray *
address_rows (PatronWindow *window)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *button = find_widget (GTK_WIDGET (window), is_button_named, "Delete Address");
  GtkWidget *list = button != NULL ? gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX) : NULL;

  for (GtkWidget *child = list != NULL ? gtk_widget_get_first_child (list) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      g_ptr_array_add (rows, child);

  return rows;
}

typedef struct
{
  GdkFrameClock *clock;
  gint64         counter;
} FrameWait;

static gboolean
frames_passed (gpointer data)
{
  FrameWait *wait = data;

  return gdk_frame_clock_get_frame_counter (wait->clock) >= wait->counter;
}

/* Until @widget's window has drawn @n more frames. */
static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  FrameWait wait = { gtk_widget_get_frame_clock (widget), 0 };

  wait.counter = gdk_frame_clock_get_frame_counter (wait.clock) + n;
  gtk_widget_queue_draw (widget);
  spin_until (frames_passed, &wait);
}

#define MANY_ADDRESSES 60

static GtkWidget *find_toast_widget (GtkWidget *root);

/* A customer with many addresses (a store may send 500): the account shows
 * at once with the first few, the rest come a few a frame, in order, and
 * the page says how many there are from the start (500 made at once held
 * the window still for a second and a half). */
static void
test_account_many_addresses (void)
{
  g_autoptr(MedusaClient) creator = medusa_client_new (store_url);
  g_autofree char *email = g_strdup_printf ("many.addresses.%" G_GINT64_FORMAT "@example.com",
                                            g_get_real_time ());
  g_autofree char *summary = g_strdup_printf ("%u addresses", MANY_ADDRESSES);
  PatronWindow *window;
  guint n_rows;

  create_customer (creator, email);
  for (guint i = 0; i < MANY_ADDRESSES; i++)
    {
      g_autofree char *city = g_strdup_printf ("Town %02u", i);

      store_address (creator, city);
    }

  window = signed_in_window (store_url, email);
  wait_for_label (GTK_WIDGET (window), summary);
  {
    g_autoptr(GPtrArray) rows = address_rows (window);

    /* the first few, and a frame's or two's */
    g_assert_cmpuint (rows->len, >=, PATRON_PACE_AT_ONCE);
    g_assert_cmpuint (rows->len, <=, PATRON_PACE_AT_ONCE + 2 * PATRON_PACE_MOST_PER_FRAME);
    n_rows = rows->len;
  }
  while (n_rows < MANY_ADDRESSES)
    {
      g_autoptr(GPtrArray) rows = NULL;

      /* frame by frame: never many more in one */
      wait_for_frames (GTK_WIDGET (window), 1);
      rows = address_rows (window);
      g_assert_cmpuint (rows->len, <=, n_rows + PATRON_PACE_MOST_PER_FRAME);
      n_rows = rows->len;
    }
  {
    g_autoptr(GPtrArray) rows = address_rows (window);

    g_assert_cmpuint (rows->len, ==, MANY_ADDRESSES);
    for (guint i = 0; i < rows->len; i++)
      {
        g_autofree char *city = g_strdup_printf ("Town %02u", i);

        g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, i)),
                                  city));
      }

    /* deleting the first, and its Undo, changes its row only: the others
     * stay the same widgets (a screen reader's, or a driver's, hold on
     * them stays good) */
    g_signal_emit_by_name (find_widget (g_ptr_array_index (rows, 0), is_button_named,
                                        "Delete Address"), "clicked");
    {
      g_autoptr(GPtrArray) after = address_rows (window);

      g_assert_cmpuint (after->len, ==, MANY_ADDRESSES - 1);
      for (guint i = 1; i < rows->len; i++)
        g_assert_true (g_ptr_array_index (after, i - 1) == g_ptr_array_index (rows, i));
    }
    click (find_toast_widget (GTK_WIDGET (window)), "Undo");
    {
      g_autoptr(GPtrArray) after = address_rows (window);

      g_assert_cmpuint (after->len, ==, MANY_ADDRESSES);
      for (guint i = 1; i < rows->len; i++)
        g_assert_true (g_ptr_array_index (after, i) == g_ptr_array_index (rows, i));
    }

    /* a later answer with many more: they come a few a frame too, after
     * the rows that stay */
    {
      MedusaCustomer *customer = patron_session_get_customer (patron_window_get_session (window));
      GListModel *addresses = medusa_customer_get_shipping_addresses (customer);
      g_autoptr(GListStore) more = g_list_store_new (MEDUSA_TYPE_ADDRESS);
      g_autoptr(MedusaCustomer) answer = NULL;
      g_autoptr(GPtrArray) after = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (addresses); i++)
        {
          g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, i);

          g_list_store_append (more, address);
        }
      for (guint i = 0; i < MANY_ADDRESSES; i++)
        {
          g_autofree char *id = g_strdup_printf ("addr_later_%02u", i);
          g_autoptr(MedusaAddress) address = g_object_new (MEDUSA_TYPE_ADDRESS, "id", id,
                                                           "city", "Later", NULL);

          g_list_store_append (more, address);
        }
      /* a few frames first: every address has its row, none waits */
      for (guint i = 0; i < 3; i++)
        wait_for_frames (GTK_WIDGET (window), 1);
      answer = g_object_new (MEDUSA_TYPE_CUSTOMER,
                             "id", medusa_customer_get_id (customer),
                             "email", medusa_customer_get_email (customer),
                             "shipping-addresses", more,
                             NULL);
      g_assert_true (medusa_customer_update_from (customer, answer, NULL));

      after = address_rows (window);
      g_assert_cmpuint (after->len, <=, MANY_ADDRESSES + PATRON_PACE_AT_ONCE);
      for (guint i = 1; i < rows->len; i++)
        g_assert_true (g_ptr_array_index (after, i) == g_ptr_array_index (rows, i));
      n_rows = after->len;
      while (n_rows < 2 * MANY_ADDRESSES)
        {
          g_autoptr(GPtrArray) now = NULL;

          wait_for_frames (GTK_WIDGET (window), 1);
          now = address_rows (window);
          g_assert_cmpuint (now->len, <=, n_rows + PATRON_PACE_MOST_PER_FRAME);
          n_rows = now->len;
        }
    }
  }

  close_window (GTK_WIDGET (window));
}

static gboolean
is_account_page (GtkWidget  *widget,
                 const char *unused)
{
  return PATRON_IS_ACCOUNT_PAGE (widget);
}

/* The window's stack holds every page: look inside the account page only. */
static GtkWidget *
account_page (PatronWindow *window)
{
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_account_page, NULL);

  g_assert_nonnull (page);
  return page;
}

static AdwMessageDialog *find_dialog (void);
static gboolean has_dialog (gpointer data);

/* A new customer signed in on a window of its own, showing the account. */
static PatronWindow *
new_account_window (const char  *who,
                    const char  *password,
                    char       **email_out)
{
  g_autoptr(MedusaClient) creator = medusa_client_new (store_url);
  g_autoptr(MedusaCustomer) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s.%" G_GINT64_FORMAT "@example.com",
                                            who, g_get_real_time ());
  PatronWindow *window;
  PatronSession *session;

  medusa_client_create_customer_async (creator, email, password, "Ada", "Lovelace", NULL,
                                       NULL, test_store_result_cb, &result);
  created = medusa_client_create_customer_finish (creator, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  patron_window_start (window, store_url);
  gtk_window_present (GTK_WINDOW (window));
  session = patron_window_get_session (window);
  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, email, password, FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  wait_for_label (GTK_WIDGET (window), "Signed in as");

  *email_out = g_steal_pointer (&email);
  return window;
}

/* What the store holds for @email, asked afresh. */
static MedusaCustomer *
stored_customer (const char *email,
                 const char *password)
{
  g_autoptr(MedusaClient) checker = medusa_client_new (store_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) signed_in = NULL;
  MedusaCustomer *customer;

  medusa_client_sign_in_async (checker, email, password, MEDUSA_AUTH_MODE_TOKEN, NULL,
                               test_store_result_cb, &result);
  signed_in = medusa_client_sign_in_finish (checker, test_wait_for (&result), &error);
  if (signed_in == NULL)
    return NULL;
  g_clear_object (&result);
  medusa_client_get_customer_async (checker, NULL, test_store_result_cb, &result);
  customer = medusa_client_get_customer_finish (checker, test_wait_for (&result), &error);
  g_assert_no_error (error);

  return customer;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_toplevel (PATRON_TYPE_CREDENTIALS_DIALOG) == NULL;
}

static gboolean
has_dialog_of (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static void
test_account_credentials (void)
{
  g_autofree char *email = NULL;
  g_autofree char *new_email = g_strdup_printf ("renamed.%" G_GINT64_FORMAT "@example.com",
                                                g_get_real_time ());
  PatronWindow *window = new_account_window ("credentials", "old-pass-123", &email);
  g_autoptr(MedusaCustomer) with_new_password = NULL;
  g_autoptr(MedusaCustomer) with_old_password = NULL;
  g_autoptr(MedusaCustomer) with_new_email = NULL;
  GtkWidget *dialog;

  /* the password: the current one is checked with the store first */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named, "Change Password"),
                         "clicked");
  spin_until (has_dialog_of, GSIZE_TO_POINTER (PATRON_TYPE_CREDENTIALS_DIALOG));
  dialog = find_toplevel (PATRON_TYPE_CREDENTIALS_DIALOG);
  gtk_editable_set_text (row (dialog, "Current Password"), "not-my-password");
  gtk_editable_set_text (row (dialog, "New Password"), "new-pass-456");
  gtk_editable_set_text (row (dialog, "New Password Again"), "new-pass-457");
  click (dialog, "Change");
  wait_for_label (dialog, "The two passwords are not the same.");
  gtk_editable_set_text (row (dialog, "New Password Again"), "new-pass-456");
  click (dialog, "Change");
  wait_for_label (dialog, "The current password is not right.");
  with_old_password = stored_customer (email, "old-pass-123");
  g_assert_nonnull (with_old_password);
  g_clear_object (&with_old_password);

  gtk_editable_set_text (row (dialog, "Current Password"), "old-pass-123");
  click (dialog, "Change");
  spin_until (dialog_gone, NULL);
  with_new_password = stored_customer (email, "new-pass-456");
  g_assert_nonnull (with_new_password);
  with_old_password = stored_customer (email, "old-pass-123");
  g_assert_null (with_old_password);
  /* still signed in, on a fresh session */
  g_assert_true (patron_session_get_signed_in (patron_window_get_session (window)));

  /* the email */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named,
                                      "Change Email Address"), "clicked");
  spin_until (has_dialog_of, GSIZE_TO_POINTER (PATRON_TYPE_CREDENTIALS_DIALOG));
  dialog = find_toplevel (PATRON_TYPE_CREDENTIALS_DIALOG);
  gtk_editable_set_text (row (dialog, "Current Password"), "new-pass-456");
  gtk_editable_set_text (row (dialog, "New Email Address"), new_email);
  click (dialog, "Change");
  spin_until (dialog_gone, NULL);
  wait_for_label (GTK_WIDGET (window), new_email);
  with_new_email = stored_customer (new_email, "new-pass-456");
  g_assert_nonnull (with_new_email);
  g_assert_cmpstr (medusa_customer_get_email (with_new_email), ==, new_email);

  close_window (GTK_WIDGET (window));
}

static gboolean
billing_is (gpointer data)
{
  MedusaCustomer *customer = ((gpointer *) data)[0];
  const char *city = ((gpointer *) data)[1];
  MedusaAddress *billing = medusa_customer_get_billing_address (customer);

  return billing != NULL && g_strcmp0 (medusa_address_get_city (billing), city) == 0;
}

static gboolean
billing_is_not_linked (gpointer data)
{
  MedusaCustomer *customer = data;
  GListModel *addresses = medusa_customer_get_shipping_addresses (customer);
  g_autoptr(MedusaAddress) shipping = g_list_model_get_item (addresses, 0);

  return medusa_customer_get_billing_address_id (customer) != NULL &&
         g_strcmp0 (medusa_customer_get_billing_address_id (customer),
                    medusa_address_get_id (shipping)) != 0;
}

static gboolean
says_address_deleted (gpointer data)
{
  return find_widget (data, is_label_saying, "Address deleted") != NULL;
}

static void
test_account_billing (void)
{
  g_autofree char *email = NULL;
  PatronWindow *window = new_account_window ("billing", "billing-pass-1", &email);
  MedusaCustomer *customer = patron_session_get_customer (patron_window_get_session (window));
  g_autoptr(MedusaCustomer) stored = NULL;
  gpointer wanted[2] = { customer, (gpointer) "Manchester" };
  g_autoptr(MedusaAddress) shipping = NULL;
  g_autoptr(MedusaCustomerChanges) changes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;

  wait_for_label (GTK_WIDGET (window), "No billing address yet");

  /* the billing address in full, with the same form */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named,
                                      "Edit Billing Address"), "clicked");
  editor = fill_address ("Manchester");
  click (editor, "Save");
  spin_until (editor_gone, NULL);
  spin_until (billing_is, wanted);
  wait_for_label (GTK_WIDGET (window), "Manchester");

  /* or a shipping address, in one step */
  click (GTK_WIDGET (window), "Add Address");
  editor = fill_address ("Leeds");
  click (editor, "Save");
  spin_until (editor_gone, NULL);
  shipping = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 0);

  /* a billing address linked to a shipping address, as a storefront makes
   * it: deleting the shipping address says that the billing address goes */
  changes = medusa_customer_changes_new ();
  medusa_customer_changes_set_billing_address_id (changes, medusa_address_get_id (shipping));
  patron_session_update_customer_async (patron_window_get_session (window), changes, NULL,
                                        test_store_result_cb, &result);
  g_assert_true (patron_session_update_customer_finish (patron_window_get_session (window),
                                                        test_wait_for (&result), &error));
  g_clear_object (&result);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named, "Delete Address"),
                         "clicked");
  wait_for_label (GTK_WIDGET (window), "Address deleted, and your billing address with it");
  click (GTK_WIDGET (window), "Undo");

  /* Use as Billing copies the address, also over such a link, and leaves
   * the shipping address as it was */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named,
                                      "Use as Billing Address"), "clicked");
  spin_until (billing_is_not_linked, customer);
  wanted[1] = (gpointer) "Leeds";
  g_assert_true (billing_is (wanted));
  stored = stored_customer (email, "billing-pass-1");
  g_assert_cmpstr (medusa_address_get_city (medusa_customer_get_billing_address (stored)), ==,
                   "Leeds");
  g_assert_cmpstr (medusa_customer_get_billing_address_id (stored), !=,
                   medusa_address_get_id (shipping));
  g_assert_cmpuint (n_addresses (stored), ==, 1);
  g_clear_object (&stored);

  /* so deleting the shipping address leaves the billing address */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named, "Delete Address"),
                         "clicked");
  /* the toast before it goes first */
  spin_until (says_address_deleted, window);
  close_window (GTK_WIDGET (window));
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;;)
    {
      stored = stored_customer (email, "billing-pass-1");
      if (n_addresses (stored) == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_clear_object (&stored);
    }
  g_assert_nonnull (medusa_customer_get_billing_address (stored));
  g_assert_cmpstr (medusa_address_get_city (medusa_customer_get_billing_address (stored)), ==,
                   "Leeds");
}

static gboolean
signed_out (gpointer data)
{
  return !patron_session_get_signed_in (data);
}

static void
test_account_expired_keeps_edits (void)
{
  g_autofree char *email = NULL;
  PatronWindow *window = new_account_window ("expired", "expired-pass-1", &email);
  PatronSession *session = patron_window_get_session (window);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* the store no longer takes the session, as after a revocation */
  medusa_client_set_access_token (patron_session_get_client (session), "revoked.token.value");
  gtk_editable_set_text (row (account_page (window), "First Name"), "Unsaved");
  click (account_page (window), "Save");
  spin_until (signed_out, session);
  wait_for_label (GTK_WIDGET (window), "Your session has expired");

  /* signing in again leads back to the form, the edit still there */
  patron_session_sign_in_async (session, email, "expired-pass-1", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  wait_for_label (GTK_WIDGET (window), "Signed in as");
  g_assert_cmpstr (gtk_editable_get_text (row (account_page (window), "First Name")), ==,
                   "Unsaved");
  g_assert_true (patron_account_page_get_has_changes (
    PATRON_ACCOUNT_PAGE (account_page (window))));
  g_assert_nonnull (find_widget (account_page (window), is_button_saying, "Save"));

  close_window (GTK_WIDGET (window));
}

static void
test_sign_out_asks_for_unsaved (void)
{
  g_autofree char *email = NULL;
  PatronWindow *window = new_account_window ("leaving", "leaving-pass-1", &email);
  PatronSession *session = patron_window_get_session (window);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  gtk_editable_set_text (row (account_page (window), "First Name"), "Changed");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  spin_until (has_dialog, NULL);
  g_assert_true (patron_session_get_signed_in (session));

  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_until (signed_out, session);

  /* discarded means discarded: the next session shows the store's name */
  patron_session_sign_in_async (session, email, "leaving-pass-1", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  wait_for_label (GTK_WIDGET (window), "Signed in as");
  g_assert_cmpstr (gtk_editable_get_text (row (account_page (window), "First Name")), ==, "Ada");

  close_window (GTK_WIDGET (window));
}

/* A v2 store cannot search: the orders page says how far Patron's own look
 * through the history got, then shows what it found (the real v2 store:
 * its buyer's 258 orders in CI, two pages of its look). */
static void
test_orders_page_v2_search (void)
{
  const char *key = NULL;
  const char *url = test_v2_store_url (&key);
  g_autoptr(PatronSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *placeholder = NULL;
  PatronOrdersPage *orders;
  GtkWidget *window;
  GtkWidget *search;
  GtkWidget *progress;

  if (url == NULL)
    return;
  session = patron_session_new (url);
  medusa_client_set_api_version (patron_session_get_client (session), MEDUSA_API_VERSION_2);
  medusa_client_set_publishable_key (patron_session_get_client (session), key);
  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_assert_no_error (error);

  orders = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL);
  window = show_in_window (GTK_WIDGET (orders));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  patron_orders_page_set_session (orders, session);
  wait_for_label (GTK_WIDGET (orders), "Showing ");
  search = find_widget (GTK_WIDGET (orders), is_of_type, (const char *) GTK_TYPE_SEARCH_ENTRY);
  /* the search offered says what it finds there */
  g_object_get (search, "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "Order number");

  gtk_editable_set_text (GTK_EDITABLE (search), "1");
  progress = wait_for_label (GTK_WIDGET (orders), "Looked through 200 of ");
  wait_for_label (GTK_WIDGET (orders), "#1");
  g_assert_false (gtk_widget_get_visible (progress));

  /* an export of what the search finds looks through the history in full,
   * and says so beside its progress bar (the list's sentence stayed at
   * the end of its look: 200 is the export's) */
  {
    g_autofree char *dir = g_dir_make_tmp ("patron-export-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "Orders.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    GtkWidget *exporting;

    g_assert_no_error (error);
    patron_orders_page_export (orders, file);
    exporting = wait_for_label (GTK_WIDGET (orders), "Looked through 200 of ");
    g_assert_true (gtk_widget_is_visible (exporting));
    g_assert_false (gtk_widget_get_visible (progress));
    wait_for_label (GTK_WIDGET (orders), "Exported ");
    g_assert_true (g_file_delete (file, NULL, NULL));
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
  close_window (window);
}

static void
test_orders_page (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) newest = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *showing = NULL;
  g_autofree char *number = NULL;
  PatronOrdersPage *orders;
  GtkWidget *window;

  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_clear_object (&result);
  medusa_order_query_set_limit (query, 1);
  medusa_client_list_orders_async (patron_session_get_client (session), query, NULL,
                                   test_store_result_cb, &result);
  page = medusa_client_list_orders_finish (patron_session_get_client (session),
                                           test_wait_for (&result), &error);
  g_assert_no_error (error);
  newest = g_list_model_get_item (medusa_order_page_get_orders (page), 0);

  orders = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL);
  window = show_in_window (GTK_WIDGET (orders));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  patron_orders_page_set_session (orders, session);

  showing = g_strdup_printf ("Showing %u orders", medusa_order_page_get_count (page));
  wait_for_label (GTK_WIDGET (orders), showing);
  number = g_strdup_printf ("#%" G_GINT64_FORMAT, medusa_order_get_display_id (newest));
  wait_for_label (GTK_WIDGET (orders), number);

  /* filters: the completed and the canceled orders, then a date range */
  {
    const char *done_or_canceled[] = { "completed", "canceled", NULL };
    g_autoptr(MedusaOrderPage) done = NULL;
    g_autoptr(GDateTime) today = g_date_time_new_now_local ();
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
    g_autoptr(GDateTime) long_ago = g_date_time_new_local (2001, 1, 1, 0, 0, 0);
    g_autofree char *showing_done = NULL;
    GtkWidget *filter_button = find_widget (GTK_WIDGET (orders), has_tooltip,
                                            "Filter Orders");
    GtkWidget *popover;

    medusa_order_query_set_statuses (query, done_or_canceled);
    g_clear_object (&result);
    medusa_client_list_orders_async (patron_session_get_client (session), query, NULL,
                                     test_store_result_cb, &result);
    done = medusa_client_list_orders_finish (patron_session_get_client (session),
                                             test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (medusa_order_page_get_count (done), >, 0);
    showing_done = g_strdup_printf ("Showing %u orders", medusa_order_page_get_count (done));

    g_assert_nonnull (filter_button);
    gtk_menu_button_popup (GTK_MENU_BUTTON (filter_button));
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (filter_button)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (popover, is_check_saying,
                                                                "Completed")), TRUE);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (popover, is_check_saying,
                                                                "Canceled")), TRUE);
    wait_for_label (GTK_WIDGET (orders), showing_done);
    /* the active filters are spelled out above the list */
    wait_for_label (GTK_WIDGET (orders), "Completed, Canceled");

    /* from tomorrow on there is nothing yet */
    pick_day (popover, tomorrow);
    wait_for_label (GTK_WIDGET (orders), "Try other words");
    wait_for_label (GTK_WIDGET (orders), "Placed since");

    /* a range picked backwards counts as the same range forwards: from
     * 2001 to tomorrow, which is everything */
    pick_day (popover, long_ago);
    wait_for_label (GTK_WIDGET (orders), showing_done);
    wait_for_label (GTK_WIDGET (orders), "Placed ");

    /* clearing the filters shows the whole history again */
    gtk_widget_activate_action (GTK_WIDGET (orders), "orders.clear-filters", NULL);
    wait_for_label (GTK_WIDGET (orders), showing);
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* a search that finds nothing says so, unlike an empty history */
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (orders), is_of_type,
                                                    (const char *) GTK_TYPE_SEARCH_ENTRY)),
                         "no-such-order-anywhere");
  wait_for_label (GTK_WIDGET (orders), "Try other words");

  close_window (window);
}

/* A proxy in front of the real store that fails the first request for a
 * page other than the first with 503: a real store will not do that on
 * demand. */
typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  char        *upstream;
  char        *url;
  GCancellable *cancellable;
  guint        failures;
  /* what fails: requests with this method, or else pages of the orders
   * after the first */
  const char  *fail_method;
  /* the limit of the last page of orders asked for, and the offset of
   * every page, in order (a one-order count is no page: it may come after
   * the first page) */
  char        *last_page_limit;
  GArray      *offsets;
} FlakyProxy;

static void
proxy_answered_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  SoupMessage *upstream = g_object_get_data (G_OBJECT (msg), "upstream");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              &error);
  const char *content_type;

  /* the proxy is gone, and the connection with it */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  content_type = soup_message_headers_get_one (soup_message_get_response_headers (upstream),
                                               "Content-Type");
  soup_server_message_set_status (msg, body != NULL ? soup_message_get_status (upstream)
                                                    : SOUP_STATUS_BAD_GATEWAY, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type != NULL ? content_type : "text/plain",
                                      SOUP_MEMORY_COPY,
                                      g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  soup_server_message_unpause (msg);
}

static void
proxy_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  FlakyProxy *proxy = user_data;
  const char *offset = query != NULL ? g_hash_table_lookup (query, "offset") : NULL;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(SoupMessage) upstream = NULL;
  g_autofree char *url = NULL;
  const char *names[] = { "Authorization", "Cookie", "Content-Type" };

  if (g_str_equal (path, "/store/customers/me/orders") && query != NULL)
    {
      const char *limit = g_hash_table_lookup (query, "limit");

      if (g_strcmp0 (limit, "1") != 0)
        {
          guint value = offset != NULL ? (guint) g_ascii_strtoull (offset, NULL, 10) : 0;

          g_free (proxy->last_page_limit);
          proxy->last_page_limit = g_strdup (limit);
          g_array_append_val (proxy->offsets, value);
        }
    }

  if (proxy->failures > 0 &&
      (proxy->fail_method != NULL
       ? g_str_equal (soup_server_message_get_method (msg), proxy->fail_method)
       : g_str_equal (path, "/store/customers/me/orders") && g_strcmp0 (offset, "0") != 0))
    {
      static const char failure[] = "{\"type\":\"unknown_error\",\"message\":\"Busy\"}";

      proxy->failures--;
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        failure, strlen (failure));
      return;
    }

  url = g_strconcat (proxy->upstream, path, raw_query != NULL ? "?" : "", raw_query, NULL);
  upstream = soup_message_new (soup_server_message_get_method (msg), url);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = soup_message_headers_get_one (headers, names[i]);

      if (value != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (upstream),
                                      names[i], value);
    }
  if (request_body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);

      soup_message_set_request_body_from_bytes (upstream,
                                                soup_message_headers_get_content_type (headers,
                                                                                       NULL),
                                                bytes);
    }

  g_object_set_data_full (G_OBJECT (msg), "upstream", g_object_ref (upstream), g_object_unref);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (proxy->session, upstream, G_PRIORITY_DEFAULT,
                                    proxy->cancellable, proxy_answered_cb, g_object_ref (msg));
}

static FlakyProxy *
flaky_proxy_new (guint failures)
{
  FlakyProxy *proxy = g_new0 (FlakyProxy, 1);
  g_autoptr(GUri) uri = NULL;

  proxy->failures = failures;
  proxy->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  proxy->upstream = g_strdup (store_url);
  if (g_str_has_suffix (proxy->upstream, "/"))
    proxy->upstream[strlen (proxy->upstream) - 1] = '\0';
  proxy->session = soup_session_new ();
  proxy->cancellable = g_cancellable_new ();
  proxy->server = test_server_new (proxy_handler, proxy, &uri);
  proxy->url = g_uri_to_string (uri);

  return proxy;
}

static void
flaky_proxy_free (FlakyProxy *proxy)
{
  g_cancellable_cancel (proxy->cancellable);
  g_object_unref (proxy->cancellable);
  soup_server_disconnect (proxy->server);
  g_object_unref (proxy->server);
  g_object_unref (proxy->session);
  g_free (proxy->upstream);
  g_free (proxy->url);
  g_free (proxy->last_page_limit);
  g_array_unref (proxy->offsets);
  g_free (proxy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlakyProxy, flaky_proxy_free)

/* A deletion the store refuses puts the address back where it was, with a
 * sentence that says so. */
static void
test_account_delete_fails (void)
{
  g_autoptr(FlakyProxy) proxy = flaky_proxy_new (0);
  g_autoptr(MedusaClient) creator = medusa_client_new (store_url);
  g_autofree char *email = g_strdup_printf ("undeletable.%" G_GINT64_FORMAT "@example.com",
                                            g_get_real_time ());
  PatronWindow *window;
  MedusaCustomer *customer;
  GtkWidget *toast_overlay;
  GtkWidget *account;

  create_customer (creator, email);
  store_address (creator, "London");

  window = signed_in_window (proxy->url, email);
  customer = patron_session_get_customer (patron_window_get_session (window));
  wait_for_label (GTK_WIDGET (window), "1 address");

  /* deleted on screen at once; the store answers 503 when the toast goes */
  proxy->fail_method = "DELETE";
  proxy->failures = 1;
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named, "Delete Address"),
                         "clicked");
  g_assert_cmpuint (n_addresses (customer), ==, 0);
  toast_overlay = find_widget (GTK_WIDGET (window), is_of_type,
                               (const char *) ADW_TYPE_TOAST_OVERLAY);
  g_assert_nonnull (toast_overlay);
  /* a new toast sends the one before it away, as the timeout would */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (toast_overlay), adw_toast_new ("Next"));
  wait_for_label (GTK_WIDGET (window), "The address could not be deleted. The store has a problem");
  g_assert_cmpuint (n_addresses (customer), ==, 1);
  wait_for_label (GTK_WIDGET (window), "1 address");
  g_assert_cmpuint (proxy->failures, ==, 0);

  /* a profile save the store fails says why next to the form and keeps
   * what was typed, still unsaved */
  account = find_widget (GTK_WIDGET (window), is_of_type,
                         (const char *) PATRON_TYPE_ACCOUNT_PAGE);
  proxy->fail_method = "POST";
  proxy->failures = 1;
  gtk_editable_set_text (row (account, "First Name"), "Augusta");
  click (account, "Save");
  wait_for_label (account, "The store has a problem right now. Try again in a moment.");
  g_assert_cmpstr (gtk_editable_get_text (row (account, "First Name")), ==, "Augusta");
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Ada");
  g_assert_nonnull (find_widget (account, is_button_saying, "Save"));

  /* and the same Save works once the store does again */
  click (account, "Save");
  spin_until (first_name_is_saved, customer);

  close_window (GTK_WIDGET (window));
}

static gboolean
is_order_row (GtkWidget  *widget,
              const char *unused)
{
  return PATRON_IS_ORDER_ROW (widget) && gtk_widget_get_mapped (widget) &&
         strstr (patron_order_row_get_summary (PATRON_ORDER_ROW (widget)), " · ") != NULL;
}

/* Every amount on screen has the room it asks for: never cut with "…". */
static guint
assert_amounts_whole (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;

  /* an order row holds its total whole in its minimum width */
  if (is_order_row (widget, NULL))
    {
      int minimum;
      int natural;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (widget), >=, minimum);
      n++;
    }
  else if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric") &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    {
      int minimum;
      int natural;

      /* it cannot be squeezed (in any language), and it was not */
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_assert_cmpint (minimum, ==, natural);
      g_assert_cmpint (gtk_widget_get_width (widget), >=, natural);
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += assert_amounts_whole (child);

  return n;
}

/* Every row has one height on a wide window, where each line fits; on a
 * narrow one a line that does not fit wraps (the row grows) rather than lose
 * a word, and the totals stay whole. */
static void
test_orders_page_status_wraps_when_narrow (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PatronOrdersPage *orders;
  GtkWidget *window;
  GtkWidget *row;
  gint64 deadline;
  int wide_height;
  int tallest = 0;

  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));

  orders = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL);
  window = show_in_window (GTK_WIDGET (orders));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  patron_orders_page_set_session (orders, session);
  wait_for_label (GTK_WIDGET (orders), "Not shipped yet · Payment pending");

  deadline = test_deadline (10);
  while ((row = find_widget (GTK_WIDGET (orders), is_order_row, NULL)) == NULL ||
         gtk_widget_get_height (row) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  wide_height = gtk_widget_get_height (row);
  /* one line each: an order's row is as tall as the number beside two lines */
  for (GtkWidget *child = gtk_widget_get_parent (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *other = gtk_widget_get_first_child (child);

      if (other != NULL && is_order_row (other, NULL))
        g_assert_cmpint (gtk_widget_get_height (other), ==, wide_height);
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  while (gtk_widget_get_width (GTK_WIDGET (orders)) >= 400 || tallest <= wide_height)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      row = find_widget (GTK_WIDGET (orders), is_order_row, NULL);
      for (GtkWidget *child = gtk_widget_get_parent (row); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *other = gtk_widget_get_first_child (child);

          if (other != NULL && is_order_row (other, NULL))
            tallest = MAX (tallest, gtk_widget_get_height (other));
        }
    }

  /* and the totals stay whole at 360 px, however long the lines beside them */
  for (guint i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_cmpuint (assert_amounts_whole (GTK_WIDGET (orders)), >, 0);

  close_window (window);
}

/* Whether @child of a list view is a row on screen: GTK keeps the rows it
 * tracks (focus, selection) as they were, unmapped, when they leave it. */
static gboolean
is_on_screen (GtkWidget *list,
              GtkWidget *child)
{
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (child) && gtk_widget_compute_bounds (child, list, &bounds) &&
         bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (list) &&
         bounds.origin.y + bounds.size.height > 0;
}

/* The first widget that @match finds in the rows of @list on screen. */
static GtkWidget *
find_on_screen (GtkWidget   *list,
                WidgetMatch  match,
                const char  *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (is_on_screen (list, child) && (found = find_widget (child, match, text)) != NULL)
        return found;
    }

  return NULL;
}

/* A page that fails to load shows rows that say so with a button that asks
 * for it again, not a hole. */
static void
test_orders_page_retry (void)
{
  g_autoptr(FlakyProxy) proxy = flaky_proxy_new (1);
  g_autoptr(PatronSession) session = patron_session_new (proxy->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PatronOrdersPage *orders;
  GtkAdjustment *adjustment;
  GtkWidget *window;
  GtkWidget *retry;
  GtkWidget *list;

  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));

  orders = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL);
  window = show_in_window (GTK_WIDGET (orders));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  patron_orders_page_set_session (orders, session);
  wait_for_label (GTK_WIDGET (orders), "Showing ");
  /* the first page's rows: the account's count may have given the list its
   * length before, when the list view had not laid its rows out yet */
  wait_for_label (GTK_WIDGET (orders), " items, ");

  /* to the very end: the pages there are asked for, and the first fails */
  list = find_widget (GTK_WIDGET (orders), is_of_type, (const char *) GTK_TYPE_LIST_VIEW);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  for (guint i = 0; i < 20 && proxy->failures > 0; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  wait_for_label (GTK_WIDGET (orders), "could not be loaded");

  /* the row's own button, not the whole list's */
  retry = find_widget (list, is_button_saying, "Try Again");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");

  /* the proxy lets it through this time: every row on screen fills in (the
   * rows GTK keeps beyond the screen wait until they are shown) */
  {
    gint64 deadline = test_deadline (20);

    while (find_on_screen (list, is_label_containing, "could not be loaded") != NULL ||
           find_on_screen (list, is_label_containing, "Loading…") != NULL ||
           find_on_screen (list, is_label_containing, "#") == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
  g_assert_null (find_widget (list, is_button_saying, "Try Again"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (gtk_widget_get_ancestor (gtk_widget_get_parent (list),
                                                         GTK_TYPE_STACK))), ==, "list");

  close_window (window);
}

/* ------------------------------------------------------------------------ */
/* The orders asked for follow the rows on screen                           */

typedef struct
{
  FlakyProxy       *proxy;
  GtkWidget        *window;
  GtkWidget        *list;
  GtkAdjustment    *adjustment;
  GHashTable       *positions;   /* display id → position in the history */
  guint             page_size;
  guint             n_pages;
  guint             n_seen;      /* of proxy->offsets, those checked */
  GHashTable       *asked;       /* offsets asked for so far */
} Viewport;

/* The positions of the rows on screen, from their order numbers (the rows
 * say "#1042, …" to a screen reader): FALSE while one of them waits for its
 * page. */
static gboolean
rows_on_screen (Viewport *view,
                guint    *first,
                guint    *last)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (view->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_widget (child, is_of_type, (const char *) PATRON_TYPE_ORDER_ROW);
      const char *summary;
      gpointer position;

      if (row == NULL || !is_on_screen (view->list, child))
        continue;

      summary = patron_order_row_get_summary (PATRON_ORDER_ROW (row));
      if (summary[0] != '#')
        return FALSE;
      g_assert_true (g_hash_table_lookup_extended (
                       view->positions,
                       GSIZE_TO_POINTER (g_ascii_strtoull (summary + 1, NULL, 10)),
                       NULL, &position));
      *first = n == 0 ? GPOINTER_TO_UINT (position) : MIN (*first, GPOINTER_TO_UINT (position));
      *last = n == 0 ? GPOINTER_TO_UINT (position) : MAX (*last, GPOINTER_TO_UINT (position));
      n++;
    }

  return n > 0;
}

static gboolean
screen_filled (gpointer data)
{
  guint first, last;

  return rows_on_screen (data, &first, &last);
}

/* Once the list has drawn where it went and every row on screen shows its
 * order, and no request followed for a while: five times the list's settle
 * time (what a list that asks too much would ask, it asks by then). */
static void
wait_until_quiet (Viewport *view)
{
  GArray *offsets = view->proxy->offsets;
  gint64 quiet_until;

  gtk_test_widget_wait_for_draw (view->window);
  spin_until (screen_filled, view);
  for (quiet_until = g_get_monotonic_time () + 5 * PATRON_ORDERS_SETTLE_MS * 1000;
       g_get_monotonic_time () < quiet_until; )
    {
      guint seen = offsets->len;

      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (offsets->len != seen)
        quiet_until = g_get_monotonic_time () + 5 * PATRON_ORDERS_SETTLE_MS * 1000;
    }
}

/* After a gesture, once quiet: the pages asked for since the last look are exactly those of the
 * rows on screen not asked for before, each once. Returns how many. */
static guint
assert_asked_for_screen (Viewport   *view,
                         const char *gesture)
{
  GArray *offsets = view->proxy->offsets;
  g_autoptr(GHashTable) expected = g_hash_table_new (NULL, NULL);
  guint first, last;
  guint n_new;

  wait_until_quiet (view);
  g_assert_true (rows_on_screen (view, &first, &last));

  for (guint page = first / view->page_size; page <= last / view->page_size; page++)
    if (!g_hash_table_contains (view->asked, GUINT_TO_POINTER (page * view->page_size)))
      g_hash_table_add (expected, GUINT_TO_POINTER (page * view->page_size));

  n_new = offsets->len - view->n_seen;
  g_test_message ("%s: rows %u–%u on screen, %u pages asked for", gesture, first, last, n_new);
  for (; view->n_seen < offsets->len; view->n_seen++)
    {
      gpointer offset = GUINT_TO_POINTER (g_array_index (offsets, guint, view->n_seen));

      if (!g_hash_table_remove (expected, offset))
        g_error ("%s asked for the page at %u, not on screen (rows %u–%u) or asked before",
                 gesture, GPOINTER_TO_UINT (offset), first, last);
      g_hash_table_add (view->asked, offset);
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);

  return n_new;
}

/* The row at @position at the top of the screen, as dragging the scroll
 * bar puts it there. */
static void
scroll_to_row (Viewport *view,
               guint     position)
{
  double upper = gtk_adjustment_get_upper (view->adjustment);
  guint count = g_hash_table_size (view->positions);

  gtk_adjustment_set_value (view->adjustment, upper * position / count);
}

/* Pages of orders are asked for when their rows are on screen, not when the
 * list view makes rows for them (GTK 4.8 makes 200 around those on screen):
 * in a window showing about ten rows, opening the orders asks for one page;
 * End for the last page(s); Home for nothing; a jump to the middle for its
 * page; a fling for where it lands, not the pages flown over; a slow scroll
 * to the end for the pages not asked yet: every page once in all. */
static void
test_orders_page_viewport (void)
{
  g_autoptr(FlakyProxy) proxy = flaky_proxy_new (0);
  g_autoptr(PatronSession) session = patron_session_new (proxy->url);
  g_autoptr(PatronSession) direct = patron_session_new (store_url);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) all = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) asked = g_hash_table_new (NULL, NULL);
  Viewport view = { proxy, NULL, NULL, NULL, positions, 50, 0, 0, asked };
  PatronOrdersPage *orders;
  GListModel *history;
  guint count, first, last, pitch_rows;
  int chrome;

  /* the whole history in one answer, straight from the store */
  patron_session_set_keep_sessions (direct, FALSE);
  patron_session_sign_in_async (direct, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (direct, test_wait_for (&result), &error));
  g_clear_object (&result);
  medusa_order_query_set_limit (query, 1000);
  medusa_client_list_orders_async (patron_session_get_client (direct), query, NULL,
                                   test_store_result_cb, &result);
  all = medusa_client_list_orders_finish (patron_session_get_client (direct),
                                          test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  history = medusa_order_page_get_orders (all);
  count = g_list_model_get_n_items (history);
  g_assert_cmpuint (count, ==, medusa_order_page_get_count (all));
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (history, i);

      g_hash_table_insert (positions, GSIZE_TO_POINTER (medusa_order_get_display_id (order)),
                           GUINT_TO_POINTER (i));
    }
  view.n_pages = (count + view.page_size - 1) / view.page_size;
  g_test_message ("%u orders, %u pages of %u", count, view.n_pages, view.page_size);
  g_assert_cmpuint (view.n_pages, >=, 5);

  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));

  orders = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL);
  view.window = show_in_window (GTK_WIDGET (orders));
  gtk_window_set_default_size (GTK_WINDOW (view.window), 800, 600);
  patron_orders_page_set_session (orders, session);
  view.list = find_widget (GTK_WIDGET (orders), is_of_type, (const char *) GTK_TYPE_LIST_VIEW);
  view.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view.list));

  /* opening: the first page, which fills the screen */
  g_assert_cmpuint (assert_asked_for_screen (&view, "opening"), ==, 1);

  /* a window that shows ten rows */
  g_assert_true (rows_on_screen (&view, &first, &last));
  pitch_rows = last - first + 1;
  chrome = gtk_widget_get_height (view.window) - gtk_widget_get_height (view.list);
  gtk_window_set_default_size (GTK_WINDOW (view.window), 800,
                               chrome + gtk_widget_get_height (view.list) * 10 / pitch_rows);
  for (guint frames = 0; frames < 50 && (!rows_on_screen (&view, &first, &last) ||
                                         last - first + 1 != 10); frames++)
    gtk_test_widget_wait_for_draw (view.window);
  g_test_message ("rows %u–%u on screen", first, last);
  g_assert_cmpuint (last - first + 1, >=, 9);
  g_assert_cmpuint (last - first + 1, <=, 11);
  g_assert_cmpuint (assert_asked_for_screen (&view, "a smaller window"), ==, 0);

  /* End (what the key does): the last page, or the last two */
  gtk_widget_activate_action (view.list, "list.scroll-to-item", "u", count - 1);
  g_assert_cmpuint (assert_asked_for_screen (&view, "End"), >=, 1);
  g_assert_true (rows_on_screen (&view, &first, &last));
  g_assert_cmpuint (last, ==, count - 1);

  /* Home: loaded already */
  gtk_widget_activate_action (view.list, "list.scroll-to-item", "u", 0);
  g_assert_cmpuint (assert_asked_for_screen (&view, "Home"), ==, 0);
  g_assert_true (rows_on_screen (&view, &first, &last));
  g_assert_cmpuint (first, ==, 0);

  /* a fling from the top over the second and third pages, landing in the
   * fourth: a position a frame, as kinetic scrolling moves the list (GTK
   * 4.8's list view ends up at the bottom when moved twice between two
   * frames) */
  {
    const guint flown[] = { 55, 75, 95, 115, 135, 160, 170 };

    for (guint i = 0; i < G_N_ELEMENTS (flown); i++)
      {
        scroll_to_row (&view, flown[i]);
        gtk_test_widget_wait_for_draw (view.window);
      }
  }
  g_assert_cmpuint (assert_asked_for_screen (&view, "a fling"), ==, 1);
  g_assert_true (rows_on_screen (&view, &first, &last));
  g_assert_cmpuint (first / view.page_size, ==, 3);

  /* a jump to the middle (the scroll bar dragged there) */
  scroll_to_row (&view, count / 2);
  g_assert_cmpuint (assert_asked_for_screen (&view, "a jump to the middle"), >=, 1);

  /* a slow scroll from the top to the end, half a screen at a time, each
   * once its rows show: the pages not asked for yet, and every page once
   * in all */
  gtk_widget_activate_action (view.list, "list.scroll-to-item", "u", 0);
  assert_asked_for_screen (&view, "Home again");
  while (gtk_adjustment_get_value (view.adjustment) <
         gtk_adjustment_get_upper (view.adjustment) - gtk_adjustment_get_page_size (view.adjustment))
    {
      gtk_adjustment_set_value (view.adjustment,
                                gtk_adjustment_get_value (view.adjustment) +
                                gtk_adjustment_get_page_size (view.adjustment) / 2);
      gtk_test_widget_wait_for_draw (view.window);
      spin_until (screen_filled, &view);
    }
  wait_until_quiet (&view);
  for (; view.n_seen < proxy->offsets->len; view.n_seen++)
    g_assert_true (g_hash_table_add (asked, GUINT_TO_POINTER (g_array_index (proxy->offsets, guint,
                                                                              view.n_seen))));
  g_assert_cmpuint (g_hash_table_size (asked), ==, view.n_pages);
  g_assert_cmpuint (proxy->offsets->len, ==, view.n_pages);

  close_window (view.window);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  int *found = user_data;
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;

  *found = patron_secrets_lookup_finish (result, &email, &token, NULL) && token != NULL;
}

static gboolean
kept (const char *url)
{
  int found = -1;

  patron_secrets_lookup_async (url, NULL, NULL, lookup_cb, &found);
  while (found < 0)
    g_main_context_iteration (NULL, TRUE);

  return found == 1;
}

typedef struct
{
  guint n_done;
  guint n_failed;
} KeyringCalls;

static void
keyring_call_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KeyringCalls *calls = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == patron_secrets_store_async)
    ok = patron_secrets_store_finish (result, &error);
  else
    ok = patron_secrets_clear_finish (result, &error);
  if (!ok)
    {
      g_test_message ("a keyring call failed: %s", error != NULL ? error->message : "?");
      calls->n_failed++;
    }
  calls->n_done++;
}

/* Sign Out and the next sign-in, and another store's, at once: with
 * libsecret's file backend (a Flatpak's keyring) calls made together found
 * the file changed under them, and every later write failed. They go one
 * at a time, in order. */
static void
test_keyring_calls_in_turn (void)
{
  KeyringCalls calls = { 0, 0 };
  const char *other = "http://127.0.0.1:9/other-store";

  for (guint round = 0; round < 3; round++)
    {
      patron_secrets_clear_async (store_url, NULL, keyring_call_cb, &calls);
      patron_secrets_store_async (store_url, "buyer@example.com", "first.kept.token", NULL,
                                  keyring_call_cb, &calls);
      patron_secrets_store_async (other, "other@example.com", "other.kept.token", NULL,
                                  keyring_call_cb, &calls);
      patron_secrets_clear_async (other, NULL, keyring_call_cb, &calls);
      patron_secrets_store_async (store_url, "buyer@example.com", "second.kept.token", NULL,
                                  keyring_call_cb, &calls);
    }
  while (calls.n_done < 15)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (calls.n_failed, ==, 0);
  /* the last call made is the last done */
  g_assert_true (kept (store_url));
  g_assert_false (kept (other));
  {
    g_autoptr(GAsyncResult) result = NULL;

    patron_secrets_clear_async (store_url, NULL, test_store_result_cb, &result);
    g_assert_true (patron_secrets_clear_finish (test_wait_for (&result), NULL));
  }
  g_assert_false (kept (store_url));
}

/* The toast shown under @root, if any (libadwaita's widget for it). */
static GtkWidget *
find_toast_widget (GtkWidget *root)
{
  return find_widget (root, is_of_type, (const char *) g_type_from_name ("AdwToastWidget"));
}

/* A keyring that fails says so: "Keep Me Signed In" not kept to, and a kept
 * session that Sign Out could not remove, with Try Again. In a process of
 * its own, whose keyring file (libsecret's file backend, as in a Flatpak)
 * the test makes unwritable by putting a file where its folder was. */
static void
test_keyring_failures (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = g_strdup (g_getenv ("SECRET_FILE_TEST_PATH"));
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GAsyncResult) result = NULL;
      PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
      PatronSession *session;

      dir = g_path_get_dirname (g_getenv ("SECRET_FILE_TEST_PATH"));
      patron_window_start (window, store_url);
      gtk_window_present (GTK_WINDOW (window));
      session = patron_window_get_session (window);

      /* kept, then the keyring breaks: Sign Out cannot remove it */
      patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", TRUE, NULL,
                                    test_store_result_cb, &result);
      g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
      g_assert_no_error (error);
      g_assert_true (patron_session_get_remember (session));
      g_assert_true (kept (store_url));
      test_delete_tree (dir);
      g_assert_true (g_file_set_contents (dir, "", 0, NULL));

      g_clear_object (&result);
      patron_session_sign_out_async (session, NULL, test_store_result_cb, &result);
      g_assert_true (patron_session_sign_out_finish (session, test_wait_for (&result), NULL));
      wait_for_label (GTK_WIDGET (window), "The keyring did not remove the session kept at");
      /* clicked frames after it came, as a person does: libadwaita 1.2 frees a
       * toast dismissed in the very frame it appeared in twice */
      wait_for_frames (GTK_WIDGET (window), 2);
      /* the keyring mended, Try Again removes it */
      g_assert_no_errno (g_remove (dir));
      g_assert_no_errno (g_mkdir (dir, 0700));
      /* the toast's, not a page's retry */
      click (find_toast_widget (GTK_WIDGET (window)), "Try Again");
      wait_for_label (GTK_WIDGET (window), "The keyring has removed the kept session");
      g_assert_false (kept (store_url));

      /* broken again: the next sign-in is not kept, and says so */
      g_assert_no_errno (g_rmdir (dir));
      g_assert_true (g_file_set_contents (dir, "", 0, NULL));
      g_clear_object (&result);
      patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", TRUE, NULL,
                                    test_store_result_cb, &result);
      g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), NULL));
      wait_for_label (GTK_WIDGET (window), "The keyring did not keep your session");
      g_assert_false (patron_session_get_remember (session));
      /* nor in memory: libsecret's file backend keeps an item it could not
       * write, which a later lookup in this process would find */
      g_assert_false (kept (store_url));

      g_assert_no_errno (g_remove (dir));
      close_window (GTK_WIDGET (window));
      return;
    }

  dir = g_dir_make_tmp ("patron-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "test.keyring", NULL);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("SECRET_FILE_TEST_PATH", before, TRUE);
  test_delete_tree (dir);
  g_test_trap_assert_passed ();
}

/* An offline copy that Sign Out could not all remove is said, with Try
 * Again: the next person at this computer could read it. (Here something
 * Patron did not write sits in the copy's folder; a person would see a
 * folder they may not write to, or a disk gone read-only.) */
static void
test_copy_not_removed (void)
{
  PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stray = NULL;
  g_autofree char *store_directory = NULL;
  PatronAccountCache *copy;
  PatronSession *session;

  patron_window_start (window, store_url);
  gtk_window_present (GTK_WINDOW (window));
  session = patron_window_get_session (window);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", TRUE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_assert_no_error (error);
  copy = patron_session_get_account_cache (session);
  g_assert_nonnull (copy);
  patron_account_cache_sync (copy);
  store_directory = g_path_get_dirname (patron_account_cache_get_path (copy));
  stray = g_build_filename (patron_account_cache_get_path (copy), "stray", NULL);
  g_assert_no_errno (g_mkdir (stray, 0700));

  g_clear_object (&result);
  patron_session_sign_out_async (session, NULL, test_store_result_cb, &result);
  g_assert_true (patron_session_sign_out_finish (session, test_wait_for (&result), NULL));
  wait_for_label (GTK_WIDGET (window), "Patron could not remove the offline copy of an account at");
  g_assert_true (g_file_test (store_directory, G_FILE_TEST_IS_DIR));
  /* libadwaita 1.2 frees a toast dismissed in the frame it appeared in twice */
  wait_for_frames (GTK_WIDGET (window), 2);

  g_assert_no_errno (g_rmdir (stray));
  click (find_toast_widget (GTK_WIDGET (window)), "Try Again");
  wait_for_label (GTK_WIDGET (window), "The offline copy has been removed");
  g_assert_false (g_file_test (store_directory, G_FILE_TEST_EXISTS));
  close_window (GTK_WIDGET (window));
}

/* A start that cannot read the keyring says so on the sign-in page: a
 * session kept there may be lost (it went to the sign-in page without a
 * word). In a process of its own, whose keyring file's folder is a file
 * from the start. */
static void
test_keyring_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *before = g_strdup (g_getenv ("SECRET_FILE_TEST_PATH"));
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);

      patron_window_start (window, store_url);
      gtk_window_present (GTK_WINDOW (window));
      wait_for_label (GTK_WIDGET (window), "The keyring could not be read, so a session kept");
      g_assert_cmpstr (patron_window_get_visible_page (window), ==, "sign-in");
      close_window (GTK_WIDGET (window));
      return;
    }

  dir = g_dir_make_tmp ("patron-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_rmdir (dir));
  g_assert_true (g_file_set_contents (dir, "", 0, NULL));
  {
    g_autofree char *path = g_build_filename (dir, "test.keyring", NULL);

    g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("SECRET_FILE_TEST_PATH", before, TRUE);
  g_assert_no_errno (g_remove (dir));
  g_test_trap_assert_passed ();
}

static gboolean
forgotten (gpointer data)
{
  return !kept (data);
}

/* the count is the visit's: none without */
static int
session_order_count (PatronSession *session)
{
  PatronVisit *visit = patron_session_get_visit (session);

  return visit != NULL ? patron_visit_get_order_count (visit) : -1;
}

static gboolean
order_count_known (gpointer data)
{
  return session_order_count (data) >= 0;
}

/* The session counts the customer's orders once signed in (the account's
 * summary, and the orders list's length before its first page), and forgets
 * the count on signing out. */
static void
test_session_order_count (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  patron_session_set_keep_sessions (session, FALSE);
  g_assert_cmpint (session_order_count (session), ==, -1);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_clear_object (&result);
  spin_until (order_count_known, session);

  medusa_order_query_set_limit (query, 1);
  medusa_client_list_orders_async (patron_session_get_client (session), query, NULL,
                                   test_store_result_cb, &result);
  page = medusa_client_list_orders_finish (patron_session_get_client (session),
                                           test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (session_order_count (session), ==,
                   medusa_order_page_get_count (page));
  g_assert_cmpint (session_order_count (session), >, 0);
  g_clear_object (&result);

  patron_session_sign_out_async (session, NULL, test_store_result_cb, &result);
  patron_session_sign_out_finish (session, test_wait_for (&result), NULL);
  g_assert_cmpint (session_order_count (session), ==, -1);
}

/* The preferences change the settings they show, and the settings take
 * effect at once: counter mode forgets a kept session. The orders are asked
 * for in pages of the size chosen from measurements, which is no
 * preference. */
static void
test_preferences (void)
{
  g_autoptr(FlakyProxy) proxy = flaky_proxy_new (0);
  g_autoptr(PatronSession) session = patron_session_new (proxy->url);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.patronapp.Patron");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PatronPreferencesWindow *preferences;
  PatronOrdersPage *orders;
  GtkWidget *window;
  GtkWidget *toggle;

  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", TRUE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_assert_true (kept (patron_session_get_store_url (session)));

  orders = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL);
  window = show_in_window (GTK_WIDGET (orders));
  patron_orders_page_set_session (orders, session);
  /* an order's row: the first page has come (the count may come first) */
  wait_for_label (GTK_WIDGET (orders), " items, ");
  g_assert_cmpstr (proxy->last_page_limit, ==, G_STRINGIFY (PATRON_ORDERS_PAGE_SIZE));

  preferences = patron_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_null (find_widget (GTK_WIDGET (preferences), is_row_titled, "Orders per Request"));

  toggle = find_widget (GTK_WIDGET (preferences), is_of_type, (const char *) GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "counter-mode"));
  patron_session_set_keep_sessions (session, FALSE);
  spin_until (forgotten, (gpointer) patron_session_get_store_url (session));
  g_assert_true (patron_session_get_signed_in (session));

  gtk_window_destroy (GTK_WINDOW (preferences));
  close_window (window);
  g_settings_reset (settings, "counter-mode");
}

static gboolean
export_idle (gpointer data)
{
  GtkWidget *label = find_widget (data, is_label_containing, "Exporting");

  /* the bar that said so is gone */
  return label == NULL ||
         !gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (label,
                                                                               GTK_TYPE_REVEALER)));
}

static guint
count_lines (GFile *file)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  for (const char *p = contents; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

/* Export as CSV writes every order the filters match, shows how far it got,
 * can be cancelled without leaving a file, and says why it failed. */
static void
test_orders_page_export (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("patron-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "Orders.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "gone", "Orders.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
  g_autofree char *exported = NULL;
  PatronOrdersPage *orders;
  GtkWidget *count;
  GtkWidget *window;
  guint n_orders;

  g_assert_no_error (error);
  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));

  orders = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL);
  window = show_in_window (GTK_WIDGET (orders));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  patron_orders_page_set_session (orders, session);
  count = wait_for_label (GTK_WIDGET (orders), "Showing ");
  g_assert_cmpint (sscanf (gtk_label_get_text (GTK_LABEL (count)), "Showing %u", &n_orders),
                   ==, 1);

  /* cancelled at once: no file */
  patron_orders_page_export (orders, file);
  wait_for_label (GTK_WIDGET (orders), "Exporting");
  gtk_widget_activate_action (GTK_WIDGET (orders), "orders.close-export", NULL);
  spin_until (export_idle, orders);
  g_assert_false (g_file_query_exists (file, NULL));

  /* all of them, one line each under the header */
  patron_orders_page_export (orders, file);
  exported = g_strdup_printf ("Exported %u orders to Orders.csv", n_orders);
  wait_for_label (GTK_WIDGET (orders), exported);
  g_assert_cmpuint (count_lines (file), ==, n_orders + 1);
  /* whole rows, although the list asks the store only for what it shows */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
    g_assert_nonnull (strstr (contents, ",buyer@example.com\r\n"));
  }
  gtk_widget_activate_action (GTK_WIDGET (orders), "orders.close-export", NULL);

  /* a folder that went away is named as the reason */
  patron_orders_page_export (orders, nowhere);
  wait_for_label (GTK_WIDGET (orders), "The folder to save in is not there");
  g_assert_false (g_file_query_exists (nowhere, NULL));

  close_window (window);
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

static MedusaOrder *parcels_order (MedusaClient *client);

static void
test_order_window (void)
{
  g_autoptr(MedusaClient) client = medusa_client_new (store_url);
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrder) shipped = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *total = NULL;
  PatronOrderWindow *window;
  GdkClipboard *clipboard;

  medusa_client_sign_in_async (client, "buyer@example.com", "buyer-pass-123",
                               MEDUSA_AUTH_MODE_TOKEN, NULL, test_store_result_cb, &result);
  customer = medusa_client_sign_in_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  shipped = parcels_order (client);

  window = patron_order_window_new (NULL, client, medusa_order_get_id (shipped));
  gtk_window_present (GTK_WINDOW (window));
  number = g_strdup_printf ("Order #%" G_GINT64_FORMAT, medusa_order_get_display_id (shipped));
  wait_for_label (GTK_WIDGET (window), number);
  wait_for_label (GTK_WIDGET (window), "1Z999AA10123456784");
  wait_for_label (GTK_WIDGET (window), "1Z999AA10123456786");
  wait_for_label (GTK_WIDGET (window), "Parcel 2");
  wait_for_label (GTK_WIDGET (window), "Completed");
  total = g_strdup_printf ("USD %" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                           medusa_order_get_total (shipped) / 100,
                           medusa_order_get_total (shipped) % 100);
  wait_for_label (GTK_WIDGET (window), total);

  /* "Copy Order Number" */
  gtk_widget_activate_action (GTK_WIDGET (window), "order.copy-number", NULL);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_assert_true (gdk_clipboard_is_local (clipboard));

  close_window (GTK_WIDGET (window));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, patron_order_row_new ());
}

static void
bind_message_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkStringObject *message = gtk_list_item_get_item (item);

  patron_order_row_set_message (PATRON_ORDER_ROW (gtk_list_item_get_child (item)),
                                gtk_string_object_get_string (message), FALSE);
}

/* the height of each row of @list, in 300 px, or -1 if they differ */
static int
rows_height (GtkWidget *list,
             guint      n_rows)
{
  int height = -1;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_widget (child, is_of_type, (const char *) PATRON_TYPE_ORDER_ROW);
      int natural;

      if (row == NULL)
        continue;
      gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, 300, NULL, &natural, NULL, NULL);
      if (height != -1 && natural != height)
        return -1;
      height = natural;
      n++;
    }
  g_assert_cmpuint (n, ==, n_rows);

  return height;
}

/* The rows of a list share their measures of a text (the placeholders all
 * say "Loading…"), but not across a change of font: rows made after it are
 * as tall as those made before, which measured themselves again. */
static void
test_order_rows_share_measures (void)
{
  const char * const loading[] = { "Loading…", "Loading…", "Loading…", NULL };
  g_autoptr(GtkStringList) messages = gtk_string_list_new (loading);
  g_autofree char *font = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;
  GtkWidget *window;
  int before;
  int after;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_message_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                              g_object_ref (G_LIST_MODEL (messages)))),
                            factory);
  window = show_in_window (list);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 600);
  gtk_test_widget_wait_for_draw (window);
  before = rows_height (list, 3);
  g_assert_cmpint (before, >, 0);

  g_object_get (gtk_settings_get_default (), "gtk-font-name", &font, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-font-name", "Sans 30", NULL);
  gtk_test_widget_wait_for_draw (window);
  after = rows_height (list, 3);
  g_assert_cmpint (after, >, before);

  gtk_string_list_splice (messages, 3, 0, loading);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (rows_height (list, 6), ==, after);

  g_object_set (gtk_settings_get_default (), "gtk-font-name", font, NULL);
  close_window (window);
}

/* The text nodes under @node, with where they are drawn, in drawing order. */
static void
collect_texts (GskRenderNode *node,
               float          dx,
               float          dy,
               GArray        *bounds)
{
  GskRenderNodeType type = gsk_render_node_get_node_type (node);

  if (type == GSK_TEXT_NODE)
    {
      graphene_rect_t rect;

      gsk_render_node_get_bounds (node, &rect);
      rect.origin.x += dx;
      rect.origin.y += dy;
      g_array_append_val (bounds, rect);
    }
  else if (type == GSK_CONTAINER_NODE)
    {
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_texts (gsk_container_node_get_child (node, i), dx, dy, bounds);
    }
  else if (type == GSK_TRANSFORM_NODE)
    {
      GskTransform *transform = gsk_transform_node_get_transform (node);
      float x = 0, y = 0;

      g_assert_cmpint (gsk_transform_get_category (transform), >=,
                       GSK_TRANSFORM_CATEGORY_2D_TRANSLATE);
      gsk_transform_to_translate (transform, &x, &y);
      collect_texts (gsk_transform_node_get_child (node), dx + x, dy + y, bounds);
    }
  else if (type == GSK_CLIP_NODE)
    collect_texts (gsk_clip_node_get_child (node), dx, dy, bounds);
  else if (type == GSK_OPACITY_NODE)
    collect_texts (gsk_opacity_node_get_child (node), dx, dy, bounds);
}

/* Where a row of @width draws its number, date, status and total. */
static GArray *
row_texts (GtkTextDirection  direction,
           int               width,
           const char       *status)
{
  GtkWidget *row = patron_order_row_new ();
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  GtkWidget *window;

  gtk_widget_set_direction (row, direction);
  patron_order_row_set_order (PATRON_ORDER_ROW (row), "#1042", "28/11/2026 · 3 items", status,
                              "USD 86.00");
  window = show_in_window (row);
  gtk_window_set_default_size (GTK_WINDOW (window), width, -1);
  /* drawn at its new width: the frame that allocates it, then one that draws it */
  for (guint frames = 0; frames < 20 && gtk_widget_get_width (row) != width; frames++)
    gtk_test_widget_wait_for_draw (window);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (gtk_widget_get_width (row), ==, width);

  gdk_paintable_snapshot (paintable, snapshot, width, gtk_widget_get_height (row));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  collect_texts (node, 0, 0, bounds);

  close_window (window);
  return bounds;
}

/* Right to left, a row is its left-to-right self mirrored: the number at
 * the right, the date and status against it, the total at the left. A
 * status too long for its line wraps the same way, in the same column,
 * mirrored; its lines are aligned as a label's would be (an English
 * paragraph's to the left, a Hebrew one's to the right). */
static void
test_order_row_mirrored (void)
{
  const int width = 500;

  {
    g_autoptr(GArray) ltr = row_texts (GTK_TEXT_DIR_LTR, width, "Placed · Shipped · Paid");
    g_autoptr(GArray) rtl = row_texts (GTK_TEXT_DIR_RTL, width, "Placed · Shipped · Paid");

    g_assert_cmpuint (ltr->len, ==, 4);
    g_assert_cmpuint (rtl->len, ==, ltr->len);
    for (guint i = 0; i < ltr->len; i++)
      {
        graphene_rect_t *l = &g_array_index (ltr, graphene_rect_t, i);
        graphene_rect_t *r = &g_array_index (rtl, graphene_rect_t, i);
        float mirrored_x = width - (l->origin.x + l->size.width);

        g_test_message ("text %u: x %.0f left to right, %.0f right to left (mirrored: %.0f)",
                        i, l->origin.x, r->origin.x, mirrored_x);
        /* ink, not logical, extents: a glyph's side bearings */
        g_assert_cmpfloat (fabsf (r->origin.x - mirrored_x), <=, 3);
        g_assert_cmpfloat (fabsf (r->size.width - l->size.width), <=, 1);
        g_assert_cmpfloat (r->origin.y, ==, l->origin.y);
      }
  }

  {
    const char *status = "Requires action · Partially fulfilled · Partially refunded · "
                         "Awaiting payment";
    g_autoptr(GArray) ltr = row_texts (GTK_TEXT_DIR_LTR, width, status);
    g_autoptr(GArray) rtl = row_texts (GTK_TEXT_DIR_RTL, width, status);
    graphene_rect_t *number = &g_array_index (rtl, graphene_rect_t, 0);
    graphene_rect_t *total = &g_array_index (rtl, graphene_rect_t, rtl->len - 1);

    /* number, date, two lines or more, total */
    g_assert_cmpuint (ltr->len, >=, 5);
    g_assert_cmpuint (rtl->len, ==, ltr->len);
    g_assert_cmpfloat (total->origin.x + total->size.width, <, number->origin.x);
    for (guint i = 1; i + 1 < rtl->len; i++)
      {
        graphene_rect_t *l = &g_array_index (ltr, graphene_rect_t, i);
        graphene_rect_t *r = &g_array_index (rtl, graphene_rect_t, i);

        g_test_message ("line %u: x %.0f to %.0f right to left, between %.0f and %.0f", i,
                        r->origin.x, r->origin.x + r->size.width,
                        total->origin.x + total->size.width, number->origin.x);
        g_assert_cmpfloat (r->origin.x, >, total->origin.x + total->size.width);
        g_assert_cmpfloat (r->origin.x + r->size.width, <, number->origin.x);
        g_assert_cmpfloat (r->origin.y, ==, l->origin.y);
      }
  }
}

static gboolean
is_status_page_titled (GtkWidget  *widget,
                       const char *title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static AdwStatusPage *
status_page (PatronWindow *window,
             const char   *title)
{
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_status_page_titled, title);

  g_assert_nonnull (page);
  return ADW_STATUS_PAGE (page);
}

static void
test_orders_page_empty (void)
{
  g_autofree char *email = NULL;
  PatronWindow *window = new_account_window ("no-orders", "no-orders-pass-1", &email);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  /* on screen, not only made: the stack keeps every state */
  spin_until (is_mapped, status_page (window, "No Orders Yet"));
  /* each state's icon is loaded when the state is first shown */
  g_assert_cmpstr (adw_status_page_get_icon_name (status_page (window, "No Orders Yet")), ==,
                   "folder-documents-symbolic");
  g_assert_null (adw_status_page_get_icon_name (status_page (window, "No Matching Orders")));
  g_assert_null (adw_status_page_get_icon_name (status_page (window, "Orders Could Not Be Loaded")));
  close_window (GTK_WIDGET (window));
}

static void
test_unsaved_changes_asked (void)
{
  g_autofree char *email = NULL;
  PatronWindow *window = new_account_window ("unsaved", "unsaved-pass-1", &email);
  AdwMessageDialog *dialog;

  g_object_ref (window);
  gtk_editable_set_text (row (account_page (window), "First Name"), "Changed");
  gtk_window_close (GTK_WINDOW (window));
  spin_until (has_dialog, NULL);
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Unsaved Changes?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_editable_get_text (row (account_page (window), "First Name")), ==,
                   "Changed");

  gtk_window_close (GTK_WINDOW (window));
  spin_until (has_dialog, NULL);
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

static void
test_store_page_warns_without_encryption (void)
{
  PatronStorePage *page = g_object_new (PATRON_TYPE_STORE_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));
  AdwMessageDialog *dialog;

  /* not this machine, not https: the user must accept the risk first */
  patron_store_page_set_url (page, "http://shop.example.com");
  click (GTK_WIDGET (page), "Connect");
  spin_until (has_dialog, NULL);
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Connect Without Encryption?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "http://shop.example.com"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* declined: nothing was asked of that address, the form is as it was */
  g_assert_true (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (page), is_button_saying,
                                                        "Connect")));
  g_assert_null (find_widget (GTK_WIDGET (page), is_label_containing, "cannot reach"));

  /* on this machine plain http needs no warning */
  patron_store_page_set_url (page, "http://127.0.0.1:9");
  click (GTK_WIDGET (page), "Connect");
  g_assert_null (find_dialog ());
  wait_for_label (GTK_WIDGET (page), "cannot reach the store");

  /* another address asked about: the last one's failure is not left beside the question */
  patron_store_page_set_url (page, "http://shop.example.com");
  click (GTK_WIDGET (page), "Connect");
  spin_until (has_dialog, NULL);
  g_assert_null (find_widget (GTK_WIDGET (page), is_label_containing, "cannot reach"));
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  close_window (window);
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (patron_secrets_store_finish (result, NULL));
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
on_page (gpointer data)
{
  GtkWidget *window = data;

  return find_widget (window, is_label_containing, "Your session has expired") != NULL;
}

/* A start that resumes a kept session makes only the pages it shows: the
 * sign-in, register, forgot, reset, store and orders pages are made when
 * first asked for. It asks only for what it shows: the customer and the
 * account's order count; the orders when they are shown. */
static void
test_window_makes_pages_when_needed (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const GType lazy[] = {
    PATRON_TYPE_STORE_PAGE, PATRON_TYPE_SIGN_IN_PAGE, PATRON_TYPE_REGISTER_PAGE,
    PATRON_TYPE_FORGOT_PAGE, PATRON_TYPE_RESET_PAGE, PATRON_TYPE_ORDERS_PAGE,
  };
  g_autofree char *showing = NULL;
  PatronSession *restored;
  PatronWindow *window;
  int count;

  /* a session kept in the keyring, as "Keep Me Signed In" does */
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", TRUE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_true (kept (store_url));

  window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  patron_window_start (window, store_url);
  gtk_window_present (GTK_WINDOW (window));
  restored = patron_window_get_session (window);
  /* "Signing In…": the account page comes with the customer */
  g_assert_false (patron_session_get_signed_in (restored));
  g_assert_null (find_widget (GTK_WIDGET (window), is_of_type,
                              (const char *) PATRON_TYPE_ACCOUNT_PAGE));
  spin_until (is_signed_in, restored);
  wait_for_label (GTK_WIDGET (window), "Signed in as");

  for (guint i = 0; i < G_N_ELEMENTS (lazy); i++)
    g_assert_null (find_widget (GTK_WIDGET (window), is_of_type, (const char *) lazy[i]));

  /* the customer and the count (one order): no page of orders ahead */
  spin_until (order_count_known, restored);
  count = session_order_count (restored);
  g_assert_cmpint (count, >, 0);
  g_assert_cmpuint (medusa_client_get_request_count (patron_session_get_client (restored)), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_of_type,
                                 (const char *) PATRON_TYPE_ORDERS_PAGE));
  /* the first page, asked for when shown: one request */
  showing = g_strdup_printf ("Showing %d orders", count);
  wait_for_label (GTK_WIDGET (window), showing);
  wait_for_label (GTK_WIDGET (window), " items, ");
  g_assert_cmpuint (medusa_client_get_request_count (patron_session_get_client (restored)), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "sign-in",
                              "buyer@example.com");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_of_type,
                                 (const char *) PATRON_TYPE_SIGN_IN_PAGE));

  close_window (GTK_WIDGET (window));
  patron_secrets_clear_async (store_url, NULL, test_store_result_cb, &result);
  g_assert_true (patron_secrets_clear_finish (test_wait_for (&result), NULL));
}

static void
test_expired_session_back_to_sign_in (void)
{
  PatronWindow *window;
  GtkWidget *sign_in;
  gboolean done = FALSE;

  /* a revoked session in the keyring for this store */
  patron_secrets_store_async (store_url, "buyer@example.com", "revoked.token.value", NULL,
                              store_done_cb, &done);
  spin_until (is_true, &done);

  window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  patron_window_start (window, store_url);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (on_page, window);

  g_assert_false (patron_session_get_signed_in (patron_window_get_session (window)));
  sign_in = find_widget (GTK_WIDGET (window), is_of_type, (const char *) PATRON_TYPE_SIGN_IN_PAGE);
  g_assert_nonnull (sign_in);
  g_assert_cmpstr (gtk_editable_get_text (row (sign_in, "Email Address")), ==,
                   "buyer@example.com");

  close_window (GTK_WIDGET (window));
}

/* The frames painted until the account's: none with "Signing In…" (or a
 * blank page) once the customer is there. */
static void
paint_until_signed_in_cb (GdkFrameClock *clock,
                          PatronWindow  *window)
{
  guint *n_loading_signed_in = g_object_get_data (G_OBJECT (clock), "loading-signed-in");
  gboolean *account_painted = g_object_get_data (G_OBJECT (clock), "account-painted");
  PatronSession *session = patron_window_get_session (window);

  if (!patron_session_get_signed_in (session))
    return;
  if (g_strcmp0 (patron_window_get_visible_page (window), "account") != 0)
    (*n_loading_signed_in)++;
  else
    *account_painted = TRUE;
}

/* Patron started on a store where a session is kept resumes it with what it
 * asked for before its window existed (PatronApplication's startup): the
 * customer is not asked for again. The window's first frame does not wait
 * for it, and it is the account's when the customer came before it: no
 * frame shows anything else once the customer is there. Then only the order
 * count goes out, and the first page of orders once they are shown. */
static void
test_window_resumes_ahead (void)
{
  g_autoptr(PatronSession) keeper = patron_session_new (store_url);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.patronapp.Patron");
  g_autoptr(PatronApplication) app = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_loading_signed_in = 0;
  gboolean account_painted = FALSE;
  PatronSession *session;
  GtkWindow *window;
  GdkFrameClock *clock;

  patron_session_sign_in_async (keeper, "buyer@example.com", "buyer-pass-123", TRUE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (keeper, test_wait_for (&result), &error));
  g_assert_true (patron_session_get_remember (keeper));
  g_clear_object (&result);
  g_settings_set_string (settings, "store-url", store_url);

  /* an id of its own, no D-Bus name to own */
  app = patron_application_new ("io.github.patronapp.Patron.Ahead", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (PATRON_IS_WINDOW (window));
  session = patron_window_get_session (PATRON_WINDOW (window));
  g_assert_nonnull (session);
  g_assert_cmpstr (patron_session_get_store_url (session), ==, store_url);
  /* the application keeps no other */
  g_assert_null (patron_application_take_session (app, store_url));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (clock);
  g_object_set_data (G_OBJECT (clock), "loading-signed-in", &n_loading_signed_in);
  g_object_set_data (G_OBJECT (clock), "account-painted", &account_painted);
  g_signal_connect (clock, "after-paint", G_CALLBACK (paint_until_signed_in_cb), window);
  spin_until (is_true, &account_painted);
  g_assert_cmpuint (n_loading_signed_in, ==, 0);
  g_signal_handlers_disconnect_by_func (clock, paint_until_signed_in_cb, window);

  spin_until (order_count_known, session);
  g_assert_cmpuint (medusa_client_get_request_count (patron_session_get_client (session)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_label (GTK_WIDGET (window), " items, ");
  g_assert_cmpuint (medusa_client_get_request_count (patron_session_get_client (session)), ==, 2);

  close_window (GTK_WIDGET (window));
  g_settings_reset (settings, "store-url");
  patron_secrets_clear_async (store_url, NULL, test_store_result_cb, &result);
  g_assert_true (patron_secrets_clear_finish (test_wait_for (&result), NULL));
}

/* ------------------------------------------------------------------------ */
/* Narrow windows: every page and dialog usable at 360 × 600 (a phone)       */

#define NARROW_WIDTH  360
#define NARROW_HEIGHT 600

static const char *const page_names[] = {
  "store", "welcome", "sign-in", "register", "forgot", "reset", "account", "orders",
};

static GtkWidget *
content_of (GtkWidget *window)
{
  if (ADW_IS_APPLICATION_WINDOW (window))
    return adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  if (ADW_IS_WINDOW (window))
    return adw_window_get_content (ADW_WINDOW (window));
  return gtk_window_get_child (GTK_WINDOW (window));
}

static int
min_width (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static void
describe_widget (GtkWidget *widget,
                 GString   *out)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  g_string_append_printf (out, "%s", G_OBJECT_TYPE_NAME (widget));
  if (id != NULL && !g_str_has_prefix (id, "___"))   /* not GtkBuilder's own */
    g_string_append_printf (out, "#%s", id);
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, " “%s”", gtk_label_get_text (GTK_LABEL (widget)));
  g_string_append_printf (out, " %d px", min_width (widget));
}

/* The deepest widgets that ask for more than @limit: where a layout to fix is.
 * A box too wide only by the sum of its children lists them with their widths. */
static void
find_too_wide (GtkWidget *widget,
               int        limit,
               GString   *culprits)
{
  gboolean child_too_wide = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && !GTK_IS_NATIVE (child) && min_width (child) > limit)
      {
        find_too_wide (child, limit, culprits);
        child_too_wide = TRUE;
      }

  if (child_too_wide)
    return;

  g_string_append (culprits, culprits->len > 0 ? "; " : "");
  describe_widget (widget, culprits);
  g_string_append (culprits, " = [");
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && !GTK_IS_NATIVE (child))
      {
        describe_widget (child, culprits);
        if (gtk_widget_get_next_sibling (child) != NULL)
          g_string_append (culprits, ", ");
      }
  g_string_append (culprits, "]");
}

/* Widgets that stick out sideways of @root once it has its narrow size. */
static void
find_cut (GtkWidget *root,
          GtkWidget *widget,
          GString   *culprits)
{
  graphene_rect_t bounds;

  /* overlay scrollbars sit on the edge by design */
  if (!gtk_widget_get_mapped (widget) || GTK_IS_NATIVE (widget) || GTK_IS_SCROLLBAR (widget))
    return;

  /* 1 px over: a header bar's own negative margin */
  if (gtk_widget_compute_bounds (widget, root, &bounds) &&
      (bounds.origin.x < -1.5 ||
       bounds.origin.x + bounds.size.width > gtk_widget_get_width (root) + 1.5))
    {
      g_string_append (culprits, culprits->len > 0 ? "; " : "");
      describe_widget (widget, culprits);
      g_string_append_printf (culprits, " at x %.0f–%.0f", bounds.origin.x,
                              bounds.origin.x + bounds.size.width);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_cut (root, child, culprits);
}

static gboolean
has_narrow_size (gpointer data)
{
  GtkWidget *content = content_of (data);

  return gtk_widget_get_width (content) == NARROW_WIDTH &&
         gtk_widget_get_height (content) == NARROW_HEIGHT;
}

/* Gives @window's content 360 × 600 px. The default size also counts the
 * client-side borders (5 px each side under Xvfb): whatever it exceeds the
 * content by at its present size. */
static void
resize_to_narrow (GtkWidget *window)
{
  GtkWidget *content = content_of (window);
  gint64 deadline = test_deadline (5);
  int width, height;

  gtk_test_widget_wait_for_draw (window);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window),
                               NARROW_WIDTH + MAX (0, width - gtk_widget_get_width (content)),
                               NARROW_HEIGHT + MAX (0, height - gtk_widget_get_height (content)));
  while (!has_narrow_size (window) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
collect_menu_buttons (GtkWidget  *widget,
                      GPtrArray  *buttons)
{
  if (!gtk_widget_get_mapped (widget) || GTK_IS_NATIVE (widget))
    return;
  if (GTK_IS_MENU_BUTTON (widget))
    g_ptr_array_add (buttons, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_buttons (child, buttons);
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* Whether the box of @popover, as placed on screen, runs past the window of
 * @button: the surfaces' positions, less the shadows round them. */
static void
popover_outside (GtkMenuButton *button,
                 GtkWidget     *popover,
                 GString       *culprits)
{
  GtkNative *window = gtk_widget_get_native (GTK_WIDGET (button));
  GdkSurface *surface;
  double window_x, window_y, popover_x, popover_y;
  int left, right;

  gtk_test_widget_wait_for_draw (popover);
  surface = gtk_native_get_surface (GTK_NATIVE (popover));
  gtk_native_get_surface_transform (window, &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  left = gdk_popup_get_position_x (GDK_POPUP (surface)) + (int) popover_x;
  right = left + gtk_widget_get_width (popover) - 2 * (int) popover_x;
  g_test_message ("the popover of %s: x %d–%d in a window %d–%d",
                  gtk_widget_get_tooltip_text (GTK_WIDGET (button)), left, right,
                  (int) window_x, (int) window_x + gtk_widget_get_width (GTK_WIDGET (window)));
  if (left < window_x || right > window_x + gtk_widget_get_width (GTK_WIDGET (window)))
    g_string_append_printf (culprits, "%sthe popover of %s runs past the window (x %d–%d)",
                            culprits->len > 0 ? "; " : "",
                            gtk_widget_get_tooltip_text (GTK_WIDGET (button)), left, right);
}

/* Menus and popovers open from @content no wider than the screen. */
static void
find_wide_popovers (GtkWidget *content,
                    GString   *culprits)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_menu_buttons (content, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = buttons->pdata[i];
      GtkWidget *popover;

      gtk_menu_button_popup (button);
      spin_until (popover_shown, button);
      popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
      g_test_message ("the popover of %s: at least %d px across",
                      gtk_widget_get_tooltip_text (GTK_WIDGET (button)), min_width (popover));
      popover_outside (button, popover, culprits);
      if (min_width (popover) > NARROW_WIDTH)
        {
          g_string_append_printf (culprits, "%sthe popover of %s needs %d px across: ",
                                  culprits->len > 0 ? "; " : "",
                                  gtk_widget_get_tooltip_text (GTK_WIDGET (button)),
                                  min_width (popover));
          find_too_wide (popover, NARROW_WIDTH, culprits);
        }
      gtk_menu_button_popdown (button);
    }
}

/* %NULL if @window's content fits 360 × 600, else what keeps it from it:
 * the content asks for no more than that (at 360 px wide, its height
 * too), the window really takes that size, and nothing then sticks out. */
static char *
narrow_problems (GtkWidget *window)
{
  GtkWidget *content = content_of (window);
  g_autoptr(GString) problems = g_string_new (NULL);
  int min_height;

  g_test_message ("%s: content at least %d px across", G_OBJECT_TYPE_NAME (window),
                  min_width (content));
  if (min_width (content) > NARROW_WIDTH)
    {
      find_too_wide (content, NARROW_WIDTH, problems);
      return g_strdup_printf ("%s needs %d px across: %s", G_OBJECT_TYPE_NAME (window),
                              min_width (content), problems->str);
    }

  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, NARROW_WIDTH,
                      &min_height, NULL, NULL, NULL);
  if (min_height > NARROW_HEIGHT)
    return g_strdup_printf ("%s needs %d px down at %d px across",
                            G_OBJECT_TYPE_NAME (window), min_height, NARROW_WIDTH);

  resize_to_narrow (window);
  if (!has_narrow_size (window))
    return g_strdup_printf ("%s stays %d × %d px", G_OBJECT_TYPE_NAME (window),
                            gtk_widget_get_width (content), gtk_widget_get_height (content));

  /* let the rows that only now have their width settle */
  gtk_test_widget_wait_for_draw (window);
  find_cut (content, content, problems);
  if (problems->len > 0)
    g_string_prepend (problems, "cut off at 360 px: ");
  find_wide_popovers (content, problems);

  return problems->len > 0 ? g_string_free (g_steal_pointer (&problems), FALSE) : NULL;
}

/* The seeded order that shipped in two parcels with tracking numbers (the
 * bulk clones say "shipped" too, but have no parcels). */
static MedusaOrder *
parcels_order (MedusaClient *client)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *statuses[] = { "shipped", NULL };
  GListModel *orders;
  MedusaOrder *shipped = NULL;

  medusa_order_query_set_fulfillment_statuses (query, statuses);
  medusa_order_query_set_limit (query, 300);
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);
  page = medusa_client_list_orders_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  for (guint i = 0; i < g_list_model_get_n_items (orders) && shipped == NULL; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      if (g_list_model_get_n_items (medusa_order_get_fulfillments (order)) >= 2)
        shipped = g_object_ref (order);
    }
  g_assert_nonnull (shipped);

  return shipped;
}

/* The main window, signed in as the seeded customer (addresses, orders). */
static PatronWindow *
buyer_window (void)
{
  PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PatronSession *session;

  patron_window_start (window, store_url);
  gtk_window_present (GTK_WINDOW (window));
  session = patron_window_get_session (window);
  patron_session_set_keep_sessions (session, FALSE);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  wait_for_label (GTK_WIDGET (window), "Signed in as");

  return window;
}

static gboolean
window_settled (gpointer data)
{
  return !patron_window_get_transition_running (data);
}

static void
test_narrow_page (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_SCHEMA);
  PatronWindow *window = buyer_window ();
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (window), is_of_type,
                                            (const char *) GTK_TYPE_STACK));
  g_autofree char *problems = NULL;

  if (g_str_equal (name, "reset"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-reset", "(ss)",
                                "buyer@example.com", "a.token.value");
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)",
                                name, "buyer@example.com");
  /* the longest the sign-in page gets: a sentence above the form */
  if (g_str_equal (name, "sign-in"))
    patron_sign_in_page_set_message (PATRON_SIGN_IN_PAGE (gtk_stack_get_visible_child (stack)),
                                     "Your session has expired or was ended. "
                                     "Please sign in again.");
  if (g_str_equal (name, "orders"))
    wait_for_label (GTK_WIDGET (window), "Showing");
  /* the list of stores, with the longest address a host name allows */
  if (g_str_equal (name, "store"))
    {
      g_autofree char *label = g_strnfill (63, 'a');
      g_autofree char *path = g_strnfill (200, 'p');
      g_autofree char *long_url = g_strdup_printf ("https://%s.%s.%s.example.com/%s", label,
                                                   label, label, path);

      g_settings_set_strv (settings, "recent-stores",
                           (const char * const[]) { long_url, store_url, NULL });
      wait_for_label (GTK_WIDGET (window), "Your Stores");
    }
  g_assert_cmpstr (patron_window_get_visible_page (window), ==, name);
  spin_until (window_settled, window);

  problems = narrow_problems (GTK_WIDGET (window));
  if (problems != NULL)
    g_test_fail_printf ("the %s page: %s", name, problems);
  g_settings_reset (settings, "recent-stores");

  close_window (GTK_WIDGET (window));
}

/* The whole window after a start that went through every page: the pages
 * made along the way, hidden now, do not widen it (its stack measures only
 * the page on screen). */
static void
test_narrow_window (void)
{
  PatronWindow *window = buyer_window ();
  const char *pages[] = { "store", "sign-in", "register", "forgot", "account", "orders" };
  g_autofree char *problems = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", pages[i], "");
  wait_for_label (GTK_WIDGET (window), "Showing");
  /* the orders' slide over the account is over */
  spin_until (window_settled, window);

  problems = narrow_problems (GTK_WIDGET (window));
  if (problems != NULL)
    g_test_fail_printf ("%s", problems);

  close_window (GTK_WIDGET (window));
}

static gboolean
credentials_shown (gpointer data)
{
  return find_toplevel (PATRON_TYPE_CREDENTIALS_DIALOG) != NULL;
}

static void
test_narrow_dialogs (void)
{
  PatronWindow *window = buyer_window ();
  PatronSession *session = patron_window_get_session (window);
  g_autoptr(MedusaOrder) order = parcels_order (patron_session_get_client (session));
  const PatronCredentials credentials[] = { PATRON_CREDENTIALS_EMAIL,
                                            PATRON_CREDENTIALS_PASSWORD };
  GtkWidget *dialog;
  char *problems;

  dialog = GTK_WIDGET (patron_address_editor_new (GTK_WINDOW (window), session, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  spin_until (editor_ready, NULL);
  problems = narrow_problems (dialog);
  if (problems != NULL)
    g_test_fail_printf ("the address editor: %s", problems);
  g_free (problems);
  close_window (dialog);

  for (guint i = 0; i < G_N_ELEMENTS (credentials); i++)
    {
      dialog = GTK_WIDGET (patron_credentials_dialog_new (GTK_WINDOW (window), session,
                                                          credentials[i]));
      gtk_window_present (GTK_WINDOW (dialog));
      spin_until (credentials_shown, NULL);
      problems = narrow_problems (dialog);
      if (problems != NULL)
        g_test_fail_printf ("the credentials dialog: %s", problems);
      g_free (problems);
      close_window (dialog);
    }

  dialog = GTK_WIDGET (patron_preferences_window_new (GTK_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (dialog));
  problems = narrow_problems (dialog);
  if (problems != NULL)
    g_test_fail_printf ("the preferences: %s", problems);
  g_free (problems);
  close_window (dialog);

  dialog = GTK_WIDGET (patron_order_window_new (GTK_WINDOW (window),
                                                patron_session_get_client (session),
                                                medusa_order_get_id (order)));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_label (dialog, "Parcel 2");
  problems = narrow_problems (dialog);
  if (problems != NULL)
    g_test_fail_printf ("the order details: %s", problems);
  g_free (problems);
  close_window (dialog);

  close_window (GTK_WIDGET (window));
}

static gboolean
is_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* @dialog, opened from a main window 360 px wide, is no wider at its first
 * look, as it opens: its content is measured as laid out, not as it could
 * be narrowed. */
static void
check_first_open (GtkWidget  *dialog,
                  const char *what)
{
  GtkWidget *content = content_of (dialog);

  spin_until (is_shown, dialog);
  gtk_test_widget_wait_for_draw (dialog);
  g_test_message ("%s opens %d × %d px", what, gtk_widget_get_width (content),
                  gtk_widget_get_height (content));
  if (gtk_widget_get_width (content) > NARROW_WIDTH)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);

      find_too_wide (content, NARROW_WIDTH, culprits);
      g_test_fail_printf ("%s opens %d px wide beside a window %d px wide (%s)", what,
                          gtk_widget_get_width (content), NARROW_WIDTH, culprits->str);
    }
}

static void
collect_header_bars (GtkWidget *widget,
                     GPtrArray *bars)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (ADW_IS_HEADER_BAR (widget))
    g_ptr_array_add (bars, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_NATIVE (child))
      collect_header_bars (child, bars);
}

/* The one header bar on screen: two would be the issue's "two headers". */
static GtkWidget *
header_bar_on_screen (PatronWindow *window)
{
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();

  collect_header_bars (GTK_WIDGET (window), bars);
  g_assert_cmpuint (bars->len, ==, 1);
  return g_ptr_array_index (bars, 0);
}

static gboolean
is_window_title (GtkWidget  *widget,
                 const char *title)
{
  return ADW_IS_WINDOW_TITLE (widget) &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), title) == 0;
}

/* Issue 16, 17: the orders page has a header bar of its own, with its title
 * and the way back, and the window's title follows it; back on the account,
 * the window's header bar is the one. */
static void
test_orders_header_bar (void)
{
  PatronWindow *window = buyer_window ();
  GtkWidget *bar;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  bar = header_bar_on_screen (window);
  g_assert_nonnull (find_widget (bar, is_window_title, "Patron"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Patron");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_label (patron_window_get_page (window, "orders"), "Showing");
  spin_until (window_settled, window);
  bar = header_bar_on_screen (window);
  g_assert_true (gtk_widget_is_ancestor (bar, patron_window_get_page (window, "orders")));
  g_assert_nonnull (find_widget (bar, is_window_title, "Orders"));
  g_assert_nonnull (find_widget (bar, has_tooltip, "Back to the Account"));
  g_assert_nonnull (find_widget (bar, has_tooltip, "Main Menu"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Orders");

  g_signal_emit_by_name (find_widget (bar, has_tooltip, "Back to the Account"), "clicked");
  g_assert_cmpstr (patron_window_get_visible_page (window), ==, "account");
  spin_until (window_settled, window);
  bar = header_bar_on_screen (window);
  g_assert_false (gtk_widget_is_ancestor (bar, patron_window_get_page (window, "orders")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Patron");

  close_window (GTK_WIDGET (window));
}

/* The list of the orders page the window made, or NULL */
static MedusaOrderList *
orders_model (PatronWindow *window)
{
  GtkWidget *page = patron_window_get_page (window, "orders");
  GtkWidget *list = page != NULL ? find_widget (page, is_of_type,
                                                (const char *) GTK_TYPE_LIST_VIEW) : NULL;
  GtkSelectionModel *model = list != NULL ? gtk_list_view_get_model (GTK_LIST_VIEW (list)) : NULL;

  return model != NULL ? MEDUSA_ORDER_LIST (gtk_no_selection_get_model (GTK_NO_SELECTION (model)))
                       : NULL;
}

static GtkWidget *
orders_view (PatronWindow *window)
{
  return find_widget (patron_window_get_page (window, "orders"), is_of_type,
                      (const char *) GTK_TYPE_LIST_VIEW);
}

/* the orders page made while the account shows, its rows over the count */
static gboolean
orders_prepared (gpointer data)
{
  MedusaOrderList *orders = orders_model (data);

  return orders != NULL && g_list_model_get_n_items (G_LIST_MODEL (orders)) > 0 &&
         gtk_widget_get_first_child (orders_view (data)) != NULL;
}

/* While the customer looks at the account, the orders page is made ready
 * (its list over the session's count, the list view's rows) asking the store
 * for nothing; Orders then asks for one page and fills those rows in. Back on
 * the account it is made ready again; the end of the visit drops it. */
static void
test_orders_prepared (void)
{
  PatronWindow *window = buyer_window ();
  MedusaOrderList *orders;
  GtkWidget *first_row;

  spin_until (orders_prepared, window);
  g_assert_cmpstr (patron_window_get_visible_page (window), ==, "account");
  orders = orders_model (window);
  g_assert_true (medusa_order_list_get_held (orders));
  g_assert_cmpuint (medusa_order_list_get_n_requests (orders), ==, 0);
  g_assert_false (medusa_order_list_get_loaded (orders));
  first_row = gtk_widget_get_first_child (orders_view (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_label (patron_window_get_page (window, "orders"), "Showing");
  /* the list and the rows made before, one page asked for */
  g_assert_true (orders_model (window) == orders);
  g_assert_false (medusa_order_list_get_held (orders));
  g_assert_cmpuint (medusa_order_list_get_n_requests (orders), ==, 1);
  g_assert_true (gtk_widget_get_first_child (orders_view (window)) == first_row);

  /* back: made ready again once the orders slid away, asking nothing */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "account", "");
  spin_until (window_settled, window);
  spin_until (orders_prepared, window);
  g_assert_true (orders_model (window) != orders);
  g_assert_cmpuint (medusa_order_list_get_n_requests (orders_model (window)), ==, 0);

  /* the end of the visit drops it, and nothing makes it again */
  patron_window_end_visit (window);
  g_assert_null (patron_window_get_page (window, "orders"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (patron_window_get_page (window, "orders"));

  close_window (GTK_WIDGET (window));
}

/* The X pointer warped to the centre of @to, or else to the corner of
 * @window: real crossing events, as a mouse makes. FALSE (the test skipped)
 * where that cannot be done. */
static gboolean
warp_pointer (PatronWindow *window,
              GtkWidget    *to)
{
  GtkNative *native = GTK_NATIVE (window);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  graphene_point_t point = GRAPHENE_POINT_INIT (1, 1);
  Display *xdisplay;
  double x, y;

  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("pointer motion is synthesized on X11 only");
      return FALSE;
    }

  if (to != NULL)
    {
      g_assert_true (gtk_widget_compute_point (to, GTK_WIDGET (window),
                                               &GRAPHENE_POINT_INIT (gtk_widget_get_width (to) / 2.f,
                                                                     gtk_widget_get_height (to) / 2.f),
                                               &point));
      gtk_native_get_surface_transform (native, &x, &y);
      point.x += x;
      point.y += y;
    }
  xdisplay = gdk_x11_display_get_xdisplay (display);
  XWarpPointer (xdisplay, None, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                0, 0, 0, 0, (int) point.x, (int) point.y);
  XFlush (xdisplay);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return TRUE;
}

static gboolean
orders_list_loaded (gpointer data)
{
  return medusa_order_list_get_loaded (data) && !medusa_order_list_get_loading (data);
}

/* The pointer on Show Orders asks for the first page of the orders made
 * ready, once: a click then shows it asking for nothing more. A pointer that
 * leaves and comes back asks nothing; what it brought goes with the visit. */
static void
test_orders_expected (void)
{
  PatronWindow *window = buyer_window ();
  MedusaOrderList *orders;
  GtkWidget *button;

  spin_until (orders_prepared, window);
  orders = orders_model (window);
  button = find_widget (account_page (window), is_button_saying, "Show Orders");
  g_assert_nonnull (button);
  if (!warp_pointer (window, NULL))
    {
      close_window (GTK_WIDGET (window));
      return;
    }
  g_assert_cmpuint (medusa_order_list_get_n_requests (orders), ==, 0);

  warp_pointer (window, button);
  spin_until (orders_list_loaded, orders);
  g_assert_cmpstr (patron_window_get_visible_page (window), ==, "account");
  g_assert_true (orders_model (window) == orders);
  g_assert_cmpuint (medusa_order_list_get_n_requests (orders), ==, 1);
  warp_pointer (window, NULL);
  warp_pointer (window, button);
  g_assert_cmpuint (medusa_order_list_get_n_requests (orders), ==, 1);

  /* the click: the page that came, no page twice */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_label (patron_window_get_page (window, "orders"), "Showing");
  g_assert_true (orders_model (window) == orders);
  g_assert_cmpuint (medusa_order_list_get_n_requests (orders), ==, 1);

  /* back on the account, a pointer on its way asks once more; the end of
   * the visit takes what it brought */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "account", "");
  spin_until (window_settled, window);
  spin_until (orders_prepared, window);
  orders = orders_model (window);
  warp_pointer (window, NULL);
  warp_pointer (window, button);
  spin_until (orders_list_loaded, orders);
  g_assert_cmpuint (medusa_order_list_get_n_requests (orders), ==, 1);
  g_object_add_weak_pointer (G_OBJECT (orders), (gpointer *) &orders);
  patron_window_end_visit (window);
  g_assert_null (patron_window_get_page (window, "orders"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (orders);

  close_window (GTK_WIDGET (window));
}

/* Every window Patron opens fits a phone as it first opens: each is opened
 * as Patron opens it, from a main window 360 px wide, in English, German
 * and French. */
static void
check_first_opens (PatronWindow *window)
{
  PatronSession *session = patron_window_get_session (window);
  g_autoptr(MedusaOrder) order = parcels_order (patron_session_get_client (session));
  const PatronCredentials credentials[] = { PATRON_CREDENTIALS_EMAIL,
                                            PATRON_CREDENTIALS_PASSWORD };
  GtkWidget *dialog;

  resize_to_narrow (GTK_WIDGET (window));
  g_assert_true (has_narrow_size (window));

  dialog = GTK_WIDGET (patron_address_editor_new (GTK_WINDOW (window), session, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  check_first_open (dialog, "the address editor");
  close_window (dialog);

  for (guint i = 0; i < G_N_ELEMENTS (credentials); i++)
    {
      dialog = GTK_WIDGET (patron_credentials_dialog_new (GTK_WINDOW (window), session,
                                                          credentials[i]));
      gtk_window_present (GTK_WINDOW (dialog));
      check_first_open (dialog, "the credentials dialog");
      close_window (dialog);
    }

  dialog = GTK_WIDGET (patron_preferences_window_new (GTK_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (dialog));
  check_first_open (dialog, "the preferences");
  close_window (dialog);

  dialog = GTK_WIDGET (patron_order_window_new (GTK_WINDOW (window),
                                                patron_session_get_client (session),
                                                medusa_order_get_id (order)));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_label (dialog, "2");
  check_first_open (dialog, "the order details");
  close_window (dialog);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  dialog = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (dialog);
  check_first_open (dialog, "the shortcuts");
  gtk_window_close (GTK_WINDOW (dialog));

  dialog = GTK_WIDGET (patron_application_show_about (GTK_WINDOW (window)));
  check_first_open (dialog, "About");
  close_window (dialog);

  close_window (GTK_WIDGET (window));
}

/* Messages from the build's own catalogs, for the tests that change
 * language. */
static void
use_built_catalogs (void)
{
  g_autofree char *catalogs = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  bindtextdomain (GETTEXT_PACKAGE, catalogs);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Messages in @language from now on; FALSE, and the test incomplete, when
 * @locale is not installed. */
static gboolean
switch_language (const char *locale,
                 const char *language)
{
  if (setlocale (LC_MESSAGES, locale) == NULL)
    {
      g_test_message ("the %s locale is not installed", locale);
      g_test_incomplete ("a locale is missing");
      return FALSE;
    }
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_MESSAGES, locale);
  return TRUE;
}

static void
back_to_english (void)
{
  g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, "C");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  textdomain ("messages");
}

static void
test_narrow_first_open (void)
{
  const char *languages[][2] = { { "de_DE.UTF-8", "de" }, { "fr_FR.UTF-8", "fr" } };
  /* signed in in English: buyer_window() waits for an English label; the
   * shortcuts window, made once, is made in the language of the moment */
  PatronWindow *windows[] = { buyer_window (), buyer_window () };

  check_first_opens (buyer_window ());

  use_built_catalogs ();
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (!switch_language (languages[i][0], languages[i][1]))
        continue;
      g_test_message ("in %s", languages[i][1]);
      check_first_opens (windows[i]);
      windows[i] = NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    if (windows[i] != NULL)
      close_window (GTK_WIDGET (windows[i]));
  back_to_english ();
}

/* ------------------------------------------------------------------------ */
/* Issue 16: what a demanding user hits                                      */

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Closes @window as a person does while @busy (the window or its page)
 * waits for the store, and waits until the request's callback has let go
 * of it. Criticals are fatal: a callback that touches a template child of
 * a disposed window before it checks for the cancellation fails here. */
static void
close_while_busy (GtkWidget *window,
                  gpointer   busy)
{
  gboolean finalized = FALSE;

  /* not a weak pointer: a window's are cleared when it is destroyed */
  g_object_set_data_full (G_OBJECT (busy), "test-finalized", &finalized, set_flag);
  g_object_ref (window);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_window_close (GTK_WINDOW (window));
  if (gtk_widget_get_visible (window))
    gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  spin_until (flag_set, &finalized);
}

/* A page left while its request runs is whole again when it comes back,
 * whatever the cancelled request's callback does later. */
static void
leave_and_return (GtkWidget  *page,
                  const char *field)
{
  gtk_widget_set_visible (page, FALSE);
  gtk_widget_set_visible (page, TRUE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row (page, field))));
}

static void
test_closed_while_busy (void)
{
  g_autofree char *email = NULL;
  PatronWindow *window = new_account_window ("closing", "closing-pass-1", &email);
  PatronSession *session = patron_window_get_session (window);
  GtkWidget *dialog;
  GtkWidget *page;
  GtkWidget *page_window;

  /* a shipping address, then the billing address */
  click (GTK_WIDGET (window), "Add Address");
  dialog = fill_address ("York");
  click (dialog, "Save");
  close_while_busy (dialog, dialog);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named,
                                      "Edit Billing Address"), "clicked");
  dialog = fill_address ("Hull");
  click (dialog, "Save");
  close_while_busy (dialog, dialog);
  /* and an editor closed before the countries came */
  dialog = GTK_WIDGET (patron_address_editor_new (GTK_WINDOW (window), session, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  close_while_busy (dialog, dialog);

  dialog = GTK_WIDGET (patron_credentials_dialog_new (GTK_WINDOW (window), session,
                                                      PATRON_CREDENTIALS_EMAIL));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (row (dialog, "Current Password"), "closing-pass-1");
  gtk_editable_set_text (row (dialog, "New Email Address"), "closing.new@example.com");
  click (dialog, "Change");
  close_while_busy (dialog, dialog);
  close_window (GTK_WIDGET (window));

  /* the pages before signing in, each in a window closed while it asks */
  page = g_object_new (PATRON_TYPE_STORE_PAGE, NULL);
  page_window = show_in_window (page);
  patron_store_page_set_url (PATRON_STORE_PAGE (page), store_url);
  click (page, "Connect");
  leave_and_return (page, "Store Address");
  click (page, "Connect");
  close_while_busy (page_window, page);

  {
    g_autoptr(PatronSession) anonymous = patron_session_new (store_url);

    patron_session_set_keep_sessions (anonymous, FALSE);

    page = g_object_new (PATRON_TYPE_REGISTER_PAGE, NULL);
    page_window = show_in_window (page);
    patron_register_page_set_session (PATRON_REGISTER_PAGE (page), anonymous);
    gtk_editable_set_text (row (page, "Email Address"), email);
    gtk_editable_set_text (row (page, "First Name"), "Ada");
    gtk_editable_set_text (row (page, "Last Name"), "Lovelace");
    gtk_editable_set_text (row (page, "Password"), "long-enough-1");
    gtk_editable_set_text (row (page, "Password Again"), "long-enough-1");
    click (page, "Create Account");
    leave_and_return (page, "Email Address");
    click (page, "Create Account");
    close_while_busy (page_window, page);

    page = g_object_new (PATRON_TYPE_FORGOT_PAGE, NULL);
    page_window = show_in_window (page);
    patron_forgot_page_set_session (PATRON_FORGOT_PAGE (page), anonymous);
    patron_forgot_page_set_email (PATRON_FORGOT_PAGE (page), email);
    click (page, "Send Email");
    leave_and_return (page, "Email Address");
    click (page, "Send Email");
    close_while_busy (page_window, page);

    page = g_object_new (PATRON_TYPE_RESET_PAGE, NULL);
    page_window = show_in_window (page);
    patron_reset_page_set_session (PATRON_RESET_PAGE (page), anonymous);
    patron_reset_page_set_link (PATRON_RESET_PAGE (page), email, "garbage.token.value");
    gtk_editable_set_text (row (page, "New Password"), "brand-new-pass-1");
    gtk_editable_set_text (row (page, "New Password Again"), "brand-new-pass-1");
    click (page, "Set Password");
    leave_and_return (page, "New Password");
    click (page, "Set Password");
    close_while_busy (page_window, page);
  }
}

/* Does what pressing @keyval with @mods in @widget does, through the
 * widget's own shortcuts (GTK 4 has no way to send a key from a test). */
static gboolean
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* Esc closes a dialog, Esc and Ctrl+W an order's window; a form starts in
 * its first field (the first empty one). */
static void
test_keyboard_and_focus (void)
{
  PatronWindow *window = buyer_window ();
  PatronSession *session = patron_window_get_session (window);
  g_autoptr(MedusaOrder) order = parcels_order (patron_session_get_client (session));
  const guint order_keys[][2] = { { GDK_KEY_Escape, 0 }, { GDK_KEY_w, GDK_CONTROL_MASK } };
  GtkWidget *dialog;
  GtkWidget *page;

  dialog = GTK_WIDGET (patron_address_editor_new (GTK_WINDOW (window), session, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  spin_until (editor_ready, NULL);
  g_assert_true (focus_is_in (dialog, GTK_WIDGET (row (dialog, "First Name *"))));
  g_object_ref (dialog);
  g_assert_true (press_shortcut (dialog, GDK_KEY_Escape, 0));
  g_assert_false (gtk_widget_get_visible (dialog));
  g_object_unref (dialog);

  dialog = GTK_WIDGET (patron_credentials_dialog_new (GTK_WINDOW (window), session,
                                                      PATRON_CREDENTIALS_EMAIL));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (focus_is_in (dialog, GTK_WIDGET (row (dialog, "Current Password"))));
  g_object_ref (dialog);
  g_assert_true (press_shortcut (dialog, GDK_KEY_Escape, 0));
  g_assert_false (gtk_widget_get_visible (dialog));
  g_object_unref (dialog);

  for (guint i = 0; i < G_N_ELEMENTS (order_keys); i++)
    {
      dialog = GTK_WIDGET (patron_order_window_new (GTK_WINDOW (window),
                                                    patron_session_get_client (session),
                                                    medusa_order_get_id (order)));
      gtk_window_present (GTK_WINDOW (dialog));
      wait_for_label (dialog, "Parcel 2");
      g_object_ref (dialog);
      g_assert_true (press_shortcut (dialog, order_keys[i][0], order_keys[i][1]));
      g_assert_false (gtk_widget_get_visible (dialog));
      g_object_unref (dialog);
    }

  /* the forms of the window: sign-in starts in the email, or in the
   * password when the email is known */
  patron_session_sign_out_async (session, NULL, NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "sign-in", "");
  page = find_widget (GTK_WIDGET (window), is_of_type, (const char *) PATRON_TYPE_SIGN_IN_PAGE);
  gtk_editable_set_text (row (page, "Email Address"), "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "register", "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "sign-in", "");
  g_assert_true (focus_is_in (GTK_WIDGET (window), GTK_WIDGET (row (page, "Email Address"))));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "sign-in",
                              "buyer@example.com");
  g_assert_true (focus_is_in (GTK_WIDGET (window), GTK_WIDGET (row (page, "Password"))));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "store", "");
  page = find_widget (GTK_WIDGET (window), is_of_type, (const char *) PATRON_TYPE_STORE_PAGE);
  g_assert_true (focus_is_in (GTK_WIDGET (window), GTK_WIDGET (row (page, "Store Address"))));

  close_window (GTK_WIDGET (window));
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
clipboard_text (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_text_cb,
                                 &text);
  spin_until (pointer_set, &text);

  return text;
}

/* Copying says so; each tracking number can be copied; the total stands
 * out. */
static void
test_order_window_copies (void)
{
  PatronWindow *window = buyer_window ();
  PatronSession *session = patron_window_get_session (window);
  g_autoptr(MedusaOrder) order = parcels_order (patron_session_get_client (session));
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             medusa_order_get_display_id (order));
  g_autofree char *copied = NULL;
  GtkWidget *dialog;
  GtkWidget *button;
  GtkWidget *tracking_row;

  dialog = GTK_WIDGET (patron_order_window_new (GTK_WINDOW (window),
                                                patron_session_get_client (session),
                                                medusa_order_get_id (order)));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_label (dialog, "Parcel 2");

  g_assert_true (gtk_widget_has_css_class (find_widget (dialog, is_row_titled, "Total"),
                                           "order-total"));

  gtk_widget_activate_action (dialog, "order.copy-number", NULL);
  wait_for_label (dialog, "Order number copied");
  copied = clipboard_text (dialog);
  g_assert_cmpstr (copied, ==, number);
  g_clear_pointer (&copied, g_free);

  button = find_widget (dialog, has_tooltip, "Copy Tracking Number");
  g_assert_nonnull (button);
  tracking_row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  g_signal_emit_by_name (button, "clicked");
  wait_for_label (dialog, "Tracking number copied");
  copied = clipboard_text (dialog);
  g_assert_cmpstr (copied, ==, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (tracking_row)));

  /* copies in quick succession, a few frames apart (a double click, a
   * held Ctrl+C): with libadwaita 1.2 a toast dismissed while it was still
   * coming in for one hiding read freed memory when its coming in ended */
  for (guint i = 0; i < 6; i++)
    {
      if (i > 0)
        wait_for_frames (dialog, 2 + i % 3);
      gtk_widget_activate_action (dialog, "order.copy-number", NULL);
    }
  wait_for_label (dialog, "Order number copied");
  /* and Patron is still there when every toast has come and gone */
  wait_for_frames (dialog, 60);

  close_window (dialog);
  close_window (GTK_WIDGET (window));
}

typedef struct
{
  PatronWindow *window;
  gboolean      said_signing_in;
} FirstStart;

static gboolean
sign_in_shown (gpointer data)
{
  FirstStart *start = data;
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (start->window), is_of_type,
                                            (const char *) GTK_TYPE_STACK));

  if (find_widget (GTK_WIDGET (start->window), is_label_containing, "Signing In") != NULL)
    start->said_signing_in = TRUE;

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "sign-in") == 0;
}

/* With no session kept, nothing says "Signing In…" while the keyring is
 * asked: the sign-in page comes next. */
static void
test_first_start_says_nothing (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  FirstStart start = { NULL, FALSE };

  patron_secrets_clear_async (store_url, NULL, test_store_result_cb, &result);
  g_assert_true (patron_secrets_clear_finish (test_wait_for (&result), NULL));
  start.window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  patron_window_start (start.window, store_url);
  gtk_window_present (GTK_WINDOW (start.window));
  spin_until (sign_in_shown, &start);
  g_assert_false (start.said_signing_in);
  g_assert_false (patron_session_get_signed_in (patron_window_get_session (start.window)));

  close_window (GTK_WIDGET (start.window));
}

/* After Change Store… the store page has a way back to the store in use;
 * on a first start, with no store yet, it has none. */
static void
test_store_page_way_back (void)
{
  PatronWindow *window = buyer_window ();
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (window), is_of_type,
                                            (const char *) GTK_TYPE_STACK));
  PatronWindow *first = g_object_new (PATRON_TYPE_WINDOW, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.change-store", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "store");
  click (gtk_stack_get_visible_child (stack), "Keep the Current Store");
  /* Change Store… ended the visit: back at the same store's sign-in */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "sign-in");
  g_assert_cmpstr (patron_session_get_store_url (patron_window_get_session (window)), ==,
                   store_url);
  close_window (GTK_WIDGET (window));

  patron_window_start (first, NULL);
  gtk_window_present (GTK_WINDOW (first));
  g_assert_null (find_widget (GTK_WIDGET (first), is_button_saying, "Keep the Current Store"));
  close_window (GTK_WIDGET (first));
}

/* What a new password needs is said where it is chosen, before anything
 * fails. */
static void
test_password_rule_stated (void)
{
  PatronWindow *window = buyer_window ();
  PatronSession *session = patron_window_get_session (window);
  const char *rule = "Use at least 8 characters.";
  GtkWidget *dialog;
  GtkWidget *page;
  GtkWidget *page_window;

  dialog = GTK_WIDGET (patron_credentials_dialog_new (GTK_WINDOW (window), session,
                                                      PATRON_CREDENTIALS_PASSWORD));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_nonnull (find_widget (dialog, is_label_saying, rule));
  close_window (dialog);
  /* not where only the email changes */
  dialog = GTK_WIDGET (patron_credentials_dialog_new (GTK_WINDOW (window), session,
                                                      PATRON_CREDENTIALS_EMAIL));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_null (find_widget (dialog, is_label_saying, rule));
  close_window (dialog);
  close_window (GTK_WIDGET (window));

  page = g_object_new (PATRON_TYPE_REGISTER_PAGE, NULL);
  page_window = show_in_window (page);
  g_assert_nonnull (find_widget (page, is_label_saying, rule));
  close_window (page_window);
  page = g_object_new (PATRON_TYPE_RESET_PAGE, NULL);
  page_window = show_in_window (page);
  g_assert_nonnull (find_widget (page, is_label_saying, rule));
  close_window (page_window);
}

/* Esc in the order search clears it, and a second one leaves it for the
 * list; the field says what it searches. */
static void
test_orders_search_keys (void)
{
  PatronWindow *window = buyer_window ();
  GtkWidget *page;
  GtkWidget *search;
  GtkWidget *list;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_label (GTK_WIDGET (window), "Showing");
  page = find_widget (GTK_WIDGET (window), is_of_type, (const char *) PATRON_TYPE_ORDERS_PAGE);
  search = find_widget (page, is_of_type, (const char *) GTK_TYPE_SEARCH_ENTRY);
  list = find_widget (page, is_of_type, (const char *) GTK_TYPE_LIST_VIEW);
  {
    g_autofree char *placeholder = NULL;

    g_object_get (search, "placeholder-text", &placeholder, NULL);
    g_assert_nonnull (strstr (placeholder, "email"));
  }

  gtk_widget_grab_focus (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "1001");
  g_signal_emit_by_name (search, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_assert_true (focus_is_in (GTK_WIDGET (window), search));
  g_signal_emit_by_name (search, "stop-search");
  g_assert_true (focus_is_in (GTK_WIDGET (window), list));

  close_window (GTK_WIDGET (window));
}

static GtkLabel *
find_title_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title"))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_title_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The labels under @widget that lose their end, as "“…”, “…”". The
 * window's title and subtitle (the store's address) may. */
static void
find_ellipsized (GtkWidget *widget,
                 GString   *found)
{
  if (!gtk_widget_get_mapped (widget) || ADW_IS_WINDOW_TITLE (widget))
    return;

  if (GTK_IS_LABEL (widget) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (found, "%s“%s”", found->len > 0 ? ", " : "",
                            gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_ellipsized (child, found);
}

/* @dialog, over a 360 px wide @window, opens no wider and its title and
 * every other label are whole. */
static void
check_narrow_dialog (GtkWidget  *window,
                     GtkWidget  *dialog,
                     const char *language)
{
  GtkLabel *title;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (dialog), &width, &height);
  g_assert_cmpint (width, <=, gtk_widget_get_width (window));
  g_assert_cmpint (height, <=, gtk_widget_get_height (window));
  gtk_window_present (GTK_WINDOW (dialog));
  resize_to_narrow (dialog);
  gtk_test_widget_wait_for_draw (dialog);
  title = find_title_label (dialog);
  g_assert_nonnull (title);
  {
    int natural;

    gtk_widget_measure (GTK_WIDGET (title), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                        NULL, NULL);
    g_test_message ("%s: \"%s\", %d px of %d", language, gtk_label_get_text (title),
                    gtk_widget_get_width (GTK_WIDGET (title)), natural);
  }
  if (pango_layout_is_ellipsized (gtk_label_get_layout (title)))
    g_test_fail_printf ("in %s, \"%s\" is cut at 360 px", language, gtk_label_get_text (title));
  {
    g_autoptr(GString) cut = g_string_new (NULL);

    find_ellipsized (dialog, cut);
    if (cut->len > 0)
      g_test_fail_printf ("in %s, \"%s\" cuts %s at 360 px", language,
                          gtk_label_get_text (title), cut->str);
  }
  close_window (dialog);
}

/* In English, German and French, the dialogs (the order's details and the
 * preferences too) open within a 360 px window, their titles fit between
 * their buttons and no label is ellipsized. The build's own catalogs are
 * used. */
static void
test_narrow_translated_titles (void)
{
  const char *languages[][2] = { { "C", "C" }, { "de_DE.UTF-8", "de" }, { "fr_FR.UTF-8", "fr" } };
  PatronWindow *window = buyer_window ();
  PatronSession *session = patron_window_get_session (window);
  g_autoptr(MedusaOrder) order = parcels_order (patron_session_get_client (session));

  gtk_window_set_default_size (GTK_WINDOW (window), NARROW_WIDTH, NARROW_HEIGHT);
  resize_to_narrow (GTK_WIDGET (window));
  use_built_catalogs ();
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (!switch_language (languages[i][0], languages[i][1]))
        continue;

      check_narrow_dialog (GTK_WIDGET (window),
                           GTK_WIDGET (patron_address_editor_new (GTK_WINDOW (window), session,
                                                                  NULL)),
                           languages[i][1]);
      check_narrow_dialog (GTK_WIDGET (window),
                           GTK_WIDGET (patron_address_editor_new_for_billing (
                             GTK_WINDOW (window), session)),
                           languages[i][1]);
      check_narrow_dialog (GTK_WIDGET (window),
                           GTK_WIDGET (patron_credentials_dialog_new (GTK_WINDOW (window),
                                                                      session,
                                                                      PATRON_CREDENTIALS_EMAIL)),
                           languages[i][1]);
      check_narrow_dialog (GTK_WIDGET (window),
                           GTK_WIDGET (patron_credentials_dialog_new (
                             GTK_WINDOW (window), session, PATRON_CREDENTIALS_PASSWORD)),
                           languages[i][1]);
      check_narrow_dialog (GTK_WIDGET (window),
                           GTK_WIDGET (patron_preferences_window_new (GTK_WINDOW (window))),
                           languages[i][1]);
      {
        GtkWidget *details = GTK_WIDGET (patron_order_window_new (
                                           GTK_WINDOW (window),
                                           patron_session_get_client (session),
                                           medusa_order_get_id (order)));
        g_autofree char *parcel = g_strdup_printf (_("Parcel %u"), 2);

        /* its details in, all of them */
        gtk_window_present (GTK_WINDOW (details));
        wait_for_label (details, parcel);
        check_narrow_dialog (GTK_WIDGET (window), details, languages[i][1]);
      }
    }
  back_to_english ();

  close_window (GTK_WIDGET (window));
}

/* A toast says all it has to at 360 px, in any language: its text wraps
 * inside the window and its buttons stay in it (libadwaita 1.2 would cut
 * the text to one line: "E-Mail gesendet: Folgen Sie i…"). */
typedef struct
{
  GtkWidget *overlay;
  GtkWidget *toast;
  GtkWidget *label;
} ToastShown;

static gboolean
toast_laid_out (gpointer data)
{
  ToastShown *shown = data;

  shown->toast = find_toast_widget (shown->overlay);
  shown->label = NULL;
  if (shown->toast == NULL || !gtk_widget_get_mapped (shown->toast) ||
      gtk_widget_get_width (shown->toast) == 0)
    return FALSE;
  shown->label = find_widget (shown->toast, is_of_type, (const char *) GTK_TYPE_LABEL);
  return shown->label != NULL && gtk_widget_get_width (shown->label) > 0;
}

static gboolean
no_toast_shown (gpointer data)
{
  return find_toast_widget (data) == NULL;
}

/* What is wrong with @toast on @overlay: cut sideways, or its text
 * (@label) ellipsized or taller than the room it was given. */
static void
toast_problems (GtkWidget  *overlay,
                GtkWidget  *toast,
                GtkWidget  *label,
                const char *what,
                GString    *problems)
{
  g_autoptr(GString) cut = g_string_new (NULL);
  int needed;

  find_cut (overlay, toast, cut);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label),
                      &needed, NULL, NULL, NULL);
  if (cut->len > 0)
    g_string_append_printf (problems, "%s: cut at the window’s edge: %s\n", what, cut->str);
  if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    g_string_append_printf (problems, "%s: its text is ellipsized\n", what);
  if (needed > gtk_widget_get_height (label))
    g_string_append_printf (problems, "%s: its text needs %d px down, has %d\n", what, needed,
                            gtk_widget_get_height (label));
}

/* Waits for the toast on @overlay to fit, for at most 2 s (a resize may
 * take it a frame or two), and says what is still wrong then. */
static void
check_toast_fits (GtkWidget  *overlay,
                  const char *what,
                  GString    *problems)
{
  ToastShown shown = { overlay, NULL, NULL };
  gint64 deadline = test_deadline (2);
  g_autoptr(GString) found = g_string_new (NULL);

  do
    {
      g_string_truncate (found, 0);
      spin_until (toast_laid_out, &shown);
      toast_problems (overlay, shown.toast, shown.label, what, found);
      if (found->len > 0)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  while (found->len > 0 && g_get_monotonic_time () < deadline);
  g_string_append (problems, found->str);
}

static void
dismiss_toasts (GtkWidget *overlay)
{
  GtkWidget *toast;

  while ((toast = find_toast_widget (overlay)) != NULL)
    {
      GtkWidget *close = gtk_widget_get_last_child (toast);

      g_assert_true (GTK_IS_BUTTON (close));
      g_signal_emit_by_name (close, "clicked");
      spin_until (no_toast_shown, overlay);
    }
}

static void
test_narrow_toasts (void)
{
  const char *languages[][2] = { { "C", "C" }, { "de_DE.UTF-8", "de" }, { "fr_FR.UTF-8", "fr" } };
  g_autofree char *host = g_strnfill (120, 'w');
  g_autofree char *forgotten = g_strdup_printf ("Patron has forgotten %s.example", host);
  g_autoptr(GString) problems = g_string_new (NULL);
  PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  GtkWidget *overlay;
  AdwToast *toast;

  patron_window_start (window, "http://127.0.0.1:9");
  /* whatever size the tests before left */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  overlay = find_widget (GTK_WIDGET (window), is_of_type,
                         (const char *) ADW_TYPE_TOAST_OVERLAY);

  /* shown wide, then the window narrowed under it */
  toast = patron_toast_new ("Adresse gelöscht, und mit ihr Ihre Rechnungsadresse");
  adw_toast_set_button_label (toast, "_Rückgängig");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  check_toast_fits (overlay, "a toast in a wide window", problems);
  resize_to_narrow (GTK_WIDGET (window));
  check_toast_fits (overlay, "the same toast, the window narrowed", problems);
  dismiss_toasts (overlay);

  /* a host name has nowhere to break */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), patron_toast_new (forgotten));
  check_toast_fits (overlay, "a long host name", problems);
  dismiss_toasts (overlay);

  /* what the window says of a damaged link, in each language */
  use_built_catalogs ();
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *what = g_strdup_printf ("a damaged link (%s)", languages[i][1]);

      if (!switch_language (languages[i][0], languages[i][1]))
        continue;
      patron_window_open_link (window, "patron://reset-password?email=buyer%40example.com");
      check_toast_fits (overlay, what, problems);
      dismiss_toasts (overlay);
    }
  back_to_english ();

  if (problems->len > 0)
    g_test_fail_printf ("%s", problems->str);
  close_window (GTK_WIDGET (window));
}

/* Two quick clicks on a toast that came in as another went: libadwaita
 * 1.2 brings such a toast in for 500 ms and takes one out in 300, so one
 * dismissed within 200 ms was freed before its coming in ended, which then
 * ended on freed memory. Its dismissal waits until that is safe, and its
 * handlers run once then. */
typedef struct
{
  guint  clicked;
  guint  dismissed;
  gint64 dismissed_at;
} ToastSeen;

static void
seen_clicked_cb (AdwToast  *toast,
                 ToastSeen *seen)
{
  seen->clicked++;
}

static void
seen_dismissed_cb (AdwToast  *toast,
                   ToastSeen *seen)
{
  seen->dismissed++;
  seen->dismissed_at = g_get_monotonic_time ();
}

static gboolean
second_toast_coming (gpointer data)
{
  GtkWidget *overlay = data;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += g_strcmp0 (gtk_widget_get_css_name (child), "toast") == 0 && gtk_widget_get_mapped (child);
  return n == 2;
}

static gboolean
toast_seen_dismissed (gpointer data)
{
  return ((ToastSeen *) data)->dismissed > 0;
}

static void
test_toast_dismissed_coming_in (void)
{
  PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  ToastSeen seen = { 0 };
  GtkWidget *overlay;
  GtkWidget *widget;
  AdwToast *first;
  AdwToast *second;
  gint64 came_in;

  patron_window_start (window, "http://127.0.0.1:9");
  gtk_window_present (GTK_WINDOW (window));
  overlay = find_widget (GTK_WIDGET (window), is_of_type,
                         (const char *) ADW_TYPE_TOAST_OVERLAY);

  for (guint round = 0; round < 3; round++)
    {
      memset (&seen, 0, sizeof seen);
      first = patron_toast_new ("Address deleted");
      adw_toast_set_timeout (first, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (first));
      spin_until (toast_laid_out, &(ToastShown) { overlay, NULL, NULL });

      /* queued behind the first, and coming in as it goes */
      second = patron_toast_new ("Address deleted, and your billing address with it");
      adw_toast_set_button_label (second, "_Undo");
      adw_toast_set_timeout (second, 0);
      g_signal_connect (second, "button-clicked", G_CALLBACK (seen_clicked_cb), &seen);
      g_signal_connect (second, "dismissed", G_CALLBACK (seen_dismissed_cb), &seen);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (second));
      adw_toast_dismiss (first);
      spin_until (second_toast_coming, overlay);
      came_in = g_get_monotonic_time ();

      /* Undo a frame or two later, and its close button (or Escape) */
      wait_for_frames (GTK_WIDGET (window), 1 + round);
      widget = gtk_widget_get_last_child (overlay);
      click (widget, "Undo");
      if (round == 1)
        g_signal_emit_by_name (gtk_widget_get_last_child (widget), "clicked");
      else if (round == 2)
        adw_toast_dismiss (second);

      spin_until (toast_seen_dismissed, &seen);
      g_assert_cmpint (seen.dismissed_at - came_in, >=, 200 * G_TIME_SPAN_MILLISECOND);
      spin_until (no_toast_shown, overlay);
      /* the second's coming in has ended too (500 ms) */
      wait_for_frames (GTK_WIDGET (window), 5);
      g_assert_cmpuint (seen.clicked, ==, 1);
      g_assert_cmpuint (seen.dismissed, ==, 1);
      g_object_unref (first);
      g_object_unref (second);
    }

  close_window (GTK_WIDGET (window));
}

static gboolean
is_revealer_moving (GtkWidget  *widget,
                    const char *unused)
{
  return GTK_IS_REVEALER (widget) &&
         gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
         gtk_revealer_get_child_revealed (GTK_REVEALER (widget));
}

static gboolean
revealers_settled (gpointer data)
{
  return find_widget (data, is_revealer_moving, NULL) == NULL;
}

/* The orders page's first three filters on, and their summary above the
 * list. */
static void
filter_orders (PatronWindow *window)
{
  GtkWidget *button = find_widget (GTK_WIDGET (window), has_tooltip, _("Filter Orders"));
  g_autoptr(GString) summary = g_string_new (NULL);
  GtkWidget *popover;
  GtkWidget *check;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  for (guint n = 0; n < 3; n++)
    {
      check = find_widget (popover, is_of_type, (const char *) GTK_TYPE_CHECK_BUTTON);
      while (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        check = gtk_widget_get_next_sibling (check);
      g_assert_nonnull (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_string_append_printf (summary, "%s%s", n > 0 ? _(", ") : "",
                              gtk_check_button_get_label (GTK_CHECK_BUTTON (check)));
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_for_label (GTK_WIDGET (window), summary->str);
}

static gboolean
orders_shown (gpointer data)
{
  PatronWindow *window = data;

  return g_strcmp0 (patron_window_get_visible_page (window), "orders") == 0 &&
         session_order_count (patron_window_get_session (window)) > 0;
}

/* Every page, signed in, in German and French at 360 px: no label loses its
 * end ("Adresses de livraison" beside "Ajouter une adresse" did). */
static void
test_narrow_translated_pages (void)
{
  const char *languages[][2] = { { "de_DE.UTF-8", "de" }, { "fr_FR.UTF-8", "fr" } };
  const char *pages[] = { "store", "sign-in", "register", "forgot", "reset", "account", "orders" };

  use_built_catalogs ();
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_auto(GStrv) signed_in = NULL;
      PatronWindow *window;
      PatronSession *session;

      if (!switch_language (languages[i][0], languages[i][1]))
        continue;

      window = g_object_new (PATRON_TYPE_WINDOW, NULL);
      patron_window_start (window, store_url);
      gtk_window_present (GTK_WINDOW (window));
      session = patron_window_get_session (window);
      patron_session_set_keep_sessions (session, FALSE);
      patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                    test_store_result_cb, &result);
      g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), NULL));
      /* "Angemeldet als %s": what comes before the email */
      signed_in = g_strsplit (_("Signed in as %s"), "%s", 2);
      wait_for_label (GTK_WIDGET (window), signed_in[0]);
      resize_to_narrow (GTK_WIDGET (window));

      for (guint j = 0; j < G_N_ELEMENTS (pages); j++)
        {
          g_autoptr(GString) cut = g_string_new (NULL);

          if (g_str_equal (pages[j], "reset"))
            gtk_widget_activate_action (GTK_WIDGET (window), "win.open-reset", "(ss)",
                                        "buyer@example.com", "a.token.value");
          else
            gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)",
                                        pages[j], "buyer@example.com");
          if (g_str_equal (pages[j], "orders"))
            spin_until (orders_shown, window);
          spin_until (window_settled, window);
          gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
          find_ellipsized (GTK_WIDGET (window), cut);
          if (cut->len > 0)
            g_test_fail_printf ("in %s, the %s page cuts %s at 360 px", languages[i][1],
                                pages[j], cut->str);
        }

      /* and the summary of the orders' filters */
      {
        g_autoptr(GString) cut = g_string_new (NULL);

        filter_orders (window);
        spin_until (revealers_settled, window);
        gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
        find_ellipsized (GTK_WIDGET (window), cut);
        if (cut->len > 0)
          g_test_fail_printf ("in %s, the orders' filters cut %s at 360 px", languages[i][1],
                              cut->str);
      }
      close_window (GTK_WIDGET (window));
    }
  back_to_english ();
}

/* The keyboard shortcuts fit a phone: one column, not two. */
static void
test_narrow_shortcuts (void)
{
  PatronWindow *window = buyer_window ();
  GtkWidget *shortcuts = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
        shortcuts = toplevel;
    }
  g_assert_nonnull (shortcuts);
  g_test_message ("the shortcuts: at least %d px across", min_width (shortcuts));
  if (min_width (shortcuts) > NARROW_WIDTH)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);

      find_too_wide (shortcuts, NARROW_WIDTH, culprits);
      g_test_fail_printf ("the shortcuts need %d px across: %s", min_width (shortcuts),
                          culprits->str);
    }
  gtk_window_close (GTK_WINDOW (shortcuts));

  close_window (GTK_WIDGET (window));
}

/* ------------------------------------------------------------------------ */
/* The end of a visit: nothing of the customer outlives it                  */

typedef struct
{
  gpointer    object;     /* a weak pointer */
  const char *what;
} Tracked;

static void
track (Tracked    *tracked,
       gpointer    object,
       const char *what)
{
  g_assert_nonnull (object);
  tracked->object = object;
  tracked->what = what;
  g_object_add_weak_pointer (object, &tracked->object);
}

/* Each of @tracked is finalized, once the requests cancelled with the visit
 * have let go of what they held. */
static void
assert_all_gone (Tracked *tracked,
                 guint    n_tracked)
{
  gint64 deadline = test_deadline (20);

  for (guint i = 0; i < n_tracked; i++)
    {
      while (tracked[i].object != NULL)
        {
          if (g_get_monotonic_time () > deadline)
            g_error ("%s outlived the visit (%u references)", tracked[i].what,
                     G_OBJECT (tracked[i].object)->ref_count);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
}

static gboolean
is_reveal_button (GtkWidget  *widget,
                  const char *unused)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "view-reveal-symbolic") == 0;
}

/* the show/hide button of a password row (libadwaita 1.2's) */
static GtkWidget *
reveal_button (GtkWidget *password_row)
{
  GtkWidget *button = find_widget (password_row, is_reveal_button, NULL);

  g_assert_nonnull (button);
  return button;
}

static gboolean
password_shown (GtkWidget *password_row)
{
  return gtk_text_get_visibility (GTK_TEXT (gtk_editable_get_delegate (
    GTK_EDITABLE (password_row))));
}

/* Every field of @root is empty and every password hidden, also those not
 * on screen. */
static void
assert_form_empty (GtkWidget *root)
{
  if (ADW_IS_ENTRY_ROW (root))
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (root)), ==, "");
  if (ADW_IS_PASSWORD_ENTRY_ROW (root))
    {
      g_assert_false (gtk_text_get_visibility (GTK_TEXT (gtk_editable_get_delegate (
        GTK_EDITABLE (root)))));
      /* Tab from the password goes to the next field */
      g_assert_false (gtk_widget_get_focusable (reveal_button (root)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_form_empty (child);
}

static GtkWidget *
page_named (PatronWindow *window,
            const char   *name)
{
  return patron_window_get_page (window, name);
}

static gboolean
page_is_made (gpointer data)
{
  return page_named (data, "sign-in") != NULL;
}

static const char *
visible_page (PatronWindow *window)
{
  return patron_window_get_visible_page (window);
}

static gboolean
shows_account (gpointer data)
{
  return g_strcmp0 (visible_page (data), "account") == 0;
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
clipboard_is_empty (GdkClipboard *clipboard)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  gsize n_types = 0;
  gsize n_mime_types = 0;

  gdk_content_formats_get_gtypes (formats, &n_types);
  gdk_content_formats_get_mime_types (formats, &n_mime_types);

  return n_types == 0 && n_mime_types == 0;
}

static char *
token_expiring_in (int seconds)
{
  g_autofree char *claims = g_strdup_printf ("{\"customer_id\": \"cus_x\", \"exp\": %"
                                             G_GINT64_FORMAT "}",
                                             g_get_real_time () / G_USEC_PER_SEC + seconds);

  return test_make_jwt (claims);
}

/* The customer signs in through the form with the password revealed,
 * edits an address, opens the orders filtered and searched, and an order
 * whose number they copy. After patron_window_end_visit() the customer,
 * their addresses, visit, order list, pages, windows and dialogs are
 * finalized, the clipboard is empty, and every form is empty with its
 * passwords hidden. The next customer finds the orders unfiltered. */
static void
test_end_of_visit (void)
{
  Tracked tracked[11];
  guint n_tracked = 0;
  PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) all = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *showing = NULL;
  g_autofree char *token = token_expiring_in (60 * 60);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  PatronSession *session;
  MedusaCustomer *customer;
  GtkWidget *sign_in;
  GtkWidget *password;
  GtkWidget *orders;
  GtkWidget *list_view;
  GtkWidget *popover;
  GtkWidget *filter_button;
  GtkWidget *order_window;
  GtkWidget *editor;
  GtkWidget *search;

  patron_window_start (window, store_url);
  gtk_window_present (GTK_WINDOW (window));
  session = patron_window_get_session (window);
  patron_session_set_keep_sessions (session, FALSE);
  spin_until (page_is_made, window);

  sign_in = page_named (window, "sign-in");
  gtk_editable_set_text (row (sign_in, "Email Address"), "buyer@example.com");
  gtk_editable_set_text (row (sign_in, "Password"), "buyer-pass-123");
  password = GTK_WIDGET (row (sign_in, "Password"));
  g_assert_false (gtk_widget_get_focusable (reveal_button (password)));
  g_signal_emit_by_name (reveal_button (password), "clicked");
  g_assert_true (password_shown (password));
  /* the keyboard's way: "Show Text" in the field's context menu */
  gtk_widget_activate_action (password, "password.show-text", NULL);
  g_assert_false (password_shown (password));
  gtk_widget_activate_action (password, "password.show-text", NULL);
  g_assert_true (password_shown (password));
  click (sign_in, "Sign In");
  wait_for_label (GTK_WIDGET (window), "Signed in as");
  /* shown once, the password is hidden again when its page goes (once the
   * cross-fade is over) */
  spin_until (is_unmapped, sign_in);
  g_assert_false (password_shown (password));
  /* and, once it served, it is not kept in the form for the rest of the visit
   * (the window leaves the page as the session signs in, which cancels) */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password)), ==, "");

  customer = patron_session_get_customer (session);
  track (&tracked[n_tracked++], sign_in, "the sign-in page");
  track (&tracked[n_tracked++], patron_session_get_visit (session), "the visit");
  track (&tracked[n_tracked++], customer, "the customer");
  track (&tracked[n_tracked++], medusa_customer_get_shipping_addresses (customer),
         "the addresses");
  track (&tracked[n_tracked++], account_page (window), "the account page");

  /* an address being added */
  click (account_page (window), "Add Address");
  editor = fill_address ("Leftover City");
  track (&tracked[n_tracked++], editor, "the address editor");

  /* the orders, filtered and searched, and an order's window */
  medusa_order_query_set_limit (query, 1);
  medusa_client_list_orders_async (patron_session_get_client (session), query, NULL,
                                   test_store_result_cb, &result);
  all = medusa_client_list_orders_finish (patron_session_get_client (session),
                                          test_wait_for (&result), &error);
  g_assert_no_error (error);
  showing = g_strdup_printf ("Showing %u orders", medusa_order_page_get_count (all));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  orders = page_named (window, "orders");
  wait_for_label (orders, showing);
  list_view = find_widget (orders, is_of_type, (const char *) GTK_TYPE_LIST_VIEW);
  track (&tracked[n_tracked++], orders, "the orders page");
  track (&tracked[n_tracked++],
         gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_list_view_get_model (
           GTK_LIST_VIEW (list_view)))),
         "the order list");

  /* the count comes before the first page (the visit's): its rows first */
  wait_for_label (orders, " items, ");
  g_signal_emit_by_name (list_view, "activate", 0);
  spin_until (has_dialog_of, GSIZE_TO_POINTER (PATRON_TYPE_ORDER_WINDOW));
  order_window = find_toplevel (PATRON_TYPE_ORDER_WINDOW);
  wait_for_label (order_window, "Order #");
  gtk_widget_activate_action (order_window, "order.copy-number", NULL);
  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_assert_false (clipboard_is_empty (clipboard));
  track (&tracked[n_tracked++], order_window, "the order window");

  /* a popover pops up on screen: not while its button still slides in
   * (GTK 4.8 finds no monitor for it there, a Gdk critical) */
  spin_until (window_settled, window);
  filter_button = find_widget (orders, has_tooltip, "Filter Orders");
  gtk_menu_button_popup (GTK_MENU_BUTTON (filter_button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (filter_button)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (popover, is_check_saying,
                                                              "Completed")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (popover, is_check_saying,
                                                              "Canceled")), TRUE);
  wait_for_label (orders, "Completed, Canceled");
  gtk_popover_popdown (GTK_POPOVER (popover));
  search = find_widget (orders, is_of_type, (const char *) GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "no-such-order-anywhere");
  wait_for_label (orders, "Try other words");
  g_assert_cmpuint (n_tracked, <=, G_N_ELEMENTS (tracked));
  sign_in = password = orders = list_view = order_window = editor = search = NULL;
  filter_button = popover = NULL;
  customer = NULL;

  patron_window_end_visit (window);
  g_assert_false (patron_session_get_signed_in (session));
  g_assert_null (patron_session_get_visit (session));
  g_assert_cmpstr (visible_page (window), ==, "sign-in");
  assert_all_gone (tracked, n_tracked);
  g_assert_true (clipboard_is_empty (clipboard));
  g_assert_null (find_toplevel (PATRON_TYPE_ORDER_WINDOW));
  g_assert_null (find_toplevel (PATRON_TYPE_ADDRESS_EDITOR));

  /* every form as new: sign in, register, forgot, reset */
  assert_form_empty (page_named (window, "sign-in"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "register", "");
  assert_form_empty (page_named (window, "register"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "forgot", "");
  assert_form_empty (page_named (window, "forgot"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-reset", "(ss)",
                              "someone@example.com", token);
  assert_form_empty (page_named (window, "reset"));

  /* the next customer: the orders unfiltered, the search empty */
  g_clear_object (&result);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  spin_until (shows_account, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  orders = page_named (window, "orders");
  wait_for_label (orders, showing);
  g_assert_null (find_widget (orders, is_label_containing, "Completed, Canceled"));
  search = find_widget (orders, is_of_type, (const char *) GTK_TYPE_SEARCH_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");

  close_window (GTK_WIDGET (window));
}

static gboolean
address_deleted (gpointer data)
{
  const char *email = data;
  g_autoptr(MedusaCustomer) stored = stored_customer (email, "address-pass-1");

  return stored != NULL && n_addresses (stored) == 0;
}

static gboolean
has_no_undo (gpointer data)
{
  return find_widget (data, is_button_saying, "_Undo") == NULL &&
         find_widget (data, is_button_saying, "Undo") == NULL;
}

/* An address deletion waiting on its Undo toast is sent at the end of the
 * visit, its toast goes and the window says so. */
static void
test_end_of_visit_sends_deletion (void)
{
  g_autoptr(MedusaClient) creator = medusa_client_new (store_url);
  g_autofree char *email = g_strdup_printf ("leaving.deletion.%" G_GINT64_FORMAT "@example.com",
                                            g_get_real_time ());
  PatronWindow *window;

  create_customer (creator, email);
  store_address (creator, "London");

  window = signed_in_window (store_url, email);
  wait_for_label (GTK_WIDGET (window), "1 address");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_named, "Delete Address"),
                         "clicked");
  wait_for_label (GTK_WIDGET (window), "Address deleted");

  patron_window_end_visit (window);
  wait_for_label (GTK_WIDGET (window), "The address you deleted is being removed");
  /* no Undo for what is on its way (once the toast has faded out) */
  spin_until (has_no_undo, window);
  spin_until (address_deleted, email);

  close_window (GTK_WIDGET (window));
}

/* Signed in, a reset link for the same customer (used already) shows the
 * reset page in place. "Back to Sign In" and a successful sign-in lead back
 * to the account (they left the window on the sign-in page, without a word,
 * until Sign Out). */
static void
test_reset_link_signed_in_same (void)
{
  g_autofree char *email = NULL;
  g_autofree char *token = token_expiring_in (15 * 60);
  PatronWindow *window = new_account_window ("resetting", "resetting-pass-1", &email);
  PatronSession *session = patron_window_get_session (window);
  GtkWidget *sign_in;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-reset", "(ss)", email, token);
  g_assert_cmpstr (visible_page (window), ==, "reset");
  g_assert_null (find_dialog ());
  g_assert_true (patron_session_get_signed_in (session));

  /* used already: the store refuses it */
  gtk_editable_set_text (row (page_named (window, "reset"), "New Password"), "brand-new-pass-1");
  gtk_editable_set_text (row (page_named (window, "reset"), "New Password Again"),
                         "brand-new-pass-1");
  click (page_named (window, "reset"), "Set Password");
  wait_for_label (page_named (window, "reset"), "wrong, used already or expired");

  click (page_named (window, "reset"), "Back to Sign In");
  g_assert_cmpstr (visible_page (window), ==, "sign-in");
  sign_in = page_named (window, "sign-in");
  g_assert_cmpstr (gtk_editable_get_text (row (sign_in, "Email Address")), ==, email);
  gtk_editable_set_text (row (sign_in, "Password"), "resetting-pass-1");
  click (sign_in, "Sign In");
  spin_until (shows_account, window);
  wait_for_label (account_page (window), email);

  close_window (GTK_WIDGET (window));
}

/* Waits for a question and gives it @response, as a click would (the
 * question then closes). */
static void
answer_question (const char *response)
{
  AdwMessageDialog *dialog;

  spin_until (has_dialog, NULL);
  dialog = g_object_ref (find_dialog ());
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* A link for another email asks first; staying signed in keeps all as it
 * was, signing out ends the visit and shows the reset page for the link. */
static void
test_reset_link_signed_in_other (void)
{
  g_autofree char *email = NULL;
  g_autofree char *token = token_expiring_in (15 * 60);
  g_autofree char *question = NULL;
  PatronWindow *window = new_account_window ("asked", "asked-pass-1", &email);
  PatronSession *session = patron_window_get_session (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-reset", "(ss)",
                              "someone.else@example.com", token);
  spin_until (has_dialog, NULL);
  question = g_strdup_printf ("You are signed in as %s. Sign out and reset the password for "
                              "someone.else@example.com?", email);
  g_assert_cmpstr (adw_message_dialog_get_body (find_dialog ()), ==, question);
  answer_question ("cancel");
  g_assert_true (patron_session_get_signed_in (session));
  g_assert_cmpstr (visible_page (window), ==, "account");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-reset", "(ss)",
                              "someone.else@example.com", token);
  answer_question ("sign-out");
  g_assert_false (patron_session_get_signed_in (session));
  g_assert_cmpstr (visible_page (window), ==, "reset");
  wait_for_label (page_named (window, "reset"), "For your account someone.else@example.com.");
  g_assert_null (page_named (window, "account"));

  close_window (GTK_WIDGET (window));
}

/* With unsaved profile changes, signing out for another account's link asks
 * about them too: kept, nothing happens; discarded, the reset page shows. */
static void
test_reset_link_other_asks_for_unsaved (void)
{
  g_autofree char *email = NULL;
  g_autofree char *token = token_expiring_in (15 * 60);
  PatronWindow *window = new_account_window ("unsaved", "unsaved-pass-1", &email);
  PatronSession *session = patron_window_get_session (window);

  gtk_editable_set_text (row (account_page (window), "First Name"), "Changed");
  for (guint i = 0; i < 2; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-reset", "(ss)",
                                  "someone.else@example.com", token);
      answer_question ("sign-out");
      spin_until (has_dialog, NULL);
      g_assert_cmpstr (adw_message_dialog_get_heading (find_dialog ()), ==,
                       "Discard Unsaved Changes?");
      answer_question (i == 0 ? "cancel" : "discard");
      if (i == 0)
        {
          g_assert_true (patron_session_get_signed_in (session));
          g_assert_cmpstr (visible_page (window), ==, "account");
          g_assert_cmpstr (gtk_editable_get_text (row (account_page (window), "First Name")),
                           ==, "Changed");
        }
    }

  g_assert_false (patron_session_get_signed_in (session));
  g_assert_cmpstr (visible_page (window), ==, "reset");
  wait_for_label (page_named (window, "reset"), "For your account someone.else@example.com.");

  close_window (GTK_WIDGET (window));
}

/* An expired link says when it expired before a password is typed. */
static void
test_reset_link_expired (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  g_autofree char *expired = token_expiring_in (-60);
  g_autofree char *fresh = token_expiring_in (15 * 60);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (g_get_real_time () /
                                                               G_USEC_PER_SEC - 60);
  g_autofree char *time = g_date_time_format (when, "%R");
  g_autofree char *sentence = g_strdup_printf ("This link expired at %s.", time);
  PatronResetPage *page = g_object_new (PATRON_TYPE_RESET_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));

  patron_reset_page_set_session (page, session);
  patron_reset_page_set_link (page, "other@example.com", expired);
  wait_for_label (GTK_WIDGET (page), sentence);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row (GTK_WIDGET (page),
                                                             "New Password"))));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_button_saying, "Send a New Email"));

  /* a link that has not expired asks for the password */
  patron_reset_page_set_link (page, "other@example.com", fresh);
  g_assert_null (find_widget (GTK_WIDGET (page), is_label_containing, "expired"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row (GTK_WIDGET (page),
                                                            "New Password"))));

  close_window (window);
}

/* A's session expired and B signs in instead: what was left of A's visit
 * (the account page with A's unsaved edit) goes before B's account shows. */
static void
test_other_customer_after_expiry (void)
{
  g_autofree char *email = NULL;
  g_autofree char *other = NULL;
  PatronWindow *window = new_account_window ("expiring", "expiring-pass-1", &email);
  PatronWindow *other_window = new_account_window ("next", "next-pass-1", &other);
  PatronSession *session = patron_window_get_session (window);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Tracked tracked[1];

  close_window (GTK_WIDGET (other_window));
  medusa_client_set_access_token (patron_session_get_client (session), "revoked.token.value");
  gtk_editable_set_text (row (account_page (window), "First Name"), "Unsaved");
  track (&tracked[0], account_page (window), "the account page");
  click (account_page (window), "Save");
  spin_until (signed_out, session);

  patron_session_sign_in_async (session, other, "next-pass-1", FALSE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  assert_all_gone (tracked, G_N_ELEMENTS (tracked));
  wait_for_label (account_page (window), other);
  g_assert_cmpstr (gtk_editable_get_text (row (account_page (window), "First Name")), ==, "Ada");

  close_window (GTK_WIDGET (window));
}

/* ------------------------------------------------------------------------ */
/* Text of any length: what the store holds, or what is typed               */

/* the store takes them: Medusa checks no name's or address line's length */
#define HUGE_NAME     8000
#define HUGE_FIELD    10240
/* no label shows more than this many characters of it (a few clipped
 * lines at most) */
#define LABEL_MAX     1000
/* no window asks for more room across than a screen has */
#define NATURAL_MAX   1280
/* what a window with such text may take to appear (it took 95 s), in
 * seconds of processor time: the machines that run the tests are often busy */
#define SHOWN_WITHIN  5

/* Asserts that what took since @start (test_cpu_time()) and @wall_start stays
 * within SHOWN_WITHIN of processor time, stretched as test_deadline() is
 * under a slow tool. */
static void
assert_shown_within (const char *what,
                     gint64      start,
                     gint64      wall_start)
{
  gint64 bound = test_deadline (SHOWN_WITHIN) - g_get_monotonic_time ();

  g_test_message ("%s took %" G_GINT64_FORMAT " ms (%" G_GINT64_FORMAT " ms of processor time)",
                  what, (g_get_monotonic_time () - wall_start) / 1000,
                  (test_cpu_time () - start) / 1000);
  g_assert_cmpint (test_cpu_time () - start, <, bound);
}

/* @length characters: words of @word and a space, or @word without spaces
 * when it is one character */
static char *
long_text (const char *word,
           gsize       length)
{
  glong word_length = g_utf8_strlen (word, -1);
  GString *text = g_string_sized_new (length + 16);
  gsize n_chars = 0;

  while (n_chars < length)
    {
      g_string_append (text, word);
      n_chars += word_length;
      if (word_length > 1)
        {
          g_string_append_c (text, ' ');
          n_chars++;
        }
    }
  g_string_truncate (text, g_utf8_offset_to_pointer (text->str, length) - text->str);

  return g_string_free (text, FALSE);
}

/* The longest text of a visible label under @root, in characters. */
static glong
longest_label (GtkWidget *root)
{
  glong longest = 0;

  if (!gtk_widget_get_visible (root))
    return 0;
  if (GTK_IS_LABEL (root))
    longest = g_utf8_strlen (gtk_label_get_text (GTK_LABEL (root)), -1);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    longest = MAX (longest, longest_label (child));

  return longest;
}

/* The most line breaks in the text of a label under @root. */
static guint
most_line_breaks (GtkWidget *root)
{
  guint most = 0;

  if (GTK_IS_LABEL (root))
    for (const char *p = gtk_label_get_text (GTK_LABEL (root)); *p != '\0'; p++)
      most += *p == '\n';

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    most = MAX (most, most_line_breaks (child));

  return most;
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The deepest widget under @widget as wide as itself: what makes it so. */
static GtkWidget *
widest_leaf (GtkWidget *widget)
{
  int width = natural_width (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && !GTK_IS_NATIVE (child) &&
        natural_width (child) >= width - 48)
      return widest_leaf (child);

  return widget;
}

/* @window with text too long for a screen: it is drawn, asks for no more
 * than a screen and shows clipped text only; at 360 px nothing sticks out. */
static void
assert_bounded (GtkWidget  *window,
                const char *what)
{
  GtkWidget *widest;
  char *problems;

  gtk_test_widget_wait_for_draw (window);
  widest = widest_leaf (content_of (window));

  g_test_message ("%s: natural width %d px (%s in %s in %s “%.20s”), longest label %ld characters",
                  what, natural_width (content_of (window)), G_OBJECT_TYPE_NAME (widest),
                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widest)),
                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (widest))),
                  GTK_IS_LABEL (widest) ? gtk_label_get_text (GTK_LABEL (widest)) : "",
                  longest_label (window));
  g_assert_cmpint (natural_width (content_of (window)), <=, NATURAL_MAX);
  g_assert_cmpint (gtk_widget_get_width (window), <=, NATURAL_MAX);
  g_assert_cmpint (longest_label (window), <=, LABEL_MAX);

  problems = narrow_problems (window);
  if (problems != NULL)
    g_test_fail_printf ("%s: %s", what, problems);
  g_free (problems);
}

/* Sets the customer @client signed in for what no form of Patron lets one
 * send: an 8,000-character first name, a 70,000-character last name and an
 * address of five 10 KB fields, through the Store API itself. */
static void
store_huge_customer (MedusaClient *client)
{
  g_autoptr(MedusaCustomerChanges) changes = medusa_customer_changes_new ();
  g_autoptr(MedusaAddress) address = medusa_address_new ();
  g_autoptr(MedusaCustomer) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_name = long_text ("W", HUGE_NAME);
  /* more than a text field holds (65,535 characters) */
  g_autofree char *last_name = long_text ("Wolfeschlegelsteinhausenbergerdorff", 70000);
  g_autofree char *spaced = long_text ("Lorem ipsum dolor sit amet", HUGE_FIELD);
  g_autofree char *solid = long_text ("X", HUGE_FIELD);

  medusa_customer_changes_set_first_name (changes, first_name);
  medusa_customer_changes_set_last_name (changes, last_name);
  medusa_client_update_customer_async (client, changes, NULL, test_store_result_cb, &result);
  answer = medusa_client_update_customer_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (strlen (medusa_customer_get_first_name (answer)), ==, HUGE_NAME);
  g_clear_object (&answer);
  g_clear_object (&result);

  medusa_address_set_first_name (address, first_name);
  medusa_address_set_last_name (address, "Lovelace");
  medusa_address_set_company (address, solid);
  medusa_address_set_address_1 (address, spaced);
  medusa_address_set_address_2 (address, solid);
  medusa_address_set_city (address, spaced);
  medusa_address_set_province (address, solid);
  medusa_address_set_postal_code (address, "SW1Y 4LB");
  medusa_address_set_country_code (address, "de");
  medusa_client_add_address_async (client, address, NULL, test_store_result_cb, &result);
  answer = medusa_client_add_address_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_addresses (answer), ==, 1);
}

static gboolean
is_editor_of (GtkWidget  *widget,
              const char *unused)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget),
                                              "Edit Address") == 0;
}

/* Names and addresses of 8,000 to 70,000 characters at the store: the
 * account page shows them at once, no wider than a screen (they made
 * Patron exit on an X BadAlloc, and froze it for 95 s), and so do the
 * address editor and the window's title. */
static void
test_long_store_text (void)
{
  g_autoptr(MedusaClient) creator = medusa_client_new (store_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("long.%" G_GINT64_FORMAT "@example.com",
                                            g_get_real_time ());
  g_autoptr(MedusaCustomer) stored = NULL;
  PatronWindow *window;
  GtkWidget *editor;
  gint64 start;
  gint64 wall_start;

  create_customer (creator, email);
  store_huge_customer (creator);

  start = test_cpu_time ();
  wall_start = g_get_monotonic_time ();
  window = signed_in_window (store_url, email);
  wait_for_label (GTK_WIDGET (window), "1 address");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  assert_shown_within ("the account page", start, wall_start);
  /* the whole name is in its field, for the customer to edit, and said to
   * be too long to save as it is */
  g_assert_cmpint (strlen (gtk_editable_get_text (row (GTK_WIDGET (window), "First Name"))),
                   ==, HUGE_NAME);
  wait_for_label (GTK_WIDGET (window), "can have at most 255 characters.");
  /* what the fields could not hold is no change to save */
  g_assert_null (find_widget (GTK_WIDGET (window), is_button_saying, "Save"));
  /* and it ends clipped in the heading */
  g_assert_nonnull (wait_for_label (GTK_WIDGET (window), "WWW…"));
  assert_bounded (GTK_WIDGET (window), "the account page");

  start = test_cpu_time ();
  wall_start = g_get_monotonic_time ();
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_editor_of, NULL), "clicked");
  spin_until (editor_ready, NULL);
  editor = find_toplevel (PATRON_TYPE_ADDRESS_EDITOR);
  gtk_test_widget_wait_for_draw (editor);
  assert_shown_within ("the address editor", start, wall_start);
  assert_bounded (editor, "the address editor");

  /* saving it as it is would send fields the store's text made too long:
   * each is said so, and nothing is sent */
  click (editor, "Save");
  wait_for_label (editor, "First Name can have at most 255 characters");
  gtk_editable_set_text (row (editor, "First Name *"), "Ada");
  click (editor, "Save");
  wait_for_label (editor, "Company can have at most 255 characters");
  gtk_editable_set_text (row (editor, "Company"), "Analytical Engines Ltd");
  click (editor, "Save");
  wait_for_label (editor, "Address can have at most 255 characters");
  close_window (editor);

  stored = stored_customer (email, "address-pass-1");
  g_assert_nonnull (stored);
  g_assert_cmpint (strlen (medusa_customer_get_first_name (stored)), ==, HUGE_NAME);

  close_window (GTK_WIDGET (window));
}

static gboolean
first_name_stored (gpointer data)
{
  MedusaCustomer *customer = data;

  return g_utf8_strlen (medusa_customer_get_first_name (customer), -1) == PATRON_MAX_NAME_LENGTH;
}

/* Typed or pasted text longer than the store should take: the field keeps
 * it, a sentence says so at once and again at "Save", and nothing is sent
 * (100,000 pasted characters were cut to 65,535 and sent). Text as long as
 * allowed is sent whole. */
static void
test_typed_too_long (void)
{
  g_autofree char *email = NULL;
  PatronWindow *window = new_account_window ("typed", "typed-pass-1", &email);
  PatronSession *session = patron_window_get_session (window);
  GtkEditable *first_name = row (GTK_WIDGET (window), "First Name");
  g_autofree char *pasted = long_text ("Ada", 100000);
  g_autofree char *longest = long_text ("Ä", PATRON_MAX_NAME_LENGTH);
  g_autofree char *one_more = g_strconcat (longest, "x", NULL);
  g_autoptr(MedusaCustomer) stored = NULL;
  GtkWidget *editor;
  int position = 0;

  gtk_editable_delete_text (first_name, 0, -1);
  gtk_editable_insert_text (first_name, pasted, -1, &position);
  wait_for_label (GTK_WIDGET (window), "First Name can have at most 255 characters.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (first_name), "error"));
  click (GTK_WIDGET (window), "Save");
  wait_for_label (GTK_WIDGET (window), "First Name can have at most 255 characters.");
  /* what was typed stays */
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (first_name), -1), >, 255);
  assert_bounded (GTK_WIDGET (window), "the account page with a name pasted");

  /* one character more than the store should take is one too many */
  gtk_editable_set_text (first_name, one_more);
  wait_for_label (GTK_WIDGET (window), "First Name can have at most 255 characters.");
  click (GTK_WIDGET (window), "Save");
  stored = stored_customer (email, "typed-pass-1");
  g_assert_cmpstr (medusa_customer_get_first_name (stored), ==, "Ada");
  g_clear_object (&stored);

  /* shortened, the sentence goes, and what is allowed is saved whole */
  gtk_editable_set_text (first_name, longest);
  g_assert_null (find_widget (GTK_WIDGET (window), is_label_containing, "at most 255"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (first_name), "error"));
  click (GTK_WIDGET (window), "Save");
  spin_until (first_name_stored, patron_session_get_customer (session));
  stored = stored_customer (email, "typed-pass-1");
  g_assert_cmpstr (medusa_customer_get_first_name (stored), ==, longest);
  g_clear_object (&stored);

  /* a search too long for the address of a request is not sent either */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_label (GTK_WIDGET (window), "No Orders Yet");
  {
    GtkWidget *search = find_widget (GTK_WIDGET (window), is_of_type,
                                     (const char *) GTK_TYPE_SEARCH_ENTRY);
    MedusaClient *client = patron_session_get_client (session);
    guint requests;

    gtk_editable_set_text (GTK_EDITABLE (search), pasted);
    wait_for_label (GTK_WIDGET (window), "Search orders can have at most 200 characters.");
    while (g_main_context_iteration (NULL, FALSE))
      ;
    requests = medusa_client_get_request_count (client);
    g_signal_emit_by_name (search, "search-changed");
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (medusa_client_get_request_count (client), ==, requests);
    gtk_editable_set_text (GTK_EDITABLE (search), "no-such-order-anywhere");
    g_assert_null (find_widget (GTK_WIDGET (window), is_label_containing, "at most 200"));
    wait_for_label (GTK_WIDGET (window), "Try other words");
  }

  /* a new address too: nothing is sent while a field is too long */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "account", "");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_button_saying, "Add Address"),
                         "clicked");
  editor = fill_address (pasted);
  wait_for_label (editor, "City can have at most 255 characters.");
  click (editor, "Save");
  wait_for_label (editor, "City can have at most 255 characters.");
  g_assert_nonnull (find_toplevel (PATRON_TYPE_ADDRESS_EDITOR));
  stored = stored_customer (email, "typed-pass-1");
  g_assert_cmpuint (n_addresses (stored), ==, 0);
  close_window (editor);

  close_window (GTK_WIDGET (window));
}

/* Registering with a name pasted far too long: said so, and no account is
 * made. */
static void
test_register_too_long (void)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  PatronRegisterPage *page = g_object_new (PATRON_TYPE_REGISTER_PAGE, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));
  g_autoptr(MedusaClient) checker = medusa_client_new (store_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("toolong.%" G_GINT64_FORMAT "@example.com",
                                            g_get_real_time ());
  g_autofree char *pasted = long_text ("Lovelace", 100000);
  gboolean exists = TRUE;

  patron_session_set_keep_sessions (session, FALSE);
  patron_register_page_set_session (page, session);
  gtk_editable_set_text (row (GTK_WIDGET (page), "Email Address"), email);
  gtk_editable_set_text (row (GTK_WIDGET (page), "First Name"), "Ada");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Last Name"), pasted);
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password"), "register-pass-1");
  gtk_editable_set_text (row (GTK_WIDGET (page), "Password Again"), "register-pass-1");
  click (GTK_WIDGET (page), "Create Account");
  wait_for_label (GTK_WIDGET (page), "Last Name can have at most 255 characters.");
  g_assert_true (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (page), is_button_saying,
                                                        "Create Account")));

  medusa_client_email_exists_async (checker, email, NULL, test_store_result_cb, &result);
  g_assert_true (medusa_client_email_exists_finish (checker, test_wait_for (&result), &exists,
                                                    &error));
  g_assert_no_error (error);
  g_assert_false (exists);

  close_window (window);
}

/* A reset link's email and a store's address of 100,000 characters (a link
 * or a command line can carry them): the pages that show them stay within
 * a screen. */
static void
test_long_links (void)
{
  g_autofree char *huge = long_text ("x", 100000);
  g_autofree char *email = g_strconcat (huge, "@example.com", NULL);
  g_autofree char *url = g_strconcat ("http://127.0.0.1:9/", huge, NULL);
  g_autoptr(PatronSession) session = patron_session_new (url);
  PatronResetPage *reset = g_object_new (PATRON_TYPE_RESET_PAGE, NULL);
  PatronSignInPage *sign_in = g_object_new (PATRON_TYPE_SIGN_IN_PAGE, NULL);
  GtkWidget *window;

  window = show_in_window (GTK_WIDGET (reset));
  patron_reset_page_set_session (reset, session);
  patron_reset_page_set_link (reset, email, "token");
  wait_for_label (window, "For your account xxx");
  assert_bounded (window, "the reset page");
  close_window (window);

  window = show_in_window (GTK_WIDGET (sign_in));
  patron_sign_in_page_set_session (sign_in, session);
  wait_for_label (window, "At http://127.0.0.1:9/xxx");
  assert_bounded (window, "the sign-in page");
  close_window (window);
}

/* An order row given texts far longer than an order's: no wider than a
 * screen, and what a screen reader hears of it is clipped too. */
static void
test_order_row_long_text (void)
{
  GtkWidget *order_row = patron_order_row_new ();
  GtkWidget *window = show_in_window (order_row);
  g_autofree char *huge = long_text ("Needs attention", 20000);
  g_autofree char *solid = long_text ("9", 20000);

  patron_order_row_set_order (PATRON_ORDER_ROW (order_row), solid, huge, huge, solid);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (natural_width (order_row), <=, NATURAL_MAX);
  g_assert_cmpint (min_width (order_row), <=, NARROW_WIDTH);
  g_assert_cmpint (g_utf8_strlen (patron_order_row_get_summary (PATRON_ORDER_ROW (order_row)),
                                  -1), <=, LABEL_MAX);

  close_window (window);
}

/* An order as a careless or hostile store could send it: every text the
 * order window shows 10 KB long. */
static void
long_order_handler (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  g_autofree char *text = long_text ("Salt & Pepper", HUGE_FIELD);
  g_autofree char *solid = long_text ("Z", HUGE_FIELD);
  g_autoptr(GString) lines = g_string_new (NULL);
  char *json;

  /* a line break after every letter, in JSON */
  for (guint i = 0; i < HUGE_FIELD / 3; i++)
    g_string_append (lines, "L\\n");

  if (!g_str_equal (path, "/store/customers/me/orders"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  json = g_strdup_printf (
    "{\"orders\": [{\"id\": \"order_1\", \"display_id\": 1, \"status\": \"%s\", "
    "\"fulfillment_status\": \"%s\", \"payment_status\": \"captured\", "
    "\"created_at\": \"2026-11-29T02:05:06.757Z\", \"currency_code\": \"%s\", "
    "\"items\": [{\"id\": \"item_1\", \"title\": \"%s\", \"description\": \"%s\", "
    "\"quantity\": 1, \"unit_price\": 100, \"total\": 100, \"variant\": {\"title\": \"%s\"}}], "
    "\"discounts\": [{\"code\": \"%s\"}], \"gift_cards\": [{\"code\": \"%s\"}], "
    "\"shipping_address\": {\"first_name\": \"%s\", \"last_name\": \"%s\", "
    "\"address_1\": \"%s\", \"city\": \"%s\", \"postal_code\": \"%s\", \"country_code\": \"us\"}, "
    "\"shipping_methods\": [{\"price\": 800, \"total\": 800, "
    "\"shipping_option\": {\"name\": \"%s\"}}], "
    "\"fulfillments\": [{\"id\": \"ful_1\", \"shipped_at\": \"2026-11-29T02:05:10.312Z\", "
    "\"tracking_numbers\": [\"%s\"], "
    "\"tracking_links\": [{\"tracking_number\": \"%s\", \"url\": \"https://example.com/%s\"}]}], "
    "\"subtotal\": 100, \"discount_total\": 10, \"gift_card_total\": 10, \"shipping_total\": 800, "
    "\"tax_total\": 0, \"total\": 880, \"refunded_total\": 0, \"paid_total\": 880}], "
    "\"count\": 1, \"offset\": 0, \"limit\": 1}",
    solid, text, solid, text, solid, lines->str, solid, solid, solid, lines->str, text, solid,
    solid, lines->str, solid, solid, solid);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    json, strlen (json));
}

/* The window of the order that @handler, a fake store, answers with: shown
 * with @heading on it within SHOWN_WITHIN. */
static GtkWidget *
show_fake_order (SoupServerCallback   handler,
                 const char          *heading,
                 SoupServer         **server)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  g_autoptr(MedusaClient) client = NULL;
  GtkWidget *window;
  gint64 start;
  gint64 wall_start;

  *server = test_server_new (handler, NULL, &uri);
  url = g_uri_to_string (uri);
  /* without its trailing slash, as Patron keeps a store's address */
  url[strlen (url) - 1] = '\0';
  client = medusa_client_new (url);
  start = test_cpu_time ();
  wall_start = g_get_monotonic_time ();
  window = GTK_WIDGET (patron_order_window_new (NULL, client, "order_1"));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, heading);
  gtk_test_widget_wait_for_draw (window);
  assert_shown_within ("the order window", start, wall_start);

  return window;
}

/* The order window with every text 10 KB long: shown at once, no wider
 * than a screen, every label clipped. */
static void
test_order_window_long_text (void)
{
  g_autoptr(SoupServer) server = NULL;
  GtkWidget *window = show_fake_order (long_order_handler, "Parcel 1", &server);

  assert_bounded (window, "the order window");
  /* the store's line breaks are spaces: the delivery address alone has
   * lines, three */
  g_assert_cmpuint (most_line_breaks (window), ==, 2);
  close_window (window);
}

/* test_long_order_page(), whatever is asked */
static void
many_parts_handler (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  g_autoptr(GBytes) page = test_long_order_page ();
  gsize size;
  gconstpointer json = g_bytes_get_data (page, &size);

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, size);
}

/* An order with as many parts as the store may send is shown at once, and
 * a row for what is left out of the other long lists: 25 parcels of 1,000
 * tracking numbers took 138 s to show. Every item has a row, the first
 * twenty at once and the rest ten a frame (300 at once took 0.9 s). */
static void
test_order_window_many_parts (void)
{
  g_autoptr(SoupServer) server = NULL;
  GtkWidget *window = show_fake_order (many_parts_handler, "Parcel 10", &server);

  g_assert_nonnull (find_widget (window, is_label_containing, "T0-19"));
  g_assert_null (find_widget (window, is_label_containing, "T0-20"));
  wait_for_label (window, "And 980 more tracking numbers");
  g_assert_null (find_widget (window, is_label_containing, "Parcel 11"));
  wait_for_label (window, "And 15 more parcels");
  wait_for_label (window, "Method 19");
  g_assert_null (find_widget (window, is_label_containing, "Method 20"));
  wait_for_label (window, "And 10 more shipping methods");
  /* every item: what was bought, the first at once, the rest in order */
  g_assert_nonnull (find_widget (window, is_label_saying, "Item 0"));
  g_assert_null (find_widget (window, is_label_saying, "Item 299"));
  wait_for_label (window, "Item 299");
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Item %u", i);
      GtkWidget *label = find_widget (window, is_label_saying, title);
      GtkWidget *row = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW) : NULL;

      g_assert_nonnull (row);
      g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, i);
    }

  close_window (window);
}

/* A store that is not this machine and not https, however it is given —
 * on the command line, kept in the settings, by the use-store action that
 * a link or the store page takes —, goes through the store page's warning
 * before anything is sent there; once accepted, it is not asked again. */
static void
test_insecure_store_everywhere (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.patronapp.Patron");
  PatronWindow *window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  AdwMessageDialog *dialog;

  g_assert_true (patron_store_url_needs_consent (settings, "http://example.test"));
  g_assert_true (patron_store_url_needs_consent (settings, "HTTP://example.test:8080/"));
  g_assert_false (patron_store_url_needs_consent (settings, "https://example.test"));
  g_assert_false (patron_store_url_needs_consent (settings, "http://127.0.0.1:9000"));
  g_assert_false (patron_store_url_needs_consent (settings, "http://localhost:9000"));
  g_assert_false (patron_store_url_needs_consent (settings, "http://[::1]:9000"));

  /* --store http://example.test */
  patron_window_start (window, "http://example.test");
  gtk_window_present (GTK_WINDOW (window));
  spin_until (has_dialog, NULL);
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Connect Without Encryption?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "http://example.test"));
  g_assert_null (patron_window_get_session (window));
  g_assert_cmpstr (gtk_editable_get_text (row (GTK_WIDGET (window), "Store Address")), ==,
                   "http://example.test");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (patron_window_get_session (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row (GTK_WIDGET (window), "Store Address"))));

  /* a link, or anything else that takes the window to a store */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.use-store", "s",
                              "http://example.test:8080");
  spin_until (has_dialog, NULL);
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "http://example.test:8080"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (patron_window_get_session (window));
  /* the store it would have been is not kept for the next start either */
  {
    g_autofree char *kept = g_settings_get_string (settings, "store-url");

    g_assert_cmpstr (kept, !=, "http://example.test:8080");
  }

  /* accepted once, by the warning's "Connect Anyway" */
  g_settings_set_strv (settings, "insecure-stores",
                       (const char * const[]) { "http://example.test", NULL });
  g_assert_false (patron_store_url_needs_consent (settings, "http://example.test"));
  g_assert_false (patron_store_url_needs_consent (settings, "http://example.test/"));

  g_settings_reset (settings, "insecure-stores");
  g_settings_reset (settings, "store-url");
  close_window (GTK_WIDGET (window));
}


/* ------------------------------------------------------------------------ */
/* Several stores                                                           */

typedef struct
{
  const char *url;
  const char *email;
} KeptAt;

static gboolean
is_kept_at (const char *url,
            const char *email)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GError) error = NULL;

  patron_secrets_list_kept_async (NULL, test_store_result_cb, &result);
  kept = patron_secrets_list_kept_finish (test_wait_for (&result), &error);
  g_assert_no_error (error);

  return g_strcmp0 (g_hash_table_lookup (kept, url), email) == 0;
}

static gboolean
not_kept (gpointer data)
{
  KeptAt *at = data;

  return !is_kept_at (at->url, at->email);
}

static gboolean
signed_in_as (gpointer data)
{
  KeptAt *at = data;
  PatronWindow *window = (PatronWindow *) find_toplevel (PATRON_TYPE_WINDOW);
  PatronSession *session = window != NULL ? patron_window_get_session (window) : NULL;
  MedusaCustomer *customer = session != NULL ? patron_session_get_customer (session) : NULL;

  return customer != NULL && shows_account (window) &&
         g_str_equal (patron_session_get_store_url (session), at->url) &&
         g_str_equal (medusa_customer_get_email (customer), at->email);
}

static gboolean
shows_page (gpointer data)
{
  PatronWindow *window = PATRON_WINDOW (find_toplevel (PATRON_TYPE_WINDOW));

  return window != NULL && g_strcmp0 (visible_page (window), data) == 0;
}

static void
assert_recent_stores (GSettings  *settings,
                      const char *first,
                      const char *second)
{
  g_auto(GStrv) stores = g_settings_get_strv (settings, "recent-stores");

  g_assert_cmpstr (stores[0], ==, first);
  if (first != NULL)
    g_assert_cmpstr (stores[1], ==, second);
}

static guint
n_orders_of (const char *url,
             const char *email,
             const char *password)
{
  g_autoptr(MedusaClient) client = medusa_client_new (url);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_SCHEMA);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  patron_store_api_apply (settings, client);
  medusa_client_sign_in_async (client, email, password, MEDUSA_AUTH_MODE_TOKEN, NULL,
                               test_store_result_cb, &result);
  customer = medusa_client_sign_in_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  medusa_order_query_set_limit (query, 1);
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);
  page = medusa_client_list_orders_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);

  return medusa_order_page_get_count (page);
}

/* The row of the store page's list for the store at @url */
static GtkWidget *
store_row (PatronWindow *window,
           const char   *url)
{
  g_autofree char *name = patron_stores_display_name (url);
  GtkWidget *found = find_widget (page_named (window, "store"), is_row_titled, name);

  g_assert_nonnull (found);
  return found;
}

static gboolean
says_kept (gpointer row)
{
  return strstr (adw_action_row_get_subtitle (row), "Kept signed in") != NULL;
}

static void
answer_forget (void)
{
  AdwMessageDialog *dialog;

  spin_until (has_dialog, NULL);
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Forget This Store?");
  adw_message_dialog_response (dialog, "forget");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Two real stores at once, each with its own customer kept signed in:
 * switching (from the menu's action and from the store page's list) shows
 * the right customer and orders and keeps the other store's session;
 * forgetting one store leaves the other's keyring item and settings. */
static void
test_several_stores (void)
{
  const char *url_b = g_getenv ("MEDUSA_URL_B");
  const char *key_b = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_SCHEMA);
  g_autofree char *email_b = g_strdup_printf ("second.%" G_GINT64_FORMAT "@example.com",
                                              g_get_real_time ());
  g_autoptr(MedusaClient) creator = NULL;
  g_autoptr(MedusaCustomer) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *showing = NULL;
  KeptAt at_a = { store_url, "buyer@example.com" };
  KeptAt at_b;
  GtkWidget *store_b_row;
  PatronWindow *window;
  PatronSession *session;

  if (url_b == NULL)
    {
      url_b = g_getenv ("MEDUSA_V2_URL");
      key_b = g_getenv ("MEDUSA_V2_PUBLISHABLE_KEY");
    }
  if (url_b == NULL)
    {
      g_test_skip ("no second store (MEDUSA_URL_B or MEDUSA_V2_URL)");
      return;
    }
  at_b.url = url_b;
  at_b.email = email_b;

  g_settings_reset (settings, "recent-stores");
  g_settings_reset (settings, "store-apis");
  /* nobody kept at either store by an earlier run */
  for (guint i = 0; i < 2; i++)
    {
      patron_secrets_clear_async (i == 0 ? store_url : url_b, NULL, test_store_result_cb,
                                  &result);
      patron_secrets_clear_finish (test_wait_for (&result), NULL);
      g_clear_object (&result);
    }
  /* an acceptance to be forgotten with the store, and another's to stay */
  g_settings_set_strv (settings, "insecure-stores",
                       (const char * const[]) { store_url, "http://other.example", NULL });

  /* store B's own customer, and its key (a v2 store's, as its link gives) */
  creator = medusa_client_new (url_b);
  if (key_b != NULL)
    {
      medusa_client_set_api_version (creator, MEDUSA_API_VERSION_2);
      medusa_client_set_publishable_key (creator, key_b);
      patron_store_api_remember (settings, creator);
    }
  medusa_client_create_customer_async (creator, email_b, "second-pass-1", "Grace", "Hopper",
                                       NULL, NULL, test_store_result_cb, &result);
  created = medusa_client_create_customer_finish (creator, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A: signed in and kept */
  window = g_object_new (PATRON_TYPE_WINDOW, NULL);
  patron_window_start (window, store_url);
  gtk_window_present (GTK_WINDOW (window));
  session = patron_window_get_session (window);
  patron_session_sign_in_async (session, "buyer@example.com", "buyer-pass-123", TRUE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_clear_object (&result);
  spin_until (signed_in_as, &at_a);
  assert_recent_stores (settings, store_url, NULL);

  /* to B, from the menu's action: nobody kept there yet; B signs in, kept */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-store", "s", url_b);
  spin_until (shows_page, (gpointer) "sign-in");
  session = patron_window_get_session (window);
  g_assert_cmpstr (patron_session_get_store_url (session), ==, url_b);
  g_assert_true (is_kept_at (store_url, "buyer@example.com"));
  patron_session_sign_in_async (session, email_b, "second-pass-1", TRUE, NULL,
                                test_store_result_cb, &result);
  g_assert_true (patron_session_sign_in_finish (session, test_wait_for (&result), &error));
  g_clear_object (&result);
  spin_until (signed_in_as, &at_b);
  assert_recent_stores (settings, url_b, store_url);
  g_assert_true (is_kept_at (url_b, email_b));
  g_assert_true (is_kept_at (store_url, "buyer@example.com"));

  /* back to A from the store page's list, two clicks: A's session is
   * resumed, with A's orders; B's stays kept */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.change-store", NULL);
  spin_until (shows_page, (gpointer) "store");
  g_assert_true (is_kept_at (url_b, email_b));
  store_b_row = store_row (window, url_b);
  spin_until (says_kept, store_b_row);
  g_assert_true (says_kept (store_row (window, store_url)));
  /* whether a session is kept, not whose */
  g_assert_null (find_widget (page_named (window, "store"), is_label_containing, email_b));
  gtk_widget_activate (store_row (window, store_url));
  spin_until (signed_in_as, &at_a);
  showing = g_strdup_printf ("Showing %u orders",
                             n_orders_of (store_url, "buyer@example.com", "buyer-pass-123"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_label (page_named (window, "orders"), showing);
  assert_recent_stores (settings, store_url, url_b);

  /* and B again: B's customer, with no orders */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-store", "s", url_b);
  spin_until (signed_in_as, &at_b);
  g_assert_null (find_widget (GTK_WIDGET (window), is_label_containing, "buyer@example.com"));
  g_assert_cmpuint (n_orders_of (url_b, email_b, "second-pass-1"), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate", "(ss)", "orders", "");
  wait_for_label (page_named (window, "orders"), "No Orders Yet");

  /* forget A (not the store shown): its keyring item and settings go, B's
   * stay, and B stays signed in */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-store-at", "s", store_url);
  answer_forget ();
  spin_until (not_kept, &at_a);
  assert_recent_stores (settings, url_b, NULL);
  g_assert_false (is_kept_at (store_url, "buyer@example.com"));
  g_assert_true (is_kept_at (url_b, email_b));
  {
    g_autoptr(GVariant) apis = g_settings_get_value (settings, "store-apis");
    g_auto(GStrv) insecure = g_settings_get_strv (settings, "insecure-stores");
    g_autoptr(GVariant) api_a = g_variant_lookup_value (apis, store_url, NULL);
    g_autoptr(GVariant) api_b = g_variant_lookup_value (apis, url_b, NULL);

    g_assert_null (api_a);
    g_assert_nonnull (api_b);
    g_assert_cmpstrv (insecure, ((const char * const[]) { "http://other.example", NULL }));
  }
  session = patron_window_get_session (window);
  g_assert_cmpstr (patron_session_get_store_url (session), ==, url_b);
  g_assert_cmpstr (medusa_customer_get_email (patron_session_get_customer (session)), ==,
                   email_b);

  /* forget B, the store shown: signed out, on the store page, nothing kept */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-store", NULL);
  answer_forget ();
  spin_until (shows_page, (gpointer) "store");
  g_assert_null (patron_window_get_session (window));
  assert_recent_stores (settings, NULL, NULL);
  g_assert_false (is_kept_at (url_b, email_b));
  {
    g_autoptr(GVariant) apis = g_settings_get_value (settings, "store-apis");

    g_assert_cmpuint (g_variant_n_children (apis), ==, 0);
  }

  g_settings_reset (settings, "insecure-stores");
  g_settings_reset (settings, "store-url");
  close_window (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  /* the offline copies and pictures of the accounts signed in here, not in
   * the user's own cache (before GLib reads it) */
  g_autofree char *cache = g_dir_make_tmp ("patron-test-pages-XXXXXX", NULL);
  int status;

  g_assert_nonnull (cache);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  park_pointer ();
  adw_init ();
  /* Without a window manager (Xvfb) GTK 4.8 warns "did not receive a
   * focus-out event" when focus moves between text fields from code; that
   * says nothing about Patron. Every other warning stays fatal. */
  test_filter_warning ("Gtk", "GtkText - did not receive a focus-out event.");

  store_url = g_getenv ("MEDUSA_URL");

  g_test_add_func ("/pages/sign-in/checks", test_sign_in_checks_before_sending);
  g_test_add_func ("/pages/sign-in/unreachable", test_sign_in_unreachable_store);
  g_test_add_func ("/pages/store/insecure-warning", test_store_page_warns_without_encryption);
  g_test_add_func ("/pages/store/insecure-everywhere", test_insecure_store_everywhere);
  g_test_add_func ("/pages/long-text/order-row", test_order_row_long_text);
  g_test_add_func ("/pages/long-text/links", test_long_links);
  g_test_add_func ("/pages/long-text/order-window", test_order_window_long_text);
  g_test_add_func ("/pages/long-text/order-many-parts", test_order_window_many_parts);

  if (store_url == NULL || store_url[0] == '\0')
    {
      if (g_strcmp0 (g_getenv ("PATRON_REQUIRE_STORE"), "1") == 0)
        {
          g_printerr ("MEDUSA_URL is not set: run build-aux/run-tests.sh\n");
          return 1;
        }
      return g_test_run ();
    }

  g_test_add_func ("/pages/store/refuses", test_store_page_refuses);
  g_test_add_func ("/pages/sign-in/wrong-password", test_sign_in_wrong_password);
  g_test_add_func ("/pages/sign-in/success", test_sign_in_success);
  g_test_add_func ("/pages/register/checks", test_register_checks);
  g_test_add_func ("/pages/register/existing-email", test_register_existing_email);
  g_test_add_func ("/pages/forgot/bad-link", test_forgot_and_bad_link);
  g_test_add_func ("/pages/reset/bad-token", test_reset_bad_token);
  g_test_add_func ("/pages/window/expired-session", test_expired_session_back_to_sign_in);
  g_test_add_func ("/pages/window/pages-made-when-needed", test_window_makes_pages_when_needed);
  g_test_add_func ("/pages/window/resumes-ahead", test_window_resumes_ahead);
  g_test_add_func ("/pages/account/profile", test_account_profile);
  g_test_add_func ("/pages/account/addresses", test_account_addresses);
  g_test_add_func ("/pages/account/many-addresses", test_account_many_addresses);
  g_test_add_func ("/pages/account/credentials", test_account_credentials);
  g_test_add_func ("/pages/account/billing", test_account_billing);
  g_test_add_func ("/pages/account/unsaved-changes", test_unsaved_changes_asked);
  g_test_add_func ("/pages/account/expired-keeps-edits", test_account_expired_keeps_edits);
  g_test_add_func ("/pages/account/sign-out-asks", test_sign_out_asks_for_unsaved);
  g_test_add_func ("/pages/orders/list", test_orders_page);
  g_test_add_func ("/pages/orders/v2-search", test_orders_page_v2_search);
  g_test_add_func ("/pages/orders/empty", test_orders_page_empty);
  g_test_add_func ("/pages/orders/retry", test_orders_page_retry);
  g_test_add_func ("/pages/orders/viewport", test_orders_page_viewport);
  g_test_add_func ("/pages/orders/rows-share-measures", test_order_rows_share_measures);
  g_test_add_func ("/pages/orders/row-mirrored", test_order_row_mirrored);
  g_test_add_func ("/pages/orders/status-wraps-when-narrow",
                   test_orders_page_status_wraps_when_narrow);
  g_test_add_func ("/pages/account/delete-fails", test_account_delete_fails);
  g_test_add_func ("/pages/preferences", test_preferences);
  g_test_add_func ("/pages/session/order-count", test_session_order_count);
  g_test_add_func ("/pages/orders/export", test_orders_page_export);
  g_test_add_func ("/pages/orders/details", test_order_window);
  g_test_add_func ("/pages/orders/header-bar", test_orders_header_bar);
  g_test_add_func ("/pages/orders/prepared", test_orders_prepared);
  g_test_add_func ("/pages/orders/expected", test_orders_expected);
  g_test_add_func ("/pages/visit/end-forgets-everything", test_end_of_visit);
  g_test_add_func ("/pages/visit/end-sends-deletion", test_end_of_visit_sends_deletion);
  g_test_add_func ("/pages/visit/other-customer-after-expiry", test_other_customer_after_expiry);
  g_test_add_func ("/pages/reset/signed-in-same", test_reset_link_signed_in_same);
  g_test_add_func ("/pages/reset/signed-in-other", test_reset_link_signed_in_other);
  g_test_add_func ("/pages/reset/other-asks-for-unsaved", test_reset_link_other_asks_for_unsaved);
  g_test_add_func ("/pages/reset/expired-link", test_reset_link_expired);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autofree char *path = g_strconcat ("/pages/narrow/", page_names[i], NULL);

      g_test_add_data_func (path, page_names[i], test_narrow_page);
    }
  g_test_add_func ("/pages/narrow/window", test_narrow_window);
  g_test_add_func ("/pages/narrow/dialogs", test_narrow_dialogs);
  g_test_add_func ("/pages/narrow/first-open", test_narrow_first_open);
  g_test_add_func ("/pages/polish/closed-while-busy", test_closed_while_busy);
  g_test_add_func ("/pages/polish/keyboard-and-focus", test_keyboard_and_focus);
  g_test_add_func ("/pages/polish/orders-search-keys", test_orders_search_keys);
  g_test_add_func ("/pages/polish/order-window-copies", test_order_window_copies);
  g_test_add_func ("/pages/polish/password-rule-stated", test_password_rule_stated);
  g_test_add_func ("/pages/polish/first-start-says-nothing", test_first_start_says_nothing);
  g_test_add_func ("/pages/polish/store-page-way-back", test_store_page_way_back);
  g_test_add_func ("/pages/narrow/shortcuts", test_narrow_shortcuts);
  /* last: it changes the language of the process, and back */
  g_test_add_func ("/pages/narrow/translated-titles", test_narrow_translated_titles);
  g_test_add_func ("/pages/narrow/translated-pages", test_narrow_translated_pages);
  g_test_add_func ("/pages/narrow/toasts", test_narrow_toasts);
  g_test_add_func ("/pages/polish/toast-dismissed-coming-in", test_toast_dismissed_coming_in);
  g_test_add_func ("/pages/long-text/store", test_long_store_text);
  g_test_add_func ("/pages/long-text/typed", test_typed_too_long);
  g_test_add_func ("/pages/long-text/register", test_register_too_long);
  g_test_add_func ("/pages/stores/switch-and-forget", test_several_stores);
  g_test_add_func ("/pages/keyring/calls-in-turn", test_keyring_calls_in_turn);
  g_test_add_func ("/pages/keyring/failures", test_keyring_failures);
  g_test_add_func ("/pages/offline-copy/not-removed", test_copy_not_removed);
  g_test_add_func ("/pages/keyring/unreadable", test_keyring_unreadable);

  status = g_test_run ();
  test_delete_tree (cache);

  return status;
}
