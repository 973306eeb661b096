/* patron-order-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-order-window"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-application.h"
#include "patron-countries.h"
#include "patron-error.h"
#include "patron-form.h"
#include "patron-image-cache.h"
#include "patron-money.h"
#include "patron-order-receipt.h"
#include "patron-order-window.h"
#include "patron-pace.h"
#include "patron-text.h"
#include "patron-toast.h"

/**
 * PatronOrderWindow:
 *
 * One order in full, fetched afresh: items, totals, where and how it ships,
 * each parcel with its tracking numbers, "Copy Order Number" and "Print…"
 * (Ctrl+P), which prints it as a receipt (#PatronOrderReceipt). Each item
 * shows its product's picture from the #PatronImageCache, or a placeholder.
 */

/* what a row's value (an amount, a status in words) shows at most */
#define VALUE_MAX_CHARS 32

/* the side of an item's picture, in application pixels */
#define THUMBNAIL_SIZE 48

struct _PatronOrderWindow
{
  AdwWindow            parent_instance;

  MedusaClient        *client;
  GCancellable        *cancellable;
  MedusaOrder         *order;
  PatronImageCache    *images;

  GtkStack            *stack;
  AdwPreferencesPage  *details;
  AdwStatusPage       *error_page;
  AdwWindowTitle      *title;
  AdwToastOverlay     *toasts;
  AdwToast            *copied; /* weak: the toast of the last copy */
  GtkPrintOperation   *printing;
  AdwPreferencesGroup *items_group;
  guint                n_item_rows;
  guint                item_rows_tick;
  PatronPace           item_rows_pace;
};

G_DEFINE_FINAL_TYPE (PatronOrderWindow, patron_order_window, ADW_TYPE_WINDOW)

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  /* the store's text, of any length: the start of it */
  g_autofree char *shown_title = patron_text_clip (title, PATRON_TEXT_MAX_SHOWN);
  g_autofree char *shown_subtitle = NULL;

  /* the store's text, not markup: "Salt & Pepper" */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_title);
  if (subtitle != NULL && subtitle[0] != '\0')
    {
      /* a product's variant, a refund's note: one line of the store's text */
      shown_subtitle = patron_text_clip (subtitle, 4 * PATRON_TEXT_MAX_SHOWN);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_subtitle);
    }
  if (value != NULL)
    {
      /* an amount, short by nature: beside the title, it must not widen the row */
      g_autofree char *shown_value = patron_text_clip (value, VALUE_MAX_CHARS);
      GtkWidget *label = gtk_label_new (shown_value);

      /* a row gives it its whole width first: only what no amount needs ends in "…" */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (group, row);

  return row;
}

static AdwPreferencesGroup *
add_group (PatronOrderWindow *self,
           const char        *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  adw_preferences_page_add (self->details, group);

  return group;
}

static GtkWidget *
add_money_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle,
               gint64               amount,
               const char          *currency,
               gboolean             always)
{
  g_autofree char *value = NULL;

  if (amount == 0 && !always)
    return NULL;

  value = patron_format_money (amount, currency);
  return add_row (group, title, subtitle, value);
}

/* A button at the end of @row that copies @text, as "order.copy" does. */
static void
add_copy_button (GtkWidget  *row,
                 const char *text,
                 const char *what)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "order.copy-tracking-number");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", text);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
open_link_cb (GtkButton  *button,
              const char *url)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

#if GTK_CHECK_VERSION (4, 10, 0)
  /* gtk_show_uri is deprecated from GTK 4.10 on; its replacement is newer
   * than GDK_VERSION_MAX_ALLOWED, which would flag it */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (url);

  gtk_uri_launcher_launch (launcher, window, NULL, NULL, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri (window, url, GDK_CURRENT_TIME);
#endif
}

static void add_more_row (AdwPreferencesGroup *group,
                          guint                n_more,
                          const char          *format,
                          ...) G_GNUC_PRINTF (3, 4);

