import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { MOOTA_PROVIDER_ID } from "../providers/moota/constants"

/**
 * Medusa does not tell the provider when an order awaiting a bank transfer is canceled: stop awaiting
 * its transfer here, so a transfer that still comes is put in front of the merchant, never captured.
 */
export default async function mootaOrderCanceledHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "payment_collections.payment_sessions.id", "payment_collections.payment_sessions.provider_id"],
    filters: { id: event.data.id },
  })
  const sessions = (data[0]?.payment_collections ?? []).flatMap((pc: any) => pc?.payment_sessions ?? [])
  for (const s of sessions) {
    if (s?.provider_id === MOOTA_PROVIDER_ID) {
      await moota.cancelReservation(s.id, event.data.id)
    }
  }
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "moota-order-canceled" },
}
