import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { formatRupiah } from "../../../../lib/amount"
import { sessionDataFromReservation } from "../../../../lib/instructions"
import type { MootaOptions } from "../../../../lib/options"
import { MOOTA_MODULE } from "../../../../modules/moota"
import type MootaModuleService from "../../../../modules/moota/service"
import type { ClaimRow } from "../../../../modules/moota/types"
import type { ReservationRow } from "../../../../modules/moota/types"
import { buyerStatus, paymentFromSessionData } from "../../../../storefront/status"
import type { MootaBuyerClaim, MootaBuyerPayment } from "../../../../storefront/types"
import { mootaPaymentOfCart, mootaPaymentOfOrder } from "../../../../queries/moota-payment"
import { buyerReviewOfPayment } from "../../../../queries/review-ownership"
import type { OrderMootaMoney } from "../../../../queries/order-money"
import { RESERVATION } from "../../../../lib/statuses"
import { openOwedMootaPayment } from "../../../../workflows/open-moota-order-payment"
import { refreshMootaAccountsWorkflow } from "../../../../workflows/refresh-moota-accounts"

/** The Moota payment behind a cart or an order, and what the buyer's status depends on. */
export type PaymentRef = {
  session_id: string
  cart_id: string | null
  order_id: string | null
  order_status: string | null
  /** The order's number, for the buyer ("#12"): names the saved QR image. */
  order_display_id?: number | null
  reservation: ReservationRow
  /** The order's whole Moota money; absent for a cart not yet an order. */
  money?: OrderMootaMoney
}

/**
 * A cart's Moota payment. The cart id is the credential, as for Medusa's own cart routes; the cart must
 * also belong to a sales channel of the request's publishable key.
 */
