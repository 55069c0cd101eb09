import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { ReleaseUndo } from "../../modules/moota/types"

export const releaseMootaPaymentStepId = "release-moota-payment-step"

/**
 * The merchant stops awaiting a transfer (audited by the module); its amount stays held through the
 * quarantine. Refused unless the payment is still awaiting or quarantined. Compensation puts the
 * reservation back as it was; the audit row stays, as a record of what the merchant did.
 */
export const releaseMootaPaymentStep = createStep(
  releaseMootaPaymentStepId,
  async (input: { reservation_id: string; actor_id: string; note: string }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const [before] = await moota.listMootaReservations({ id: input.reservation_id })
    const released = before ? await moota.releaseByMerchant(input.reservation_id, input.actor_id, input.note) : null
    if (!released) {
      const [now] = await moota.listMootaReservations({ id: input.reservation_id })
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Only a payment still awaiting its transfer can be released; this one is ${now?.status ?? "gone"}`
      )
    }
    const previous: ReleaseUndo = {
      id: before.id,
      status: before.status,
      released_at: before.released_at,
      release_reason: before.release_reason,
      quarantine_until: before.quarantine_until,
    }
    return new StepResponse({ reservation_id: released.id }, previous)
  },
  async (previous, { container }) => {
    if (previous) {
      await container.resolve<MootaModuleService>(MOOTA_MODULE).undoRelease(previous)
    }
  }
)
