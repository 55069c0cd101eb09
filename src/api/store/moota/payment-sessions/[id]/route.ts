import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkPaymentNow } from "../../../../../workflows/utils/check-payment"

/** The Moota payment's current status, for a storefront polling its "waiting for your transfer" page. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const payment = await checkPaymentNow(req.scope, req.params.id, false)
  res.json({ payment })
}
