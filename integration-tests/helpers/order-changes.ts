import type { TestStore } from "./store"

/**
 * Changes to a placed order through Medusa's own admin routes, as a merchant makes them in the
 * dashboard: an order edit, a fulfillment, an exchange, a claim, a refund. Shared by the order
 * lifecycle spec and the money simulation.
 */

/** An order edit adding `quantity` of the seeded product (Rp150.000 each), requested and confirmed. */
export async function addItemByOrderEdit(store: TestStore, orderId: string, quantity = 1) {
  const { order_change } = await store.adminApi("POST", "/admin/order-edits", { order_id: orderId })
  await store.adminApi("POST", `/admin/order-edits/${orderId}/items`, { items: [{ variant_id: store.seed.variant_id, quantity }] })
  await store.adminApi("POST", `/admin/order-edits/${orderId}/request`, {})
  await store.adminApi("POST", `/admin/order-edits/${orderId}/confirm`, {})
  return order_change
}

/** Fulfills every item (a return, exchange or claim takes fulfilled items); answers the first item. */
export async function fulfillAll(store: TestStore, orderId: string): Promise<{ id: string }> {
  const { order } = await store.adminApi("GET", `/admin/orders/${orderId}?fields=id,*items`)
  const { stock_locations } = await store.adminApi("GET", "/admin/stock-locations")
  await store.adminApi("POST", `/admin/orders/${orderId}/fulfillments`, {
    location_id: stock_locations[0].id,
    items: (order.items as any[]).map((i) => ({ id: i.id, quantity: Number(i.quantity) })),
  })
  return order.items[0]
}

/** An exchange of one fulfilled item for `quantity` of the seeded product, at `unitPrice` when given. */
export async function exchangeItem(store: TestStore, orderId: string, itemId: string, out: { quantity: number; unitPrice?: number }) {
  const { exchange } = await store.adminApi("POST", "/admin/exchanges", { order_id: orderId })
  await store.adminApi("POST", `/admin/exchanges/${exchange.id}/inbound/items`, { items: [{ id: itemId, quantity: 1 }] })
  await store.adminApi("POST", `/admin/exchanges/${exchange.id}/outbound/items`, {
    items: [{ variant_id: store.seed.variant_id, quantity: out.quantity, ...(out.unitPrice ? { unit_price: out.unitPrice } : {}) }],
  })
  await store.adminApi("POST", `/admin/exchanges/${exchange.id}/request`, {})
  return exchange
}

/** A replacement claim for one fulfilled item: the new item is sent at `unitPrice`. */
export async function claimReplacing(store: TestStore, orderId: string, itemId: string, unitPrice: number) {
  const { claim } = await store.adminApi("POST", "/admin/claims", { order_id: orderId, type: "replace" })
  await store.adminApi("POST", `/admin/claims/${claim.id}/claim-items`, { items: [{ id: itemId, quantity: 1, reason: "production_failure" }] })
  await store.adminApi("POST", `/admin/claims/${claim.id}/outbound/items`, {
    items: [{ variant_id: store.seed.variant_id, quantity: 1, unit_price: unitPrice }],
  })
  await store.adminApi("POST", `/admin/claims/${claim.id}/request`, {})
  return claim
}

/** The order's Moota Payment (the first), for Medusa's refund route. */
export async function mootaPaymentOf(store: TestStore, orderId: string) {
  const { order } = await store.adminApi("GET", `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payments`)
  return (order.payment_collections as any[]).flatMap((pc) => pc.payments ?? []).find((p: any) => p.provider_id === "pp_moota_moota")
}

/**
 * What the order's payment collections still ask (amount minus captured, canceled ones aside): what
 * Medusa opened for an edit, exchange or claim. Medusa's admin order route counts an exchanged item
 * until its return is received (its `pending_difference` there is the full new item), while the
 * collection it opens already credits the returned item.
 */
export async function collectionsOwe(store: TestStore, orderId: string): Promise<number> {
  const { order } = await store.adminApi("GET", `/admin/orders/${orderId}?fields=id,*payment_collections`)
  return (order.payment_collections as any[])
    .filter((c) => c.status !== "canceled")
    .reduce((sum, c) => sum + Math.max(0, Number(c.amount) - Number(c.captured_amount ?? 0)), 0)
}
