import { formatRupiah } from "../amount"
import { BUYER_TEXTS } from "../buyer-texts"
import { formatWib } from "../wib"
import type { BuiltMessage, BuyerMessageData, BuyerMessageInput, NotifyLocale } from "./types"

/** Messages to the buyer: the data any template can render, and a default subject and text. */

/** The order's own language when it is one we write, else the merchant's choice. */
export function pickLocale(orderLocale: string | null | undefined, fallback: NotifyLocale): NotifyLocale {
  const lang = (orderLocale ?? "").toLowerCase().split(/[-_]/)[0]
  return lang === "id" || lang === "en" ? lang : fallback
}

export function buildBuyerMessage(input: BuyerMessageInput): BuiltMessage<BuyerMessageData> {
  const p = input.payment
  const paid = p.paid_at ? { id: formatWib(p.paid_at, "id"), en: formatWib(p.paid_at, "en") } : null
  const facts: Omit<BuyerMessageData, "subject" | "text"> = {
    message: input.message,
    locale: input.locale,
    store_name: input.store_name,
    order: input.order,
    payment: {
      order_total: p.order_total,
      order_total_formatted: formatRupiah(p.order_total),
      transfer_amount: p.transfer_amount,
      transfer_amount_formatted: formatRupiah(p.transfer_amount),
      unique_code: p.unique_code,
      expires_at: p.expires_at.toISOString(),
      expires_at_text: { id: formatWib(p.expires_at, "id"), en: formatWib(p.expires_at, "en") },
      accounts: p.accounts,
      received_amount: p.received_amount ?? null,
      received_amount_formatted: p.received_amount != null ? formatRupiah(p.received_amount) : null,
      paid_at: p.paid_at ? p.paid_at.toISOString() : null,
      paid_at_text: paid,
      paid_to: p.paid_to ?? null,
    },
    request: input.request
      ? {
          ...input.request,
          outstanding_formatted: formatRupiah(input.request.outstanding),
          remains_after_formatted: input.request.remains_after > 0 ? formatRupiah(input.request.remains_after) : null,
        }
      : null,
  }
  const { subject, text } = BUYER_TEXTS[input.locale][input.message](facts, input.auto_cancel)
  return { subject, text, data: { ...facts, subject, text } }
}
