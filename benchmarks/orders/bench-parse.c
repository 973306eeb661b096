/* bench-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CPU time Patron spends turning one recorded page of orders (the store's
 * answer to GET /store/customers/me/orders?limit=50) into MedusaOrder
 * summaries as the orders page shows them:
 * medusa_json_parse_order_summaries() timed with CLOCK_PROCESS_CPUTIME_ID,
 * many times over. Prints parse_cpu_us_median= and friends.
 *
 * Usage: bench-parse BODY.json [ITERATIONS]
 */

#include "config.h"

#include <time.h>

#include "bench-common.h"
#include "medusa-json.h"
#include "medusa-order-page.h"

static gint64
cpu_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree gint64 *samples = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint iterations;
  guint n_orders = 0;
  gint64 total = 0;

  if (argc < 2)
    {
      g_printerr ("Usage: %s BODY.json [ITERATIONS]\n", argv[0]);
      return 2;
    }
  iterations = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 200;
  iterations = MAX (iterations, 1);

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    g_error ("%s", error->message);
  body = g_bytes_new_take (g_steal_pointer (&contents), length);

  /* the first parse in a fresh process (types registered, code paged in,
   * caches cold), as a start's first page; then four more to warm up */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(MedusaOrderPage) page = NULL;
      gint64 start = cpu_now_ns ();
      gint64 wall = g_get_monotonic_time ();

      page = medusa_json_parse_order_summaries (body, &error);
      if (i == 0)
        {
          bench_print ("parse_cold_cpu_us", "%.1f", (cpu_now_ns () - start) / 1000.0);
          bench_print ("parse_cold_wall_us", "%" G_GINT64_FORMAT, g_get_monotonic_time () - wall);
        }
      if (page == NULL)
        g_error ("%s: %s", argv[1], error->message);
      n_orders = g_list_model_get_n_items (medusa_order_page_get_orders (page));
    }

  samples = g_new0 (gint64, iterations);
  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(MedusaOrderPage) page = NULL;
      gint64 start = cpu_now_ns ();

      page = medusa_json_parse_order_summaries (body, NULL);
      samples[i] = cpu_now_ns () - start;
      total += samples[i];
      /* freeing the page is not parsing: it is left out of the sample */
    }
  qsort (samples, iterations, sizeof (gint64), compare_gint64);

  bench_print ("parse_body_bytes", "%" G_GSIZE_FORMAT, g_bytes_get_size (body));
  bench_print ("parse_orders", "%u", n_orders);
  bench_print ("parse_iterations", "%u", iterations);
  bench_print ("parse_cpu_us_median", "%.1f", samples[iterations / 2] / 1000.0);
  bench_print ("parse_cpu_us_mean", "%.1f", total / 1000.0 / iterations);
  bench_print ("parse_cpu_us_min", "%.1f", samples[0] / 1000.0);

  return 0;
}
