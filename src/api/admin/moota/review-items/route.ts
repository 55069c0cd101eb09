import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ordersById } from "../../../../queries/moota-payment"
import { listFilters, listOrder, mootaOf, reviewItemView } from "../helpers"
import type { AdminMootaReviewItemsQueryType } from "../validators"

/** The review queue, filtered and paginated (the list is ordered by an indexed column and paged in SQL). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminMootaReviewItemsQueryType>, res: MedusaResponse): Promise<void> {
  const q = req.validatedQuery as AdminMootaReviewItemsQueryType
  const moota = mootaOf(req.scope)
  const filters: Record<string, unknown> = listFilters(q)
  if (q.status) filters.status = q.status
  if (q.reason) filters.reason = q.reason
  const [items, count] = await moota.listAndCountMootaReviewItems(filters, {
    skip: q.offset,
    take: q.limit,
    order: listOrder(q.order),
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
