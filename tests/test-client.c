/* test-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Store API call against the real Medusa test stores that
 * build-aux/run-tests.sh starts (tests/medusa-store/ for v1,
 * tests/medusa-store-v2/ for v2): what succeeds and every failure the real
 * servers produce. One suite: each case is registered once per store
 * (/client/v1/…, /client/v2/…) and runs against the store it was registered
 * for; a case written for one version's behaviour only is registered for it
 * alone.
 */

#include "config.h"

#include "test-util.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "medusa.h"

#define PASSWORD       "first-pass-123"

typedef struct
{
  const char       *name;              /* "v1", "v2": the cases' path prefix */
  MedusaApiVersion  version;
  const char       *url;               /* NULL: not in the environment */
  const char       *publishable_key;
  const char       *outbox_dir;
  const char       *buyer_email;       /* a seeded customer with orders */
  const char       *buyer_password;
  const char       *missing;           /* why its cases are skipped */
} TestStore;

static TestStore stores[2];

/* the store of the case that runs */
static const TestStore *store;

#define BUYER_EMAIL    (store->buyer_email)
#define BUYER_PASSWORD (store->buyer_password)

static gboolean
is_v2 (void)
{
  return store->version == MEDUSA_API_VERSION_2;
}

/* ------------------------------------------------------------------------ */

static char *
unique_email (const char *who)
{
  static guint counter;

  return g_strdup_printf ("%s.%" G_GINT64_FORMAT ".%u@example.com",
                          who, g_get_real_time (), ++counter);
}

static MedusaClient *
new_client (void)
{
  MedusaClient *client = medusa_client_new (store->url);

  medusa_client_set_api_version (client, store->version);
  medusa_client_set_publishable_key (client, store->publishable_key);

  return client;
}

static MedusaCustomer *
sign_in (MedusaClient    *client,
         const char      *email,
         const char      *password,
         MedusaAuthMode   mode,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_sign_in_async (client, email, password, mode, NULL, test_store_result_cb, &result);
  return medusa_client_sign_in_finish (client, test_wait_for (&result), error);
}

static MedusaCustomer *
get_customer (MedusaClient  *client,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_get_customer_async (client, NULL, test_store_result_cb, &result);
  return medusa_client_get_customer_finish (client, test_wait_for (&result), error);
}

static MedusaCustomer *
register_customer (MedusaClient  *client,
                   const char    *email,
                   const char    *phone,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_create_customer_async (client, email, PASSWORD, "Ada", "Lovelace", phone,
                                       NULL, test_store_result_cb, &result);
  return medusa_client_create_customer_finish (client, test_wait_for (&result), error);
}

/* A new customer, signed in with a bearer token on a new client. */
static MedusaClient *
new_signed_in_customer (const char      *who,
                        MedusaCustomer **customer)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = unique_email (who);

  created = register_customer (client, email, NULL, &error);
  g_assert_no_error (error);
  *customer = sign_in (client, email, PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*customer);

  return g_steal_pointer (&client);
}

static MedusaAddress *
make_address (const char *city,
              const char *country_code)
{
  return g_object_new (MEDUSA_TYPE_ADDRESS,
                       "first-name", "Ada",
                       "last-name", "Lovelace",
                       "company", "Analytical Engines",
                       "address-1", "12 St James’s Square",
                       "address-2", "Flat 3",
                       "city", city,
                       "province", "CA",
                       "postal-code", "94107",
                       "country-code", country_code,
                       "phone", "+1 555 0100",
                       NULL);
}

static guint
n_addresses (MedusaCustomer *customer)
{
  return g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer));
}

static MedusaAddress *
address_at (MedusaCustomer *customer,
            guint           position)
{
  g_autoptr(MedusaAddress) address =
    g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), position);

  return address;   /* the customer keeps it alive */
}

/* Raw requests, for what the typed API cannot even express. */
static SoupMessage *
send_raw (const char  *method,
          const char  *path,
          const char  *json_body,
          const char  *token,
          GBytes     **body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (store->url, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;

  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", authorization);
    }
  if (store->publishable_key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg),
                                  "x-publishable-api-key", store->publishable_key);

  *body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  return msg;
}

static GError *
raw_error (const char *method,
           const char *path,
           const char *json_body,
           const char *token)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) msg = send_raw (method, path, json_body, token, &body);
  GError *error = NULL;
  const char *content_type;

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                        NULL);
  g_assert_false (medusa_error_from_response (soup_message_get_status (msg), content_type,
                                              body, &error));
  g_test_message ("%s %s → %u %s", method, path, soup_message_get_status (msg), error->message);

  return error;
}

/* ------------------------------------------------------------------------ */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* n-pending counts the requests on their way, failed or cancelled ones
 * too, and is notified when the client becomes busy and when it is idle. */
static void
test_n_pending (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (client, "notify::n-pending", G_CALLBACK (count_notify_cb), &notified);
  g_assert_cmpuint (medusa_client_get_n_pending (client), ==, 0);

  medusa_client_list_regions_async (client, NULL, test_store_result_cb, &first);
  medusa_client_list_regions_async (client, NULL, test_store_result_cb, &second);
  medusa_client_list_regions_async (client, cancellable, test_store_result_cb, &cancelled);
  g_assert_cmpuint (medusa_client_get_n_pending (client), ==, 3);
  g_assert_cmpuint (notified, ==, 1);
  g_cancellable_cancel (cancellable);

  regions = medusa_client_list_regions_finish (client, test_wait_for (&first), &error);
  g_assert_no_error (error);
  g_clear_object (&regions);
  regions = medusa_client_list_regions_finish (client, test_wait_for (&second), &error);
  g_assert_no_error (error);
  g_assert_null (medusa_client_list_regions_finish (client, test_wait_for (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  while (medusa_client_get_n_pending (client) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_regions (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_us = FALSE, found_de = FALSE;

  medusa_client_list_regions_async (client, NULL, test_store_result_cb, &result);
  regions = medusa_client_list_regions_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (regions), >=, is_v2 () ? 1 : 2);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(MedusaRegion) region = g_list_model_get_item (regions, i);
      MedusaCountry *us = medusa_region_find_country (region, "US");
      MedusaCountry *de = medusa_region_find_country (region, "de");

      g_assert_nonnull (medusa_region_get_id (region));
      g_assert_nonnull (medusa_region_get_currency_code (region));
      if (us != NULL)
        {
          found_us = TRUE;
          g_assert_cmpstr (medusa_region_get_currency_code (region), ==, "usd");
          g_assert_cmpstr (medusa_country_get_iso_3 (us), ==, "usa");
          g_assert_cmpstr (medusa_country_get_display_name (us), ==, "United States");
        }
      if (de != NULL)
        {
          found_de = TRUE;
          g_assert_cmpstr (medusa_region_get_currency_code (region), ==, "eur");
        }
    }
  g_assert_true (found_us);
  /* the v1 store has a European region too */
  g_assert_true (found_de || is_v2 ());
}

static void
test_register (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) again = NULL;
  g_autoptr(MedusaCustomer) invalid = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = unique_email ("register");

  customer = register_customer (client, email, "+44 20 7946 0000", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (medusa_customer_get_id (customer), "cus_"));
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, email);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Ada");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Lovelace");
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+44 20 7946 0000");
  g_assert_true (medusa_customer_get_has_account (customer));
  g_assert_nonnull (medusa_customer_get_created_at (customer));
  /* registering is not signing in */
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_NONE);

  /* the same email again: v1's 422 duplicate_error, v2's 401 "Identity with
   * email already exists", both what "Sign In Instead" follows */
  again = register_customer (client, email, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
  g_assert_cmpuint (medusa_error_get_http_status (error), ==, is_v2 () ? 401 : 422);
  g_assert_cmpstr (medusa_error_get_server_type (error), ==,
                   is_v2 () ? "unauthorized" : "duplicate_error");
  g_clear_error (&error);

  /* v2 takes any text as an identity's email */
  if (is_v2 ())
    return;

  /* not an email: 400 invalid_data */
  invalid = register_customer (client, "not-an-email", NULL, &error);
  g_assert_null (invalid);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_cmpuint (medusa_error_get_http_status (error), ==, 400);
  g_assert_cmpstr (medusa_error_get_server_type (error), ==, "invalid_data");
  g_assert_nonnull (strstr (error->message, "email"));
}

static void
test_email_exists (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autofree char *unknown = unique_email ("nobody");
  const char *emails[] = { BUYER_EMAIL, unknown };
  const gboolean expected[] = { TRUE, FALSE };

  g_assert_cmpint (!!(medusa_client_get_capabilities (client) & MEDUSA_CAPABILITY_EMAIL_EXISTS),
                   ==, !is_v2 ());
  if (is_v2 ())
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gboolean exists = FALSE;

      /* v2 has no such call: nothing is sent */
      medusa_client_email_exists_async (client, BUYER_EMAIL, NULL, test_store_result_cb, &result);
      g_assert_false (medusa_client_email_exists_finish (client, test_wait_for (&result), &exists,
                                                         &error));
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_SUPPORTED);
      g_assert_cmpuint (medusa_client_get_request_count (client), ==, 0);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gboolean exists = !expected[i];

      medusa_client_email_exists_async (client, emails[i], NULL, test_store_result_cb, &result);
      g_assert_true (medusa_client_email_exists_finish (client, test_wait_for (&result), &exists,
                                                        &error));
      g_assert_no_error (error);
      g_assert_cmpint (exists, ==, expected[i]);
    }
}

static void
test_sign_in_token (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) me = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, BUYER_EMAIL);
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_TOKEN);
  g_assert_nonnull (medusa_client_get_access_token (client));
  /* a JWT: three dot-separated parts */
  parts = g_strsplit (medusa_client_get_access_token (client), ".", -1);
  g_assert_cmpint (g_strv_length (parts), ==, 3);

  /* a second client resumes the session from the token alone */
  {
    g_autoptr(MedusaClient) restored = new_client ();

    medusa_client_set_access_token (restored, medusa_client_get_access_token (client));
    me = get_customer (restored, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (medusa_customer_get_id (me), ==, medusa_customer_get_id (customer));
  }
}

static void
test_sign_in_auto (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_AUTO, &error);
  g_assert_no_error (error);
  /* v1.20 has the token route, so AUTO picks it */
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_TOKEN);
}

static void
test_sign_in_wrong_password (void)
{
  const MedusaAuthMode modes[] = { MEDUSA_AUTH_MODE_TOKEN, MEDUSA_AUTH_MODE_COOKIE };
  g_autofree char *unknown = unique_email ("nobody");

  /* v2 has no cookie sign-in */
  for (guint i = 0; i < (is_v2 () ? 1 : G_N_ELEMENTS (modes)); i++)
    {
      g_autoptr(MedusaClient) client = new_client ();
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autoptr(GError) error = NULL;

      customer = sign_in (client, BUYER_EMAIL, "wrong-password", modes[i], &error);
      g_assert_null (customer);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
      g_assert_cmpuint (medusa_error_get_http_status (error), ==, 401);
      /* v1 answers in plain text, v2 in JSON */
      if (is_v2 ())
        {
          g_assert_cmpstr (error->message, ==, "Invalid email or password");
          g_assert_cmpstr (medusa_error_get_server_type (error), ==, "unauthorized");
        }
      else
        {
          g_assert_cmpstr (error->message, ==, "Unauthorized");
          g_assert_null (medusa_error_get_server_type (error));
        }
      g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_NONE);
      g_clear_error (&error);

      customer = sign_in (client, unknown, "whatever-123", modes[i], &error);
      g_assert_null (customer);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
    }
}

static void
test_sign_in_cookie (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) me = NULL;
  g_autoptr(MedusaCustomer) gone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_COOKIE, &error);
  if (is_v2 ())
    {
      /* nothing is sent */
      g_assert_null (customer);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_SUPPORTED);
      g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_NONE);
      g_assert_cmpuint (medusa_client_get_request_count (client), ==, 0);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, BUYER_EMAIL);
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_COOKIE);
  g_assert_null (medusa_client_get_access_token (client));

  me = get_customer (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (me), ==, medusa_customer_get_id (customer));

  /* DELETE /store/auth ends the cookie session on the store */
  medusa_client_sign_out_async (client, NULL, test_store_result_cb, &result);
  g_assert_true (medusa_client_sign_out_finish (client, test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_NONE);

  gone = get_customer (client, &error);
  g_assert_null (gone);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
}

static void
test_sign_out_token (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) gone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  medusa_client_sign_out_async (client, NULL, test_store_result_cb, &result);
  g_assert_true (medusa_client_sign_out_finish (client, test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_NONE);
  g_assert_null (medusa_client_get_access_token (client));

  gone = get_customer (client, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
}

/* The next customer signs in at once, while the store still answers the
 * last one's sign-out (a shared counter): their session stays theirs. */
static void
test_sign_in_while_signing_out (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) me = NULL;
  g_autoptr(GAsyncResult) out = NULL;
  g_autoptr(GAsyncResult) in = NULL;
  g_autoptr(GError) error = NULL;
  MedusaAuthMode mode = is_v2 () ? MEDUSA_AUTH_MODE_TOKEN : MEDUSA_AUTH_MODE_COOKIE;

  for (guint i = 0; i < 2; i++, mode = MEDUSA_AUTH_MODE_TOKEN)
    {
      g_clear_object (&customer);
      g_clear_object (&me);
      g_clear_object (&out);
      g_clear_object (&in);
      customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, mode, &error);
      g_assert_no_error (error);
      g_clear_object (&customer);

      medusa_client_sign_out_async (client, NULL, test_store_result_cb, &out);
      medusa_client_sign_in_async (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN,
                                   NULL, test_store_result_cb, &in);
      test_wait_for (&out);
      customer = medusa_client_sign_in_finish (client, test_wait_for (&in), &error);
      g_assert_no_error (error);
      /* the sign-out answered last, or first: either way it ended the old session only */
      g_assert_true (medusa_client_sign_out_finish (client, out, &error));
      g_assert_no_error (error);
      g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_TOKEN);
      g_assert_nonnull (medusa_client_get_access_token (client));

      me = get_customer (client, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (medusa_customer_get_id (me), ==, medusa_customer_get_id (customer));
    }
}

