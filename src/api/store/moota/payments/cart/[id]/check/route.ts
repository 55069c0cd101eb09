import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { refreshMootaAccountsWorkflow } from "../../../../../../../workflows/refresh-moota-accounts"
import type { StoreCheckMootaCartPaymentType } from "../../../../validators"
import { buyerPaymentOf, findCartPayment } from "../../../buyer-payment"

/** "I have transferred" on a cart: asks Moota to read the accounts now (throttled), then the status. */
export async function POST(req: MedusaStoreRequest<StoreCheckMootaCartPaymentType>, res: MedusaResponse): Promise<void> {
  const ref = await findCartPayment(req.scope, req.params.id, req.publishable_key_context.sales_channel_ids)
  const { result } = await refreshMootaAccountsWorkflow(req.scope).run({ input: { session_id: ref.session_id } })
  res.json({
    payment: await buyerPaymentOf(req.scope, { ...ref, reservation: result.reservation }),
    check: { refreshed: result.refreshed, throttled: result.throttled },
  })
}
