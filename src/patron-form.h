/* patron-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "patron-error.h"

G_BEGIN_DECLS

#define PATRON_MIN_PASSWORD_LENGTH 8

gboolean  patron_email_is_valid          (const char  *email);
char     *patron_join_words              (const char * const *words);
char     *patron_check_new_password      (const char  *password,
                                          const char  *repeated);
char     *patron_form_dup_text           (GtkEditable *editable);
void      patron_form_show_error         (GtkLabel    *label,
                                          const char  *message);
gboolean  patron_form_show_failure       (GtkLabel     *label,
                                          const GError *error,
                                          PatronAction  action);
void      patron_form_set_busy           (GtkWidget   *form,
                                          GtkWidget   *spinner,
                                          gboolean     busy);
gboolean  patron_form_focus_first_field  (GtkWidget   *form);
void      patron_form_name_reveal_buttons (GtkWidget  *root);
void      patron_form_state_password_rule (GtkWidget  *password_row);
void      patron_window_fit_parent       (GtkWindow   *window,
                                          GtkWindow   *parent);
void      patron_name_inner_controls     (GtkWidget   *root,
                                          const char  *search);
void      patron_narrow_search_entries   (GtkWidget   *root);
void      patron_popover_keep_inside     (GtkPopover  *popover);

G_END_DECLS

G_BEGIN_DECLS

void      patron_navigate                (GtkWidget   *page,
                                          const char  *target,
                                          GtkEditable *email);
void      patron_menu_button_set_menu_later (GtkMenuButton *button,
                                             GMenuModel    *menu);
void      patron_spinner_spin_later      (GtkSpinner    *spinner);

G_END_DECLS
