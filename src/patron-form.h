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
void      patron_form_tame_password_rows (GtkWidget   *root);

G_END_DECLS

G_BEGIN_DECLS

void      patron_navigate                (GtkWidget   *page,
                                          const char  *target,
                                          GtkEditable *email);
void      patron_menu_button_set_menu_later (GtkMenuButton *button,
                                             GMenuModel    *menu);
void      patron_spinner_spin_later      (GtkSpinner    *spinner);

G_END_DECLS
