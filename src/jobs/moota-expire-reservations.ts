import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { errorMessage } from "../lib/error-message"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { ordersOfSessions } from "../queries/moota-payment"
import { orderMootaMoney } from "../queries/order-money"
import { cancelExpiredMootaOrderWorkflow, expireMootaPaymentsWorkflow } from "../workflows/expire-moota-payments"
import { RESERVATION } from "../lib/statuses"

/**
 * Past the deadline: the reservation goes into quarantine (its amount stays blocked so a late transfer
 * maps to this order and is flagged) and, if the merchant wants it, the unpaid order is canceled.
 * An order that already received money (paid once, then edited; or partly paid before an edit) is
 * never canceled for a later payment's deadline: Medusa's cancel would refund what was paid.
 */
export async function expireMootaReservations(container: MedusaContainer, now = new Date()) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result } = await expireMootaPaymentsWorkflow(container).run({ input: { now } })
  const quarantined = result.quarantined_session_ids
  let canceled = 0
  if (quarantined.length && moota.getOptions().autoCancelExpired) {
    const orders = await ordersOfSessions(container, quarantined)
    for (const order of orders.values()) {
      if (order.status === "canceled" || (await receivedMoney(container, order.id))) {
        continue
      }
      try {
        await cancelExpiredMootaOrderWorkflow(container).run({ input: { order_id: order.id } })
        canceled++
      } catch (e) {
        logger.warn(`moota: could not cancel unpaid order ${order.id}: ${errorMessage(e)}`)
      }
    }
  }
  if (quarantined.length || result.expired) {
    logger.info(`moota: ${quarantined.length} payment(s) past deadline, ${canceled} order(s) canceled, ${result.expired} amount(s) freed`)
  }
  return { quarantined: quarantined.length, expired: result.expired, canceled }
}

/** Whether any of the order's payment collections captured money, or a Moota payment of it was received. */
async function receivedMoney(container: MedusaContainer, orderId: string): Promise<boolean> {
  const money = await orderMootaMoney(container, orderId)
  return !!money && (money.payments.some((p) => p.reservation.status === RESERVATION.paid) || money.collections.some((c) => c.captured_amount > 0))
}

export default async function mootaExpireReservationsJob(container: MedusaContainer) {
  await expireMootaReservations(container)
}

export const config = {
  name: "moota-expire-reservations",
  schedule: "* * * * *",
}
