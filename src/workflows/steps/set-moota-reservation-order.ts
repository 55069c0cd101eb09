import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const setMootaReservationOrderStepId = "set-moota-reservation-order-step"

/**
 * Names the order on its session's reservation (the reminder job finds orders by it). Nothing to
 * compensate: it is its workflow's only step, and the order it names is the session's order for good.
 */
export const setMootaReservationOrderStep = createStep(
  setMootaReservationOrderStepId,
  async (input: { session_id: string; order_id: string }, { container }) => {
    await container.resolve<MootaModuleService>(MOOTA_MODULE).setReservationOrder(input.session_id, input.order_id)
    return new StepResponse(input)
  }
)
