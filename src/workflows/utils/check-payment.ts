import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export type PaymentCheck = {
  session_id: string
  status: string
  transfer_amount: number
  expires_at: string
  paid_at: string | null
  /** Accounts Moota was asked to read now; the others were refreshed too recently. */
  refreshed: string[]
  throttled: string[]
}

/**
 * "I have transferred" / "Check now": asks Moota to read the accounts now (each refresh costs the
 * merchant points, so at most once per refreshIntervalSeconds per account, across processes) and
 * answers with the payment's current status.
 */
export async function checkPaymentNow(container: MedusaContainer, sessionId: string, refresh: boolean): Promise<PaymentCheck> {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const reservation = await moota.getReservationBySession(sessionId)
  if (!reservation) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Moota payment for session ${sessionId}`)
  }
  const refreshed: string[] = []
  const throttled: string[] = []
  const client = moota.getClient()
  if (refresh && client && (reservation.status === "awaiting" || reservation.status === "quarantined")) {
    const interval = moota.getOptions().refreshIntervalSeconds
    for (const bankId of reservation.bank_ids) {
      if (!(await moota.claimBankRefresh(bankId, interval))) {
        throttled.push(bankId)
        continue
      }
      try {
        await client.refreshBank(bankId)
        refreshed.push(bankId)
      } catch (e) {
        logger.warn(`moota: refresh of an account failed: ${e instanceof Error ? e.message : e}`)
      }
    }
  }
  return {
    session_id: sessionId,
    status: reservation.status,
    transfer_amount: reservation.transfer_amount,
    expires_at: new Date(reservation.expires_at).toISOString(),
    paid_at: reservation.paid_at ? new Date(reservation.paid_at).toISOString() : null,
    refreshed,
    throttled,
  }
}
