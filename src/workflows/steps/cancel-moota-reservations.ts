import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import { mootaPaymentOfOrder } from "../../queries/moota-payment"

export const cancelMootaReservationsStepId = "cancel-moota-reservations-step"

/**
 * Stops awaiting the transfers of a canceled order (each amount stays held through the quarantine, so
 * a transfer that still comes goes to review). Nothing to compensate: it is its workflow's last step,
 * and an order once canceled is never awaited again.
 */
export const cancelMootaReservationsStep = createStep(
  cancelMootaReservationsStepId,
  async (input: { order_id: string }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const canceled: string[] = []
    for (const { session_id } of (await mootaPaymentOfOrder(container, input.order_id))?.payments ?? []) {
      const row = await moota.cancelReservation(session_id, input.order_id)
      if (row) {
        canceled.push(row.id)
      }
    }
    return new StepResponse({ reservation_ids: canceled })
  }
)
