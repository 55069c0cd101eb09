import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { StoreGetMootaOrderPaymentType } from "../../../validators"
import { findOrderPayment, buyerPaymentOf } from "../../buyer-payment"

/**
 * An order's Moota payment, for the order confirmation page: to the signed-in customer who placed it,
 * or with `?email=` the order was placed with.
 */
export async function GET(req: MedusaStoreRequest<unknown, StoreGetMootaOrderPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findOrderPayment(req.scope, req.params.id, {
    email: req.validatedQuery.email,
    customerId: req.auth_context?.actor_id,
    salesChannelIds: req.publishable_key_context.sales_channel_ids,
  })
  res.json({ payment: await buyerPaymentOf(req.scope, ref) })
}
