import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { InboxRow } from "../modules/moota/types"
import { decideMootaNoiseStep } from "./steps/decide-moota-noise"

export const decideMootaNoiseWorkflowId = "decide-moota-noise"

/**
 * The confirmation scheduler's bulk pass over claimed inbox rows: closes the noise, those that cannot
 * pay anything (defined in steps/decide-moota-noise.ts), (same outcomes as the one-row confirmation) and returns the rest for
 * confirm-moota-mutation. No events: an ignored row never had one.
 */
export const decideMootaNoiseWorkflow = createWorkflow(decideMootaNoiseWorkflowId, (input: { rows: InboxRow[] }) => {
  return new WorkflowResponse(decideMootaNoiseStep(input))
})
