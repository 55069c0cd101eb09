import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { claimsOfCredit, claimViews } from "../../claims"
import { historyFor, mootaOf, ordersById, ordersBySession, reviewItemView } from "../../helpers"
import type { AdminMootaCandidate, AdminMootaReviewItemResponse } from "../../types"

const DAY_MS = 86_400_000
const CANDIDATE_LIMIT = 20

/**
 * One review item with its transfer, its history and the orders it may belong to: Moota payments
 * offered on the same account, whose amount is within the unique-code range of the transfer and whose
 * reservation was made in the window in which this transfer could still pay it.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const options = moota.getOptions()
  const item = await moota.retrieveMootaReviewItem(req.params.id)
  const [inbox] = await moota.listMootaInboxMutations({ id: item.inbox_mutation_id }, { take: 1 })

  const at = new Date(inbox?.mutation_date ?? item.created_at)
  const lifetimeMs = (options.paymentWindowMinutes + options.quarantineMinutes) * 60_000
  // Once matched by the merchant, reservation_id is the matched payment, no longer the matcher's suggestion.
  const matchedId = item.resolution === "matched" ? item.reservation_id : null
  const suggested = [item.reservation_id, ...((item.candidate_reservation_ids as string[] | null) ?? [])].filter(
    (id): id is string => !!id
  )
  // A buyer who reported this very transfer puts their order first among the suggestions.
  const claims = await claimsOfCredit(req.scope, {
    bank_id: item.bank_id,
    amount: item.amount === null || item.amount === undefined ? null : Number(item.amount),
    mutation_date: inbox?.mutation_date ? new Date(inbox.mutation_date) : null,
  })
  const claimedIds = claims.map((c) => c.reservation_id)
  const reservations =
    item.amount === null || item.amount === undefined
      ? suggested.length
        ? await moota.listMootaReservations({ id: suggested })
        : []
      : await moota.listReviewCandidates({
          bank_id: item.bank_id,
          amount: Number(item.amount),
          spread: options.uniqueCodeMax,
          from: new Date(at.getTime() - lifetimeMs - DAY_MS),
          to: new Date(at.getTime() + DAY_MS),
          include_ids: [...suggested, ...claimedIds],
          limit: CANDIDATE_LIMIT,
        })
  const bySession = await ordersBySession(
    req.scope,
    reservations.map((r) => r.session_id)
  )
  const orders = await ordersById(req.scope, item.order_id ? [item.order_id] : [])
  const amount = item.amount === null || item.amount === undefined ? null : Number(item.amount)

  const candidates: AdminMootaCandidate[] = reservations.map((r) => {
    const order = bySession.get(r.session_id) ?? null
    const hints: AdminMootaCandidate["hints"] = []
    if (r.id === matchedId) hints.push("matched")
    else if (suggested.includes(r.id)) hints.push("matcher")
    if (amount !== null && Number(r.transfer_amount) === amount) hints.push("exact_amount")
    if (amount !== null && Number(r.order_total) === amount) hints.push("code_missing")
    if (claimedIds.includes(r.id)) hints.push("claimed")
    return {
      reservation_id: r.id,
      status: r.status,
      release_reason: r.release_reason,
      bank_ids: r.bank_ids as string[],
      transfer_amount: Number(r.transfer_amount),
      order_total: Number(r.order_total),
      unique_code: Number(r.unique_code),
      difference: amount === null ? null : amount - Number(r.transfer_amount),
      created_at: new Date(r.created_at).toISOString(),
      expires_at: new Date(r.expires_at).toISOString(),
      order,
      hints,
      matchable: item.status === "open" && r.status !== "paid" && !!order && order.status !== "canceled",
    }
  })

  const body: AdminMootaReviewItemResponse = {
    review_item: reviewItemView(item, inbox, orders),
    candidates: [...candidates].sort((a, b) => Number(b.hints.includes("claimed")) - Number(a.hints.includes("claimed"))),
    history: await historyFor(req.scope, [item.id, item.inbox_mutation_id]),
    claims: await claimViews(req.scope, claims),
  }
  res.json(body)
}
