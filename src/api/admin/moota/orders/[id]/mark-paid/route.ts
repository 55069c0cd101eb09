import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { markMootaPaymentPaidWorkflow } from "../../../../../../workflows/mark-moota-payment-paid"
import { loadOrderMoota, orderPaymentView } from "../../../helpers"
import type { AdminMootaMarkPaidType } from "../../../validators"

/**
 * "Mark as paid": the merchant saw the money in the bank without a Moota mutation. The workflow records
 * a manual transfer of the exact amount and confirms it as this admin.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaMarkPaidType>, res: MedusaResponse): Promise<void> {
  await markMootaPaymentPaidWorkflow(req.scope).run({
    input: {
      order_id: req.params.id,
      bank_id: req.validatedBody.bank_id ?? null,
      actor_id: req.auth_context.actor_id,
      note: req.validatedBody.note,
    },
  })
  const { order, reservation } = await loadOrderMoota(req.scope, req.params.id)
  res.json({ payment: await orderPaymentView(req.scope, order, reservation!) })
}
