import { isWholeRupiah, parseMootaAmount } from "./amount"
import { maskAccountNumber } from "./mask"
import type { MootaMutation } from "./moota-client"
import { RELEASE, isOpenReservation, type IgnoredKind, type ReservationStatus, type ReviewReason } from "./statuses"
import { parseMootaTime, toMootaDate } from "./wib"

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
  | { kind: "review"; reason: ReviewReason; reservation_id: string | null; candidate_ids: string[]; detail: string }

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
  const wibMidnight = (mutationDate.getTime() + 7 * 3_600_000) % 86_400_000 === 0
  if (wibMidnight) {
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
    if (r.status === "quarantined") {
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
  if (latest.status === "paid") {
    return review("already_paid", "A second transfer for an order already paid", latest, candidates)
  }
  if (latest.release_reason === RELEASE.order_canceled || latest.order_status === "canceled") {
    return review("canceled", "Transfer for an order that was canceled", latest, candidates)
  }
  if (latest.status === "expired") {
    return review("expired", "Transfer arrived after the payment deadline and its grace period", latest, candidates)
  }
  return review("unmatched", "No order awaits this amount on this account", null, candidates)
}

/** What the inbox stores of a mutation: enough to match and to show the merchant, no full account numbers. */
export type InboxInput = {
  bank_id: string
  mutation_id: string
  type: string
  amount: number | null
  amount_raw: string
  account_number_masked: string | null
  description: string | null
  mutation_date: Date | null
  payment_detail: Record<string, unknown> | null
}

export function toInboxInput(m: MootaMutation): InboxInput {
  // Only whole rupiah that fit the column can match; anything else is kept raw and goes to review.
  let amount: number | null = null
  try {
    const parsed = parseMootaAmount(m.amount)
    amount = isWholeRupiah(parsed) && parsed <= 2_147_483_647 ? parsed : null
  } catch {
    amount = null
  }
  let date: Date | null = null
  try {
    date = m.date ? parseMootaTime(m.date) : m.created_at ? parseMootaTime(m.created_at) : null
  } catch {
    date = null
  }
  const detail = m.payment_detail
  return {
    bank_id: storableText(m.bank_id),
    mutation_id: storableText(m.mutation_id),
    type: storableText(String(m.type).toUpperCase()),
    amount,
    amount_raw: storableText(String(m.amount).slice(0, 40)),
    account_number_masked: m.account_number != null ? storableText(maskAccountNumber(m.account_number)) : null,
    description: m.description ? storableText(String(m.description).slice(0, 500)) : null,
    mutation_date: date,
    payment_detail:
      detail && typeof detail === "object" && Object.keys(detail).length
        ? (storableJson(detail) as Record<string, unknown>)
        : null,
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * PostgreSQL text and jsonb hold neither NUL nor half of a UTF-16 surrogate pair, both of which valid
 * JSON can carry ("\u0000", "\ud800"). A signed delivery with them is stored without the NULs and
 * with U+FFFD for the half pairs, instead of failing the whole delivery.
 */
export function storableText(s: string): string {
  return s.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\ufffd")
}

function storableJson(v: unknown): unknown {
  if (typeof v === "string") {
    return storableText(v)
  }
  if (Array.isArray(v)) {
    return v.map(storableJson)
  }
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [storableText(k), storableJson(x)]))
  }
  return v
}
