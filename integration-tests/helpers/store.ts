import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import { seedDevStore, type SeedResult } from "../../scripts/seed-dev-store"

/** The `api` object medusaIntegrationTestRunner hands to suites (an axios instance on the test server). */
export type Api = {
  get: (url: string, config?: Record<string, unknown>) => Promise<{ status: number; data: any }>
  post: (url: string, body?: unknown, config?: Record<string, unknown>) => Promise<{ status: number; data: any }>
  delete: (url: string, config?: Record<string, unknown>) => Promise<{ status: number; data: any }>
}

export type TestStore = SeedResult & {
  storeHeaders: { headers: Record<string, string> }
  adminHeaders: { headers: Record<string, string> }
}

const ADMIN = { email: "admin@toko-contoh.test", password: "rahasia-admin-123" }

/** Seeds the store and signs an admin in through the real auth routes. */
export async function setUpStore(api: Api, container: MedusaContainer): Promise<TestStore> {
  const seed = await seedDevStore(container)
  const authModule = container.resolve(Modules.AUTH)
  const { authIdentity } = await authModule.register("emailpass", {
    body: { email: ADMIN.email, password: ADMIN.password },
  } as any)
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity!.id, userData: { email: ADMIN.email } },
  })
  const login = await api.post("/auth/user/emailpass", ADMIN)
  return {
    ...seed,
    storeHeaders: { headers: { "x-publishable-api-key": seed.publishable_key } },
    adminHeaders: { headers: { authorization: `Bearer ${login.data.token}` } },
  }
}

/** A cart with the seeded product, an Indonesian address and shipping chosen. */
export async function cartReadyForPayment(api: Api, store: TestStore, quantity = 1): Promise<any> {
  const h = store.storeHeaders
  const { data: created } = await api.post("/store/carts", { region_id: store.region_id }, h)
  const cartId = created.cart.id
  await api.post(`/store/carts/${cartId}/line-items`, { variant_id: store.variant_id, quantity }, h)
  const address = {
    first_name: "Budi",
    last_name: "Santoso",
    address_1: "Jl. Merdeka 10",
    city: "Bandung",
    postal_code: "40111",
    country_code: "id",
    phone: "081234567890",
  }
  await api.post(`/store/carts/${cartId}`, { email: "budi@example.com", shipping_address: address, billing_address: address }, h)
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: store.shipping_option_id }, h)
  const { data } = await api.get(`/store/carts/${cartId}`, h)
  return data.cart
}

/** Starts a Moota payment session on the cart; returns the collection and the Moota session. */
export async function startMootaSession(
  api: Api,
  store: TestStore,
  cartId: string,
  data?: Record<string, unknown>
): Promise<{ collection: any; session: any }> {
  const h = store.storeHeaders
  const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, h)
  const { data: res } = await api.post(
    `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_moota_moota", ...(data ? { data } : {}) },
    h
  )
  const session = res.payment_collection.payment_sessions.find((s: any) => s.provider_id === "pp_moota_moota")
  return { collection: res.payment_collection, session }
}

/** Cart, Moota session and completion: an order awaiting its transfer. */
export async function placeMootaOrder(
  api: Api,
  store: TestStore,
  data?: Record<string, unknown>
): Promise<{ order_id: string; session: any; cart_id: string }> {
  const cart = await cartReadyForPayment(api, store)
  const { session } = await startMootaSession(api, store, cart.id, data)
  const { data: completed } = await api.post(`/store/carts/${cart.id}/complete`, {}, store.storeHeaders)
  if (completed.type !== "order") {
    throw new Error(`cart did not complete: ${JSON.stringify(completed.error ?? completed)}`)
  }
  return { order_id: completed.order.id, session, cart_id: cart.id }
}

/** What the merchant sees of an order's money in the admin API. */
export async function orderPayment(
  api: Api,
  store: TestStore,
  orderId: string
): Promise<{ status: string; payment_status: string; payments: number; captured: number; session_status: string; session_data: any }> {
  const { data } = await api.get(
    `/admin/orders/${orderId}?fields=id,status,payment_status,*payment_collections,*payment_collections.payment_sessions,*payment_collections.payments,*payment_collections.payments.captures`,
    store.adminHeaders
  )
  const pcs = data.order.payment_collections ?? []
  const payments = pcs.flatMap((pc: any) => pc.payments ?? [])
  const captures = payments.flatMap((p: any) => p.captures ?? [])
  const session = pcs.flatMap((pc: any) => pc.payment_sessions ?? []).find((s: any) => s.provider_id === "pp_moota_moota")
  return {
    status: data.order.status,
    payment_status: data.order.payment_status,
    payments: payments.length,
    captured: captures.reduce((sum: number, c: any) => sum + Number(c.amount), 0),
    session_status: session?.status,
    session_data: session?.data,
  }
}
