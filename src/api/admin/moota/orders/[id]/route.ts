import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { orderMootaMoney } from "../../../../../queries/order-money"
import { reviewFitsOfPayment } from "../../../../../queries/review-ownership"
import { claimViews } from "../../claims"
import { mootaOf, orderMoneyView, orderPaymentView } from "../../helpers"
import { orderRefundViews } from "../../refunds"
import { isOpenReservation } from "../../../../../lib/statuses"

/**
 * The order widget's data: the order's current Moota payment (`payment: null` when it has none) and
 * its whole Moota money (`money`: every payment, what is owed, refunds), and the refunds to send with
 * whether each was sent (`refunds`).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const money = await orderMootaMoney(req.scope, req.params.id)
  if (!money) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} not found`)
  }
  const refunds = await orderRefundViews(req.scope, req.params.id)
  const reservation = money.current?.reservation
  if (!reservation) {
    res.json({ payment: null, money: orderMoneyView(money), refunds })
    return
  }
  const order = money.order
  const claimRows = await mootaOf(req.scope).listPaymentClaims({ reservation_ids: [reservation.id] })
  const claims = await claimViews(req.scope, claimRows)
  // Transfers in review that could be this order's, with the other orders they fit.
  const open = isOpenReservation(reservation.status)
  const review_fits = open && order.status !== "canceled" ? await reviewFitsOfPayment(req.scope, reservation, order.id, claimRows) : []
  res.json({ payment: { ...(await orderPaymentView(req.scope, order, reservation)), claims, review_fits }, money: orderMoneyView(money), refunds })
}
