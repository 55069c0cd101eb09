import type { MootaSessionData } from "./instructions"

/**
 * The message a merchant pastes into a chat (WhatsApp, Instagram) to ask a buyer to pay an order:
 * what for, the exact amount, where to, by when, and the payment link when the shop has a storefront.
 */
export type PaymentRequestMessage = { id: string; en: string }

export type PaymentRequestInput = {
  data: MootaSessionData
  display_id: number | null
  buyer_name: string | null
  /** True when the order was already paid once and this is for what an edit, exchange or claim added. */
  additional: boolean
  link: string | null
  store_name?: string | null
}

export function paymentRequestMessage(input: PaymentRequestInput): PaymentRequestMessage {
  const { data } = input
  const order = input.display_id != null ? `#${input.display_id}` : ""
  const accounts = data.accounts.map((a) => `- ${a.bank}${a.account_number ? ` ${a.account_number}` : ""} a.n. ${a.account_holder}`).join("\n")
  const store = input.store_name ? ` ${input.store_name}` : ""
  const hello = { id: input.buyer_name ? `Halo ${input.buyer_name},` : "Halo,", en: input.buyer_name ? `Hello ${input.buyer_name},` : "Hello," }
  const what = {
    id: input.additional ? `tambahan pembayaran untuk pesanan${store} ${order}` : `pembayaran pesanan${store} ${order}`,
    en: input.additional ? `the additional payment for your${store} order ${order}` : `the payment for your${store} order ${order}`,
  }
  const link = { id: input.link ? `\n\nLink pembayaran: ${input.link}` : "", en: input.link ? `\n\nPayment link: ${input.link}` : "" }
  return {
    id:
      `${hello.id}\n\nBerikut ${what.id.replace(/\s+/g, " ").trim()}:\n` +
      `Jumlah: ${data.transfer_amount_formatted}\n${accounts}\nBatas waktu: ${data.expires_at_text.id}\n\n${data.instructions.id}${link.id}`,
    en:
      `${hello.en}\n\nHere is ${what.en.replace(/\s+/g, " ").trim()}:\n` +
      `Amount: ${data.transfer_amount_formatted}\n${accounts}\nDeadline: ${data.expires_at_text.en}\n\n${data.instructions.en}${link.en}`,
  }
}

/** Medusa's admin copies `<storefrontUrl>/payment-collection/<id>?order_id=<id>`: the same link here. */
export function paymentLink(storefrontUrl: string | null | undefined, paymentCollectionId: string, orderId: string): string | null {
  const base = (storefrontUrl ?? "").trim().replace(/\/+$/, "")
  return /^https?:\/\//.test(base) ? `${base}/payment-collection/${paymentCollectionId}?order_id=${orderId}` : null
}
