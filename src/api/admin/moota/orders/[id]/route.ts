import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { orderMootaMoney } from "../../../../../queries/order-money"
import { claimViews } from "../../claims"
import { mootaOf, orderMoneyView, orderPaymentView } from "../../helpers"

/**
 * The order widget's data: the order's current Moota payment (`payment: null` when it has none) and
 * its whole Moota money (`money`: every payment, what is owed, refunds).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const money = await orderMootaMoney(req.scope, req.params.id)
  if (!money) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} not found`)
  }
  const reservation = money.current?.reservation
  if (!reservation) {
    res.json({ payment: null, money: orderMoneyView(money) })
    return
  }
  const claims = await claimViews(req.scope, await mootaOf(req.scope).listPaymentClaims({ reservation_ids: [reservation.id] }))
  res.json({ payment: { ...(await orderPaymentView(req.scope, money.order, reservation)), claims }, money: orderMoneyView(money) })
}
