/**
 * The /admin/moota contract: what the routes answer, as the dashboard reads it. The routes build these
 * shapes and the admin extensions import them (`import type`), so this file imports only types from
 * pure src/lib files: the admin bundle must not pull server code in. Times are ISO strings (the dashboard shows them in WIB).
 */

import type { MootaTransactionKind } from "../../../lib/options"
import type { InboxSource, ReservationStatus, ReviewReason, ReviewStatus } from "../../../lib/statuses"
import type { UniqueCodeMode } from "../../../lib/unique-code"

export type AdminMootaActor = { id: string; email: string | null; name: string | null }

export type AdminMootaHistoryEntry = {
  action: string
  subject_id: string
  at: string
  actor: AdminMootaActor
  note: string | null
  data: Record<string, unknown> | null
}

export type AdminMootaMutation = {
  inbox_id: string
  mutation_id: string
  bank_id: string
  type: string
  amount: number | null
  amount_raw: string
  description: string | null
  account_number_masked: string | null
  mutation_date: string | null
  received_at: string
  source: InboxSource
  status: string
  outcome: string | null
}

export type AdminMootaTimelineEvent = {
  type: "reserved" | "awaiting" | "paid" | "expired" | "canceled" | "released" | "refunded"
  at: string | null
  until?: string | null
  amount?: number | null
  note?: string | null
}

export type AdminMootaPaymentStatus = ReservationStatus

/** An order as the review queue shows it; `status` is null for an order that no longer exists. */
export type AdminMootaOrderRef = {
  id: string
  display_id: number | null
  status: string | null
  email?: string | null
  total?: number | null
  currency_code?: string | null
  /** From the shipping address, else the billing address (suggestions and order search). */
  customer_name?: string | null
}

/** GET /admin/moota/orders/:id (`payment`, null when the order was paid otherwise), mark-paid, release. */
/**
 * An order's Moota money as the widget shows it: every Moota payment in time order, what is still
 * owed, the refunds, and whether the merchant can ask the buyer to pay what is owed.
 */
export type AdminMootaOrderMoney = {
  /** What the order still owes, whole rupiah (0 when paid in full or canceled). */
  outstanding: number
  canceled: boolean
  payments: {
    reservation_id: string
    status: AdminMootaPaymentStatus
    order_total: number
    transfer_amount: number
    received_amount: number | null
    paid_at: string | null
    created_at: string | null
    /** False for the order's first payment (its cart's); true for one an edit, exchange, claim or request added. */
    additional: boolean
  }[]
  refunds: { amount: number; created_at: string; note: string | null }[]
  /**
   * Something is owed and either no Moota payment is open to pay it ("Request payment" opens one) or the
   * order was paid once and its additional payment is open ("Request payment" answers its message).
   */
  can_request_payment: boolean
}

export type AdminMootaOrderPayment = {
  reservation_id: string
  session_id: string
  order: { id: string; display_id: number | null; status: string }
  status: AdminMootaPaymentStatus
  currency_code: string
  order_total: number
  unique_code: number
  unique_code_mode: UniqueCodeMode
  transfer_amount: number
  created_at: string | null
  expires_at: string | null
  accounts: { bank_id: string; kind: string | null; bank: string; account_number_masked: string | null; account_holder: string | null }[]
  /**
   * For a payment through a VA number or QR Moota made for this order alone (account kinds `moota_va`,
   * `moota_qris`): what the buyer was given. The VA number is whole: it is this order's payment
   * reference, as the buyer sees it, not one of the merchant's accounts.
   */
  transaction: {
    kind: MootaTransactionKind
    bank: string
    va_number: string | null
    account_holder: string
    payment_url: string | null
  } | null
  paid: {
    at: string | null
    bank_id: string | null
    mutation_id: string | null
    received_amount: number | null
    source: AdminMootaMutation["source"] | null
    by: AdminMootaActor | null
    /** The note of the person who marked it paid or matched it, when one did. */
    note: string | null
  } | null
  mutation: AdminMootaMutation | null
  timeline: AdminMootaTimelineEvent[]
  other_transfers: { review_item_id: string; reason: string; status: string; amount: number | null; mutation_id: string; created_at: string | null }[]
  refunds: { amount: number; recorded_at: string; note: string }[]
  history: AdminMootaHistoryEntry[]
  actions: { check: boolean; mark_paid: boolean; release: boolean }
  /** Transfers the buyer reported for this order, newest first. */
  claims?: AdminMootaClaim[]
  /** Open transfers in review that could be this order's (issue 25), newest first. */
  review_fits?: AdminMootaReviewFit[]
}

