import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { ReviewItemRow } from "../../modules/moota/types"

export const reviewMootaCreditStepId = "review-moota-credit-step"

export type ReviewMootaCreditInput = { inbox_id: string; actor_id: string; note: string }

/** Opens the review item and audits it (locked on the inbox row); undone if a later step fails. */
export const reviewMootaCreditStep = createStep(
  reviewMootaCreditStepId,
  async (input: ReviewMootaCreditInput, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const { item, previous_outcome } = await moota.reviewOtherCredit(input)
    return new StepResponse<ReviewItemRow, { inbox_id: string; review_item_id: string; previous_outcome: string }>(item, {
      inbox_id: input.inbox_id,
      review_item_id: item.id,
      previous_outcome,
    })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await container.resolve<MootaModuleService>(MOOTA_MODULE).undoReviewOtherCredit(undo)
  }
)
