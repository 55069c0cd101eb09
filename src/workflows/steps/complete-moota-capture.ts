import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import { ordersOfSessions } from "../../queries/moota-payment"

export const completeMootaCaptureStepId = "complete-moota-capture-step"

/**
 * After Medusa captured: close the inbox row, start the amount's quarantine, queue the write-back.
 * The order is the one the reservation already names (set once, when it was placed), else looked up:
 * Medusa's capture may have just completed the cart. No compensation: the capture before it is never
 * undone (the money did arrive).
 */
export const completeMootaCaptureStep = createStep(
  completeMootaCaptureStepId,
  async (input: { inbox_id: string; reservation_id: string; session_id: string; order_id?: string | null }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const orderId =
      input.order_id ?? (await ordersOfSessions(container, [input.session_id])).get(input.session_id)?.id ?? null
    await moota.completeCapture(input.inbox_id, input.reservation_id, orderId)
    return new StepResponse({ order_id: orderId })
  }
)
