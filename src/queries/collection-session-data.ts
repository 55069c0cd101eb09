import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * What a Moota session on a payment collection needs that Medusa does not hand the provider: the
 * buyer's contact (Moota needs phone, e-mail and name for a VA or QR), what the collection still
 * owes, and the order it pays. Read here, on the server, for any collection: a cart's, or one an
 * order edit, exchange, claim or the merchant opened on an order.
 */

type Address = { first_name?: string | null; last_name?: string | null; phone?: string | null } | null | undefined
type Contact = { email?: string | null; shipping_address?: Address; billing_address?: Address }
type GraphCollection = {
  id: string
  amount?: number | string | null
  captured_amount?: number | string | null
  cart?: (Contact & { id: string }) | null
  order?: (Contact & { id: string; display_id?: number | null }) | null
}

const CONTACT = ["email", ...["billing_address", "shipping_address"].flatMap((a) => [`${a}.phone`, `${a}.first_name`, `${a}.last_name`])]

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null)

/** Keys the server sets on Moota session data; a storefront's own values for them are dropped. */
export const SERVER_SESSION_KEYS = ["payment_collection_id", "amount_due", "order_id", "order_display_id", "for_cart"] as const

export type CollectionSessionData = {
  payment_collection_id: string
  /** Collection amount minus what is already captured on it: never ask for more. */
  amount_due: number
  /** The order the collection pays, when it belongs to one (an order's own collection or a placed cart's). */
  order_id?: string
  order_display_id?: number
  /** True for a cart's collection: the first payment of the order, not an additional one. */
  for_cart: boolean
  email?: string
  phone?: string
  name?: string
}

/** The collection's context, or null when there is no such collection. */
export async function collectionSessionData(scope: MedusaContainer, collectionId: string): Promise<CollectionSessionData | null> {
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment_collection",
    fields: [
      "id",
      "amount",
      "captured_amount",
      "cart.id",
      ...CONTACT.map((f) => `cart.${f}`),
      "order.id",
      "order.display_id",
      ...CONTACT.map((f) => `order.${f}`),
    ],
    filters: { id: collectionId },
  })
  const pc = data[0] as GraphCollection | undefined
  if (!pc) {
    return null
  }
  // The order's own details win over the cart's: the merchant may have corrected them after checkout.
  const sources: Contact[] = [pc.order, pc.cart].filter((c): c is NonNullable<typeof c> => !!c)
  const addresses = sources.flatMap((c) => [c.billing_address, c.shipping_address])
  const email = sources.map((c) => text(c.email)).find(Boolean)
  const phone = addresses.map((a) => text(a?.phone)).find(Boolean)
  const name = addresses.map((a) => text([a?.first_name, a?.last_name].filter(Boolean).join(" "))).find(Boolean)
  const due = Math.max(0, Number(pc.amount ?? 0) - Number(pc.captured_amount ?? 0))
  return {
    payment_collection_id: pc.id,
    amount_due: Math.round(due),
    ...(pc.order?.id ? { order_id: pc.order.id } : {}),
    ...(pc.order?.display_id != null ? { order_display_id: Number(pc.order.display_id) } : {}),
    for_cart: !!pc.cart?.id,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(name ? { name } : {}),
  }
}

/**
 * Session data for a Moota session on this collection: what the storefront sent (its buyer details
 * win, as the buyer typed them), with the server's keys set from the collection.
 */
export function mootaSessionData(sent: Record<string, unknown>, ctx: CollectionSessionData): Record<string, unknown> {
  const own = Object.fromEntries(
    Object.entries(sent).filter(([k, v]) => !(SERVER_SESSION_KEYS as readonly string[]).includes(k) && v !== undefined && v !== null && v !== "")
  )
  const { email, phone, name, ...server } = ctx
  return { ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(name ? { name } : {}), ...own, ...server }
}
