import { randomInt } from "node:crypto"
import { toMootaDateTime } from "../wib"

/**
 * The one builder of a mutation shaped as Moota pushes it (each item of a webhook body), used by the
 * sandbox, the admin's test delivery, the tests and the scripts. Field order follows a recorded
 * delivery (integration-tests/fixtures/moota-sdk-webhook.body.json), so serialised bodies read like Moota's.
 */

/** One item of a webhook body as Moota sends it. Reading one back goes through the tolerant schema. */
export type MootaWebhookMutation = {
  account_number: string | number
  /** WIB wall-clock "YYYY-MM-DD HH:mm:ss". */
  date: string
  description: string
  note: string
  /** A JSON number, sometimes a numeric string. */
  amount: number | string
  /** CR = money in, DB = money out. */
  type: "CR" | "DB"
  balance: number | string
  updated_at: string
  created_at: string
  mutation_id: string
  /** Moota repeats the mutation id here. */
  token: string
  bank_id: string
  taggings: unknown[]
  /** The receiving account, as `GET /bank` lists it; absent from older payloads. */
  bank?: Record<string, unknown>
  /** Set when the mutation pays a create-transaction payment; empty or absent otherwise. */
  payment_detail?: Record<string, unknown> | unknown[]
}

export type MootaMutationInput = {
  bank_id: string
  amount: number | string
  /** Default "CR". */
  type?: "CR" | "DB"
  /** Default: a fresh 11-character hashid, as Moota's. */
  mutation_id?: string
  /** Default: an internet-banking style line for the type and date. */
  description?: string
  /** Default "". */
  note?: string
  /** A Date is written as WIB wall-clock time; a string is passed as given. Default: now. */
  date?: Date | string
  /** Default: now. */
  created_at?: Date | string
  /** Default: created_at. */
  updated_at?: Date | string
  /** Default: the nested bank's account number, else "". */
  account_number?: string | number
  /** Default 0. */
  balance?: number | string
  /** Default []. */
  taggings?: unknown[]
  bank?: Record<string, unknown>
  payment_detail?: Record<string, unknown> | unknown[]
  /** The clock for the defaults above. Default: the current time. */
  now?: Date
}

const HASHID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** A random alphanumeric id the way Moota's hashids look (mutation, bank, webhook, user ids). */
export function newMootaId(length = 11): string {
  let id = ""
  for (let i = 0; i < length; i++) {
    id += HASHID_ALPHABET[randomInt(HASHID_ALPHABET.length)]
  }
  return id
}

const mootaTime = (value: Date | string): string => (typeof value === "string" ? value : toMootaDateTime(value))

export function buildMootaMutation(input: MootaMutationInput): MootaWebhookMutation {
  const now = input.now ?? new Date()
  const type = input.type ?? "CR"
  const mutationId = input.mutation_id ?? newMootaId()
  const date = mootaTime(input.date ?? now)
  const createdAt = mootaTime(input.created_at ?? now)
  const bankAccountNumber = input.bank?.account_number
  return {
    account_number:
      input.account_number ??
      (typeof bankAccountNumber === "string" || typeof bankAccountNumber === "number" ? bankAccountNumber : ""),
    date,
    description: input.description ?? defaultDescription(type, date),
    note: input.note ?? "",
    amount: input.amount,
    type,
    balance: input.balance ?? 0,
    updated_at: input.updated_at === undefined ? createdAt : mootaTime(input.updated_at),
    created_at: createdAt,
    mutation_id: mutationId,
    token: mutationId,
    bank_id: input.bank_id,
    taggings: input.taggings ?? [],
    ...(input.bank ? { bank: input.bank } : {}),
    ...(input.payment_detail ? { payment_detail: input.payment_detail } : {}),
  }
}

/** "TRSF E-BANKING CR 0510/FTSCY/WS95031": a BCA-style line carrying the WIB day and month. */
function defaultDescription(type: "CR" | "DB", date: string): string {
  const ddmm = /^\d{4}-(\d{2})-(\d{2})/.exec(date)
  return `TRSF E-BANKING ${type} ${ddmm ? `${ddmm[2]}${ddmm[1]}` : "0000"}/FTSCY/WS95031`
}
