import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import type { ReservationRow } from "../modules/moota/types"
import { MOOTA_PROVIDER_ID } from "../providers/moota/constants"
import { ORDER_FIELDS, ORDER_FIELDS_NO_TOTAL, ORDER_OWN_FIELDS, toOrder, type GraphOrder, type MootaPayment, type MootaPaymentOrder } from "./order-fields"
import { orderMootaMoney, settledOrderMootaMoney, type OrderMootaMoney } from "./order-money"

export type { MootaPayment, MootaPaymentOrder }

/**
 * "The Moota payment of this order / cart / session, with its order": one `query.graph` each,
 * through the links in src/links (payment_session <-> moota_reservation) and Medusa's own
 * (payment_collection <-> order / cart).
 */

type GraphSession = {
  id: string
  provider_id: string
  moota_reservation?: ReservationRow | null
}
type GraphCart = {
  id: string
  sales_channel_id: string | null
  payment_collection?: { payment_sessions?: (GraphSession | null)[] } | null
  order?: GraphOrder | null
}
type GraphReservation = ReservationRow & {
  payment_session?: { payment_collection?: { order?: GraphOrder | null } | null } | null
}

const SESSION_FIELDS = ["id", "provider_id", "moota_reservation.*"]

/**
 * The reservations of the Moota sessions, newest first. The newest is the payment: a cart whose total
 * changed, or that was paid with Moota more than once, keeps only that one awaiting.
 */
function paymentsOf(sessions: (GraphSession | null | undefined)[]): MootaPayment[] {
  return sessions
    .filter((s): s is GraphSession & { moota_reservation: ReservationRow } => s?.provider_id === MOOTA_PROVIDER_ID && !!s.moota_reservation)
    .sort((a, b) => new Date(b.moota_reservation.created_at).getTime() - new Date(a.moota_reservation.created_at).getTime())
    .map((s) => ({ session_id: s.id, reservation: s.moota_reservation }))
}

/**
 * An order and its Moota payment (null when it was paid otherwise): the one the buyer is asked for
 * now, else the newest; with the order's whole Moota money (queries/order-money.ts). Null when there
 * is no such order.
 */
export async function mootaPaymentOfOrder(
  scope: MedusaContainer,
  orderId: string,
  /** Wait up to this long for a capture of the order in progress to end (settledOrderMootaMoney). */
  settleMs = 0
): Promise<{ order: MootaPaymentOrder; payment: MootaPayment | null; payments: MootaPayment[]; money: OrderMootaMoney } | null> {
  const money = settleMs ? await settledOrderMootaMoney(scope, orderId, settleMs) : await orderMootaMoney(scope, orderId)
  if (!money) {
    return null
  }
  return { order: money.order, payment: money.current, payments: [...money.payments].reverse(), money }
}

/** A cart, its Moota payment and the order placed with it, if any; null when there is no such cart. */
export async function mootaPaymentOfCart(
  scope: MedusaContainer,
  cartId: string
): Promise<{ cart: { id: string; sales_channel_id: string | null }; order: MootaPaymentOrder | null; payment: MootaPayment | null } | null> {
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "cart",
    fields: [
      "id",
      "sales_channel_id",
      ...SESSION_FIELDS.map((f) => `payment_collection.payment_sessions.${f}`),
      ...ORDER_FIELDS.map((f) => `order.${f}`),
    ],
    filters: { id: cartId },
  })
  const cart = data[0] as GraphCart | undefined
  if (!cart) {
    return null
  }
  return {
    cart: { id: cart.id, sales_channel_id: cart.sales_channel_id ?? null },
    order: cart.order?.id ? toOrder(cart.order) : null,
    payment: paymentsOf(cart.payment_collection?.payment_sessions ?? [])[0] ?? null,
  }
}

/** A payment session's reservation and the order placed with it, if any; null when nothing is reserved. */
export async function mootaPaymentOfSession(scope: MedusaContainer, sessionId: string) {
  return await mootaPaymentWhere(scope, { session_id: sessionId })
}

/**
 * A reservation, by its id, and the order placed with it, if any; null when there is no such reservation.
 * Once the reservation names its order (set when it was placed), the order is read from the order module
 * alone: the buyer's "payment received" message runs this once per confirmation, a flash sale's worth at
 * a time, and the walk through the session, collection and cart links costs five more reads. The order's
 * `cart_id` is not read then (null); nothing that reads a reservation this way needs it.
 */
export async function mootaPaymentOfReservation(scope: MedusaContainer, reservationId: string) {
  const reservation = await scope.resolve<MootaModuleService>(MOOTA_MODULE).getReservation(reservationId)
  if (!reservation?.order_id) {
    // Not placed yet, or placed a moment ago by a transfer that raced the placement: the links know.
    return reservation ? await mootaPaymentWhere(scope, { id: reservationId }) : null
  }
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ORDER_OWN_FIELDS,
    filters: { id: reservation.order_id },
  })
  const order = (data as GraphOrder[])[0]
  return { session_id: reservation.session_id, reservation, order: order ? toOrder(order) : null }
}

