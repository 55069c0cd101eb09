import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { ClaimRow, NewClaim } from "../../modules/moota/types"

export const createMootaPaymentClaimStepId = "create-moota-payment-claim-step"

/** Stores the buyer's claim; removed again if a later step fails. It never touches the payment. */
export const createMootaPaymentClaimStep = createStep(
  createMootaPaymentClaimStepId,
  async (input: NewClaim, { container }) => {
    const claim = await container.resolve<MootaModuleService>(MOOTA_MODULE).createPaymentClaim(input)
    return new StepResponse<ClaimRow, string>(claim, claim.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    await container.resolve<MootaModuleService>(MOOTA_MODULE).deletePaymentClaim(id)
  }
)
