// Seeds the customers and orders the tests and the demo need, through the real
// Store API checkout (cart -> items -> address -> shipping -> manual payment ->
// complete) while signed in, then varies them through the Admin API.
// Orders of buyer@example.com, oldest first:
//   - one in the Japan region (jpy, 0 decimals, 10 % tax), left pending
//   - one in the US region with the 10 % discount code PATRON10, left pending
//   - one in the US region paid partly (10.00 of 27.50) with a gift card, left pending
//   - one in the Kuwait region (kwd, 3 decimals: 3 x 5.125 + 1.250 shipping), left pending
//   - API_ORDERS in the US region (quantities 2, 3, 4, 2, ...), of which
//       the 1st is captured, shipped in two fulfillments with tracking numbers, completed
//       the 2nd is captured and partly refunded (reason "discount")
//       the rest are left pending (the newest is bulk-orders.sql's template)
// Also creates other@example.com, a customer with no orders.
// The product's thumbnail (seed.json) is one of the store's own files (app/static/uploads/,
// served by server.js): it is pointed at this server's port before any cart, as line items copy it.
// Env: MEDUSA_URL, API_ORDERS. Any failing step fails the seed (exit 1).
const BASE = process.env.MEDUSA_URL || "http://127.0.0.1:9000";
const N = parseInt(process.env.API_ORDERS || "3", 10);
const EMAIL = "buyer@example.com";
const PASSWORD = "buyer-pass-123";

function jar() {
  const cookies = {};
  return {
    header: () => Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join("; "),
    store: (res) => {
      for (const c of res.headers.getSetCookie()) {
        const [kv] = c.split(";");
        const i = kv.indexOf("=");
        cookies[kv.slice(0, i)] = kv.slice(i + 1);
      }
    },
  };
}

