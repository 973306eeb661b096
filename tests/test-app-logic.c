/* test-app-logic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application's pure functions, without a display: validation, reset
 * links, store addresses, the sentences failures are told in, and the CSV
 * the orders are exported as.
 */

#include "config.h"

#include <string.h>

#include "medusa.h"
#include "medusa-json.h"
#include "patron-address-editor.h"
#include "patron-countries.h"
#include "patron-error.h"
#include "patron-form.h"
#include "patron-money.h"
#include "patron-pace.h"
#include "patron-prefix-model.h"
#include "patron-orders-export.h"
#include "patron-reset-link.h"
#include "test-util.h"
#include "patron-store-page.h"
#include "patron-stores.h"
#include "patron-text.h"

#define TOKEN "eyJhbGciOiJIUzI1NiJ9.eyJjdXN0b21lcl9pZCI6ImN1c18xIn0.c2lnbmF0dXJl"

static void
test_email_validation (void)
{
  const char *good[] = { "ada@example.com", "a.b+c@mail.example.co.uk", "x@y.io" };
  const char *bad[] = { "", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com",
                        "ada @example.com", "ada@example.", "ada@.com", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (patron_email_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (patron_email_is_valid (bad[i]));
}

/* A list is worded as a sentence: "…, city and postal code". */
static void
test_join_words (void)
{
  const char *none[] = { NULL };
  const char *one[] = { "city", NULL };
  const char *two[] = { "city", "postal code", NULL };
  const char *three[] = { "address", "city", "postal code", NULL };
  g_autofree char *joined_none = patron_join_words (none);
  g_autofree char *joined_one = patron_join_words (one);
  g_autofree char *joined_two = patron_join_words (two);
  g_autofree char *joined_three = patron_join_words (three);
  g_autoptr(MedusaAddress) address = medusa_address_new ();
  g_autofree char *problem = NULL;

  g_assert_cmpstr (joined_none, ==, "");
  g_assert_cmpstr (joined_one, ==, "city");
  g_assert_cmpstr (joined_two, ==, "city and postal code");
  g_assert_cmpstr (joined_three, ==, "address, city and postal code");

  medusa_address_set_first_name (address, "Ada");
  medusa_address_set_last_name (address, "Lovelace");
  medusa_address_set_address_1 (address, "12 St James's Square");
  medusa_address_set_country_code (address, "gb");
  medusa_address_set_postal_code (address, "  ");
  problem = patron_address_check (address);
  g_assert_cmpstr (problem, ==, "Fill in the city and postal code.");
  g_assert_cmpuint (patron_address_missing (address), ==,
                    PATRON_ADDRESS_CITY | PATRON_ADDRESS_POSTAL_CODE);
}

static MedusaAddress *
address_in (const char *country,
            gint64      created)
{
  MedusaAddress *address = medusa_address_new ();
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (created);

  medusa_address_set_country_code (address, country);
  medusa_address_set_created_at (address, when);

  return address;
}

/* The countries a new address may be in, from about the most countries a
 * store's answer may hold (30,000: the parser's budget): each once, by name,
 * without what is no country's code. Before, all 30,000 were offered,
 * sorted on the main loop with two name lookups and a collation per
 * comparison (131 ms in a debug build; now 5). */
static void
test_store_countries (void)
{
  const char *invalid[] = { "usa", "1x", "\xc3\xa9", "u", "d\xc3\xa9" };
  g_autoptr(GString) json = g_string_new ("{\"regions\": [");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint r = 0; r < 100; r++)
    {
      g_string_append_printf (json, "%s{\"id\": \"reg_%u\", \"name\": \"R\", "
                              "\"currency_code\": \"usd\", \"tax_rate\": 0, \"countries\": [",
                              r > 0 ? ", " : "", r);
      for (guint c = 0; c < 300; c++)
        {
          guint n = r * 300 + c;
          /* every pair of letters, the second in either case */
          char code[3] = { 'a' + n % 26, ((n / 26) % 2 == 0 ? 'A' : 'a') + (n / 52) % 26, '\0' };

          g_string_append_printf (json, "%s{\"iso_2\": \"%s\"}", c > 0 ? ", " : "",
                                  c < G_N_ELEMENTS (invalid) ? invalid[c] : code);
        }
      g_string_append (json, "]}");
    }
  g_string_append (json, "]}");
  body = g_string_free_to_bytes (g_steal_pointer (&json));
  regions = medusa_json_parse_regions_response (body, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  codes = patron_address_store_countries (regions);
  g_test_message ("%u regions: %u countries in %" G_GINT64_FORMAT " ms",
                  g_list_model_get_n_items (regions), codes->len,
                  (g_get_monotonic_time () - start) / 1000);

  /* every pair of letters, in either case, once */
  g_assert_cmpuint (codes->len, ==, 26 * 26);
  g_assert_null (codes->pdata[codes->len]);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = codes->pdata[i];

      g_assert_cmpuint (strlen (code), ==, 2);
      g_assert_true (g_ascii_islower (code[0]) && g_ascii_islower (code[1]));
      g_assert_true (g_hash_table_add (seen, (gpointer) code));
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (patron_country_name (codes->pdata[i - 1]),
                                         patron_country_name (code)), <=, 0);
    }
  g_assert_true (g_hash_table_contains (seen, "de"));
}

