import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { StoreCheckMootaCollectionPaymentType } from "../../../../validators"
import { checkBuyerPayment } from "../../../buyer-payment"
import { findCollectionPayment } from "../../../collection-payment"

/** "I have transferred" on a payment link (same access rule as GET; order id and email in the body). */
export async function POST(req: MedusaStoreRequest<StoreCheckMootaCollectionPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findCollectionPayment(req.scope, req.params.id, req.validatedBody.order_id, {
    email: req.validatedBody.email,
    customerId: req.auth_context?.actor_id,
    salesChannelIds: req.publishable_key_context.sales_channel_ids,
  })
  res.json(await checkBuyerPayment(req.scope, ref))
}
