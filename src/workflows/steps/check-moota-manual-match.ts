import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { mootaPaymentOfReservation } from "../../queries/moota-payment"

export const checkMootaManualMatchStepId = "check-moota-manual-match-step"

/**
 * What a merchant may confirm, refused before anything is written: a payment that exists, is not paid
 * yet, and whose order is not canceled (Medusa would capture on a canceled order regardless).
 */
export const checkMootaManualMatchStep = createStep(
  checkMootaManualMatchStepId,
  async (input: { reservation_id: string }, { container }) => {
    const found = await mootaPaymentOfReservation(container, input.reservation_id)
    if (!found) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Moota payment ${input.reservation_id} not found`)
    }
    if (found.reservation.status === "paid") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order's Moota payment has already been received")
    }
    if (found.order?.status === "canceled") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Order ${found.order.display_id ?? found.order.id} is canceled: refund the transfer instead of confirming it`
      )
    }
    return new StepResponse({ reservation_id: found.reservation.id, session_id: found.session_id })
  }
)