/* A new address's country: the locale's where the store ships, then the
 * most recent address's, then none (never an arbitrary first one). */
static void
test_default_country (void)
{
  const char *store[] = { "de", "fr", "us", NULL };
  g_autoptr(MedusaCustomer) customer = g_object_new (MEDUSA_TYPE_CUSTOMER, NULL);
  GListStore *addresses = G_LIST_STORE (medusa_customer_get_shipping_addresses (customer));
  g_autoptr(MedusaAddress) older = address_in ("FR", 1000);
  g_autoptr(MedusaAddress) newer = address_in ("us", 2000);
  g_autoptr(MedusaAddress) elsewhere = address_in ("jp", 3000);

  g_assert_cmpstr (patron_locale_territory ("de_AT.UTF-8@euro"), ==, "at");
  g_assert_cmpstr (patron_locale_territory ("fr_FR"), ==, "fr");
  g_assert_null (patron_locale_territory ("C"));
  g_assert_null (patron_locale_territory ("C.UTF-8"));
  g_assert_null (patron_locale_territory ("POSIX"));
  g_assert_null (patron_locale_territory ("en"));
  g_assert_null (patron_locale_territory ("de_DEU.UTF-8"));
  g_assert_null (patron_locale_territory (NULL));

  g_assert_null (patron_address_default_country (store, NULL, NULL));
  g_assert_null (patron_address_default_country (store, "at", customer));
  g_assert_cmpstr (patron_address_default_country (store, "de", customer), ==, "de");

  /* the newest the store ships to, whatever the list's order */
  g_list_store_append (addresses, newer);
  g_list_store_append (addresses, older);
  g_list_store_append (addresses, elsewhere);
  g_assert_cmpstr (patron_address_default_country (store, NULL, customer), ==, "us");
  g_assert_cmpstr (patron_address_default_country (store, "at", customer), ==, "us");
  g_assert_cmpstr (patron_address_default_country (store, "fr", customer), ==, "fr");
}

/* What the store's own check (class-validator's IsEmail) refuses for its
 * length: over 254 characters, or over 64 before the "@". */
static void
test_email_length (void)
{
  g_autofree char *local_64 = g_strnfill (64, 'a');
  g_autofree char *local_65 = g_strnfill (65, 'a');
  g_autofree char *domain = g_strnfill (60, 'b');
  g_autofree char *longest = g_strdup_printf ("%s@%s.%s.%s.comxyz", local_64, domain, domain,
                                              domain);
  g_autofree char *too_long = g_strdup_printf ("%s@%s.%s.%s.comxyzw", local_64, domain, domain,
                                               domain);
  g_autofree char *local_too_long = g_strdup_printf ("%s@example.com", local_65);
  g_autofree char *local_longest = g_strdup_printf ("%s@example.com", local_64);

  g_assert_cmpuint (strlen (longest), ==, PATRON_MAX_EMAIL_LENGTH);
  g_assert_true (patron_email_is_valid (longest));
  g_assert_false (patron_email_is_valid (too_long));
  g_assert_true (patron_email_is_valid (local_longest));
  g_assert_false (patron_email_is_valid (local_too_long));
}

/* What a list bound to a #PatronPrefixModel holds: its items, as its
 * "items-changed" said, and how many it was given by the last change. */
typedef struct
{
  GPtrArray *items;
  guint      n_added;
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (mirror->items, position + i, item);
    }
  mirror->n_added += added;
}

static void
assert_prefix (PatronPrefixModel *prefix,
               GListModel        *model,
               Mirror            *mirror)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (prefix));

  g_assert_cmpuint (n_items, ==, MIN (patron_prefix_model_get_size (prefix),
                                      g_list_model_get_n_items (model)));
  g_assert_cmpuint (mirror->items->len, ==, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (g_ptr_array_index (mirror->items, i) == item);
    }
}

/* The first items of a model, through any change: random insertions,
 * removals, splices and sizes, with and without a maximum growth, mirrored
 * from its "items-changed" alone; with one, a change never brings more
 * than twice that many new items (its own, and the end's). */
