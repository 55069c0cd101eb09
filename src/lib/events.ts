/** Emitted after a delivery or poll committed new inbox rows; data: `{ ids: string[] }`. */
export const MOOTA_MUTATIONS_RECEIVED = "moota.mutations.received"
/** Emitted after a Moota transfer captured an order's payment; data: `{ inbox_id, order_id }` (order_id may be null). */
export const MOOTA_PAYMENT_CONFIRMED = "moota.payment.confirmed"
/** Emitted when a transfer was put in front of the merchant; data: `{ inbox_id, reason }` (reason: `review_<reason>`). */
export const MOOTA_REVIEW_CREATED = "moota.review.created"
/** Emitted after the expiry job canceled an order whose transfer never came; data: `{ order_id }`. */
export const MOOTA_PAYMENT_EXPIRED_CANCELED = "moota.payment.expired_canceled"
/** Emitted when the reconciliation poll could not read some accounts; data: `{ failures: [{ bank_id, bank, status, message }] }`. */
export const MOOTA_RECONCILE_FAILED = "moota.reconcile.failed"
/** Emitted when Moota refused the API token (401/403); data: `{ status }`. */
export const MOOTA_TOKEN_REJECTED = "moota.token.rejected"
/** Emitted when a buyer reported a transfer ("Konfirmasi pembayaran"); data: `{ claim_id, order_id }`. */
export const MOOTA_CLAIM_CREATED = "moota.claim.created"
/** Emitted by the reconciliation for a buyer's claim no received credit fits; data: `{ claim_id }`. */
export const MOOTA_CLAIM_UNMATCHED = "moota.claim.unmatched"
/** A refund to send was marked sent by the merchant (`{ id }`); the bank's debit marks are found by the refunds job. */
export const MOOTA_REFUND_SENT = "moota.refund.sent"
