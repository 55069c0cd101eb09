import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MUTATIONS_RECEIVED } from "../lib/events"
import { refreshMootaAccountsStep } from "./steps/refresh-moota-accounts"

export const refreshMootaAccountsWorkflowId = "refresh-moota-accounts"

export type { RefreshMootaAccountsOutput } from "./steps/refresh-moota-accounts"

/**
 * The buyer's "I have transferred" and the merchant's "Check now": a throttled refresh at Moota, and
 * the awaited amount looked up; what that finds is confirmed as a webhook delivery would be.
 */
export const refreshMootaAccountsWorkflow = createWorkflow(refreshMootaAccountsWorkflowId, (input: { session_id: string }) => {
  const result = refreshMootaAccountsStep(input)
  when("moota-check-found-transfers", { result }, ({ result }) => result.new_ids.length > 0).then(() => {
    emitEventStep({ eventName: MOOTA_MUTATIONS_RECEIVED, data: transform({ result }, ({ result }) => ({ ids: result.new_ids })) })
  })
  return new WorkflowResponse(result)
})
