/* patron-account-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-account-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-account-page.h"
#include "patron-address-editor.h"
#include "patron-countries.h"
#include "patron-credentials-dialog.h"
#include "patron-error.h"
#include "patron-form.h"
#include "patron-prefix-model.h"
#include "patron-text.h"
#include "patron-toast.h"

/**
 * PatronAccountPage:
 *
 * The signed-in customer: an overview, the profile (saved only when
 * something changed, from the store's answer) and the shipping addresses.
 */

struct _PatronAccountPage
{
  AdwBin             parent_instance;

  PatronSession     *session;
  GSignalGroup      *visit_signals; /* the session's visit's */
  GBindingGroup     *session_bindings;
  MedusaCustomer    *customer;
  GCancellable      *cancellable;
  GPtrArray         *pending_deletes;
  PatronPrefixModel *address_rows;  /* the addresses that have rows so far */
  guint              address_rows_tick;
  AdwToast          *undo_toast;    /* weak: the deletions the user may undo */
  char              *unsaved_id;    /* whose profile edits wait for a new session */
  guint              intent_source; /* the pointer resting on Show Orders */

  GtkLabel          *name_label;
  GtkLabel          *signed_in_label;
  GtkLabel          *summary_label;
  GtkEditable       *first_name_row;
  GtkEditable       *last_name_row;
  GtkEditable       *phone_row;
  AdwActionRow      *email_row;
  AdwActionRow      *billing_row;
  GtkLabel          *error_label;
  GtkWidget         *save_box;
  GtkWidget         *save_button;
  GtkWidget         *spinner;
  GtkListBox        *addresses_list;
  GtkWidget         *offline_label;
  GtkWidget         *profile_group;
  GtkWidget         *billing_group;
  GtkWidget         *addresses_group;
};

G_DEFINE_FINAL_TYPE (PatronAccountPage, patron_account_page, ADW_TYPE_BIN)

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
row_differs (GtkEditable *row,
             const char  *value)
{
  const char *held = gtk_editable_get_text (row);
  g_autofree char *text = NULL;

  /* a text field holds no more than about GTK_ENTRY_BUFFER_MAX_SIZE
   * characters of a store's text: as much as it could hold, unchanged, is
   * no change */
  if (value != NULL && patron_text_is_longer (held, GTK_ENTRY_BUFFER_MAX_SIZE - 2) &&
      g_str_has_prefix (value, held))
    return FALSE;

  text = patron_form_dup_text (row);
  return g_strcmp0 (text, or_empty (value)) != 0;
}

/**
 * patron_account_page_get_has_changes:
 *
 * Returns: whether the profile has edits not saved yet
 */
gboolean
patron_account_page_get_has_changes (PatronAccountPage *self)
{
  g_return_val_if_fail (PATRON_IS_ACCOUNT_PAGE (self), FALSE);

  if (self->customer == NULL)
    return FALSE;

  return row_differs (self->first_name_row, medusa_customer_get_first_name (self->customer)) ||
         row_differs (self->last_name_row, medusa_customer_get_last_name (self->customer)) ||
         row_differs (self->phone_row, medusa_customer_get_phone (self->customer));
}

static void
update_summary (PatronAccountPage *self)
{
  guint n_addresses = 0;
  g_autofree char *addresses = NULL;
  g_autofree char *text = NULL;

  if (self->customer != NULL)
    {
      GListModel *addresses_model = medusa_customer_get_shipping_addresses (self->customer);

      n_addresses = g_list_model_get_n_items (addresses_model);
    }

  addresses = g_strdup_printf (ngettext ("%u address", "%u addresses", n_addresses), n_addresses);
  if (self->session != NULL && patron_session_get_visit (self->session) != NULL &&
      patron_visit_get_order_count (patron_session_get_visit (self->session)) >= 0)
    {
      guint n_orders = patron_visit_get_order_count (patron_session_get_visit (self->session));
      g_autofree char *orders = g_strdup_printf (ngettext ("%u order", "%u orders", n_orders),
                                                 n_orders);

      /* Translators: "2 addresses · 5 orders" */
      text = g_strdup_printf (_("%s · %s"), addresses, orders);
    }
  else
    text = g_steal_pointer (&addresses);

  gtk_label_set_text (self->summary_label, text);
}

