/* medusa-currency.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint medusa_currency_get_decimals (const char *currency_code);

G_END_DECLS
