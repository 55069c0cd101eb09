import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseMootaPaymentWorkflow } from "../../../../../../workflows/release-moota-payment"
import { requireOrderWithMootaPayment } from "../../../../../../queries/moota-payment"
import { orderPaymentView } from "../../../helpers"
import type { AdminMootaReleaseType } from "../../../validators"

/** Stops awaiting the order's transfer (e.g. the buyer will pay another way); the order itself is unchanged. */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaReleaseType>, res: MedusaResponse): Promise<void> {
  await releaseMootaPaymentWorkflow(req.scope).run({
    input: { order_id: req.params.id, actor_id: req.auth_context.actor_id, note: req.validatedBody.note },
  })
  const { order, payment } = await requireOrderWithMootaPayment(req.scope, req.params.id)
  const reservation = payment?.reservation ?? null
  res.json({ payment: await orderPaymentView(req.scope, order, reservation!) })
}
