/* medusa-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "medusa-answer-store.h"
#include "medusa-client.h"
#include "medusa-dialect.h"
#include "medusa-json.h"
#include "medusa-prefetch.h"

G_BEGIN_DECLS

typedef struct _MedusaOrderScan MedusaOrderScan;

struct _MedusaClient
{
  GObject              parent_instance;

  char                *base_url;
  SoupSession         *session;
  SoupCookieJar       *cookies;
  const MedusaDialect *dialect;
  MedusaApiVersion     api_version;
  char                *publishable_key;
  char                *access_token;
  MedusaSessionKind    session_kind;
  guint                session_serial; /* counts the sessions begun */
  gsize                max_response_size;
  guint                request_count;
  guint                n_pending;
  MedusaPrefetch      *prefetch;
  MedusaAnswerStore   *answer_store;
  gboolean             offline;
  /* the last search the client did itself, for each MedusaOrderDetail: a
   * list's and an export's are looked for side by side */
  MedusaOrderScan     *order_scans[MEDUSA_ORDER_DETAIL_ID + 1];
  guint                max_scan_matches;
};

/* the newest matches a search the client does itself keeps at most (≈ 36 MB
 * of summaries): a store whose history runs to a million orders cannot make
 * the client hold them all */
#define MEDUSA_CLIENT_MAX_SCAN_MATCHES 100000

typedef gpointer (*ParseFunc) (GBytes  *body,
                               GError **error);

/* A request on its way (medusa-client-transport.c) */
typedef struct
{
  MedusaRequest *request;       /* NULL for a plain GET of a file (an image) */
  SoupMessage   *message;
  GInputStream  *stream;
  GByteArray    *buffer;
  gsize          max_size;
  const char    *media_type;    /* for a file: the type prefix it must have, e.g. "image/" */
  gboolean       fetch_only;    /* the answer as it came, for a prefetch */
  /* what the exchange itself runs under: cancelled with the caller's
   * cancellable, or at the deadline (then timed_out) */
  GCancellable  *cancellable;
  GSource       *caller_cancelled;
  GSource       *deadline;
  gboolean       timed_out;
} SendData;

/* medusa-client.c: the session, and what the client's properties say */
void           _medusa_client_set_session          (MedusaClient         *self,
                                                    MedusaSessionKind     kind,
                                                    const char           *token);
void           _medusa_client_count_pending        (MedusaClient         *self,
                                                    GTask                *task);
void           _medusa_client_unauthorized         (MedusaClient         *self);
void           _medusa_client_scan_progress        (MedusaClient         *self,
                                                    MedusaOrderDetail     detail,
                                                    guint                 seen,
                                                    guint                 count);
void           _medusa_client_set_offline          (MedusaClient         *self,
                                                    gboolean              offline);

/* medusa-client-transport.c: one request, its answer read within bounds */
void           _medusa_client_send_request_async   (MedusaClient         *self,
                                                    MedusaRequest        *request,
                                                    gboolean              fetch_only,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
void           _medusa_client_send_async           (MedusaClient         *self,
                                                    MedusaRequest        *request,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GBytes        *_medusa_client_send_finish          (MedusaClient         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* medusa-client-orders.c, medusa-client-scan.c: what the store cannot
 * search or filter, the client does */
MedusaOrderPage *_medusa_client_page_of_matches    (GListModel           *matches,
                                                    guint                 offset,
                                                    guint                 limit);
void           _medusa_client_list_failed          (GTask                *task,
                                                    GError               *error);
void           _medusa_client_scan_orders          (MedusaClient         *self,
                                                    const MedusaOrderQuery *query,
                                                    GTask                *task);
void           _medusa_client_set_max_scan_matches (MedusaClient         *self,
                                                    guint                 max_matches);
void           _medusa_client_drop_scan            (MedusaClient         *self);

/* medusa-client-call.c: calls whose answer is parsed into one object */
GError        *_medusa_client_not_supported_error  (MedusaClient         *self);
gboolean       _medusa_client_is_unreachable       (const GError         *error);
void           _medusa_client_call                 (MedusaClient         *self,
                                                    MedusaRequest        *request,
                                                    ParseFunc             parse,
                                                    gpointer              source_tag,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
MedusaRequest *_medusa_client_mark_keepable        (MedusaRequest        *request,
                                                    const MedusaJsonKeep *keep,
                                                    gboolean              lasting);
gpointer       _medusa_client_call_finish          (MedusaClient         *self,
                                                    GAsyncResult         *result,
                                                    gpointer              source_tag,
                                                    GError              **error);
gboolean       _medusa_client_call_finish_boolean  (MedusaClient         *self,
                                                    GAsyncResult         *result,
                                                    gpointer              source_tag,
                                                    GError              **error);

G_END_DECLS
