/* The system's libadwaita 1.2 header, passed off as libadwaita 1.9's for a
 * compile check (tests/newer-runtime/README.md): the code behind
 * ADW_CHECK_VERSION (1, 4, 0) is compiled, against the declarations below,
 * copied from libadwaita 1.9.3's headers; unavailable below
 * ADW_VERSION_MAX_ALLOWED, as ADW_AVAILABLE_IN_1_4 makes them. */
#include_next <adwaita.h>

#ifndef PATRON_NEWER_ADWAITA_H
#define PATRON_NEWER_ADWAITA_H

#undef ADW_MINOR_VERSION
#define ADW_MINOR_VERSION 9

#if ADW_VERSION_MAX_ALLOWED < G_ENCODE_VERSION (1, 4)
# define PATRON_ADW_1_4 G_UNAVAILABLE (1, 4) extern
#else
# define PATRON_ADW_1_4 extern
#endif

G_BEGIN_DECLS

#define ADW_TYPE_NAVIGATION_PAGE (adw_navigation_page_get_type ())
PATRON_ADW_1_4
G_DECLARE_DERIVABLE_TYPE (AdwNavigationPage, adw_navigation_page, ADW, NAVIGATION_PAGE, GtkWidget)

struct _AdwNavigationPageClass
{
  GtkWidgetClass parent_class;

  void (* showing) (AdwNavigationPage *self);
  void (* shown)   (AdwNavigationPage *self);
  void (* hiding)  (AdwNavigationPage *self);
  void (* hidden)  (AdwNavigationPage *self);

  /*< private >*/
  gpointer padding[8];
};

PATRON_ADW_1_4 AdwNavigationPage *adw_navigation_page_new (GtkWidget  *child,
                                                           const char *title) G_GNUC_WARN_UNUSED_RESULT;

#define ADW_TYPE_NAVIGATION_VIEW (adw_navigation_view_get_type ())
PATRON_ADW_1_4
G_DECLARE_FINAL_TYPE (AdwNavigationView, adw_navigation_view, ADW, NAVIGATION_VIEW, GtkWidget)

PATRON_ADW_1_4 GtkWidget         *adw_navigation_view_new              (void) G_GNUC_WARN_UNUSED_RESULT;
PATRON_ADW_1_4 void               adw_navigation_view_add              (AdwNavigationView *self,
                                                                        AdwNavigationPage *page);
PATRON_ADW_1_4 void               adw_navigation_view_remove           (AdwNavigationView *self,
                                                                        AdwNavigationPage *page);
PATRON_ADW_1_4 void               adw_navigation_view_push             (AdwNavigationView *self,
                                                                        AdwNavigationPage *page);
PATRON_ADW_1_4 gboolean           adw_navigation_view_pop_to_page      (AdwNavigationView *self,
                                                                        AdwNavigationPage *page);
PATRON_ADW_1_4 AdwNavigationPage *adw_navigation_view_get_visible_page (AdwNavigationView *self);

PATRON_ADW_1_4 void adw_header_bar_set_show_back_button (AdwHeaderBar *self,
                                                         gboolean      show_back_button);

G_END_DECLS

#endif /* PATRON_NEWER_ADWAITA_H */
