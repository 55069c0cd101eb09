import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AUDIT } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const recordMootaWebhookTestStepId = "record-moota-webhook-test-step"

export type MootaWebhookTestResult = {
  actor_id: string
  mutation_id: string
  ok: boolean
  status: number | null
  error: string | null
  bank_id: string
  url: string
  duration_ms: number
}

/**
 * Audits the admin's "send test" delivery and its result. No compensation: the audit row is the
 * record of what the merchant did, and the delivery itself has already happened.
 */
export const recordMootaWebhookTestStep = createStep(recordMootaWebhookTestStepId, async (input: MootaWebhookTestResult, { container }) => {
  const { actor_id, mutation_id, ...data } = input
  await container.resolve<MootaModuleService>(MOOTA_MODULE).audit({ actor_id, action: AUDIT.webhook_test, subject_id: mutation_id, note: null, data })
  return new StepResponse(undefined)
})
