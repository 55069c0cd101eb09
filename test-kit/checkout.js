// @ts-check
"use strict"

/**
 * The test buyer's checkout through the store API, as a storefront does it (cart -> Moota payment
 * session -> completed order), and what the merchant then sees of the order's money. Works on any
 * shop that can call its API: a store started by ./store.js, or the HTTP tier's test server.
 */

const { registerTypeScript } = require("./typescript")

registerTypeScript()
/** Medusa's id of the Moota payment provider, as the plugin exports it. */
/** @type {typeof import("../src/providers/moota/constants")} */
const { MOOTA_PROVIDER_ID } = require("../src/providers/moota/constants")

/** The test buyer's Indonesian address (shipping and billing). */
const BUYER_ADDRESS = {
  first_name: "Budi",
  last_name: "Santoso",
  address_1: "Jl. Merdeka 10",
  city: "Bandung",
  postal_code: "40111",
  country_code: "id",
  phone: "081234567890",
}
const BUYER_EMAIL = "budi@example.com"

/**
 * A call to the API that answers the parsed JSON and throws on a non-2xx answer.
 * @typedef {(method: string, path: string, body?: unknown) => Promise<any>} ApiCall
 */
/**
 * The ids of the dev seed (dev/seed-dev-store.ts) a checkout needs.
 * @typedef {{ region_id: string; variant_id: string; shipping_option_id: string }} ShopSeed
 */
/**
 * A shop the buyer can use: the store API with the publishable key, and the seeded ids.
 * @typedef {{ storeApi: ApiCall; seed: ShopSeed }} Shop
 */

/**
 * A cart with the seeded product, the buyer's address and e-mail, and shipping chosen.
 *
 * @param {Shop} shop
 * @param {number} [quantity]
 * @returns {Promise<any>} the cart, read again after the last change
 */
