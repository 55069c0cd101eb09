import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { claimViews } from "../../claims"
import { requireOrderWithMootaPayment } from "../../../../../queries/moota-payment"
import { mootaOf, orderPaymentView } from "../../helpers"

/** The order widget's data: the order's Moota payment, or `payment: null` when it was paid otherwise. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { order, payment } = await requireOrderWithMootaPayment(req.scope, req.params.id)
  const reservation = payment?.reservation ?? null
  if (!reservation) {
    res.json({ payment: null })
    return
  }
  const claims = await claimViews(req.scope, await mootaOf(req.scope).listPaymentClaims({ reservation_ids: [reservation.id] }))
  res.json({ payment: { ...(await orderPaymentView(req.scope, order, reservation)), claims } })
}
