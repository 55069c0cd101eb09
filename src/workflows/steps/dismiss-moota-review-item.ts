import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const dismissMootaReviewItemStepId = "dismiss-moota-review-item-step"

/**
 * The merchant decides a transfer needs no action (the module refuses an item already resolved and
 * audits). Compensation reopens the item; the audit row stays, as a record of what the merchant did.
 */
export const dismissMootaReviewItemStep = createStep(
  dismissMootaReviewItemStepId,
  async (input: { review_item_id: string; actor_id: string; note: string }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const item = await moota.dismissReviewItem(input.review_item_id, input.actor_id, input.note)
    return new StepResponse({ review_item_id: item.id }, item.id)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<MootaModuleService>(MOOTA_MODULE).reopenReviewItem(id)
    }
  }
)
