import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MOOTA_CLAIM_UNMATCHED } from "../lib/events"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { sendMerchantAlert } from "../notifications/merchant"
import { ordersById } from "../queries/moota-payment"

/** A buyer says they paid but no such transfer arrived by the reconciliation: the merchant checks the statement. */
export default async function mootaNotifyClaimUnmatchedHandler({ event, container }: SubscriberArgs<{ claim_id: string }>) {
  const [claim] = await container.resolve<MootaModuleService>(MOOTA_MODULE).listPaymentClaims({ ids: [event.data.claim_id] })
  if (!claim) {
    return
  }
  const order = (await ordersById(container, [claim.order_id])).get(claim.order_id)
  await sendMerchantAlert(
    container,
    {
      alert: "claim_unmatched",
      claim_id: claim.id,
      amount: claim.amount,
      bank: claim.bank,
      sender_name: claim.sender_name,
      transferred_at: claim.transferred_at,
      order_id: claim.order_id,
      order_display_id: order?.display_id ?? null,
    },
    claim.id,
    event.name
  )
}

export const config: SubscriberConfig = {
  event: MOOTA_CLAIM_UNMATCHED,
  context: { subscriberId: "moota-notify-claim-unmatched" },
}
