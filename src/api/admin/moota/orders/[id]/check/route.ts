import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { checkPaymentNow } from "../../../../../../workflows/utils/check-payment"

/** The merchant's "Check now" on an order: a throttled refresh at Moota, then the current status. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "payment_collections.payment_sessions.id", "payment_collections.payment_sessions.provider_id"],
    filters: { id: req.params.id },
  })
  const session = (data[0]?.payment_collections ?? [])
    .flatMap((pc: any) => pc?.payment_sessions ?? [])
    .find((s: any) => s?.provider_id === "pp_moota_moota")
  if (!session) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} has no Moota payment`)
  }
  const payment = await checkPaymentNow(req.scope, session.id, true)
  res.json({ payment })
}
