/* medusa-answer-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-answer-store"

#include "config.h"

#include "medusa-answer-store.h"

G_DEFINE_INTERFACE (MedusaAnswerStore, medusa_answer_store, G_TYPE_OBJECT)

static void
medusa_answer_store_default_init (MedusaAnswerStoreInterface *iface)
{
}

/**
 * medusa_answer_store_keep:
 * @key: the request the store answered
 * @body: what Patron shows of its answer (medusa_json_keep_only())
 * @lasting: whether a start offline needs it: kept the longest
 *
 * Keeps @body for @key, replacing what was kept for it.
 */
void
medusa_answer_store_keep (MedusaAnswerStore *self,
                          const char        *key,
                          GBytes            *body,
                          gboolean           lasting)
{
  g_return_if_fail (MEDUSA_IS_ANSWER_STORE (self));
  g_return_if_fail (key != NULL && body != NULL);

  MEDUSA_ANSWER_STORE_GET_IFACE (self)->keep (self, key, body, lasting);
}

/**
 * medusa_answer_store_recall:
 * @key: the request
 *
 * Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the body kept for @key
 */
GBytes *
medusa_answer_store_recall (MedusaAnswerStore  *self,
                            const char         *key,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_return_val_if_fail (MEDUSA_IS_ANSWER_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return MEDUSA_ANSWER_STORE_GET_IFACE (self)->recall (self, key, cancellable, error);
}
