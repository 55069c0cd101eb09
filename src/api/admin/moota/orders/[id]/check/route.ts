import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkPaymentNow } from "../../../../../../workflows/utils/check-payment"
import { requireOrderMoota } from "../../../helpers"

/** The merchant's "Check now" on an order: a throttled refresh at Moota, then the current status. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { reservation } = await requireOrderMoota(req.scope, req.params.id)
  const payment = await checkPaymentNow(req.scope, reservation.session_id, true)
  res.json({ payment })
}