static char *
base64url (const guchar *data,
           gsize         length)
{
  g_autofree char *text = g_base64_encode (data, length);
  GString *result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        g_string_append_c (result, '-');
      else if (*p == '/')
        g_string_append_c (result, '_');
      else if (*p != '=')
        g_string_append_c (result, *p);
    }

  return g_string_free (result, FALSE);
}

/* An HS256 JWT as Medusa v1 signs customer tokens, with the test store's secret. */
static char *
make_jwt (const char *customer_id,
          gint64      exp)
{
  const char *secret = g_getenv ("MEDUSA_JWT_SECRET");
  const char *header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  g_autofree char *payload = NULL;
  g_autofree char *header64 = NULL;
  g_autofree char *payload64 = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *signature64 = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  if (secret == NULL)
    secret = "test-jwt-secret";

  payload = g_strdup_printf ("{\"customer_id\":\"%s\",\"domain\":\"store\","
                             "\"iat\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT "}",
                             customer_id, exp - 3600, exp);
  header64 = base64url ((const guchar *) header, strlen (header));
  payload64 = base64url ((const guchar *) payload, strlen (payload));
  signing_input = g_strconcat (header64, ".", payload64, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);
  signature64 = base64url (digest, digest_length);

  return g_strconcat (signing_input, ".", signature64, NULL);
}

static void
count_cb (MedusaClient *client,
          gpointer      user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_invalid_and_expired_token (void)
{
  g_autoptr(MedusaClient) buyer = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *fresh = NULL;
  const char *tokens[3] = { "not-a-token", NULL, NULL };

  customer = sign_in (buyer, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  /* a token we sign ourselves is accepted while fresh: the secret is right */
  fresh = make_jwt (medusa_customer_get_id (customer), g_get_real_time () / G_USEC_PER_SEC + 600);
  {
    g_autoptr(MedusaClient) client = new_client ();
    g_autoptr(MedusaCustomer) me = NULL;

    medusa_client_set_access_token (client, fresh);
    me = get_customer (client, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (medusa_customer_get_id (me), ==, medusa_customer_get_id (customer));
  }

  expired = make_jwt (medusa_customer_get_id (customer), g_get_real_time () / G_USEC_PER_SEC - 60);
  tokens[1] = expired;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autoptr(MedusaClient) client = new_client ();
      g_autoptr(MedusaCustomer) me = NULL;
      guint unauthorized = 0;

      g_signal_connect (client, "unauthorized", G_CALLBACK (count_cb), &unauthorized);
      medusa_client_set_access_token (client, tokens[i]);
      me = get_customer (client, &error);
      g_assert_null (me);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
      g_assert_cmpuint (medusa_error_get_http_status (error), ==, 401);
      g_assert_cmpuint (unauthorized, ==, 1);
      g_clear_error (&error);
    }
}

static void
test_signed_out_calls (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = get_customer (client, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  medusa_client_list_orders_async (client, NULL, NULL, test_store_result_cb, &result);
  page = medusa_client_list_orders_finish (client, test_wait_for (&result), &error);
  g_assert_null (page);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
}

/* The emailed link for @email, from the test store's outbox. */
static char *
wait_for_reset_link (const char *email,
                     guint       n_before)
{
  gint64 deadline = test_deadline (30);
  g_autofree char *to = g_strdup_printf ("To: %s\n", email);

  g_assert_nonnull (store->outbox_dir);

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GDir) dir = g_dir_open (store->outbox_dir, 0, NULL);
      g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".eml"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (store->outbox_dir, names->pdata[i], NULL);
          g_autofree char *text = NULL;
          g_auto(GStrv) lines = NULL;

          if (!g_file_get_contents (path, &text, NULL, NULL) || strstr (text, to) == NULL)
            continue;

          lines = g_strsplit (text, "\n", -1);
          for (guint j = 0; lines[j] != NULL; j++)
            if (g_str_has_prefix (g_strstrip (lines[j]), "patron://"))
              g_ptr_array_add (links, g_strdup (lines[j]));
        }

      if (links->len > n_before)
        return g_strdup (links->pdata[links->len - 1]);

      g_usleep (100 * 1000);
    }

  g_error ("no password-reset email for %s in %s", email, store->outbox_dir);
}

static char *
token_from_link (const char *link,
                 const char *email)
{
  g_autoptr(GUri) uri = g_uri_parse (link, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "patron");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "reset-password");
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  g_assert_cmpstr (g_hash_table_lookup (params, "email"), ==, email);

  return g_strdup (g_hash_table_lookup (params, "token"));
}

static MedusaCustomer *
reset_password (MedusaClient  *client,
                const char    *email,
                const char    *password,
                const char    *token,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_reset_password_async (client, email, password, token, NULL,
                                      test_store_result_cb, &result);
  return medusa_client_reset_password_finish (client, test_wait_for (&result), error);
}

static gboolean
request_reset (MedusaClient  *client,
               const char    *email,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_request_password_reset_async (client, email, NULL, test_store_result_cb, &result);
  return medusa_client_request_password_reset_finish (client, test_wait_for (&result), error);
}

static void
test_password_reset (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) reset = NULL;
  g_autoptr(MedusaCustomer) reused = NULL;
  g_autoptr(MedusaCustomer) garbage = NULL;
  g_autoptr(MedusaCustomer) signed_in = NULL;
  g_autoptr(MedusaCustomer) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = unique_email ("reset");
  g_autofree char *unknown = unique_email ("nobody");
  g_autofree char *link = NULL;
  g_autofree char *token = NULL;

  customer = register_customer (client, email, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (request_reset (client, email, &error));
  g_assert_no_error (error);
  /* the same for an email without an account */
  g_assert_true (request_reset (client, unknown, &error));
  g_assert_no_error (error);
  /* v1 refuses something that is not an email; v2 answers the same */
  g_assert_cmpint (request_reset (client, "not-an-email", &error), ==, is_v2 ());
  if (!is_v2 ())
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_clear_error (&error);

  link = wait_for_reset_link (email, 0);
  g_test_message ("reset link: patron://reset-password?email=…&token=<%zu chars>",
                  strlen (link));
  token = token_from_link (link, email);
  g_assert_nonnull (token);

  /* a garbage token: v1's bare 500 and v2's 401 "Invalid token" both
   * become MEDUSA_ERROR_INVALID_TOKEN */
  garbage = reset_password (client, email, "second-pass-456", "garbage.token.here", &error);
  g_assert_null (garbage);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_TOKEN);
  g_assert_cmpuint (medusa_error_get_http_status (error), ==, is_v2 () ? 401 : 500);
  g_assert_cmpstr (medusa_error_get_server_type (error), ==,
                   is_v2 () ? "unauthorized" : "unknown_error");
  g_clear_error (&error);

  reset = reset_password (client, email, "second-pass-456", token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (reset), ==, medusa_customer_get_id (customer));
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_NONE);

  /* the token is single-use: void after the password changed */
  reused = reset_password (client, email, "third-pass-789", token, &error);
  g_assert_null (reused);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_TOKEN);
  g_clear_error (&error);

  old = sign_in (client, email, PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  signed_in = sign_in (client, email, "second-pass-456", MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (signed_in), ==, email);
}

static MedusaCustomer *
update_customer (MedusaClient           *client,
                 MedusaCustomerChanges  *changes,
                 GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_update_customer_async (client, changes, NULL, test_store_result_cb, &result);
  return medusa_client_update_customer_finish (client, test_wait_for (&result), error);
}

static void
test_update_customer (void)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaClient) client = new_signed_in_customer ("update", &customer);
  g_autoptr(MedusaCustomerChanges) names = medusa_customer_changes_new ();
  g_autoptr(MedusaCustomerChanges) bad_email = medusa_customer_changes_new ();
  g_autoptr(MedusaCustomerChanges) credentials = medusa_customer_changes_new ();
  g_autoptr(MedusaCustomer) updated = NULL;
  g_autoptr(MedusaCustomer) refused = NULL;
  g_autoptr(MedusaCustomer) changed = NULL;
  g_autoptr(MedusaCustomer) signed_in = NULL;
  g_autoptr(JsonObject) metadata = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *new_email = unique_email ("renamed");

  json_object_set_string_member (metadata, "favourite_colour", "teal");
  medusa_customer_changes_set_first_name (names, "Augusta Ada");
  medusa_customer_changes_set_last_name (names, "King");
  medusa_customer_changes_set_phone (names, "+44 20 7946 0999");
  medusa_customer_changes_set_metadata (names, metadata);
  updated = update_customer (client, names, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (updated), ==, "Augusta Ada");
  g_assert_cmpstr (medusa_customer_get_last_name (updated), ==, "King");
  g_assert_cmpstr (medusa_customer_get_phone (updated), ==, "+44 20 7946 0999");
  g_assert_cmpstr (json_object_get_string_member (medusa_customer_get_metadata (updated),
                                                  "favourite_colour"), ==, "teal");

  /* the model object a window holds takes the answer in place */
  medusa_customer_update_from (customer, updated, NULL);
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "King");

  medusa_customer_changes_set_email (bad_email, "nope");
  refused = update_customer (client, bad_email, &error);
  g_assert_null (refused);
  if (is_v2 ())
    {
      /* v2 changes neither email nor password of a signed-in customer:
       * nothing is sent */
      guint n_sent = medusa_client_get_request_count (client);

      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_SUPPORTED);
      g_clear_error (&error);
      medusa_customer_changes_set_password (credentials, "changed-pass-321");
      changed = update_customer (client, credentials, &error);
      g_assert_null (changed);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_SUPPORTED);
      g_assert_cmpuint (medusa_client_get_request_count (client), ==, n_sent);
      g_assert_false (medusa_client_get_capabilities (client) &
                      (MEDUSA_CAPABILITY_CHANGE_EMAIL | MEDUSA_CAPABILITY_CHANGE_PASSWORD));
      return;
    }
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_cmpstr (medusa_error_get_server_type (error), ==, "invalid_data");
  g_clear_error (&error);

  medusa_customer_changes_set_email (credentials, new_email);
  medusa_customer_changes_set_password (credentials, "changed-pass-321");
  changed = update_customer (client, credentials, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (changed), ==, new_email);

  signed_in = sign_in (client, new_email, "changed-pass-321", MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (signed_in), ==, medusa_customer_get_id (customer));
}

static MedusaCustomer *
add_address (MedusaClient   *client,
             MedusaAddress  *address,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_add_address_async (client, address, NULL, test_store_result_cb, &result);
  return medusa_client_add_address_finish (client, test_wait_for (&result), error);
}

static void
test_addresses (void)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaClient) client = new_signed_in_customer ("addresses", &customer);
  g_autoptr(MedusaAddress) home = make_address ("San Francisco", "US");
  g_autoptr(MedusaAddress) work = make_address ("Berlin", "de");
  g_autoptr(MedusaAddress) nowhere = make_address ("Atlantis", "zz");
  g_autoptr(MedusaAddress) incomplete = medusa_address_new ();
  g_autoptr(MedusaCustomer) one = NULL;
  g_autoptr(MedusaCustomer) same = NULL;
  g_autoptr(MedusaCustomer) two = NULL;
  g_autoptr(MedusaCustomer) edited = NULL;
  g_autoptr(MedusaCustomer) failed = NULL;
  g_autoptr(MedusaCustomer) deleted = NULL;
  g_autoptr(MedusaCustomer) unknown_deleted = NULL;
  g_autoptr(MedusaAddress) changed_home = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaAddress *stored;
  const char *home_id;

  g_assert_cmpuint (n_addresses (customer), ==, 0);

  one = add_address (client, home, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_addresses (one), ==, 1);
  stored = address_at (one, 0);
  g_assert_true (g_str_has_prefix (medusa_address_get_id (stored), is_v2 () ? "cuaddr_" : "addr_"));
  g_assert_cmpstr (medusa_address_get_city (stored), ==, "San Francisco");
  /* sent in lower case, as Medusa keeps it */
  g_assert_cmpstr (medusa_address_get_country_code (stored), ==, "us");
  g_assert_cmpstr (medusa_address_get_company (stored), ==, "Analytical Engines");
  g_assert_true (medusa_address_same_place (stored, home));
  home_id = medusa_address_get_id (stored);

  /* v1 silently does not add an identical address; v2 adds it again */
  same = add_address (client, home, &error);
  g_assert_no_error (error);
  g_assert_cmpint (!!(medusa_client_get_capabilities (client) &
                      MEDUSA_CAPABILITY_SKIPS_DUPLICATE_ADDRESS), ==, !is_v2 ());
  g_assert_cmpuint (n_addresses (same), ==, is_v2 () ? 2 : 1);

  two = add_address (client, work, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_addresses (two), ==, n_addresses (same) + 1);

  if (is_v2 ())
    {
      g_autoptr(MedusaCustomer) anywhere = NULL;
      g_autoptr(MedusaCustomer) blank = NULL;

      /* v2 checks neither the country nor any field */
      anywhere = add_address (client, nowhere, &error);
      g_assert_no_error (error);
      blank = add_address (client, incomplete, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_addresses (blank), ==, n_addresses (two) + 2);
    }
  else
    {
      /* an unknown country: 404 not_found */
      failed = add_address (client, nowhere, &error);
      g_assert_null (failed);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
      g_assert_cmpuint (medusa_error_get_http_status (error), ==, 404);
      g_assert_cmpstr (medusa_error_get_server_type (error), ==, "not_found");
      g_assert_nonnull (strstr (error->message, "zz"));
      g_clear_error (&error);

      /* required fields missing: 400 */
      failed = add_address (client, incomplete, &error);
      g_assert_null (failed);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  changed_home = medusa_address_copy (home);
  medusa_address_set_city (changed_home, "Oakland");
  medusa_client_update_address_async (client, home_id, changed_home, NULL,
                                      test_store_result_cb, &result);
  edited = medusa_client_update_address_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_address_get_city (medusa_customer_find_address (edited, home_id)),
                   ==, "Oakland");
  g_clear_object (&result);

  /* an address of nobody's */
  medusa_client_update_address_async (client, "addr_does_not_exist", changed_home, NULL,
                                      test_store_result_cb, &result);
  failed = medusa_client_update_address_finish (client, test_wait_for (&result), &error);
  g_assert_null (failed);
  g_assert_error (error, MEDUSA_ERROR, (int) (is_v2 () ? MEDUSA_ERROR_NOT_FOUND
                                                      : MEDUSA_ERROR_INVALID_DATA));
  g_clear_error (&error);
  g_clear_object (&result);

  medusa_client_delete_address_async (client, home_id, NULL, test_store_result_cb, &result);
  deleted = medusa_client_delete_address_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_addresses (deleted), ==, n_addresses (edited) - 1);
  g_assert_null (medusa_customer_find_address (deleted, home_id));
  g_clear_object (&result);

  /* v1 answers 200 for an id it does not know, v2 404 */
  medusa_client_delete_address_async (client, "addr_does_not_exist", NULL,
                                      test_store_result_cb, &result);
  unknown_deleted = medusa_client_delete_address_finish (client, test_wait_for (&result), &error);
  if (is_v2 ())
    {
      g_assert_null (unknown_deleted);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_addresses (unknown_deleted), ==, 1);
}