static void
test_prefix_model (void)
{
  for (guint max_growth = 0; max_growth <= 5; max_growth += 5)
    {
      g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
      g_autoptr(PatronPrefixModel) prefix = patron_prefix_model_new (G_LIST_MODEL (store), 5);
      Mirror mirror = { g_ptr_array_new (), 0 };

      patron_prefix_model_set_max_growth (prefix, max_growth);
      g_signal_connect (prefix, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);

      for (guint step = 0; step < 2000; step++)
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
          guint position = g_test_rand_int_range (0, n + 1);
          guint removed = g_test_rand_int_range (0, n - position + 1);
          guint added = g_test_rand_int_range (0, g_test_rand_bit () ? 3 : 40);
          g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

          if (g_test_rand_int_range (0, 4) == 0)
            {
              guint size = g_test_rand_bit () ? G_MAXUINT : g_test_rand_int_range (0, 80);

              mirror.n_added = 0;
              patron_prefix_model_set_size (prefix, size);
              g_assert_cmpuint (patron_prefix_model_get_size (prefix), ==, size);
              assert_prefix (prefix, G_LIST_MODEL (store), &mirror);
              continue;
            }

          /* not too long */
          if (n > 100)
            added = 0;
          for (guint i = 0; i < added; i++)
            g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
          mirror.n_added = 0;
          g_list_store_splice (store, position, removed, items->pdata, added);
          assert_prefix (prefix, G_LIST_MODEL (store), &mirror);
          if (max_growth > 0)
            g_assert_cmpuint (mirror.n_added, <=, 2 * max_growth);
        }

      g_ptr_array_unref (mirror.items);
    }
}

/* Rows a frame: fewer as soon as they make frames long, down to one; more
 * again, a few at a time, when frames are quick. */
static void
test_pace (void)
{
  const gint64 frame = G_USEC_PER_SEC / 60;
  PatronPace pace;
  gint64 now = 1000 * G_USEC_PER_SEC;
  guint step;

  patron_pace_start (&pace, now);
  /* quick frames: more each time, never more than twice as many, up to
   * the most a frame */
  step = PATRON_PACE_AT_ONCE;
  for (guint i = 0; i < 10; i++)
    {
      guint next = patron_pace_next (&pace, now += frame);

      g_assert_cmpuint (next, >, MIN (step, PATRON_PACE_MOST_PER_FRAME - 1));
      g_assert_cmpuint (next, <=, MIN (step * 2, PATRON_PACE_MOST_PER_FRAME));
      step = next;
    }
  g_assert_cmpuint (step, ==, PATRON_PACE_MOST_PER_FRAME);

  /* rows that cost 40 ms each (a store's text made to wrap badly): the
   * next frame makes one */
  now += step * 40000;
  g_assert_cmpuint (patron_pace_next (&pace, now), ==, 1);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (patron_pace_next (&pace, now += 40000 + frame), ==, 1);

  /* a row that takes two frames to show: still one */
  g_assert_cmpuint (patron_pace_next (&pace, now += 2 * frame), ==, 1);

  /* quick again: back up */
  for (guint i = 0; i < 10; i++)
    step = patron_pace_next (&pace, now += frame);
  g_assert_cmpuint (step, ==, PATRON_PACE_MOST_PER_FRAME);

  /* a window hidden for a minute: one row, then more */
  g_assert_cmpuint (patron_pace_next (&pace, now += 60 * G_USEC_PER_SEC), ==, 1);
  g_assert_cmpuint (patron_pace_next (&pace, now += frame), ==, 2);
}

/* Clipped on a character boundary, with "…" as the last character kept;
 * only the start of a text is read. */
static void
test_text_clip (void)
{
  g_autofree char *huge = g_strnfill (1000000, 'x');
  char *clipped;

  clipped = patron_text_clip ("Ada Lovelace", 20);
  g_assert_cmpstr (clipped, ==, "Ada Lovelace");
  g_free (clipped);
  clipped = patron_text_clip ("Ada Lovelace", 12);
  g_assert_cmpstr (clipped, ==, "Ada Lovelace");
  g_free (clipped);
  clipped = patron_text_clip ("Ada Lovelace", 11);
  g_assert_cmpstr (clipped, ==, "Ada Lovela…");
  g_free (clipped);
  /* two-, three- and four-byte characters are never cut */
  clipped = patron_text_clip ("ÄÖÜ€€€😀😀😀", 5);
  g_assert_cmpstr (clipped, ==, "ÄÖÜ€…");
  g_free (clipped);
  clipped = patron_text_clip ("😀😀😀", 3);
  g_assert_cmpstr (clipped, ==, "😀😀😀");
  g_free (clipped);
  /* invalid UTF-8 (a command line) becomes U+FFFD */
  clipped = patron_text_clip ("ab\xff\xfe" "cd", 10);
  g_assert_true (g_utf8_validate (clipped, -1, NULL));
  g_assert_cmpstr (clipped, ==, "ab\xef\xbf\xbd\xef\xbf\xbd" "cd");
  g_free (clipped);
  clipped = patron_text_clip (NULL, 3);
  g_assert_cmpstr (clipped, ==, "");
  g_free (clipped);
  clipped = patron_text_clip (huge, PATRON_TEXT_MAX_SHOWN);
  g_assert_cmpint (g_utf8_strlen (clipped, -1), ==, PATRON_TEXT_MAX_SHOWN);
  g_assert_true (g_str_has_suffix (clipped, "…"));
  g_free (clipped);
  /* the store's line breaks, tabs and other controls are spaces (U+0085,
   * U+2028 and U+2029 too); the lines Patron joins keep their "\n" */
  clipped = patron_text_clip ("Ada\nLovelace\r\n\tLondon\xc2\x85" "1815\xe2\x80\xa8" "UK\xe2\x80\xa9", 40);
  g_assert_cmpstr (clipped, ==, "Ada Lovelace   London 1815 UK ");
  g_free (clipped);
  clipped = patron_text_clip_lines ("Ada\tLovelace\nLondon\r", 40);
  g_assert_cmpstr (clipped, ==, "Ada Lovelace\nLondon ");
  g_free (clipped);
  {
    g_autofree char *breaks = g_strnfill (1000, '\n');

    clipped = patron_text_clip (breaks, 10);
    g_assert_cmpstr (clipped, ==, "         …");
    g_free (clipped);
  }

  g_assert_false (patron_text_is_longer ("", 0));
  g_assert_true (patron_text_is_longer ("a", 0));
  g_assert_false (patron_text_is_longer ("ÄÖÜ", 3));
  g_assert_true (patron_text_is_longer ("ÄÖÜ", 2));
  g_assert_true (patron_text_is_longer (huge, 255));
}

