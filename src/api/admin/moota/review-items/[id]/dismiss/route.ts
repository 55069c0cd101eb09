import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { dismissMootaReviewItemWorkflow } from "../../../../../../workflows/dismiss-moota-review-item"
import { reviewItemResponse } from "../../../helpers"
import type { AdminMootaDismissType } from "../../../validators"

/** The merchant decides a transfer needs no action (not a sale, refunded by hand): audited with the note. */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaDismissType>, res: MedusaResponse): Promise<void> {
  await dismissMootaReviewItemWorkflow(req.scope).run({
    input: { review_item_id: req.params.id, actor_id: req.auth_context.actor_id, note: req.validatedBody.note },
  })
  res.json({ review_item: await reviewItemResponse(req.scope, req.params.id) })
}
