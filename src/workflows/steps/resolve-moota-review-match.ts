import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MATCH_ERROR } from "../../lib/match-checks"
import { REVIEW } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import { payableMootaPaymentOfOrder } from "../open-moota-order-payment"

export const resolveMootaReviewMatchStepId = "resolve-moota-review-match-step"

export type ResolveMootaReviewMatchInput = { review_item_id: string } & (
  | { reservation_id: string; order_id?: undefined }
  | { order_id: string; reservation_id?: undefined }
)

/** The open review item's transfer, and the payment the merchant named (directly or by its order). Reads only. */
export const resolveMootaReviewMatchStep = createStep(
  resolveMootaReviewMatchStepId,
  async (input: ResolveMootaReviewMatchInput, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const item = await moota.retrieveMootaReviewItem(input.review_item_id)
    if (item.status !== REVIEW.open) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This review item has already been ${item.status}`, MATCH_ERROR.itemResolved)
    }
    const reservationId = input.reservation_id ?? (await payableMootaPaymentOfOrder(container, input.order_id!)).payment.reservation.id
    return new StepResponse({ inbox_id: item.inbox_mutation_id, reservation_id: reservationId })
  }
)
