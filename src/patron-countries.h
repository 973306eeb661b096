/* patron-countries.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *patron_country_name (const char *iso_2);

G_END_DECLS
