import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadOrderMoota, orderPaymentView } from "../../helpers"

/** The order widget's data: the order's Moota payment, or `payment: null` when it was paid otherwise. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { order, reservation } = await loadOrderMoota(req.scope, req.params.id)
  res.json({ payment: reservation ? await orderPaymentView(req.scope, order, reservation) : null })
}