/* The last row of a list cut short, when @n_more are left out: how many. */
static void
add_more_row (AdwPreferencesGroup *group,
              guint                n_more,
              const char          *format,
              ...)
{
  g_autofree char *title = NULL;
  va_list args;

  if (n_more == 0)
    return;

  va_start (args, format);
  title = g_strdup_vprintf (format, args);
  va_end (args);
  gtk_widget_add_css_class (add_row (group, title, NULL, NULL), "dim-label");
}

/* Each refund apart: when, why, and the store's note to the customer. */
static void
add_refund_rows (AdwPreferencesGroup *group,
                 MedusaOrder         *order)
{
  GListModel *refunds = medusa_order_get_refunds (order);
  const char *currency = medusa_order_get_currency_code (order);
  guint n_refunds = refunds != NULL ? g_list_model_get_n_items (refunds) : 0;
  guint n_more;

  for (guint i = 0; i < MIN (n_refunds, PATRON_ORDER_LIST_SHOWN_MAX); i++)
    {
      g_autoptr(MedusaRefund) refund = g_list_model_get_item (refunds, i);
      g_autoptr(GString) subtitle = g_string_new (patron_refund_reason_word (
                                                    medusa_refund_get_reason (refund)));
      g_autofree char *amount = patron_format_money (medusa_refund_get_amount (refund), currency);
      g_autofree char *title = NULL;
      g_autofree char *date = patron_format_local_time (medusa_refund_get_created_at (refund),
                                                        "%x");

      if (date != NULL)
        /* Translators: a refund and its date, e.g. "Refund of 28/11/2026" */
        title = g_strdup_printf (_("Refund of %s"), date);
      if (medusa_refund_get_note (refund) != NULL && *medusa_refund_get_note (refund) != '\0')
        g_string_append_printf (subtitle, " · %s", medusa_refund_get_note (refund));

      add_row (group, title != NULL ? title : _("Refund"), subtitle->str, amount);
    }
  n_more = n_refunds - MIN (n_refunds, PATRON_ORDER_LIST_SHOWN_MAX);
  add_more_row (group, n_more, ngettext ("And %u more refund", "And %u more refunds", n_more),
                n_more);
}

static void
show_picture (GtkImage   *image,
              GdkTexture *texture)
{
  gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
  gtk_image_set_pixel_size (image, THUMBNAIL_SIZE);
  gtk_widget_remove_css_class (GTK_WIDGET (image), "dim-label");
}

static void
thumbnail_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkImage) image = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  /* no picture to show is no failure to tell: the placeholder stays */
  texture = patron_image_cache_load_finish (PATRON_IMAGE_CACHE (object), result, &error);
  if (texture != NULL)
    show_picture (image, texture);
}

/* The product's picture, or a package while it loads and when there is none.
 * It is decoration (the row's title names the product): hidden from screen
 * readers. */
