import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setMootaReservationOrderStep } from "./steps/set-moota-reservation-order"

export const setMootaPaymentOrderWorkflowId = "set-moota-payment-order"

/** A Moota order was placed (the `order.placed` subscriber): its payment names the order from now on. */
export const setMootaPaymentOrderWorkflow = createWorkflow(setMootaPaymentOrderWorkflowId, (input: { session_id: string; order_id: string }) => {
  return new WorkflowResponse(setMootaReservationOrderStep(input))
})
