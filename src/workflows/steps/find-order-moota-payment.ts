import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { requireMootaPaymentOfOrder } from "../../queries/moota-payment"

export const findOrderMootaPaymentStepId = "find-order-moota-payment-step"

/** The order's Moota payment; NOT_FOUND when there is no such order or it was paid otherwise. Reads only. */
export const findOrderMootaPaymentStep = createStep(
  findOrderMootaPaymentStepId,
  async (input: { order_id: string }, { container }) => {
    const { order, payment } = await requireMootaPaymentOfOrder(container, input.order_id)
    return new StepResponse({ order_id: order.id, reservation_id: payment.reservation.id, session_id: payment.session_id })
  }
)
