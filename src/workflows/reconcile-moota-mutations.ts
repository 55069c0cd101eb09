import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_CLAIM_UNMATCHED, MOOTA_MUTATIONS_RECEIVED, MOOTA_RECONCILE_FAILED, MOOTA_TOKEN_REJECTED } from "../lib/events"
import { fetchMootaMutationsStep, type ReconcileFailure } from "./steps/fetch-moota-mutations"
import { recordMootaReconcileRunStep } from "./steps/record-moota-reconcile-run"
import { takeUnfittedMootaClaimsStep } from "./steps/take-unfitted-moota-claims"

export const reconcileMootaMutationsWorkflowId = "reconcile-moota-mutations"

function rejected(failures: ReconcileFailure[]): ReconcileFailure | undefined {
  return failures.find((f) => f.status === 401 || f.status === 403)
}

/**
 * The safety net for webhooks that never came (the reconcile job): Moota's mutations since the last
 * one seen into the inbox, the run audited, and the events: new rows to confirm, a rejected token (one
 * alert, not one per account), other failing accounts, and claims no credit fits (one alert each).
 */
export const reconcileMootaMutationsWorkflow = createWorkflow(reconcileMootaMutationsWorkflowId, (input: { now: Date }) => {
  const run = fetchMootaMutationsStep(input)
  recordMootaReconcileRunStep(run)
  const unfitted = takeUnfittedMootaClaimsStep(input)
  const events = transform({ run, unfitted }, ({ run, unfitted }) => {
    const token = rejected(run.failures)
    const others = run.failures.filter((f) => f.status !== 401 && f.status !== 403)
    return {
      received: run.new_ids.length ? [{ ids: run.new_ids }] : [],
      token: token ? [{ status: token.status }] : [],
      failed: others.length ? [{ failures: others }] : [],
      unmatched: unfitted.map((claim_id) => ({ claim_id })),
    }
  })
  emitEventStep({ eventName: MOOTA_TOKEN_REJECTED, data: transform({ events }, ({ events }) => events.token) }).config({ name: "emit-moota-token-rejected" })
  emitEventStep({ eventName: MOOTA_RECONCILE_FAILED, data: transform({ events }, ({ events }) => events.failed) }).config({ name: "emit-moota-reconcile-failed" })
  emitEventStep({ eventName: MOOTA_MUTATIONS_RECEIVED, data: transform({ events }, ({ events }) => events.received) }).config({ name: "emit-moota-mutations-received" })
  emitEventStep({ eventName: MOOTA_CLAIM_UNMATCHED, data: transform({ events }, ({ events }) => events.unmatched) }).config({ name: "emit-moota-claim-unmatched" })
  return new WorkflowResponse(run)
})
