import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refreshMootaAccountsWorkflow } from "../../../../../../workflows/refresh-moota-accounts"
import { paymentCheckOf } from "../../../../../payment-check"
import { requireMootaPaymentOfOrder } from "../../../../../../queries/moota-payment"

/** The merchant's "Check now" on an order: a throttled refresh at Moota, then the current status. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { reservation } = (await requireMootaPaymentOfOrder(req.scope, req.params.id)).payment
  const { result } = await refreshMootaAccountsWorkflow(req.scope).run({ input: { session_id: reservation.session_id } })
  res.json({ payment: paymentCheckOf(result.reservation, result) })
}
