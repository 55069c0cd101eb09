import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { sessionDataFromReservation } from "../../../../lib/instructions"
import type { MootaOptions } from "../../../../lib/options"
import { MOOTA_MODULE } from "../../../../modules/moota"
import type MootaModuleService from "../../../../modules/moota/service"
import type { ReservationRow } from "../../../../modules/moota/types"
import { buyerStatus, paymentFromSessionData } from "../../../../storefront/status"
import type { MootaBuyerPayment } from "../../../../storefront/types"

const PROVIDER_ID = "pp_moota_moota"

/** The Moota payment session behind a cart or an order, and what the buyer's status depends on. */
export type PaymentRef = {
  session_id: string
  cart_id: string | null
  order_id: string | null
  order_status: string | null
}

type SessionRow = { id: string; provider_id: string; created_at?: string | Date | null }

/** The newest live Moota session: a cart whose total changed has a new one (the old is deleted). */
function latestMootaSession(sessions: (SessionRow | null | undefined)[]): SessionRow | undefined {
  return sessions
    .filter((s): s is SessionRow => !!s && s.provider_id === PROVIDER_ID)
    .sort((a, b) => new Date(b.created_at ?? 0).getTime() - new Date(a.created_at ?? 0).getTime())[0]
}

const SESSION_FIELDS = ["id", "provider_id", "created_at"]

/**
 * A cart's Moota payment. The cart id is the credential, as for Medusa's own cart routes; the cart must
 * also belong to a sales channel of the request's publishable key.
 */
export async function findCartPayment(scope: MedusaContainer, cartId: string, salesChannelIds: string[]): Promise<PaymentRef> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "sales_channel_id",
      ...SESSION_FIELDS.map((f) => `payment_collection.payment_sessions.${f}`),
      "order.id",
      "order.status",
    ],
    filters: { id: cartId },
  })
  const cart = data[0] as any
  if (!cart || !salesChannelIds.includes(cart.sales_channel_id)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${cartId} not found`)
  }
  const session = latestMootaSession(cart.payment_collection?.payment_sessions ?? [])
  if (!session) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${cartId} has no Moota payment`)
  }
  return { session_id: session.id, cart_id: cart.id, order_id: cart.order?.id ?? null, order_status: cart.order?.status ?? null }
}

export type OrderAccess = {
  /** The email the buyer typed (or the storefront kept from checkout). */
  email?: string
  /** The signed-in customer, if any. */
  customerId?: string | null
  salesChannelIds: string[]
}

/**
 * An order's Moota payment, only for whoever may see the order: the customer who placed it (signed
 * in), or anyone who knows both the order id and the email it was placed with. A wrong email answers
 * exactly like a missing order, so the route tells nothing about which order ids exist.
 */
export async function findOrderPayment(scope: MedusaContainer, orderId: string, access: OrderAccess): Promise<PaymentRef> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "email",
      "customer_id",
      "status",
      "sales_channel_id",
      ...SESSION_FIELDS.map((f) => `payment_collections.payment_sessions.${f}`),
      "cart.id",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as any
  const inChannel = !!order && access.salesChannelIds.includes(order.sales_channel_id)
  const isOwner = inChannel && !!access.customerId && order.customer_id === access.customerId
  if (!isOwner) {
    if (!access.email) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Field 'email' is required: give the email the order was placed with, or sign in as the customer who placed it"
      )
    }
    if (!inChannel || normalizeEmail(order.email) !== normalizeEmail(access.email)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No order ${orderId} with this email`)
    }
  }
  const session = latestMootaSession((order.payment_collections ?? []).flatMap((pc: any) => pc?.payment_sessions ?? []))
  if (!session) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} has no Moota payment`)
  }
  return { session_id: session.id, cart_id: order.cart?.id ?? null, order_id: order.id, order_status: order.status ?? null }
}

function normalizeEmail(email: unknown): string {
  return typeof email === "string" ? email.trim().toLowerCase() : ""
}

/** The instructions the buyer saw at checkout, rebuilt from the reservation, with the live status. */
export async function loadBuyerPayment(scope: MedusaContainer, ref: PaymentRef, now = new Date()): Promise<MootaBuyerPayment> {
  const moota = scope.resolve<MootaModuleService>(MOOTA_MODULE)
  const reservation = await moota.getReservationBySession(ref.session_id)
  if (!reservation) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Moota payment for session ${ref.session_id}`)
  }
  return toBuyerPayment(reservation, moota.getOptions(), ref, now)
}

export function toBuyerPayment(r: ReservationRow, options: MootaOptions, ref: PaymentRef, now = new Date()): MootaBuyerPayment {
  const ids = { cart_id: ref.cart_id, order_id: ref.order_id ?? r.order_id ?? null }
  // The stored row knows more than session data: a cancel (release reason) and the order's status.
  return {
    ...paymentFromSessionData(sessionDataFromReservation(r, options), ids, now),
    status: buyerStatus(r, { orderStatus: ref.order_status, now }),
  }
}
