import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { matchOverrides } from "../../../../lib/match-checks"
import { nearbyReservations } from "../../../../queries/review-ownership"
import type { ReservationRow } from "../../../../modules/moota/types"
import { mootaPaymentOfOrder, ordersOfSessions, type MootaPaymentOrder } from "../../../../queries/moota-payment"
import { likeEscape, mootaOf } from "../helpers"
import type { AdminMootaCandidate } from "../types"
import { RESERVATION } from "../../../../lib/statuses"

type StoredItem = { status: string; amount: number | string | null; reservation_id: string | null; resolution: string | null }

/** When the transfer of a review item arrived, as the bank stamped it (else when the plugin received it). */
export function transferTime(inbox: { mutation_date?: Date | string | null } | undefined, item: { created_at: Date | string }): Date {
  return new Date(inbox?.mutation_date ?? item.created_at)
}

/**
 * The orders a review item may belong to, as the drawer shows them: open payments that fit the amount,
 * account and time first; paid and canceled ones marked so; a payment started after the transfer, or
 * whose amount is further than the unique-code range, flagged (matching it needs a typed reason);
 * an order whose buyer reported this transfer (a claim) first among the open ones.
 */
export async function candidatesOf(
  scope: MedusaContainer,
  item: StoredItem,
  at: Date,
  reservations: ReservationRow[],
  suggested: string[],
  claimed: string[] = []
): Promise<AdminMootaCandidate[]> {
  const moota = mootaOf(scope)
  const bySession = await ordersOfSessions(
    scope,
    reservations.map((r) => r.session_id),
    { withTotal: true }
  )
  const amount = item.amount === null || item.amount === undefined ? null : Number(item.amount)
  const matchedId = item.resolution === "matched" ? item.reservation_id : null
  const codeRange = moota.getOptions().uniqueCodeMax
  const candidates = reservations.map((r): AdminMootaCandidate => {
    const order: MootaPaymentOrder | null = bySession.get(r.session_id) ?? null
    const hints: AdminMootaCandidate["hints"] = []
    if (r.id === matchedId) hints.push("matched")
    else if (suggested.includes(r.id)) hints.push("matcher")
    if (amount !== null && Number(r.transfer_amount) === amount) hints.push("exact_amount")
    if (amount !== null && Number(r.order_total) === amount) hints.push("code_missing")
    if (claimed.includes(r.id)) hints.push("claimed")
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
      matchable: item.status === "open" && r.status !== RESERVATION.paid && !!order && order.status !== "canceled",
      overrides: matchOverrides({
        transfer_at: at,
        transfer_amount: amount,
        payment_started_at: new Date(r.created_at),
        payment_amount: Number(r.transfer_amount),
        code_range: codeRange,
      }),
      evidence: null,
    }
  })
  return rankByEvidence(candidates)
}

/**
 * Ranked by evidence: the order whose buyer reported this very transfer first, then the only open order
 * the transfer fits (no exception), then the others (stable: the store's order, nearest amount first),
 * orders that cannot be matched last. Only the first two are marked as evidence (a one-click match).
 */
export function rankByEvidence(candidates: AdminMootaCandidate[]): AdminMootaCandidate[] {
  const claimed = candidates.filter((c) => c.matchable && c.hints.includes("claimed"))
  const fitting = candidates.filter((c) => c.matchable && !c.overrides.length)
  for (const c of candidates) {
    c.evidence = claimed.includes(c) && claimed.length === 1 ? "claimed" : !claimed.length && fitting.length === 1 && fitting[0] === c ? "only_fit" : null
  }
  const rank = (c: AdminMootaCandidate) =>
    c.hints.includes("matched") ? 0 : !c.matchable ? 5 : c.evidence === "claimed" ? 1 : c.evidence === "only_fit" ? 2 : c.overrides.length ? 4 : 3
  return candidates.sort((a, b) => rank(a) - rank(b))
}

export { nearbyReservations }

/**
 * Orders the merchant names by number ("#12" or "12"), email or customer name (every word in the
 * first or last name of the shipping address), newest first, with their Moota payment.
 */
export async function reservationsOfOrdersMatching(scope: MedusaContainer, term: string, limit: number): Promise<ReservationRow[]> {
  const number = term.replace(/^#/, "").trim()
  const words = term.split(/\s+/).filter(Boolean).map((w) => `%${likeEscape(w)}%`)
  const filters: Record<string, unknown> = /^[1-9]\d{0,9}$/.test(number) && Number(number) <= 2_147_483_647
    ? { display_id: Number(number) }
    : term.includes("@")
      ? { email: { $ilike: `%${likeEscape(term.trim())}%` } }
      : {
          $and: words.map((w) => ({
            $or: [{ shipping_address: { first_name: { $ilike: w } } }, { shipping_address: { last_name: { $ilike: w } } }],
          })),
        }
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ["id"],
    filters,
    pagination: { take: limit, order: { created_at: "DESC" } },
  })
  const found = await Promise.all((data as { id: string }[]).map((o) => mootaPaymentOfOrder(scope, o.id)))
  return found.flatMap((f) => (f?.payment ? [f.payment.reservation] : []))
}
