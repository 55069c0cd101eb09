import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { writeBackMootaTagStep, type WriteBackMootaTagInput } from "./steps/write-back-moota-tag"

export const writeBackMootaTagWorkflowId = "write-back-moota-tag"

/** The write-back job's work for one confirmed mutation: its order's tag at Moota, and the record. */
export const writeBackMootaTagWorkflow = createWorkflow(writeBackMootaTagWorkflowId, (input: WriteBackMootaTagInput) => {
  return new WorkflowResponse(writeBackMootaTagStep(input))
})