static char *format_address (MedusaAddress *address);

/* "Ada Lovelace", as long as a label may show */
static char *
format_name (MedusaAddress *address)
{
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           or_empty (medusa_address_get_first_name (address)),
                                           or_empty (medusa_address_get_last_name (address)));

  return patron_text_clip (g_strstrip (name), PATRON_TEXT_MAX_SHOWN);
}

static void
update_billing (PatronAccountPage *self)
{
  MedusaAddress *billing = medusa_customer_get_billing_address (self->customer);
  g_autofree char *name = NULL;
  g_autofree char *lines = NULL;

  if (billing == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->billing_row),
                                     _("No billing address yet"));
      adw_action_row_set_subtitle (self->billing_row, "");
      return;
    }

  name = format_name (billing);
  lines = format_address (billing);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->billing_row), name);
  adw_action_row_set_subtitle (self->billing_row, lines);
}

static void
update_header (PatronAccountPage *self)
{
  g_autofree char *full_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *signed_in = NULL;

  if (self->customer == NULL)
    return;

  /* as long as the store likes: a label shows the start */
  full_name = medusa_customer_dup_full_name (self->customer);
  name = patron_text_clip (full_name, PATRON_TEXT_MAX_SHOWN);
  email = patron_text_clip (medusa_customer_get_email (self->customer), PATRON_TEXT_MAX_SHOWN);
  /* Translators: %s is the customer's email address */
  signed_in = g_strdup_printf (_("Signed in as %s"), email);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->signed_in_label, signed_in);
  adw_action_row_set_subtitle (self->email_row, email);
  update_billing (self);
  update_summary (self);
}

static void
profile_changed_cb (PatronAccountPage *self)
{
  gtk_widget_set_visible (self->save_box, patron_account_page_get_has_changes (self));
}

/* The rows show the customer as the store has it. */
static void
revert_cb (PatronAccountPage *self)
{
  MedusaCustomer *customer = self->customer;

  if (customer == NULL)
    return;

  /* first: a text of the store's too long to save again is said so */
  patron_form_show_error (self->error_label, NULL);
  gtk_editable_set_text (self->first_name_row, or_empty (medusa_customer_get_first_name (customer)));
  gtk_editable_set_text (self->last_name_row, or_empty (medusa_customer_get_last_name (customer)));
  gtk_editable_set_text (self->phone_row, or_empty (medusa_customer_get_phone (customer)));
  profile_changed_cb (self);
}

static void
customer_notify_cb (PatronAccountPage *self)
{
  update_header (self);
  /* edits the user has not saved win over what changed elsewhere */
  if (!gtk_widget_get_visible (self->save_box))
    revert_cb (self);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PatronAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  patron_form_set_busy (self->save_box, self->spinner, FALSE);

  if (!patron_session_update_customer_finish (PATRON_SESSION (object), result, &error))
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_OTHER);
      return;
    }

  /* the session took the store's answer into the customer: show it */
  gtk_widget_set_visible (self->save_box, FALSE);
  revert_cb (self);
}

/* How long the pointer rests on Show Orders before a click is expected: a
 * pointer passing over it on its way elsewhere asks for nothing. */
#define INTENT_MS 60

static gboolean
intent_cb (gpointer user_data)
{
  PatronAccountPage *self = user_data;

  self->intent_source = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.expect-orders", NULL);

  return G_SOURCE_REMOVE;
}

/* The pointer came onto Show Orders: a click is likely to follow. */
static void
orders_intent_cb (PatronAccountPage *self)
{
  if (self->intent_source == 0)
    self->intent_source = g_timeout_add (INTENT_MS, intent_cb, self);
}

static void
orders_intent_left_cb (PatronAccountPage *self)
{
  g_clear_handle_id (&self->intent_source, g_source_remove);
}

