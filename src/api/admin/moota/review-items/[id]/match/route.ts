import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { matchMootaReviewItemWorkflow, type MatchMootaReviewItemInput } from "../../../../../../workflows/match-moota-review-item"
import { reviewItemResponse } from "../../../helpers"
import type { AdminMootaMatchType } from "../../../validators"

/**
 * The merchant decides this transfer paid that order: the workflow refuses a resolved item, a paid
 * payment, a transfer that already confirmed a payment and a canceled order, captures the order amount
 * once, audits and resolves the item.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaMatchType>, res: MedusaResponse): Promise<void> {
  const body = req.validatedBody
  const target = body.reservation_id ? { reservation_id: body.reservation_id } : { order_id: body.order_id! }
  const input: MatchMootaReviewItemInput = {
    review_item_id: req.params.id,
    ...target,
    actor_id: req.auth_context.actor_id,
    note: body.note,
    override_reason: body.override_reason ?? null,
  }
  const { result } = await matchMootaReviewItemWorkflow(req.scope).run({ input })
  res.json({ review_item: await reviewItemResponse(req.scope, req.params.id), order_id: result.order_id })
}
