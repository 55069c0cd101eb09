import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { RESERVATION, isOpenReservation } from "../../../../lib/statuses"
import { mootaPaymentOfOrder } from "../../../../queries/moota-payment"
import type { OrderMootaMoney } from "../../../../queries/order-money"
import { openOwedMootaPayment } from "../../../../workflows/open-moota-order-payment"
import { assertOrderAccess, CAPTURE_SETTLE_MS, type OrderAccess, type PaymentRef } from "./buyer-payment"

/**
 * What a collection still owes, whole rupiah: never more than the order owes, 0 once canceled or
 * settled. A Moota payment already received whose capture Medusa has not recorded yet counts as paid:
 * opening a new session then would replace the one being captured.
 */
function owedOn(money: OrderMootaMoney, collectionId: string): number {
  const c = money.collections.find((x) => x.id === collectionId)
  if (!c || money.canceled || ["canceled", "completed"].includes(c.status)) return 0
  const received = money.payments
    .filter((p) => p.payment_collection_id === collectionId && p.reservation.status === RESERVATION.paid)
    .reduce((sum, p) => sum + Number(p.reservation.order_total), 0)
  const capturing = Math.max(0, received - c.captured_amount)
  return Math.max(0, Math.min(Math.round(c.amount - c.captured_amount - capturing), money.outstanding))
}

/** The Moota payment the buyer is asked for on a collection (an open one), else its newest. */
function paymentOn(money: OrderMootaMoney, collectionId: string) {
  const on = money.payments.filter((p) => p.payment_collection_id === collectionId)
  return on.filter((p) => isOpenReservation(p.reservation.status)).pop() ?? on.pop() ?? null
}

/**
 * The Moota payment of one payment collection of an order: the page behind Medusa's admin "Copy
 * payment link" (`/payment-collection/<id>?order_id=<order>`). Same access rule as an order's payment
 * (signed-in owner, or the order's email); a wrong email, another order's collection and a missing
 * collection all answer the same 404. A collection that still owes with no Moota session open on it
 * gets one (the buyer is asked only for what it still owes). The answer's `outstanding` is what this
 * collection still owes, so a paid collection reads `paid` with nothing owed.
 */
export async function findCollectionPayment(
  scope: MedusaContainer,
  collectionId: string,
  orderId: string,
  access: OrderAccess
): Promise<PaymentRef> {
  const notFound = `No payment collection ${collectionId} of order ${orderId} with this email`
  let found = await mootaPaymentOfOrder(scope, orderId)
  assertOrderAccess(found?.order, access, notFound)
  if (!found!.money.collections.some((c) => c.id === collectionId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, notFound)
  }
  if (found!.money.capturing && paymentOn(found!.money, collectionId)?.reservation.status === RESERVATION.paid) {
    // This collection's payment just received is still being confirmed: what it owes settles when that ends.
    found = (await mootaPaymentOfOrder(scope, orderId, CAPTURE_SETTLE_MS)) ?? found
  }
  const open = paymentOn(found!.money, collectionId)
  const before = found!.money
  if (!before.capturing && owedOn(before, collectionId) > 0 && !(open && isOpenReservation(open.reservation.status))) {
    await openOwedMootaPayment(scope, { order_id: orderId, payment_collection_id: collectionId })
    found = await mootaPaymentOfOrder(scope, orderId)
  }
  const { order, money } = found!
  const payment = paymentOn(money, collectionId)
  if (!payment) {
    // Paid another way (e.g. marked paid by the store): there are no Moota instructions to show.
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment collection ${collectionId} has no Moota payment`)
  }
  return {
    session_id: payment.session_id,
    cart_id: order.cart_id,
    order_id: order.id,
    order_status: order.status,
    reservation: payment.reservation,
    money: { ...money, outstanding: owedOn(money, collectionId) },
  }
}