async function mootaPaymentWhere(
  scope: MedusaContainer,
  filters: { id: string } | { session_id: string }
): Promise<(MootaPayment & { order: MootaPaymentOrder | null }) | null> {
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "moota_reservation",
    fields: ["*", ...ORDER_FIELDS_NO_TOTAL.map((f) => `payment_session.payment_collection.order.${f}`)],
    filters,
  })
  // Through unknown: the types Medusa generates for a running app (.medusa/types) read the DML json
  // column bank_ids as a record, where it holds the array of account ids.
  const row = data[0] as unknown as GraphReservation | undefined
  if (!row) {
    return null
  }
  const { payment_session, ...reservation } = row
  const order = payment_session?.payment_collection?.order
  return { session_id: reservation.session_id, reservation, order: order?.id ? toOrder(order) : null }
}

/** An order and its Moota payment (null when paid otherwise), or the NOT_FOUND the admin routes answer when there is no order. */
export async function requireOrderWithMootaPayment(
  scope: MedusaContainer,
  orderId: string
): Promise<{ order: MootaPaymentOrder; payment: MootaPayment | null }> {
  const found = await mootaPaymentOfOrder(scope, orderId)
  if (!found) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} not found`)
  }
  return { order: found.order, payment: found.payment }
}

/** An order's Moota payment, or the NOT_FOUND the admin routes answer when there is no order or no payment. */
export async function requireMootaPaymentOfOrder(
  scope: MedusaContainer,
  orderId: string
): Promise<{ order: MootaPaymentOrder; payment: MootaPayment }> {
  const found = await requireOrderWithMootaPayment(scope, orderId)
  if (!found.payment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} has no Moota payment`)
  }
  return { order: found.order, payment: found.payment }
}

/**
 * The order (if one was placed) behind each payment session, in one query. `total` is computed only
 * when asked for (it costs Medusa a totals calculation): the matcher does not need it, the admin does.
 */
export async function ordersOfSessions(
  scope: MedusaContainer,
  sessionIds: string[],
  options: { withTotal?: boolean } = {}
): Promise<Map<string, MootaPaymentOrder>> {
  const result = new Map<string, MootaPaymentOrder>()
  const unique = [...new Set(sessionIds.filter(Boolean))]
  if (!unique.length) {
    return result
  }
  const fields = options.withTotal ? ORDER_FIELDS : ORDER_FIELDS_NO_TOTAL
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment_session",
    fields: ["id", ...fields.map((f) => `payment_collection.order.${f}`)],
    filters: { id: unique },
  })
  for (const s of data as { id: string; payment_collection?: { order?: GraphOrder | null } | null }[]) {
    const order = s.payment_collection?.order
    if (order?.id) {
      result.set(s.id, toOrder(order))
    }
  }
  return result
}

/**
 * The status of the order (if one was placed) behind each reservation, keyed by session: what the
 * matcher needs, and nothing more. A reservation names its order once it was placed: one read of the
 * order module for those; the few not named yet (the transfer raced the placement) go through
 * ordersOfSessions.
 */
export async function orderStatusesOfReservations(
  scope: MedusaContainer,
  reservations: { session_id: string; order_id: string | null }[]
): Promise<Map<string, { id: string; status: string }>> {
  const result = new Map<string, { id: string; status: string }>()
  const named = reservations.filter((r) => r.order_id)
  if (named.length) {
    const orders = await scope
      .resolve(Modules.ORDER)
      .listOrders({ id: [...new Set(named.map((r) => r.order_id!))] }, { select: ["id", "status"] })
    const byId = new Map(orders.map((o) => [o.id, { id: o.id, status: o.status as string }]))
    for (const r of named) {
      const order = byId.get(r.order_id!)
      if (order) {
        result.set(r.session_id, order)
      }
    }
  }
  const unnamed = reservations.filter((r) => !result.has(r.session_id)).map((r) => r.session_id)
  for (const [sessionId, order] of await ordersOfSessions(scope, unnamed)) {
    result.set(sessionId, { id: order.id, status: order.status })
  }
  return result
}

/** The order placed from a payment collection (a cart's), if any. */
export async function orderOfPaymentCollection(scope: MedusaContainer, paymentCollectionId: string): Promise<MootaPaymentOrder | null> {
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment_collection",
    fields: ["id", ...ORDER_FIELDS_NO_TOTAL.map((f) => `order.${f}`)],
    filters: { id: paymentCollectionId },
  })
  const order = (data as { order?: GraphOrder | null }[])[0]?.order
  return order?.id ? toOrder(order) : null
}

/** Orders by id, as the admin's review queue shows them. */
export async function ordersById(scope: MedusaContainer, ids: string[]): Promise<Map<string, MootaPaymentOrder>> {
  const unique = [...new Set(ids.filter(Boolean))]
  if (!unique.length) {
    return new Map()
  }
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ORDER_FIELDS,
    filters: { id: unique },
  })
  return new Map((data as GraphOrder[]).map((o) => [o.id, toOrder(o)]))
}