static void
save_cb (PatronAccountPage *self)
{
  g_autoptr(MedusaCustomerChanges) changes = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *phone = NULL;

  if (self->session == NULL || self->customer == NULL ||
      !patron_account_page_get_has_changes (self) || !gtk_widget_get_sensitive (self->save_box))
    return;

  /* what is sent, and only that, must be short enough for the store */
  if ((row_differs (self->first_name_row, medusa_customer_get_first_name (self->customer)) &&
       !patron_form_check_lengths (self->error_label, self->first_name_row, NULL)) ||
      (row_differs (self->last_name_row, medusa_customer_get_last_name (self->customer)) &&
       !patron_form_check_lengths (self->error_label, self->last_name_row, NULL)) ||
      (row_differs (self->phone_row, medusa_customer_get_phone (self->customer)) &&
       !patron_form_check_lengths (self->error_label, self->phone_row, NULL)))
    return;

  first_name = patron_form_dup_text (self->first_name_row);
  last_name = patron_form_dup_text (self->last_name_row);
  phone = patron_form_dup_text (self->phone_row);

  if (first_name[0] == '\0' || last_name[0] == '\0')
    {
      patron_form_show_error (self->error_label, _("Enter your first and last name."));
      return;
    }

  changes = medusa_customer_changes_new ();
  if (row_differs (self->first_name_row, medusa_customer_get_first_name (self->customer)))
    medusa_customer_changes_set_first_name (changes, first_name);
  if (row_differs (self->last_name_row, medusa_customer_get_last_name (self->customer)))
    medusa_customer_changes_set_last_name (changes, last_name);
  if (row_differs (self->phone_row, medusa_customer_get_phone (self->customer)))
    medusa_customer_changes_set_phone (changes, phone);

  patron_form_show_error (self->error_label, NULL);
  patron_form_set_busy (self->save_box, self->spinner, TRUE);
  patron_session_update_customer_async (self->session, changes, self->cancellable,
                                        save_done_cb, g_object_ref (self));
}

/* @line as long as a label may show, on a line of its own */
static void
append_line (GString    *text,
             const char *line)
{
  g_autofree char *shown = patron_text_clip (line, PATRON_TEXT_MAX_SHOWN);

  g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", shown);
}

static char *
format_address (MedusaAddress *address)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  const char *parts[] = {
    medusa_address_get_company (address),
    medusa_address_get_address_1 (address),
    medusa_address_get_address_2 (address),
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0')
      g_string_append_printf (line, "%s%s", line->len > 0 ? ", " : "", parts[i]);
  if (line->len > 0)
    append_line (text, line->str);

  g_string_printf (line, "%s %s", or_empty (medusa_address_get_postal_code (address)),
                   or_empty (medusa_address_get_city (address)));
  if (medusa_address_get_province (address) != NULL && medusa_address_get_province (address)[0])
    g_string_append_printf (line, ", %s", medusa_address_get_province (address));
  append_line (text, line->str);
  append_line (text, patron_country_name (medusa_address_get_country_code (address)));

  return g_string_free (text, FALSE);
}

static void
update_address_row (AdwActionRow  *row,
                    GParamSpec    *pspec,
                    MedusaAddress *address)
{
  g_autofree char *name = format_name (address);
  g_autofree char *lines = format_address (address);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (row, lines);
}

/* A deleted address leaves the list at once; the store is asked when the
 * "Undo" toast goes away, or at once if the page goes. */
typedef struct
{
  PatronAccountPage *self;      /* weak: cleared when the page goes */
  MedusaClient      *client;
  MedusaCustomer    *customer;
  MedusaAddress     *address;
  guint              position;
  gboolean           billing;   /* the billing address went with it */
  gboolean           settled;   /* undone or sent */
} PendingDelete;

/* Shared by the page's list, the toast's handlers and the request. */
static void
pending_delete_clear (PendingDelete *pending)
{
  g_clear_weak_pointer (&pending->self);
  g_clear_object (&pending->client);
  g_clear_object (&pending->customer);
  g_clear_object (&pending->address);
}

static void
pending_delete_unref (PendingDelete *pending)
{
  g_rc_box_release_full (pending, (GDestroyNotify) pending_delete_clear);
}

