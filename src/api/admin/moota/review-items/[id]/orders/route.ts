import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { mootaOf } from "../../../helpers"
import type { AdminMootaOrderSearchResponse } from "../../../types"
import type { AdminMootaOrderSearchQueryType } from "../../../validators"
import { candidatesOf, reservationsOfOrdersMatching, transferTime } from "../../candidates"

/**
 * The merchant looks for the order a review item paid by its number (#12), the buyer's email or name:
 * the orders paid with Moota that fit, as candidates of this transfer (flagged like the suggestions).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminMootaOrderSearchQueryType>, res: MedusaResponse): Promise<void> {
  const q = req.validatedQuery as AdminMootaOrderSearchQueryType
  const moota = mootaOf(req.scope)
  const item = await moota.retrieveMootaReviewItem(req.params.id)
  const [inbox] = await moota.listMootaInboxMutations({ id: item.inbox_mutation_id }, { take: 1 })
  const reservations = await reservationsOfOrdersMatching(req.scope, q.q, q.limit)
  const body: AdminMootaOrderSearchResponse = {
    candidates: await candidatesOf(req.scope, item, transferTime(inbox, item), reservations, []),
  }
  res.json(body)
}
