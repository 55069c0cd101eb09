import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { loadMootaOrder, sendBuyerMessage } from "../notifications/buyer"
import { setMootaPaymentOrderWorkflow } from "../workflows/set-moota-payment-order"

/**
 * A Moota order was placed: link its reservation to the order (the reminder job finds orders by it)
 * and send the buyer the transfer instructions.
 */
export default async function mootaNotifyOrderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const order = await loadMootaOrder(container, event.data.id)
  if (!order) {
    return
  }
  if (!order.reservation.order_id) {
    await setMootaPaymentOrderWorkflow(container).run({ input: { session_id: order.session_id, order_id: order.id } })
  }
  await sendBuyerMessage(container, "awaiting_payment", order, event.name)
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "moota-notify-order-placed" },
}