static void
test_new_password (void)
{
  g_autofree char *short_one = patron_check_new_password ("short", "short");
  g_autofree char *different = patron_check_new_password ("long-enough-1", "long-enough-2");
  g_autofree char *fine = patron_check_new_password ("long-enough-1", "long-enough-1");
  g_autofree char *unicode = patron_check_new_password ("ééééééé", "ééééééé");

  g_assert_nonnull (short_one);
  g_assert_nonnull (strstr (short_one, "8"));
  g_assert_nonnull (different);
  g_assert_null (fine);
  /* characters, not bytes: 7 of them are too few */
  g_assert_nonnull (unicode);
}

static void
test_reset_link_valid (void)
{
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (patron_reset_link_parse ("patron://reset-password?email=ada%40example.com&token="
                                          TOKEN, &email, &token, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (email, ==, "ada@example.com");
  g_assert_cmpstr (token, ==, TOKEN);
}

static void
test_reset_link_refused (void)
{
  const char *links[] = {
    "",
    "https://shop.example.com/reset-password?email=ada%40example.com&token=" TOKEN,
    "patron://change-password?email=ada%40example.com&token=" TOKEN,
    "patron://reset-password/extra?email=ada%40example.com&token=" TOKEN,
    "patron://reset-password?email=ada%40example.com",
    "patron://reset-password?token=" TOKEN,
    "patron://reset-password?email=ada%40example.com&token=" TOKEN "&next=https://evil",
    "patron://reset-password?email=ada%40example.com&token=" TOKEN "&token=other.token.x",
    "patron://reset-password?email=ada%40example.com&token=abc%0Ddef.ghi.jkl",
    "patron://reset-password?email=not-an-email&token=" TOKEN,
    "patron://reset-password?email=ada%40example.com&token=" TOKEN "#frag",
    "patron://user@reset-password?email=ada%40example.com&token=" TOKEN,
    "patron://reset-password:8080?email=ada%40example.com&token=" TOKEN,
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *email = NULL;
      g_autofree char *token = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", links[i]);
      g_assert_false (patron_reset_link_parse (links[i], &email, &token, &error));
      g_assert_nonnull (error);
      g_assert_null (email);
      g_assert_null (token);
    }
}

static void
test_token_validation (void)
{
  g_assert_true (patron_token_is_valid (TOKEN));
  g_assert_false (patron_token_is_valid ("short"));
  g_assert_false (patron_token_is_valid ("has space in.it.here"));
  g_assert_false (patron_token_is_valid ("quote\"in.token.here"));
  g_assert_false (patron_token_is_valid (NULL));
}

/* The reset token's expiry, read without verifying it, and nothing read
 * from anything else. */
static void
test_token_expiry (void)
{
  static const char *refused[] = {
    "{\"customer_id\": \"cus_1\"}",              /* no expiry */
    "{\"exp\": \"1700000000\"}",                 /* not a number */
    "{\"exp\": -5}",
    "{\"exp\": 1e300}",
    "{\"exp\": [1700000000]}",
    "[1700000000]",                              /* not an object */
    "{\"exp\": 17000",                           /* cut off */
    "{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
      "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
      "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], \"exp\": 1}",
  };
  g_autofree char *token = test_make_jwt ("{\"customer_id\":\"cus_1\",\"exp\":1765017720,"
                                     "\"iat\":1765016820}");
  g_autofree char *fraction = test_make_jwt ("{\"exp\": 1765017720.5}");
  gint64 expiry = 0;

  g_assert_true (patron_token_get_expiry (token, &expiry));
  g_assert_cmpint (expiry, ==, 1765017720);
  g_assert_true (patron_token_get_expiry (fraction, &expiry));
  g_assert_cmpint (expiry, ==, 1765017720);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *bad = test_make_jwt (refused[i]);

      expiry = 42;
      g_assert_false (patron_token_get_expiry (bad, &expiry));
      g_assert_cmpint (expiry, ==, 42);
    }

  g_assert_false (patron_token_get_expiry (TOKEN "x", &expiry));
  g_assert_false (patron_token_get_expiry ("no-dots-at-all-here", &expiry));
  g_assert_false (patron_token_get_expiry ("a..b", &expiry));
  g_assert_false (patron_token_get_expiry ("a.!!!!.b", &expiry));
  g_assert_false (patron_token_get_expiry ("a.b.c.d", &expiry));
}

static void
test_store_url_forms (void)
{
  g_autofree char *bare = patron_store_url_normalize ("  shop.example.com/ ");
  g_autofree char *http = patron_store_url_normalize ("http://127.0.0.1:9000//");

  g_assert_cmpstr (bare, ==, "https://shop.example.com");
  g_assert_cmpstr (http, ==, "http://127.0.0.1:9000");

  g_assert_true (patron_store_url_is_loopback ("http://127.0.0.1:9000"));
  g_assert_true (patron_store_url_is_loopback ("http://localhost:9000"));
  g_assert_true (patron_store_url_is_loopback ("http://[::1]:9000"));
  g_assert_false (patron_store_url_is_loopback ("http://shop.example.com"));
  g_assert_false (patron_store_url_is_loopback ("http://192.168.1.10"));
  g_assert_false (patron_store_url_is_loopback ("http://127.0.0.1.evil.example"));
}

#define KEY "pk_706ffdbfbcf1e14f7f7fcb549d47fd88f66d9fdca992f49366e8a5c2d3ac9e2d"

static void
test_store_link (void)
{
  const char *refused[] = {
    "",
    "patron://store",
    "patron://store?key=" KEY,
    "patron://store?url=shop.example.com&key=" KEY,
    "patron://store?url=ftp%3A%2F%2Fshop.example.com",
    "patron://store?url=https%3A%2F%2Fshop.example.com%3Fx%3D1",
    "patron://store?url=https%3A%2F%2Fshop.example.com&key=pk%20with%20spaces",
    "patron://store?url=https%3A%2F%2Fshop.example.com&key=pk%0D%0AX-Evil%3A%201",
    "patron://store?url=https%3A%2F%2Fshop.example.com&key=" KEY "&key=pk_other",
    "patron://store?url=https%3A%2F%2Fshop.example.com&next=https%3A%2F%2Fevil",
    "patron://store?url=https%3A%2F%2Fshop.example.com#frag",
    "patron://store/extra?url=https%3A%2F%2Fshop.example.com",
  };
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *keyless_url = NULL;
  g_autofree char *no_key = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (patron_store_link_parse ("patron://store?url=https%3A%2F%2Fshop.example.com"
                                          "%2Fmedusa&key=" KEY, &url, &key, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://shop.example.com/medusa");
  g_assert_cmpstr (key, ==, KEY);

  /* a v1 store needs no key */
  g_assert_true (patron_store_link_parse ("patron://store?url=https%3A%2F%2Fshop.example.com",
                                          &keyless_url, &no_key, &error));
  g_assert_no_error (error);
  g_assert_null (no_key);

  /* a reset link is not a store link: the window tries it as one */
  g_assert_false (patron_store_link_parse ("patron://reset-password?email=ada%40example.com&token="
                                           TOKEN, &url, &key, &error));
  g_assert_error (error, G_URI_ERROR, G_URI_ERROR_FAILED);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *bad_url = NULL;
      g_autofree char *bad_key = NULL;

      g_test_message ("%s", refused[i]);
      g_assert_false (patron_store_link_parse (refused[i], &bad_url, &bad_key, &error));
      g_assert_nonnull (error);
      g_assert_null (bad_url);
      g_assert_null (bad_key);
      g_clear_error (&error);
    }
}

static void
test_error_sentences (void)
{
  const PatronAction actions[] = { PATRON_ACTION_CONNECT, PATRON_ACTION_SIGN_IN,
                                   PATRON_ACTION_REGISTER, PATRON_ACTION_REQUEST_RESET,
                                   PATRON_ACTION_RESET_PASSWORD, PATRON_ACTION_RESTORE,
                                   PATRON_ACTION_SAVE_ADDRESS, PATRON_ACTION_OTHER };
  const char *server_message = "property foo should not exist";

  /* a file that could not be saved is not the network's fault */
  for (guint code = G_IO_ERROR_FAILED; code <= G_IO_ERROR_NO_SUCH_DEVICE; code++)
    {
      g_autoptr(GError) error = g_error_new_literal (PATRON_FILE_ERROR, code, "disk says no");
      g_autofree char *sentence = patron_error_to_sentence (error, PATRON_ACTION_OTHER);

      g_assert_null (strstr (sentence, "disk says no"));
      g_assert_null (strstr (sentence, "connection"));
      g_assert_true (g_str_has_suffix (sentence, "."));
    }

  for (guint code = MEDUSA_ERROR_INVALID_DATA; code <= MEDUSA_ERROR_REDIRECTED; code++)
    for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
      {
        g_autoptr(GError) error = g_error_new_literal (MEDUSA_ERROR, code, server_message);
        g_autofree char *sentence = patron_error_to_sentence (error, actions[a]);

        /* a sentence of Patron's own, never the server's raw words */
        g_assert_nonnull (sentence);
        g_assert_cmpuint (strlen (sentence), >, 10);
        g_assert_null (strstr (sentence, server_message));
        g_assert_true (g_str_has_suffix (sentence, "."));
      }

  {
    g_autoptr(GError) wrong = g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED,
                                                   "Unauthorized");
    g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                     "Could not connect: Connection refused");
    g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");
    g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "x");
    /* what libsoup says for https:// to a server that speaks plain http */
    g_autoptr(GError) not_tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_MISC,
                                                     "Error performing TLS handshake: An "
                                                     "unexpected TLS packet was received.");
    g_autofree char *not_tls_text = patron_error_to_sentence (not_tls, PATRON_ACTION_CONNECT);
    g_autoptr(GError) token = g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_INVALID_TOKEN,
                                                   "An unknown error occurred.");
    g_autofree char *wrong_text = patron_error_to_sentence (wrong, PATRON_ACTION_SIGN_IN);
    g_autofree char *expired_text = patron_error_to_sentence (wrong, PATRON_ACTION_OTHER);
    g_autofree char *refused_text = patron_error_to_sentence (refused, PATRON_ACTION_SIGN_IN);
    g_autofree char *timeout_text = patron_error_to_sentence (timeout, PATRON_ACTION_SIGN_IN);
    g_autofree char *tls_text = patron_error_to_sentence (tls, PATRON_ACTION_CONNECT);
    g_autofree char *token_text = patron_error_to_sentence (token, PATRON_ACTION_RESET_PASSWORD);
    g_autoptr(GError) unconfirmed = g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_UNCONFIRMED,
                                                         "x");
    g_autofree char *saved_text = patron_error_to_sentence (unconfirmed, PATRON_ACTION_OTHER);
    g_autofree char *address_text = patron_error_to_sentence (unconfirmed,
                                                              PATRON_ACTION_SAVE_ADDRESS);
    g_autofree char *registered_text = patron_error_to_sentence (unconfirmed,
                                                                 PATRON_ACTION_REGISTER);

    g_assert_nonnull (strstr (wrong_text, "password"));
    g_assert_nonnull (strstr (expired_text, "sign in again"));
    g_assert_nonnull (strstr (refused_text, "cannot reach"));
    g_assert_nonnull (strstr (timeout_text, "in time"));
    g_assert_nonnull (strstr (tls_text, "certificate"));
    /* a handshake that failed is not blamed on a certificate there is none of */
    g_assert_null (strstr (not_tls_text, "certificate"));
    g_assert_nonnull (strstr (not_tls_text, "secure connection"));
    g_assert_nonnull (strstr (token_text, "new email"));
    /* a save whose answer broke: it probably happened, and the user is told so */
    g_assert_nonnull (strstr (saved_text, "probably reached the store"));
    g_assert_nonnull (strstr (address_text, "probably reached the store"));
    g_assert_nonnull (strstr (registered_text, "probably been made"));
  }
}

