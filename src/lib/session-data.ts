import type { AccountKind, MootaTransactionKind } from "./account-kinds"
import type { ReservationStatus } from "./statuses"

/**
 * The storefront's contract: what `payment_session.data` holds for `pp_moota_moota`.
 * Everything a checkout page needs to tell the buyer exactly what to transfer, where, and by when.
 * Kept apart from the code that builds it (./instructions.ts) so that the storefront's declarations
 * (`medusa-payment-moota/storefront`) import nothing of the server's, such as the zod option schema.
 */
export type MootaInstructionAccount = {
  /** Moota's id of the account; pass it back as `bank_id` in the session data to choose this one. */
  bank_id: string
  /** `moota_va` / `moota_qris`: a VA number or QR Moota created for this one payment. */
  kind: AccountKind
  /** Label to show, e.g. "BCA". */
  bank: string
  /** Null for QRIS, which is paid by scanning `qris_payload`. */
  account_number: string | null
  account_holder: string
  /** For `qris` accounts: an EMVCo dynamic QRIS with the transfer amount embedded, to render as a QR code. */
  qris_payload?: string
  /** For `moota_qris`: the QR image Moota hosts for this payment (when Moota gave no QR text). */
  qr_url?: string
}

/** A Moota transaction created for this session (accounts of kind `moota_va` / `moota_qris`). */
export type MootaTransactionInstructions = {
  /** Moota's transaction id, as its payment confirmation names it. */
  trx_id: string
  kind: MootaTransactionKind
  bank_id: string
  /** e.g. "BCA Virtual Account". */
  bank: string
  /** The VA number to pay, only for this payment; null for QRIS. */
  va_number: string | null
  account_holder: string
  qr_url: string | null
  /** The QR's text when Moota gave it (render it as a QR code). */
  qr_payload: string | null
  /** Moota's hosted payment page, when given. */
  payment_url: string | null
}

/** An account the buyer may choose to get a VA number or QR of its own (pass its `bank_id`). */
export type MootaTransactionChoice = { bank_id: string; kind: MootaTransactionKind; bank: string }

export type MootaPaymentStatus = ReservationStatus

export type MootaSessionData = {
  provider: "moota"
  session_id: string
  reservation_id: string
  status: MootaPaymentStatus
  currency_code: "idr"
  /** The order total Medusa books, in whole rupiah. */
  order_total: number
  /** The number added to (or subtracted from) the total to make the transfer amount unique. */
  unique_code: number
  unique_code_mode: "increase" | "decrease"
  /** The exact amount to transfer, in whole rupiah, unique code included. */
  transfer_amount: number
  /** `transfer_amount` written the Indonesian way, e.g. "Rp150.123". */
  transfer_amount_formatted: string
  /** Deadline, ISO 8601 UTC. */
  expires_at: string
  /** Deadline in Western Indonesian Time, ready to show. */
  expires_at_text: { id: string; en: string }
  /** Where the buyer may pay: the chosen account, or every enabled one (same amount on each). */
  accounts: MootaInstructionAccount[]
  /** What to tell the buyer, in Bahasa Indonesia and English. */
  instructions: { id: string; en: string }
  /** Set once the transfer is recorded. */
  paid_at?: string | null
  received_amount?: number | null
  /** The buyer's choice of account, if any (input). */
  bank_id?: string
  /** Set when this session is paid through a Moota transaction (VA number or QR for this payment). */
  moota_transaction?: MootaTransactionInstructions
  /** Accounts that give a VA number or QR of its own when chosen; absent when the shop has none. */
  transaction_accounts?: MootaTransactionChoice[]
  /**
   * With `transaction_accounts`: the banks of the shop's unique-code accounts (e.g. "BCA", "QRIS"), so
   * a checkout can offer that method again while the session pays by a VA number or QR of its own.
   */
  unique_code_banks?: string[]
  /** The buyer's phone (input), required by Moota for a VA or QR of its own. */
  phone?: string
}
