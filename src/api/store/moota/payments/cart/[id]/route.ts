import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { StoreGetMootaCartPaymentType } from "../../../validators"
import { buyerPaymentOf, findCartPayment } from "../../buyer-payment"

/** A cart's Moota payment: the instructions and the live status, for the checkout's waiting page. */
export async function GET(req: MedusaStoreRequest<unknown, StoreGetMootaCartPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findCartPayment(req.scope, req.params.id, req.publishable_key_context.sales_channel_ids)
  res.json({ payment: await buyerPaymentOf(req.scope, ref) })
}
