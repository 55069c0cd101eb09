import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { cancelMootaPaymentsWorkflow } from "../workflows/cancel-moota-payments"

/** An order canceled in Medusa: its Moota payments stop awaiting their transfer (see the workflow). */
export default async function mootaOrderCanceledHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await cancelMootaPaymentsWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "moota-order-canceled" },
}
