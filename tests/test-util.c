/* test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Waiting for an asynchronous call in a test: pass test_store_result_cb
 * with the address of a NULL GAsyncResult pointer, then test_wait_for() it.
 */

#include "config.h"

#include "test-util.h"

void
test_store_result_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
test_wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}
