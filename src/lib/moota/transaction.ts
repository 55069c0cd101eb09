import { isWholeRupiah, parseMootaAmount } from "../amount"
import { parseMootaTime } from "../wib"
import { MootaApiError } from "./errors"
import type { MootaCreatedTransactionAnswer } from "./schemas"

/**
 * Moota's create-transaction (VA and QRIS per payment), kept in one place: the request we send, the
 * answer read into what the plugin keeps, and Moota's refusals turned into what the buyer must fix.
 */

/** The buyer as Moota's `customers` object wants it; Moota requires the phone for VA and QRIS. */
export type MootaTransactionCustomer = { name: string; email: string; phone: string }

export type MootaTransactionItem = { name: string; qty: number; price: number; sku: string }

export type CreateTransactionInput = {
  /** Our reference: Moota echoes it as `payment_detail.order_id`, and it is our idempotency key. */
  reference: string
  /** The account's id from `GET /accounts/index`. */
  bank_account_id: string
  customer: MootaTransactionCustomer
  total: number
  description: string
  expired_in_minutes: number
}

/** `POST /create-transaction`'s body. One item carries the whole total: Moota checks items against it. */
export function createTransactionBody(input: CreateTransactionInput): Record<string, unknown> {
  return {
    order_id: input.reference,
    bank_account_id: input.bank_account_id,
    customers: input.customer,
    items: [{ name: input.description, description: input.description, qty: 1, price: input.total, sku: "order", image_url: "" }],
    total: input.total,
    description: input.description,
    expired_in_minutes: input.expired_in_minutes,
    // A per-payment VA or QR is exact already; a unique code would only change what the buyer pays.
    is_unique_code_active: false,
  }
}

/** What the plugin keeps of a created transaction. */
export type MootaCreatedTransaction = {
  trx_id: string
  /** The total the buyer pays (Moota's, unique code included if Moota added one). */
  total: number
  unique_code: number
  va_number: string | null
  /** A QR image Moota hosts, and the QR's own text when Moota gives it. */
  qr_url: string | null
  qr_string: string | null
  payment_url: string | null
  /** Null when Moota gave no readable deadline (the plugin's own window then applies). */
  expires_at: Date | null
  account_holder: string | null
}

/** Reads Moota's answer; throws a MootaApiError when it is unusable (no total, or neither VA nor QR). */
export function toCreatedTransaction(answer: MootaCreatedTransactionAnswer, requestedTotal: number): MootaCreatedTransaction {
  const d = answer.data
  const total = readAmount(d.total) ?? requestedTotal
  // Some answers carry the VA number only as `account_number`; a QR answer's account_number is not one.
  const vaNumber = d.va_number ?? (d.qr_url || d.qr_string ? null : d.account_number)
  const created: MootaCreatedTransaction = {
    trx_id: String(d.trx_id),
    total,
    unique_code: readAmount(d.unique_code) ?? 0,
    va_number: vaNumber == null || String(vaNumber).trim() === "" ? null : String(vaNumber).trim(),
    qr_url: httpUrl(d.qr_url),
    qr_string: d.qr_string?.trim() || null,
    payment_url: httpUrl(d.payment_url),
    expires_at: readTime(d.expired_at),
    account_holder: d.bank_account?.atas_nama?.trim() || d.merchant_name?.trim() || null,
  }
  if (!created.va_number && !created.qr_url && !created.qr_string) {
    throw new MootaApiError({
      message: "Moota POST /create-transaction: the answer has neither a VA number nor a QR",
      status: 200,
      endpoint: "POST /create-transaction",
      retriable: false,
      code: "invalid_response",
    })
  }
  return created
}

function readAmount(v: unknown): number | null {
  if (v === null || v === undefined || v === "") {
    return null
  }
  try {
    const n = parseMootaAmount(v)
    return isWholeRupiah(n) && n >= 0 ? n : null
  } catch {
    return null
  }
}

function readTime(v: string | null | undefined): Date | null {
  if (!v) {
    return null
  }
  try {
    return parseMootaTime(v)
  } catch {
    const t = Date.parse(v)
    return Number.isNaN(t) ? null : new Date(t)
  }
}

/** Only http(s) links reach a buyer's page. */
function httpUrl(v: string | null | undefined): string | null {
  const s = v?.trim()
  return s && /^https?:\/\/\S+$/i.test(s) ? s : null
}

/**
 * Why a Moota transaction could not be created, as the buyer must act on it: give a phone number,
 * raise the total, fix the name or e-mail, choose another payment method (Moota refused for a reason
 * the buyer cannot fix), or try again later (Moota unreachable).
 */
export type TransactionProblem = "phone" | "min_total" | "email" | "name" | "rejected" | "unavailable"

/** Maps a failed create-transaction call to the buyer's problem; field names first, then Moota's words. */
export function transactionProblemOf(e: unknown): TransactionProblem {
  if (!(e instanceof MootaApiError) || e.status === null || e.status === 429 || e.status >= 500) {
    return "unavailable"
  }
  if (e.status !== 422 && e.status !== 400) {
    return e.code === "invalid_response" ? "unavailable" : "rejected"
  }
  const fields = (e.errorFields ?? []).map((f) => f.toLowerCase())
  const message = (e.responseMessage ?? "").toLowerCase()
  if (fields.some((f) => f.includes("phone")) || /phone|nomor hp|handphone/.test(message)) {
    return "phone"
  }
  if (fields.includes("total") || /minim|total/.test(message)) {
    return "min_total"
  }
  if (fields.some((f) => f.includes("email"))) {
    return "email"
  }
  if (fields.some((f) => f.includes("name"))) {
    return "name"
  }
  return "rejected"
}

/** An Indonesian phone number as Moota takes it (digits, no leading +); null when it is not one. */
export function normalizePhone(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > 40) {
    return null
  }
  const digits = raw.replace(/[\s().-]/g, "").replace(/^\+/, "")
  return /^\d{8,16}$/.test(digits) ? digits : null
}