export async function findCartPayment(scope: MedusaContainer, cartId: string, salesChannelIds: string[]): Promise<PaymentRef> {
  const found = await mootaPaymentOfCart(scope, cartId)
  if (!found || !found.cart.sales_channel_id || !salesChannelIds.includes(found.cart.sales_channel_id)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${cartId} not found`)
  }
  if (!found.payment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${cartId} has no Moota payment`)
  }
  return {
    session_id: found.payment.session_id,
    cart_id: found.cart.id,
    order_id: found.order?.id ?? null,
    order_status: found.order?.status ?? null,
    order_display_id: found.order?.display_id ?? null,
    reservation: found.payment.reservation,
  }
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
  let found = await mootaPaymentOfOrder(scope, orderId)
  const order = found?.order
  assertOrderAccess(order, access, `No order ${orderId} with this email`)
  if (found!.money.capturing && receivedButOwes(found!.money)) {
    // The payment just received is still being captured (its last steps take a moment after Medusa's
    // capture): what is owed settles when that ends. Past the wait, the card says received and asks
    // for the rest on its next read, never for the received amount again.
    found = (await mootaPaymentOfOrder(scope, orderId, CAPTURE_SETTLE_MS)) ?? found
  }
  if (owesAfterMootaPayment(found!.money)) {
    // Paid, then the order grew (an edit, exchange or claim): the buyer is asked for the rest at once.
    await openOwedMootaPayment(scope, { order_id: orderId })
    found = await mootaPaymentOfOrder(scope, orderId)
  }
  if (!found!.payment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} has no Moota payment`)
  }
  return {
    session_id: found!.payment.session_id,
    cart_id: order!.cart_id,
    order_id: order!.id,
    order_status: order!.status,
    order_display_id: order!.display_id ?? null,
    reservation: found!.payment.reservation,
    money: found!.money,
  }
}

/**
 * The access rule of the buyer's order routes: the signed-in customer who placed the order, or the
 * email it was placed with. No order, another sales channel and a wrong email all answer `notFound`.
 */
export function assertOrderAccess(
  order: { sales_channel_id: string | null; customer_id: string | null; email: string | null } | undefined,
  access: OrderAccess,
  notFound: string
): void {
  const inChannel = !!order?.sales_channel_id && access.salesChannelIds.includes(order.sales_channel_id)
  const isOwner = inChannel && !!access.customerId && order!.customer_id === access.customerId
  if (isOwner) return
  if (!access.email) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Field 'email' is required: give the email the order was placed with, or sign in as the customer who placed it"
    )
  }
  if (!inChannel || normalizeEmail(order!.email) !== normalizeEmail(access.email)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, notFound)
  }
}

/** An order whose Moota payment was received and that still owes more, with nothing open to pay it. */
function receivedButOwes(money: OrderMootaMoney): boolean {
  return !money.canceled && money.outstanding > 0 && money.current?.reservation.status === RESERVATION.paid
}

/** The same, once no capture of it is running: the rest can be asked for now. */
function owesAfterMootaPayment(money: OrderMootaMoney): boolean {
  return !money.capturing && receivedButOwes(money)
}

/** How long a buyer's read waits for a capture in progress to end before it answers (ms). */
export const CAPTURE_SETTLE_MS = 5_000

function normalizeEmail(email: unknown): string {
  return typeof email === "string" ? email.trim().toLowerCase() : ""
}

/**
 * "I have transferred" (an order's or a payment link's): asks Moota for new mutations on the
 * payment's accounts (throttled), then answers the payment as it is now and what was asked.
 */
export async function checkBuyerPayment(scope: MedusaContainer, ref: PaymentRef) {
  const { result } = await refreshMootaAccountsWorkflow(scope).run({ input: { session_id: ref.session_id } })
  return {
    payment: await buyerPaymentOf(scope, { ...ref, reservation: result.reservation }),
    check: { refreshed: result.refreshed, throttled: result.throttled },
  }
}

/**
 * The instructions the buyer saw at checkout, rebuilt from the reservation, with the live status, the
 * transfer the store is checking for it, if any, and the buyer's latest payment confirmation.
 */
export async function buyerPaymentOf(scope: MedusaContainer, ref: PaymentRef, now = new Date()): Promise<MootaBuyerPayment> {
  const moota = scope.resolve<MootaModuleService>(MOOTA_MODULE)
  const options = moota.getOptions()
  const payment = toBuyerPayment(ref.reservation, options, ref, now)
  // `review` and `claim` are present only when there is one, so the answer of a plain payment keeps its shape.
  if (payment.status === "paid") {
    return payment
  }
  const claims = await moota.listPaymentClaims({ reservation_ids: [ref.reservation.id] })
  // Only a transfer that is this order's is told (issue 25): see src/queries/review-ownership.ts.
  const { review, ask_claim } = await buyerReviewOfPayment(scope, ref.reservation, ref.order_id, claims)
  return {
    ...payment,
    ...(review && {
      review: {
        state: review.state,
        amount: review.amount,
        amount_formatted: formatRupiah(review.amount),
        received_at: review.received_at.toISOString(),
      },
    }),
    ...(claims[0] && { claim: buyerClaimOf(claims[0]) }),
    ...(ask_claim && !review && { ask_claim: true as const }),
  }
}

/** A workflow's result comes back serialized (dates as strings): both are read with `new Date`. */
export function buyerClaimOf(c: ClaimRow): MootaBuyerClaim {
  return {
    id: c.id,
    amount: c.amount,
    amount_formatted: formatRupiah(c.amount),
    bank: c.bank,
    sender_name: c.sender_name,
    transferred_at: new Date(c.transferred_at).toISOString(),
    has_proof: !!c.proof_mime,
    created_at: new Date(c.created_at).toISOString(),
  }
}

export function toBuyerPayment(r: ReservationRow, options: MootaOptions, ref: PaymentRef, now = new Date()): MootaBuyerPayment {
  const ids = { cart_id: ref.cart_id, order_id: ref.order_id ?? r.order_id ?? null }
  // The stored row knows more than session data: a cancel (release reason) and the order's status.
  const payment = {
    ...paymentFromSessionData(sessionDataFromReservation(r, options), ids, now),
    status: buyerStatus(r, { orderStatus: ref.order_status, now }),
    order_display_id: ref.order_display_id ?? null,
  }
  return ref.money ? { ...payment, ...orderMoneyOf(ref.money, r, ref.order_status, now) } : payment
}

/**
 * The order's Moota money as the buyer reads it. A canceled order says canceled even when it was
 * paid (its refunds are listed). A paid payment says paid; with `outstanding` above 0 the order still
 * owes the rest (a capture ending as it is read), which the next read asks for.
 */
function orderMoneyOf(money: OrderMootaMoney, current: ReservationRow, orderStatus: string | null, now: Date): Partial<MootaBuyerPayment> {
  const first = money.payments[0]
  return {
    ...(money.canceled ? { status: "canceled" as const } : {}),
    outstanding: money.canceled ? 0 : money.outstanding,
    outstanding_formatted: formatRupiah(money.canceled ? 0 : money.outstanding),
    purpose: first && first.reservation.id !== current.id ? "additional" : "order",
    order_display_id: money.order.display_id,
    history: money.payments.map(({ reservation: r }) => ({
      amount: Number(r.order_total),
      amount_formatted: formatRupiah(Number(r.order_total)),
      transfer_amount: Number(r.transfer_amount),
      status: buyerStatus(r, { orderStatus: r.status === RESERVATION.paid ? null : orderStatus, now }),
      paid_at: r.paid_at ? new Date(r.paid_at).toISOString() : null,
      received_amount: r.received_amount == null ? null : Number(r.received_amount),
    })),
    refunds: money.refunds.map((f) => ({
      amount: f.amount,
      amount_formatted: formatRupiah(f.amount),
      created_at: f.created_at,
      status: f.status,
      sent_at: f.sent_at,
    })),
  }
}