static void
test_billing_address (void)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaClient) client = new_signed_in_customer ("billing", &customer);
  g_autoptr(MedusaAddress) office = make_address ("Paris", "fr");
  g_autoptr(MedusaAddress) home = make_address ("Lyon", "fr");
  g_autoptr(MedusaCustomerChanges) by_value = medusa_customer_changes_new ();
  g_autoptr(MedusaCustomerChanges) by_id = medusa_customer_changes_new ();
  g_autoptr(MedusaCustomer) billed = NULL;
  g_autoptr(MedusaCustomer) with_home = NULL;
  g_autoptr(MedusaCustomer) billed_home = NULL;
  g_autoptr(MedusaCustomer) me = NULL;
  g_autoptr(GError) error = NULL;
  MedusaAddress *billing;

  medusa_customer_changes_set_billing_address (by_value, office);
  billed = update_customer (client, by_value, &error);
  g_assert_no_error (error);
  g_assert_nonnull (medusa_customer_get_billing_address_id (billed));

  me = get_customer (client, &error);
  g_assert_no_error (error);
  billing = medusa_customer_get_billing_address (me);
  g_assert_nonnull (billing);
  g_assert_cmpstr (medusa_address_get_city (billing), ==, "Paris");
  g_clear_object (&me);

  /* "Use a shipping address": the id of an existing address (v2 flags it) */
  with_home = add_address (client, home, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_addresses (with_home); i++)
    if (g_strcmp0 (medusa_address_get_city (address_at (with_home, i)), "Lyon") == 0)
      medusa_customer_changes_set_billing_address_id (by_id,
                                                      medusa_address_get_id (address_at (with_home,
                                                                                         i)));
  g_assert_true (medusa_customer_changes_get_changes_billing_address (by_id));
  billed_home = update_customer (client, by_id, &error);
  g_assert_no_error (error);

  me = get_customer (client, &error);
  g_assert_no_error (error);
  billing = medusa_customer_get_billing_address (me);
  g_assert_nonnull (billing);
  g_assert_cmpstr (medusa_address_get_city (billing), ==, "Lyon");
}

static MedusaOrderPage *
list_orders (MedusaClient      *client,
             MedusaOrderQuery  *query,
             GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);
  return medusa_client_list_orders_finish (client, test_wait_for (&result), error);
}

/* A page as the orders page asks for it: summaries, whose items are
 * counted as the whole orders' items add up, with none made. */
static void
test_order_summaries (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) whole = NULL;
  g_autoptr(MedusaOrderPage) summaries = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;
  guint n_orders;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  medusa_order_query_set_limit (query, 10);
  whole = list_orders (client, query, &error);
  g_assert_no_error (error);
  medusa_order_query_set_detail (query, MEDUSA_ORDER_DETAIL_SUMMARY);
  summaries = list_orders (client, query, &error);
  g_assert_no_error (error);

  orders = medusa_order_page_get_orders (summaries);
  n_orders = g_list_model_get_n_items (orders);
  g_assert_cmpuint (n_orders, >=, 1);
  g_assert_cmpuint (n_orders, ==,
                    g_list_model_get_n_items (medusa_order_page_get_orders (whole)));
  g_assert_cmpuint (medusa_order_page_get_count (summaries), ==,
                    medusa_order_page_get_count (whole));
  for (guint i = 0; i < n_orders; i++)
    {
      g_autoptr(MedusaOrder) summary = g_list_model_get_item (orders, i);
      g_autoptr(MedusaOrder) full = g_list_model_get_item (medusa_order_page_get_orders (whole),
                                                           i);

      g_assert_cmpstr (medusa_order_get_id (summary), ==, medusa_order_get_id (full));
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (full)), >=, 1);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (summary)), ==, 0);
      g_assert_cmpuint (medusa_order_get_item_count (summary), >=, 1);
      g_assert_cmpuint (medusa_order_get_item_count (summary), ==,
                        medusa_order_get_item_count (full));
      g_assert_cmpint (medusa_order_get_total (summary), ==, medusa_order_get_total (full));
      g_assert_cmpstr (medusa_order_get_status (summary), ==, medusa_order_get_status (full));
    }
}

static void
test_orders (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) first = NULL;
  g_autoptr(MedusaOrderPage) second = NULL;
  g_autoptr(MedusaOrderPage) beyond = NULL;
  g_autoptr(MedusaOrderPage) all = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;
  guint count;
  /* the v2 store's customer has fewer orders */
  const guint limit = is_v2 () ? 1 : 2;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  medusa_order_query_set_limit (query, limit);
  first = list_orders (client, query, &error);
  g_assert_no_error (error);
  count = medusa_order_page_get_count (first);
  g_test_message ("%u orders for %s", count, BUYER_EMAIL);
  g_assert_cmpuint (count, >=, limit + 1);
  g_assert_cmpuint (medusa_order_page_get_limit (first), ==, limit);
  g_assert_cmpuint (medusa_order_page_get_offset (first), ==, 0);
  orders = medusa_order_page_get_orders (first);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, limit);

  for (guint i = 0; i < limit; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      g_assert_true (g_str_has_prefix (medusa_order_get_id (order), "order_"));
      g_assert_cmpint (medusa_order_get_display_id (order), >, 0);
      g_assert_nonnull (medusa_order_get_status (order));
      g_assert_nonnull (medusa_order_get_created_at (order));
      g_assert_cmpstr (medusa_order_get_email (order), ==, BUYER_EMAIL);
      g_assert_nonnull (medusa_order_get_currency_code (order));
      g_assert_cmpint (medusa_order_get_total (order), >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), >=, 1);
      g_assert_cmpuint (medusa_order_get_item_count (order), >=, 1);
    }

  /* newest first, and the next page continues where the first ended */
  medusa_order_query_set_offset (query, limit);
  second = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_offset (second), ==, limit);
  g_assert_cmpuint (medusa_order_page_get_count (second), ==, count);
  {
    g_autoptr(MedusaOrder) last_of_first = g_list_model_get_item (orders, limit - 1);
    g_autoptr(MedusaOrder) first_of_second =
      g_list_model_get_item (medusa_order_page_get_orders (second), 0);

    g_assert_cmpint (g_date_time_compare (medusa_order_get_created_at (last_of_first),
                                          medusa_order_get_created_at (first_of_second)), >=, 0);
    g_assert_cmpstr (medusa_order_get_id (last_of_first), !=,
                     medusa_order_get_id (first_of_second));
  }

  medusa_order_query_set_offset (query, count);
  beyond = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (beyond)), ==, 0);
  g_assert_cmpuint (medusa_order_page_get_count (beyond), ==, count);

  /* the largest page Patron asks for (the CSV export's, whole orders) comes
   * whole; a page of all 250 and more whole v2 orders (2 MB, 235,000
   * values) is more than the client takes apart, by design */
  medusa_order_query_set_offset (query, 0);
  medusa_order_query_set_limit (query, MIN (count, 100));
  all = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (all)), ==,
                    MIN (count, 100));
}

static void
count_progress_cb (MedusaClient      *client,
                   MedusaOrderDetail  detail,
                   guint              seen,
                   guint              count,
                   guint             *progress)
{
  g_assert_cmpint (detail, ==, MEDUSA_ORDER_DETAIL_FULL);
  g_assert_cmpuint (seen, <=, count);
  (*progress)++;
}

/* v2 filters by status only, and refuses the rest with a 400: the client
 * does not send them, but looks through the orders itself. */
static void
test_order_filters_v2 (MedusaClient    *client,
                       MedusaOrderPage *everything)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrder) newest = g_list_model_get_item (medusa_order_page_get_orders (everything),
                                                          0);
  const char *status[] = { medusa_order_get_status (newest), NULL };
  const char *archived[] = { "archived", NULL };
  const char *fulfillment[] = { medusa_order_get_fulfillment_status (newest), NULL };
  const char *payment[] = { medusa_order_get_payment_status (newest), NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint progress = 0;
  g_autoptr(MedusaOrderPage) same = NULL;
  g_autoptr(MedusaOrderPage) none = NULL;
  g_autoptr(MedusaOrderPage) whole = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sent;
  guint n_pages;

  medusa_order_query_set_statuses (query, status);
  same = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (same), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (medusa_order_page_get_orders (same)); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (medusa_order_page_get_orders (same), i);

      g_assert_cmpstr (medusa_order_get_status (order), ==, status[0]);
    }
  medusa_order_query_set_statuses (query, archived);
  none = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (none), ==, 0);
  medusa_order_query_set_statuses (query, NULL);

  g_assert_false (medusa_client_get_capabilities (client) &
                  (MEDUSA_CAPABILITY_ORDER_SEARCH | MEDUSA_CAPABILITY_ORDER_DATE_FILTER |
                   MEDUSA_CAPABILITY_ORDER_FULFILLMENT_FILTER |
                   MEDUSA_CAPABILITY_ORDER_PAYMENT_FILTER));
  /* what the store refuses, the client does itself: it looks through the
   * whole history (a page here), keeps what matches, and answers every
   * page of the same search from that */
  g_signal_connect (client, "order-scan-progress", G_CALLBACK (count_progress_cb), &progress);
  /* the whole history in one page (v2 has no largest page), as the test
   * sees it; the client looks through it 200 orders at a time */
  {
    g_autoptr(MedusaOrderQuery) all_query = medusa_order_query_new ();

    medusa_order_query_set_limit (all_query, medusa_order_page_get_count (everything));
    whole = list_orders (client, all_query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (whole)), ==,
                      medusa_order_page_get_count (everything));
    n_pages = (medusa_order_page_get_count (everything) + 199) / 200;
  }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(MedusaOrderQuery) scanned = medusa_order_query_new ();
      g_autoptr(MedusaOrderPage) page = NULL;
      g_autoptr(MedusaOrderPage) second = NULL;
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 medusa_order_get_display_id (newest));
      g_autofree char *search = g_strdup_printf ("#%s", number);
      GListModel *all = medusa_order_page_get_orders (whole);
      guint expected = 0;

      if (i == 0)
        medusa_order_query_set_search (scanned, search);
      else if (i == 1)
        medusa_order_query_set_fulfillment_statuses (scanned, fulfillment);
      else if (i == 2)
        medusa_order_query_set_payment_statuses (scanned, payment);
      else
        medusa_order_query_set_created_range (scanned, NULL, now);
      /* the orders that should match, as the test sees them */
      for (guint j = 0; j < g_list_model_get_n_items (all); j++)
        {
          g_autoptr(MedusaOrder) order = g_list_model_get_item (all, j);
          g_autofree char *its_number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                         medusa_order_get_display_id (order));

          /* a number is found within a longer one, as v1's store finds it */
          if ((i == 0 && strstr (its_number, number) != NULL) ||
              (i == 1 && g_strcmp0 (medusa_order_get_fulfillment_status (order), fulfillment[0]) == 0) ||
              (i == 2 && g_strcmp0 (medusa_order_get_payment_status (order), payment[0]) == 0) ||
              i == 3)
            expected++;
        }
      g_assert_cmpuint (expected, >=, 1);

      n_sent = medusa_client_get_request_count (client);
      progress = 0;
      medusa_order_query_set_limit (scanned, 1);
      page = list_orders (client, scanned, &error);
      g_assert_no_error (error);
      g_assert_nonnull (page);
      g_assert_cmpuint (medusa_order_page_get_count (page), ==, expected);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), ==, 1);
      /* each page of the whole history asked for once, its progress said */
      g_assert_cmpuint (medusa_client_get_request_count (client), ==, n_sent + n_pages);
      g_assert_cmpuint (progress, ==, n_pages);
      if (i == 0)
        {
          g_autoptr(MedusaOrder) found = g_list_model_get_item (medusa_order_page_get_orders (page), 0);

          /* newest first */
          g_assert_cmpstr (medusa_order_get_id (found), ==, medusa_order_get_id (newest));
        }

      /* the next page of the same search: from what was found, not the store */
      medusa_order_query_set_offset (scanned, 1);
      second = list_orders (client, scanned, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (medusa_order_page_get_count (second), ==, expected);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (second)), ==,
                        expected > 1 ? 1 : 0);
      g_assert_cmpuint (medusa_client_get_request_count (client), ==, n_sent + n_pages);
    }

  /* signed out, nothing of what was found stays: the same search asks again */
  {
    g_autoptr(MedusaOrderQuery) scanned = medusa_order_query_new ();
    g_autoptr(MedusaOrderPage) page = NULL;

    medusa_order_query_set_created_range (scanned, NULL, now);
    medusa_client_set_access_token (client, NULL);
    n_sent = medusa_client_get_request_count (client);
    page = list_orders (client, scanned, &error);
    g_assert_null (page);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
    g_clear_error (&error);
    g_assert_cmpuint (medusa_client_get_request_count (client), ==, n_sent + 1);
  }
}