/* The page no longer waits for it. */
static void
settle (PendingDelete *pending)
{
  pending->settled = TRUE;
  if (pending->self != NULL)
    g_ptr_array_remove (pending->self->pending_deletes, pending);
}

static void
put_back (PendingDelete *pending)
{
  GListStore *store = G_LIST_STORE (medusa_customer_get_shipping_addresses (pending->customer));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_list_store_insert (store, MIN (pending->position, n_items), pending->address);
}

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PendingDelete *pending = user_data;
  g_autoptr(MedusaCustomer) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = medusa_client_delete_address_finish (MEDUSA_CLIENT (object), result, &error);
  if (answer != NULL)
    medusa_customer_update_from (pending->customer, answer);
  else
    {
      put_back (pending);
      if (pending->self != NULL)
        {
          g_autofree char *why = patron_error_to_sentence (error, PATRON_ACTION_OTHER);
          g_autofree char *sentence = NULL;

          /* Translators: %s is a sentence that says why, e.g. "The store refused this." */
          sentence = g_strdup_printf (_("The address could not be deleted. %s"), why);

          patron_form_show_error (pending->self->error_label, sentence);
        }
      else
        {
          /* the page, and maybe the customer's visit, went: nobody to tell
           * but the log */
          g_message ("An address deletion sent as its page went failed: %s", error->message);
        }
    }

  pending_delete_unref (pending);
  /* Patron may quit now that the store has answered (send_delete()) */
  if (g_application_get_default () != NULL)
    g_application_release (g_application_get_default ());
}

static void
send_delete (PendingDelete *pending)
{
  MedusaClient *client = pending->client;
  const char *id = medusa_address_get_id (pending->address);

  if (pending->settled)
    return;

  /* Not cancelled with the page: the user let the deletion happen. Closing
   * the last window does not end Patron before the store has it. */
  if (g_application_get_default () != NULL)
    g_application_hold (g_application_get_default ());
  medusa_client_delete_address_async (client, id, NULL, delete_done_cb,
                                      g_rc_box_acquire (pending));
  settle (pending);
}

static void
undo_cb (AdwToast      *toast,
         PendingDelete *pending)
{
  if (pending->settled)
    return;

  put_back (pending);
  settle (pending);
}

/* The deletions of one "Undo" toast (its data), in the order made: undone
 * together (the last first, for each to go back where it was), or sent
 * together when the toast goes. */
#define DELETIONS_KEY "patron-deletions"

static void
undo_all_cb (AdwToast *toast)
{
  GPtrArray *batch = g_object_get_data (G_OBJECT (toast), DELETIONS_KEY);

  for (guint i = batch->len; i > 0; i--)
    undo_cb (toast, g_ptr_array_index (batch, i - 1));
}

static void
send_all_cb (AdwToast *toast)
{
  GPtrArray *batch = g_object_get_data (G_OBJECT (toast), DELETIONS_KEY);

  for (guint i = 0; i < batch->len; i++)
    send_delete (g_ptr_array_index (batch, i));
}

static void
undo_toast_gone_cb (PatronAccountPage *self,
                    AdwToast          *toast)
{
  if (self->undo_toast == toast)
    g_clear_weak_pointer (&self->undo_toast);
}

static char *
say_deleted (GPtrArray *batch)
{
  gboolean billing = FALSE;

  for (guint i = 0; i < batch->len; i++)
    billing |= ((PendingDelete *) g_ptr_array_index (batch, i))->billing;

  if (batch->len == 1)
    return g_strdup (billing ? _("Address deleted, and your billing address with it")
                             : _("Address deleted"));
  if (billing)
    return g_strdup_printf (ngettext ("%u address deleted, and your billing address with them",
                                      "%u addresses deleted, and your billing address with them",
                                      batch->len),
                            batch->len);
  return g_strdup_printf (ngettext ("%u address deleted", "%u addresses deleted", batch->len),
                          batch->len);
}

/* The "Undo" toast for @pending: the one on screen, if the user may still
 * undo with it, so that Undo undoes every deletion it names (a second one
 * would wait behind it, and its Undo undo the first deletion). */
