import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendPaymentRequest } from "../notifications/payment-request"
import { RESERVATION, isOpenReservation } from "../lib/statuses"
import { orderMootaMoney, settledOrderMootaMoney } from "../queries/order-money"
import { openOwedMootaPayment } from "../workflows/open-moota-order-payment"

type OrderChangeEvent = { order_id: string; no_notification?: boolean }

/**
 * An order edit, exchange or claim confirmed on an order the buyer pays with Moota, after which the
 * order owes more (Medusa raised or opened a payment collection):
 * - paid already: a Moota payment for what is owed opens at once, with its own unique code, so the
 *   transfer is confirmed by itself and a plain one is suggested for this order in the review queue;
 * - still awaiting: the instructions the buyer has stay valid (docs/operations.md: that transfer is
 *   captured for what it covers, then the rest is asked);
 * and the buyer is told what to pay now (`payment_requested`), unless the change said not to notify.
 * Orders paid another way, canceled, or owing nothing are left alone.
 */
export default async function mootaOrderTotalChangedHandler({ event, container }: SubscriberArgs<OrderChangeEvent>) {
  const orderId = event.data.order_id
  // A transfer confirmed just as the change was made: wait (up to 30 s) for its confirmation to end.
  const before = await settledOrderMootaMoney(container, orderId, 30_000)
  if (!before || before.canceled || before.outstanding <= 0) {
    return
  }
  const statuses = before.payments.map((p) => p.reservation.status)
  const open = statuses.some(isOpenReservation)
  if (!open && !statuses.includes(RESERVATION.paid)) {
    return
  }
  if (!open && !(await openOwedMootaPayment(container, { order_id: orderId }))) {
    // Settled meanwhile, or a capture still running after the wait: the buyer's card opens the payment
    // when it is next read, and the merchant's widget keeps offering Request payment while anything is owed.
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .info(`moota: ${event.name} on order ${orderId}: no payment opened now (settled meanwhile or a capture still running)`)
    return
  }
  if (event.data.no_notification) {
    return
  }
  const money = open ? before : await orderMootaMoney(container, orderId)
  if (money) {
    await sendPaymentRequest(container, money, event.name)
  }
}

export const config: SubscriberConfig = {
  event: ["order-edit.confirmed", "order.exchange_created", "order.claim_created"],
  context: { subscriberId: "moota-order-total-changed" },
}