async function call(j, method, path, body, okStatuses = [200]) {
  const headers = { "content-type": "application/json" };
  const h = j.header();
  if (h) headers.cookie = h;
  const res = await fetch(BASE + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  j.store(res);
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  if (!okStatuses.includes(res.status)) {
    throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  }
  return { status: res.status, json };
}

function check(cond, what) {
  if (!cond) throw new Error("seed check failed: " + what);
}

async function placeOrder(c, region, variant, quantity, country, { discountCode, giftCardCode } = {}) {
  const cart = (await call(c, "POST", "/store/carts", { region_id: region.id })).json.cart;
  check(cart.customer_id, "cart created while signed in has a customer");
  await call(c, "POST", `/store/carts/${cart.id}/line-items`, { variant_id: variant.id, quantity });
  if (discountCode) {
    // v1.20 has no POST /store/carts/{id}/discounts: codes go through the cart update
    const withCode = (await call(c, "POST", `/store/carts/${cart.id}`, { discounts: [{ code: discountCode }] })).json.cart;
    check(withCode.discounts.length === 1 && withCode.discount_total > 0, `discount ${discountCode} applied to the cart`);
  }
  if (giftCardCode) {
    const withCard = (await call(c, "POST", `/store/carts/${cart.id}`, { gift_cards: [{ code: giftCardCode }] })).json.cart;
    check(withCard.gift_cards.length === 1, `gift card ${giftCardCode} applied to the cart`);
  }
  await call(c, "POST", `/store/carts/${cart.id}`, {
    shipping_address: {
      first_name: "Test", last_name: "Buyer", address_1: "1 Main St", city: "Springfield",
      country_code: country, postal_code: "12345", phone: "+15550100",
    },
  });
  const opts = (await call(c, "GET", `/store/shipping-options/${cart.id}`)).json.shipping_options;
  await call(c, "POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: opts[0].id });
  await call(c, "POST", `/store/carts/${cart.id}/payment-sessions`);
  await call(c, "POST", `/store/carts/${cart.id}/payment-session`, { provider_id: "manual" });
  const done = (await call(c, "POST", `/store/carts/${cart.id}/complete`)).json;
  if (done.type !== "order") throw new Error("cart complete did not return an order: " + JSON.stringify(done).slice(0, 300));
  check(done.data.customer_id === cart.customer_id, "order belongs to the signed-in customer");
  return done.data;
}

(async () => {
  const t0 = Date.now();
  const c = jar();
  await call(c, "POST", "/store/customers",
    { email: EMAIL, password: PASSWORD, first_name: "Test", last_name: "Buyer" }, [200, 422]);
  await call(jar(), "POST", "/store/customers",
    { email: "other@example.com", password: "other-pass-123", first_name: "Other", last_name: "Customer" }, [200, 422]);
  await call(c, "POST", "/store/auth", { email: EMAIL, password: PASSWORD });
  const me = (await call(c, "GET", "/store/customers/me")).json.customer;

  const regions = (await call(c, "GET", "/store/regions")).json.regions;
  const us = regions.find((r) => r.countries.some((k) => k.iso_2 === "us"));
  const jp = regions.find((r) => r.countries.some((k) => k.iso_2 === "jp"));
  const kw = regions.find((r) => r.countries.some((k) => k.iso_2 === "kw"));
  const product = (await call(c, "GET", "/store/products")).json.products[0];
  const variant = product.variants[0];

  const a = jar();
  await call(a, "POST", "/admin/auth", { email: "admin@example.com", password: "supersecret" });
  const thumbnail = new URL(new URL(product.thumbnail).pathname, BASE).href;
  const pictured = (await call(a, "POST", `/admin/products/${product.id}`, { thumbnail })).json.product;
  check(pictured.thumbnail === thumbnail, "product thumbnail set");
  check((await fetch(thumbnail)).headers.get("content-type") === "image/png", "thumbnail served");
  const disc = (await call(a, "POST", "/admin/discounts", {
    code: "PATRON10",
    rule: { type: "percentage", value: 10, allocation: "total", description: "10 % off" },
    regions: [us.id],
  })).json.discount;
  check(disc && disc.code === "PATRON10", "discount PATRON10 created");

  const orders = [];
  check(jp, "Japan region seeded");
  orders.push(await placeOrder(c, jp, variant, 1, "jp"));
  const discounted = await placeOrder(c, us, variant, 2, "us", { discountCode: "PATRON10" });
  check(discounted.discount_total > 0, "discounted order has a discount_total");
  orders.push(discounted);

  // a gift card worth less than the order: the rest is paid the usual way
  const card = (await call(a, "POST", "/admin/gift-cards", { region_id: us.id, value: 1000 })).json.gift_card;
  check(card && card.code, "gift card created");
  const carded = await placeOrder(c, us, variant, 1, "us", { giftCardCode: card.code });
  check(carded.gift_card_total === 1000 && carded.total > 0,
        `gift card order: gift_card_total ${carded.gift_card_total}, total ${carded.total}`);
  console.log(`gift card order #${carded.display_id}: card ${card.code}, gift_card_total ${carded.gift_card_total}, total ${carded.total}`);
  orders.push(carded);

  // Medusa v1 keeps amounts as integers and knows no decimals per currency:
  // 5125 kwd is 5.125 KD only by ISO 4217 convention
  check(kw, "Kuwait region seeded");
  const dinars = await placeOrder(c, kw, variant, 3, "kw");
  check(dinars.currency_code === "kwd" && dinars.total === 3 * 5125 + 1250,
        `kwd order: ${dinars.currency_code} ${dinars.total}`);
  console.log(`kwd order #${dinars.display_id}: total ${dinars.total}`);
  orders.push(dinars);

  const usOrders = [];
  for (let i = 0; i < N; i++) usOrders.push(await placeOrder(c, us, variant, 2 + (i % 3), "us"));
  orders.push(...usOrders);
  check(orders.every((o) => o.items.every((i) => i.thumbnail === thumbnail)), "items have the thumbnail");

  if (usOrders.length > 0) {
    // shipped in two parcels (one if the quantity is 1), with tracking numbers, then completed
    const o = usOrders[0];
    const item = o.items[0];
    const parts = item.quantity >= 2 ? [1, item.quantity - 1] : [item.quantity];
    const tracking = [["1Z999AA10123456784"], ["1Z999AA10123456785", "1Z999AA10123456786"]];
    let order = (await call(a, "POST", `/admin/orders/${o.id}/capture`)).json.order;
    check(order.payment_status === "captured", "order captured");
    for (let k = 0; k < parts.length; k++) {
      order = (await call(a, "POST", `/admin/orders/${o.id}/fulfillment`,
        { items: [{ item_id: item.id, quantity: parts[k] }] })).json.order;
      const f = order.fulfillments.find((x) => !x.shipped_at);
      check(f, "new fulfillment " + (k + 1));
      order = (await call(a, "POST", `/admin/orders/${o.id}/shipment`,
        { fulfillment_id: f.id, tracking_numbers: tracking[k] })).json.order;
    }
    check(order.fulfillment_status === "shipped", "order shipped, got " + order.fulfillment_status);
    const fin = (await call(a, "POST", `/admin/orders/${o.id}/complete`)).json.order;
    check(fin.status === "completed", "order completed");
    console.log(`shipped order #${fin.display_id}: ${fin.status}/${fin.payment_status}/${fin.fulfillment_status}, ${parts.length} fulfillment(s)`);
  }
  if (usOrders.length > 1) {
    const o = usOrders[1];
    await call(a, "POST", `/admin/orders/${o.id}/capture`);
    const r = (await call(a, "POST", `/admin/orders/${o.id}/refund`,
      { amount: 500, reason: "discount", note: "Price match" })).json.order;
    check(r.payment_status === "partially_refunded" && r.refunded_total === 500, "order partly refunded");
    console.log(`refunded order #${r.display_id}: ${r.payment_status}, refunded ${r.refunded_total}`);
  }
  console.log(`customer ${me.id} <${me.email}>: ${orders.length} orders in ${Date.now() - t0} ms`);
})().catch((e) => { console.error(e); process.exit(1); });
