import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { errorMessage } from "../../lib/error-message"
import { AUDIT } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { FetchMootaMutationsOutput } from "./fetch-moota-mutations"

export const recordMootaReconcileRunStepId = "record-moota-reconcile-run-step"

/**
 * The run itself, for the settings page: when reconciliation last ran and what it found. A failure to
 * record is logged, never fails the run. Nothing to compensate: the audit log records what happened.
 */
export const recordMootaReconcileRunStep = createStep(
  recordMootaReconcileRunStepId,
  async (run: FetchMootaMutationsOutput, { container }) => {
    await container
      .resolve<MootaModuleService>(MOOTA_MODULE)
      .audit({
        actor_id: "system",
        action: AUDIT.reconcile_run,
        subject_id: "reconcile",
        note: null,
        data: { fetched: run.fetched, new: run.new_ids.length, failures: run.failures.map((f) => ({ bank: f.bank, status: f.status })) },
      })
      .catch((e) => container.resolve(ContainerRegistrationKeys.LOGGER).warn(`moota reconcile: could not record the run: ${errorMessage(e)}`))
    return new StepResponse(undefined)
  }
)
