import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { StoreGetMootaCollectionPaymentType } from "../../../validators"
import { buyerPaymentOf } from "../../buyer-payment"
import { findCollectionPayment } from "../../collection-payment"

/**
 * A payment collection's Moota payment, for the payment link Medusa's admin copies
 * (`<storefront>/payment-collection/<id>?order_id=<order>`): `?order_id=` and, unless the signed-in
 * customer placed the order, `&email=` it was placed with. Opens the Moota session when the
 * collection still owes and none is open.
 */
export async function GET(req: MedusaStoreRequest<unknown, StoreGetMootaCollectionPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findCollectionPayment(req.scope, req.params.id, req.validatedQuery.order_id, {
    email: req.validatedQuery.email,
    customerId: req.auth_context?.actor_id,
    salesChannelIds: req.publishable_key_context.sales_channel_ids,
  })
  res.json({ payment: await buyerPaymentOf(req.scope, ref) })
}
