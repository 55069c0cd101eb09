import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { claimViews } from "../../claims"
import { reviewFitsOfPayment } from "../../../../../queries/review-ownership"
import { loadOrderMoota, mootaOf, orderPaymentView } from "../../helpers"

/** The order widget's data: the order's Moota payment, or `payment: null` when it was paid otherwise. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { order, reservation } = await loadOrderMoota(req.scope, req.params.id)
  if (!reservation) {
    res.json({ payment: null })
    return
  }
  const claimRows = await mootaOf(req.scope).listPaymentClaims({ reservation_ids: [reservation.id] })
  const claims = await claimViews(req.scope, claimRows)
  // Transfers in review that could be this order's, with the other orders they fit (issue 25).
  const open = reservation.status === "awaiting" || reservation.status === "quarantined"
  const review_fits = open && order.status !== "canceled" ? await reviewFitsOfPayment(req.scope, reservation, order.id, claimRows) : []
  res.json({ payment: { ...(await orderPaymentView(req.scope, order, reservation)), claims, review_fits } })
}
