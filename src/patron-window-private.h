/* patron-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-account-page.h"
#include "patron-forgot-page.h"
#include "patron-idle-monitor.h"
#include "patron-offline-banner.h"
#include "patron-orders-page.h"
#include "patron-register-page.h"
#include "patron-reset-page.h"
#include "patron-session.h"
#include "patron-sign-in-page.h"
#include "patron-store-page.h"
#include "patron-welcome-page.h"
#include "patron-window.h"

G_BEGIN_DECLS

struct _PatronWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GSettings            *window_state; /* the size: delayed, applied when it closes */
  GCancellable         *cancellable;
  gboolean              discard_confirmed;
  const char           *after_discard;   /* the action to carry out once confirmed */
  GtkWindow            *answered;        /* the question, while it is answered */
  PatronSession        *session;
  guint                 prepare_tick;    /* the orders made ready after a frame… */
  guint                 prepare_idle;    /* … of the account, once idle */
  char                 *customer_id;     /* whose visit the pages show, if anyone's */
  char                 *reset_email;     /* a link for another account, once agreed to */
  char                 *reset_token;
  char                 *switch_to;       /* a store chosen, once unsaved changes are agreed on */
  char                 *forget_url;      /* the store to forget, while that is asked */
  gboolean              stores_in_menu;  /* the menu's first section is "Switch Store" */

  GtkWindow            *help_overlay;    /* made when first shown */
  PatronIdleMonitor    *idle_monitor;    /* runs during a visit in counter mode */
  GtkRevealer          *idle_revealer;
  PatronOfflineBanner  *offline_banner;  /* below the countdown's */
  GtkLabel             *idle_label;
  GtkButton            *idle_button;
  GtkWidget            *next_customer_button;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GtkSpinner           *loading_spinner;
  GtkWidget            *loading_page;
  char                 *before_store;     /* the page Change Store… left */
  GBindingGroup        *session_bindings;
  GMenuModel           *primary_menu;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkWidget            *header_bar;
  /* the pages with a header bar of their own: an AdwLeaflet holding the
   * template's content and the orders page, or an AdwNavigationView of two
   * AdwNavigationPages with libadwaita 1.4 */
  GtkWidget            *navigation;
  GtkWidget            *main_page;
  GtkWidget            *orders_nav_page;
  gboolean              transition_running; /* AdwNavigationView's, till a page is shown */
  GtkWidget            *focus_left;      /* the focus on the first page, while the orders show */
  /* made when first shown (a kept session never shows them) */
  PatronStorePage      *store_page;
  PatronWelcomePage    *welcome_page;
  PatronSignInPage     *sign_in_page;
  PatronRegisterPage   *register_page;
  PatronForgotPage     *forgot_page;
  PatronResetPage      *reset_page;
  PatronAccountPage    *account_page;
  PatronOrdersPage     *orders_page;
};

/* patron-window-pages.c: the pages, the orders' page of its own */
void        _patron_window_make_navigation       (PatronWindow *self);
void        _patron_window_update_pages          (PatronWindow *self);
void        _patron_window_ensure_page           (PatronWindow *self,
                                                  const char   *name);
const char *_patron_window_visible_page          (PatronWindow *self);
void        _patron_window_show_page             (PatronWindow *self,
                                                  const char   *name);
void        _patron_window_cancel_prepare_orders (PatronWindow *self);
void        _patron_window_drop_orders_page      (PatronWindow *self);

/* patron-window-visit.c: the store's session, counter mode, the end of a visit */
void        _patron_window_visit_init            (PatronWindow *self);
gboolean    _patron_window_in_counter_mode       (PatronWindow *self);
gboolean    _patron_window_keeps_sessions        (PatronWindow *self);
void        _patron_window_update_idle           (PatronWindow *self);
gboolean    _patron_window_use_store             (PatronWindow *self,
                                                  const char   *url);
void        _patron_window_forget_kept_session   (PatronWindow *self,
                                                  const char   *url,
                                                  gboolean      again);
void        _patron_window_say_not_forgotten     (PatronWindow *self,
                                                  const char   *url);
void        _patron_window_say_copy_not_removed  (PatronWindow *self,
                                                  const char   *url);
void        _patron_window_remove_offline_copies (PatronWindow *self,
                                                  const char   *url);
void        _patron_window_forget_store          (PatronWindow *self,
                                                  const char   *url);
void        _patron_window_end_visit             (PatronWindow *self,
                                                  gboolean      leaving);

/* patron-window-actions.c: the window's actions and the questions they ask */
void        _patron_window_class_actions_init    (PatronWindowClass *klass);
gboolean    _patron_window_ask_before_discarding (PatronWindow *self,
                                                  const char   *action);
void        _patron_window_forget_reset_link     (PatronWindow *self);

/* The pages made when first needed, made now if they are not yet. */
static inline PatronSignInPage *
sign_in_page (PatronWindow *self)
{
  _patron_window_ensure_page (self, "sign-in");
  return self->sign_in_page;
}

static inline PatronRegisterPage *
register_page (PatronWindow *self)
{
  _patron_window_ensure_page (self, "register");
  return self->register_page;
}

static inline PatronForgotPage *
forgot_page (PatronWindow *self)
{
  _patron_window_ensure_page (self, "forgot");
  return self->forgot_page;
}

static inline PatronResetPage *
reset_page (PatronWindow *self)
{
  _patron_window_ensure_page (self, "reset");
  return self->reset_page;
}

static inline PatronOrdersPage *
orders_page (PatronWindow *self)
{
  _patron_window_ensure_page (self, "orders");
  return self->orders_page;
}

static inline PatronStorePage *
store_page (PatronWindow *self)
{
  _patron_window_ensure_page (self, "store");
  return self->store_page;
}

G_END_DECLS
