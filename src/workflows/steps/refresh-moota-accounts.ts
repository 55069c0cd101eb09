import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isOpenReservation } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { ReservationRow } from "../../modules/moota/types"
import { errorMessage } from "../../lib/error-message"

export const refreshMootaAccountsStepId = "refresh-moota-accounts-step"

export type RefreshMootaAccountsOutput = {
  /** The payment as it stands after the refresh. */
  reservation: ReservationRow
  /** Accounts Moota was asked to read now; the others were refreshed too recently. */
  refreshed: string[]
  throttled: string[]
}

/**
 * "I have transferred" / "Check now": asks Moota to read the payment's accounts now. Each refresh costs
 * the merchant points, so at most once per refreshIntervalSeconds per account, across processes (the
 * claim is the throttle). Nothing to compensate: a refresh asked of Moota cannot be taken back, and
 * giving the claim back would let the next click spend points again.
 */
export const refreshMootaAccountsStep = createStep(
  refreshMootaAccountsStepId,
  async (input: { session_id: string }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const reservation = await moota.getReservationBySession(input.session_id)
    if (!reservation) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Moota payment for session ${input.session_id}`)
    }
    const result: RefreshMootaAccountsOutput = { reservation, refreshed: [], throttled: [] }
    const client = moota.getClient()
    if (!client || !isOpenReservation(reservation.status)) {
      return new StepResponse(result)
    }
    const interval = moota.getOptions().refreshIntervalSeconds
    for (const bankId of reservation.bank_ids) {
      if (!(await moota.claimBankRefresh(bankId, interval))) {
        result.throttled.push(bankId)
        continue
      }
      try {
        await client.refreshBank(bankId)
        result.refreshed.push(bankId)
      } catch (e) {
        logger.warn(`moota: refresh of an account failed: ${errorMessage(e)}`)
      }
    }
    if (result.refreshed.length) {
      result.reservation = (await moota.getReservationBySession(input.session_id)) ?? reservation
    }
    return new StepResponse(result)
  }
)
