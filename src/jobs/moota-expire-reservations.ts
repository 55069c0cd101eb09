import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { MOOTA_PAYMENT_EXPIRED_CANCELED } from "../lib/events"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { ordersOfSessions } from "../queries/moota-payment"

/**
 * Past the deadline: the reservation goes into quarantine (its amount stays blocked so a late transfer
 * maps to this order and is flagged) and, if the merchant wants it, the unpaid order is canceled.
 */
export async function expireMootaReservations(container: MedusaContainer, now = new Date()) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { quarantined, expired } = await moota.expireDue(now)
  let canceled = 0
  if (quarantined.length && moota.getOptions().autoCancelExpired) {
    const orders = await ordersOfSessions(
      container,
      quarantined.map((r) => r.session_id)
    )
    for (const order of orders.values()) {
      if (order.status === "canceled") {
        continue
      }
      try {
        await cancelOrderWorkflow(container).run({ input: { order_id: order.id } })
        canceled++
        // Tells the buyer (subscriber); "order.canceled" alone cannot say the deadline was the reason.
        await container
          .resolve(Modules.EVENT_BUS)
          .emit({ name: MOOTA_PAYMENT_EXPIRED_CANCELED, data: { order_id: order.id } })
          .catch((e: unknown) => logger.warn(`moota: could not emit ${MOOTA_PAYMENT_EXPIRED_CANCELED}: ${e instanceof Error ? e.message : e}`))
      } catch (e) {
        logger.warn(`moota: could not cancel unpaid order ${order.id}: ${e instanceof Error ? e.message : e}`)
      }
    }
  }
  if (quarantined.length || expired.length) {
    logger.info(`moota: ${quarantined.length} payment(s) past deadline, ${canceled} order(s) canceled, ${expired.length} amount(s) freed`)
  }
  return { quarantined: quarantined.length, expired: expired.length, canceled }
}

export default async function mootaExpireReservationsJob(container: MedusaContainer) {
  await expireMootaReservations(container)
}

export const config = {
  name: "moota-expire-reservations",
  schedule: "* * * * *",
}