static void
add_thumbnail (PatronOrderWindow *self,
               GtkWidget         *row,
               MedusaLineItem    *item)
{
  const char *url = medusa_line_item_get_thumbnail (item);
  GtkWidget *image = gtk_image_new_from_icon_name ("package-x-generic-symbolic");
  g_autoptr(GdkTexture) texture = NULL;
  int size;

  gtk_image_set_pixel_size (GTK_IMAGE (image), THUMBNAIL_SIZE / 2);
  gtk_widget_set_size_request (image, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (image, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (image, "order-thumbnail");
  gtk_widget_add_css_class (image, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);

  if (url == NULL || url[0] == '\0' || self->images == NULL)
    return;

  size = THUMBNAIL_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  texture = patron_image_cache_lookup (self->images, self->client, url, size);
  if (texture != NULL)
    show_picture (GTK_IMAGE (image), texture);
  else
    patron_image_cache_load_async (self->images, self->client, url, size, self->cancellable,
                                   thumbnail_cb, g_object_ref (image));
}

/* A row for each item: a few with the rest of the order, then as many in
 * each frame as keep it short (#PatronPace), until every item has one.
 * 1,000 items (what a store may send) made at once held the window for two
 * seconds. */

static void
add_item_rows (PatronOrderWindow *self,
               guint              n_rows)
{
  GListModel *items = medusa_order_get_items (self->order);
  const char *currency = medusa_order_get_currency_code (self->order);
  guint end = MIN (self->n_item_rows + n_rows, g_list_model_get_n_items (items));

  for (; self->n_item_rows < end; self->n_item_rows++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, self->n_item_rows);
      g_autofree char *unit = patron_format_money (medusa_line_item_get_unit_price (item),
                                                   currency);
      g_autofree char *line = patron_format_money (medusa_line_item_get_total (item), currency);
      g_autofree char *detail = NULL;
      const char *variant = medusa_line_item_get_variant_title (item);

      /* Translators: variant, quantity × unit price, e.g. "M · 2 × USD 19.50" */
      detail = g_strdup_printf (_("%s%s%d × %s"), variant != NULL ? variant : "",
                                variant != NULL ? " · " : "",
                                medusa_line_item_get_quantity (item), unit);
      add_thumbnail (self, add_row (self->items_group, medusa_line_item_get_title (item),
                                    detail, line),
                     item);
    }
}

static gboolean
more_item_rows_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  PatronOrderWindow *self = PATRON_ORDER_WINDOW (widget);

  add_item_rows (self, patron_pace_next (&self->item_rows_pace, g_get_monotonic_time ()));
  if (self->n_item_rows < g_list_model_get_n_items (medusa_order_get_items (self->order)))
    return G_SOURCE_CONTINUE;

  self->item_rows_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
show_order (PatronOrderWindow *self)
{
  MedusaOrder *order = self->order;
  const char *currency = medusa_order_get_currency_code (order);
  GListModel *items = medusa_order_get_items (order);
  GListModel *fulfillments = medusa_order_get_fulfillments (order);
  GListModel *methods = medusa_order_get_shipping_methods (order);
  MedusaAddress *address = medusa_order_get_shipping_address (order);
  AdwPreferencesGroup *group;
  guint n_methods;
  guint n_parcels;
  guint n_more;
  /* the number apart: xgettext cannot see through G_GINT64_FORMAT */
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         medusa_order_get_display_id (order));
  /* Translators: the order window's title; %s is the order number, e.g. "Order #1042" */
  g_autofree char *number = g_strdup_printf (_("Order #%s"), id);
  g_autofree char *discounts = g_strjoinv (", ", (char **) medusa_order_get_discount_codes (order));
  g_autofree char *gift_cards = g_strjoinv (", ",
                                            (char **) medusa_order_get_gift_card_codes (order));
  g_autofree char *when = patron_format_local_time (medusa_order_get_created_at (order),
                                                    "%x %X");

  adw_window_title_set_title (self->title, number);
  /* what the window is called in the window list and by screen readers */
  gtk_window_set_title (GTK_WINDOW (self), number);
  adw_window_title_set_subtitle (self->title, when != NULL ? when : "");

  group = add_group (self, _("Status"));
  add_row (group, C_("order status row", "Order"), NULL,
           patron_order_status_word (medusa_order_get_status (order)));
  add_row (group, C_("order status row", "Shipping"), NULL,
           patron_fulfillment_word (medusa_order_get_fulfillment_status (order)));
  add_row (group, C_("order status row", "Payment"), NULL,
           patron_payment_word (medusa_order_get_payment_status (order)));

  self->items_group = add_group (self, _("Items"));
  self->n_item_rows = 0;
  add_item_rows (self, PATRON_PACE_AT_ONCE);
  patron_pace_start (&self->item_rows_pace, g_get_monotonic_time ());
  if (self->n_item_rows < g_list_model_get_n_items (items) && self->item_rows_tick == 0)
    self->item_rows_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), more_item_rows_cb,
                                                         NULL, NULL);

  group = add_group (self, _("Totals"));
  add_money_row (group, _("Subtotal"), NULL, medusa_order_get_subtotal (order), currency, TRUE);
  add_money_row (group, _("Discounts"), discounts, -medusa_order_get_discount_total (order),
                 currency, FALSE);
  add_money_row (group, _("Gift Cards"), gift_cards, -medusa_order_get_gift_card_total (order),
                 currency, FALSE);
  add_money_row (group, _("Store Credit"), NULL, -medusa_order_get_credit_total (order),
                 currency, FALSE);
  add_money_row (group, C_("order total", "Shipping"), NULL, medusa_order_get_shipping_total (order), currency,
                 TRUE);
  add_money_row (group, _("Taxes"), NULL, medusa_order_get_tax_total (order), currency, TRUE);
  /* what was paid stands out, as on a receipt */
  gtk_widget_add_css_class (add_money_row (group, _("Total"), NULL,
                                           medusa_order_get_total (order), currency, TRUE),
                            "order-total");
  add_money_row (group, C_("order total", "Refunded"), NULL, medusa_order_get_refunded_total (order), currency,
                 FALSE);
  add_refund_rows (group, order);

  group = add_group (self, _("Delivery"));
  if (address != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s",
        medusa_address_get_first_name (address) ? medusa_address_get_first_name (address) : "",
        medusa_address_get_last_name (address) ? medusa_address_get_last_name (address) : ""));
      /* each line as long as a label may show */
      g_autofree char *street = patron_text_clip (medusa_address_get_address_1 (address),
                                                  PATRON_TEXT_MAX_SHOWN);
      g_autofree char *town = g_strdup_printf ("%s %s",
        medusa_address_get_postal_code (address) ? medusa_address_get_postal_code (address) : "",
        medusa_address_get_city (address) ? medusa_address_get_city (address) : "");
      g_autofree char *shown_town = patron_text_clip (town, PATRON_TEXT_MAX_SHOWN);
      g_autofree char *lines = g_strdup_printf ("%s\n%s\n%s", street, shown_town,
        patron_country_name (medusa_address_get_country_code (address)));
      GtkWidget *row = add_row (group, name, NULL, NULL);

      /* the only subtitle of lines: each line clipped already */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lines);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
    }
  n_methods = g_list_model_get_n_items (methods);
  for (guint i = 0; i < MIN (n_methods, PATRON_ORDER_LIST_SHOWN_MAX); i++)
    {
      g_autoptr(MedusaShippingMethod) method = g_list_model_get_item (methods, i);
      g_autofree char *price = patron_format_money (medusa_shipping_method_get_total (method),
                                                    currency);

      add_row (group, medusa_shipping_method_get_name (method), _("Shipping method"), price);
    }
  n_more = n_methods - MIN (n_methods, PATRON_ORDER_LIST_SHOWN_MAX);
  add_more_row (group, n_more, ngettext ("And %u more shipping method",
                                         "And %u more shipping methods", n_more), n_more);

  n_parcels = g_list_model_get_n_items (fulfillments);
  for (guint i = 0; i < MIN (n_parcels, PATRON_ORDER_PARCELS_SHOWN_MAX); i++)
    {
      g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (fulfillments, i);
      GListModel *links = medusa_fulfillment_get_tracking_links (fulfillment);
      const char * const *numbers = medusa_fulfillment_get_tracking_numbers (fulfillment);
      /* Translators: the heading of each parcel of an order: Parcel 1, Parcel 2… */
      g_autofree char *title = g_strdup_printf (_("Parcel %u"), i + 1);
      g_autofree char *shipped = NULL;
      g_autofree char *date = patron_format_local_time (
                                medusa_fulfillment_get_shipped_at (fulfillment), "%x");
      guint n_tracking;
      guint n_shown;

      if (date != NULL)
        /* Translators: %s is a date in the user's locale */
        shipped = g_strdup_printf (_("Shipped on %s"), date);
      group = add_group (self, title);
      if (shipped != NULL)
        add_row (group, shipped, NULL, NULL);

      n_tracking = g_list_model_get_n_items (links) + g_strv_length ((GStrv) numbers);
      n_shown = 0;
      /* v1 keeps the numbers in tracking_links, with a URL where the store gave one */
      for (guint j = 0;
           j < g_list_model_get_n_items (links) && n_shown < PATRON_ORDER_LIST_SHOWN_MAX;
           j++, n_shown++)
        {
          g_autoptr(MedusaTrackingLink) link = g_list_model_get_item (links, j);
          const char *url = medusa_tracking_link_get_url (link);
          const char *tracking = medusa_tracking_link_get_tracking_number (link);
          GtkWidget *row = add_row (group, tracking, _("Tracking number"), NULL);

          if (tracking != NULL && tracking[0] != '\0')
            add_copy_button (row, tracking, _("Copy Tracking Number"));
          if (url != NULL && (g_str_has_prefix (url, "https://") ||
                              g_str_has_prefix (url, "http://")))
            {
              GtkWidget *button = gtk_button_new_from_icon_name ("web-browser-symbolic");

              gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
              gtk_widget_set_tooltip_text (button, _("Track in the Browser"));
              gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              _("Track in the Browser"), -1);
              gtk_widget_add_css_class (button, "flat");
              g_object_set_data_full (G_OBJECT (button), "url", g_strdup (url), g_free);
              g_signal_connect (button, "clicked", G_CALLBACK (open_link_cb),
                                g_object_get_data (G_OBJECT (button), "url"));
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
            }
        }
      for (const char * const *n = numbers;
           *n != NULL && n_shown < PATRON_ORDER_LIST_SHOWN_MAX; n++, n_shown++)
        add_copy_button (add_row (group, *n, _("Tracking number"), NULL), *n,
                         _("Copy Tracking Number"));
      add_more_row (group, n_tracking - n_shown,
                    ngettext ("And %u more tracking number", "And %u more tracking numbers",
                              n_tracking - n_shown), n_tracking - n_shown);
    }
  n_more = n_parcels - MIN (n_parcels, PATRON_ORDER_PARCELS_SHOWN_MAX);
  if (n_more > 0)
    add_more_row (add_group (self, NULL), n_more,
                  ngettext ("And %u more parcel", "And %u more parcels", n_more), n_more);

  gtk_stack_set_visible_child_name (self->stack, "details");
}

