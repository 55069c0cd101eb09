import type { BuyerReviewItem } from "../../lib/buyer-review"
import type { MatchCandidate, MatchDecision } from "../../lib/matching"
import type { InboxInput, MootaCreatedTransaction } from "../../lib/moota"
import type { NotificationClaim, NotificationLogRow } from "../../lib/notifications"
import type { MootaTransactionKind } from "../../lib/options"
import type { TransactionRef } from "../../lib/transaction-match"
import type { TriageReservation } from "../../lib/triage"
import type {
  InboxOutcome,
  InboxSource,
  InboxStatus,
  ReservationStatus,
  ReviewReason,
  ReviewResolution,
  AuditAction,
  RefundStatus,
  ReviewStatus,
  TransactionStatus,
  WriteBackStatus,
} from "../../lib/statuses"
import type { UniqueCodeMode } from "../../lib/unique-code"

/**
 * The module's public types: every input and output of MootaModuleService is declared or named here,
 * so callers import from this file only (the stores under ./stores take the same types).
 */
export type {
  BuyerReviewItem,
  InboxInput,
  InboxOutcome,
  InboxSource,
  MatchCandidate,
  MatchDecision,
  NotificationClaim,
  NotificationLogRow,
  ReservationStatus,
  TransactionRef,
  TriageReservation,
}

