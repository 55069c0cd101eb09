import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { MOOTA_PAYMENT_CONFIRMED } from "../lib/events"
import { checkMootaManualMatchStep } from "./steps/check-moota-manual-match"
import { completeMootaCaptureStep } from "./steps/complete-moota-capture"
import { processMootaPaymentStep } from "./steps/process-moota-payment"
import { recordMootaManualMatchStep } from "./steps/record-moota-manual-match"

export const confirmMootaManualMatchWorkflowId = "confirm-moota-manual-match"

/** Who decided, why, and (for a match the checks flag) the typed reason for the exception. */
export type ManualDecision = { actor_id: string; note: string; override_reason?: string | null }

export type ConfirmMootaManualMatchInput = ManualDecision & {
  inbox_id: string
  reservation_id: string
  /** The order named in the event when the capture names none (mark as paid knows it up front). */
  order_id?: string | null
}

/**
 * Every "this transfer paid that payment" decision of the merchant, once the transfer and the payment
 * are known (a review item, an other credit and an order number, or a manual transfer for "mark as
 * paid"): checked, recorded and audited in the matcher's place, captured like an automatic
 * confirmation, and `moota.payment.confirmed` emitted so the buyer is told. The three merchant
 * workflows run it with `.runAsStep`; a failure compensates its steps, then theirs.
 */
export const confirmMootaManualMatchWorkflow = createWorkflow(
  confirmMootaManualMatchWorkflowId,
  (input: ConfirmMootaManualMatchInput) => {
    const checked = checkMootaManualMatchStep(
      transform({ input }, ({ input }) => ({
        reservation_id: input.reservation_id,
        inbox_id: input.inbox_id,
        override_reason: input.override_reason ?? null,
      }))
    )
    const recorded = recordMootaManualMatchStep(
      transform({ input, checked }, ({ input, checked }) => ({
        inbox_id: input.inbox_id,
        reservation_id: input.reservation_id,
        actor_id: input.actor_id,
        note: input.note,
        override: checked.override,
      }))
    )
    processMootaPaymentStep(transform({ recorded }, ({ recorded }) => ({ session_id: recorded.session_id, amount: recorded.order_total })))
    const completed = completeMootaCaptureStep(
      transform({ input, recorded }, ({ input, recorded }) => ({
        inbox_id: input.inbox_id,
        reservation_id: recorded.reservation_id,
        session_id: recorded.session_id,
      }))
    )
    const event = transform({ input, completed }, ({ input, completed }) => ({
      inbox_id: input.inbox_id,
      order_id: completed.order_id ?? input.order_id ?? null,
      reservation_id: input.reservation_id,
    }))
    emitEventStep({ eventName: MOOTA_PAYMENT_CONFIRMED, data: event })
    return new WorkflowResponse(event)
  }
)

/** The manual match's input from a merchant's decision and the transfer and payment it names. */
export function manualMatchOf(
  // A workflow's own input is typed as plain data in its composer, a step's output as WorkflowData.
  decision: ManualDecision,
  target: WorkflowData<{ inbox_id: string; reservation_id: string }>
): WorkflowData<ConfirmMootaManualMatchInput> {
  return transform({ decision, target }, ({ decision, target }) => ({
    inbox_id: target.inbox_id,
    reservation_id: target.reservation_id,
    actor_id: decision.actor_id,
    note: decision.note,
    override_reason: decision.override_reason ?? null,
  }))
}
