import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { mootaOf, ordersById, reviewItemView } from "../../../helpers"
import type { AdminMootaDismissType } from "../../../validators"

/** The merchant decides a transfer needs no action (not a sale, refunded by hand): audited with the note. */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaDismissType>, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const item = await moota.dismissReviewItem(req.params.id, req.auth_context.actor_id, req.validatedBody.note)
  const [inbox] = await moota.listMootaInboxMutations({ id: item.inbox_mutation_id }, { take: 1 })
  const orders = await ordersById(req.scope, item.order_id ? [item.order_id] : [])
  res.json({ review_item: reviewItemView(item, inbox, orders) })
}
