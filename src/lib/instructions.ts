import { formatRupiah } from "./amount"
import { isMootaTransactionKind, type MootaAccount, type MootaOptions, type MootaTransactionKind } from "./options"
import { toDynamicQris } from "./qris"
import type { MootaPaymentStatus, MootaSessionData, MootaTransactionInstructions } from "./session-data"
import { formatWib } from "./wib"

export type {
  MootaInstructionAccount,
  MootaPaymentStatus,
  MootaSessionData,
  MootaTransactionChoice,
  MootaTransactionInstructions,
} from "./session-data"

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
  /** The Moota transaction this session pays through, if any (then `accounts` is ignored). */
  transaction?: MootaTransactionInstructions | null
  /** Accounts whose payments get a VA number or QR of their own, offered as choices. */
  transaction_accounts?: MootaAccount[]
  /**
   * The banks of the shop's unique-code accounts, the other choice beside `transaction_accounts`
   * (default: those of `accounts`, which a session paying by a transaction no longer lists).
   */
  unique_code_banks?: string[]
}

export function buildSessionData(input: InstructionInput): MootaSessionData {
  const uniqueCodeBanks = [...new Set(input.unique_code_banks ?? (input.transaction ? [] : input.accounts.map((a) => a.bank)))]
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
    ...(input.transaction
      ? {
          accounts: [transactionAccount(input.transaction)],
          instructions: transactionInstructions(input.transaction, amount, deadline),
          moota_transaction: input.transaction,
        }
      : {}),
    ...(input.transaction_accounts?.length
      ? {
          transaction_accounts: input.transaction_accounts.map((a) => ({
            bank_id: a.bankId,
            kind: a.kind as MootaTransactionKind,
            bank: a.bank,
          })),
          ...(uniqueCodeBanks.length ? { unique_code_banks: uniqueCodeBanks } : {}),
        }
      : {}),
  }
}

/** The one "account" of a session paid through a Moota transaction: its VA number or its QR. */
function transactionAccount(t: MootaTransactionInstructions): MootaSessionData["accounts"][number] {
  return {
    bank_id: t.bank_id,
    kind: t.kind,
    bank: t.bank,
    account_number: t.va_number,
    account_holder: t.account_holder,
    ...(t.qr_payload ? { qris_payload: t.qr_payload } : {}),
    ...(t.qr_url ? { qr_url: t.qr_url } : {}),
  }
}

function transactionInstructions(
  t: MootaTransactionInstructions,
  amount: string,
  deadline: { id: string; en: string }
): { id: string; en: string } {
  return t.kind === "moota_va"
    ? {
        id:
          `Bayar tepat ${amount} ke ${t.bank} nomor ${t.va_number} a.n. ${t.account_holder} sebelum ${deadline.id}. ` +
          "Nomor virtual account ini khusus untuk pesanan ini dan terkonfirmasi otomatis.",
        en:
          `Pay exactly ${amount} to ${t.bank} number ${t.va_number} (${t.account_holder}) before ${deadline.en}. ` +
          "This virtual account number is for this order only and is confirmed automatically.",
      }
    : {
        id: `Pindai kode QRIS di atas dan bayar tepat ${amount} sebelum ${deadline.id}. Kode ini khusus untuk pesanan ini.`,
        en: `Scan the QRIS code above and pay exactly ${amount} before ${deadline.en}. This code is for this order only.`,
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
  /** Holds `moota_transaction` (MootaTransactionInstructions) for a session paid through Moota's create-transaction. */
  metadata?: Record<string, unknown> | null
}

/** The Moota transaction a reservation's metadata records, if any. */
export function transactionOfReservation(r: Pick<ReservationLike, "metadata">): MootaTransactionInstructions | null {
  const t = r.metadata?.moota_transaction as MootaTransactionInstructions | undefined
  return t && typeof t === "object" && typeof t.trx_id === "string" ? t : null
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
    accounts: options.accounts.filter((a) => offered.has(a.bankId) && !isMootaTransactionKind(a.kind)),
    transaction: transactionOfReservation(r),
    transaction_accounts: options.accounts.filter((a) => a.enabled && isMootaTransactionKind(a.kind)),
    unique_code_banks: options.accounts.filter((a) => a.enabled && !isMootaTransactionKind(a.kind)).map((a) => a.bank),
    ...(withPayment
      ? { paid_at: r.paid_at ? new Date(r.paid_at) : null, received_amount: r.received_amount ?? null }
      : {}),
    bank_id: extra.bank_id,
    store_name: options.storeName,
  })
}
