import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../../modules/moota"
import type MootaModuleService from "../../../modules/moota/service"
import { ordersForSessions } from "../../utils/orders-for-sessions"

export const completeMootaCaptureStepId = "complete-moota-capture"

/** After Medusa captured: free the amount, close the inbox row, queue the write-back. */
export const completeMootaCaptureStep = createStep(
  completeMootaCaptureStepId,
  async (input: { inbox_id: string; reservation_id: string; session_id: string }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const order = (await ordersForSessions(container, [input.session_id])).get(input.session_id) ?? null
    await moota.completeCapture(input.inbox_id, input.reservation_id, order?.id ?? null)
    return new StepResponse({ order_id: order?.id ?? null })
  }
)
