/* medusa-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "medusa-client-private.h"
#include "medusa-answer-store.h"
#include "medusa-client.h"
#include "medusa-dialect.h"
#include "medusa-enums.h"
#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-prefetch-private.h"

/**
 * MedusaClient:
 *
 * The customer's side of a Medusa store's Store API. One #SoupSession per
 * client; every call is asynchronous and takes a #GCancellable. The session's
 * bearer token lives only in memory here: storing it is the caller's business.
 */

G_DEFINE_FINAL_TYPE (MedusaClient, medusa_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_MAX_RESPONSE_SIZE,
  PROP_SESSION_KIND,
  PROP_N_PENDING,
  PROP_API_VERSION,
  PROP_PUBLISHABLE_KEY,
  PROP_CAPABILITIES,
  PROP_OFFLINE,
  N_PROPS
};

enum {
  UNAUTHORIZED,
  ORDER_SCAN_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_medusa_client_set_session (MedusaClient      *self,
                            MedusaSessionKind  kind,
                            const char        *token)
{
  char *copy = g_strdup (token);

  medusa_secret_free (self->access_token);
  self->access_token = copy;
  /* the matches of a search are the customer's orders */
  _medusa_client_drop_scan (self);

  if (kind != MEDUSA_SESSION_NONE)
    self->session_serial++;
  else
    {
      GSList *all = soup_cookie_jar_all_cookies (self->cookies);

      for (GSList *l = all; l != NULL; l = l->next)
        {
          g_autoptr(SoupCookie) cookie = l->data;

          soup_cookie_jar_delete_cookie (self->cookies, cookie);
        }
      g_slist_free (all);
    }

  if (self->session_kind != kind)
    {
      self->session_kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_KIND]);
    }
}