/**
 * A transfer in review that could pay this order: `why` says how it is this order's (`linked` by the
 * matcher or a person, `claimed` by this order's buyer, `only_fit`: no other open payment fits it) or
 * `shared` (it fits other orders too, listed in `also_fits`).
 */
export type AdminMootaReviewFit = {
  review_item_id: string
  amount: number
  received_at: string
  why: "linked" | "claimed" | "only_fit" | "shared"
  also_fits: { id: string; display_id: number | null }[]
  /** Whether the match needs no typed exception (the amount and time fit this order's payment). */
  plain_match: boolean
}

/**
 * A transfer a buyer reported ("Konfirmasi pembayaran"). `proof_path` is the admin route serving the
 * proof image (admin session only), null without a proof.
 */
export type AdminMootaClaim = {
  id: string
  order: { id: string; display_id: number | null } | null
  reservation_id: string
  amount: number
  bank: string
  sender_name: string
  transferred_at: string
  created_at: string
  proof_path: string | null
  alerted_at: string | null
}

/** POST /admin/moota/orders/:id/check (`payment`); the store's payment-session routes answer the same. */
export type AdminMootaPaymentCheck = {
  session_id: string
  status: string
  transfer_amount: number
  expires_at: string
  paid_at: string | null
  /** Accounts Moota was asked to read now; the others were refreshed too recently. */
  refreshed: string[]
  throttled: string[]
}

export type AdminMootaReviewItem = {
  id: string
  reason: ReviewReason
  status: ReviewStatus
  bank_id: string
  mutation_id: string
  amount: number | null
  detail: string | null
  reservation_id: string | null
  order: AdminMootaOrderRef | null
  resolution: string | null
  resolved_by: string | null
  resolved_at: string | null
  created_at: string | null
  mutation: AdminMootaMutation | null
  /** In the queue's list: the order whose buyer reported this transfer (a claim naming it), when the item names none. */
  reported_order?: { id: string; display_id: number | null } | null
}

/** A payment a review item's transfer may belong to (GET /admin/moota/review-items/:id). */
export type AdminMootaCandidate = {
  reservation_id: string
  status: ReservationStatus
  release_reason: string | null
  bank_ids: string[]
  transfer_amount: number
  order_total: number
  unique_code: number
  difference: number | null
  created_at: string
  expires_at: string
  order: AdminMootaOrderRef | null
  hints: ("matcher" | "exact_amount" | "code_missing" | "matched" | "claimed")[]
  matchable: boolean
  /** Exceptions a match would make (the payment started after the transfer, amounts too far apart): each needs a typed reason. */
  overrides: ("placed_after_transfer" | "amount_difference")[]
  /**
   * Why this candidate may be matched in one click: the buyer reported this very transfer for it
   * ("claimed"), or it is the only open order the transfer fits ("only_fit"). Null: matching it needs a
   * typed reason, since another order could be the one paid.
   */
  evidence: "claimed" | "only_fit" | null
}

export type AdminMootaOrderPaymentResponse = {
  payment: AdminMootaOrderPayment | null
  money: AdminMootaOrderMoney
  refunds: AdminMootaOrderRefund[]
}

