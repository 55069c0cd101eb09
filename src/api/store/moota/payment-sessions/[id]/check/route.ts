import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refreshMootaAccountsWorkflow } from "../../../../../../workflows/refresh-moota-accounts"
import { paymentCheckOf } from "../../../../../payment-check"

/** The buyer's "I have transferred" button: a throttled refresh at Moota, then the current status. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { result } = await refreshMootaAccountsWorkflow(req.scope).run({ input: { session_id: req.params.id } })
  res.json({ payment: paymentCheckOf(result.reservation, result) })
}
