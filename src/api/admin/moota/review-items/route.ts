import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ordersById } from "../../../../queries/moota-payment"
import { claimsOfCredit } from "../claims"
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
  // The queue's Order column: an item naming no order shows the order whose buyer reported the transfer.
  const reported = new Map<string, string>()
  for (const i of items.filter((i) => !i.order_id && i.status === "open")) {
    const inboxRow = inboxById.get(i.inbox_mutation_id)
    const [claim] = await claimsOfCredit(req.scope, {
      bank_id: i.bank_id,
      amount: i.amount == null ? null : Number(i.amount),
      mutation_date: inboxRow?.mutation_date ? new Date(inboxRow.mutation_date) : null,
    })
    if (claim) reported.set(i.id, claim.order_id)
  }
  const orders = await ordersById(req.scope, [...items.map((i) => i.order_id), ...reported.values()].filter((id): id is string => !!id))
  res.json({
    review_items: items.map((i) => {
      const view = reviewItemView(i, inboxById.get(i.inbox_mutation_id), orders)
      const order = orders.get(reported.get(i.id) ?? "")
      return order ? { ...view, reported_order: { id: order.id, display_id: order.display_id } } : view
    }),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
