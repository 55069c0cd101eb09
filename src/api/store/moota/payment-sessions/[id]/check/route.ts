import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkPaymentNow } from "../../../../../../workflows/utils/check-payment"

/** The buyer's "I have transferred" button: a throttled refresh at Moota, then the current status. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const payment = await checkPaymentNow(req.scope, req.params.id, true)
  res.json({ payment })
}
