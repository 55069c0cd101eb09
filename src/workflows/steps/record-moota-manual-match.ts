import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { ManualMatchInput } from "../../modules/moota/types"

export const recordMootaManualMatchStepId = "record-moota-manual-match-step"

export type RecordMootaManualMatchInput = ManualMatchInput

/**
 * Records the merchant's match under row locks (the module refuses a paid reservation and a transfer
 * that already confirmed a payment), resolves the transfer's review item and audits. Undone, review
 * item reopened, if Medusa's capture then fails.
 */
export const recordMootaManualMatchStep = createStep(
  recordMootaManualMatchStepId,
  async (input: RecordMootaManualMatchInput, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const m = await moota.recordManualMatch(input)
    const r = m.reservation
    return new StepResponse(
      { session_id: r.session_id, reservation_id: r.id, order_total: r.order_total },
      { inbox_id: input.inbox_id, reservation_id: r.id, ...m.previous }
    )
  },
  async (undo, { container }) => {
    if (undo) {
      await container.resolve<MootaModuleService>(MOOTA_MODULE).undoManualMatch(undo)
    }
  }
)
