import type { MootaBuyerPayment, MootaBuyerStatus, MootaSessionData, MootaStatusInput } from "./types"

/**
 * The buyer's view of a payment. Paid always wins (the money arrived); a canceled order is canceled
 * even while its amount is still held for late transfers; a deadline that passed is expired at once,
 * before the expiry job has run.
 */
export function buyerStatus(
  input: MootaStatusInput,
  opts: { orderStatus?: string | null; now?: Date | number } = {}
): MootaBuyerStatus {
  if (input.status === "paid") return "paid"
  if (opts.orderStatus === "canceled" || input.release_reason === "order_canceled" || input.status === "released") {
    return "canceled"
  }
  if (input.status === "quarantined" || input.status === "expired") return "expired"
  const now = opts.now === undefined ? Date.now() : Number(opts.now)
  return now >= new Date(input.expires_at).getTime() ? "expired" : "awaiting"
}

/**
 * A first answer built from `payment_session.data` (e.g. the cart the checkout already holds), so the
 * component can render at once and only poll afterwards.
 */
export function paymentFromSessionData(
  data: MootaSessionData,
  ids: { cart_id?: string | null; order_id?: string | null } = {},
  now?: Date | number
): MootaBuyerPayment {
  return {
    status: buyerStatus(data, { now }),
    session_id: data.session_id,
    cart_id: ids.cart_id ?? null,
    order_id: ids.order_id ?? null,
    currency_code: "idr",
    order_total: data.order_total,
    unique_code: data.unique_code,
    unique_code_mode: data.unique_code_mode,
    transfer_amount: data.transfer_amount,
    transfer_amount_formatted: data.transfer_amount_formatted,
    expires_at: data.expires_at,
    expires_at_text: data.expires_at_text,
    accounts: data.accounts,
    instructions: data.instructions,
    paid_at: data.paid_at ?? null,
    received_amount: data.received_amount ?? null,
    ...(data.moota_transaction ? { moota_transaction: data.moota_transaction } : {}),
  }
}

export type { MootaBuyerPayment, MootaBuyerStatus, MootaSessionData, MootaStatusInput }
