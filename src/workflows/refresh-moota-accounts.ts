import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { refreshMootaAccountsStep } from "./steps/refresh-moota-accounts"

export const refreshMootaAccountsWorkflowId = "refresh-moota-accounts"

export type { RefreshMootaAccountsOutput } from "./steps/refresh-moota-accounts"

/** The buyer's "I have transferred" and the merchant's "Check now": a throttled refresh at Moota. */
export const refreshMootaAccountsWorkflow = createWorkflow(refreshMootaAccountsWorkflowId, (input: { session_id: string }) => {
  return new WorkflowResponse(refreshMootaAccountsStep(input))
})
