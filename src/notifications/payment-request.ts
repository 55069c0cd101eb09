import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { paymentLink } from "../lib/payment-request"
import type { PaymentRequestFacts } from "../lib/notifications"
import type { OrderMootaMoney } from "../queries/order-money"
import { loadMootaOrder, sendBuyerMessage } from "./buyer"
import type { SendResult } from "./send"
import { RESERVATION } from "../lib/statuses"

/**
 * What the buyer of an order that owes more is told (`payment_requested`): all that is owed, whether
 * an earlier payment was received, what is still asked once the open transfer arrives, and the link.
 */
export function paymentRequestFacts(container: MedusaContainer, money: OrderMootaMoney): PaymentRequestFacts | null {
  const current = money.current
  if (!current || current.reservation.status !== RESERVATION.awaiting || money.outstanding <= 0) {
    return null
  }
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  return {
    outstanding: money.outstanding,
    additional: money.payments.some((p) => p.reservation.status === RESERVATION.paid),
    remains_after: Math.max(0, money.outstanding - Number(current.reservation.order_total)),
    link: current.payment_collection_id ? paymentLink(config.admin?.storefrontUrl, current.payment_collection_id, money.order.id) : null,
  }
}

/** Sends `payment_requested` for the order's open Moota payment, once per payment and amount owed. */
export async function sendPaymentRequest(
  container: MedusaContainer,
  money: OrderMootaMoney,
  event: string
): Promise<SendResult | "disabled" | "not_applicable"> {
  const facts = paymentRequestFacts(container, money)
  const order = facts ? await loadMootaOrder(container, money.order.id) : null
  if (!facts || !order) {
    return "not_applicable"
  }
  return await sendBuyerMessage(container, "payment_requested", order, event, facts)
}
