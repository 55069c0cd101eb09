import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isOpenReservation } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { ReservationRow } from "../../modules/moota/types"
import { toInboxInput } from "../../lib/moota"
import { SOURCE } from "../../lib/statuses"
import { errorMessage } from "../../lib/error-message"
import { DAY_MS } from "../../lib/durations"

export const refreshMootaAccountsStepId = "refresh-moota-accounts-step"

export type RefreshMootaAccountsOutput = {
  /** The payment as it stands after the refresh. */
  reservation: ReservationRow
  /** Accounts Moota was asked to read now; the others were refreshed too recently. */
  refreshed: string[]
  throttled: string[]
  /** Inbox rows of transfers found by looking the amount up, new to the inbox (confirmed like a delivery). */
  new_ids: string[]
}



/**
 * "I have transferred" / "Check now": asks Moota to read the payment's accounts now, then looks the
 * awaited amount up in Moota's mutation list, into the inbox like a delivery. Each refresh costs
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
    const result: RefreshMootaAccountsOutput = { reservation, refreshed: [], throttled: [], new_ids: [] }
    const client = moota.getClient()
    if (!client || !isOpenReservation(reservation.status)) {
      return new StepResponse(result)
    }
    const interval = moota.getOptions().refreshIntervalSeconds
    for (const bankId of reservation.bank_ids) {
      if (!(await moota.leaseBankRefresh(bankId, interval))) {
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
    // A transfer Moota read but never pushed (a lost webhook) is found now, not at the next
    // reconciliation: Moota's mutation list is asked for the awaited amount on each account.
    for (const bankId of reservation.bank_ids) {
      try {
        const page = await client.listMutations({
          bank: bankId,
          type: "CR",
          amount: Number(reservation.transfer_amount),
          start_date: new Date(new Date(reservation.created_at).getTime() - DAY_MS),
        })
        const found = page.data.filter((m) => m.bank_id === bankId && Number(m.amount) === Number(reservation.transfer_amount))
        result.new_ids.push(...(await moota.ingestMutations(found.map(toInboxInput), SOURCE.reconcile)))
      } catch (e) {
        logger.warn(`moota: looking up the awaited amount failed: ${errorMessage(e)}`)
      }
    }
    if (result.refreshed.length || result.new_ids.length) {
      result.reservation = (await moota.getReservationBySession(input.session_id)) ?? reservation
    }
    return new StepResponse(result)
  }
)
