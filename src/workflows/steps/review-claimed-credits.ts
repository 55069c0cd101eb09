import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { ClaimRow } from "../../modules/moota/types"

export const reviewClaimedCreditsStepId = "review-claimed-credits-step"

type Undo = { inbox_id: string; review_item_id: string; previous_outcome: string }[]

/**
 * A credit that arrived before the buyer's claim and was logged as unrelated goes to the review
 * queue: the buyer says it was a payment (the triage's `claimed`, for credits already triaged).
 * Audited as the system's, with the claim named in the note.
 */
export const reviewClaimedCreditsStep = createStep(
  reviewClaimedCreditsStepId,
  async (claim: ClaimRow, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const opened: Undo = []
    for (const inboxId of await moota.listUnrelatedCreditsFittingClaim(claim)) {
      try {
        const { item, previous_outcome } = await moota.reviewOtherCredit({
          inbox_id: inboxId,
          actor_id: "system",
          note: `A buyer reported this transfer (payment confirmation ${claim.id})`,
        })
        opened.push({ inbox_id: inboxId, review_item_id: item.id, previous_outcome })
      } catch (e) {
        // Another request moved it first: it is already where it should be.
        if (!(e instanceof MedusaError && e.type === MedusaError.Types.NOT_ALLOWED)) throw e
      }
    }
    return new StepResponse(
      opened.map((o) => o.inbox_id),
      opened
    )
  },
  async (opened, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    for (const undo of opened ?? []) {
      await moota.undoReviewOtherCredit(undo)
    }
  }
)
