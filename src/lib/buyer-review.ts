import type { ClaimShape } from "./claims"
import { ownershipOf } from "./review-ownership"
import { REVIEW, type ReviewStatus } from "./statuses"

/**
 * Whether a buyer whose order still awaits payment should be told that a transfer is with the store
 * (issue 14). A buyer who sent Rp165.000 instead of Rp165.967 must not keep reading "not received yet":
 * the money arrived and a person is looking at it.
 *
 * Only a transfer that is this order's (lib/review-ownership.ts, issue 25) is told: linked by the
 * matcher or the merchant, reported by this buyer, or fitting this payment and no other. An open item
 * says "the store is checking it"; a dismissed one says the store looked and did not match it here.
 * A transfer that fits this payment among others is not told (it may be a stranger's): the buyer is
 * asked to send a payment confirmation instead (`asksForClaim`).
 */

export type BuyerReviewReservation = {
  id: string
  bank_ids: string[]
  created_at: Date
  /** The order paying by this reservation, once placed. */
  order_id?: string | null
  /** The buyer's payment confirmations for this order. */
  claims?: Pick<ClaimShape, "amount" | "transferred_at">[]
}

export type BuyerReviewItem = {
  status: ReviewStatus
  /** The matcher's reservation, or the one the merchant matched. */
  reservation_id: string | null
  candidate_reservation_ids: string[]
  /** The order the item names (e.g. a paid VA number the cart's change replaced names its cart's order). */
  order_id?: string | null
  bank_id: string
  amount: number | null
  /** When the bank booked the transfer; null when Moota did not say. */
  mutation_date: Date | null
  created_at: Date
  /** The open payments the transfer fits (`fitsTransfer`); filled in by the caller. */
  fitting_reservation_ids?: string[]
}

export type BuyerReview = {
  /** `checking`: the store has not decided yet; `not_matched`: the store looked and did not match it here. */
  state: "checking" | "not_matched"
  amount: number
  received_at: Date
}

const creditOf = (i: BuyerReviewItem) => ({ ...i, at: i.mutation_date ?? i.created_at })

export function itemConcernsReservation(item: BuyerReviewItem, r: BuyerReviewReservation): boolean {
  const claims = (r.claims ?? []).map((c) => ({ ...c, bank_ids: r.bank_ids }))
  return ownershipOf(creditOf(item), r, claims, item.fitting_reservation_ids ?? []) !== null
}

/** The transfer to tell the buyer about: an open item first (newest), else the newest dismissed one. */
export function buyerReviewOf(r: BuyerReviewReservation, items: BuyerReviewItem[]): BuyerReview | null {
  const mine = items.filter((i) => itemConcernsReservation(i, r)).sort((a, b) => b.created_at.getTime() - a.created_at.getTime())
  const pick = mine.find((i) => i.status === "open") ?? mine[0]
  if (!pick) {
    return null
  }
  return {
    state: pick.status === REVIEW.open ? "checking" : "not_matched",
    amount: pick.amount as number,
    received_at: pick.mutation_date ?? pick.created_at,
  }
}

/** An open transfer fits this payment among others and is no one's yet: the buyer's confirmation would tell. */
export function asksForClaim(r: BuyerReviewReservation, items: BuyerReviewItem[]): boolean {
  return items.some(
    (i) =>
      i.status === "open" &&
      i.reservation_id === null &&
      !i.order_id &&
      (i.fitting_reservation_ids ?? []).includes(r.id) &&
      !itemConcernsReservation(i, r)
  )
}
