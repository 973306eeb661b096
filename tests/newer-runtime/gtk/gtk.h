/* The system's GTK 4.8 headers, passed off as GTK 4.22's for a compile check
 * (tests/newer-runtime/README.md): the code behind GTK_CHECK_VERSION (4, 10, 0)
 * is compiled, against the declarations of patron-newer-gtk.h. */
#include_next <gtk/gtk.h>

#undef GTK_MINOR_VERSION
#define GTK_MINOR_VERSION 22

#include "patron-newer-gtk.h"
