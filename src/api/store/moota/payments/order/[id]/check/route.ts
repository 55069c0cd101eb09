import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { refreshMootaAccountsWorkflow } from "../../../../../../../workflows/refresh-moota-accounts"
import type { StoreCheckMootaOrderPaymentType } from "../../../../validators"
import { buyerPaymentOf, findOrderPayment } from "../../../buyer-payment"

/** "I have transferred" on an order (same access rule as GET, email in the body). */
export async function POST(req: MedusaStoreRequest<StoreCheckMootaOrderPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findOrderPayment(req.scope, req.params.id, {
    email: req.validatedBody.email,
    customerId: req.auth_context?.actor_id,
    salesChannelIds: req.publishable_key_context.sales_channel_ids,
  })
  const { result } = await refreshMootaAccountsWorkflow(req.scope).run({ input: { session_id: ref.session_id } })
  res.json({
    payment: await buyerPaymentOf(req.scope, { ...ref, reservation: result.reservation }),
    check: { refreshed: result.refreshed, throttled: result.throttled },
  })
}