static void
request_done_cb (MedusaClient *self)
{
  if (--self->n_pending == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

/* @task's request is on its way until the task has returned (n-pending). */
void
_medusa_client_count_pending (MedusaClient *self,
                              GTask        *task)
{
  if (self->n_pending++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (request_done_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The store refused the session on a call that needs it. */
void
_medusa_client_unauthorized (MedusaClient *self)
{
  g_signal_emit (self, signals[UNAUTHORIZED], 0);
}

/* How far a search the client does itself got. */
void
_medusa_client_scan_progress (MedusaClient      *self,
                              MedusaOrderDetail  detail,
                              guint              seen,
                              guint              count)
{
  g_signal_emit (self, signals[ORDER_SCAN_PROGRESS], 0, detail, seen, count);
}

void
_medusa_client_set_offline (MedusaClient *self,
                            gboolean      offline)
{
  if (self->offline == offline)
    return;

  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

/* ------------------------------------------------------------------------ */

static void
medusa_client_dispose (GObject *object)
{
  MedusaClient *self = (MedusaClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->cookies);
  g_clear_object (&self->prefetch);
  g_clear_object (&self->answer_store);
  _medusa_client_drop_scan (self);

  G_OBJECT_CLASS (medusa_client_parent_class)->dispose (object);
}

static void
medusa_client_finalize (GObject *object)
{
  MedusaClient *self = (MedusaClient *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->publishable_key, g_free);
  g_clear_pointer (&self->access_token, medusa_secret_free);

  G_OBJECT_CLASS (medusa_client_parent_class)->finalize (object);
}

static void
medusa_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, medusa_client_get_timeout (self));
      break;

    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->max_response_size);
      break;

    case PROP_SESSION_KIND:
      g_value_set_enum (value, self->session_kind);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    case PROP_API_VERSION:
      g_value_set_enum (value, self->api_version);
      break;

    case PROP_PUBLISHABLE_KEY:
      g_value_set_string (value, self->publishable_key);
      break;

    case PROP_CAPABILITIES:
      g_value_set_flags (value, medusa_client_get_capabilities (self));
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize length = url != NULL ? strlen (url) : 0;

        /* Paths are appended as they are, so a store under a sub-path works. */
        while (length > 0 && url[length - 1] == '/')
          length--;
        self->base_url = g_strndup (url != NULL ? url : "", length);
      }
      break;

    case PROP_TIMEOUT:
      medusa_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_RESPONSE_SIZE:
      medusa_client_set_max_response_size (self, g_value_get_uint64 (value));
      break;

    case PROP_API_VERSION:
      medusa_client_set_api_version (self, g_value_get_enum (value));
      break;

    case PROP_PUBLISHABLE_KEY:
      medusa_client_set_publishable_key (self, g_value_get_string (value));
      break;

    case PROP_SESSION_KIND:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_client_class_init (MedusaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_client_dispose;
  object_class->finalize = medusa_client_finalize;
  object_class->get_property = medusa_client_get_property;
  object_class->set_property = medusa_client_set_property;

  /**
   * MedusaClient:base-url:
   *
   * The store's address, such as `https://shop.example.com`; the Store API's
   * paths (`/store/…`) are appended to it.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:timeout:
   *
   * Seconds a connection may stay silent before a call fails, and a
   * quarter of the time a call may take in all, however busy the server
   * keeps it; 0 waits forever. Both fail with %G_IO_ERROR_TIMED_OUT.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, MEDUSA_CLIENT_DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:max-response-size:
   *
   * The largest answer read, in bytes; a larger one fails with
   * %MEDUSA_ERROR_RESPONSE_TOO_LARGE without being held in memory.
   */
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint64 ("max-response-size", NULL, NULL,
                         1, G_MAXSIZE, MEDUSA_CLIENT_DEFAULT_MAX_RESPONSE_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:session-kind:
   *
   * Whether, and how, the client is signed in.
   */
  properties[PROP_SESSION_KIND] =
    g_param_spec_enum ("session-kind", NULL, NULL,
                       MEDUSA_TYPE_SESSION_KIND, MEDUSA_SESSION_NONE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:n-pending:
   *
   * How many requests are on their way. It is notified when the client
   * becomes busy and when it becomes idle: something that can wait (a
   * count for a summary, say) can wait for it to be 0.
   */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:api-version:
   *
   * Which Store API the store speaks: detected with
   * medusa_client_detect_api_version_async(), or set from what was detected
   * before. Until it is known the client speaks v1.
   */
  properties[PROP_API_VERSION] =
    g_param_spec_enum ("api-version", NULL, NULL,
                       MEDUSA_TYPE_API_VERSION, MEDUSA_API_VERSION_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:publishable-key:
   *
   * The store's publishable API key, which a v2 store wants with every
   * Store API call. It is public (storefronts carry it), not a secret.
   */
  properties[PROP_PUBLISHABLE_KEY] =
    g_param_spec_string ("publishable-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:capabilities:
   *
   * What the store's Store API can do where versions differ.
   */
  properties[PROP_CAPABILITIES] =
    g_param_spec_flags ("capabilities", NULL, NULL,
                        MEDUSA_TYPE_CAPABILITIES, MEDUSA_CAPABILITY_NONE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:offline:
   *
   * The last call could not reach the store (a network fault, not an
   * answer); the next answer from the store ends it. Meanwhile the
   * customer, orders and orders pages come from the answer store, if the
   * client has one and it kept them (medusa_client_set_answer_store()).
   */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedusaClient::unauthorized:
   *
   * The store refused the session (expired or revoked) on a call that needs it.
   */
  signals[UNAUTHORIZED] =
    g_signal_new ("unauthorized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * MedusaClient::order-scan-progress:
   * @detail: the detail of the orders looked for: one search of each can be
   *   under way (a list's summaries, an export's whole orders)
   * @seen: the orders looked through so far
   * @count: the orders there are to look through, as the store counts them
   *
   * A search or filter the store cannot do (see the capabilities) is done
   * by the client, which looks through the whole history; the pages asked
   * for wait until it is done. Emitted after each page of the history.
   */
  signals[ORDER_SCAN_PROGRESS] =
    g_signal_new ("order-scan-progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, MEDUSA_TYPE_ORDER_DETAIL, G_TYPE_UINT, G_TYPE_UINT);
}

static void
medusa_client_init (MedusaClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Patron/%s", PACKAGE_VERSION);

  self->dialect = &medusa_dialect_v1;
  self->max_response_size = MEDUSA_CLIENT_DEFAULT_MAX_RESPONSE_SIZE;
  self->max_scan_matches = MEDUSA_CLIENT_MAX_SCAN_MATCHES;
  self->cookies = soup_cookie_jar_new ();
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", MEDUSA_CLIENT_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 NULL);
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->cookies));
}

/**
 * medusa_client_check_base_url:
 * @base_url: what the user gave as the store's address
 * @error: where to put what is wrong with it
 *
 * Returns: %TRUE if @base_url can be a store's address: an absolute `http` or
 *   `https` URL with a host, no user name, query or fragment
 */
gboolean
medusa_client_check_base_url (const char  *base_url,
                              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (base_url != NULL ? base_url : "", G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("This is not a web address"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("The address must start with https:// or http://"));
      return FALSE;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("The address has no host name"));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("The address must not contain a user name, “?” or “#”"));
      return FALSE;
    }

  return TRUE;
}

/**
 * medusa_client_new:
 * @base_url: the store's address, checked with medusa_client_check_base_url()
 *
 * Returns: (transfer full): a new client, signed out
 */
MedusaClient *
medusa_client_new (const char *base_url)
{
  return g_object_new (MEDUSA_TYPE_CLIENT, "base-url", base_url, NULL);
}

/**
 * medusa_client_new_sibling:
 * @client: a client
 *
 * Returns: (transfer full): a new client, signed out, for @client's store,
 *   speaking its Store API with its publishable key
 */
MedusaClient *
medusa_client_new_sibling (MedusaClient *client)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);

  return g_object_new (MEDUSA_TYPE_CLIENT,
                       "base-url", client->base_url,
                       "api-version", client->api_version,
                       "publishable-key", client->publishable_key,
                       "timeout", medusa_client_get_timeout (client),
                       "max-response-size", client->max_response_size,
                       NULL);
}

const char *
medusa_client_get_base_url (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->base_url;
}

guint
medusa_client_get_timeout (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return soup_session_get_timeout (self->session);
}

void
medusa_client_set_timeout (MedusaClient *self,
                           guint         timeout)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (soup_session_get_timeout (self->session) != timeout)
    {
      soup_session_set_timeout (self->session, timeout);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
    }
}

gsize
medusa_client_get_max_response_size (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return self->max_response_size;
}

void
medusa_client_set_max_response_size (MedusaClient *self,
                                     gsize         max_size)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (max_size > 0);

  if (self->max_response_size != max_size)
    {
      self->max_response_size = max_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
    }
}

MedusaSessionKind
medusa_client_get_session_kind (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_SESSION_NONE);

  return self->session_kind;
}

/**
 * medusa_client_get_access_token:
 *
 * The bearer token of a token session, to keep in the keyring. Never log it.
 *
 * Returns: (nullable): the token, or %NULL without a token session
 */
const char *
medusa_client_get_access_token (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->access_token;
}

/**
 * medusa_client_set_access_token:
 * @token: (nullable): a bearer token kept from an earlier sign-in
 *
 * Resumes a token session without a request; the next call shows whether the
 * store still accepts it. %NULL signs out locally.
 */
void
medusa_client_set_access_token (MedusaClient *self,
                                const char   *token)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (token != NULL && token[0] != '\0')
    _medusa_client_set_session (self, MEDUSA_SESSION_TOKEN, token);
  else
    _medusa_client_set_session (self, MEDUSA_SESSION_NONE, NULL);
}

