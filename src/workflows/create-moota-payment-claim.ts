import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MOOTA_CLAIM_CREATED, MOOTA_REVIEW_CREATED } from "../lib/events"
import type { NewClaim } from "../modules/moota/types"
import { createMootaPaymentClaimStep } from "./steps/create-moota-payment-claim"
import { reviewClaimedCreditsStep } from "./steps/review-claimed-credits"

export const createMootaPaymentClaimWorkflowId = "create-moota-payment-claim"

/**
 * A buyer reports a transfer ("Konfirmasi pembayaran"). Only recorded: the merchant sees it on the
 * order and on the review items it fits; the money is confirmed by the normal rules or by a person.
 */
export const createMootaPaymentClaimWorkflow = createWorkflow(createMootaPaymentClaimWorkflowId, (input: NewClaim) => {
  const claim = createMootaPaymentClaimStep(input)
  // A credit the buyer names that was logged as unrelated is now worth a person's look (and an alert).
  const reviewed = reviewClaimedCreditsStep(claim)
  const data = transform({ claim }, ({ claim }) => ({ claim_id: claim.id, order_id: claim.order_id }))
  emitEventStep({ eventName: MOOTA_CLAIM_CREATED, data }).config({ name: "emit-moota-claim-created" })
  const reviews = transform({ reviewed }, ({ reviewed }) => reviewed.map((inbox_id) => ({ inbox_id, reason: "review_unmatched" })))
  emitEventStep({ eventName: MOOTA_REVIEW_CREATED, data: reviews }).config({ name: "emit-moota-claimed-review" })
  return new WorkflowResponse(claim)
})
