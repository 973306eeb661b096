/* The GTK 4.10 API Patron calls behind GTK_CHECK_VERSION (4, 10, 0), declared
 * as GTK 4.10 declares it (docs.gtk.org); unavailable below GDK_VERSION_MAX_ALLOWED, as
 * GDK_AVAILABLE_IN_4_10 makes it. */
#pragma once

#if GDK_VERSION_MAX_ALLOWED < G_ENCODE_VERSION (4, 10)
# define PATRON_GTK_4_10 G_UNAVAILABLE (4, 10) extern
#else
# define PATRON_GTK_4_10 extern
#endif

G_BEGIN_DECLS

#define GTK_TYPE_FILE_DIALOG (gtk_file_dialog_get_type ())
PATRON_GTK_4_10
G_DECLARE_FINAL_TYPE (GtkFileDialog, gtk_file_dialog, GTK, FILE_DIALOG, GObject)
PATRON_GTK_4_10 GtkFileDialog *gtk_file_dialog_new                (void);
PATRON_GTK_4_10 void           gtk_file_dialog_set_title          (GtkFileDialog       *self,
                                                                   const char          *title);
PATRON_GTK_4_10 void           gtk_file_dialog_set_accept_label   (GtkFileDialog       *self,
                                                                   const char          *accept_label);
PATRON_GTK_4_10 void           gtk_file_dialog_set_initial_name   (GtkFileDialog       *self,
                                                                   const char          *name);
PATRON_GTK_4_10 void           gtk_file_dialog_set_filters        (GtkFileDialog       *self,
                                                                   GListModel          *filters);
PATRON_GTK_4_10 void           gtk_file_dialog_set_default_filter (GtkFileDialog       *self,
                                                                   GtkFileFilter       *filter);
PATRON_GTK_4_10 void           gtk_file_dialog_save               (GtkFileDialog       *self,
                                                                   GtkWindow           *parent,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
PATRON_GTK_4_10 GFile         *gtk_file_dialog_save_finish        (GtkFileDialog       *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

#define GTK_TYPE_FILE_LAUNCHER (gtk_file_launcher_get_type ())
PATRON_GTK_4_10
G_DECLARE_FINAL_TYPE (GtkFileLauncher, gtk_file_launcher, GTK, FILE_LAUNCHER, GObject)
PATRON_GTK_4_10 GtkFileLauncher *gtk_file_launcher_new    (GFile               *file);
PATRON_GTK_4_10 void             gtk_file_launcher_launch (GtkFileLauncher     *self,
                                                           GtkWindow           *parent,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);

#define GTK_TYPE_URI_LAUNCHER (gtk_uri_launcher_get_type ())
PATRON_GTK_4_10
G_DECLARE_FINAL_TYPE (GtkUriLauncher, gtk_uri_launcher, GTK, URI_LAUNCHER, GObject)
PATRON_GTK_4_10 GtkUriLauncher *gtk_uri_launcher_new    (const char          *uri);
PATRON_GTK_4_10 void            gtk_uri_launcher_launch (GtkUriLauncher      *self,
                                                         GtkWindow           *parent,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);

PATRON_GTK_4_10 void gtk_widget_get_color (GtkWidget *widget,
                                           GdkRGBA   *color);

G_END_DECLS