static void
test_money (void)
{
  const struct {
    gint64 amount;
    const char *currency;
    const char *text;
  } cases[] = {
    { 6650, "usd", "USD 66.50" },
    { 5, "eur", "EUR 0.05" },
    { 0, "usd", "USD 0.00" },
    { 2800, "jpy", "JPY 2800" },
    { 1234, "KWD", "KWD 1.234" },
    { -500, "eur", "−EUR 5.00" },
    { G_MININT64, "usd", "−USD 92233720368547758.08" },
  };

  /* the tests run in the C locale: no grouping, a point */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = patron_format_money (cases[i].amount, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_cmpuint (patron_currency_decimals ("JPY"), ==, 0);
  g_assert_cmpuint (patron_currency_decimals ("bhd"), ==, 3);
  g_assert_cmpuint (patron_currency_decimals ("usd"), ==, 2);
  g_assert_cmpuint (patron_currency_decimals (NULL), ==, 2);
}

/* A moment from the store (UTC) as the user's clock shows it; none, none. */
static void
test_local_time (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 11, 28, 22, 57, 0);
  g_autofree char *local = patron_format_local_time (utc, "%Y-%m-%d %H:%M");

  /* main () makes the local time zone Japan's */
  g_assert_cmpstr (local, ==, "2026-11-29 07:57");
  g_assert_null (patron_format_local_time (NULL, "%x"));
}

