import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { loadMootaOrder, sendBuyerMessage } from "../notifications/buyer"

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
    await container.resolve<MootaModuleService>(MOOTA_MODULE).setReservationOrder(order.session_id, order.id)
  }
  await sendBuyerMessage(container, "awaiting_payment", order, event.name)
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "moota-notify-order-placed" },
}
