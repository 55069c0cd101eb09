import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reviewMootaCreditWorkflow } from "../../../../../../workflows/review-moota-credit"
import { mootaOf, reviewItemView } from "../../../helpers"
import type { AdminMootaOtherCreditReviewResponse } from "../../../types"
import type { AdminMootaOtherCreditReviewType } from "../../../validators"

/** The merchant sends an other credit to the review queue (audited with the note). */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaOtherCreditReviewType>, res: MedusaResponse): Promise<void> {
  const { result: item } = await reviewMootaCreditWorkflow(req.scope).run({
    input: { inbox_id: req.params.id, actor_id: req.auth_context.actor_id, note: req.validatedBody.note },
  })
  const [inbox] = await mootaOf(req.scope).listMootaInboxMutations({ id: item.inbox_mutation_id }, { take: 1 })
  const body: AdminMootaOtherCreditReviewResponse = { review_item: reviewItemView(item, inbox, new Map()) }
  res.json(body)
}
