import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { confirmMootaManualMatchWorkflow, manualMatchOf, type ManualDecision } from "./confirm-moota-manual-match"
import { resolveMootaCreditMatchStep, type ResolveMootaCreditMatchInput } from "./steps/resolve-moota-credit-match"

export const matchMootaCreditWorkflowId = "match-moota-credit"

export type MatchMootaCreditInput = ResolveMootaCreditMatchInput & ManualDecision

/**
 * The merchant knows which order an other credit paid, by its number (#12): the same checked, recorded,
 * audited capture as a manual match in the review queue, only the transfer is found differently.
 */
export const matchMootaCreditWorkflow = createWorkflow(matchMootaCreditWorkflowId, (input: MatchMootaCreditInput) => {
  const target = resolveMootaCreditMatchStep(input)
  const confirmed = confirmMootaManualMatchWorkflow.runAsStep({ input: manualMatchOf(input, target) })
  return new WorkflowResponse(confirmed)
})
