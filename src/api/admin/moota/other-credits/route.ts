import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OTHER_CREDIT_OUTCOMES } from "../../../../lib/triage"
import { listFilters, listOrder, mootaOf, mutationView } from "../helpers"
import type { AdminMootaOtherCreditsResponse } from "../types"
import { OTHER_CREDIT_KINDS, type AdminMootaOtherCreditsQueryType } from "../validators"

/** What an other credit is, from its inbox outcome. */
const kindOf = (outcome: string | null): "unrelated" | "history" => (outcome === OTHER_CREDIT_OUTCOMES.history ? "history" : "unrelated")

/**
 * Credits kept out of the review queue (not for any order, or from before the plugin), filtered and
 * paged like the queue, so nothing the bank reported is out of the merchant's sight.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminMootaOtherCreditsQueryType>, res: MedusaResponse): Promise<void> {
  const q = req.validatedQuery as AdminMootaOtherCreditsQueryType
  const moota = mootaOf(req.scope)
  const filters: Record<string, unknown> = {
    ...listFilters(q),
    status: "processed",
    outcome: (q.kind ?? [...OTHER_CREDIT_KINDS]).map((k) => OTHER_CREDIT_OUTCOMES[k]),
  }
  const [rows, count] = await moota.listAndCountMootaInboxMutations(filters, {
    skip: q.offset,
    take: q.limit,
    order: listOrder(q.order),
  })
  const body: AdminMootaOtherCreditsResponse = {
    other_credits: rows.map((r) => ({ ...mutationView(r), kind: kindOf(r.outcome) })),
    count,
    limit: q.limit,
    offset: q.offset,
  }
  res.json(body)
}
