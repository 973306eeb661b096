// Seeds the customers and orders the tests and the demo need, through the real
// Store API checkout (cart -> items -> address -> shipping -> manual payment ->
// complete) while signed in, then varies them through the Admin API:
//   order 1: captured, shipped in two fulfillments with tracking numbers, completed
//   order 2: captured and partly refunded
//   the rest: placed and left pending; one more in the Japan region (jpy, 0 decimals)
// Also creates other@example.com, a customer with no orders.
// Env: MEDUSA_URL, API_ORDERS. Any failing step fails the seed.
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

async function placeOrder(c, region, variant, quantity, country) {
  const cart = (await call(c, "POST", "/store/carts", { region_id: region.id })).json.cart;
  await call(c, "POST", `/store/carts/${cart.id}/line-items`, { variant_id: variant.id, quantity });
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
  const variant = (await call(c, "GET", "/store/products")).json.products[0].variants[0];

  const orders = [];
  if (N > 0 && jp) orders.push(await placeOrder(c, jp, variant, 1, "jp"));
  for (let i = 0; i < N; i++) orders.push(await placeOrder(c, us, variant, 2 + (i % 3), "us"));
  const usOrders = orders.slice(jp && N > 0 ? 1 : 0);

  const a = jar();
  await call(a, "POST", "/admin/auth", { email: "admin@example.com", password: "supersecret" });
  if (usOrders.length > 0) {
    // shipped in two parcels, with tracking numbers, then completed
    const o = usOrders[0];
    const item = o.items[0];
    await call(a, "POST", `/admin/orders/${o.id}/capture`);
    let order = (await call(a, "POST", `/admin/orders/${o.id}/fulfillment`,
      { items: [{ item_id: item.id, quantity: 1 }] })).json.order;
    await call(a, "POST", `/admin/orders/${o.id}/shipment`,
      { fulfillment_id: order.fulfillments[0].id, tracking_numbers: ["1Z999AA10123456784"] });
    order = (await call(a, "POST", `/admin/orders/${o.id}/fulfillment`,
      { items: [{ item_id: item.id, quantity: item.quantity - 1 }] })).json.order;
    const second = order.fulfillments.find((f) => !f.shipped_at);
    await call(a, "POST", `/admin/orders/${o.id}/shipment`,
      { fulfillment_id: second.id, tracking_numbers: ["1Z999AA10123456785", "1Z999AA10123456786"] });
    const fin = (await call(a, "POST", `/admin/orders/${o.id}/complete`)).json.order;
    console.log(`shipped order #${fin.display_id}: ${fin.status}/${fin.payment_status}/${fin.fulfillment_status}`);
  }
  if (usOrders.length > 1) {
    const o = usOrders[1];
    await call(a, "POST", `/admin/orders/${o.id}/capture`);
    const r = (await call(a, "POST", `/admin/orders/${o.id}/refund`,
      { amount: 500, reason: "discount", note: "Price match" })).json.order;
    console.log(`refunded order #${r.display_id}: ${r.payment_status}, refunded ${r.refunded_total}`);
  }
  console.log(`customer ${me.id} <${me.email}>: ${orders.length} orders in ${Date.now() - t0} ms`);
})().catch((e) => { console.error(e); process.exit(1); });
