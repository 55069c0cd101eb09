import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { formatRupiah } from "../../../../lib/amount"
import { buyerReviewOf } from "../../../../lib/buyer-review"
import { sessionDataFromReservation } from "../../../../lib/instructions"
import { nearBand } from "../../../../lib/triage"
import type { MootaOptions } from "../../../../lib/options"
import { MOOTA_MODULE } from "../../../../modules/moota"
import type MootaModuleService from "../../../../modules/moota/service"
import type { ClaimRow } from "../../../../modules/moota/service"
import type { ReservationRow } from "../../../../modules/moota/types"
import { buyerStatus, paymentFromSessionData } from "../../../../storefront/status"
import type { MootaBuyerClaim, MootaBuyerPayment } from "../../../../storefront/types"
import { mootaPaymentOfCart, mootaPaymentOfOrder } from "../../../../queries/moota-payment"

/** The Moota payment behind a cart or an order, and what the buyer's status depends on. */
export type PaymentRef = {
  session_id: string
  cart_id: string | null
  order_id: string | null
  order_status: string | null
  /** The order's number, for the buyer ("#12"): names the saved QR image. */
  order_display_id?: number | null
  reservation: ReservationRow
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
  const found = await mootaPaymentOfOrder(scope, orderId)
  const order = found?.order
  const inChannel = !!order?.sales_channel_id && access.salesChannelIds.includes(order.sales_channel_id)
  const isOwner = inChannel && !!access.customerId && order!.customer_id === access.customerId
  if (!isOwner) {
    if (!access.email) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Field 'email' is required: give the email the order was placed with, or sign in as the customer who placed it"
      )
    }
    if (!inChannel || normalizeEmail(order!.email) !== normalizeEmail(access.email)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No order ${orderId} with this email`)
    }
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
  }
}

function normalizeEmail(email: unknown): string {
  return typeof email === "string" ? email.trim().toLowerCase() : ""
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
  const r = ref.reservation
  const rule = { tolerance_percent: options.unrelatedTolerancePercent, code_max: options.uniqueCodeMax }
  const band = nearBand(Number(r.order_total), rule.tolerance_percent, rule.code_max)
  const high = nearBand(Number(r.transfer_amount), rule.tolerance_percent, rule.code_max)
  const claims = await moota.listPaymentClaims({ reservation_ids: [r.id] })
  const claimedAmounts = [...new Set(claims.map((c) => c.amount))]
  const items = await moota.listBuyerReviewItems({
    reservation_id: r.id,
    order_id: ref.order_id ?? r.order_id ?? null,
    bank_ids: r.bank_ids,
    min: Math.min(band.min, high.min),
    max: Math.max(band.max, high.max),
    amounts: claimedAmounts,
    since: new Date(new Date(r.created_at).getTime() - DAY_MS),
  })
  const review = buyerReviewOf(
    {
      id: r.id,
      order_total: Number(r.order_total),
      transfer_amount: Number(r.transfer_amount),
      bank_ids: r.bank_ids,
      created_at: new Date(r.created_at),
      order_id: ref.order_id ?? r.order_id ?? null,
      claimed_amounts: claimedAmounts,
    },
    items,
    rule
  )
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
  }
}

const DAY_MS = 86_400_000

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
  return {
    ...paymentFromSessionData(sessionDataFromReservation(r, options), ids, now),
    status: buyerStatus(r, { orderStatus: ref.order_status, now }),
    order_display_id: ref.order_display_id ?? null,
  }
}
