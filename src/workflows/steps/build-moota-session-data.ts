import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { collectionSessionData, mootaSessionData } from "../../queries/collection-session-data"

export const buildMootaSessionDataStepId = "build-moota-session-data-step"

/** The data of a Moota session on this collection, as the store route's middleware builds it. */
export const buildMootaSessionDataStep = createStep(
  buildMootaSessionDataStepId,
  async (input: { payment_collection_id: string; data?: Record<string, unknown> }, { container }) => {
    const ctx = await collectionSessionData(container, input.payment_collection_id)
    if (!ctx) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment collection ${input.payment_collection_id} not found`)
    }
    return new StepResponse(mootaSessionData(input.data ?? {}, ctx))
  }
)