static void
offer_undo (PatronAccountPage *self,
            GtkWidget         *overlay,
            PendingDelete     *pending)
{
  g_autofree char *said = NULL;
  GPtrArray *batch;

  if (self->undo_toast != NULL && !patron_toast_is_going (self->undo_toast))
    {
      batch = g_object_get_data (G_OBJECT (self->undo_toast), DELETIONS_KEY);
      g_ptr_array_add (batch, g_rc_box_acquire (pending));
      said = say_deleted (batch);
      patron_toast_set_text (self->undo_toast, said);
      /* its time starts again */
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (self->undo_toast));
      return;
    }

  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_delete_unref);
  g_ptr_array_add (batch, g_rc_box_acquire (pending));
  said = say_deleted (batch);
  g_set_weak_pointer (&self->undo_toast, patron_toast_new (said));
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (self->undo_toast), DELETIONS_KEY, batch,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (self->undo_toast, "button-clicked", G_CALLBACK (undo_all_cb), NULL);
  g_signal_connect (self->undo_toast, "dismissed", G_CALLBACK (send_all_cb), NULL);
  /* undone, it goes, and takes no more */
  g_signal_connect_object (self->undo_toast, "button-clicked", G_CALLBACK (undo_toast_gone_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_toast, "dismissed", G_CALLBACK (undo_toast_gone_cb),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), self->undo_toast);
}

static void
delete_address (PatronAccountPage *self,
                MedusaAddress     *address)
{
  GListModel *addresses = medusa_customer_get_shipping_addresses (self->customer);
  PendingDelete *pending;
  GtkWidget *overlay;
  guint position;

  if (!g_list_store_find (G_LIST_STORE (addresses), address, &position))
    return;

  pending = g_rc_box_new0 (PendingDelete);
  g_set_weak_pointer (&pending->self, self);
  pending->client = g_object_ref (patron_session_get_client (self->session));
  pending->customer = g_object_ref (self->customer);
  pending->address = g_object_ref (address);
  pending->position = position;
  /* a billing address that is this very address (linked by a storefront,
   * or by Patron before it copied) goes with it */
  pending->billing = g_strcmp0 (medusa_customer_get_billing_address_id (self->customer),
                                medusa_address_get_id (address)) == 0;
  g_ptr_array_add (self->pending_deletes, pending);

  g_list_store_remove (G_LIST_STORE (addresses), position);
  patron_form_show_error (self->error_label, NULL);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      send_delete (pending);
      return;
    }

  offer_undo (self, overlay, pending);
}

static void
edit_clicked_cb (GtkButton     *button,
                 MedusaAddress *address)
{
  PatronAccountPage *self = PATRON_ACCOUNT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                          PATRON_TYPE_ACCOUNT_PAGE));
  PatronAddressEditor *editor;

  editor = patron_address_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      self->session, address);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
delete_clicked_cb (GtkButton     *button,
                   MedusaAddress *address)
{
  PatronAccountPage *self = PATRON_ACCOUNT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                          PATRON_TYPE_ACCOUNT_PAGE));

  delete_address (self, address);
}

static void
billing_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PatronAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!patron_session_update_customer_finish (PATRON_SESSION (object), result, &error))
    patron_form_show_failure (self->error_label, error, PATRON_ACTION_OTHER);
}

static void
use_for_billing_cb (GtkButton     *button,
                    MedusaAddress *address)
{
  PatronAccountPage *self = PATRON_ACCOUNT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                          PATRON_TYPE_ACCOUNT_PAGE));
  g_autoptr(MedusaCustomerChanges) changes = medusa_customer_changes_new ();

  patron_form_show_error (self->error_label, NULL);
  /* given in full, with its id: a store that keeps billing addresses apart
   * keeps a copy, so that deleting or editing the shipping address later
   * leaves the billing address as it is; one that flags an address of the
   * book as billing flags this one */
  medusa_customer_changes_set_billing_address (changes, address);
  patron_session_update_customer_async (self->session, changes, self->cancellable,
                                        billing_chosen_cb, g_object_ref (self));
}

