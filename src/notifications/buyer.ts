import type { MedusaContainer } from "@medusajs/framework/types"
import QRCode from "qrcode"
import { sessionDataFromReservation } from "../lib/instructions"
import {
  buildBuyerMessage,
  notificationKey,
  pickLocale,
  type BuyerMessage,
  type MessageAccount,
  type PaymentRequestFacts,
} from "../lib/notifications"
import type { MootaNotificationOptions } from "../lib/options"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import type { ReservationRow } from "../modules/moota/types"
import { sendOnce, type SendResult } from "./send"
import { mootaPaymentOfOrder, type MootaPayment, type MootaPaymentOrder } from "../queries/moota-payment"

/** An order paid (or to be paid) with Moota, with what its messages need. */
export type MootaOrder = {
  id: string
  display_id: number | null
  email: string | null
  locale: string | null
  status: string
  customer_name: string | null
  session_id: string
  reservation: ReservationRow
}

const TEMPLATE_OPTION: Record<BuyerMessage, keyof MootaNotificationOptions["templates"]> = {
  awaiting_payment: "awaitingPayment",
  payment_reminder: "paymentReminder",
  payment_received: "paymentReceived",
  order_canceled: "orderCanceled",
  payment_requested: "paymentRequested",
}

/** Which reservation states each message makes sense in (a transfer can race the order placement). */
const SENDABLE: Record<BuyerMessage, ReservationRow["status"][]> = {
  awaiting_payment: ["awaiting"],
  payment_reminder: ["awaiting"],
  payment_received: ["paid"],
  order_canceled: ["quarantined", "expired", "released"],
  payment_requested: ["awaiting"],
}

/** The order and its Moota reservation; null when the order was not paid with Moota. */
export async function loadMootaOrder(container: MedusaContainer, orderId: string): Promise<MootaOrder | null> {
  const found = await mootaPaymentOfOrder(container, orderId)
  return found?.payment ? toMootaOrder(found.order, found.payment) : null
}

/** What the messages need of an order and one of its Moota payments. */
export function toMootaOrder(order: MootaPaymentOrder, payment: MootaPayment): MootaOrder {
  return {
    id: order.id,
    display_id: order.display_id,
    email: order.email,
    locale: order.locale,
    status: order.status,
    customer_name: order.customer_name,
    session_id: payment.session_id,
    reservation: payment.reservation,
  }
}

/**
 * Sends one of the buyer's messages for a Moota order, once. Nothing is sent when the message's
 * template is empty, the order has no e-mail, or the payment is no longer in a state the message fits.
 */
export async function sendBuyerMessage(
  container: MedusaContainer,
  message: BuyerMessage,
  order: MootaOrder,
  event: string,
  request: PaymentRequestFacts | null = null
): Promise<SendResult | "disabled" | "not_applicable"> {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const options = moota.getOptions()
  const n = options.notifications
  const template = n.templates[TEMPLATE_OPTION[message]]
  const r = order.reservation
  if (!template) {
    return "disabled"
  }
  if (!order.email || !SENDABLE[message].includes(r.status)) {
    return "not_applicable"
  }
  // The accounts exactly as checkout offered them (same builder as the payment provider).
  const instructions = sessionDataFromReservation(r, options, { withPayment: false })
  const needsPayment = message === "awaiting_payment" || message === "payment_reminder" || message === "payment_requested"
  const accounts: MessageAccount[] = await Promise.all(
    instructions.accounts.map(async (a) =>
      needsPayment && a.qris_payload
        ? { ...a, qris_image: await QRCode.toDataURL(a.qris_payload, { errorCorrectionLevel: "M", margin: 2, width: 320 }) }
        : a
    )
  )
  const paidTo = r.paid_bank_id ? options.accounts.find((a) => a.bankId === r.paid_bank_id)?.bank ?? null : null
  const built = buildBuyerMessage({
    message,
    locale: pickLocale(order.locale, n.locale),
    store_name: options.storeName ?? null,
    auto_cancel: options.autoCancelExpired,
    order: { id: order.id, display_id: order.display_id, email: order.email, customer_name: order.customer_name },
    payment: {
      order_total: r.order_total,
      transfer_amount: r.transfer_amount,
      unique_code: r.unique_code,
      expires_at: new Date(r.expires_at),
      accounts,
      received_amount: r.received_amount,
      paid_at: r.paid_at ? new Date(r.paid_at) : null,
      paid_to: paidTo,
    },
    request,
  })
  // A reminder is per reservation (the job looks its key up); a request per payment and amount owed
  // (an order edited twice is told twice); the rest once per order.
  const subject =
    message === "payment_reminder" ? r.id : message === "payment_requested" ? `${r.id}:${request?.outstanding ?? r.order_total}` : order.id
  return await sendOnce(container, {
    key: notificationKey(message, subject, n.channel),
    event,
    channel: n.channel,
    template,
    to: order.email,
    data: built.data,
  })
}
