import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { paymentCheckOf, requireSessionReservation } from "../../../../payment-check"

/** The Moota payment's current status, for a storefront polling its "waiting for your transfer" page. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ payment: paymentCheckOf(await requireSessionReservation(req.scope, req.params.id)) })
}
