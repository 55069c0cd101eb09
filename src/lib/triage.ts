import { isBeforeReservation, type MatchDecision } from "./matching"
import { INBOX, isOpenReservation, type InboxOutcome, type InboxStatus, type ReservationStatus } from "./statuses"
import { DAY_MS } from "./durations"

/**
 * Triage of credits no reservation holds (issue 16). A shared business account receives marketplace
 * payouts, refunds and family transfers; only a credit that could be for an order is worth a person's
 * attention. Pure: the module supplies the nearby reservations and the account's first-seen time.
 *
 * A credit is a review item when:
 * - a buyer's claim names it, or
 * - its amount equals, or lies within the unique-code range or the tolerance of, the order total or the
 *   transfer amount of a reservation that is awaiting or quarantined, or that ended (expired, canceled,
 *   released by the merchant or paid) within the last `TRIAGE_RECENT_DAYS` before the credit, or
 * - the merchant asked to review every credit (`unrelatedCredits: "review"`).
 * A credit dated before the plugin first saw its account is history; anything else is an unrelated credit.
 * Both are kept in the inbox with their own outcome, and neither becomes a review item or an alert.
 */

/**
 * How long an ended reservation still makes a nearby credit worth reviewing. A week covers a buyer
 * who pays days late or pays a canceled order again, without every amount near any order ever
 * paid becoming a review item on a busy shared account.
 */
export const TRIAGE_RECENT_DAYS = 7


export type TriageReservation = {
  id: string
  status: ReservationStatus
  order_total: number
  transfer_amount: number
  /** When the reservation last changed (paid, expired, canceled, released). */
  updated_at: Date
  /** False when the reservation was offered on another of the shop's accounts. */
  same_account: boolean
}

export type TriageInput = {
  amount: number | null
  mutation_date: Date | null
  /** When the plugin first saw this account (boot or first use); null when never recorded. */
  first_seen_at: Date | null
  /** Reservations whose order total or transfer amount is near the amount (the store pre-filters). */
  reservations: TriageReservation[]
  /** A buyer's open claim names this credit (see lib/claims.ts). */
  claimed?: boolean
  mode: "log" | "review"
  tolerance_percent: number
  /** Largest unique code: a credit this close to a total is a forgotten or mistyped code. */
  code_max: number
  now: Date
}

export type TriageOutcome =
  | { kind: "history" }
  | { kind: "unrelated" }
  | { kind: "review"; why: "claimed" | "near_order" | "review_all"; reservation_ids: string[] }

/** Inclusive on both bounds: exactly the code range, or exactly the tolerance, still counts. */
export function isNear(amount: number, reference: number, tolerancePercent: number, codeMax: number): boolean {
  const gap = Math.abs(amount - reference)
  return gap <= codeMax || gap * 100 <= reference * tolerancePercent
}

/** Whether a reservation can still explain a credit: live, or ended within the recent window. */
export function isRecent(r: TriageReservation, creditAt: Date): boolean {
  if (isOpenReservation(r.status)) {
    return true
  }
  return r.updated_at.getTime() >= creditAt.getTime() - TRIAGE_RECENT_DAYS * DAY_MS
}

/**
 * Whether a credit fits this reservation. On another of the shop's accounts only an exact amount
 * counts (a buyer who transferred to the wrong one of the shop's accounts).
 */
export function fitsReservation(amount: number, r: TriageReservation, tolerancePercent: number, codeMax: number): boolean {
  if (!r.same_account) {
    return amount === r.order_total || amount === r.transfer_amount
  }
  return [r.order_total, r.transfer_amount].some((ref) => isNear(amount, ref, tolerancePercent, codeMax))
}

/** Dated before the plugin first saw the account (calendar days for date-only bank stamps, a few minutes of skew). */
export function isHistory(mutationDate: Date | null, firstSeenAt: Date | null): boolean {
  return !!firstSeenAt && isBeforeReservation(mutationDate, firstSeenAt)
}

export function triageCredit(input: TriageInput): TriageOutcome {
  if (input.claimed) {
    return { kind: "review", why: "claimed", reservation_ids: [] }
  }
  if (isHistory(input.mutation_date, input.first_seen_at)) {
    return { kind: "history" }
  }
  const creditAt = input.mutation_date ?? input.now
  const amount = input.amount
  const near =
    amount === null
      ? []
      : input.reservations.filter((r) => isRecent(r, creditAt) && fitsReservation(amount, r, input.tolerance_percent, input.code_max))
  if (near.length) {
    return { kind: "review", why: "near_order", reservation_ids: near.map((r) => r.id) }
  }
  if (input.mode === "review") {
    return { kind: "review", why: "review_all", reservation_ids: [] }
  }
  return { kind: "unrelated" }
}

/**
 * The matcher's decisions triage may soften: a credit no reservation ever held ("unmatched" with no
 * candidate) and an amount that is not whole rupiah. Every other review names a reservation.
 */
export function needsTriage(decision: MatchDecision): boolean {
  return (
    decision.kind === "review" &&
    ((decision.reason === "unmatched" && decision.candidate_ids.length === 0) || decision.reason === "invalid_amount")
  )
}

/**
 * The decision to record. An invalid amount is never "unrelated" (nobody can tell what it was for),
 * only history when it predates the plugin.
 */
export function applyTriage(decision: MatchDecision, input: TriageInput): MatchDecision {
  if (!needsTriage(decision) || decision.kind !== "review") {
    return decision
  }
  if (decision.reason === "invalid_amount") {
    return isHistory(input.mutation_date, input.first_seen_at) ? { kind: "ignore", outcome: "history" } : decision
  }
  const t = triageCredit(input)
  if (t.kind === "review") {
    return decision
  }
  return { kind: "ignore", outcome: t.kind }
}

/**
 * The band of order totals and transfer amounts that `isNear` can accept for an amount, for the
 * store's pre-filter (wide enough; the rule above decides).
 */
export function nearBand(amount: number, tolerancePercent: number, codeMax: number): { min: number; max: number } {
  const p = tolerancePercent / 100
  return {
    min: Math.max(0, Math.min(amount - codeMax, Math.floor(amount / (1 + p)))),
    max: Math.max(amount + codeMax, p < 1 ? Math.ceil(amount / (1 - p)) : Number.MAX_SAFE_INTEGER),
  }
}

/** Inbox outcomes of credits triage kept out of review (`ignored_` + the matcher's outcome): the "other credits". */
export const OTHER_CREDIT_OUTCOMES = { unrelated: "ignored_unrelated", history: "ignored_history" } as const satisfies Record<
  string,
  InboxOutcome
>
export type OtherCreditKind = keyof typeof OTHER_CREDIT_OUTCOMES

export function isOtherCredit(row: { status: InboxStatus | string; outcome: string | null }): boolean {
  return row.status === INBOX.processed && (Object.values(OTHER_CREDIT_OUTCOMES) as string[]).includes(row.outcome ?? "")
}
