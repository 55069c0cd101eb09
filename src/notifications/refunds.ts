import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { DAY_MS } from "../lib/durations"
import { pickLocale } from "../lib/notifications"
import { buildRefundOverdueAlert, buildRefundSentMessage } from "../lib/refund-notifications"
import { daysWaiting } from "../lib/refunds"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { ordersById } from "../queries/moota-payment"
import { sendMerchantData } from "./merchant"
import { sendOnce } from "./send"

/** What triggered these messages, as the log and the notification's trigger_type record it (not bus events). */
export const MOOTA_REFUND_SENT_NOTICE = "moota.refund.sent_notice"
export const MOOTA_REFUND_OVERDUE = "moota.refund.overdue"

/** How far back the sweep looks for debits the inbox closed without checking them against refunds (a crash). */
const SWEEP_DAYS = 7

/**
 * The scheduled side of refunds to send: debits the inbox's own check missed are checked again, each
 * buyer whose refund was sent is told once (`templates.refundSent`), and each refund still waiting
 * `refundAlertDays` after it was recorded raises one merchant alert.
 */
export async function followMootaRefunds(container: MedusaContainer, now = new Date()) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const options = moota.getOptions()
  const n = options.notifications
  const swept = await moota.markRefundsSentByDebits(await moota.listUnlinkedDebits(SWEEP_DAYS))

  const sent = await moota.takeSentUnannouncedRefunds()
  const overdue = await moota.takeOverdueRefunds(new Date(now.getTime() - options.refundAlertDays * DAY_MS))
  const orders = await ordersById(container, [...sent, ...overdue].map((r) => r.order_id ?? ""))
  let told = 0
  for (const r of sent) {
    const order = r.order_id ? orders.get(r.order_id) : undefined
    if (!n.templates.refundSent || !order?.email) {
      continue
    }
    const data = buildRefundSentMessage(
      {
        amount: Number(r.amount),
        sent_at: new Date(r.sent_at ?? now),
        order: { id: order.id, display_id: order.display_id, email: order.email, customer_name: order.customer_name },
        store_name: options.storeName ?? null,
      },
      pickLocale(order.locale, n.locale)
    )
    const result = await sendOnce(container, {
      key: `refund_sent:${r.id}:${n.channel}`,
      event: MOOTA_REFUND_SENT_NOTICE,
      channel: n.channel,
      template: n.templates.refundSent,
      to: order.email,
      data,
    })
    told += result === "sent" ? 1 : 0
  }
  let alerted = 0
  for (const r of overdue) {
    const order = r.order_id ? orders.get(r.order_id) : undefined
    const data = buildRefundOverdueAlert(
      {
        refund_to_send_id: r.id,
        amount: Number(r.amount),
        days: daysWaiting(new Date(r.created_at), now),
        order_id: r.order_id,
        order_display_id: order?.display_id ?? null,
      },
      n.merchantLocale ?? n.locale
    )
    const results = await sendMerchantData(container, "refund_overdue", data, r.id, MOOTA_REFUND_OVERDUE)
    alerted += results.filter((x) => x === "sent").length
  }
  if (swept.length || told || alerted) {
    logger.info(`moota: refunds: ${swept.length} found sent by a later check, ${told} buyers told, ${alerted} overdue alerts`)
  }
  return { swept: swept.length, told, alerted }
}