/**
 * medusa_client_set_prefetch:
 * @prefetch: (nullable): requests sent ahead for this client, or %NULL to
 *   take no more answers from one
 *
 * From now on, a request that @prefetch sent ahead with the client's token
 * takes the answer from there, once; every other request goes to the store.
 * The answers taken do not count as requests the client sent
 * (medusa_client_get_request_count()).
 */
void
medusa_client_set_prefetch (MedusaClient   *self,
                            MedusaPrefetch *prefetch)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (prefetch == NULL || MEDUSA_IS_PREFETCH (prefetch));
  g_return_if_fail (prefetch == NULL ||
                    g_str_equal (medusa_prefetch_get_base_url (prefetch), self->base_url));

  g_set_object (&self->prefetch, prefetch);
}

/**
 * medusa_client_set_answer_store:
 * @store: (nullable): where to keep answers, or %NULL to keep none
 *
 * From now on, the store's answers to the read-only calls whose answers a
 * user may want to see again without a network (the customer, pages of
 * orders, an order) are handed to @store, and while the store cannot be
 * reached those calls answer what @store kept for them, read by the same
 * bounded parsers (#MedusaClient:offline says so). Nothing else is kept: no
 * token, no request body.
 */
void
medusa_client_set_answer_store (MedusaClient      *self,
                                MedusaAnswerStore *store)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (store == NULL || MEDUSA_IS_ANSWER_STORE (store));

  g_set_object (&self->answer_store, store);
}

/**
 * medusa_client_get_offline:
 *
 * Returns: whether the last call could not reach the store
 */