static void
edit_billing_cb (PatronAccountPage *self)
{
  PatronAddressEditor *editor;

  if (self->session == NULL || self->customer == NULL)
    return;

  editor = patron_address_editor_new_for_billing (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  self->session);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
reset_email_sent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PatronAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (!medusa_client_request_password_reset_finish (MEDUSA_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        patron_form_show_failure (self->error_label, error, PATRON_ACTION_REQUEST_RESET);
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 patron_toast_new (_("Email sent: follow its link to set a "
                                                     "new password")));
}

static void
reset_email_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         PatronAccountPage *self)
{
  if (g_strcmp0 (response, "send") != 0 || self->session == NULL || self->customer == NULL)
    return;

  medusa_client_request_password_reset_async (patron_session_get_client (self->session),
                                              medusa_customer_get_email (self->customer),
                                              self->cancellable, reset_email_sent_cb,
                                              g_object_ref (self));
}

/* A store that changes neither (Medusa v2) says so; a new password can
 * still come through the reset email. */
static gboolean
explain_what_the_store_cannot_change (PatronAccountPage *self,
                                      PatronCredentials  what)
{
  MedusaClient *client = patron_session_get_client (self->session);
  MedusaCapabilities can = medusa_client_get_capabilities (client);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  AdwMessageDialog *dialog;

  if (what == PATRON_CREDENTIALS_EMAIL && !(can & MEDUSA_CAPABILITY_CHANGE_EMAIL))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                           _("This Store Keeps Email Addresses"),
                                                           _("This store does not let its "
                                                             "customers change the email address "
                                                             "of their account. Ask the store to "
                                                             "change it.")));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (what == PATRON_CREDENTIALS_PASSWORD && !(can & MEDUSA_CAPABILITY_CHANGE_PASSWORD))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                           _("Change Your Password by Email"),
                                                           NULL));
      /* Translators: %s is the customer's email address */
      adw_message_dialog_format_body (dialog,
                                      _("This store changes passwords only through a reset "
                                        "email. Patron can ask it to send one to %s; its link "
                                        "lets you set a new password."),
                                      medusa_customer_get_email (self->customer));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "send", _("_Send Email"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "send");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (reset_email_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  return FALSE;
}

static void
change_credentials (PatronAccountPage *self,
                    PatronCredentials  what)
{
  PatronCredentialsDialog *dialog;

  if (self->session == NULL || self->customer == NULL)
    return;

  if (explain_what_the_store_cannot_change (self, what))
    return;

  dialog = patron_credentials_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                          self->session, what);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
change_email_cb (PatronAccountPage *self)
{
  change_credentials (self, PATRON_CREDENTIALS_EMAIL);
}

static void
change_password_cb (PatronAccountPage *self)
{
  change_credentials (self, PATRON_CREDENTIALS_PASSWORD);
}

static void
add_address_cb (PatronAccountPage *self)
{
  PatronAddressEditor *editor;

  if (self->session == NULL || self->customer == NULL)
    return;

  editor = patron_address_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      self->session, NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static GtkWidget *
row_button (const char    *icon_name,
            const char    *name,
            GCallback      callback,
            MedusaAddress *address)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (button, "clicked", callback, address, 0);

  return button;
}

static GtkWidget *
create_address_row (gpointer item,
                    gpointer user_data)
{
  MedusaAddress *address = item;
  GtkWidget *row = adw_action_row_new ();

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("mail-send-symbolic", _("Use as Billing Address"),
                                         G_CALLBACK (use_for_billing_cb), address));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-edit-symbolic", _("Edit Address"),
                                         G_CALLBACK (edit_clicked_cb), address));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", _("Delete Address"),
                                         G_CALLBACK (delete_clicked_cb), address));

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  /* customer text, not markup: "Smith & Sons" */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  update_address_row (ADW_ACTION_ROW (row), NULL, address);
  /* the row follows the address object, which is updated in place */
  g_signal_connect_object (address, "notify", G_CALLBACK (update_address_row), row,
                           G_CONNECT_SWAPPED);

  return row;
}

static void
addresses_changed_cb (PatronAccountPage *self)
{
  update_summary (self);
}

