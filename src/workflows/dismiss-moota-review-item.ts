import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { dismissMootaReviewItemStep } from "./steps/dismiss-moota-review-item"

export const dismissMootaReviewItemWorkflowId = "dismiss-moota-review-item"

export type DismissMootaReviewItemInput = { review_item_id: string; actor_id: string; note: string }

/** The merchant decides a transfer needs no action (not a sale, refunded by hand): audited with the note. */
export const dismissMootaReviewItemWorkflow = createWorkflow(dismissMootaReviewItemWorkflowId, (input: DismissMootaReviewItemInput) => {
  return new WorkflowResponse(dismissMootaReviewItemStep(input))
})
