import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { refreshMootaAccountsWorkflow } from "../../../../../../../workflows/refresh-moota-accounts"
import type { StoreCheckMootaCollectionPaymentType } from "../../../../validators"
import { buyerPaymentOf } from "../../../buyer-payment"
import { findCollectionPayment } from "../../../collection-payment"

/** "I have transferred" on a payment link (same access rule as GET; order id and email in the body). */
export async function POST(req: MedusaStoreRequest<StoreCheckMootaCollectionPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findCollectionPayment(req.scope, req.params.id, req.validatedBody.order_id, {
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
