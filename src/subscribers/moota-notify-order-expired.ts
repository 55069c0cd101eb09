import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MOOTA_PAYMENT_EXPIRED_CANCELED } from "../lib/events"
import { loadMootaOrder, sendBuyerMessage } from "../notifications/buyer"

/** The order was canceled because its transfer never came: tell the buyer nothing was charged. */
export default async function mootaNotifyOrderExpiredHandler({ event, container }: SubscriberArgs<{ order_id: string }>) {
  const order = await loadMootaOrder(container, event.data.order_id)
  if (order) {
    await sendBuyerMessage(container, "order_canceled", order, event.name)
  }
}

export const config: SubscriberConfig = {
  event: MOOTA_PAYMENT_EXPIRED_CANCELED,
  context: { subscriberId: "moota-notify-order-expired" },
}
