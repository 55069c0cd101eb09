import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { mootaOf, ordersById, reviewItemView } from "../helpers"
import type { AdminMootaReviewItemsQueryType } from "../validators"

/** LIKE metacharacters in a search term are literal. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The review queue, filtered and paginated (the list is ordered by an indexed column and paged in SQL). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminMootaReviewItemsQueryType>, res: MedusaResponse): Promise<void> {
  const q = req.validatedQuery as AdminMootaReviewItemsQueryType
  const moota = mootaOf(req.scope)
  const filters: Record<string, unknown> = {}
  if (q.status) filters.status = q.status
  if (q.reason) filters.reason = q.reason
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
  const [items, count] = await moota.listAndCountMootaReviewItems(filters, {
    skip: q.offset,
    take: q.limit,
    order: { [field]: direction, id: direction },
  })
  const inbox = items.length
    ? await moota.listMootaInboxMutations({ id: items.map((i) => i.inbox_mutation_id) })
    : []
  const inboxById = new Map(inbox.map((r) => [r.id, r]))
  const orders = await ordersById(
    req.scope,
    items.map((i) => i.order_id).filter((id): id is string => !!id)
  )
  res.json({
    review_items: items.map((i) => reviewItemView(i, inboxById.get(i.inbox_mutation_id), orders)),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
