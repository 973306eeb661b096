/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_TRACKING_LINK (medusa_tracking_link_get_type ())

G_DECLARE_FINAL_TYPE (MedusaTrackingLink, medusa_tracking_link, MEDUSA, TRACKING_LINK, GObject)

const char *medusa_tracking_link_get_tracking_number (MedusaTrackingLink *self);
const char *medusa_tracking_link_get_url             (MedusaTrackingLink *self);

G_END_DECLS