static void
test_order_filters (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const char *completed[] = { "completed", NULL };
  const char *shipped[] = { "shipped", "partially_shipped", NULL };
  const char *not_paid[] = { "not_paid", NULL };
  g_autoptr(MedusaOrderPage) everything = NULL;
  g_autoptr(MedusaOrderPage) done = NULL;
  g_autoptr(MedusaOrderPage) sent = NULL;
  g_autoptr(MedusaOrderPage) unpaid = NULL;
  g_autoptr(MedusaOrderPage) future = NULL;
  g_autoptr(MedusaOrderPage) past = NULL;
  g_autoptr(MedusaOrderPage) by_number = NULL;
  g_autoptr(MedusaOrderPage) broken = NULL;
  g_autoptr(MedusaOrderQuery) query = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) last_year = g_date_time_add_years (now, -1);
  g_autoptr(MedusaOrder) newest = NULL;
  g_autofree char *display_id = NULL;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  query = medusa_order_query_new ();
  everything = list_orders (client, query, &error);
  g_assert_no_error (error);

  if (is_v2 ())
    {
      test_order_filters_v2 (client, everything);
      return;
    }

  medusa_order_query_set_statuses (query, completed);
  done = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (done), >=, 1);
  g_assert_cmpuint (medusa_order_page_get_count (done), <, medusa_order_page_get_count (everything));
  for (guint i = 0; i < g_list_model_get_n_items (medusa_order_page_get_orders (done)); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (medusa_order_page_get_orders (done), i);

      g_assert_cmpstr (medusa_order_get_status (order), ==, "completed");
    }
  medusa_order_query_set_statuses (query, NULL);

  medusa_order_query_set_fulfillment_statuses (query, shipped);
  sent = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (sent), >=, 1);
  medusa_order_query_set_fulfillment_statuses (query, NULL);

  medusa_order_query_set_payment_statuses (query, not_paid);
  unpaid = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (unpaid), <,
                    medusa_order_page_get_count (everything));
  medusa_order_query_set_payment_statuses (query, NULL);

  medusa_order_query_set_created_range (query, tomorrow, NULL);
  future = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (future), ==, 0);

  medusa_order_query_set_created_range (query, last_year, tomorrow);
  past = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (past), ==,
                    medusa_order_page_get_count (everything));
  medusa_order_query_set_created_range (query, NULL, NULL);

  /* search by the order number */
  newest = g_list_model_get_item (medusa_order_page_get_orders (everything), 0);
  display_id = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (newest));
  medusa_order_query_set_search (query, display_id);
  by_number = list_orders (client, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (by_number), >=, 1);
  medusa_order_query_set_search (query, NULL);

  /* v1 answers an unknown relation with a 500 */
  medusa_order_query_set_expand (query, "nope");
  broken = list_orders (client, query, &error);
  g_assert_null (broken);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER_ERROR);
  g_assert_cmpuint (medusa_error_get_http_status (error), >=, 500);
}

static MedusaOrder *
get_order (MedusaClient  *client,
           const char    *order_id,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_get_order_async (client, order_id, NULL, test_store_result_cb, &result);
  return medusa_client_get_order_finish (client, test_wait_for (&result), error);
}

static void
test_get_order (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) listed = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaOrder) missing = NULL;
  g_autoptr(GError) error = NULL;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  medusa_order_query_set_limit (query, 1);
  page = list_orders (client, query, &error);
  g_assert_no_error (error);
  listed = g_list_model_get_item (medusa_order_page_get_orders (page), 0);

  order = get_order (client, medusa_order_get_id (listed), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_order_get_id (order), ==, medusa_order_get_id (listed));
  g_assert_cmpint (medusa_order_get_total (order), ==, medusa_order_get_total (listed));
  g_assert_nonnull (medusa_order_get_shipping_address (order));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_shipping_methods (order)), >=, 1);

  missing = get_order (client, "order_does_not_exist", &error);
  g_assert_null (missing);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
}

static GBytes *
get_image (MedusaClient  *client,
           const char    *url,
           char         **content_type,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_get_image_async (client, url, 1024 * 1024, NULL, test_store_result_cb, &result);
  return medusa_client_get_image_finish (client, test_wait_for (&result), content_type, error);
}

/* Every item of the buyer's (SQL clones included) shows the seeded product's
 * picture, which the store itself serves. */
static void
test_item_thumbnails (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) regions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *url = g_strconcat (store->url, "/uploads/test-t-shirt-m.png", NULL);
  g_autofree char *missing = g_strconcat (store->url, "/uploads/missing.png", NULL);
  g_autofree char *committed = NULL;
  gsize length;
  GListModel *orders;
  guint n_items = 0;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  medusa_order_query_set_limit (query, 1000);
  page = list_orders (client, query, &error);
  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      GListModel *items = medusa_order_get_items (order);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++, n_items++)
        {
          g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, j);

          g_assert_cmpstr (medusa_line_item_get_thumbnail (item), ==, url);
        }
    }
  g_assert_cmpuint (n_items, >=, g_list_model_get_n_items (orders));

  /* the picture as committed in the repository, without the session's token */
  bytes = get_image (client, url, &content_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content_type, ==, "image/png");
  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "medusa-store", "app",
                                                           "static", "uploads",
                                                           "test-t-shirt-m.png", NULL),
                                      &committed, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), committed, length);

  g_assert_null (get_image (client, missing, NULL, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* the Store API's JSON is no picture */
  regions = get_image (client, "/store/regions", NULL, &error);
  g_assert_null (regions);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE);
}

/* One order, as the details window asks for it: with its gift cards and
 * refunds, which v1's GET /store/orders/{id} leaves out; and only the
 * customer's own. */
static void
test_get_order_details (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaClient) other = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) other_customer = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) gift_card = NULL;
  g_autoptr(MedusaOrder) refunded = NULL;
  g_autoptr(MedusaOrder) not_mine = NULL;
  g_autoptr(MedusaRefund) refund = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expand = NULL;
  const char *gift_card_id = NULL;
  const char *refunded_id = NULL;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  /* the seed's gift-card and refunded orders are among the newest 20 */
  medusa_order_query_set_limit (query, 20);
  page = list_orders (client, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (medusa_order_page_get_orders (page)); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (medusa_order_page_get_orders (page), i);

      if (medusa_order_get_gift_card_total (order) > 0)
        gift_card_id = medusa_order_get_id (order);
      if (medusa_order_get_refunded_total (order) > 0)
        refunded_id = medusa_order_get_id (order);
    }
  g_assert_nonnull (gift_card_id);
  g_assert_nonnull (refunded_id);

  gift_card = get_order (client, gift_card_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_order_get_id (gift_card), ==, gift_card_id);
  g_assert_cmpuint (g_strv_length ((char **) medusa_order_get_gift_card_codes (gift_card)), ==, 1);
  g_assert_cmpint (medusa_order_get_gift_card_total (gift_card), ==, 1000);
  g_assert_nonnull (medusa_order_get_shipping_address (gift_card));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_shipping_methods (gift_card)),
                    ==, 1);

  refunded = get_order (client, refunded_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (refunded)), ==, 1);
  refund = g_list_model_get_item (medusa_order_get_refunds (refunded), 0);
  g_assert_cmpint (medusa_refund_get_amount (refund), ==, 500);
  g_assert_cmpint (medusa_refund_get_amount (refund), ==,
                   medusa_order_get_refunded_total (refunded));

  /* another customer cannot read it through the client… */
  other_customer = sign_in (other, "other@example.com", "other-pass-123",
                            MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  not_mine = get_order (other, gift_card_id, &error);
  g_assert_null (not_mine);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);

  /* …though v1's GET /store/orders/{id} answers anyone with the id, and
   * refuses to add the gift cards */
  path = g_strdup_printf ("/store/orders/%s", gift_card_id);
  msg = send_raw ("GET", path, NULL, NULL, &body);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_clear_error (&error);
  expand = g_strdup_printf ("/store/orders/%s?expand=gift_cards", gift_card_id);
  error = raw_error ("GET", expand, NULL, medusa_client_get_access_token (client));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
}

static void
test_new_customer_has_no_orders (void)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaClient) client = new_signed_in_customer ("orderless", &customer);
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = list_orders (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), ==, 0);
}

/* Failures the typed API cannot even ask for, mapped by the one helper. */
static void
test_error_mapping_of_real_answers (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) unknown_field = NULL;
  g_autoptr(GError) bad_limit = NULL;
  g_autoptr(GError) error = NULL;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  unknown_field = raw_error ("POST", "/store/customers/me", "{\"foo\": 1}",
                             medusa_client_get_access_token (client));
  g_assert_error (unknown_field, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_cmpuint (medusa_error_get_http_status (unknown_field), ==, 400);
  g_assert_cmpstr (medusa_error_get_server_type (unknown_field), ==, "invalid_data");
  g_assert_nonnull (strstr (unknown_field->message, "foo"));

  bad_limit = raw_error ("GET", is_v2 () ? "/store/orders?limit=abc"
                                         : "/store/customers/me/orders?limit=abc", NULL,
                         medusa_client_get_access_token (client));
  g_assert_error (bad_limit, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
}

static gboolean
list_loaded (MedusaOrderList *list)
{
  return medusa_order_list_get_loaded (list) && !medusa_order_list_get_loading (list);
}

static gboolean
client_idle (gpointer client)
{
  return medusa_client_get_n_pending (client) == 0;
}

static void
spin_until_idle (MedusaOrderList *list)
{
  gint64 deadline = test_deadline (60);

  while (!list_loaded (list))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Requests sent ahead from a thread of their own, as Patron does while it
 * starts: a client with the same token takes each answer once, whether it
 * has come or is on its way, and reads it as its own, a refusal included;
 * it sends everything else itself. */
static MedusaPrefetch *
send_ahead (const char    *token,
            GAsyncResult **sent)
{
  g_autoptr(MedusaClient) client = new_client ();
  MedusaPrefetch *prefetch = medusa_prefetch_new_for_client (client);

  g_assert_cmpstr (medusa_prefetch_get_base_url (prefetch), ==, store->url);
  medusa_prefetch_add_customer (prefetch);
  medusa_prefetch_send_async (prefetch, token, NULL, test_store_result_cb, sent);

  return prefetch;
}

static void
test_prefetch (void)
{
  g_autoptr(MedusaClient) buyer = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const char *token;

  customer = sign_in (buyer, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  token = medusa_client_get_access_token (buyer);

  /* on its way (waited for), then come already (taken as it is); asked for
   * again, from the store */
  for (guint come = 0; come < 2; come++)
    {
      g_autoptr(MedusaClient) client = new_client ();
      g_autoptr(GAsyncResult) sent = NULL;
      g_autoptr(MedusaPrefetch) prefetch = send_ahead (token, &sent);
      g_autoptr(MedusaCustomer) me = NULL;

      if (come)
        g_assert_true (medusa_prefetch_send_finish (prefetch, test_wait_for (&sent), &error));
      g_assert_no_error (error);
      medusa_client_set_access_token (client, token);
      medusa_client_set_prefetch (client, prefetch);
      me = get_customer (client, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (medusa_customer_get_id (me), ==, medusa_customer_get_id (customer));
      g_assert_cmpuint (medusa_client_get_request_count (client), ==, 0);
      if (!come)
        g_assert_true (medusa_prefetch_send_finish (prefetch, test_wait_for (&sent), &error));
      g_assert_no_error (error);

      g_clear_object (&me);
      me = get_customer (client, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (medusa_client_get_request_count (client), ==, 1);
    }

  /* a client without that token takes nothing */
  {
    g_autoptr(MedusaClient) client = new_client ();
    g_autoptr(GAsyncResult) sent = NULL;
    g_autoptr(MedusaPrefetch) prefetch = send_ahead (token, &sent);
    g_autoptr(MedusaCustomer) me = NULL;

    g_assert_true (medusa_prefetch_send_finish (prefetch, test_wait_for (&sent), &error));
    medusa_client_set_prefetch (client, prefetch);
    me = get_customer (client, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
    g_clear_error (&error);
    g_assert_cmpuint (medusa_client_get_request_count (client), ==, 1);
  }

  /* the store's refusal, as if the client had asked */
  {
    g_autoptr(MedusaClient) client = new_client ();
    /* v2's secret is not the tests' to sign with: a token it refuses alike */
    g_autofree char *expired = is_v2 ()
      ? g_strdup ("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl")
      : make_jwt (medusa_customer_get_id (customer),
                  g_get_real_time () / G_USEC_PER_SEC - 60);
    g_autoptr(GAsyncResult) sent = NULL;
    g_autoptr(MedusaPrefetch) prefetch = send_ahead (expired, &sent);
    g_autoptr(MedusaCustomer) me = NULL;
    guint unauthorized = 0;

    medusa_client_set_access_token (client, expired);
    medusa_client_set_prefetch (client, prefetch);
    g_signal_connect (client, "unauthorized", G_CALLBACK (count_cb), &unauthorized);
    me = get_customer (client, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
    g_clear_error (&error);
    g_assert_cmpuint (unauthorized, ==, 1);
    g_assert_cmpuint (medusa_client_get_request_count (client), ==, 0);
    g_assert_true (medusa_prefetch_send_finish (prefetch, test_wait_for (&sent), &error));
  }
}

static void
test_order_list (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderList) list = NULL;
  g_autoptr(MedusaOrderPage) direct = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderQuery) completed = medusa_order_query_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  const char *statuses[] = { "completed", NULL };
  const guint page_size = 50;
  guint count, n_pages;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  medusa_order_query_set_limit (query, 1);
  direct = list_orders (client, query, &error);
  g_assert_no_error (error);
  count = medusa_order_page_get_count (direct);
  g_test_message ("%u orders, pages of %u", count, page_size);
  g_assert_cmpuint (count, >, 2 * page_size);
  n_pages = (count + page_size - 1) / page_size;

  /* the first page gives the whole length at once */
  list = medusa_order_list_new (client, page_size);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  medusa_order_list_set_query (list, NULL);
  spin_until_idle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, count);
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 1);

  {
    g_autoptr(MedusaOrderSlot) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(MedusaOrder) newest = g_list_model_get_item (medusa_order_page_get_orders (direct), 0);
    g_autoptr(MedusaOrderSlot) last = g_list_model_get_item (G_LIST_MODEL (list), count - 1);

    g_assert_nonnull (medusa_order_slot_get_order (first));
    g_assert_cmpstr (medusa_order_get_id (medusa_order_slot_get_order (first)), ==,
                     medusa_order_get_id (newest));
    /* a placeholder until its page arrives, then filled in place; asking
     * for an item asks for no page (a view makes rows for far more items
     * than it shows) */
    g_assert_null (medusa_order_slot_get_order (last));
    g_assert_cmpuint (medusa_order_slot_get_position (last), ==, count - 1);
    for (guint i = 0; i < count; i++)
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
    g_assert_false (medusa_order_list_get_loading (list));
    g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 1);
    /* a view says it shows it: its page goes out at once */
    medusa_order_list_ensure_range (list, count - 1, 1);
    g_assert_true (medusa_order_list_get_loading (list));
    g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 2);
    spin_until_idle (list);
    g_assert_nonnull (medusa_order_slot_get_order (last));
    g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 2);
  }

  /* every order reachable; each page asked for once, however often its
   * positions are shown, one at a time or in ranges across pages, and
   * ranges past the end ask for nothing more */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < count; i++)
      medusa_order_list_ensure_range (list, i, round == 0 ? 1 : page_size + 1);
  medusa_order_list_ensure_range (list, count, 10);
  medusa_order_list_ensure_range (list, 0, 0);
  spin_until_idle (list);
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, n_pages);
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (list), i);
      MedusaOrder *order = medusa_order_slot_get_order (slot);

      g_assert_nonnull (order);
      g_assert_false (medusa_order_slot_get_failed (slot));
      g_assert_true (g_hash_table_add (ids, g_strdup (medusa_order_get_id (order))));
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, count);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), count));

  /* a new filter cancels what is in flight: no stale page fills the list */
  {
    g_autoptr(MedusaOrderList) fresh = medusa_order_list_new (client, page_size);
    guint n_completed;

    medusa_order_list_set_query (fresh, NULL);
    spin_until_idle (fresh);
    g_clear_object (&direct);
    medusa_order_query_set_statuses (completed, statuses);
    medusa_order_query_set_limit (completed, 1);
    direct = list_orders (client, completed, &error);
    g_assert_no_error (error);
    n_completed = medusa_order_page_get_count (direct);

    {
      /* ask for a far page, then change the filter before it arrives */
      medusa_order_list_ensure_range (fresh, count - 1, 1);
      g_assert_true (medusa_order_list_get_loading (fresh));
      medusa_order_list_set_query (fresh, completed);
    }
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, 0);
    spin_until_idle (fresh);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, n_completed);
    for (guint i = 0; i < MIN (n_completed, page_size); i++)
      {
        g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (fresh), i);

        g_assert_cmpstr (medusa_order_get_status (medusa_order_slot_get_order (slot)), ==,
                         "completed");
      }
  }
}

