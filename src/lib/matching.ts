import { isWholeRupiah } from "./amount"
import { RELEASE, RESERVATION, isOpenReservation, type IgnoredKind, type ReservationStatus, type ReviewReason } from "./statuses"
import { isWibMidnight, toMootaDate } from "./wib"

/**
 * Deciding what a credited mutation means. Pure: the module supplies the candidates, this decides.
 * Anything but exactly one clean match becomes a review item; nothing is captured on a guess.
 */

export type { ReviewReason }

export type MatchCandidate = {
  id: string
  status: ReservationStatus
  created_at: Date
  release_reason: string | null
  /** Status of the order placed with this reservation's session, when there is one. */
  order_status?: string | null
}

export type MatchMutation = {
  mutation_id: string
  type: string
  bank_id: string
  amount: number | null
  mutation_date: Date | null
}

export type MatchDecision =
  | { kind: "ignore"; outcome: IgnoredKind }
  | { kind: "capture"; reservation_id: string }
  | {
      kind: "review"
      reason: ReviewReason
      reservation_id: string | null
      candidate_ids: string[]
      detail: string
      /** The order, when it is known apart from the reservation (a replaced Moota transaction's cart). */
      order_id?: string | null
    }

/**
 * The admin's "send test" deliveries carry ids with this prefix. Moota's own ids are alphanumeric
 * hashids, never with a dash, so a real mutation can never be mistaken for a test.
 */
export const TEST_MUTATION_PREFIX = "test-"

/** Bank clocks and ours differ a little; a transfer stamped this much before the reservation still counts. */
const CLOCK_SKEW_MS = 5 * 60_000

function review(
  reason: ReviewReason,
  detail: string,
  reservation: MatchCandidate | null,
  candidates: MatchCandidate[] = reservation ? [reservation] : []
): MatchDecision {
  return { kind: "review", reason, reservation_id: reservation?.id ?? null, candidate_ids: candidates.map((c) => c.id), detail }
}

/** Some banks report only the date (00:00:00 WIB): then compare calendar days, not instants. */
export function isBeforeReservation(mutationDate: Date | null, reservedAt: Date): boolean {
  if (!mutationDate) {
    return false
  }
  if (isWibMidnight(mutationDate)) {
    return toMootaDate(mutationDate) < toMootaDate(reservedAt)
  }
  return mutationDate.getTime() < reservedAt.getTime() - CLOCK_SKEW_MS
}

export function decideMatch(
  mutation: MatchMutation,
  configuredBankIds: ReadonlySet<string>,
  candidates: MatchCandidate[]
): MatchDecision {
  if (mutation.mutation_id.startsWith(TEST_MUTATION_PREFIX)) {
    return { kind: "ignore", outcome: "test" }
  }
  if (mutation.type !== "CR") {
    return { kind: "ignore", outcome: "debit" }
  }
  if (!configuredBankIds.has(mutation.bank_id)) {
    return { kind: "ignore", outcome: "unknown_account" }
  }
  if (mutation.amount === null || !isWholeRupiah(mutation.amount)) {
    return review("invalid_amount", "The amount is not a whole number of rupiah", null)
  }

  const live = candidates.filter((c) => isOpenReservation(c.status))
  if (live.length > 1) {
    return review("ambiguous", `${live.length} reservations hold this amount`, null, live)
  }
  if (live.length === 1) {
    const r = live[0]
    if (r.order_status === "canceled" || r.release_reason === RELEASE.order_canceled) {
      return review("canceled", "Transfer for an order that was canceled", r)
    }
    if (r.status === RESERVATION.quarantined) {
      return review("expired", "Transfer arrived after the payment deadline", r)
    }
    if (isBeforeReservation(mutation.mutation_date, r.created_at)) {
      return review("before_reservation", "The mutation is dated before the order's reservation", r)
    }
    return { kind: "capture", reservation_id: r.id }
  }

  const latest = [...candidates].sort((a, b) => b.created_at.getTime() - a.created_at.getTime())[0]
  if (!latest) {
    return review("unmatched", "No order awaits this amount on this account", null)
  }
  if (latest.status === RESERVATION.paid) {
    return review("already_paid", "A second transfer for an order already paid", latest, candidates)
  }
  if (latest.release_reason === RELEASE.order_canceled || latest.order_status === "canceled") {
    return review("canceled", "Transfer for an order that was canceled", latest, candidates)
  }
  if (latest.status === RESERVATION.expired) {
    return review("expired", "Transfer arrived after the payment deadline and its grace period", latest, candidates)
  }
  return review("unmatched", "No order awaits this amount on this account", null, candidates)
}