/** Rows of the plugin's tables as read with raw SQL (integers are whole rupiah). */
export type ReservationRow = {
  id: string
  session_id: string
  status: ReservationStatus
  currency_code: string
  order_total: number
  unique_code: number
  code_mode: UniqueCodeMode
  transfer_amount: number
  bank_ids: string[]
  expires_at: Date
  quarantine_until: Date | null
  order_id: string | null
  paid_at: Date | null
  paid_bank_id: string | null
  paid_mutation_id: string | null
  received_amount: number | null
  released_at: Date | null
  release_reason: string | null
  refunds: RefundRecord[] | null
  /** `moota_transaction`: the instructions of a Moota transaction this session pays through. */
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

export type RefundRecord = { amount: number; recorded_at: string; note: string }

export type ReserveAmountInput = {
  session_id: string
  currency_code: string
  order_total: number
  bank_ids: string[]
  code_min: number
  code_max: number
  code_mode: UniqueCodeMode
  expires_at: Date
  quarantine_until: Date
}

export type PaidMutation = {
  bank_id: string
  mutation_id: string
  amount: number
  paid_at: Date
}

/** An inbox row: the stored mutation (see InboxInput) and where its processing stands. */
export type InboxRow = InboxInput & {
  id: string
  source: InboxSource
  status: InboxStatus
  outcome: InboxOutcome | null
  reservation_id: string | null
  attempts: number
  last_error: string | null
  processed_at: Date | null
  write_back_status: WriteBackStatus
  write_back_attempts: number
  write_back_error: string | null
  /** The lease key of the process working on the row (stores/lease.ts); null when nobody leased it. */
  lease_owner: number | null
  created_at: Date
  updated_at: Date
}

export type ReviewItemRow = {
  id: string
  inbox_mutation_id: string
  reason: ReviewReason
  status: ReviewStatus
  bank_id: string
  mutation_id: string
  amount: number | null
  reservation_id: string | null
  candidate_reservation_ids: string[] | null
  order_id: string | null
  detail: string | null
  resolution: ReviewResolution | null
  resolved_by: string | null
  resolved_at: Date | null
  created_at: Date
  updated_at: Date
}

export type RecordedDecision =
  | { action: "capture"; reservation: ReservationRow; inbox: InboxRow; resumed: boolean }
  | { action: "review"; item: ReviewItemRow | null; reason: string }
  | { action: "none"; reason: string }

export type ManualMatchRecorded = {
  reservation: ReservationRow
  inbox: InboxRow
  previous: { reservation_status: string; inbox_status: string; inbox_outcome: string | null }
}

/** A buyer's payment claim as the store route takes it. */
export type NewClaim = {
  reservation_id: string
  order_id: string
  amount: number
  bank: string
  sender_name: string
  transferred_at: Date
  proof: { mime: string; size: number; data_base64: string } | null
}

/** A claim as everything but the proof route reads it: the image itself stays in its column. */
export type ClaimRow = Omit<NewClaim, "proof"> & {
  id: string
  proof_mime: string | null
  proof_size: number | null
  alerted_at: Date | null
  created_at: Date
  /** The accounts the buyer was shown (the reservation's). */
  bank_ids: string[]
}

export type ManualMatchInput = {
  inbox_id: string
  reservation_id: string
  actor_id: string
  note: string
  /** An exception the merchant made knowingly (see src/lib/match-checks.ts), kept in the audit row. */
  override?: { checks: string[]; reason: string } | null
}

export type ManualMatchUndo = {
  inbox_id: string
  reservation_id: string
  reservation_status: string
  inbox_status: string
  inbox_outcome: string | null
}

export type RetryQuery = { now: Date; max_attempts: number; stale_minutes: number; limit: number }

export type ReminderQuery = { now: Date; minutes_before: number; key_prefix: string; key_suffix: string; limit: number }

export type ReviewCandidatesQuery = {
  bank_id: string
  amount: number
  spread: number
  from: Date
  to: Date
  include_ids: string[]
  limit: number
  /** When the transfer arrived: payments started later cannot be what it paid, and rank last. */
  at?: Date
}

export type OpenTransactionInput = {
  session_id: string
  bank_id: string
  kind: MootaTransactionKind
  /** The label the buyer sees, e.g. "BCA Virtual Account". */
  bank: string
  /** Shown when Moota's answer names no holder. */
  account_holder: string
  currency_code: string
  order_total: number
  /** Moota's deadline wins; this applies when its answer has none. */
  expires_at: Date
  quarantine_minutes: number
  /** The session's payment collection (its cart): names the order when a replaced transaction is paid. */
  payment_collection_id?: string | null
}

/** Calls Moota with our reference (its `order_id`, our idempotency key). */
export type CreateMootaTransaction = (reference: string) => Promise<MootaCreatedTransaction>

/** What the matcher needs of the transaction a mutation names (see lib/transaction-match.ts). */
export type TransactionMatch = {
  transaction_status: TransactionStatus
  total: number
  reservation_id: string
  reservation_status: ReservationStatus
  release_reason: string | null
  session_id: string
  order_id: string | null
  payment_collection_id: string | null
}

/** A credit to triage: `key` names it in the answer; `since` is where "recently ended" starts. */
export type TriageCredit = { key: string; bank_id: string; amount: number; since: Date }

export type TriageRules = { bank_ids: string[]; tolerance_percent: number; code_max: number }

export type WriteBackResult = { ok: true } | { ok: false; error: string; giveUp: boolean }

/** A reservation the matcher weighs for a credit, with its session and order. */
export type MatchCandidateRow = MatchCandidate & { session_id: string; order_id: string | null }

/** A credit asked "does any reservation hold exactly this amount?" (`key` names it in the answer). */
export type CandidateQuery = { key: string; bank_id: string; amount: number }

/** What the expiry job changed in one pass. */
export type ExpiredReservations = { quarantined: ReservationRow[]; expired: ReservationRow[] }

/** How a reservation stood before the merchant released it: what `undoRelease` puts back. */
export type ReleaseUndo = Pick<ReservationRow, "id" | "status" | "released_at" | "release_reason" | "quarantine_until">

/** An inbox row whose write-back to Moota is due, with the order it paid. */
export type WriteBackDue = InboxRow & { order_id: string | null }

export type NotificationResult = { ok: true } | { ok: false; error: string }

export type OtherCreditReview = { inbox_id: string; actor_id: string; note: string }
export type OtherCreditReviewed = { item: ReviewItemRow; previous_outcome: string }
export type OtherCreditReviewUndo = { inbox_id: string; review_item_id: string; previous_outcome: string }

/** Review items the buyer of a reservation may be waiting on (lib/buyer-review.ts decides). */
export type BuyerReviewQuery = {
  reservation_id: string
  order_id?: string | null
  bank_ids: string[]
  min: number
  max: number
  amounts: number[]
  since: Date
}

/** One row of the audit log: who (`system` for the plugin) did what to which row, and why. */
export type AuditEntry = {
  actor_id: string
  action: AuditAction
  subject_id: string
  note: string | null
  data: Record<string, unknown> | null
}

export type ClaimQuery = { ids?: string[]; reservation_ids?: string[]; order_ids?: string[] }
export type ClaimProof = { mime: string; data_base64: string }
/** A received credit, as the claims that may name it are looked up. */
export type CreditForClaims = { bank_id: string; amount: number; mutation_date: Date | null }
/** A Medusa refund of a Moota payment the merchant has to transfer (see stores/refunds.ts). */
export type RefundToSendRow = {
  id: string
  refund_id: string
  reservation_id: string | null
  session_id: string | null
  order_id: string | null
  amount: number
  paid_amount: number | null
  paid_left: number | null
  buyer_bank: string | null
  buyer_name: string | null
  note: string
  status: "to_send" | "sent"
  sent_at: Date | null
  sent_by: string | null
  sent_inbox_id: string | null
  sent_note: string | null
  alerted_at: Date | null
  buyer_notified_at: Date | null
  created_at: Date
  updated_at: Date
}

export type NewRefundToSend = { refund_id: string; session_id: string; amount: number }
export type MarkRefundSentInput = { id: string; actor_id: string; note: string }
export type RefundsToSendQuery = { status: RefundStatus; limit: number }

/** A client address's requests in the current window of a limited route, this one included. */
export type RequestCount = { hits: number; window_end: Date }
