import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import { MATCH_ERROR } from "../../lib/match-checks"
import { isOtherCredit } from "../../lib/triage"
import { payableMootaPaymentOfOrder } from "../open-moota-order-payment"

export const resolveMootaCreditMatchStepId = "resolve-moota-credit-match-step"

export type ResolveMootaCreditMatchInput = { inbox_id: string; display_id: number }

/** The other credit, still among the other credits, and the Moota payment of the order with that number. Reads only. */
export const resolveMootaCreditMatchStep = createStep(
  resolveMootaCreditMatchStepId,
  async (input: ResolveMootaCreditMatchInput, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const inbox = await moota.getInboxRow(input.inbox_id)
    if (!inbox) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Transfer ${input.inbox_id} not found`)
    }
    if (!isOtherCredit(inbox)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This transfer is not among the other credits any more")
    }
    const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "order",
      fields: ["id"],
      // The order's display_id is an integer column; the generated graph types of some apps read it as text.
      filters: { display_id: input.display_id } as Record<string, unknown>,
    })
    const orderId = (data[0] as { id?: string } | undefined)?.id
    if (!orderId) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order #${input.display_id} not found`, MATCH_ERROR.orderNotFound)
    }
    const { payment } = await payableMootaPaymentOfOrder(container, orderId)
    return new StepResponse({ inbox_id: inbox.id, reservation_id: payment.reservation.id })
  }
)
