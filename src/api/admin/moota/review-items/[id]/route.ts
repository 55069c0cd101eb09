import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { claimsOfCredit, claimViews } from "../../claims"
import { ordersById } from "../../../../../queries/moota-payment"
import { historyFor, mootaOf, reviewItemView } from "../../helpers"
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
  // A buyer who reported this very transfer puts their order first among the suggestions.
  const claims = await claimsOfCredit(req.scope, {
    bank_id: item.bank_id,
    amount: item.amount === null || item.amount === undefined ? null : Number(item.amount),
    mutation_date: inbox?.mutation_date ? new Date(inbox.mutation_date) : null,
  })
  const claimed = claims.map((c) => c.reservation_id)
  const reservations = await nearbyReservations(req.scope, item, at, [...suggested, ...claimed], CANDIDATE_LIMIT)
  const orders = await ordersById(req.scope, item.order_id ? [item.order_id] : [])
  const body: AdminMootaReviewItemResponse = {
    review_item: reviewItemView(item, inbox, orders),
    candidates: await candidatesOf(req.scope, item, at, reservations, suggested, claimed),
    history: await historyFor(req.scope, [item.id, item.inbox_mutation_id]),
    claims: await claimViews(req.scope, claims),
  }
  res.json(body)
}
