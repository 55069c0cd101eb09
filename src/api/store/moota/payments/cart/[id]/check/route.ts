import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { checkPaymentNow } from "../../../../../../../workflows/utils/check-payment"
import type { StoreCheckMootaCartPaymentType } from "../../../../validators"
import { findCartPayment, loadBuyerPayment } from "../../../buyer-payment"

/** "I have transferred" on a cart: asks Moota to read the accounts now (throttled), then the status. */
export async function POST(req: MedusaStoreRequest<StoreCheckMootaCartPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findCartPayment(req.scope, req.params.id, req.publishable_key_context.sales_channel_ids)
  const { refreshed, throttled } = await checkPaymentNow(req.scope, ref.session_id, true)
  res.json({ payment: await loadBuyerPayment(req.scope, ref), check: { refreshed, throttled } })
}
