import { randomInt } from "node:crypto"
import { z } from "zod"
import { parseMootaTime, WIB_OFFSET_MINUTES } from "../lib/wib"

/**
 * The sandbox's in-memory stand-in for a Moota account, and the pure functions that shape it into
 * Moota's JSON. Records mirror Moota's snake_case so that what the sandbox serves reads like Moota.
 */

export type MutationType = "CR" | "DB"
export type WebhookKinds = "credit" | "debit" | "both"

export interface SandboxBankInput {
  bank_id: string
  bank_type: string
  label: string
  account_number: string
  atas_nama: string
}

export interface SandboxWebhookInput {
  /** Becomes X-MOOTA-WEBHOOK; a random hashid when absent. */
  id?: string
  url: string
  secret: string
  kinds?: WebhookKinds
  start_unique_code?: number
  end_unique_code?: number
  /** Only this account's mutations; all accounts when absent or empty. */
  bank_account_id?: string | null
}

export interface SandboxBank extends SandboxBankInput {
  token: string
  username: string
  balance: number
  is_active: boolean
  interval_refresh: number
  created_at: string
  last_update: string
}

export interface SandboxTag {
  tag_id: string
  name: string
}

export interface SandboxMutation {
  mutation_id: string
  bank_id: string
  type: MutationType
  /** Rupiah; serialised as a number (or numeric string) in webhooks and "0.00" strings by the API. */
  amount: number
  description: string
  note: string
  /** WIB "YYYY-MM-DD HH:mm:ss". */
  date: string
  created_at: string
  updated_at: string
  balance: number
  taggings: SandboxTag[]
  /** Webhook bodies carry this mutation's amount as a numeric string, as Moota sometimes does. */
  amount_as_string: boolean
}

export interface SandboxWebhook {
  webhook_id: string
  url: string
  secret_token: string
  bank_account_id: string | null
  kinds: WebhookKinds
  start_unique_code: number
  end_unique_code: number
  created_at: string
}

export interface SandboxDelivery {
  webhook_id: string
  url: string
  mutation_ids: string[]
  /** HTTP status of the receiver's answer; null when none arrived. */
  status: number | null
  error?: string
  delivered_at: string
  duration_ms: number
}

export interface SandboxState {
  user_id: string
  banks: SandboxBank[]
  mutations: SandboxMutation[]
  deliveries: SandboxDelivery[]
  /** POST /bank/{bank_id}/refresh calls per bank_id. */
  refresh_counts: Record<string, number>
  tags: SandboxTag[]
  webhooks: SandboxWebhook[]
}

const HASHID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
const WIB_OFFSET_MS = WIB_OFFSET_MINUTES * 60_000

/** Moota's identities are 11-character alphanumeric hashids. */
export function hashid(length = 11): string {
  let id = ""
  for (let i = 0; i < length; i++) {
    id += HASHID_ALPHABET[randomInt(HASHID_ALPHABET.length)]
  }
  return id
}