typedef struct
{
  guint    asked;
  gboolean first_filled;
} ViewLike;

/* What a GtkListView does when told of new items: binds rows for up to 200
 * of them (GTK 4.8 keeps 200 rows), which asks the list for each item. */
static void
view_items_changed_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       ViewLike   *view)
{
  for (guint i = position; i < position + MIN (added, 200); i++)
    {
      g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (model, i);

      if (i == 0)
        view->first_filled = medusa_order_slot_get_order (slot) != NULL;
      view->asked++;
    }
}

static void
test_order_list_view (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderList) list = NULL;
  g_autoptr(GError) error = NULL;
  ViewLike view = { 0, FALSE };
  const guint page_size = 50;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  list = medusa_order_list_new (client, page_size);
  g_signal_connect (list, "items-changed", G_CALLBACK (view_items_changed_cb), &view);
  medusa_order_list_set_query (list, NULL);
  spin_until_idle (list);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 2 * page_size);
  /* the view is told of the rows once their first page is in them; binding
   * them asks for no page, neither the first again nor those of the rows
   * made beyond the screen: only what the view says it shows is asked for */
  g_assert_true (view.first_filled);
  g_assert_cmpuint (view.asked, ==, MIN (200, g_list_model_get_n_items (G_LIST_MODEL (list))));
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 1);
}

static void
test_cancel (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;

  medusa_client_list_regions_async (client, cancellable, test_store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  regions = medusa_client_list_regions_finish (client, test_wait_for (&result), &error);
  g_assert_null (regions);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ------------------------------------------------------------------------ */
/* The orders list model against the real store: pages, counts, filters.    */

/* A raw Store API call that must succeed; its JSON answer. */
static JsonNode *raw_json (const char *method,
                           const char *token,
                           const char *json_body,
                           const char *path_format,
                           ...) G_GNUC_PRINTF (4, 5);

static JsonNode *
raw_json (const char *method,
          const char *token,
          const char *json_body,
          const char *path_format,
          ...)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);

  msg = send_raw (method, path, json_body, token, &body);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_error ("%s %s → %u: %.*s", method, path, soup_message_get_status (msg),
             (int) MIN (g_bytes_get_size (body), 400),
             (const char *) g_bytes_get_data (body, NULL));
  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return root;
}

/* v2: a registration cut off after its identity (the network went between
 * the two requests) leaves an identity without a customer. Registering
 * again with the same password makes the customer: the store (2.21) answers
 * such an identity's register with its token. With another password the
 * email is taken, as it is for a whole account. */
static void
test_register_identity_left_behind (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) signed_in = NULL;
  g_autoptr(MedusaCustomer) taken = NULL;
  g_autoptr(JsonNode) identity = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = unique_email ("left.behind");
  g_autofree char *other_email = unique_email ("left.behind.other");
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}",
                                           email, PASSWORD);
  g_autofree char *other_body = g_strdup_printf ("{\"email\": \"%s\", \"password\": "
                                                 "\"someone-elses-pass\"}", other_email);

  identity = raw_json ("POST", NULL, body, "/auth/customer/emailpass/register");
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (identity), "token"));

  customer = register_customer (client, email, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, email);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Ada");
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_NONE);

  signed_in = sign_in (client, email, PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (signed_in), ==, medusa_customer_get_id (customer));

  /* someone else's identity, or another password: the store's own answer */
  other = raw_json ("POST", NULL, other_body, "/auth/customer/emailpass/register");
  taken = register_customer (client, other_email, NULL, &error);
  g_assert_null (taken);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
  g_assert_cmpuint (medusa_error_get_http_status (error), ==, 401);
}

/* The object at @member (a path of member names and array indexes, e.g.
 * "cart.items.0") of @root. */
static JsonObject *
object_at (JsonNode   *root,
           const char *member)
{
  g_auto(GStrv) names = g_strsplit (member, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), atoi (names[i]));
      else
        node = json_object_get_member (json_node_get_object (node), names[i]);
      g_assert_nonnull (node);
    }

  return json_node_get_object (node);
}

/* Places an order the way a shop's web front does: a cart made while signed
 * in (so the order is the customer's), one item, an address, the first
 * shipping option, manual payment. Returns the order's id. */
static char *
place_order (const char *token,
             int         quantity)
{
  static char *region_id, *variant_id;
  g_autoptr(JsonNode) cart = NULL;
  g_autoptr(JsonNode) options = NULL;
  g_autoptr(JsonNode) done = NULL;
  g_autofree char *body = NULL;
  g_autofree char *shipping = NULL;
  const char *cart_id;

  if (region_id == NULL)
    {
      g_autoptr(JsonNode) regions = raw_json ("GET", NULL, NULL, "/store/regions");
      g_autoptr(JsonNode) products = raw_json ("GET", NULL, NULL, "/store/products");
      JsonArray *list = json_object_get_array_member (json_node_get_object (regions), "regions");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *region = json_array_get_object_element (list, i);

          if (g_strcmp0 (json_object_get_string_member (region, "currency_code"), "usd") == 0)
            region_id = g_strdup (json_object_get_string_member (region, "id"));
        }
      g_assert_nonnull (region_id);
      variant_id = g_strdup (json_object_get_string_member (object_at (products,
                                                                       "products.0.variants.0"),
                                                            "id"));
    }

  body = g_strdup_printf ("{\"region_id\": \"%s\"}", region_id);
  cart = raw_json ("POST", token, body, "/store/carts");
  cart_id = json_object_get_string_member (object_at (cart, "cart"), "id");
  g_assert_nonnull (json_object_get_string_member (object_at (cart, "cart"), "customer_id"));

  g_free (body);
  body = g_strdup_printf ("{\"variant_id\": \"%s\", \"quantity\": %d}", variant_id, quantity);
  json_node_unref (raw_json ("POST", token, body, "/store/carts/%s/line-items", cart_id));
  json_node_unref (raw_json ("POST", token,
                             "{\"shipping_address\": {\"first_name\": \"Ada\", "
                             "\"last_name\": \"Lovelace\", \"address_1\": \"1 Main St\", "
                             "\"city\": \"Springfield\", \"country_code\": \"us\", "
                             "\"postal_code\": \"12345\"}}",
                             "/store/carts/%s", cart_id));
  options = raw_json ("GET", token, NULL, "/store/shipping-options/%s", cart_id);
  shipping = g_strdup_printf ("{\"option_id\": \"%s\"}",
                              json_object_get_string_member (object_at (options,
                                                                        "shipping_options.0"),
                                                             "id"));
  json_node_unref (raw_json ("POST", token, shipping, "/store/carts/%s/shipping-methods", cart_id));
  json_node_unref (raw_json ("POST", token, NULL, "/store/carts/%s/payment-sessions", cart_id));
  json_node_unref (raw_json ("POST", token, "{\"provider_id\": \"manual\"}",
                             "/store/carts/%s/payment-session", cart_id));
  done = raw_json ("POST", token, NULL, "/store/carts/%s/complete", cart_id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (done), "type"), ==,
                   "order");

  return g_strdup (json_object_get_string_member (object_at (done, "data"), "id"));
}

/* A new customer with @n_orders orders (quantities 1, 2, 3, 1, …). */
static MedusaClient *
new_customer_with_orders (const char *who,
                          guint       n_orders)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaClient) client = new_signed_in_customer (who, &customer);

  for (guint i = 0; i < n_orders; i++)
    g_free (place_order (medusa_client_get_access_token (client), 1 + i % 3));

  return g_steal_pointer (&client);
}

/* What the store answers for @query in one request: every order, in order. */
static MedusaOrderPage *
list_all_orders (MedusaClient           *client,
                 const MedusaOrderQuery *query)
{
  g_autoptr(MedusaOrderQuery) all = query != NULL ? medusa_order_query_copy (query)
                                                  : medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) first = NULL;
  g_autoptr(GError) error = NULL;
  MedusaOrderPage *page;

  medusa_order_query_set_limit (all, 1);
  medusa_order_query_set_offset (all, 0);
  first = list_orders (client, all, &error);
  g_assert_no_error (error);
  if (medusa_order_page_get_count (first) <= 1)
    return g_steal_pointer (&first);

  medusa_order_query_set_limit (all, medusa_order_page_get_count (first));
  page = list_orders (client, all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), ==,
                    medusa_order_page_get_count (page));

  return page;
}

static const char *
order_id_at (GListModel *orders,
             guint       position)
{
  g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, position);

  return medusa_order_get_id (order);   /* @orders keeps it alive */
}

/* Scrolls a new list of @page_size through @query as a view would, a page at
 * a time, and checks it against the same orders asked for in one request:
 * the same orders at the same positions, each page asked for once. */
static void
assert_paging (MedusaClient           *client,
               const MedusaOrderQuery *query,
               guint                   page_size)
{
  g_autoptr(MedusaOrderPage) direct = list_all_orders (client, query);
  g_autoptr(MedusaOrderList) list = medusa_order_list_new (client, page_size);
  GListModel *expected = medusa_order_page_get_orders (direct);
  guint count = medusa_order_page_get_count (direct);
  guint n_pages = MAX ((count + page_size - 1) / page_size, 1);

  g_test_message ("%u orders in pages of %u: %u requests", count, page_size, n_pages);
  medusa_order_list_set_query (list, query);
  spin_until_idle (list);
  g_assert_null (medusa_order_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, count);
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 1);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpuint (medusa_order_slot_get_position (slot), ==, i);
      /* a view showing one row at a time */
      medusa_order_list_ensure_range (list, i, 1);
      if (medusa_order_slot_get_order (slot) == NULL)
        {
          /* the first position of a page not yet here */
          g_assert_cmpuint (i % page_size, ==, 0);
          g_assert_true (medusa_order_list_get_loading (list));
          spin_until_idle (list);
        }
      g_assert_false (medusa_order_slot_get_failed (slot));
      g_assert_nonnull (medusa_order_slot_get_order (slot));
      g_assert_cmpstr (medusa_order_get_id (medusa_order_slot_get_order (slot)), ==,
                       order_id_at (expected, i));
      /* a partial last page does not grow the list */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, count);
    }

  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, n_pages);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), count));
  g_assert_false (medusa_order_list_get_loading (list));
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, n_pages);
}

