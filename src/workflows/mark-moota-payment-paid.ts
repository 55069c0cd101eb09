import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_PAYMENT_CONFIRMED } from "../lib/events"
import { checkMootaManualMatchStep } from "./steps/check-moota-manual-match"
import { completeMootaCaptureStep } from "./steps/complete-moota-capture"
import { createMootaManualTransferStep } from "./steps/create-moota-manual-transfer"
import { findOrderMootaPaymentStep } from "./steps/find-order-moota-payment"
import { processMootaPaymentStep } from "./steps/process-moota-payment"
import { recordMootaManualMatchStep } from "./steps/record-moota-manual-match"

export const markMootaPaymentPaidWorkflowId = "mark-moota-payment-paid"

export type MarkMootaPaymentPaidInput = { order_id: string; bank_id?: string | null; actor_id: string; note: string }

/**
 * "Mark as paid": the merchant saw the money in the bank without a Moota mutation. A manual transfer
 * of the exact amount, then the manual match's steps. Refused before anything is written when the
 * payment is already paid or the order canceled. Emits `moota.payment.confirmed`.
 */
export const markMootaPaymentPaidWorkflow = createWorkflow(markMootaPaymentPaidWorkflowId, (input: MarkMootaPaymentPaidInput) => {
  const found = findOrderMootaPaymentStep(transform({ input }, ({ input }) => ({ order_id: input.order_id })))
  checkMootaManualMatchStep(transform({ found }, ({ found }) => ({ reservation_id: found.reservation_id })))
  const transfer = createMootaManualTransferStep(
    transform({ input, found }, ({ input, found }) => ({ reservation_id: found.reservation_id, bank_id: input.bank_id ?? null }))
  )
  const recorded = recordMootaManualMatchStep(
    transform({ input, found, transfer }, ({ input, found, transfer }) => ({
      inbox_id: transfer.inbox_id,
      reservation_id: found.reservation_id,
      actor_id: input.actor_id,
      note: input.note,
    }))
  )
  processMootaPaymentStep(transform({ recorded }, ({ recorded }) => ({ session_id: recorded.session_id, amount: recorded.order_total })))
  const completed = completeMootaCaptureStep(
    transform({ transfer, recorded }, ({ transfer, recorded }) => ({
      inbox_id: transfer.inbox_id,
      reservation_id: recorded.reservation_id,
      session_id: recorded.session_id,
    }))
  )
  const event = transform({ found, transfer, completed }, ({ found, transfer, completed }) => ({
    inbox_id: transfer.inbox_id,
    order_id: completed.order_id ?? found.order_id,
    reservation_id: found.reservation_id,
  }))
  emitEventStep({ eventName: MOOTA_PAYMENT_CONFIRMED, data: event })
  return new WorkflowResponse(event)
})
