import type { MedusaContainer } from "@medusajs/framework/types"
import { DAY_MS } from "../lib/durations"
import { asksForClaim, buyerReviewOf, itemConcernsReservation, type BuyerReview, type BuyerReviewItem } from "../lib/buyer-review"
import { LATE_GRACE_MS, matchOverrides } from "../lib/match-checks"
import { fitsTransfer, ownershipOf } from "../lib/review-ownership"
import { nearBand } from "../lib/triage"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import type { ClaimRow } from "../modules/moota/types"
import type { ReservationRow } from "../modules/moota/types"
import { ordersOfSessions } from "./moota-payment"

/**
 * The transfers in review around one Moota payment, and whose they are (lib/review-ownership.ts):
 * what its buyer is told (`buyerReviewOfPayment`) and what the merchant's order widget lists
 * (`reviewFitsOfPayment`). Both ask the review queue's own question, "which open payments does this
 * transfer fit?" (`nearbyReservations`), over every payment on the transfer's account.
 */

const mootaOf = (scope: MedusaContainer) => scope.resolve<MootaModuleService>(MOOTA_MODULE)

/** The reservations the review queue suggests for a transfer of this amount on this account at this time. */
export async function nearbyReservations(
  scope: MedusaContainer,
  item: { bank_id: string; amount: number | string | null },
  at: Date,
  suggested: string[],
  limit: number
): Promise<ReservationRow[]> {
  const moota = mootaOf(scope)
  const options = moota.getOptions()
  if (item.amount === null || item.amount === undefined) {
    // Through unknown: the generated row type reads the json column bank_ids as a record.
    return suggested.length ? ((await moota.listMootaReservations({ id: suggested })) as unknown as ReservationRow[]) : []
  }
  const lifetimeMs = (options.paymentWindowMinutes + options.quarantineMinutes) * 60_000
  return await moota.listReviewCandidates({
    bank_id: item.bank_id,
    amount: Number(item.amount),
    spread: options.uniqueCodeMax,
    from: new Date(at.getTime() - lifetimeMs - DAY_MS),
    to: new Date(at.getTime() + DAY_MS),
    include_ids: suggested,
    limit,
    at: new Date(at.getTime() + LATE_GRACE_MS),
  })
}

type NearItem = BuyerReviewItem & { id: string; fitting: ReservationRow[] }

/**
 * Review items near this payment (on its accounts, near its amount or one its buyer reported, or
 * naming it), each with the open payments its transfer fits. Past 20 fitting payments a transfer is
 * shared anyway, so the count stops there.
 */
async function itemsNear(scope: MedusaContainer, r: ReservationRow, orderId: string | null, claims: ClaimRow[]): Promise<NearItem[]> {
  const moota = mootaOf(scope)
  const options = moota.getOptions()
  const band = (ref: number) => nearBand(ref, options.unrelatedTolerancePercent, options.uniqueCodeMax)
  const near = [band(Number(r.order_total)), band(Number(r.transfer_amount))]
  const items = await moota.listBuyerReviewItems({
    reservation_id: r.id,
    order_id: orderId,
    bank_ids: r.bank_ids,
    min: Math.min(...near.map((b) => b.min)),
    max: Math.max(...near.map((b) => b.max)),
    amounts: [...new Set(claims.map((c) => c.amount))],
    since: new Date(new Date(r.created_at).getTime() - DAY_MS),
  })
  const codeRange = options.uniqueCodeMax
  return await Promise.all(
    items.map(async (i) => {
      const at = i.mutation_date ?? i.created_at
      const decided = i.status === "resolved" || i.reservation_id !== null || !!i.order_id
      const fitting = decided
        ? []
        : (await nearbyReservations(scope, i, at, [r.id], 20)).filter((c) => fitsTransfer({ ...i, at }, c, codeRange))
      return { ...i, fitting, fitting_reservation_ids: fitting.map((c) => c.id) }
    })
  )
}

const reservationOf = (r: ReservationRow, orderId: string | null, claims: ClaimRow[]) => ({
  id: r.id,
  bank_ids: r.bank_ids,
  created_at: new Date(r.created_at),
  order_id: orderId ?? r.order_id ?? null,
  claims: claims.map((c) => ({ amount: c.amount, transferred_at: new Date(c.transferred_at) })),
})

/** What this payment's buyer is told about transfers in review (see lib/buyer-review.ts). */
export async function buyerReviewOfPayment(
  scope: MedusaContainer,
  r: ReservationRow,
  orderId: string | null,
  claims: ClaimRow[]
): Promise<{ review: BuyerReview | null; ask_claim: boolean }> {
  const items = await itemsNear(scope, r, orderId, claims)
  const mine = reservationOf(r, orderId, claims)
  return { review: buyerReviewOf(mine, items), ask_claim: asksForClaim(mine, items) }
}

/** Open transfers in review that could be this order's, for the merchant's order widget. */
export async function reviewFitsOfPayment(scope: MedusaContainer, r: ReservationRow, orderId: string, claims: ClaimRow[]) {
  const items = (await itemsNear(scope, r, orderId, claims)).filter((i) => i.status === "open" && i.amount !== null)
  const mine = reservationOf(r, orderId, claims)
  const fits = items.filter((i) => itemConcernsReservation(i, mine) || i.fitting.some((c) => c.id === r.id))
  const orders = await ordersOfSessions(
    scope,
    fits.flatMap((i) => i.fitting.filter((c) => c.id !== r.id).map((c) => c.session_id))
  )
  const codeRange = mootaOf(scope).getOptions().uniqueCodeMax
  return fits
    .sort((a, b) => b.created_at.getTime() - a.created_at.getTime())
    .map((i) => {
      const at = i.mutation_date ?? i.created_at
      const claimShapes = mine.claims.map((c) => ({ ...c, bank_ids: r.bank_ids }))
      const why = ownershipOf({ ...i, at }, mine, claimShapes, i.fitting_reservation_ids ?? []) ?? "shared"
      const others = i.fitting.filter((c) => c.id !== r.id).flatMap((c) => {
        const o = orders.get(c.session_id)
        return o && o.id !== orderId ? [{ id: o.id, display_id: o.display_id }] : []
      })
      const overrides = matchOverrides({
        transfer_at: at,
        transfer_amount: i.amount,
        payment_started_at: new Date(r.created_at),
        payment_amount: Number(r.transfer_amount),
        code_range: codeRange,
      })
      return {
        review_item_id: i.id,
        amount: i.amount as number,
        received_at: at.toISOString(),
        why,
        also_fits: others,
        plain_match: overrides.length === 0,
      }
    })
}