static void
test_order_list_boundaries (void)
{
  g_autoptr(MedusaClient) client = new_customer_with_orders ("pager", 6);
  g_autoptr(MedusaClient) buyer = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderQuery) canceled = medusa_order_query_new ();
  g_autoptr(MedusaOrderQuery) done = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  const char *canceled_statuses[] = { "canceled", NULL };
  const char *done_statuses[] = { "completed", "canceled", NULL };
  /* 6 orders: pages dividing them exactly (2, 3), a partial last page (4, 5),
   * one page just full (6), fewer orders than a page (10), one a page (1) */
  const guint page_sizes[] = { 2, 3, 4, 5, 6, 10, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (page_sizes); i++)
    assert_paging (client, NULL, page_sizes[i]);

  /* the buyer's few hundred: a small filtered set one at a time, two
   * statuses at once in pages with a partial last one */
  customer = sign_in (buyer, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  medusa_order_query_set_statuses (canceled, canceled_statuses);
  assert_paging (buyer, canceled, 1);
  medusa_order_query_set_statuses (done, done_statuses);
  assert_paging (buyer, done, 20);
  assert_paging (buyer, NULL, 64);
}

static void
test_order_list_empty (void)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaClient) client = new_signed_in_customer ("listless", &customer);
  g_autoptr(MedusaOrderList) list = medusa_order_list_new (client, 10);

  medusa_order_list_set_query (list, NULL);
  g_assert_true (medusa_order_list_get_loading (list));
  g_assert_false (medusa_order_list_get_loaded (list));
  spin_until_idle (list);
  g_assert_null (medusa_order_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 1);
}

/* A count known before the first page (the account's) gives the list its
 * length at once; the other pages wait for the first one (for its snapshot),
 * and the first page's own count wins. */
static void
test_order_list_expected_count (void)
{
  g_autoptr(MedusaClient) client = new_customer_with_orders ("expecter", 3);
  g_autoptr(MedusaOrderPage) all = list_all_orders (client, NULL);
  g_autoptr(MedusaOrderList) list = medusa_order_list_new (client, 2);
  g_autoptr(MedusaOrderSlot) second_page = NULL;
  g_autoptr(MedusaOrderSlot) third_page = NULL;

  medusa_order_list_set_query (list, NULL);
  /* a count that went stale meanwhile: one order more than there is */
  medusa_order_list_set_expected_count (list, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_false (medusa_order_list_get_loaded (list));

  /* a view showing the later positions: only the first page goes out
   * before it has come */
  second_page = g_list_model_get_item (G_LIST_MODEL (list), 2);
  third_page = g_list_model_get_item (G_LIST_MODEL (list), 3);
  medusa_order_list_ensure_range (list, 2, 2);
  g_assert_null (medusa_order_slot_get_order (second_page));
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 1);

  spin_until_idle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  /* the second page followed the first unasked; the list no longer has the
   * fourth position, so nothing more is asked for */
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 2);
  g_assert_nonnull (medusa_order_slot_get_order (second_page));
  g_assert_cmpstr (medusa_order_get_id (medusa_order_slot_get_order (second_page)), ==,
                   order_id_at (medusa_order_page_get_orders (all), 2));
  g_assert_null (medusa_order_slot_get_order (third_page));

  /* once loaded, a count from elsewhere changes nothing */
  medusa_order_list_set_expected_count (list, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* a view that moved on while the first page was on its way (End, then
   * Home) needs only what it shows last */
  {
    g_autoptr(MedusaOrderList) moved = medusa_order_list_new (client, 2);

    medusa_order_list_set_query (moved, NULL);
    medusa_order_list_set_expected_count (moved, 3);
    medusa_order_list_ensure_range (moved, 2, 1);
    medusa_order_list_ensure_range (moved, 0, 2);
    spin_until_idle (moved);
    g_assert_cmpuint (medusa_order_list_get_n_requests (moved), ==, 1);
  }
}

/* A list made ahead of time and held asks for nothing, whatever a view
 * does over its placeholders; released, it asks for its first page once and
 * then for the pages the view showed meanwhile. */
static void
test_order_list_held (void)
{
  g_autoptr(MedusaClient) client = new_customer_with_orders ("holder", 3);
  g_autoptr(MedusaOrderList) list = medusa_order_list_new (client, 2);
  g_autoptr(MedusaOrderSlot) third = NULL;

  medusa_order_list_set_held (list, TRUE);
  g_assert_true (medusa_order_list_get_held (list));
  medusa_order_list_set_query (list, NULL);
  medusa_order_list_set_expected_count (list, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  third = g_list_model_get_item (G_LIST_MODEL (list), 2);
  medusa_order_list_ensure_range (list, 0, 3);
  medusa_order_list_retry (list, 0);
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 0);
  g_assert_cmpuint (medusa_client_get_n_pending (client), ==, 0);
  g_assert_false (medusa_order_list_get_loading (list));

  medusa_order_list_set_held (list, FALSE);
  medusa_order_list_set_held (list, FALSE);
  g_assert_false (medusa_order_list_get_held (list));
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 1);
  spin_until_idle (list);
  g_assert_true (medusa_order_list_get_loaded (list));
  /* the second page, shown while held, followed the first */
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 2);
  g_assert_nonnull (medusa_order_slot_get_order (third));
}

/* What a view sees of a list: its length kept from items-changed alone. */
static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         guint      *mirror)
{
  g_assert_cmpuint (position + removed, <=, *mirror);
  *mirror = *mirror - removed + added;
  g_assert_cmpuint (*mirror, ==, g_list_model_get_n_items (model));
}

/* An order placed while the list is being scrolled: the list stays what it
 * was when its first page came (no order twice, none missing, the same
 * length), and the new order shows when it starts over. */
static void
test_order_list_count_changes (void)
{
  g_autoptr(MedusaClient) client = new_customer_with_orders ("grower", 3);
  g_autoptr(MedusaOrderPage) before = list_all_orders (client, NULL);
  g_autoptr(MedusaOrderPage) after = NULL;
  g_autoptr(MedusaOrderList) list = medusa_order_list_new (client, 2);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *placed = NULL;
  GListModel *old_orders = medusa_order_page_get_orders (before);
  guint mirror = 0;

  g_assert_cmpuint (medusa_order_page_get_count (before), ==, 3);
  g_signal_connect (list, "items-changed", G_CALLBACK (mirror_items_changed_cb), &mirror);
  medusa_order_list_set_query (list, NULL);
  spin_until_idle (list);
  g_assert_cmpuint (mirror, ==, 3);

  placed = place_order (medusa_client_get_access_token (client), 2);
  after = list_all_orders (client, NULL);
  /* the store has one more, newest first: asked for by offset, the second
   * page would now start with the last order of the first one */
  g_assert_cmpuint (medusa_order_page_get_count (after), ==, 4);
  g_assert_cmpstr (order_id_at (medusa_order_page_get_orders (after), 0), ==, placed);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (list), i);

      medusa_order_list_ensure_range (list, i, 1);
      spin_until_idle (list);
      g_assert_nonnull (medusa_order_slot_get_order (slot));
      g_assert_cmpstr (medusa_order_get_id (medusa_order_slot_get_order (slot)), ==,
                       order_id_at (old_orders, i));
      g_assert_true (g_hash_table_add (ids, (gpointer) order_id_at (old_orders, i)));
    }
  g_assert_cmpuint (mirror, ==, 3);
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 2);
  g_assert_false (g_hash_table_contains (ids, placed));

  /* starting over with the same query (F5 in the app) shows it */
  medusa_order_list_set_query (list, medusa_order_list_get_query (list));
  spin_until_idle (list);
  g_assert_cmpuint (mirror, ==, 4);
  {
    g_autoptr(MedusaOrderSlot) newest = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (medusa_order_get_id (medusa_order_slot_get_order (newest)), ==, placed);
  }
}

/* An order leaving the filter while the list is scrolled (store staff cancel
 * it while the customer looks at the pending ones): the later pages shift by
 * one, the list shrinks to the store's new count, nothing shows twice, and
 * starting over shows the right orders. */
static void
test_order_list_order_leaves_filter (void)
{
  g_autoptr(MedusaClient) client = new_customer_with_orders ("shrinker", 3);
  g_autoptr(MedusaOrderQuery) pending = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) before = NULL;
  g_autoptr(MedusaOrderList) list = medusa_order_list_new (client, 2);
  g_autoptr(MedusaOrderSlot) last = NULL;
  g_autoptr(JsonNode) admin = NULL;
  g_autoptr(JsonNode) canceled = NULL;
  const char *statuses[] = { "pending", NULL };
  const char *token;
  GListModel *orders;
  guint mirror = 0;

  medusa_order_query_set_statuses (pending, statuses);
  before = list_all_orders (client, pending);
  orders = medusa_order_page_get_orders (before);
  g_assert_cmpuint (medusa_order_page_get_count (before), ==, 3);
  g_signal_connect (list, "items-changed", G_CALLBACK (mirror_items_changed_cb), &mirror);
  medusa_order_list_set_query (list, pending);
  spin_until_idle (list);
  g_assert_cmpuint (mirror, ==, 3);

  /* the test store's admin (tests/medusa-store/start.sh) cancels the newest */
  admin = raw_json ("POST", NULL,
                    "{\"email\": \"admin@example.com\", \"password\": \"supersecret\"}",
                    "/admin/auth/token");
  token = json_object_get_string_member (json_node_get_object (admin), "access_token");
  canceled = raw_json ("POST", token, NULL, "/admin/orders/%s/cancel", order_id_at (orders, 0));
  g_assert_cmpstr (json_object_get_string_member (object_at (canceled, "order"), "status"), ==,
                   "canceled");

  last = g_list_model_get_item (G_LIST_MODEL (list), 2);
  medusa_order_list_ensure_range (list, 2, 1);
  spin_until_idle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (mirror, ==, 2);
  g_assert_null (medusa_order_slot_get_order (last));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (list), i);

      /* what was shown stays, the canceled one as it was */
      g_assert_cmpstr (medusa_order_get_id (medusa_order_slot_get_order (slot)), ==,
                       order_id_at (orders, i));
    }

  medusa_order_list_set_query (list, medusa_order_list_get_query (list));
  spin_until_idle (list);
  g_assert_cmpuint (mirror, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (medusa_order_get_id (medusa_order_slot_get_order (slot)), ==,
                       order_id_at (orders, i + 1));
    }
}

typedef gboolean (*OrderPredicate) (MedusaOrder *order,
                                    gconstpointer data);

static gboolean
has_status_in (MedusaOrder   *order,
               gconstpointer  data)
{
  return g_strv_contains (data, medusa_order_get_status (order));
}

static gboolean
has_fulfillment_status_in (MedusaOrder   *order,
                           gconstpointer  data)
{
  return g_strv_contains (data, medusa_order_get_fulfillment_status (order));
}

static gboolean
has_payment_status_in (MedusaOrder   *order,
                       gconstpointer  data)
{
  return g_strv_contains (data, medusa_order_get_payment_status (order));
}

static gboolean
is_pending_and_partly_refunded (MedusaOrder   *order,
                                gconstpointer  data)
{
  return g_str_equal (medusa_order_get_status (order), "pending") &&
         g_str_equal (medusa_order_get_payment_status (order), "partially_refunded");
}

static gboolean
is_nothing (MedusaOrder   *order,
            gconstpointer  data)
{
  return FALSE;
}

static gboolean
is_anything (MedusaOrder   *order,
             gconstpointer  data)
{
  return TRUE;
}

/* v1's q: the display id, as text, contains it (the customer's names and
 * phone, also searched, have no digits here) */
static gboolean
has_number_containing (MedusaOrder   *order,
                       gconstpointer  data)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             medusa_order_get_display_id (order));

  return strstr (number, data) != NULL;
}

static gboolean
is_completed_with_number_containing (MedusaOrder   *order,
                                     gconstpointer  data)
{
  return g_str_equal (medusa_order_get_status (order), "completed") &&
         has_number_containing (order, data);
}

typedef struct
{
  GDateTime *after;
  GDateTime *before;
} Range;

static gboolean
is_created_within (MedusaOrder   *order,
                   gconstpointer  data)
{
  const Range *range = data;
  GDateTime *created_at = medusa_order_get_created_at (order);

  return (range->after == NULL || g_date_time_compare (created_at, range->after) > 0) &&
         (range->before == NULL || g_date_time_compare (created_at, range->before) < 0);
}

/* The store's answer to @query is exactly the orders of @all that
 * @predicate keeps, in the same order. */
static void
assert_filter (MedusaClient           *client,
               const MedusaOrderQuery *query,
               GListModel             *all,
               OrderPredicate          predicate,
               gconstpointer           data,
               const char             *what)
{
  g_autoptr(MedusaOrderPage) page = list_all_orders (client, query);
  GListModel *orders = medusa_order_page_get_orders (page);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (all, i);

      if (!predicate (order, data))
        continue;
      g_assert_cmpuint (n, <, g_list_model_get_n_items (orders));
      g_assert_cmpstr (order_id_at (orders, n), ==, medusa_order_get_id (order));
      n++;
    }
  g_test_message ("%s: %u orders", what, n);
  g_assert_cmpuint (medusa_order_page_get_count (page), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, n);
}

