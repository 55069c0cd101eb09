import { claimFitsCredit, type ClaimShape } from "./claims"
import { isBeforeReservation } from "./matching"
import { matchOverrides } from "./match-checks"
import { isOpenReservation, type ReservationStatus } from "./statuses"

/**
 * Whose is a transfer in review (issue 25)? Several buyers may await the same total on one account;
 * one short transfer fits all of them, and at most one sent it. Telling each of them "we received it,
 * do not transfer again" lets the real payers' orders expire and shows each buyer a stranger's
 * transfer. So a transfer is an order's only when:
 * - `linked`: the matcher or the merchant named this payment or this order, or
 * - `claimed`: this order's buyer reported it (amount, account, time: `claimFitsCredit`), or
 * - `only_fit`: it fits this payment and no other open payment, by the review queue's rule for a plain
 *   suggestion (`fitsTransfer`).
 * Anything else the buyer is not told about; when it fits their payment among others (`shared`), they
 * are asked to send a payment confirmation, and the merchant sees the other orders it fits.
 */

export type Ownership = "linked" | "claimed" | "only_fit"

/** A transfer in review, as ownership needs it. */
export type OwnershipCredit = {
  status: "open" | "resolved" | "dismissed"
  reservation_id: string | null
  order_id?: string | null
  bank_id: string
  amount: number | null
  /** When the bank booked it, else when the plugin received it. */
  at: Date
}

/** A payment a transfer may belong to. */
export type FitReservation = {
  id: string
  status: ReservationStatus
  bank_ids: string[]
  transfer_amount: number
  created_at: Date
}

/**
 * The review queue's plain suggestion: an open payment offered on the transfer's account, started
 * before the transfer, whose amount is within the unique-code range of it (no exception to type).
 */
export function fitsTransfer(credit: Pick<OwnershipCredit, "bank_id" | "amount" | "at">, r: FitReservation, codeRange: number): boolean {
  if (credit.amount === null || !isOpenReservation(r.status) || !r.bank_ids.includes(credit.bank_id)) {
    return false
  }
  const overrides = matchOverrides({
    transfer_at: credit.at,
    transfer_amount: credit.amount,
    payment_started_at: new Date(r.created_at),
    payment_amount: Number(r.transfer_amount),
    code_range: codeRange,
  })
  return overrides.length === 0
}

/**
 * Whether the transfer is this payment's, and why; null when it is not (or not known to be).
 * `fitting` is every open payment the transfer fits (`fitsTransfer`), this one included if it fits.
 */
export function ownershipOf(
  credit: OwnershipCredit,
  r: { id: string; order_id?: string | null; bank_ids: string[]; created_at: Date },
  claims: ClaimShape[],
  fitting: string[]
): Ownership | null {
  if (credit.status === "resolved" || credit.amount === null) {
    return null
  }
  // Named by the matcher or the merchant: this payment, or this order (e.g. a paid VA number that the
  // cart's change replaced still names the cart's order).
  if (credit.reservation_id === r.id || (!!credit.order_id && !!r.order_id && credit.order_id === r.order_id)) {
    return "linked"
  }
  if (credit.reservation_id !== null || credit.order_id) {
    return null
  }
  if (!r.bank_ids.includes(credit.bank_id) || isBeforeReservation(credit.at, r.created_at)) {
    return null
  }
  const shape = { bank_id: credit.bank_id, amount: credit.amount, mutation_date: credit.at }
  if (claims.some((c) => claimFitsCredit({ ...c, bank_ids: r.bank_ids }, shape))) {
    return "claimed"
  }
  return fitting.length === 1 && fitting[0] === r.id ? "only_fit" : null
}
