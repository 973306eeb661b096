/* patron-orders-page-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-orders-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-error.h"
#include "patron-orders-export.h"
#include "patron-orders-page-private.h"

/* ------------------------------------------------------------------------
 * Export as CSV: every order the filters match, not only the loaded ones
 */

static void
show_export_state (PatronOrdersPage *self,
                   const char       *text,
                   gboolean          running,
                   gboolean          done)
{
  gtk_label_set_text (self->export_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), running);
  gtk_widget_set_visible (self->export_open_button, done);
  gtk_label_set_text_with_mnemonic (self->export_close_label,
                                    running ? _("_Cancel") : _("_Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (
                                    GTK_WIDGET (self->export_close_label))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Cancel") : _("Dismiss"), -1);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", !running);
}

static void
export_progress_cb (guint    n_done,
                    guint    n_total,
                    gboolean looking,
                    gpointer user_data)
{
  PatronOrdersPage *self = user_data;
  g_autofree char *text = NULL;

  if (looking)
    /* the store cannot search: Patron looks through the whole history first */
    text = _patron_orders_page_describe_look (n_done, n_total);
  else
    /* Translators: progress of an export, e.g. "Exporting 300 of 1,200 orders…" */
    text = g_strdup_printf (ngettext ("Exporting %u of %u order…", "Exporting %u of %u orders…",
                                      n_total),
                            n_done, n_total);
  gtk_label_set_text (self->export_label, text);
  gtk_progress_bar_set_fraction (self->export_progress,
                                 n_total > 0 ? (double) n_done / n_total : 0.0);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PatronOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  guint n_orders = 0;

  g_clear_object (&self->export_cancellable);

  if (!patron_orders_export_finish (result, &n_orders, &error))
    {
      g_autofree char *sentence = NULL;

      g_clear_object (&self->export_file);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", TRUE);
          return;
        }

      sentence = patron_error_to_sentence (error, PATRON_ACTION_OTHER);
      show_export_state (self, sentence, FALSE, FALSE);
      return;
    }

  name = g_file_get_basename (self->export_file);
  /* Translators: "Exported 255 orders to Orders 2026-11-29.csv" */
  text = g_strdup_printf (ngettext ("Exported %u order to %s", "Exported %u orders to %s",
                                    n_orders),
                          n_orders, name);
  show_export_state (self, text, FALSE, TRUE);
}

/**
 * patron_orders_page_export:
 * @file: where to write
 *
 * Writes every order the current search and filters match to @file as CSV,
 * showing the progress below the list. Closing the page cancels it, and a
 * cancelled or failed export leaves no file behind.
 */
void
patron_orders_page_export (PatronOrdersPage *self,
                           GFile            *file)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->orders == NULL || self->export_cancellable != NULL)
    return;

  g_set_object (&self->export_file, file);
  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  show_export_state (self, _("Exporting orders…"), TRUE, FALSE);
  patron_orders_export_async (patron_session_get_client (self->session),
                              medusa_order_list_get_query (self->orders),
                              file,
                              self->export_cancellable,
                              export_progress_cb, self,
                              export_done_cb, g_object_ref (self));
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
export_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PatronOrdersPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    patron_orders_page_export (self, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autofree char *name = patron_orders_export_suggest_name (NULL);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Export Orders"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_save (dialog, GTK_WINDOW (gtk_widget_get_root (widget)), NULL,
                        export_chosen_cb, g_object_ref (self));
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else

static void
export_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    PatronOrdersPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        patron_orders_page_export (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->export_chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = patron_orders_export_suggest_name (NULL);

  if (self->export_chooser != NULL)
    return;

  /* GTK 4.8 has no GtkFileDialog; its portal-aware chooser is this one */
  chooser = gtk_file_chooser_native_new (_("Export Orders"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter ());
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  self->export_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->export_chooser);
}

#endif

static void
close_export_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  else
    gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  if (self->export_file == NULL)
    return;

  /* through the portal in a sandbox, either way */
#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (self->export_file);

    gtk_file_launcher_launch (launcher, window, NULL, NULL, NULL);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    g_autofree char *uri = g_file_get_uri (self->export_file);

    gtk_show_uri (window, uri, GDK_CURRENT_TIME);
  }
#endif
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
}

void
_patron_orders_page_class_export_init (PatronOrdersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "orders.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "orders.close-export", NULL,
                                   close_export_action);
  gtk_widget_class_install_action (widget_class, "orders.open-export", NULL,
                                   open_export_action);
}
