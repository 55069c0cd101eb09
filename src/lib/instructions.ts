import { formatRupiah } from "./amount"
import type { MootaAccount, MootaOptions } from "./options"
import { toDynamicQris } from "./qris"
import type { MootaPaymentStatus, MootaSessionData } from "./session-data"
import { formatWib } from "./wib"

export type { MootaInstructionAccount, MootaPaymentStatus, MootaSessionData } from "./session-data"

export type InstructionInput = {
  session_id: string
  reservation_id: string
  status: MootaPaymentStatus
  order_total: number
  unique_code: number
  unique_code_mode: "increase" | "decrease"
  transfer_amount: number
  expires_at: Date
  accounts: MootaAccount[]
  paid_at?: Date | null
  received_amount?: number | null
  bank_id?: string
  store_name?: string
}

export function buildSessionData(input: InstructionInput): MootaSessionData {
  const amount = formatRupiah(input.transfer_amount)
  const deadline = { id: formatWib(input.expires_at, "id"), en: formatWib(input.expires_at, "en") }
  // The digits the buyer must get right are the transfer amount's own last three, which equal the
  // code only when the total is a round thousand in increase mode.
  const lastDigits = String(input.transfer_amount).slice(-3)
  const payee = input.store_name ? ` (${input.store_name})` : ""
  return {
    provider: "moota",
    session_id: input.session_id,
    reservation_id: input.reservation_id,
    status: input.status,
    currency_code: "idr",
    order_total: input.order_total,
    unique_code: input.unique_code,
    unique_code_mode: input.unique_code_mode,
    transfer_amount: input.transfer_amount,
    transfer_amount_formatted: amount,
    expires_at: input.expires_at.toISOString(),
    expires_at_text: deadline,
    accounts: input.accounts.map((a) => ({
      bank_id: a.bankId,
      kind: a.kind,
      bank: a.bank,
      account_number: a.accountNumber ?? null,
      account_holder: a.accountHolder,
      ...(a.kind === "qris" && a.qris ? { qris_payload: toDynamicQris(a.qris, input.transfer_amount) } : {}),
    })),
    instructions: {
      id:
        `Transfer tepat ${amount}${payee}, sampai 3 digit terakhir (${lastDigits}), ke salah satu rekening di atas ` +
        `sebelum ${deadline.id}. Nominal yang berbeda tidak dapat dikonfirmasi otomatis.`,
      en:
        `Transfer exactly ${amount}${payee}, down to the last 3 digits (${lastDigits}), to one of the accounts above ` +
        `before ${deadline.en}. A different amount cannot be confirmed automatically.`,
    },
    ...(input.paid_at !== undefined ? { paid_at: input.paid_at ? input.paid_at.toISOString() : null } : {}),
    ...(input.received_amount !== undefined ? { received_amount: input.received_amount } : {}),
    ...(input.bank_id ? { bank_id: input.bank_id } : {}),
  }
}

/** What session data is rebuilt from: a stored reservation (the module's row) or anything shaped like it. */
export type ReservationLike = {
  id: string
  session_id: string
  status: MootaPaymentStatus
  order_total: number
  unique_code: number
  code_mode: "increase" | "decrease"
  transfer_amount: number
  bank_ids: string[]
  expires_at: Date | string
  paid_at?: Date | string | null
  received_amount?: number | null
}

/**
 * The session data for a reservation, with the accounts it was offered on: one builder for the
 * provider, the store API and the notifications, so the buyer reads the same instructions everywhere.
 */
export function sessionDataFromReservation(
  r: ReservationLike,
  options: Pick<MootaOptions, "accounts" | "storeName">,
  extra: { bank_id?: string; withPayment?: boolean } = {}
): MootaSessionData {
  const offered = new Set(r.bank_ids)
  const withPayment = extra.withPayment ?? true
  return buildSessionData({
    session_id: r.session_id,
    reservation_id: r.id,
    status: r.status,
    order_total: r.order_total,
    unique_code: r.unique_code,
    unique_code_mode: r.code_mode,
    transfer_amount: r.transfer_amount,
    expires_at: new Date(r.expires_at),
    accounts: options.accounts.filter((a) => offered.has(a.bankId)),
    ...(withPayment
      ? { paid_at: r.paid_at ? new Date(r.paid_at) : null, received_amount: r.received_amount ?? null }
      : {}),
    bank_id: extra.bank_id,
    store_name: options.storeName,
  })
}
