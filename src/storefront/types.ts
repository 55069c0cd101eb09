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
export type MootaLang = "id" | "en"

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
  /** ISO 8601 UTC, once paid. */
  paid_at: string | null
  received_amount: number | null
}

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
