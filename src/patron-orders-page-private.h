/* patron-orders-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-offline-banner.h"
#include "patron-orders-page.h"

G_BEGIN_DECLS

/* The number of the filter menu's choices (patron-orders-page-filters.c). */
#define PATRON_ORDERS_N_CHOICES 21

struct _PatronOrdersPage
{
  AdwBin           parent_instance;

  PatronSession   *session;
  PatronVisit     *visit;     /* the customer's whose orders these are */
  MedusaOrderList *orders;
  gint64           expected_at;     /* asked for before being shown, then */
  gboolean         cannot_export;   /* counter mode: no customer's file */

  /* the date range, as local midnights of the first and the last day */
  GDateTime       *from_date;
  GDateTime       *to_date;
  GtkCheckButton  *checks[PATRON_ORDERS_N_CHOICES];
  guint            updating_filters : 1;

  AdwHeaderBar    *header_bar;
  PatronOfflineBanner *offline_banner; /* under it: the page's own, never moved */
  AdwWindowTitle  *title;
  GtkLabel        *offline_search_label;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkListView     *list_view;
  GtkMenuButton   *menu_button;
  GtkSpinner      *loading_spinner;
  GtkLabel        *scan_label;
  GMenuModel      *orders_menu;
  GtkEditable     *search_entry;
  GtkLabel        *search_error_label;
  GtkMenuButton   *filter_button;
  GtkMenuButton   *from_button;
  GtkMenuButton   *to_button;
  GtkCalendar     *from_calendar;    /* made when first opened */
  GtkCalendar     *to_calendar;
  GtkBox          *status_box;
  GtkBox          *fulfillment_box;
  GtkBox          *payment_box;
  GtkWidget       *unsupported_label;
  GtkRevealer     *filter_revealer;
  GtkLabel        *filter_summary;

  /* the rows on screen, whose pages are asked for */
  GtkAdjustment   *vadjustment;
  guint            settle_tick;
  gint64           moved_at;         /* when the list last moved or changed */
  guint            still_frames;     /* frames drawn since */
  double           tick_value;
  guint            pace_source;
  double           paced_value;      /* where the list was at the last look */
  double           looked_value;     /* … at the last look that asked */

  /* the export in progress, or the file of the last one */
  GCancellable    *export_cancellable;
  GFile           *export_file;
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkNativeDialog *export_chooser;
#endif
  GtkRevealer     *export_revealer;
  GtkLabel        *export_label;
  GtkProgressBar  *export_progress;
  GtkWidget       *export_open_button;
  GtkLabel        *export_close_label;
};

/* patron-orders-page.c */
void              _patron_orders_page_update_state               (PatronOrdersPage      *self);
void              _patron_orders_page_expect_session_count       (PatronOrdersPage      *self);
char             *_patron_orders_page_describe_look              (guint                  seen,
                                                                  guint                  count);

/* patron-orders-page-rows.c: the rows, and the pages of those on screen */
void              _patron_orders_page_rows_init                  (PatronOrdersPage      *self);
void              _patron_orders_page_look_when_settled          (PatronOrdersPage      *self);

/* patron-orders-page-filters.c: the search, the filter popover, the query */
void              _patron_orders_page_class_filters_init         (PatronOrdersPageClass *klass);
void              _patron_orders_page_filters_init               (PatronOrdersPage      *self);
void              _patron_orders_page_show_what_the_store_can_do (PatronOrdersPage      *self,
                                                                  MedusaClient          *client);
MedusaOrderQuery *_patron_orders_page_query_from_filters         (PatronOrdersPage      *self);

/* patron-orders-page-export.c: Export as CSV */
void              _patron_orders_page_class_export_init          (PatronOrdersPageClass *klass);

G_END_DECLS