async function cartReadyForPayment(shop, quantity = 1) {
  const { cart } = await shop.storeApi("POST", "/store/carts", { region_id: shop.seed.region_id })
  await shop.storeApi("POST", `/store/carts/${cart.id}/line-items`, { variant_id: shop.seed.variant_id, quantity })
  await shop.storeApi("POST", `/store/carts/${cart.id}`, { email: BUYER_EMAIL, shipping_address: BUYER_ADDRESS, billing_address: BUYER_ADDRESS })
  await shop.storeApi("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: shop.seed.shipping_option_id })
  return (await shop.storeApi("GET", `/store/carts/${cart.id}`)).cart
}

/**
 * The cart's payment collection.
 *
 * @param {Shop} shop
 * @param {string} cartId
 * @returns {Promise<any>}
 */
async function paymentCollectionOf(shop, cartId) {
  return (await shop.storeApi("POST", "/store/payment-collections", { cart_id: cartId })).payment_collection
}

/**
 * Starts a Moota payment session on the cart (with the buyer's choice in `data`, e.g. a bank_id).
 *
 * @param {Shop} shop
 * @param {string} cartId
 * @param {Record<string, unknown>} [data]
 * @returns {Promise<{ collection: any; session: any }>}
 */
async function startMootaSession(shop, cartId, data) {
  const pc = await paymentCollectionOf(shop, cartId)
  const { payment_collection: collection } = await shop.storeApi("POST", `/store/payment-collections/${pc.id}/payment-sessions`, {
    provider_id: MOOTA_PROVIDER_ID,
    ...(data ? { data } : {}),
  })
  const session = collection.payment_sessions.find((/** @type {any} */ s) => s.provider_id === MOOTA_PROVIDER_ID)
  return { collection, session }
}

/**
 * Cart, Moota session and completion: an order awaiting its transfer.
 *
 * @param {Shop} shop
 * @param {Record<string, unknown>} [data] the buyer's choice for the session
 * @param {number} [quantity] items of the seeded product (another total per quantity)
 * @returns {Promise<{ order_id: string; display_id: number; cart_id: string; session: any }>}
 */
async function placeMootaOrder(shop, data, quantity = 1) {
  const cart = await cartReadyForPayment(shop, quantity)
  const { session } = await startMootaSession(shop, cart.id, data)
  const completed = await shop.storeApi("POST", `/store/carts/${cart.id}/complete`, {})
  if (completed.type !== "order") {
    throw new Error(`cart did not complete: ${JSON.stringify(completed.error ?? completed)}`)
  }
  return { order_id: completed.order.id, display_id: completed.order.display_id, cart_id: cart.id, session }
}

/**
 * A draft order of the seeded product (a sale over chat), converted to an order as the merchant does in
 * the admin, through Medusa's own routes: an order with nothing paid and no Moota payment yet.
 *
 * @param {{ adminApi: ApiCall; seed: ShopSeed & { sales_channel_id: string } }} shop
 * @param {{ email: string; address: Record<string, string> }} [buyer] the test buyer by default
 * @returns {Promise<any>} the order, as the convert route answers it
 */
async function convertedDraftOrder(shop, buyer = { email: BUYER_EMAIL, address: BUYER_ADDRESS }) {
  const { draft_order } = await shop.adminApi("POST", "/admin/draft-orders", {
    email: buyer.email,
    region_id: shop.seed.region_id,
    sales_channel_id: shop.seed.sales_channel_id,
    items: [{ variant_id: shop.seed.variant_id, quantity: 1 }],
    shipping_address: buyer.address,
    billing_address: buyer.address,
  })
  const { order } = await shop.adminApi("POST", `/admin/draft-orders/${draft_order.id}/convert-to-order`, {})
  return order
}

const ORDER_FIELDS = [
  "id",
  "status",
  "total",
  "payment_status",
  "summary",
  "*payment_collections",
  "*payment_collections.payment_sessions",
  "*payment_collections.payments",
  "*payment_collections.payments.captures",
].join(",")

/**
 * What the merchant sees of an order's money in the admin API.
 *
 * @param {{ adminApi: ApiCall }} shop
 * @param {string} orderId
 */
async function orderMoney(shop, orderId) {
  const { order } = await shop.adminApi("GET", `/admin/orders/${orderId}?fields=${ORDER_FIELDS}`)
  /** @type {any[]} */
  const pcs = order.payment_collections ?? []
  const payments = pcs.flatMap((pc) => pc.payments ?? [])
  const captures = payments.flatMap((p) => p.captures ?? [])
  const session = pcs.flatMap((pc) => pc.payment_sessions ?? []).find((s) => s.provider_id === MOOTA_PROVIDER_ID)
  return {
    id: /** @type {string} */ (order.id),
    status: /** @type {string} */ (order.status),
    total: Number(order.total),
    payment_status: /** @type {string} */ (order.payment_status),
    payments: payments.length,
    captures: captures.length,
    captured: captures.reduce((sum, c) => sum + Number(c.amount), 0),
    /** What the order's own ledger (order transactions) says was paid. */
    paid_total: order.summary ? Number(order.summary.paid_total) : null,
    session_status: /** @type {string | undefined} */ (session?.status),
    session_data: session?.data,
  }
}

/**
 * Signs an admin in through the real auth route; answers the headers of its bearer token.
 *
 * @param {ApiCall} api the API without credentials
 * @param {{ email: string; password: string }} user
 * @returns {Promise<Record<string, string>>}
 */
async function signInAdmin(api, user) {
  const { token } = await api("POST", "/auth/user/emailpass", user)
  return { authorization: `Bearer ${token}` }
}

module.exports = {
  MOOTA_PROVIDER_ID,
  BUYER_ADDRESS,
  cartReadyForPayment,
  paymentCollectionOf,
  startMootaSession,
  placeMootaOrder,
  convertedDraftOrder,
  orderMoney,
  signInAdmin,
}
