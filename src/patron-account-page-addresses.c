/* patron-account-page-addresses.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-account-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-account-page-private.h"
#include "patron-address-editor.h"
#include "patron-countries.h"
#include "patron-error.h"
#include "patron-form.h"
#include "patron-text.h"
#include "patron-toast.h"

/* The account page's addresses: the billing address, a row for each
 * shipping address, and deletions that wait on an "Undo" toast. */

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* "Ada Lovelace", as long as a label may show */
static char *
format_name (MedusaAddress *address)
{
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           or_empty (medusa_address_get_first_name (address)),
                                           or_empty (medusa_address_get_last_name (address)));

  return patron_text_clip (g_strstrip (name), PATRON_TEXT_MAX_SHOWN);
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

void
_patron_account_page_update_billing (PatronAccountPage *self)
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
  if (answer == NULL || !medusa_customer_update_from (pending->customer, answer, &error))
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

/* A row for each address: a few in the frame the customer comes in, then
 * as many in each frame as keep it short (#PatronPace) while the page is on
 * screen, until every address has one. 500 addresses (what a store may
 * send) made at once held the window still for a second and a half. So do
 * the addresses of a later answer, when there are more than a few new ones
 * (the prefix's maximum growth). Addresses added or removed meanwhile are
 * among the first rows, or come with the rest; a deletion or an Undo
 * changes its own row only (#PatronPrefixModel). */

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
      guint more = patron_pace_next (&self->address_rows_pace, g_get_monotonic_time ());

      patron_prefix_model_set_size (self->address_rows, size + more);
      return G_SOURCE_CONTINUE;
    }

  /* and those added later */
  patron_prefix_model_set_size (self->address_rows, G_MAXUINT);
  self->address_rows_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
more_address_rows_later (PatronAccountPage *self)
{
  patron_pace_start (&self->address_rows_pace, g_get_monotonic_time ());
  self->address_rows_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                          more_address_rows_cb, NULL, NULL);
}

/* a later answer's many new addresses: the prefix held back the rest */
static void
address_rows_changed_cb (PatronAccountPage *self)
{
  GListModel *addresses = patron_prefix_model_get_model (self->address_rows);

  if (self->address_rows_tick == 0 &&
      patron_prefix_model_get_size (self->address_rows) < g_list_model_get_n_items (addresses))
    more_address_rows_later (self);
}

void
_patron_account_page_bind_addresses (PatronAccountPage *self,
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

  self->address_rows = patron_prefix_model_new (addresses, PATRON_PACE_AT_ONCE);
  gtk_list_box_bind_model (self->addresses_list, G_LIST_MODEL (self->address_rows),
                           create_address_row, NULL, NULL);
  patron_prefix_model_set_max_growth (self->address_rows, PATRON_PACE_AT_ONCE);
  g_signal_connect_object (self->address_rows, "items-changed",
                           G_CALLBACK (address_rows_changed_cb), self, G_CONNECT_SWAPPED);
  if (g_list_model_get_n_items (addresses) > PATRON_PACE_AT_ONCE)
    more_address_rows_later (self);
  else
    patron_prefix_model_set_size (self->address_rows, G_MAXUINT);
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

void
_patron_account_page_addresses_init (PatronAccountPage *self)
{
  self->pending_deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_delete_unref);
}

void
_patron_account_page_addresses_dispose (PatronAccountPage *self)
{
  g_clear_weak_pointer (&self->undo_toast);
  /* deletions the user did not undo are sent now, and finish on their own */
  if (self->pending_deletes != NULL)
    {
      patron_account_page_send_pending (self);
      g_clear_pointer (&self->pending_deletes, g_ptr_array_unref);
    }
}

void
_patron_account_page_class_addresses_init (PatronAccountPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, add_address_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_billing_cb);
}
