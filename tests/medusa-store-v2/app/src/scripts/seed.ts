// Seeds Patron's Medusa v2 test store through Medusa's own workflows (what the admin and
// the Store API run), in `medusa exec` before the server starts:
// - store currencies usd (default), eur, jpy, kwd; regions United States (usd; us),
//   EU (eur; de, fr), Japan (jpy, 0 decimals, 10 % tax; jp), Kuwait (kwd, 3 decimals; kw),
//   all paid with pp_system_default; one stock location, one "Standard Shipping" option
//   (usd 8, eur 8, jpy 500, kwd 1.25) for every country;
// - a publishable API key "Patron Test Store" on the default sales channel;
// - the product "Test T-Shirt" (M: usd 19.50, eur 17.50, jpy 2800, kwd 5.125; thumbnail
//   $MEDUSA_URL/static/test-t-shirt-m.png, served by the server from app/static/);
// - the promotion PATRON10 (10 % off the order), the refund reason "Price match";
// - buyer@example.com / buyer-pass-123 and other@example.com / other-pass-123 (no orders),
//   each an emailpass identity and a customer account, as register + POST /store/customers make;
//   the admin user admin@example.com / supersecret;
// - the buyer's orders, oldest first, each through cart -> shipping method -> payment
//   session -> complete cart:
//     a jpy order (1 x 2800 + 500 shipping + 10 % tax), pending
//     a usd order with PATRON10 (2 x 19.50 + 8, 10 % off), pending
//     a kwd order (3 x 5.125 + 1.25), pending
//     an eur order (1 x 17.50 + 8, Germany), pending
//     a usd order, canceled
//     API_ORDERS usd orders (quantities 2, 3, 4, 2, ...), of which
//       the 1st is captured, shipped in two fulfillments with tracking labels, completed
//       the 2nd is captured and partly refunded (5.00, reason "Price match", note)
//       the rest are left pending (authorized)
// Writes what the harness needs (key, ids) as JSON to $SEED_OUT.
// Env: MEDUSA_URL (for the thumbnail), API_ORDERS (default 3), SEED_OUT.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  cancelOrderWorkflow,
  capturePaymentWorkflow,
  completeCartWorkflow,
  completeOrderWorkflow,
  createApiKeysWorkflow,
  createCartWorkflow,
  createCustomerAccountWorkflow,
  createInventoryLevelsWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
  createPromotionsWorkflow,
  createRefundReasonsWorkflow,
  createRegionsWorkflow,
  createShippingOptionsWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUserAccountWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  refundPaymentWorkflow,
  updateCartPromotionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { writeFileSync } from "fs"

const BUYER = { email: "buyer@example.com", password: "buyer-pass-123", first_name: "Test", last_name: "Buyer" }
const ADMIN = { email: "admin@example.com", password: "supersecret" }
const OTHER = { email: "other@example.com", password: "other-pass-123", first_name: "Other", last_name: "Customer" }
const PROMO_CODE = "PATRON10"
const TRACKING = [["1Z999AA10123456784"], ["1Z999AA10123456785", "1Z999AA10123456786"]]

function check(cond: unknown, what: string): void {
  if (!cond) {
    throw new Error("seed check failed: " + what)
  }
}

