import type { InboxInput } from "../../lib/moota"
import type {
  InboxOutcome,
  InboxSource,
  InboxStatus,
  ReservationStatus,
  ReviewReason,
  ReviewResolution,
  ReviewStatus,
  WriteBackStatus,
} from "../../lib/statuses"
import type { UniqueCodeMode } from "../../lib/unique-code"

export type { InboxSource, ReservationStatus }

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
