import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MOOTA_PAYMENT_CONFIRMED } from "../lib/events"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { loadMootaOrder, sendBuyerMessage } from "../notifications/buyer"
import { mootaPaymentOfReservation } from "../queries/moota-payment"

/** A transfer confirmed an order: tell the buyer the payment arrived. */
export default async function mootaNotifyPaymentConfirmedHandler({
  event,
  container,
}: SubscriberArgs<{ inbox_id: string; order_id: string | null }>) {
  const orderId = event.data.order_id ?? (await orderOfInboxRow(container, event.data.inbox_id))
  if (!orderId) {
    return
  }
  const order = await loadMootaOrder(container, orderId)
  if (order) {
    await sendBuyerMessage(container, "payment_received", order, event.name)
  }
}

/** When the transfer raced the order placement, the event may not know the order yet. */
async function orderOfInboxRow(container: SubscriberArgs["container"], inboxId: string): Promise<string | null> {
  const inbox = await container.resolve<MootaModuleService>(MOOTA_MODULE).getInboxRow(inboxId)
  const found = inbox?.reservation_id ? await mootaPaymentOfReservation(container, inbox.reservation_id) : null
  return found ? found.reservation.order_id ?? found.order?.id ?? null : null
}

export const config: SubscriberConfig = {
  event: MOOTA_PAYMENT_CONFIRMED,
  context: { subscriberId: "moota-notify-payment-confirmed" },
}
