/* bench-no-prefetch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked into bench-orders-no-prefetch with -Wl,--wrap for the two calls
 * below: Patron's start as it is, but without its prefetch (issue 17: is it
 * worth a thread on every start for a store on another machine?). The
 * keyring is still read from a thread while the window is made; the
 * customer is then asked for by the window's client on the main loop, as
 * when the prefetch's answer is not in yet, instead of by the prefetch's own
 * client from that thread as soon as the token is read.
 */

#include "config.h"

#include "medusa.h"
#include "patron-secrets.h"

void __real_patron_secrets_lookup_async (const char          *store_url,
                                         MedusaPrefetch      *prefetch,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
void __wrap_patron_secrets_lookup_async (const char          *store_url,
                                         MedusaPrefetch      *prefetch,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
void __wrap_medusa_client_set_prefetch  (MedusaClient        *client,
                                         MedusaPrefetch      *prefetch);

/* the token read, nothing sent with it */
void
__wrap_patron_secrets_lookup_async (const char          *store_url,
                                    MedusaPrefetch      *prefetch,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  __real_patron_secrets_lookup_async (store_url, NULL, cancellable, callback, user_data);
}

/* and the client asks for the customer itself, with nothing to wait for */
void
__wrap_medusa_client_set_prefetch (MedusaClient   *client,
                                   MedusaPrefetch *prefetch)
{
}
