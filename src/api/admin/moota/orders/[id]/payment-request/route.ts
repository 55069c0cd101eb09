import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ConfigModule } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { MootaSessionData } from "../../../../../../lib/instructions"
import { paymentLink, paymentRequestMessage } from "../../../../../../lib/payment-request"
import { sendPaymentRequest } from "../../../../../../notifications/payment-request"
import { orderMootaMoney } from "../../../../../../queries/order-money"
import { openMootaOrderPaymentWorkflow } from "../../../../../../workflows/open-moota-order-payment"
import { mootaOf } from "../../../helpers"
import type { AdminMootaPaymentRequestType } from "../../../validators"
import { RESERVATION } from "../../../../../../lib/statuses"

/**
 * "Request payment" (chat commerce): asks the buyer for what the order still owes through Moota (a
 * converted draft order, an order edit, an exchange or a claim), creating Medusa's payment collection
 * when there is none, and answers the instructions, the payment link and a message to paste into a
 * chat, and sends the buyer the same (`payment_requested`). Idempotent while the request is open: a
 * second call answers the same amount and sends nothing again.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaPaymentRequestType>, res: MedusaResponse): Promise<void> {
  const { result } = await openMootaOrderPaymentWorkflow(req.scope).run({
    input: { order_id: req.params.id, ...(req.validatedBody.bank_id ? { data: { bank_id: req.validatedBody.bank_id } } : {}) },
  })
  const session = await req.scope.resolve(Modules.PAYMENT).retrievePaymentSession(result.session_id, { select: ["id", "data"] })
  const data = session.data as unknown as MootaSessionData
  const money = await orderMootaMoney(req.scope, req.params.id)
  if (!money || !data?.transfer_amount) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `The Moota payment of order ${req.params.id} could not be opened`)
  }
  const config = req.scope.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  const link = paymentLink(config.admin?.storefrontUrl, result.payment_collection_id, req.params.id)
  const additional = money.payments.some((p) => p.reservation.status === RESERVATION.paid)
  // The buyer gets the same by e-mail (when `templates.paymentRequested` is set), once per amount owed.
  await sendPaymentRequest(req.scope, money, "moota.payment.requested")
  res.json({
    payment_request: {
      order_id: money.order.id,
      display_id: money.order.display_id,
      payment_collection_id: result.payment_collection_id,
      created: result.created,
      outstanding: money.outstanding,
      amount: data.order_total,
      transfer_amount: data.transfer_amount,
      transfer_amount_formatted: data.transfer_amount_formatted,
      bank_id: data.bank_id ?? null,
      accounts: data.accounts,
      expires_at: data.expires_at,
      link,
      message: paymentRequestMessage({
        data,
        display_id: money.order.display_id,
        buyer_name: money.order.customer_name,
        additional,
        link,
        store_name: mootaOf(req.scope).getOptions().storeName,
      }),
    },
  })
}
