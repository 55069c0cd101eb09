import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { confirmMootaManualMatchWorkflow, manualMatchOf, type ManualDecision } from "./confirm-moota-manual-match"
import { resolveMootaReviewMatchStep, type ResolveMootaReviewMatchInput } from "./steps/resolve-moota-review-match"

export const matchMootaReviewItemWorkflowId = "match-moota-review-item"

export type MatchMootaReviewItemInput = ResolveMootaReviewMatchInput & ManualDecision

/**
 * The merchant decides a transfer in the review queue paid an order (named by its payment or by the
 * order). The same capture steps as the automatic confirmation, with the merchant's decision recorded
 * (and audited) in the matcher's place. Emits `moota.payment.confirmed`, so the buyer is told.
 */
export const matchMootaReviewItemWorkflow = createWorkflow(matchMootaReviewItemWorkflowId, (input: MatchMootaReviewItemInput) => {
  const target = resolveMootaReviewMatchStep(input)
  const confirmed = confirmMootaManualMatchWorkflow.runAsStep({ input: manualMatchOf(input, target) })
  return new WorkflowResponse(confirmed)
})
