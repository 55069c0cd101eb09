import type { MootaTransactionKind } from "../lib/account-kinds"
import { mootaMessages, type MootaMessages } from "./i18n"
import type { MootaBuyerPayment, MootaBuyerStatus, MootaLang, MootaSessionData, MootaStatusInput } from "./types"

/**
 * The buyer's view of a payment. Paid always wins (the money arrived); a canceled order is canceled
 * even while its amount is still held for late transfers; a deadline that passed is expired at once,
 * before the expiry job has run.
 */
export function buyerStatus(
  input: MootaStatusInput,
  opts: { orderStatus?: string | null; now?: Date | number } = {}
): MootaBuyerStatus {
  if (input.status === "paid") return "paid"
  if (opts.orderStatus === "canceled" || input.release_reason === "order_canceled" || input.status === "released") {
    return "canceled"
  }
  if (input.status === "quarantined" || input.status === "expired") return "expired"
  const now = opts.now === undefined ? Date.now() : Number(opts.now)
  return now >= new Date(input.expires_at).getTime() ? "expired" : "awaiting"
}

/**
 * A first answer built from `payment_session.data` (e.g. the cart the checkout already holds), so the
 * component can render at once and only poll afterwards.
 */
export function paymentFromSessionData(
  data: MootaSessionData,
  ids: { cart_id?: string | null; order_id?: string | null } = {},
  now?: Date | number
): MootaBuyerPayment {
  return {
    status: buyerStatus(data, { now }),
    session_id: data.session_id,
    cart_id: ids.cart_id ?? null,
    order_id: ids.order_id ?? null,
    currency_code: "idr",
    order_total: data.order_total,
    unique_code: data.unique_code,
    unique_code_mode: data.unique_code_mode,
    transfer_amount: data.transfer_amount,
    transfer_amount_formatted: data.transfer_amount_formatted,
    expires_at: data.expires_at,
    expires_at_text: data.expires_at_text,
    accounts: data.accounts,
    instructions: data.instructions,
    paid_at: data.paid_at ?? null,
    received_amount: data.received_amount ?? null,
    ...(data.moota_transaction ? { moota_transaction: data.moota_transaction } : {}),
  }
}

/**
 * One way to pay that the checkout can offer. `bank_id` is what to send back as the session's
 * `data.bank_id` (null: the shop's unique-code accounts, the default); `moota_va` / `moota_qris`
 * need the buyer's `phone` (and `email`) in the same data, as Moota asks for them.
 */
export type MootaPaymentChoice = {
  bank_id: string | null
  kind: "unique_code" | MootaTransactionKind
  label: string
  hint: string
  /** The one this session pays by now. */
  selected: boolean
}

/**
 * The payment methods a checkout can offer, from the data of a session created without a choice
 * or of one paying by a VA number or QR of its own: the shop's unique-code accounts as one method,
 * then each account on which Moota makes a VA number or QR for the order; the method the session
 * pays by is `selected`.
 */
export function paymentChoices(
  data: Pick<MootaSessionData, "accounts" | "moota_transaction" | "transaction_accounts" | "unique_code_banks">,
  lang: MootaLang = "id",
  messages: MootaMessages = mootaMessages[lang]
): MootaPaymentChoice[] {
  const own = data.moota_transaction ?? null
  const uniqueCode = own ? [] : data.accounts.filter((a) => a.kind === "bank" || a.kind === "va" || a.kind === "qris")
  const banks = data.unique_code_banks ?? [...new Set(uniqueCode.map((a) => a.bank))]
  return [
    ...(banks.length
      ? [
          {
            bank_id: null,
            kind: "unique_code" as const,
            label: messages.choiceUniqueCode,
            hint: messages.choiceUniqueCodeHint(banks.join(", ")),
            selected: !own,
          },
        ]
      : []),
    ...(data.transaction_accounts ?? []).map((a) => ({
      bank_id: a.bank_id,
      kind: a.kind,
      label: a.bank,
      hint: a.kind === "moota_va" ? messages.choiceOwnVaHint : messages.choiceOwnQrHint,
      selected: own?.bank_id === a.bank_id,
    })),
  ]
}

/**
 * The buyer's half of a Moota checkout error. Medusa answers a refused payment session with one
 * message, so the plugin writes it in Bahasa Indonesia then English, joined by " / " (the answer's
 * `code` starts with `moota_`): this returns the part in `lang`. Any other message comes back as it is.
 */
export function checkoutErrorText(message: string, lang: MootaLang = "id"): string {
  const parts = message.split(" / ")
  // Both halves name the same facts, so a bank name holding " / " splits each half alike.
  if (parts.length < 2 || parts.length % 2) {
    return message
  }
  const half = parts.length / 2
  return (lang === "id" ? parts.slice(0, half) : parts.slice(half)).join(" / ")
}

export type { MootaBuyerPayment, MootaBuyerStatus, MootaSessionData, MootaStatusInput }
