import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { StoreCheckMootaOrderPaymentType } from "../../../../validators"
import { checkBuyerPayment, findOrderPayment } from "../../../buyer-payment"

/** "I have transferred" on an order (same access rule as GET, email in the body). */
export async function POST(req: MedusaStoreRequest<StoreCheckMootaOrderPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findOrderPayment(req.scope, req.params.id, {
    email: req.validatedBody.email,
    customerId: req.auth_context?.actor_id,
    salesChannelIds: req.publishable_key_context.sales_channel_ids,
  })
  res.json(await checkBuyerPayment(req.scope, ref))
}
