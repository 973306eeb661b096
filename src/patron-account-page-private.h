/* patron-account-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-account-page.h"
#include "patron-pace.h"
#include "patron-prefix-model.h"

G_BEGIN_DECLS

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
  PatronPace         address_rows_pace;
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
/* patron-account-page.c */
void _patron_account_page_update_summary       (PatronAccountPage      *self);

/* patron-account-page-addresses.c: the billing address, the shipping
 * addresses' rows, and their deletions with Undo */
void _patron_account_page_class_addresses_init (PatronAccountPageClass *klass);
void _patron_account_page_addresses_init       (PatronAccountPage      *self);
void _patron_account_page_addresses_dispose    (PatronAccountPage      *self);
void _patron_account_page_update_billing       (PatronAccountPage      *self);
void _patron_account_page_bind_addresses       (PatronAccountPage      *self,
                                                GListModel             *addresses);

G_END_DECLS
