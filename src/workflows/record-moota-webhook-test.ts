import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordMootaWebhookTestStep, type MootaWebhookTestResult } from "./steps/record-moota-webhook-test"

export const recordMootaWebhookTestWorkflowId = "record-moota-webhook-test"

/** The merchant's "send test" from the settings page, audited with what the webhook answered. */
export const recordMootaWebhookTestWorkflow = createWorkflow(recordMootaWebhookTestWorkflowId, (input: MootaWebhookTestResult) => {
  recordMootaWebhookTestStep(input)
  return new WorkflowResponse(undefined)
})
