import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { ReservationRow } from "../modules/moota/types"
import { mootaPaymentOfSession } from "../queries/moota-payment"
import type { AdminMootaPaymentCheck } from "./admin/moota/types"

/** A payment's status as the "waiting for your transfer" page and the merchant's "Check now" show it. */
export type PaymentCheck = AdminMootaPaymentCheck

export function paymentCheckOf(r: ReservationRow, check: { refreshed: string[]; throttled: string[] } = { refreshed: [], throttled: [] }): PaymentCheck {
  return {
    session_id: r.session_id,
    status: r.status,
    transfer_amount: r.transfer_amount,
    expires_at: new Date(r.expires_at).toISOString(),
    paid_at: r.paid_at ? new Date(r.paid_at).toISOString() : null,
    refreshed: check.refreshed,
    throttled: check.throttled,
  }
}

/** The reservation of a payment session; NOT_FOUND when the session holds no Moota payment. */
export async function requireSessionReservation(scope: MedusaContainer, sessionId: string): Promise<ReservationRow> {
  const found = await mootaPaymentOfSession(scope, sessionId)
  if (!found) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Moota payment for session ${sessionId}`)
  }
  return found.reservation
}
