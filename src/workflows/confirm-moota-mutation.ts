import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { completeMootaCaptureStep } from "./steps/complete-moota-capture"
import { decideMootaMatchStep, type ManualMatchInput } from "./steps/decide-moota-match"
import { processMootaPaymentStep } from "./steps/process-moota-payment"
import { recordMootaDecisionStep } from "./steps/record-moota-decision"

export const confirmMootaMutationWorkflowId = "confirm-moota-mutation"

export type { ManualMatchInput }

/**
 * One inbox row to its end: decide, record (locked, at most once), and for a clean match let Medusa's
 * own processPaymentWorkflow authorize and capture the deferred session for the order amount.
 * With `manual`, the merchant's match (review queue or "mark as paid") takes the decision's place.
 */
export const confirmMootaMutationWorkflow = createWorkflow(
  confirmMootaMutationWorkflowId,
  (input: { inbox_id: string; manual?: ManualMatchInput }) => {
    const decision = decideMootaMatchStep(input)
    const recorded = recordMootaDecisionStep(
      transform({ input, decision }, ({ input, decision }) => ({ inbox_id: input.inbox_id, decision, manual: input.manual }))
    )
    const completed = when("moota-capture-when-matched", { recorded }, ({ recorded }) => recorded.capture).then(() => {
      processMootaPaymentStep(
        transform({ recorded }, ({ recorded }) => ({ session_id: recorded.session_id!, amount: recorded.order_total! }))
      )
      return completeMootaCaptureStep(
        transform({ input, recorded }, ({ input, recorded }) => ({
          inbox_id: input.inbox_id,
          reservation_id: recorded.reservation_id!,
          session_id: recorded.session_id!,
        }))
      )
    })
    return new WorkflowResponse({ outcome: recorded.outcome, captured: recorded.capture, order: completed })
  }
)