static void
order_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PatronOrderWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->order = medusa_client_get_order_finish (MEDUSA_CLIENT (object), result, &error);
  if (self->order == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *sentence = patron_error_to_sentence (error, PATRON_ACTION_OTHER);

          adw_status_page_set_description (self->error_page, sentence);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      return;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.print", TRUE);
  show_order (self);
}

static void
copied_dismissed_cb (PatronOrderWindow *self)
{
  g_clear_weak_pointer (&self->copied);
}

/* Copying says that it happened. A copy while the last one's toast is up
 * says so in that toast rather than in a toast of its own: a toast
 * dismissed for the next one while it was still coming in made libadwaita
 * 1.2 read freed memory (two or three quick clicks on a copy button). */
static void
show_copied (PatronOrderWindow *self,
             const char        *text)
{
  AdwToast *toast;

  if (self->copied != NULL)
    {
      patron_toast_set_text (self->copied, text);
      return;
    }

  toast = patron_toast_new (text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 2);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (copied_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->copied, toast);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
copy_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PatronOrderWindow *self = PATRON_ORDER_WINDOW (widget);
  g_autofree char *number = NULL;

  if (self->order == NULL)
    return;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (self->order));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), number);
  show_copied (self, _("Order number copied"));
}

static void
copy_tracking_number_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  PatronOrderWindow *self = PATRON_ORDER_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  show_copied (self, _("Tracking number copied"));
}

