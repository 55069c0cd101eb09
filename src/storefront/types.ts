import type { Lang } from "../lib/lang"
import type {
  MootaInstructionAccount,
  MootaPaymentStatus,
  MootaSessionData,
  MootaTransactionChoice,
  MootaTransactionInstructions,
} from "../lib/session-data"

/** `MootaSessionData` is `payment_session.data` of a `pp_moota_moota` session, the storefront's contract. */
export type { MootaInstructionAccount, MootaPaymentStatus, MootaSessionData, MootaTransactionChoice, MootaTransactionInstructions }

/** Languages the storefront kit speaks: Bahasa Indonesia and English. */
export type MootaLang = Lang

/**
 * What the buyer is told about a Moota payment. Coarser than the plugin's own reservation status:
 * a late transfer window ("quarantined") is simply `expired` to the buyer, and a payment stopped by a
 * canceled order or a changed cart is `canceled`.
 */
export type MootaBuyerStatus = "awaiting" | "paid" | "expired" | "canceled"

/**
 * The answer of `GET /store/moota/payments/cart/:id` and `.../order/:id`: the transfer instructions
 * the buyer saw at checkout, with the live status.
 */
export type MootaBuyerPayment = Pick<
  MootaSessionData,
  | "session_id"
  | "currency_code"
  | "order_total"
  | "unique_code"
  | "unique_code_mode"
  | "transfer_amount"
  | "transfer_amount_formatted"
  | "expires_at"
  | "expires_at_text"
  | "accounts"
  | "instructions"
  | "moota_transaction"
> & {
  status: MootaBuyerStatus
  cart_id: string | null
  /** Set once the cart became an order. */
  order_id: string | null
  /** The order's number as the buyer knows it ("#12"), once there is an order. */
  order_display_id?: number | null
  /** ISO 8601 UTC, once paid. */
  paid_at: string | null
  received_amount: number | null
  /**
   * A transfer that may be this order's and waits for the store's decision (e.g. a different amount
   * than asked), or that the store looked at and did not match here. Absent when there is none, and
   * once paid.
   */
  review?: MootaBuyerReview | null
  /** The buyer's latest payment confirmation ("Konfirmasi pembayaran") for this order; absent when none, and once paid. */
  claim?: MootaBuyerClaim | null
  /**
   * True when a transfer the store is checking fits this order's amount but also another order's: the
   * buyer is not told about it (it may be a stranger's) and is asked to send a payment confirmation
   * if they have transferred. Absent otherwise.
   */
  ask_claim?: true
  /**
   * For an order (absent for a cart): what the order still owes in whole rupiah, 0 once paid in full.
   * While this payment awaits, more than its `order_total` means the order grew after the
   * instructions were made (an order edit): the rest is asked for after this transfer.
   */
  outstanding?: number
  outstanding_formatted?: string
  /** `additional`: a payment an order edit, exchange, claim or the store asked for after the order was placed. */
  purpose?: "order" | "additional"
  /** Every Moota payment of the order, oldest first (absent for a cart). */
  history?: MootaBuyerPaymentEntry[]
  /** Money the store is giving back (absent for a cart). */
  refunds?: MootaBuyerRefund[]
}

/** One Moota payment of an order, as the buyer's history shows it. */
export type MootaBuyerPaymentEntry = {
  /** What it paid for (whole rupiah), and what the buyer was asked to transfer. */
  amount: number
  amount_formatted: string
  transfer_amount: number
  status: MootaBuyerStatus
  paid_at: string | null
  received_amount: number | null
}

/** A refund of this order's Moota money: the store transfers it back by hand (Moota cannot send money). */
export type MootaBuyerRefund = {
  amount: number
  amount_formatted: string
  created_at: string
  /** `to_send`: the store still has to transfer it; `sent`: the store's transfer was seen or confirmed. */
  status: "to_send" | "sent"
  sent_at: string | null
}

/**
 * A transfer the store is checking (`checking`) or checked and did not match to this order
 * (`not_matched`: the order still awaits payment and the store will contact the buyer).
 */
export type MootaBuyerReview = {
  state: "checking" | "not_matched"
  /** What arrived, in whole rupiah. */
  amount: number
  /** `amount` written the Indonesian way, e.g. "Rp165.000". */
  amount_formatted: string
  /** When the bank booked it (ISO 8601 UTC). */
  received_at: string
}

/** A transfer the buyer reported ("Konfirmasi pembayaran"). It never confirms the payment by itself. */
export type MootaBuyerClaim = {
  id: string
  amount: number
  amount_formatted: string
  bank: string
  sender_name: string
  /** When the buyer says they transferred (ISO 8601 UTC). */
  transferred_at: string
  has_proof: boolean
  created_at: string
}

/** What the buyer reports; `proof` is a JPEG, PNG or WebP image of at most 2 MB, base64-encoded. */
export type MootaClaimInput = {
  amount: number
  bank: string
  sender_name: string
  transferred_at: string
  proof?: { data: string } | null
}

/** The answer of `POST /store/moota/payments/order/:id/claims`. */
export type MootaClaimAnswer = { claim: MootaBuyerClaim; payment: MootaBuyerPayment }

/** The answer of `POST .../check` ("I have transferred"). */
export type MootaCheckAnswer = {
  payment: MootaBuyerPayment
  check: {
    /** Accounts Moota was asked to read now. */
    refreshed: string[]
    /** Accounts read too recently to ask again (each read costs the merchant Moota points). */
    throttled: string[]
  }
}

/** The fields of `MootaBuyerStatus`'s decision, as the plugin stores them. */
export type MootaStatusInput = {
  status: MootaPaymentStatus
  expires_at: string | Date
  /** Why the payment stopped, e.g. "order_canceled" (absent in session data). */
  release_reason?: string | null
}
