/* patron-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "patron-error.h"

G_BEGIN_DECLS

#define PATRON_MIN_PASSWORD_LENGTH 8

/* The most characters Patron sends in each field. Medusa v1 (1.20.11, tried
 * against the test store) checks no name's, address line's, phone's or
 * password's length (unbounded varchar columns; a 90,000-character password
 * registers and signs in) but answers 413 to a body over 102,400 bytes and
 * 400 to an email address over 254 characters or over 64 before the "@"
 * (class-validator's IsEmail). These limits are far above any real name or
 * address and keep every body far below 100 KB. */
#define PATRON_MAX_NAME_LENGTH        255   /* names, company, address lines, city, province */
#define PATRON_MAX_POSTAL_CODE_LENGTH  32
#define PATRON_MAX_PHONE_LENGTH        64
#define PATRON_MAX_EMAIL_LENGTH       254
#define PATRON_MAX_PASSWORD_LENGTH   1024
#define PATRON_MAX_URL_LENGTH        2048   /* a store's address, a link pasted */
#define PATRON_MAX_SEARCH_LENGTH      200   /* sent in the address of a request */

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
void      patron_form_set_sensitive      (GtkWidget   *widget,
                                          gboolean     sensitive);
gboolean  patron_form_offline_to_sensitive (GBinding     *binding,
                                            const GValue *from_value,
                                            GValue       *to_value,
                                            gpointer      user_data);
void      patron_form_set_busy           (GtkWidget   *form,
                                          GtkWidget   *spinner,
                                          gboolean     busy);
void      patron_form_tame_password_rows (GtkWidget   *root);
void      patron_form_mark_required_rows (GtkWidget   *root);
gboolean  patron_form_focus_first_field  (GtkWidget   *form);
void      patron_form_state_password_rule (GtkWidget  *password_row);
void      patron_window_fit_parent       (GtkWindow   *window,
                                          GtkWindow   *parent);
void      patron_window_share_shortcuts  (GtkWindow   *window);
void      patron_name_inner_controls     (GtkWidget   *root,
                                          const char  *search);
void      patron_narrow_search_entries   (GtkWidget   *root);
void      patron_popover_keep_inside     (GtkPopover  *popover);
void      patron_form_set_max_length     (GtkEditable *editable,
                                          guint        max_chars,
                                          GtkLabel    *error_label);
gboolean  patron_form_check_lengths      (GtkLabel    *error_label,
                                          GtkEditable *first,
                                          ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS

G_BEGIN_DECLS

void      patron_navigate                (GtkWidget   *page,
                                          const char  *target,
                                          GtkEditable *email);
void      patron_menu_button_set_menu_later (GtkMenuButton *button,
                                             GMenuModel    *menu);
void      patron_spinner_spin_later      (GtkSpinner    *spinner);

G_END_DECLS
