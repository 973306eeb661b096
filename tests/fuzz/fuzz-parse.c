/* fuzz-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer targets, one per parser entry point of the client library:
 * each is this file built with FUZZ_<TARGET> defined (tests/fuzz/meson.build).
 * Whatever the bytes, a parser returns an object or sets an error, never
 * both and never neither; AddressSanitizer and UBSan watch the rest.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "medusa.h"
#include "medusa-json.h"
#include "medusa-json-v2.h"
#include "fuzz-log.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (fuzz_abort_on_warning, NULL, NULL);

  return 0;
}

static G_GNUC_UNUSED void
check (gpointer  value,
       GError   *error)
{
  g_assert_true ((value != NULL) != (error != NULL));
  g_assert_true (error == NULL || error->domain == MEDUSA_ERROR);
  g_clear_error (&error);
  g_clear_object (&value);
}

/* A page parsed whole and as summaries (what a list keeps): the summaries
 * read less, so they fail only where the whole page fails, and count what
 * the whole orders' items add up to. */
static G_GNUC_UNUSED void
check_summaries (GBytes           *body,
                 MedusaOrderPage *(*parse_whole) (GBytes *, GError **),
                 MedusaOrderPage *(*parse_summaries) (GBytes *, GError **))
{
  GError *error = NULL;
  g_autoptr(MedusaOrderPage) whole = parse_whole (body, &error);
  g_autoptr(MedusaOrderPage) summaries = NULL;
  GListModel *orders;

  g_assert_true ((whole != NULL) != (error != NULL));
  g_clear_error (&error);
  summaries = parse_summaries (body, &error);
  g_assert_true ((summaries != NULL) != (error != NULL));
  g_clear_error (&error);
  if (whole == NULL)
    return;

  g_assert_nonnull (summaries);
  orders = medusa_order_page_get_orders (summaries);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==,
                    g_list_model_get_n_items (medusa_order_page_get_orders (whole)));
  g_assert_cmpuint (medusa_order_page_get_count (summaries), ==,
                    medusa_order_page_get_count (whole));
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      g_autoptr(MedusaOrder) full = g_list_model_get_item (medusa_order_page_get_orders (whole),
                                                           i);

      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 0);
      g_assert_cmpuint (medusa_order_get_item_count (order), ==,
                        medusa_order_get_item_count (full));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  G_GNUC_UNUSED g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  G_GNUC_UNUSED GError *error = NULL;

#if defined FUZZ_CUSTOMER
  check (medusa_json_parse_customer_response (body, &error), error);
#elif defined FUZZ_ORDER_PAGE
  check_summaries (body, medusa_json_parse_order_page, medusa_json_parse_order_summaries);
#elif defined FUZZ_ORDER
  check (medusa_json_parse_single_order_page (body, &error), error);
#elif defined FUZZ_REGIONS
  check (medusa_json_parse_regions_response (body, &error), error);
#elif defined FUZZ_TOKEN
  {
    char *token = medusa_json_parse_token_response (body, &error);

    g_assert_true ((token != NULL) != (error != NULL));
    for (const char *p = token; p != NULL && *p != '\0'; p++)
      g_assert_true (g_ascii_isgraph (*p));
    g_free (token);
    g_clear_error (&error);
  }
#elif defined FUZZ_EXISTS
  {
    gboolean exists = FALSE;
    gboolean ok = medusa_json_parse_exists_response (body, &exists, &error);

    g_assert_true (ok != (error != NULL));
    g_clear_error (&error);
  }
#elif defined FUZZ_ERROR
  {
    /* the first byte picks the status and content type the body comes with */
    static const guint statuses[] = { 400, 401, 404, 422, 500, 503, 200, 302 };
    static const char *types[] = { "application/json", "text/plain", NULL, "text/html" };
    guint status = size > 0 ? statuses[data[0] & 7] : 500;
    const char *type = size > 0 ? types[(data[0] >> 3) & 3] : NULL;
    g_autoptr(GBytes) rest = size > 0 ? g_bytes_new_static (data + 1, size - 1) : NULL;
    gboolean ok = medusa_error_from_response (status, type, rest, &error);

    g_assert_true (ok == (status < 300));
    if (error != NULL)
      {
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
        g_assert_cmpuint (g_utf8_strlen (error->message, -1), <=, 500);
        g_assert_true (medusa_error_get_server_type (error) == NULL ||
                       g_utf8_validate (medusa_error_get_server_type (error), -1, NULL));
      }
    g_clear_error (&error);
  }
#elif defined FUZZ_CUSTOMER_V2
  check (medusa_json_v2_parse_customer (body, &error), error);
#elif defined FUZZ_ORDER_PAGE_V2
  check_summaries (body, medusa_json_v2_parse_order_page, medusa_json_v2_parse_order_summaries);
#elif defined FUZZ_ORDER_V2
  check (medusa_json_v2_parse_order (body, &error), error);
#elif defined FUZZ_REGIONS_V2
  check (medusa_json_v2_parse_regions (body, &error), error);
#elif defined FUZZ_AMOUNT_V2
  {
    /* v2's decimals to minor units: the first byte picks the decimals */
    g_autofree char *text = size > 0 ? g_strndup ((const char *) data + 1, size - 1) : NULL;
    gint64 minor = 0;
    gboolean exact = FALSE;

    if (text != NULL &&
        medusa_json_v2_decimal_to_minor (text, data[0] & 3, &minor, &exact))
      g_assert_true (minor >= -999999999999999 && minor <= 999999999999999);
  }
#else
#error "which parser? define FUZZ_<TARGET>"
#endif

  return 0;
}
