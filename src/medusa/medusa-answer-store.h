/* medusa-answer-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_ANSWER_STORE (medusa_answer_store_get_type ())

G_DECLARE_INTERFACE (MedusaAnswerStore, medusa_answer_store, MEDUSA, ANSWER_STORE, GObject)

/**
 * MedusaAnswerStoreInterface:
 * @keep: called on the client's main context with what Patron shows of a
 *   read-only answer (the customer, a page of orders, an order) that the
 *   store sent for the request @key (opaque: the dialect's, no token in
 *   it); @lasting for the answers a start offline needs (the customer, the
 *   order count), which should be the last to go when space runs out
 * @recall: called in a worker thread when the store cannot be reached:
 *   the body kept for @key, or %NULL with @error. The client parses it
 *   with the same bounded parser as an answer from the network.
 *
 * Where a #MedusaClient keeps the answers it may show again while the store
 * cannot be reached (medusa_client_set_answer_store()).
 */
struct _MedusaAnswerStoreInterface
{
  GTypeInterface g_iface;

  void    (*keep)   (MedusaAnswerStore  *self,
                     const char         *key,
                     GBytes             *body,
                     gboolean            lasting);
  GBytes *(*recall) (MedusaAnswerStore  *self,
                     const char         *key,
                     GCancellable       *cancellable,
                     GError            **error);
};

void    medusa_answer_store_keep   (MedusaAnswerStore  *self,
                                    const char         *key,
                                    GBytes             *body,
                                    gboolean            lasting);
GBytes *medusa_answer_store_recall (MedusaAnswerStore  *self,
                                    const char         *key,
                                    GCancellable       *cancellable,
                                    GError            **error);

G_END_DECLS
