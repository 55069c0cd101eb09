import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_PAYMENT_CONFIRMED } from "../lib/events"
import { checkMootaManualMatchStep } from "./steps/check-moota-manual-match"
import { completeMootaCaptureStep } from "./steps/complete-moota-capture"
import { processMootaPaymentStep } from "./steps/process-moota-payment"
import { recordMootaManualMatchStep } from "./steps/record-moota-manual-match"
import { resolveMootaReviewMatchStep, type ResolveMootaReviewMatchInput } from "./steps/resolve-moota-review-match"

export const matchMootaReviewItemWorkflowId = "match-moota-review-item"

export type MatchMootaReviewItemInput = ResolveMootaReviewMatchInput & { actor_id: string; note: string }

/**
 * The merchant decides a transfer in the review queue paid an order (named by its payment or by the
 * order). The same capture steps as the automatic confirmation, with the merchant's decision recorded
 * (and audited) in the matcher's place. Emits `moota.payment.confirmed`, so the buyer is told.
 */
export const matchMootaReviewItemWorkflow = createWorkflow(matchMootaReviewItemWorkflowId, (input: MatchMootaReviewItemInput) => {
  const target = resolveMootaReviewMatchStep(input)
  checkMootaManualMatchStep(transform({ target }, ({ target }) => ({ reservation_id: target.reservation_id })))
  const recorded = recordMootaManualMatchStep(
    transform({ input, target }, ({ input, target }) => ({
      inbox_id: target.inbox_id,
      reservation_id: target.reservation_id,
      actor_id: input.actor_id,
      note: input.note,
    }))
  )
  processMootaPaymentStep(transform({ recorded }, ({ recorded }) => ({ session_id: recorded.session_id, amount: recorded.order_total })))
  const completed = completeMootaCaptureStep(
    transform({ target, recorded }, ({ target, recorded }) => ({
      inbox_id: target.inbox_id,
      reservation_id: recorded.reservation_id,
      session_id: recorded.session_id,
    }))
  )
  const event = transform({ target, completed }, ({ target, completed }) => ({
    inbox_id: target.inbox_id,
    order_id: completed.order_id,
    reservation_id: target.reservation_id,
  }))
  emitEventStep({ eventName: MOOTA_PAYMENT_CONFIRMED, data: event })
  return new WorkflowResponse(event)
})
