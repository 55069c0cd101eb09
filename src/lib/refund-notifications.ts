import { formatRupiah } from "./amount"
import type { NotifyLocale } from "./notifications"
import { formatWib } from "./wib"

/**
 * The messages about refunds to send: the buyer told their refund was sent, and the merchant alerted
 * once when a refund waits too long. Pure, like lib/notifications.ts; the sending side gathers facts.
 */

export type RefundFacts = {
  amount: number
  sent_at: Date
  order: { id: string; display_id: number | null; email: string; customer_name: string | null }
  store_name: string | null
}

/** The `data` of the buyer's `refund_sent` message (documented in docs/notifications.md). */
export type RefundSentData = {
  message: "refund_sent"
  locale: NotifyLocale
  subject: string
  text: string
  store_name: string | null
  order: RefundFacts["order"]
  refund: { amount: number; amount_formatted: string; sent_at: string; sent_at_text: { id: string; en: string } }
}

export function buildRefundSentMessage(f: RefundFacts, locale: NotifyLocale): RefundSentData {
  const amount = formatRupiah(f.amount)
  const num = f.order.display_id != null ? ` #${f.order.display_id}` : ""
  const when = { id: formatWib(f.sent_at, "id"), en: formatWib(f.sent_at, "en") }
  const store = f.store_name ?? (locale === "id" ? "Toko" : "The store")
  const subject = locale === "id" ? `Refund ${amount} untuk pesanan${num} sudah dikirim` : `Your refund of ${amount} for order${num} was sent`
  const text =
    locale === "id"
      ? `${store} sudah mengirim refund ${amount} untuk pesanan${num} (${when.id}). Dana biasanya masuk ke rekening Anda dalam 1 hari kerja; hubungi toko bila belum masuk.`
      : `${store} sent your refund of ${amount} for order${num} (${when.en}). It usually reaches your account within 1 business day; contact the store if it has not.`
  return {
    message: "refund_sent",
    locale,
    subject,
    text,
    store_name: f.store_name,
    order: f.order,
    refund: { amount: f.amount, amount_formatted: amount, sent_at: f.sent_at.toISOString(), sent_at_text: when },
  }
}

/** The merchant's `refund_overdue` alert: `title` and `description` are what the admin's feed shows. */
export function buildRefundOverdueAlert(
  input: { refund_to_send_id: string; amount: number; days: number; order_id: string | null; order_display_id: number | null },
  locale: NotifyLocale
) {
  const amount = formatRupiah(input.amount)
  const order = input.order_display_id != null ? ` #${input.order_display_id}` : ""
  return {
    alert: "refund_overdue" as const,
    locale,
    title: locale === "id" ? "Refund belum dikirim" : "Refund not sent yet",
    description:
      locale === "id"
        ? `Refund ${amount} untuk pesanan${order} sudah menunggu ${input.days} hari. Transfer ke pembeli dari rekening toko, atau tandai terkirim di menu Refund yang harus dikirim.`
        : `The refund of ${amount} for order${order} has waited ${input.days} days. Transfer it to the buyer from the shop's account, or mark it as sent in the Refunds to send menu.`,
    refund_to_send_id: input.refund_to_send_id,
    amount: input.amount,
    amount_formatted: amount,
    order_id: input.order_id,
    order_display_id: input.order_display_id,
  }
}
