/* patron-prefix-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PATRON_TYPE_PREFIX_MODEL (patron_prefix_model_get_type ())

G_DECLARE_FINAL_TYPE (PatronPrefixModel, patron_prefix_model, PATRON, PREFIX_MODEL, GObject)

PatronPrefixModel *patron_prefix_model_new       (GListModel        *model,
                                                  guint              size);
GListModel        *patron_prefix_model_get_model (PatronPrefixModel *self);
guint              patron_prefix_model_get_size  (PatronPrefixModel *self);
void               patron_prefix_model_set_size  (PatronPrefixModel *self,
                                                  guint              size);
void               patron_prefix_model_set_max_growth (PatronPrefixModel *self,
                                                       guint              max_growth);

G_END_DECLS
