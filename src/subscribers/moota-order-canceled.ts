import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { mootaPaymentOfOrder } from "../queries/moota-payment"

/**
 * Medusa does not tell the provider when an order awaiting a bank transfer is canceled: stop awaiting
 * its transfer here, so a transfer that still comes is put in front of the merchant, never captured.
 */
export default async function mootaOrderCanceledHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  for (const { session_id } of (await mootaPaymentOfOrder(container, event.data.id))?.payments ?? []) {
    await moota.cancelReservation(session_id, event.data.id)
  }
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "moota-order-canceled" },
}
