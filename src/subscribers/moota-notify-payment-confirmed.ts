import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MOOTA_PAYMENT_CONFIRMED } from "../lib/events"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { loadMootaOrder, sendBuyerMessage, toMootaOrder, type MootaOrder } from "../notifications/buyer"
import { mootaPaymentOfReservation } from "../queries/moota-payment"

type Confirmed = { inbox_id: string; order_id: string | null; reservation_id?: string | null }

/**
 * A transfer confirmed an order: tell the buyer the payment arrived. The message is about the payment
 * the transfer paid (its reservation, one query with its order), not the order's whole money: this
 * runs once per confirmation, a flash sale's worth at a time.
 */
export default async function mootaNotifyPaymentConfirmedHandler({ event, container }: SubscriberArgs<Confirmed>) {
  const order = await paidOrder(container, event.data)
  if (order) {
    await sendBuyerMessage(container, "payment_received", order, event.name)
  }
}

async function paidOrder(container: SubscriberArgs["container"], data: Confirmed): Promise<MootaOrder | null> {
  const reservationId =
    data.reservation_id ?? (await container.resolve<MootaModuleService>(MOOTA_MODULE).getInboxRow(data.inbox_id))?.reservation_id
  const found = reservationId ? await mootaPaymentOfReservation(container, reservationId) : null
  if (found?.order) {
    return toMootaOrder(found.order, found)
  }
  // When the transfer raced the order placement, the reservation may not know its order yet.
  const orderId = data.order_id ?? found?.reservation.order_id ?? null
  return orderId ? await loadMootaOrder(container, orderId) : null
}

export const config: SubscriberConfig = {
  event: MOOTA_PAYMENT_CONFIRMED,
  context: { subscriberId: "moota-notify-payment-confirmed" },
}