export default async function seed({ container }: ExecArgs) {
  const t0 = Date.now()
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const storeModule = container.resolve(Modules.STORE)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const authModule = container.resolve(Modules.AUTH)

  const baseUrl = process.env.MEDUSA_URL || "http://127.0.0.1:9100"
  const apiOrders = parseInt(process.env.API_ORDERS || "3", 10)
  const thumbnail = baseUrl + "/static/test-t-shirt-m.png"

  // ---------------------------------------------------------------- store, regions, taxes
  const [store] = await storeModule.listStores()
  let [salesChannel] = await salesChannelModule.listSalesChannels({ name: "Default Sales Channel" })
  if (!salesChannel) {
    ;[salesChannel] = await salesChannelModule.createSalesChannels([{ name: "Default Sales Channel" }])
  }
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "Patron Test Store",
        supported_currencies: [
          { currency_code: "usd", is_default: true },
          { currency_code: "eur" },
          { currency_code: "jpy" },
          { currency_code: "kwd" },
        ],
        default_sales_channel_id: salesChannel.id,
      } as any,
    },
  })

  // one at a time: ids made in the same millisecond sort at random, and GET /store/regions
  // lists them by id (United States first, then EU, Japan, Kuwait)
  const regions: any[] = []
  for (const [name, currency_code, countries] of [
    ["United States", "usd", ["us"]], ["EU", "eur", ["de", "fr"]], ["Japan", "jpy", ["jp"]], ["Kuwait", "kwd", ["kw"]],
  ] as [string, string, string[]][]) {
    const { result } = await createRegionsWorkflow(container).run({
      input: { regions: [{ name, currency_code, countries, payment_providers: ["pp_system_default"] }] },
    })
    regions.push(result[0])
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const region = (currency: string) => regions.find((r: any) => r.currency_code === currency)!
  await createTaxRegionsWorkflow(container).run({
    input: [
      { country_code: "us", provider_id: "tp_system" },
      { country_code: "de", provider_id: "tp_system" },
      { country_code: "fr", provider_id: "tp_system" },
      { country_code: "kw", provider_id: "tp_system" },
      {
        country_code: "jp", provider_id: "tp_system",
        default_tax_rate: { rate: 10, code: "JP-CT", name: "Consumption tax" },
      },
    ] as any,
  })

  // ---------------------------------------------------------------- shipping
  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Warehouse", address: { city: "Springfield", country_code: "US", address_1: "1 Depot Rd" } }] },
  })
  const location = locations[0]
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const [shippingProfile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: "Worldwide delivery",
    type: "shipping",
    service_zones: [{
      name: "Everywhere we sell",
      geo_zones: ["us", "de", "fr", "jp", "kw"].map((country_code) => ({ country_code, type: "country" })),
    }],
  } as any)
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const { result: shippingOptions } = await createShippingOptionsWorkflow(container).run({
    input: [{
      name: "Standard Shipping",
      price_type: "flat",
      provider_id: "manual_manual",
      service_zone_id: fulfillmentSet.service_zones[0].id,
      shipping_profile_id: shippingProfile.id,
      type: { label: "Standard", description: "Ship in 2-3 days.", code: "standard" },
      prices: [
        { currency_code: "usd", amount: 8 },
        { currency_code: "eur", amount: 8 },
        { currency_code: "jpy", amount: 500 },
        { currency_code: "kwd", amount: 1.25 },
      ],
      rules: [
        { attribute: "enabled_in_store", value: "true", operator: "eq" },
        { attribute: "is_return", value: "false", operator: "eq" },
      ],
    }] as any,
  })
  const shippingOption = shippingOptions[0]
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannel.id] } })

  // ---------------------------------------------------------------- key, product, promotion
  const { result: apiKeys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Patron Test Store", type: "publishable", created_by: "" }] },
  })
  const apiKey = apiKeys[0]
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannel.id] } })

  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [{
        title: "Test T-Shirt",
        description: "Harness product",
        handle: "test-t-shirt",
        status: ProductStatus.PUBLISHED,
        thumbnail,
        weight: 400,
        shipping_profile_id: shippingProfile.id,
        options: [{ title: "Size", values: ["M"] }],
        variants: [{
          title: "M",
          sku: "TEE-M",
          options: { Size: "M" },
          prices: [
            { amount: 19.5, currency_code: "usd" },
            { amount: 17.5, currency_code: "eur" },
            { amount: 2800, currency_code: "jpy" },
            { amount: 5.125, currency_code: "kwd" },
          ],
        }],
        sales_channels: [{ id: salesChannel.id }],
      }] as any,
    },
  })
  const variant = products[0].variants[0]
  const { data: inventoryItems } = await query.graph({ entity: "inventory_item", fields: ["id"], filters: { sku: "TEE-M" } })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: inventoryItems.map((i: any) => ({
        location_id: location.id, inventory_item_id: i.id, stocked_quantity: 1000000,
      })),
    },
  })

  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [{
        code: PROMO_CODE,
        type: "standard",
        status: "active",
        is_automatic: false,
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10 },
      }] as any,
    },
  })
  const { result: refundReasons } = await createRefundReasonsWorkflow(container).run({
    input: { data: [{ label: "Price match", code: "price_match", description: "Matched a lower price" }] },
  })

  // ---------------------------------------------------------------- customers
  const customers: Record<string, any> = {}
  for (const who of [BUYER, OTHER]) {
    const { success, authIdentity, error } = await authModule.register("emailpass", {
      body: { email: who.email, password: who.password },
    } as any)
    if (!success || !authIdentity) {
      throw new Error(`registering ${who.email} failed: ${error}`)
    }
    const { result } = await createCustomerAccountWorkflow(container).run({
      input: {
        authIdentityId: authIdentity.id,
        customerData: { email: who.email, first_name: who.first_name, last_name: who.last_name },
      },
    })
    customers[who.email] = result
  }
  const buyer = customers[BUYER.email]
  // an admin user (POST /auth/user/emailpass), for tests that need the Admin API
  {
    const { success, authIdentity, error } = await authModule.register("emailpass", {
      body: { email: ADMIN.email, password: ADMIN.password },
    } as any)
    if (!success || !authIdentity) {
      throw new Error(`registering ${ADMIN.email} failed: ${error}`)
    }
    await createUserAccountWorkflow(container).run({
      input: { authIdentityId: authIdentity.id, userData: { email: ADMIN.email, first_name: "Admin" } },
    })
  }

  // ---------------------------------------------------------------- orders
  const addressIn = (country_code: string) => ({
    first_name: "Test", last_name: "Buyer", address_1: "1 Main St", city: "Springfield",
    country_code, postal_code: "12345", phone: "+15550100",
  })
  const orderFields = [
    "id", "display_id", "status", "currency_code", "total", "discount_total", "tax_total",
    "items.id", "items.quantity", "items.thumbnail",
    "payment_collections.payments.id", "fulfillments.id", "fulfillments.labels.tracking_number",
  ]
  const getOrder = async (id: string) => {
    const { data: [order] } = await query.graph({ entity: "order", fields: orderFields, filters: { id } })
    return order as any
  }
  async function placeOrder(currency: string, country: string, quantity: number, promo?: string) {
    const { result: cart } = await createCartWorkflow(container).run({
      input: {
        region_id: region(currency).id, sales_channel_id: salesChannel.id, customer_id: buyer.id,
        email: BUYER.email, currency_code: currency, items: [{ variant_id: variant.id, quantity }],
        shipping_address: addressIn(country), billing_address: addressIn(country),
      } as any,
    })
    await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cart.id, options: [{ id: shippingOption.id }] } })
    if (promo) {
      await updateCartPromotionsWorkflow(container).run({ input: { cart_id: cart.id, promo_codes: [promo], action: "add" as any } })
    }
    await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
    const { data: [withCollection] } = await query.graph({
      entity: "cart", fields: ["id", "payment_collection.id"], filters: { id: cart.id },
    })
    await createPaymentSessionsWorkflow(container).run({
      input: { payment_collection_id: (withCollection as any).payment_collection.id, provider_id: "pp_system_default" },
    })
    const { result } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
    const order = await getOrder(result.id)
    check(order && order.currency_code === currency, `order in ${currency}`)
    check(order.items.every((i: any) => i.thumbnail === thumbnail), "items carry the thumbnail")
    return order
  }
  const paymentOf = (order: any) => order.payment_collections[0].payments[0].id

  const roles: Record<string, string> = {}
  const orders: any[] = []

  const yen = await placeOrder("jpy", "jp", 1)
  check(Number(yen.tax_total) > 0 && Number.isInteger(Number(yen.total)), `jpy order: total ${yen.total}, tax ${yen.tax_total}`)
  orders.push(yen)
  roles.jpy = yen.id

  const promoted = await placeOrder("usd", "us", 2, PROMO_CODE)
  check(Number(promoted.discount_total) > 0, `promotion applied, discount_total ${promoted.discount_total}`)
  orders.push(promoted)
  roles.promotion = promoted.id

  const dinars = await placeOrder("kwd", "kw", 3)
  check(Number(dinars.total) === 3 * 5.125 + 1.25, `kwd order total ${dinars.total}`)
  orders.push(dinars)
  roles.kwd = dinars.id

  const euros = await placeOrder("eur", "de", 1)
  orders.push(euros)
  roles.eur = euros.id

  const canceled = await placeOrder("usd", "us", 1)
  await cancelOrderWorkflow(container).run({ input: { order_id: canceled.id } })
  orders.push(canceled)
  roles.canceled = canceled.id

  const usOrders: any[] = []
  for (let i = 0; i < apiOrders; i++) {
    usOrders.push(await placeOrder("usd", "us", 2 + (i % 3)))
  }
  orders.push(...usOrders)

  if (usOrders.length > 0) {
    // captured, shipped in two parcels with tracking labels, completed
    const o = usOrders[0]
    const item = o.items[0]
    const parts = item.quantity >= 2 ? [1, item.quantity - 1] : [item.quantity]
    await capturePaymentWorkflow(container).run({ input: { payment_id: paymentOf(o) } })
    for (let k = 0; k < parts.length; k++) {
      const items = [{ id: item.id, quantity: parts[k] }]
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: o.id, items, location_id: location.id },
      })
      await createOrderShipmentWorkflow(container).run({
        input: {
          order_id: o.id, fulfillment_id: fulfillment.id, items,
          labels: TRACKING[k].map((n) => ({
            tracking_number: n,
            tracking_url: "https://www.ups.com/track?tracknum=" + n,
            label_url: baseUrl + "/static/label-" + n + ".pdf",
          })),
        },
      })
    }
    await completeOrderWorkflow(container).run({ input: { orderIds: [o.id] } })
    const shipped = await getOrder(o.id)
    check(shipped.status === "completed", "shipped order completed, got " + shipped.status)
    check(shipped.fulfillments.length === parts.length, "shipped order has its fulfillments")
    roles.shipped = o.id
  }
  if (usOrders.length > 1) {
    const o = usOrders[1]
    await capturePaymentWorkflow(container).run({ input: { payment_id: paymentOf(o) } })
    await refundPaymentWorkflow(container).run({
      input: { payment_id: paymentOf(o), amount: 5, note: "Price match", refund_reason_id: refundReasons[0].id },
    })
    roles.refunded = o.id
  }
  if (usOrders.length > 2) {
    roles.pending = usOrders[usOrders.length - 1].id
  }

  const out = {
    publishable_key: apiKey.token,
    api_key_id: apiKey.id,
    sales_channel_id: salesChannel.id,
    regions: Object.fromEntries(regions.map((r: any) => [r.currency_code, r.id])),
    stock_location_id: location.id,
    shipping_option_id: shippingOption.id,
    product_id: products[0].id,
    variant_id: variant.id,
    promotion_code: PROMO_CODE,
    buyer_id: buyer.id,
    other_id: customers[OTHER.email].id,
    orders: roles,
    order_count: orders.length,
  }
  writeFileSync(process.env.SEED_OUT || "seed-out.json", JSON.stringify(out, null, 2) + "\n")
  logger.info(`seeded ${orders.length} orders for ${BUYER.email} in ${Date.now() - t0} ms`)
}