static void
print_finished (PatronOrderWindow       *self,
                GtkPrintOperationResult  result,
                const GError            *error)
{
  if (self->printing != NULL)
    g_signal_handlers_disconnect_by_data (self->printing, self);
  g_clear_object (&self->printing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.print", self->order != NULL);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      AdwToast *toast = patron_toast_new (_("The order could not be printed. Check the "
                                            "printer and try again."));

      g_debug ("Printing failed: %s", error != NULL ? error->message : "no reason given");
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toasts, toast);
    }
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PatronOrderWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  print_finished (self, result, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PatronOrderWindow *self = PATRON_ORDER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;
  const char *store_url;

  if (self->order == NULL || self->printing != NULL)
    return;

  store_url = medusa_client_get_base_url (self->client);
  operation = GTK_PRINT_OPERATION (patron_order_receipt_new (self->order, store_url));
  self->printing = operation;
  gtk_widget_action_set_enabled (widget, "order.print", FALSE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), self);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  /* finished already, and not through ::done */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->printing == operation)
    print_finished (self, result, error);
}

static gboolean
patron_order_window_close_request (GtkWindow *window)
{
  g_cancellable_cancel (PATRON_ORDER_WINDOW (window)->cancellable);

  return GTK_WINDOW_CLASS (patron_order_window_parent_class)->close_request (window);
}

