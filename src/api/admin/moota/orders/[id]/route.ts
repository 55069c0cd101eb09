import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { claimViews } from "../../claims"
import { loadOrderMoota, mootaOf, orderPaymentView } from "../../helpers"
import { orderRefundViews } from "../../refunds"

/**
 * The order widget's data: the order's Moota payment, or `payment: null` when it was paid otherwise,
 * and its Moota refunds with whether each was sent.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { order, reservation } = await loadOrderMoota(req.scope, req.params.id)
  const refunds = await orderRefundViews(req.scope, req.params.id)
  if (!reservation) {
    res.json({ payment: null, refunds })
    return
  }
  const claims = await claimViews(req.scope, await mootaOf(req.scope).listPaymentClaims({ reservation_ids: [reservation.id] }))
  res.json({ payment: { ...(await orderPaymentView(req.scope, order, reservation)), claims }, refunds })
}
