import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { confirmMootaManualMatchWorkflow } from "./confirm-moota-manual-match"
import { checkMootaManualMatchStep } from "./steps/check-moota-manual-match"
import { createMootaManualTransferStep } from "./steps/create-moota-manual-transfer"
import { findOrderMootaPaymentStep } from "./steps/find-order-moota-payment"

export const markMootaPaymentPaidWorkflowId = "mark-moota-payment-paid"

export type MarkMootaPaymentPaidInput = { order_id: string; bank_id?: string | null; actor_id: string; note: string }

/**
 * "Mark as paid": the merchant saw the money in the bank without a Moota mutation. A manual transfer
 * of the exact amount, then the manual match (`confirmMootaManualMatchWorkflow`). Refused before
 * anything is written when the payment is already paid or the order canceled. Emits
 * `moota.payment.confirmed`.
 */
export const markMootaPaymentPaidWorkflow = createWorkflow(markMootaPaymentPaidWorkflowId, (input: MarkMootaPaymentPaidInput) => {
  const found = findOrderMootaPaymentStep(transform({ input }, ({ input }) => ({ order_id: input.order_id })))
  checkMootaManualMatchStep(transform({ found }, ({ found }) => ({ reservation_id: found.reservation_id })))
  const transfer = createMootaManualTransferStep(
    transform({ input, found }, ({ input, found }) => ({ reservation_id: found.reservation_id, bank_id: input.bank_id ?? null }))
  )
  const confirmed = confirmMootaManualMatchWorkflow.runAsStep({
    input: transform({ input, found, transfer }, ({ input, found, transfer }) => ({
      inbox_id: transfer.inbox_id,
      reservation_id: found.reservation_id,
      actor_id: input.actor_id,
      note: input.note,
      order_id: found.order_id,
    })),
  })
  return new WorkflowResponse(confirmed)
})
