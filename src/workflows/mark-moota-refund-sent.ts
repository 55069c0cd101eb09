import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MOOTA_REFUND_SENT } from "../lib/events"
import { markMootaRefundSentStep } from "./steps/mark-moota-refund-sent"

export const markMootaRefundSentWorkflowId = "mark-moota-refund-sent"

export type MarkMootaRefundSentInput = { refund_to_send_id: string; actor_id: string; note: string }

/** The merchant sent a refund another way (cash, another bank, e-wallet): audited with the note. */
export const markMootaRefundSentWorkflow = createWorkflow(markMootaRefundSentWorkflowId, (input: MarkMootaRefundSentInput) => {
  const result = markMootaRefundSentStep(input)
  emitEventStep({ eventName: MOOTA_REFUND_SENT, data: { id: result.refund_to_send_id } })
  return new WorkflowResponse(result)
})