static void
test_status_words (void)
{
  g_assert_cmpstr (patron_order_status_word ("pending"), ==, "Placed");
  g_assert_cmpstr (patron_fulfillment_word ("partially_shipped"), ==, "Partly shipped");
  g_assert_cmpstr (patron_payment_word ("captured"), ==, "Paid");
  /* a status Patron does not know yet is shown as the store says it */
  g_assert_cmpstr (patron_order_status_word ("on_the_moon"), ==, "on_the_moon");
  g_assert_cmpstr (patron_payment_word (NULL), ==, "");
}

static void
test_csv_cells (void)
{
  const struct {
    const char *value;
    const char *cell;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { NULL, "" },
    { "Müller & Söhne", "Müller & Söhne" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r", "\"cr\r\"" },
    /* what a spreadsheet would run as a formula is neutralised */
    { "=1+2", "'=1+2" },
    { "+1", "'+1" },
    { "-1+2", "'-1+2" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" },
    { "\rx", "\"'\rx\"" },
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    /* a plain number stays a number */
    { "-5.00", "-5.00" },
    { "-12", "-12" },
    { "-", "'-" },
    { "-.", "'-." },
    { "a=b", "a=b" },
  };
  const char *row[] = { "1", "x,y", "=cmd", "", NULL };
  g_autoptr(GString) csv = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = patron_csv_escape_cell (cases[i].value);

      g_assert_cmpstr (cell, ==, cases[i].cell);
    }

  patron_csv_append_row (csv, row);
  patron_csv_append_row (csv, row + 4);
  g_assert_cmpstr (csv->str, ==, "1,\"x,y\",'=cmd,\r\n\r\n");
}

