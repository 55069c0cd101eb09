import { emitEventStep, cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_PAYMENT_EXPIRED_CANCELED } from "../lib/events"
import { expireMootaReservationsStep } from "./steps/expire-moota-reservations"

export const expireMootaPaymentsWorkflowId = "expire-moota-payments"
export const cancelExpiredMootaOrderWorkflowId = "cancel-expired-moota-order"

/** The expiry job's pass: reservations past their deadline quarantined, past their quarantine freed. */
export const expireMootaPaymentsWorkflow = createWorkflow(expireMootaPaymentsWorkflowId, (input: { now: Date }) => {
  return new WorkflowResponse(expireMootaReservationsStep(input))
})

/**
 * An unpaid order past its deadline, canceled when the merchant wants it (`autoCancelExpired`):
 * Medusa's cancelOrderWorkflow, then `moota.payment.expired_canceled` so the buyer is told why
 * ("order.canceled" alone cannot say the deadline was the reason). One run per order, so one that
 * cannot be canceled leaves the others alone.
 */
export const cancelExpiredMootaOrderWorkflow = createWorkflow(cancelExpiredMootaOrderWorkflowId, (input: { order_id: string }) => {
  cancelOrderWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ order_id: input.order_id })) })
  emitEventStep({ eventName: MOOTA_PAYMENT_EXPIRED_CANCELED, data: transform({ input }, ({ input }) => ({ order_id: input.order_id })) })
  return new WorkflowResponse(input)
})
