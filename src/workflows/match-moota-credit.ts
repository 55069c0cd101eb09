import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_PAYMENT_CONFIRMED } from "../lib/events"
import { checkMootaManualMatchStep } from "./steps/check-moota-manual-match"
import { completeMootaCaptureStep } from "./steps/complete-moota-capture"
import { processMootaPaymentStep } from "./steps/process-moota-payment"
import { recordMootaManualMatchStep } from "./steps/record-moota-manual-match"
import { resolveMootaCreditMatchStep, type ResolveMootaCreditMatchInput } from "./steps/resolve-moota-credit-match"

export const matchMootaCreditWorkflowId = "match-moota-credit"

export type MatchMootaCreditInput = ResolveMootaCreditMatchInput & { actor_id: string; note: string }

/**
 * The merchant knows which order an other credit paid, by its number (#12): the same checked, recorded,
 * audited capture as a manual match in the review queue, only the transfer is found differently.
 */
export const matchMootaCreditWorkflow = createWorkflow(matchMootaCreditWorkflowId, (input: MatchMootaCreditInput) => {
  const target = resolveMootaCreditMatchStep(input)
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