static void
test_csv_file_name (void)
{
  g_autoptr(GDateTime) day = g_date_time_new_utc (2026, 11, 29, 10, 0, 0);
  g_autofree char *name = patron_orders_export_suggest_name (day);
  g_autofree char *today = patron_orders_export_suggest_name (NULL);

  g_assert_cmpstr (name, ==, "orders-2026-11-29.csv");
  g_assert_true (g_str_has_suffix (today, ".csv"));
}

static void
test_csv_decimals (void)
{
  const struct {
    gint64 amount;
    const char *currency;
    const char *text;
  } cases[] = {
    { 123450, "usd", "1234.50" },
    { 5, "EUR", "0.05" },
    { 0, "usd", "0.00" },
    { -5, "usd", "-0.05" },
    { 2800, "jpy", "2800" },
    { -2800, "JPY", "-2800" },
    { 1234, "kwd", "1.234" },
    { 1, "bhd", "0.001" },
    { G_MININT64, "usd", "-92233720368547758.08" },
    { G_MAXINT64, "usd", "92233720368547758.07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = patron_format_decimal (cases[i].amount, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static MedusaOrder *
load_order (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length;
  MedusaOrder *order;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  body = g_bytes_new_take (g_steal_pointer (&contents), length);
  order = medusa_json_parse_single_order_page (body, &error);
  g_assert_no_error (error);

  return order;
}

static void
test_csv_orders (void)
{
  g_autoptr(MedusaOrder) discount = load_order ("order-discount.json");
  g_autoptr(MedusaOrder) yen = load_order ("order-jpy.json");
  g_autoptr(MedusaOrder) shipped = load_order ("order-shipped.json");
  g_autoptr(GString) csv = g_string_new (NULL);

  /* the local time zone is Japan's (main () sets it): 02:05 UTC is 11:05 */
  patron_orders_csv_append_header (csv);
  patron_orders_csv_append_order (csv, discount);
  patron_orders_csv_append_order (csv, yen);
  patron_orders_csv_append_order (csv, shipped);
  g_assert_cmpstr (csv->str, ==,
    "Order Number,Date,Status,Shipping Status,Payment Status,Items,Total,Currency,Email\r\n"
    "2,2026-11-29T11:05:02+09:00,Placed,Not shipped yet,Payment pending,2,43.10,USD,"
    "buyer@example.com\r\n"
    "1,2026-11-29T11:05:01+09:00,Placed,Not shipped yet,Payment pending,1,3630,JPY,"
    "buyer@example.com\r\n"
    "5,2026-11-29T11:05:06+09:00,Completed,Shipped,Paid,2,47.00,USD,buyer@example.com\r\n");
}

/* The remembered stores: newest first, each once, at most
 * PATRON_STORES_MAX, nothing invalid from the settings; forgetting one
 * removes it from every setting and leaves the others. */
static void
test_stores_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_SCHEMA);
  g_auto(GStrv) stores = NULL;
  g_autoptr(GVariant) apis = NULL;
  g_auto(GStrv) insecure = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *named = NULL;
  g_autofree char *label = NULL;
  g_autofree char *long_host = NULL;
  g_autofree char *long_name = NULL;

  g_settings_set_strv (settings, "recent-stores",
                       (const char * const[]) { "not an address", "https://b.example",
                                                "https://b.example", NULL });
  patron_stores_remember (settings, "https://a.example");
  stores = g_settings_get_strv (settings, "recent-stores");
  g_assert_cmpstrv (stores, ((const char * const[]) { "https://a.example", "https://b.example",
                                                      NULL }));
  g_clear_pointer (&stores, g_strfreev);

  /* used again: first; never more than PATRON_STORES_MAX */
  for (guint i = 0; i < PATRON_STORES_MAX + 5; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://shop%u.example", i);

      patron_stores_remember (settings, url);
    }
  patron_stores_remember (settings, "https://shop3.example");
  stores = patron_stores_list (settings);
  g_assert_cmpuint (g_strv_length (stores), ==, PATRON_STORES_MAX);
  g_assert_cmpstr (stores[0], ==, "https://shop3.example");
  g_assert_cmpstr (stores[1], ==, "https://shop24.example");
  g_assert_false (g_strv_contains ((const char * const *) stores, "https://a.example"));
  g_clear_pointer (&stores, g_strfreev);

  /* forgotten: from every setting; the others stay */
  g_settings_set_value (settings, "store-apis",
                        g_variant_new_parsed ("{'http://shop3.example': (uint32 2, 'pk_1'), "
                                              "'https://shop4.example': (uint32 1, '')}"));
  g_settings_set_strv (settings, "insecure-stores",
                       (const char * const[]) { "http://shop3.example", "http://x.example",
                                                NULL });
  g_settings_set_string (settings, "store-url", "http://shop3.example");
  patron_stores_remember (settings, "http://shop3.example");
  g_assert_cmpuint (patron_stores_api_version (settings, "http://shop3.example"), ==, 2);
  patron_stores_forget (settings, "http://shop3.example");
  stores = patron_stores_list (settings);
  g_assert_false (g_strv_contains ((const char * const *) stores, "http://shop3.example"));
  g_assert_true (g_strv_contains ((const char * const *) stores, "https://shop3.example"));
  apis = g_settings_get_value (settings, "store-apis");
  g_assert_cmpuint (g_variant_n_children (apis), ==, 1);
  g_assert_cmpuint (patron_stores_api_version (settings, "http://shop3.example"), ==, 0);
  g_assert_cmpuint (patron_stores_api_version (settings, "https://shop4.example"), ==, 1);
  insecure = g_settings_get_strv (settings, "insecure-stores");
  g_assert_cmpstrv (insecure, ((const char * const[]) { "http://x.example", NULL }));
  opened = g_settings_get_string (settings, "store-url");
  g_assert_cmpstr (opened, ==, "");

  /* shown by host (and port), clipped */
  named = patron_stores_display_name ("http://127.0.0.1:9000");
  g_assert_cmpstr (named, ==, "127.0.0.1:9000");
  label = g_strnfill (63, 'a');
  long_host = g_strdup_printf ("https://%s.%s.%s.example.com", label, label, label);
  g_clear_pointer (&named, g_free);
  named = patron_stores_display_name ("https://shop.example/path");
  g_assert_cmpstr (named, ==, "shop.example");
  long_name = patron_stores_display_name (long_host);
  g_assert_cmpuint (g_utf8_strlen (long_name, -1), ==, 120);

  g_settings_reset (settings, "recent-stores");
  g_settings_reset (settings, "store-apis");
  g_settings_reset (settings, "insecure-stores");
  g_settings_reset (settings, "store-url");
}

int
main (int   argc,
      char *argv[])
{
  /* dates in the CSV are local: a fixed zone without summer time, set
   * before GLib reads it */
  g_setenv ("TZ", "JST-9", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/email-validation", test_email_validation);
  g_test_add_func ("/app/email-length", test_email_length);
  g_test_add_func ("/app/text-clip", test_text_clip);
  g_test_add_func ("/app/pace", test_pace);
  g_test_add_func ("/app/prefix-model", test_prefix_model);
  g_test_add_func ("/app/new-password", test_new_password);
  g_test_add_func ("/app/reset-link/valid", test_reset_link_valid);
  g_test_add_func ("/app/reset-link/refused", test_reset_link_refused);
  g_test_add_func ("/app/reset-link/token", test_token_validation);
  g_test_add_func ("/app/reset-link/token-expiry", test_token_expiry);
  g_test_add_func ("/app/store-url", test_store_url_forms);
  g_test_add_func ("/app/store-link", test_store_link);
  g_test_add_func ("/app/stores", test_stores_remembered);
  g_test_add_func ("/app/error-sentences", test_error_sentences);
  g_test_add_func ("/app/money", test_money);
  g_test_add_func ("/app/local-time", test_local_time);
  g_test_add_func ("/app/status-words", test_status_words);
  g_test_add_func ("/app/csv/cells", test_csv_cells);
  g_test_add_func ("/app/csv/decimals", test_csv_decimals);
  g_test_add_func ("/app/csv/file-name", test_csv_file_name);
  g_test_add_func ("/app/csv/orders", test_csv_orders);
  g_test_add_func ("/app/join-words", test_join_words);
  g_test_add_func ("/app/default-country", test_default_country);
  g_test_add_func ("/app/store-countries", test_store_countries);

  return g_test_run ();
}
