import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { historyFor, mootaOf, ordersById, reviewItemView } from "../../helpers"
import type { AdminMootaReviewItemResponse } from "../../types"
import { candidatesOf, nearbyReservations, transferTime } from "../candidates"

const CANDIDATE_LIMIT = 20

/**
 * One review item with its transfer, its history and the orders it may belong to: Moota payments
 * offered on the same account, whose amount is within the unique-code range of the transfer and whose
 * reservation was made in the window in which this transfer could still pay it.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const item = await moota.retrieveMootaReviewItem(req.params.id)
  const [inbox] = await moota.listMootaInboxMutations({ id: item.inbox_mutation_id }, { take: 1 })
  const at = transferTime(inbox, item)
  // The matcher's suggestions, or once matched by the merchant, the matched payment.
  const suggested = [item.reservation_id, ...((item.candidate_reservation_ids as string[] | null) ?? [])].filter(
    (id): id is string => !!id
  )
  const reservations = await nearbyReservations(req.scope, item, at, suggested, CANDIDATE_LIMIT)
  const orders = await ordersById(req.scope, item.order_id ? [item.order_id] : [])
  const body: AdminMootaReviewItemResponse = {
    review_item: reviewItemView(item, inbox, orders),
    candidates: await candidatesOf(req.scope, item, at, reservations, suggested),
    history: await historyFor(req.scope, [item.id, item.inbox_mutation_id]),
  }
  res.json(body)
}
