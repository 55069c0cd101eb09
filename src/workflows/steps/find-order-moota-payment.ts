import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { payableMootaPaymentOfOrder } from "../open-moota-order-payment"

export const findOrderMootaPaymentStepId = "find-order-moota-payment-step"

/**
 * The order's Moota payment to confirm: the open one, or one opened for what the order still owes
 * (see payableMootaPaymentOfOrder); NOT_FOUND when there is no such order or it was paid otherwise.
 */
export const findOrderMootaPaymentStep = createStep(
  findOrderMootaPaymentStepId,
  async (input: { order_id: string }, { container }) => {
    const { order, payment } = await payableMootaPaymentOfOrder(container, input.order_id)
    return new StepResponse({ order_id: order.id, reservation_id: payment.reservation.id, session_id: payment.session_id })
  }
)