/* A row for each address: ADDRESS_ROWS_AT_ONCE in the frame the customer
 * comes in (more than a screen holds), then ADDRESS_ROWS_PER_FRAME in each
 * frame while the page is on screen, until every address has one. 500
 * addresses (what a store may send) made at once held the window still for
 * a second and a half. Addresses added or removed meanwhile are among the
 * first rows, or come with the rest; a deletion or an Undo changes its own
 * row only (#PatronPrefixModel). */
#define ADDRESS_ROWS_AT_ONCE 20
#define ADDRESS_ROWS_PER_FRAME 10

static gboolean
more_address_rows_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  PatronAccountPage *self = PATRON_ACCOUNT_PAGE (widget);
  guint size = patron_prefix_model_get_size (self->address_rows);
  GListModel *addresses = patron_prefix_model_get_model (self->address_rows);

  if (size < g_list_model_get_n_items (addresses))
    {
      patron_prefix_model_set_size (self->address_rows, size + ADDRESS_ROWS_PER_FRAME);
      return G_SOURCE_CONTINUE;
    }

  /* and those added later */
  patron_prefix_model_set_size (self->address_rows, G_MAXUINT);
  self->address_rows_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
bind_addresses (PatronAccountPage *self,
                GListModel        *addresses)
{
  if (self->address_rows_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->address_rows_tick);
  self->address_rows_tick = 0;
  g_clear_object (&self->address_rows);

  if (addresses == NULL)
    {
      gtk_list_box_bind_model (self->addresses_list, NULL, NULL, NULL, NULL);
      return;
    }

  self->address_rows = patron_prefix_model_new (addresses, ADDRESS_ROWS_AT_ONCE);
  gtk_list_box_bind_model (self->addresses_list, G_LIST_MODEL (self->address_rows),
                           create_address_row, NULL, NULL);
  if (g_list_model_get_n_items (addresses) > ADDRESS_ROWS_AT_ONCE)
    self->address_rows_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                            more_address_rows_cb, NULL, NULL);
  else
    patron_prefix_model_set_size (self->address_rows, G_MAXUINT);
}

static void
set_customer (PatronAccountPage *self,
              MedusaCustomer    *customer)
{
  if (self->customer == customer)
    return;

  if (self->customer != NULL)
    {
      GListModel *addresses = medusa_customer_get_shipping_addresses (self->customer);

      /* a session that ended (expired, or signed in again) keeps the edits
       * for the same customer's next session */
      g_clear_pointer (&self->unsaved_id, g_free);
      if (patron_account_page_get_has_changes (self))
        self->unsaved_id = g_strdup (medusa_customer_get_id (self->customer));

      g_signal_handlers_disconnect_by_data (self->customer, self);
      g_signal_handlers_disconnect_by_data (addresses, self);
    }
  g_set_object (&self->customer, customer);

  gtk_widget_set_visible (self->save_box, FALSE);
  patron_form_show_error (self->error_label, NULL);

  if (customer == NULL)
    {
      bind_addresses (self, NULL);
      return;
    }

  g_signal_connect_object (customer, "notify", G_CALLBACK (customer_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (medusa_customer_get_shipping_addresses (customer), "items-changed",
                           G_CALLBACK (addresses_changed_cb), self, G_CONNECT_SWAPPED);
  bind_addresses (self, medusa_customer_get_shipping_addresses (customer));
  update_header (self);
  if (g_strcmp0 (self->unsaved_id, medusa_customer_get_id (customer)) == 0)
    profile_changed_cb (self);
  else
    revert_cb (self);
  g_clear_pointer (&self->unsaved_id, g_free);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
session_customer_cb (PatronAccountPage *self)
{
  set_customer (self, patron_session_get_customer (self->session));
}

static void
patron_account_page_dispose (GObject *object)
{
  PatronAccountPage *self = (PatronAccountPage *)object;

  g_clear_handle_id (&self->intent_source, g_source_remove);
  g_clear_weak_pointer (&self->undo_toast);
  /* deletions the user did not undo are sent now, and finish on their own */
  if (self->pending_deletes != NULL)
    {
      patron_account_page_send_pending (self);
      g_clear_pointer (&self->pending_deletes, g_ptr_array_unref);
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  set_customer (self, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->visit_signals);
  g_clear_object (&self->session_bindings);
  g_clear_pointer (&self->unsaved_id, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_ACCOUNT_PAGE);

  G_OBJECT_CLASS (patron_account_page_parent_class)->dispose (object);
}

static void
patron_account_page_class_init (PatronAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_account_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, signed_in_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, billing_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, save_box);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, addresses_list);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, profile_group);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, billing_group);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, addresses_group);
  gtk_widget_class_bind_template_callback (widget_class, profile_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, orders_intent_cb);
  gtk_widget_class_bind_template_callback (widget_class, orders_intent_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_address_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_password_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_billing_cb);
}

