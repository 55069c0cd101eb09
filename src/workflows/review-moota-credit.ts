import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reviewMootaCreditStep, type ReviewMootaCreditInput } from "./steps/review-moota-credit"

export const reviewMootaCreditWorkflowId = "review-moota-credit"

/**
 * The merchant sends a credit that was logged as unrelated (or as history) to the review queue, where
 * it can be matched or dismissed like any other. No alert: the merchant is the one who asked.
 */
export const reviewMootaCreditWorkflow = createWorkflow(reviewMootaCreditWorkflowId, (input: ReviewMootaCreditInput) => {
  return new WorkflowResponse(reviewMootaCreditStep(input))
})
