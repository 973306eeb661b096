/* patron-toast.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *patron_toast_new      (const char *text);
void      patron_toast_set_text (AdwToast   *toast,
                                 const char *text);
gboolean  patron_toast_is_going (AdwToast   *toast);

G_END_DECLS