static GDateTime *
midpoint (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_add (a, g_date_time_difference (b, a) / 2);
}

/* Each filter as v1 applies it, checked against every order of the buyer. */
static void
test_order_filters_exact (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderPage) everything = NULL;
  g_autoptr(GError) error = NULL;
  const char *completed[] = { "completed", NULL };
  const char *completed_canceled[] = { "completed", "canceled", NULL };
  const char *pending[] = { "pending", NULL };
  const char *canceled[] = { "canceled", NULL };
  const char *shipped[] = { "shipped", "partially_shipped", NULL };
  const char *not_fulfilled[] = { "not_fulfilled", NULL };
  const char *captured[] = { "captured", NULL };
  const char *refunded[] = { "partially_refunded", "refunded", NULL };
  const char *awaiting[] = { "awaiting", NULL };
  const char *not_paid[] = { "not_paid", NULL };
  GListModel *all;
  guint count;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  /* what q also searches must not hold digits, for has_number_containing() */
  g_assert_null (medusa_customer_get_phone (customer));
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Test");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Buyer");

  everything = list_all_orders (client, NULL);
  all = medusa_order_page_get_orders (everything);
  count = medusa_order_page_get_count (everything);
  g_assert_cmpuint (count, >, 100);

  /* statuses: one, several at once (any of them), and the three kinds
   * together (all of them) */
  {
    const struct {
      const char * const *statuses;
      const char * const *fulfillment;
      const char * const *payment;
      OrderPredicate predicate;
      gconstpointer data;
      const char *what;
    } cases[] = {
      { completed, NULL, NULL, has_status_in, completed, "completed" },
      { completed_canceled, NULL, NULL, has_status_in, completed_canceled,
        "completed or canceled" },
      { pending, NULL, NULL, has_status_in, pending, "pending" },
      { NULL, shipped, NULL, has_fulfillment_status_in, shipped, "shipped" },
      { NULL, not_fulfilled, NULL, has_fulfillment_status_in, not_fulfilled, "not fulfilled" },
      { NULL, NULL, captured, has_payment_status_in, captured, "captured" },
      { NULL, NULL, refunded, has_payment_status_in, refunded, "refunded" },
      { NULL, NULL, awaiting, has_payment_status_in, awaiting, "awaiting payment" },
      { NULL, NULL, not_paid, has_payment_status_in, not_paid, "not paid" },
      { pending, NULL, refunded, is_pending_and_partly_refunded, NULL, "pending and refunded" },
      { canceled, NULL, captured, is_nothing, NULL, "canceled and captured" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

        medusa_order_query_set_statuses (query, cases[i].statuses);
        medusa_order_query_set_fulfillment_statuses (query, cases[i].fulfillment);
        medusa_order_query_set_payment_statuses (query, cases[i].payment);
        assert_filter (client, query, all, cases[i].predicate, cases[i].data, cases[i].what);
      }
  }

  /* a created range with both ends, and each end alone; the bounds fall
   * between orders, as the server keeps microseconds but shows milliseconds */
  {
    g_autoptr(MedusaOrder) newer = g_list_model_get_item (all, count / 5);
    g_autoptr(MedusaOrder) newer_neighbour = g_list_model_get_item (all, count / 5 - 1);
    g_autoptr(MedusaOrder) older = g_list_model_get_item (all, count / 2);
    g_autoptr(MedusaOrder) older_neighbour = g_list_model_get_item (all, count / 2 + 1);
    g_autoptr(GDateTime) before = midpoint (medusa_order_get_created_at (newer),
                                            medusa_order_get_created_at (newer_neighbour));
    g_autoptr(GDateTime) after = midpoint (medusa_order_get_created_at (older_neighbour),
                                           medusa_order_get_created_at (older));
    g_autoptr(GTimeZone) plus_one = g_time_zone_new_offset (3600);
    g_autoptr(GDateTime) local_after = g_date_time_to_timezone (after, plus_one);
    g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
    g_autoptr(MedusaOrderPage) within = NULL;
    Range both = { after, before };
    Range from = { after, NULL };
    Range until = { NULL, before };

    medusa_order_query_set_created_range (query, after, before);
    assert_filter (client, query, all, is_created_within, &both, "created within");
    within = list_all_orders (client, query);
    g_assert_cmpuint (medusa_order_page_get_count (within), ==, count / 2 - count / 5 + 1);
    medusa_order_query_set_created_range (query, after, NULL);
    assert_filter (client, query, all, is_created_within, &from, "created after");
    /* another time zone, the same instant */
    medusa_order_query_set_created_range (query, local_after, NULL);
    assert_filter (client, query, all, is_created_within, &from, "created after (+01:00)");
    medusa_order_query_set_created_range (query, NULL, before);
    assert_filter (client, query, all, is_created_within, &until, "created before");
  }

  /* search: the order number (v1 matches any part of it), the email (any
   * part, any case), with a status, and v1's LIKE wildcards taken literally */
  {
    g_autoptr(MedusaOrder) some = g_list_model_get_item (all, count / 3);
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               medusa_order_get_display_id (some));
    const struct {
      const char *q;
      const char * const *statuses;
      OrderPredicate predicate;
      gconstpointer data;
    } cases[] = {
      { number, NULL, has_number_containing, number },
      { "7", NULL, has_number_containing, "7" },
      { "1", completed, is_completed_with_number_containing, "1" },
      { BUYER_EMAIL, NULL, is_anything, NULL },
      { "BUYER@Example", NULL, is_anything, NULL },
      { "nobody@example.com", NULL, is_nothing, NULL },
      { "%", NULL, is_nothing, NULL },
      { "_", NULL, is_nothing, NULL },
      { "1%", NULL, is_nothing, NULL },
      { "\\", NULL, is_nothing, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

        medusa_order_query_set_search (query, cases[i].q);
        medusa_order_query_set_statuses (query, cases[i].statuses);
        assert_filter (client, query, all, cases[i].predicate, cases[i].data, cases[i].q);
      }
  }
}

/* Starting over while pages are in flight: only the last query fills the
 * list, whatever order the answers come in. */
static void
test_order_list_requery_in_flight (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderList) list = medusa_order_list_new (client, 25);
  g_autoptr(MedusaOrderQuery) canceled = medusa_order_query_new ();
  g_autoptr(MedusaOrderQuery) refunded = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) expected = NULL;
  g_autoptr(GError) error = NULL;
  const char *canceled_statuses[] = { "canceled", NULL };
  const char *refunded_statuses[] = { "partially_refunded", NULL };
  guint count;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  medusa_order_query_set_statuses (canceled, canceled_statuses);
  medusa_order_query_set_payment_statuses (refunded, refunded_statuses);
  expected = list_all_orders (client, refunded);
  g_assert_cmpuint (medusa_order_page_get_count (expected), ==, 1);

  /* three queries in a row, each first page in flight when the next comes */
  medusa_order_list_set_query (list, NULL);
  medusa_order_list_set_query (list, canceled);
  medusa_order_list_set_query (list, refunded);
  g_assert_true (medusa_order_list_get_loading (list));
  spin_until_idle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (medusa_order_list_get_n_requests (list), ==, 3);
  {
    g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (medusa_order_get_id (medusa_order_slot_get_order (slot)), ==,
                     order_id_at (medusa_order_page_get_orders (expected), 0));
  }

  /* later pages in flight when the query changes: none lands in the new list */
  medusa_order_list_set_query (list, NULL);
  spin_until_idle (list);
  count = g_list_model_get_n_items (G_LIST_MODEL (list));
  medusa_order_list_ensure_range (list, 25, count - 25);
  g_assert_true (medusa_order_list_get_loading (list));
  medusa_order_list_set_query (list, refunded);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  spin_until_idle (list);
  /* the cancelled answers come back too */
  test_spin_until (client_idle, client);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_false (medusa_order_list_get_loading (list));
}

static void
list_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  gboolean *finalized = data;

  *finalized = TRUE;
}

/* Dropping the list while a page is in flight: the list goes at once (a page
 * in flight does not keep it), the page is cancelled, nothing crashes. */
static void
test_order_list_dispose_in_flight (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  MedusaOrderList *list;
  gboolean finalized = FALSE;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  /* the first page in flight */
  list = medusa_order_list_new (client, 50);
  g_object_weak_ref (G_OBJECT (list), list_finalized_cb, &finalized);
  medusa_order_list_set_query (list, NULL);
  g_assert_true (medusa_order_list_get_loading (list));
  g_object_unref (list);
  g_assert_true (finalized);

  /* later pages in flight, and a view still holding a slot */
  {
    g_autoptr(MedusaOrderSlot) kept = NULL;

    finalized = FALSE;
    list = medusa_order_list_new (client, 50);
    g_object_weak_ref (G_OBJECT (list), list_finalized_cb, &finalized);
    medusa_order_list_set_query (list, NULL);
    spin_until_idle (list);
    kept = g_list_model_get_item (G_LIST_MODEL (list),
                                  g_list_model_get_n_items (G_LIST_MODEL (list)) - 1);
    medusa_order_list_ensure_range (list, medusa_order_slot_get_position (kept), 1);
    medusa_order_list_ensure_range (list, 50, 1);
    g_assert_true (medusa_order_list_get_loading (list));
    g_object_unref (list);
    g_assert_true (finalized);

    /* the answers arrive (cancelled) with no list to fill */
    test_spin_until (client_idle, client);
    g_assert_null (medusa_order_slot_get_order (kept));
  }
}

/* The v2 store's seeded orders (tests/medusa-store-v2): a promotion, a
 * refund with a credit line, a shipped order, as the order window reads
 * them. */
static void
test_get_order_details_v2 (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_promotion = FALSE, found_refund = FALSE, found_shipped = FALSE;
  GListModel *orders;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  medusa_order_query_set_limit (query, 50);
  page = list_orders (client, query, &error);
  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) listed = g_list_model_get_item (orders, i);
      g_autoptr(MedusaOrder) order = get_order (client, medusa_order_get_id (listed), &error);

      g_assert_no_error (error);
      if (medusa_order_get_discount_codes (order)[0] != NULL)
        {
          found_promotion = TRUE;
          g_assert_cmpint (medusa_order_get_discount_total (order), >, 0);
        }
      if (medusa_order_get_refunded_total (order) > 0)
        {
          g_autoptr(MedusaRefund) refund = g_list_model_get_item (medusa_order_get_refunds (order),
                                                                  0);

          found_refund = TRUE;
          g_assert_nonnull (refund);
          g_assert_cmpint (medusa_refund_get_amount (refund), ==,
                           medusa_order_get_refunded_total (order));
        }
      if (g_strcmp0 (medusa_order_get_fulfillment_status (order), "shipped") == 0)
        {
          g_autoptr(MedusaFulfillment) fulfillment =
            g_list_model_get_item (medusa_order_get_fulfillments (order), 0);

          found_shipped = TRUE;
          g_assert_nonnull (fulfillment);
          g_assert_nonnull (medusa_fulfillment_get_shipped_at (fulfillment));
        }
    }

  g_assert_true (found_promotion);
  g_assert_true (found_refund);
  g_assert_true (found_shipped);
}

/* ------------------------------------------------------------------------ */
/* Telling versions apart, and what only one version has                   */

static MedusaApiVersion
detect (MedusaClient  *client,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_detect_api_version_async (client, NULL, test_store_result_cb, &result);
  return medusa_client_detect_api_version_finish (client, test_wait_for (&result), error);
}

static void
version_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   guint      *count)
{
  (*count)++;
}

/* One request, with nothing to sign in with and no key, tells the store's
 * version; the client then speaks it. */
static void
test_detect (void)
{
  g_autoptr(MedusaClient) client = medusa_client_new (store->url);
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_assert_cmpint (medusa_client_get_api_version (client), ==, MEDUSA_API_VERSION_UNKNOWN);
  g_signal_connect (client, "notify::api-version", G_CALLBACK (version_notify_cb), &notified);

  g_assert_cmpint (detect (client, &error), ==, store->version);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_client_get_api_version (client), ==, store->version);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (medusa_client_get_request_count (client), ==, 1);

  /* a remembered version is set without a request */
  {
    g_autoptr(MedusaClient) later = new_client ();

    g_assert_cmpint (medusa_client_get_api_version (later), ==, store->version);
    g_assert_cmpuint (medusa_client_get_request_count (later), ==, 0);
  }
}

/* What each version can do, as the app asks before it offers a feature. */
static void
test_capabilities (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaClient) sibling = NULL;
  MedusaCapabilities capabilities = medusa_client_get_capabilities (client);
  MedusaCapabilities v1_only = (MEDUSA_CAPABILITY_EMAIL_EXISTS |
                                MEDUSA_CAPABILITY_COOKIE_SESSION |
                                MEDUSA_CAPABILITY_SERVER_SIGN_OUT |
                                MEDUSA_CAPABILITY_CHANGE_EMAIL |
                                MEDUSA_CAPABILITY_CHANGE_PASSWORD |
                                MEDUSA_CAPABILITY_ORDER_SEARCH |
                                MEDUSA_CAPABILITY_ORDER_FULFILLMENT_FILTER |
                                MEDUSA_CAPABILITY_ORDER_PAYMENT_FILTER |
                                MEDUSA_CAPABILITY_ORDER_DATE_FILTER |
                                MEDUSA_CAPABILITY_SEPARATE_BILLING_ADDRESS |
                                MEDUSA_CAPABILITY_SKIPS_DUPLICATE_ADDRESS);

  if (is_v2 ())
    g_assert_cmpint (capabilities, ==, MEDUSA_CAPABILITY_TOKEN_REFRESH);
  else
    g_assert_cmpint (capabilities, ==, v1_only);

  /* a client for the same store speaks the same */
  sibling = medusa_client_new_sibling (client);
  g_assert_cmpint (medusa_client_get_api_version (sibling), ==, store->version);
  g_assert_cmpstr (medusa_client_get_publishable_key (sibling), ==, store->publishable_key);
  g_assert_cmpint (medusa_client_get_capabilities (sibling), ==, capabilities);
}

