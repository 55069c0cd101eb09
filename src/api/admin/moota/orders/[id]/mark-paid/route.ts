import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { markMootaPaymentPaidWorkflow } from "../../../../../../workflows/mark-moota-payment-paid"
import { requireOrderWithMootaPayment } from "../../../../../../queries/moota-payment"
import { orderPaymentView } from "../../../helpers"
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
  const { order, payment } = await requireOrderWithMootaPayment(req.scope, req.params.id)
  const reservation = payment?.reservation ?? null
  res.json({ payment: await orderPaymentView(req.scope, order, reservation!) })
}
