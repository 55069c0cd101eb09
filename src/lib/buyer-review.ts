import { isBeforeReservation } from "./matching"
import { REVIEW, type ReviewStatus } from "./statuses"
import { fitsReservation } from "./triage"

/**
 * Whether a buyer whose order still awaits payment should be told that a transfer is with the store
 * (issue 14). A buyer who sent Rp165.000 instead of Rp165.967 must not keep reading "not received yet":
 * the money arrived and a person is looking at it.
 *
 * A review item tells this order's buyer about a transfer when it names this reservation (the matcher
 * or the merchant put it there) or this order, or when it could be for it by the triage's rule: on one of the
 * accounts the buyer was shown, an amount near the order total or the transfer amount
 * (`fitsReservation`) or the amount the buyer reported in a claim, received after the order's amount
 * was reserved. An item the merchant matched to
 * another payment is not this buyer's. An open item says "the store is checking it"; a dismissed one
 * says the store looked and did not match it to this order.
 */

export type BuyerReviewReservation = {
  id: string
  order_total: number
  transfer_amount: number
  bank_ids: string[]
  created_at: Date
  /** The order paying by this reservation, once placed. */
  order_id?: string | null
  /** Amounts the buyer reported in claims for this order: such a credit is theirs by their own word. */
  claimed_amounts?: number[]
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
}

export type BuyerReview = {
  /** `checking`: the store has not decided yet; `not_matched`: the store looked and did not match it here. */
  state: "checking" | "not_matched"
  amount: number
  received_at: Date
}

export function itemConcernsReservation(
  item: BuyerReviewItem,
  r: BuyerReviewReservation,
  rule: { tolerance_percent: number; code_max: number }
): boolean {
  if (item.status === REVIEW.resolved || item.amount === null) {
    return false
  }
  if (item.reservation_id === r.id || item.candidate_reservation_ids.includes(r.id)) {
    return true
  }
  if (r.order_id && item.order_id === r.order_id) {
    return true
  }
  if (item.reservation_id !== null || !r.bank_ids.includes(item.bank_id)) {
    return false
  }
  if (isBeforeReservation(item.mutation_date ?? item.created_at, r.created_at)) {
    return false
  }
  if (r.claimed_amounts?.includes(item.amount)) {
    return true
  }
  const shape = { id: r.id, status: "awaiting" as const, order_total: r.order_total, transfer_amount: r.transfer_amount, updated_at: r.created_at, same_account: true }
  return fitsReservation(item.amount, shape, rule.tolerance_percent, rule.code_max)
}

/** The transfer to tell the buyer about: an open item first (newest), else the newest dismissed one. */
export function buyerReviewOf(
  r: BuyerReviewReservation,
  items: BuyerReviewItem[],
  rule: { tolerance_percent: number; code_max: number }
): BuyerReview | null {
  const mine = items
    .filter((i) => itemConcernsReservation(i, r, rule))
    .sort((a, b) => b.created_at.getTime() - a.created_at.getTime())
  const pick = mine.find((i) => i.status === REVIEW.open) ?? mine[0]
  if (!pick) {
    return null
  }
  return {
    state: pick.status === REVIEW.open ? "checking" : "not_matched",
    amount: pick.amount as number,
    received_at: pick.mutation_date ?? pick.created_at,
  }
}
