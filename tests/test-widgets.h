/* test-widgets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*WidgetMatch) (GtkWidget  *widget,
                                 const char *text);

GtkWidget   *find_widget         (GtkWidget   *root,
                                  WidgetMatch  match,
                                  const char  *text);
gboolean     is_row_titled       (GtkWidget   *widget,
                                  const char  *title);
gboolean     is_label_containing (GtkWidget   *widget,
                                  const char  *text);
gboolean     is_button_saying    (GtkWidget   *widget,
                                  const char  *text);
gboolean     is_of_type          (GtkWidget   *widget,
                                  const char  *type);
GtkEditable *row                 (GtkWidget   *page,
                                  const char  *title);
void         click               (GtkWidget   *page,
                                  const char  *text);
GtkWidget   *wait_for_label      (GtkWidget   *page,
                                  const char  *text);
void         close_window        (GtkWidget   *window);
void         park_pointer        (void);

G_END_DECLS