static void
patron_account_page_init (PatronAccountPage *self)
{
  self->pending_deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_delete_unref);
  self->visit_signals = g_signal_group_new (PATRON_TYPE_VISIT);
  g_signal_group_connect_swapped (self->visit_signals, "notify::order-count",
                                  G_CALLBACK (update_summary), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* offline, what is shown is a copy: nothing is changed, and it says why */
  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "offline", self->offline_label, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->session_bindings, "offline", self->profile_group, "sensitive",
                             G_BINDING_SYNC_CREATE, patron_form_offline_to_sensitive, NULL,
                             NULL, NULL);
  g_binding_group_bind_full (self->session_bindings, "offline", self->billing_group, "sensitive",
                             G_BINDING_SYNC_CREATE, patron_form_offline_to_sensitive, NULL,
                             NULL, NULL);
  g_binding_group_bind_full (self->session_bindings, "offline", self->addresses_group,
                             "sensitive", G_BINDING_SYNC_CREATE,
                             patron_form_offline_to_sensitive, NULL, NULL, NULL);
  patron_form_set_max_length (self->first_name_row, PATRON_MAX_NAME_LENGTH, self->error_label);
  patron_form_set_max_length (self->last_name_row, PATRON_MAX_NAME_LENGTH, self->error_label);
  patron_form_set_max_length (self->phone_row, PATRON_MAX_PHONE_LENGTH, self->error_label);
}

void
patron_account_page_set_session (PatronAccountPage *self,
                                 PatronSession     *session)
{
  g_return_if_fail (PATRON_IS_ACCOUNT_PAGE (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->visit_signals, NULL);
  g_binding_group_set_source (self->session_bindings, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::customer", G_CALLBACK (session_customer_cb),
                               self, G_CONNECT_SWAPPED);
      /* the order count is the visit's */
      g_object_bind_property (session, "visit", self->visit_signals, "target",
                              G_BINDING_SYNC_CREATE);
      set_customer (self, patron_session_get_customer (session));
    }
  else
    set_customer (self, NULL);
}

/**
 * patron_account_page_discard_changes:
 *
 * Forgets the profile edits not saved: the rows show the customer again.
 */
void
patron_account_page_discard_changes (PatronAccountPage *self)
{
  g_return_if_fail (PATRON_IS_ACCOUNT_PAGE (self));

  g_clear_pointer (&self->unsaved_id, g_free);
  revert_cb (self);
}

/**
 * patron_account_page_send_pending:
 *
 * Sends at once the deletions still waiting on their Undo toast: for the
 * end of a visit, or the page's. The requests finish on their own, holding
 * the application meanwhile. Undo does nothing any more; the next toast
 * shown sends the toast away (libadwaita 1.2 crashes if it is dismissed
 * while it is still coming in).
 *
 * Returns: how many were sent
 */
guint
patron_account_page_send_pending (PatronAccountPage *self)
{
  guint n_sent = 0;

  g_return_val_if_fail (PATRON_IS_ACCOUNT_PAGE (self), 0);

  while (self->pending_deletes->len > 0)
    {
      PendingDelete *pending = g_ptr_array_steal_index (self->pending_deletes, 0);

      g_clear_weak_pointer (&pending->self);
      if (!pending->settled)
        n_sent++;
      send_delete (pending);
      pending_delete_unref (pending);
    }

  return n_sent;
}
