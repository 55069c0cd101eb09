import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_PAYMENT_CONFIRMED, MOOTA_REVIEW_CREATED } from "../lib/events"
import { completeMootaCaptureStep } from "./steps/complete-moota-capture"
import { decideMootaMatchStep } from "./steps/decide-moota-match"
import { processMootaPaymentStep } from "./steps/process-moota-payment"
import { recordMootaDecisionStep } from "./steps/record-moota-decision"

export const confirmMootaMutationWorkflowId = "confirm-moota-mutation"

/**
 * Automatic confirmation of one inbox row: decide, record (locked, at most once), and for a clean
 * match let Medusa's own processPaymentWorkflow authorize and capture the deferred session for the
 * order amount. Emits `moota.payment.confirmed` or `moota.review.created` when it succeeds.
 */
export const confirmMootaMutationWorkflow = createWorkflow(confirmMootaMutationWorkflowId, (input: { inbox_id: string }) => {
  const decision = decideMootaMatchStep(input)
  const recorded = recordMootaDecisionStep(
    transform({ input, decision }, ({ input, decision }) => ({ inbox_id: input.inbox_id, decision }))
  )
  const completed = when("moota-capture-when-matched", { recorded }, ({ recorded }) => recorded.capture).then(() => {
    processMootaPaymentStep(
      transform({ recorded }, ({ recorded }) => ({
        session_id: recorded.session_id!,
        amount: recorded.order_total!,
        resumed: recorded.resumed,
      }))
    )
    const completed = completeMootaCaptureStep(
      transform({ input, recorded }, ({ input, recorded }) => ({
        inbox_id: input.inbox_id,
        reservation_id: recorded.reservation_id!,
        session_id: recorded.session_id!,
        order_id: recorded.order_id,
      }))
    )
    emitEventStep({
      eventName: MOOTA_PAYMENT_CONFIRMED,
      data: transform({ input, recorded, completed }, ({ input, recorded, completed }) => ({
        inbox_id: input.inbox_id,
        order_id: completed.order_id,
        reservation_id: recorded.reservation_id,
      })),
    }).config({ name: "emit-moota-payment-confirmed" })
    return completed
  })
  when("moota-review-when-flagged", { recorded }, ({ recorded }) => recorded.outcome.startsWith("review_")).then(() => {
    emitEventStep({
      eventName: MOOTA_REVIEW_CREATED,
      data: transform({ input, recorded }, ({ input, recorded }) => ({ inbox_id: input.inbox_id, reason: recorded.outcome })),
    }).config({ name: "emit-moota-review-created" })
  })
  return new WorkflowResponse({ outcome: recorded.outcome, captured: recorded.capture, order: completed })
})