gboolean
medusa_client_get_offline (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);

  return self->offline;
}

/**
 * medusa_client_get_api_version:
 *
 * Returns: which Store API the client speaks to the store
 */
MedusaApiVersion
medusa_client_get_api_version (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_API_VERSION_UNKNOWN);

  return self->api_version;
}

/**
 * medusa_client_set_api_version:
 * @version: what medusa_client_detect_api_version_async() found, now or on
 *   an earlier visit
 *
 * Chooses the dialect the client speaks. %MEDUSA_API_VERSION_UNKNOWN speaks v1.
 */
void
medusa_client_set_api_version (MedusaClient     *self,
                               MedusaApiVersion  version)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (self->api_version == version)
    return;

  self->api_version = version;
  self->dialect = medusa_dialect_for_version (version);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPABILITIES]);
}

const char *
medusa_client_get_publishable_key (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->publishable_key;
}

/**
 * medusa_client_set_publishable_key:
 * @key: (nullable): the store's publishable API key
 *
 * Blanks around @key are dropped; a key with spaces or control characters
 * inside is no key.
 */
void
medusa_client_set_publishable_key (MedusaClient *self,
                                   const char   *key)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (key != NULL)
    stripped = g_strstrip (g_strdup (key));
  if (stripped != NULL && stripped[0] == '\0')
    g_clear_pointer (&stripped, g_free);
  /* it goes into every request's headers: one word of visible characters;
   * without one, the store says it needs its key */
  for (const char *p = stripped; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isgraph (*p))
        {
          g_debug ("Not a publishable key: it has spaces or control characters");
          g_clear_pointer (&stripped, g_free);
          break;
        }
    }

  if (g_strcmp0 (self->publishable_key, stripped) == 0)
    return;

  g_free (self->publishable_key);
  self->publishable_key = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHABLE_KEY]);
}

/**
 * medusa_client_get_capabilities:
 *
 * What the store's Store API can do where versions differ, as the client's
 * dialect knows it: the app hides or explains what is missing.
 *
 * Returns: the capabilities
 */
MedusaCapabilities
medusa_client_get_capabilities (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_CAPABILITY_NONE);

  return self->dialect->capabilities;
}

static void
detect_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(MedusaResponse) response = NULL;
  MedusaApiVersion version;
  GError *error = NULL;

  response = g_task_propagate_pointer (G_TASK (result), &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  version = medusa_dialect_recognize (response->status, response->content_type, response->body);
  g_debug ("Store API version: %s (probe answered %u)",
           version == MEDUSA_API_VERSION_UNKNOWN ? "unknown"
           : medusa_dialect_for_version (version)->name, response->status);
  if (version == MEDUSA_API_VERSION_UNKNOWN)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                               "The address does not answer as a Medusa store does");
      return;
    }

  medusa_client_set_api_version (self, version);
  g_task_return_int (task, version);
}

/**
 * medusa_client_detect_api_version_async:
 *
 * Tells which Store API the store speaks with one request that changes
 * nothing on the store, and sets #MedusaClient:api-version. Meant once per
 * store: remember the answer and set it on later clients.
 */
void
medusa_client_detect_api_version_async (MedusaClient        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_detect_api_version_async);
  _medusa_client_send_request_async (self, medusa_dialect_probe (), TRUE, cancellable, detect_cb,
                                     task);
}

/**
 * medusa_client_detect_api_version_finish:
 *
 * Returns: the version, or %MEDUSA_API_VERSION_UNKNOWN with @error set
 *   (%MEDUSA_ERROR_INVALID_RESPONSE when the address is not a Medusa store)
 */
MedusaApiVersion
medusa_client_detect_api_version_finish (MedusaClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  gssize version;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_API_VERSION_UNKNOWN);
  g_return_val_if_fail (g_task_is_valid (result, self), MEDUSA_API_VERSION_UNKNOWN);

  version = g_task_propagate_int (G_TASK (result), error);

  return version > 0 ? (MedusaApiVersion) version : MEDUSA_API_VERSION_UNKNOWN;
}

/**
 * medusa_client_get_request_count:
 *
 * How many HTTP requests the client has sent: to see what a cache saves, and
 * in tests.
 *
 * Returns: the number of requests sent so far
 */
guint
medusa_client_get_request_count (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return self->request_count;
}

/**
 * medusa_client_get_n_pending:
 *
 * Returns: how many requests are on their way
 */
guint
medusa_client_get_n_pending (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return self->n_pending;
}