static GListModel *
list_regions (MedusaClient  *client,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_list_regions_async (client, NULL, test_store_result_cb, &result);
  return medusa_client_list_regions_finish (client, test_wait_for (&result), error);
}

/* Every /store/ call of v2 needs the store's publishable key: without it,
 * or with a wrong one, the store answers 400 not_allowed. */
static void
test_publishable_key (void)
{
  g_autoptr(MedusaClient) keyless = new_client ();
  g_autoptr(MedusaClient) wrong = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;

  medusa_client_set_publishable_key (keyless, NULL);
  regions = list_regions (keyless, &error);
  g_assert_null (regions);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_KEY_REQUIRED);
  g_assert_cmpuint (medusa_error_get_http_status (error), ==, 400);
  g_assert_cmpstr (medusa_error_get_server_type (error), ==, "not_allowed");
  g_clear_error (&error);

  /* signing in is not a /store/ call, reading the customer is */
  customer = sign_in (keyless, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_KEY_REQUIRED);
  g_clear_error (&error);

  medusa_client_set_publishable_key (wrong, "pk_0000000000000000000000000000000000000000");
  regions = list_regions (wrong, &error);
  g_assert_null (regions);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_KEY_REQUIRED);
  g_clear_error (&error);

  /* blanks around a pasted key do not count */
  medusa_client_set_publishable_key (wrong, "");
  g_assert_null (medusa_client_get_publishable_key (wrong));
  {
    g_autofree char *padded = g_strdup_printf ("  %s\n", store->publishable_key);

    medusa_client_set_publishable_key (wrong, padded);
    g_assert_cmpstr (medusa_client_get_publishable_key (wrong), ==, store->publishable_key);
    regions = list_regions (wrong, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (regions), >=, 1);
  }
}

static gboolean
refresh_token (MedusaClient  *client,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_refresh_token_async (client, NULL, test_store_result_cb, &result);
  return medusa_client_refresh_token_finish (client, test_wait_for (&result), error);
}

/* v2's tokens last a day and can be renewed; v1's cannot. */
static void
test_refresh_token (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) me = NULL;
  g_autoptr(GError) error = NULL;

  /* signed out */
  g_assert_false (refresh_token (client, &error));
  g_assert_error (error, MEDUSA_ERROR, (int) (is_v2 () ? MEDUSA_ERROR_UNAUTHORIZED
                                                      : MEDUSA_ERROR_NOT_SUPPORTED));
  g_clear_error (&error);

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);

  if (!is_v2 ())
    {
      g_assert_false (refresh_token (client, &error));
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_SUPPORTED);
      g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_TOKEN);
      return;
    }

  g_assert_true (refresh_token (client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_client_get_session_kind (client), ==, MEDUSA_SESSION_TOKEN);
  me = get_customer (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (me), ==, medusa_customer_get_id (customer));

  /* another session meanwhile (signed out, someone else in): it keeps its token */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *other = g_strdup ("eyJhbGciOiJIUzI1NiJ9.eyJvdGhlciI6MX0.c2lnbmF0dXJl");

    medusa_client_refresh_token_async (client, NULL, test_store_result_cb, &result);
    medusa_client_set_access_token (client, other);
    g_assert_true (medusa_client_refresh_token_finish (client, test_wait_for (&result), &error));
    g_assert_no_error (error);
    /* not cmpstr: a failure would print the token */
    g_assert_true (g_strcmp0 (medusa_client_get_access_token (client), other) == 0);
  }

  /* a token the store refuses */
  medusa_client_set_access_token (client, "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl");
  g_assert_false (refresh_token (client, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
}

/* @text, a decimal in the currency's main unit, in minor units: by string
 * surgery, another way than the client's */
static gint64
minor_units_of (const char *text,
                guint       decimals)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", 2);
  g_autofree char *fraction = g_strndup (parts[1] != NULL ? parts[1] : "", decimals);
  g_autoptr(GString) digits = g_string_new (parts[0]);

  g_assert_cmpuint (parts[1] != NULL ? strlen (parts[1]) : 0, <=, decimals);
  g_string_append (digits, fraction);
  for (gsize i = strlen (fraction); i < decimals; i++)
    g_string_append_c (digits, '0');

  return g_ascii_strtoll (digits->str, NULL, 10);
}

/* v2's amounts, in the currency's main unit, become minor units exactly:
 * each item's against the raw {value} text v2 sends beside it, the order's
 * as the sum they are. */
static void
test_order_amounts (void)
{
  g_autoptr(MedusaClient) client = new_client ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;

  customer = sign_in (client, BUYER_EMAIL, BUYER_PASSWORD, MEDUSA_AUTH_MODE_TOKEN, &error);
  g_assert_no_error (error);
  page = list_orders (client, NULL, &error);
  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (g_list_model_get_n_items (orders), >=, 1);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) listed = g_list_model_get_item (orders, i);
      g_autoptr(MedusaOrder) order = get_order (client, medusa_order_get_id (listed), &error);
      g_autoptr(JsonNode) raw = raw_json ("GET", medusa_client_get_access_token (client), NULL,
                                          "/store/orders/%s", medusa_order_get_id (listed));
      JsonArray *raw_items = json_object_get_array_member (
        json_object_get_object_member (json_node_get_object (raw), "order"), "items");
      GListModel *items;
      guint decimals;

      g_assert_no_error (error);
      decimals = medusa_currency_get_decimals (medusa_order_get_currency_code (order));
      g_assert_cmpint (medusa_order_get_total (order), ==, medusa_order_get_total (listed));
      g_assert_cmpint (medusa_order_get_total (order), >, 0);
      g_assert_cmpint (medusa_order_get_total (order), ==,
                       medusa_order_get_subtotal (order) + medusa_order_get_shipping_total (order) +
                       medusa_order_get_tax_total (order) -
                       medusa_order_get_discount_total (order) -
                       medusa_order_get_gift_card_total (order) -
                       medusa_order_get_credit_total (order));

      items = medusa_order_get_items (order);
      g_assert_cmpuint (g_list_model_get_n_items (items), ==, json_array_get_length (raw_items));
      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, j);
          JsonObject *raw_item = json_array_get_object_element (raw_items, j);
          const char *unit_price = json_object_get_string_member (
            json_object_get_object_member (raw_item, "raw_unit_price"), "value");
          const char *total = json_object_get_string_member (
            json_object_get_object_member (raw_item, "raw_total"), "value");

          g_test_message ("%s: unit price %s, total %s", medusa_line_item_get_title (item),
                          unit_price, total);
          g_assert_cmpint (medusa_line_item_get_unit_price (item), ==,
                           minor_units_of (unit_price, decimals));
          g_assert_cmpint (medusa_line_item_get_total (item), ==,
                           minor_units_of (total, decimals));
        }
    }
}

typedef struct
{
  const TestStore *store;
  GTestFunc        func;
} StoreCase;

static void
run_store_case (gconstpointer data)
{
  const StoreCase *store_case = data;

  store = store_case->store;
  if (store->url == NULL)
    {
      g_test_skip (store->missing);
      return;
    }

  store_case->func ();
}

enum
{
  ON_V1 = 1 << 0,
  ON_V2 = 1 << 1,
  ON_BOTH = ON_V1 | ON_V2,
};

/* every case's data, for as long as the tests run: GLib frees a case's data
 * after the case, which a path given twice (-p) would run again */
static GPtrArray *cases;

/* Registers @func as /client/v1@path and/or /client/v2@path. */
static void
add_case (const char *path,
          GTestFunc   func,
          guint       on)
{
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      StoreCase *store_case;
      g_autofree char *full_path = NULL;

      if (!(on & (1u << i)))
        continue;

      store_case = g_new0 (StoreCase, 1);
      store_case->store = &stores[i];
      store_case->func = func;
      full_path = g_strdup_printf ("/client/%s%s", stores[i].name, path);
      g_ptr_array_add (cases, store_case);
      g_test_add_data_func (full_path, store_case, run_store_case);
    }
}

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  stores[0] = (TestStore) {
    .name = "v1",
    .version = MEDUSA_API_VERSION_1,
    .url = getenv_nonempty ("MEDUSA_URL"),
    .outbox_dir = getenv_nonempty ("MEDUSA_OUTBOX_DIR"),
    .buyer_email = "buyer@example.com",
    .buyer_password = "buyer-pass-123",
    .missing = "no Medusa v1 test store (MEDUSA_URL)",
  };
  stores[1] = (TestStore) {
    .name = "v2",
    .version = MEDUSA_API_VERSION_2,
    .url = getenv_nonempty ("MEDUSA_V2_URL"),
    .publishable_key = getenv_nonempty ("MEDUSA_V2_PUBLISHABLE_KEY"),
    .outbox_dir = getenv_nonempty ("MEDUSA_V2_OUTBOX_DIR"),
    /* tests/medusa-store-v2 seeds the same customer */
    .buyer_email = "buyer@example.com",
    .buyer_password = "buyer-pass-123",
    .missing = "no Medusa v2 test store (MEDUSA_V2_URL): its cases are skipped",
  };

  if (stores[0].url == NULL && g_strcmp0 (g_getenv ("PATRON_REQUIRE_STORE"), "1") == 0)
    {
      g_printerr ("MEDUSA_URL is not set: run the tests with build-aux/run-tests.sh, "
                  "which starts the Medusa test store\n");
      return 1;
    }
  if (stores[1].url != NULL && stores[1].publishable_key == NULL)
    {
      g_printerr ("MEDUSA_V2_URL is set but MEDUSA_V2_PUBLISHABLE_KEY is not\n");
      return 1;
    }

  if (stores[0].url != NULL)
    g_test_message ("Medusa %s at %s", g_getenv ("MEDUSA_VERSION"), stores[0].url);
  if (stores[1].url != NULL)
    g_test_message ("Medusa %s at %s",
                    g_getenv ("MEDUSA_V2_VERSION") != NULL ? g_getenv ("MEDUSA_V2_VERSION") : "v2",
                    stores[1].url);

  cases = g_ptr_array_new_with_free_func (g_free);
  add_case ("/detect", test_detect, ON_BOTH);
  add_case ("/capabilities", test_capabilities, ON_BOTH);
  add_case ("/publishable-key", test_publishable_key, ON_V2);
  add_case ("/n-pending", test_n_pending, ON_BOTH);
  add_case ("/regions", test_regions, ON_BOTH);
  add_case ("/register", test_register, ON_BOTH);
  add_case ("/register/identity-left-behind", test_register_identity_left_behind, ON_V2);
  add_case ("/email-exists", test_email_exists, ON_BOTH);
  add_case ("/sign-in/token", test_sign_in_token, ON_BOTH);
  add_case ("/sign-in/auto", test_sign_in_auto, ON_BOTH);
  add_case ("/sign-in/cookie", test_sign_in_cookie, ON_BOTH);
  add_case ("/sign-in/wrong-password", test_sign_in_wrong_password, ON_BOTH);
  add_case ("/sign-out/token", test_sign_out_token, ON_BOTH);
  add_case ("/sign-out/sign-in-meanwhile", test_sign_in_while_signing_out, ON_BOTH);
  add_case ("/token/refresh", test_refresh_token, ON_BOTH);
  add_case ("/token/invalid-and-expired", test_invalid_and_expired_token, ON_V1);
  add_case ("/signed-out-calls", test_signed_out_calls, ON_BOTH);
  add_case ("/password-reset", test_password_reset, ON_BOTH);
  add_case ("/update-customer", test_update_customer, ON_BOTH);
  add_case ("/addresses", test_addresses, ON_BOTH);
  add_case ("/billing-address", test_billing_address, ON_BOTH);
  add_case ("/orders/pages", test_orders, ON_BOTH);
  add_case ("/orders/summaries", test_order_summaries, ON_BOTH);
  add_case ("/orders/filters", test_order_filters, ON_BOTH);
  add_case ("/orders/amounts", test_order_amounts, ON_V2);
  add_case ("/orders/get", test_get_order, ON_BOTH);
  add_case ("/orders/get/details", test_get_order_details, ON_V1);
  add_case ("/orders/get/details-v2", test_get_order_details_v2, ON_V2);
  add_case ("/orders/thumbnails", test_item_thumbnails, ON_V1);
  add_case ("/orders/none", test_new_customer_has_no_orders, ON_BOTH);
  add_case ("/orders/list-model", test_order_list, ON_V1);
  add_case ("/orders/list-model/prefetch", test_prefetch, ON_BOTH);
  add_case ("/orders/list-model/boundaries", test_order_list_boundaries, ON_V1);
  add_case ("/orders/list-model/empty", test_order_list_empty, ON_BOTH);
  add_case ("/orders/list-model/expected-count", test_order_list_expected_count, ON_V1);
  add_case ("/orders/list-model/held", test_order_list_held, ON_V1);
  add_case ("/orders/list-model/count-changes", test_order_list_count_changes, ON_V1);
  add_case ("/orders/list-model/order-leaves-filter", test_order_list_order_leaves_filter,
            ON_V1);
  add_case ("/orders/list-model/requery-in-flight", test_order_list_requery_in_flight, ON_V1);
  add_case ("/orders/list-model/dispose-in-flight", test_order_list_dispose_in_flight, ON_V1);
  add_case ("/orders/filters/exact", test_order_filters_exact, ON_V1);
  add_case ("/orders/list-model-view", test_order_list_view, ON_V1);
  add_case ("/errors/real-answers", test_error_mapping_of_real_answers, ON_BOTH);
  add_case ("/cancel", test_cancel, ON_BOTH);

  status = g_test_run ();
  g_ptr_array_unref (cases);

  return status;
}
