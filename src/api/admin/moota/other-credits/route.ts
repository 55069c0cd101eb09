import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OTHER_CREDIT_OUTCOMES } from "../../../../lib/triage"
import { mootaOf, mutationView } from "../helpers"
import type { AdminMootaOtherCreditsResponse } from "../types"
import { OTHER_CREDIT_KINDS, type AdminMootaOtherCreditsQueryType } from "../validators"

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

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
    status: "processed",
    outcome: (q.kind ?? [...OTHER_CREDIT_KINDS]).map((k) => OTHER_CREDIT_OUTCOMES[k]),
  }
  if (q.bank_id) filters.bank_id = q.bank_id
  if (q.created_after || q.created_before) {
    filters.created_at = {
      ...(q.created_after ? { $gte: q.created_after } : {}),
      ...(q.created_before ? { $lte: q.created_before } : {}),
    }
  }
  if (q.q) {
    const term = q.q.replace(/^rp\s*/i, "").replace(/\./g, "")
    filters.$or = [
      { mutation_id: { $ilike: `%${likeEscape(q.q)}%` } },
      ...(/^\d{1,10}$/.test(term) && Number(term) <= 2_147_483_647 ? [{ amount: Number(term) }] : []),
    ]
  }
  const field = q.order.replace(/^-/, "")
  const direction = q.order.startsWith("-") ? "DESC" : "ASC"
  const [rows, count] = await moota.listAndCountMootaInboxMutations(filters, {
    skip: q.offset,
    take: q.limit,
    order: { [field]: direction, id: direction },
  })
  const body: AdminMootaOtherCreditsResponse = {
    other_credits: rows.map((r) => ({ ...mutationView(r), kind: kindOf(r.outcome) })),
    count,
    limit: q.limit,
    offset: q.offset,
  }
  res.json(body)
}
