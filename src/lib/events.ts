/** Emitted after a delivery or poll committed new inbox rows; data: `{ ids: string[] }`. */
export const MOOTA_MUTATIONS_RECEIVED = "moota.mutations.received"
/** Emitted after a Moota transfer captured an order's payment; data: `{ order_id, inbox_id, reservation_id }`. */
export const MOOTA_PAYMENT_CONFIRMED = "moota.payment.confirmed"
/** Emitted when a transfer was put in front of the merchant; data: `{ review_item_id, reason }`. */
export const MOOTA_REVIEW_CREATED = "moota.review.created"
