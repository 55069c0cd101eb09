import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelMootaReservationsStep } from "./steps/cancel-moota-reservations"

export const cancelMootaPaymentsWorkflowId = "cancel-moota-payments"

/**
 * Medusa does not tell the provider when an order awaiting a bank transfer is canceled (run by the
 * `order.canceled` subscriber): its Moota payments stop awaiting, so a late transfer is put in front
 * of the merchant, never captured.
 */
export const cancelMootaPaymentsWorkflow = createWorkflow(cancelMootaPaymentsWorkflowId, (input: { order_id: string }) => {
  return new WorkflowResponse(cancelMootaReservationsStep(input))
})