/** "YYYY-MM-DD HH:mm:ss" wall-clock time in WIB (UTC+7, no daylight saving). */
export function wibDateTime(d: Date): string {
  return new Date(d.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ")
}

/**
 * A transfer's `date`: WIB "YYYY-MM-DD HH:mm:ss", a bare WIB day (banks that give only the date
 * report 00:00:00), or an ISO time with a zone. Null when unreadable.
 */
export function parseWibInput(value: string): string | null {
  try {
    return wibDateTime(parseMootaTime(value))
  } catch {
    return null
  }
}

/** The last three digits of the whole-rupiah amount: what a webhook's unique-code range filters on. */
export function uniqueCodeOf(amount: number): number {
  return Math.floor(Math.abs(amount)) % 1000
}

export function webhookMatches(webhook: SandboxWebhook, mutation: SandboxMutation): boolean {
  if (webhook.bank_account_id && webhook.bank_account_id !== mutation.bank_id) {
    return false
  }
  if (webhook.kinds === "credit" && mutation.type !== "CR") {
    return false
  }
  if (webhook.kinds === "debit" && mutation.type !== "DB") {
    return false
  }
  const code = uniqueCodeOf(mutation.amount)
  return code >= webhook.start_unique_code && code <= webhook.end_unique_code
}

const money = (n: number): string => n.toFixed(2)

export function bankJson(bank: SandboxBank): Record<string, unknown> {
  return {
    corporate_id: null,
    username: bank.username,
    atas_nama: bank.atas_nama,
    balance: money(bank.balance),
    account_number: bank.account_number,
    bank_type: bank.bank_type,
    login_retry: 0,
    meta: null,
    interval_refresh: bank.interval_refresh,
    is_active: bank.is_active,
    in_queue: 0,
    in_progress: 0,
    created_at: bank.created_at,
    token: bank.token,
    bank_id: bank.bank_id,
    label: bank.label,
    last_update: bank.last_update,
  }
}

/**
 * A mutation as Moota shapes it. Webhooks send amounts as JSON numbers (or numeric strings);
 * `GET /mutation` sends two-decimal strings.
 */
export function mutationJson(
  mutation: SandboxMutation,
  bank: SandboxBank,
  shape: "webhook" | "api"
): Record<string, unknown> {
  const amount =
    shape === "api" ? money(mutation.amount) : mutation.amount_as_string ? String(mutation.amount) : mutation.amount
  return {
    account_number: bank.account_number,
    date: mutation.date,
    description: mutation.description,
    note: mutation.note,
    amount,
    type: mutation.type,
    balance: shape === "api" ? money(mutation.balance) : mutation.balance,
    updated_at: mutation.updated_at,
    created_at: mutation.created_at,
    mutation_id: mutation.mutation_id,
    token: mutation.mutation_id,
    bank_id: mutation.bank_id,
    taggings: mutation.taggings.map((t) => ({ ...t })),
    bank: bankJson(bank),
  }
}

export function webhookJson(webhook: SandboxWebhook): Record<string, unknown> {
  // The secret is the caller's to remember; the sandbox never hands it out again.
  return {
    webhook_id: webhook.webhook_id,
    url: webhook.url,
    bank_account_id: webhook.bank_account_id,
    kinds: webhook.kinds,
    start_unique_code: webhook.start_unique_code,
    end_unique_code: webhook.end_unique_code,
    created_at: webhook.created_at,
  }
}

/**
 * JSON the way PHP's json_encode writes it by default (inferred for Moota, a Laravel service):
 * `/` as `\/` and non-ASCII as `\uXXXX`. Receivers that re-serialise instead of hashing the raw
 * bytes then fail, as they would against the real service.
 */
export function encodeJson(value: unknown, php: boolean): string {
  const json = JSON.stringify(value)
  if (!php) {
    return json
  }
  // Outside strings JSON has neither `/` nor non-ASCII characters, so these replacements only touch strings.
  return json
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
}

const uniqueCodeSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().min(0).max(999))

/** Moota's `POST /integration/webhook` body. */
export const webhookCreateSchema = z
  .object({
    url: z.string().regex(/^https?:\/\/\S+$/, "The url must be a valid URL."),
    bank_account_id: z.string().nullish(),
    kinds: z.enum(["credit", "debit", "both"]).default("both"),
    secret_token: z.string().min(1),
    start_unique_code: uniqueCodeSchema.default(0),
    end_unique_code: uniqueCodeSchema.default(999),
  })
  .refine((w) => w.start_unique_code <= w.end_unique_code, {
    message: "The start unique code must not exceed the end unique code.",
    path: ["start_unique_code"],
  })

/** The sandbox's own webhook list format (`secret` rather than `secret_token`). */
export const sandboxWebhookInputSchema = z.object({
  id: z.string().min(1).optional(),
  url: z.string().regex(/^https?:\/\/\S+$/, "The url must be a valid URL."),
  secret: z.string().min(1),
  kinds: z.enum(["credit", "debit", "both"]).optional(),
  start_unique_code: uniqueCodeSchema.optional(),
  end_unique_code: uniqueCodeSchema.optional(),
  bank_account_id: z.string().nullish(),
})

export const sandboxBankInputSchema = z.object({
  bank_id: z.string().min(1),
  bank_type: z.string().min(1),
  label: z.string(),
  account_number: z.string().min(1),
  atas_nama: z.string(),
})

export const transferInputSchema = z.object({
  bank_id: z.string().min(1),
  amount: z
    .union([z.number(), z.string().regex(/^\d+(\.\d{1,2})?$/).transform(Number)])
    .pipe(z.number().positive().max(1e13)),
  type: z.enum(["CR", "DB"]).default("CR"),
  description: z.string().max(500).optional(),
  /** WIB "YYYY-MM-DD HH:mm:ss", a WIB day, or an ISO time with a zone; now when absent. */
  date: z.string().optional(),
  push: z.boolean().default(true),
  amount_as_string: z.boolean().default(false),
})

export type SandboxTransferInput = z.input<typeof transferInputSchema>