static void
patron_order_window_dispose (GObject *object)
{
  PatronOrderWindow *self = (PatronOrderWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->printing != NULL)
    g_signal_handlers_disconnect_by_data (self->printing, self);
  g_clear_object (&self->printing);
  if (self->item_rows_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->item_rows_tick);
  self->item_rows_tick = 0;
  g_clear_object (&self->client);
  g_clear_object (&self->order);
  g_clear_object (&self->images);
  g_clear_weak_pointer (&self->copied);

  G_OBJECT_CLASS (patron_order_window_parent_class)->dispose (object);
}

static void
patron_order_window_class_init (PatronOrderWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = patron_order_window_dispose;
  window_class->close_request = patron_order_window_close_request;

  gtk_widget_class_install_action (widget_class, "order.copy-number", NULL, copy_number_action);
  gtk_widget_class_install_action (widget_class, "order.copy-tracking-number", "s",
                                   copy_tracking_number_action);
  gtk_widget_class_install_action (widget_class, "order.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "order.print", NULL);
  /* a window of its own, not the application's: its accelerators miss it */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
patron_order_window_init (PatronOrderWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *print = gtk_button_new_from_icon_name ("document-print-symbolic");
  GtkWidget *spinner = gtk_spinner_new ();

  self->cancellable = g_cancellable_new ();

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("Order"));
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Order"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "order.copy-number");
  gtk_widget_set_tooltip_text (copy, _("Copy Order Number"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Order Number"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), copy);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "order.print");
  gtk_widget_set_tooltip_text (print, _("Print…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (print),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Print…"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.print", FALSE);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_stack_add_named (self->stack, spinner, "loading");
  self->details = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->details), "details");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, _("The Order Could Not Be Loaded"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
}

/**
 * patron_order_window_new:
 * @order_id: the order to show
 *
 * Returns: (transfer full): a window that fetches the order and shows it
 */
PatronOrderWindow *
patron_order_window_new (GtkWindow    *parent,
                         MedusaClient *client,
                         const char   *order_id)
{
  PatronOrderWindow *self = g_object_new (PATRON_TYPE_ORDER_WINDOW,
                                          "transient-for", parent,
                                          NULL);
  GApplication *application = g_application_get_default ();

  self->client = g_object_ref (client);
  patron_window_fit_parent (GTK_WINDOW (self), parent);
  if (PATRON_IS_APPLICATION (application))
    self->images = g_object_ref (patron_application_get_image_cache (
      PATRON_APPLICATION (application)));
  medusa_client_get_order_async (client, order_id, self->cancellable, order_cb,
                                 g_object_ref (self));

  return self;
}

/**
 * patron_order_window_set_image_cache:
 * @cache: (nullable): where the items' pictures come from, instead of the
 *   application's cache; %NULL shows none
 *
 * Takes effect for an order not shown yet: call it right after
 * patron_order_window_new().
 */
void
patron_order_window_set_image_cache (PatronOrderWindow *self,
                                     PatronImageCache  *cache)
{
  g_return_if_fail (PATRON_IS_ORDER_WINDOW (self));
  g_return_if_fail (cache == NULL || PATRON_IS_IMAGE_CACHE (cache));

  g_set_object (&self->images, cache);
}

/**
 * patron_order_window_get_order:
 *
 * Returns: (nullable): the order, once loaded
 */
MedusaOrder *
patron_order_window_get_order (PatronOrderWindow *self)
{
  g_return_val_if_fail (PATRON_IS_ORDER_WINDOW (self), NULL);

  return self->order;
}
