import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const markMootaRefundSentStepId = "mark-moota-refund-sent-step"

/**
 * The merchant sent a refund another way (the module refuses one already sent, and audits).
 * Compensation puts it back to send; the audit row stays, as a record of what the merchant did.
 */
export const markMootaRefundSentStep = createStep(
  markMootaRefundSentStepId,
  async (input: { refund_to_send_id: string; actor_id: string; note: string }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const row = await moota.markRefundSent({ id: input.refund_to_send_id, actor_id: input.actor_id, note: input.note })
    return new StepResponse({ refund_to_send_id: row.id }, row.id)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<MootaModuleService>(MOOTA_MODULE).undoMarkRefundSent(id)
    }
  }
)
