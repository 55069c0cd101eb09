import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { findOrderMootaPaymentStep } from "./steps/find-order-moota-payment"
import { releaseMootaPaymentStep } from "./steps/release-moota-payment"

export const releaseMootaPaymentWorkflowId = "release-moota-payment"

export type ReleaseMootaPaymentInput = { order_id: string; actor_id: string; note: string }

/**
 * Stops awaiting an order's transfer (e.g. the buyer will pay another way); its amount is freed for
 * other orders after the quarantine, and a transfer that still arrives goes to the review queue. The
 * order itself is unchanged.
 */
export const releaseMootaPaymentWorkflow = createWorkflow(releaseMootaPaymentWorkflowId, (input: ReleaseMootaPaymentInput) => {
  const found = findOrderMootaPaymentStep(transform({ input }, ({ input }) => ({ order_id: input.order_id })))
  const released = releaseMootaPaymentStep(
    transform({ input, found }, ({ input, found }) => ({ reservation_id: found.reservation_id, actor_id: input.actor_id, note: input.note }))
  )
  return new WorkflowResponse(released)
})
