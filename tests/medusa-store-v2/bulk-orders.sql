-- Clone the real orders of customer :'email' :n times (for pagination tests and benchmarks).
-- Usage: psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -v n=2000 -v email=buyer@example.com -f bulk-orders.sql
--    or -v total=10000 instead of n: clone as many as it takes for the customer to have that many
--    orders in all (none if they have as many already).
-- The templates are the customer's orders without fulfillments (pending, canceled, refunded, the
-- promotion's, jpy, kwd, eur), taken in turn, so the clones vary as the real ones do. A clone is
-- every row of its template, in every table that holds part of an order (the order module's rows
-- of every version, its addresses, line items, shipping methods with their tax lines and
-- adjustments, summaries, transactions, credit lines and changes; the payment collection with its
-- sessions, payments, captures and refunds; the order's links to them and to its promotion), each
-- with a fresh id: same prefix, then 26 characters of md5(salt, clone number, old id), so every
-- reference between cloned rows points at the clone. Not cloned: the link to the cart (a cart
-- becomes one order). Clone i is created 7i hours before the oldest real order (they page after
-- the real ones, and 10,000 of them reach back eight years: a long history); display_ids follow
-- the real ones, oldest first, and the sequence goes on after them.
\if :{?total}
SELECT GREATEST(:total - count(*), 0) AS n FROM "order" o JOIN customer c ON c.id = o.customer_id
  WHERE c.email = :'email' AND c.has_account AND o.deleted_at IS NULL \gset
\endif
BEGIN;
CREATE TEMP TABLE tpl AS
  SELECT row_number() OVER (ORDER BY o.created_at) - 1 AS k, o.id
  FROM "order" o JOIN customer c ON c.id = o.customer_id
  WHERE c.email = :'email' AND c.has_account AND o.deleted_at IS NULL
    AND o.metadata->>'bulk' IS NULL
    AND NOT EXISTS (SELECT 1 FROM order_fulfillment f WHERE f.order_id = o.id);
DO $$ BEGIN IF (SELECT count(*) FROM tpl) = 0 THEN RAISE EXCEPTION 'no template order found'; END IF; END $$;
CREATE TEMP TABLE oldest AS
  SELECT min(o.created_at) AS at FROM "order" o JOIN customer c ON c.id = o.customer_id
  WHERE c.email = :'email' AND c.has_account;

-- clone i of template order t (and of every row of t's below)
CREATE TEMP TABLE bulk AS
  SELECT g AS i, t.id AS order_id
  FROM generate_series(1, :n) g JOIN tpl t ON t.k = (g - 1) % (SELECT count(*) FROM tpl);
CREATE TEMP TABLE salt AS SELECT md5(random()::text || clock_timestamp()::text) AS s;

-- the id of clone i of the row whose id is old: same prefix, fresh ULID-shaped tail
CREATE FUNCTION pg_temp.nid(old text, i int) RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT CASE WHEN old ~ '^[a-z][a-z_]*_[0-9A-Z]{26}$'
    THEN regexp_replace(old, '[^_]+$', '') ||
         upper(substr(md5((SELECT s FROM salt) || ':' || i || ':' || old), 1, 26))
    ELSE old END
$f$;

-- INSERT into tbl a copy of each row x whose column keycol holds a key of template order t in
-- the map (order_id, key), once for every clone i of t (newest clone first), with the columns in
-- remap given their clone's ids and the columns in extra (an SQL list of jsonb keys and values,
-- over x and b.i) set as given. Hash joins only: 10,000 clones take seconds.
CREATE FUNCTION pg_temp.clone(tbl text, keycol text, map text, remap text[], extra text DEFAULT '') RETURNS bigint
LANGUAGE plpgsql AS $f$
DECLARE
  overrides text;
  n bigint;
BEGIN
  SELECT string_agg(format('%L, pg_temp.nid(x.%I, b.i)', c, c), ', ') INTO overrides FROM unnest(remap) c;
  IF extra <> '' THEN overrides := overrides || ', ' || extra; END IF;
  -- (LATERAL: a (f()).* would call f once per column)
  EXECUTE format('INSERT INTO %I SELECT r.* FROM %I x JOIN %I m ON x.%I = m.key JOIN bulk b ON b.order_id = m.order_id '
                 'CROSS JOIN LATERAL jsonb_populate_record(NULL::%I, to_jsonb(x) || jsonb_build_object(%s)) r '
                 'ORDER BY b.i DESC', tbl, tbl, map, keycol, tbl, overrides);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$f$;

-- which rows belong to which template, found before anything is cloned
CREATE TEMP TABLE m_order AS SELECT id AS order_id, id AS key FROM tpl;
CREATE TEMP TABLE m_pc AS
  SELECT opc.order_id, opc.payment_collection_id AS key
  FROM order_payment_collection opc JOIN tpl t ON t.id = opc.order_id WHERE opc.deleted_at IS NULL;
CREATE TEMP TABLE m_payment AS
  SELECT m.order_id, p.id AS key FROM payment p JOIN m_pc m ON m.key = p.payment_collection_id;
CREATE TEMP TABLE m_address AS
  SELECT o.id AS order_id, a.key FROM "order" o JOIN tpl t ON t.id = o.id
  CROSS JOIN LATERAL (VALUES (o.shipping_address_id), (o.billing_address_id)) a(key) WHERE a.key IS NOT NULL;
CREATE TEMP TABLE m_item AS
  SELECT DISTINCT oi.order_id, oi.item_id AS key FROM order_item oi JOIN tpl t ON t.id = oi.order_id;
CREATE TEMP TABLE m_shipping_method AS
  SELECT DISTINCT os.order_id, os.shipping_method_id AS key FROM order_shipping os JOIN tpl t ON t.id = os.order_id;
ANALYZE bulk; ANALYZE m_order; ANALYZE m_pc; ANALYZE m_payment; ANALYZE m_address; ANALYZE m_item; ANALYZE m_shipping_method;

-- the payment collection with its sessions, payments, captures and refunds
SELECT pg_temp.clone('payment_collection', 'id', 'm_pc', ARRAY['id']);
SELECT pg_temp.clone('payment_collection_payment_providers', 'payment_collection_id', 'm_pc', ARRAY['payment_collection_id']);
SELECT pg_temp.clone('payment_session', 'payment_collection_id', 'm_pc', ARRAY['id', 'payment_collection_id']);
SELECT pg_temp.clone('payment', 'payment_collection_id', 'm_pc', ARRAY['id', 'payment_collection_id', 'payment_session_id']);
SELECT pg_temp.clone('capture', 'payment_id', 'm_payment', ARRAY['id', 'payment_id']);
SELECT pg_temp.clone('refund', 'payment_id', 'm_payment', ARRAY['id', 'payment_id']);

-- the order, its addresses, items and shipping methods (every version's rows)
SELECT pg_temp.clone('order_address', 'id', 'm_address', ARRAY['id']);
SELECT pg_temp.clone('order', 'id', 'm_order', ARRAY['id', 'shipping_address_id', 'billing_address_id'],
  $e$'display_id', (SELECT max(display_id) FROM "order") + (SELECT max(i) FROM bulk) + 1 - b.i,
     'created_at', (SELECT at FROM oldest) - make_interval(hours => 7 * b.i),
     'updated_at', (SELECT at FROM oldest) - make_interval(hours => 7 * b.i),
     'metadata', jsonb_build_object('bulk', true)$e$);
SELECT setval('order_display_id_seq', (SELECT max(display_id) FROM "order"));
SELECT pg_temp.clone('order_line_item', 'id', 'm_item', ARRAY['id']);
SELECT pg_temp.clone('order_line_item_tax_line', 'item_id', 'm_item', ARRAY['id', 'item_id']);
SELECT pg_temp.clone('order_line_item_adjustment', 'item_id', 'm_item', ARRAY['id', 'item_id']);
SELECT pg_temp.clone('order_item', 'order_id', 'm_order', ARRAY['id', 'order_id', 'item_id']);
SELECT pg_temp.clone('order_shipping_method', 'id', 'm_shipping_method', ARRAY['id']);
SELECT pg_temp.clone('order_shipping_method_tax_line', 'shipping_method_id', 'm_shipping_method', ARRAY['id', 'shipping_method_id']);
SELECT pg_temp.clone('order_shipping_method_adjustment', 'shipping_method_id', 'm_shipping_method', ARRAY['id', 'shipping_method_id']);
SELECT pg_temp.clone('order_shipping', 'order_id', 'm_order', ARRAY['id', 'order_id', 'shipping_method_id']);
SELECT pg_temp.clone('order_summary', 'order_id', 'm_order', ARRAY['id', 'order_id']);
SELECT pg_temp.clone('order_transaction', 'order_id', 'm_order', ARRAY['id', 'order_id', 'reference_id']);
SELECT pg_temp.clone('order_credit_line', 'order_id', 'm_order', ARRAY['id', 'order_id']);
SELECT pg_temp.clone('order_change', 'order_id', 'm_order', ARRAY['id', 'order_id']);
SELECT pg_temp.clone('order_change_action', 'order_id', 'm_order', ARRAY['id', 'order_id', 'order_change_id', 'reference_id']);
-- its links (the link module's tables)
SELECT pg_temp.clone('order_payment_collection', 'order_id', 'm_order', ARRAY['id', 'order_id', 'payment_collection_id']);
SELECT pg_temp.clone('order_promotion', 'order_id', 'm_order', ARRAY['id', 'order_id']);
COMMIT;

ANALYZE "order"; ANALYZE order_item; ANALYZE order_line_item; ANALYZE order_shipping; ANALYZE order_summary;
ANALYZE order_payment_collection; ANALYZE payment_collection; ANALYZE payment;
SELECT 'orders for customer: ' || count(*) || ' (' || :n || ' cloned from ' || (SELECT count(*) FROM tpl)
  || ' templates), distinct display_ids: ' || count(DISTINCT o.display_id)
FROM "order" o JOIN customer c ON c.id = o.customer_id WHERE c.email = :'email';
