import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { MOOTA_PAYMENT_CONFIRMED } from "../lib/events"
import { checkMootaManualMatchStep } from "./steps/check-moota-manual-match"
import { completeMootaCaptureStep } from "./steps/complete-moota-capture"
import { processMootaPaymentStep } from "./steps/process-moota-payment"
import { recordMootaManualMatchStep } from "./steps/record-moota-manual-match"

/** Who decided, why, and (for a match the checks flag) the typed reason for the exception. */
export type ManualDecision = { actor_id: string; note: string; override_reason?: string | null }

/**
 * The steps every "this transfer paid that payment" decision of the merchant shares, once the
 * transfer and the payment are known (from a review item, or from an other credit and an order
 * number): checked, recorded and audited in the matcher's place, captured like an automatic
 * confirmation, and `moota.payment.confirmed` emitted so the buyer is told. Called inside a
 * workflow's composer; it adds the steps to that workflow.
 */
export function confirmManualMatch(
  target: WorkflowData<{ inbox_id: string; reservation_id: string }>,
  // A workflow's own input is typed as plain data in its composer, a step's output as WorkflowData.
  decision: WorkflowData<ManualDecision> | ManualDecision
) {
  const checked = checkMootaManualMatchStep(
    transform({ target, decision }, ({ target, decision }) => ({
      reservation_id: target.reservation_id,
      inbox_id: target.inbox_id,
      override_reason: decision.override_reason ?? null,
    }))
  )
  const recorded = recordMootaManualMatchStep(
    transform({ decision, target, checked }, ({ decision, target, checked }) => ({
      inbox_id: target.inbox_id,
      reservation_id: target.reservation_id,
      actor_id: decision.actor_id,
      note: decision.note,
      override: checked.override,
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
  return event
}