/** `POST /admin/moota/orders/:id/payment-request`: the instructions, the payment link and a chat message. */
export type AdminMootaPaymentRequest = {
  order_id: string
  display_id: number | null
  payment_collection_id: string
  created: boolean
  outstanding: number
  amount: number
  transfer_amount: number
  transfer_amount_formatted: string
  bank_id: string | null
  accounts: { bank_id: string; kind: string; bank: string; account_number: string | null; account_holder: string }[]
  expires_at: string
  link: string | null
  message: { id: string; en: string }
}
export type AdminMootaPaymentCheckResponse = { payment: AdminMootaPaymentCheck }
export type AdminMootaReviewItemsResponse = { review_items: AdminMootaReviewItem[]; count: number; limit: number; offset: number }
export type AdminMootaReviewItemResponse = {
  review_item: AdminMootaReviewItem
  candidates: AdminMootaCandidate[]
  history: AdminMootaHistoryEntry[]
  /** Buyers' claims that name this transfer (same amount, account and time). */
  claims?: AdminMootaClaim[]
}
/** Orders found by number (#12), email or customer name, as candidates for one review item. */
export type AdminMootaOrderSearchResponse = { candidates: AdminMootaCandidate[] }
export type AdminMootaMatchResponse = { review_item: AdminMootaReviewItem; order_id: string | null }
export type AdminMootaDismissResponse = { review_item: AdminMootaReviewItem }
export type AdminMootaReviewSummaryResponse = {
  open: number
  by_reason: Record<string, number>
  /** The configured accounts, to filter by and to name a transfer's account in words. */
  accounts: AdminMootaAccount[]
}

/** A configured account as the admin names it ("BCA · Toko Maju · ••7890"); never the whole number. */
export type AdminMootaAccount = {
  bank_id: string
  bank: string
  kind: string
  account_holder: string | null
  account_number_masked: string | null
}

/** A credit kept out of the review queue: `unrelated` (no order could explain it) or `history` (before the plugin). */
export type AdminMootaOtherCredit = AdminMootaMutation & { kind: "unrelated" | "history" }
export type AdminMootaOtherCreditsResponse = { other_credits: AdminMootaOtherCredit[]; count: number; limit: number; offset: number }
export type AdminMootaOtherCreditReviewResponse = { review_item: AdminMootaReviewItem }
export type AdminMootaOtherCreditMatchResponse = { mutation: AdminMootaMutation; order_id: string | null }

/** A Medusa refund of an order's Moota payment and whether the merchant's transfer back was sent. */
export type AdminMootaOrderRefund = {
  amount: number
  created_at: string
  note: string | null
  status: "to_send" | "sent"
  sent_at: string | null
  /** The refund to send's id, for "Mark as sent"; null for a refund recorded before the plugin kept them. */
  refund_to_send_id: string | null
}

/** One row of "Refunds to send" (`GET /admin/moota/refunds`). */
export type AdminMootaRefundToSend = {
  id: string
  order_id: string | null
  order_display_id: number | null
  amount: number
  /** What the buyer transferred (unique code included), and what of it stays with the shop after this refund. */
  paid_amount: number | null
  paid_left: number | null
  buyer_bank: string | null
  buyer_name: string | null
  note: string
  status: "to_send" | "sent"
  created_at: string
  days_waiting: number
  sent_at: string | null
  /** `bank`: the shop's debit of this amount was seen; `merchant`: marked sent by hand (with `sent_note`). */
  sent_how: "bank" | "merchant" | null
  sent_note: string | null
}

export type AdminMootaRefundsResponse = { refunds: AdminMootaRefundToSend[] }
export type AdminMootaMarkRefundSentBody = { note: string }
export type AdminMootaMarkRefundSentResponse = { refund: AdminMootaRefundToSend }

/**
 * GET /admin/moota/setup `permissions`: what the Moota API token may do, per feature (the settings page
 * says it in words). `missing_scope`: Moota answered 403 (the token lacks that scope); `token_refused`:
 * 401; `unknown`: not known yet (no token, Moota unreachable, write-back not tried yet); `not_used`:
 * the feature is switched off in the options.
 */
export type TokenPermission = "granted" | "missing_scope" | "token_refused" | "unknown" | "not_used"
export type TokenPermissions = {
  /** Account list on this page and "Check now" (Moota scope `bank_read`). */
  accounts_and_check_now: TokenPermission
  /** The reconciliation poll that imports missed webhooks (Moota scope `mutation_read`). */
  reconciliation: TokenPermission
  /** Writing the order number on Moota's mutations as a tag (Moota scope `mutation`, a write). */
  write_back: TokenPermission
}
