import { z } from "zod"
import { newMootaId } from "../lib/moota"
import { toMootaDateTime } from "../lib/wib"
import { notFound, parseOrThrow, validationError } from "./http"
import {
  parseWibInput,
  sandboxBankInputSchema,
  sandboxWebhookInputSchema,
  transferInputSchema,
  type MutationType,
  type SandboxBankInput,
  type SandboxTransferInput,
  type SandboxWebhookInput,
  type WebhookKinds,
} from "./inputs"

/**
 * The sandbox's in-memory stand-in for a Moota account and the changes made to it. Records mirror
 * Moota's snake_case so that what the sandbox serves reads like Moota.
 */

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
  /** Set when the mutation pays a create-transaction payment (see routes/transactions.ts). */
  payment_detail?: Record<string, unknown>
}

/** A payment created by `POST /create-transaction` on a VA or QRIS account. */
export interface SandboxTransaction {
  trx_id: string
  order_id: string
  bank_id: string
  total: number
  va_number: string | null
  qr_url: string | null
  customer: { name: string; email: string; phone: string }
  /** WIB "YYYY-MM-DD HH:mm:ss". */
  expired_at: string
  status: "PENDING" | "SUCCESS"
  created_at: string
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
  transactions: SandboxTransaction[]
  /** How many of the next `POST /create-transaction` calls answer 503 (the sandbox's fault control). */
  create_transaction_failures: number
}

/** What every part of a running sandbox shares. */
export interface SandboxContext {
  state: SandboxState
  now: () => Date
  /** One line per event; never secrets or bodies. */
  log: (line: string) => void
  /** Encode JSON like PHP's json_encode (`\/`, `\uXXXX`). */
  php: boolean
  deliveryTimeoutMs: number
  /** Aborted when the sandbox closes, ending deliveries in flight. */
  closing: AbortSignal
  /** e.g. "http://127.0.0.1:4010"; set once the server listens. */
  baseUrl: string
}

export function createSandboxState(banks: SandboxBankInput[], userId: string | undefined, now: Date): SandboxState {
  const created = toMootaDateTime(now)
  const state: SandboxState = {
    user_id: userId ?? newMootaId(),
    banks: z
      .array(sandboxBankInputSchema)
      .parse(banks)
      .map((b) => ({
        ...b,
        token: b.bank_id,
        username: "sandbox",
        balance: 0,
        is_active: true,
        interval_refresh: 15,
        created_at: created,
        last_update: now.toISOString(),
      })),
    mutations: [],
    deliveries: [],
    refresh_counts: {},
    tags: [],
    webhooks: [],
    transactions: [],
    create_transaction_failures: 0,
  }
  if (new Set(state.banks.map((b) => b.bank_id)).size !== state.banks.length) {
    throw new Error("The Moota sandbox needs distinct bank_id values")
  }
  return state
}

export function hasBank(state: SandboxState, bankId: string): boolean {
  return state.banks.some((b) => b.bank_id === bankId)
}

export function bankOf(state: SandboxState, bankId: string): SandboxBank {
  const bank = state.banks.find((b) => b.bank_id === bankId)
  if (!bank) {
    throw new Error(`unknown bank ${bankId}`)
  }
  return bank
}

export function mutationOf(state: SandboxState, mutationId: string): SandboxMutation {
  const mutation = state.mutations.find((m) => m.mutation_id === mutationId)
  if (!mutation) {
    throw notFound("Mutation not found.")
  }
  return mutation
}

export function toWebhook(
  ctx: SandboxContext,
  input: z.output<typeof sandboxWebhookInputSchema>
): SandboxWebhook {
  if (input.bank_account_id && !hasBank(ctx.state, input.bank_account_id)) {
    throw validationError({ bank_account_id: ["The selected bank account id is invalid."] })
  }
  const webhook: SandboxWebhook = {
    webhook_id: input.id ?? newMootaId(),
    url: input.url,
    secret_token: input.secret,
    bank_account_id: input.bank_account_id || null,
    kinds: input.kinds ?? "both",
    start_unique_code: input.start_unique_code ?? 0,
    end_unique_code: input.end_unique_code ?? 999,
    created_at: toMootaDateTime(ctx.now()),
  }
  if (webhook.start_unique_code > webhook.end_unique_code) {
    throw validationError({ start_unique_code: ["The start unique code must not exceed the end unique code."] })
  }
  return webhook
}

/** Replaces the webhook list (the sandbox's own control; Moota adds them one by one). */
export function setWebhooks(ctx: SandboxContext, webhooks: SandboxWebhookInput[]): SandboxWebhook[] {
  const list = parseOrThrow(z.array(sandboxWebhookInputSchema), webhooks).map((w) => toWebhook(ctx, w))
  ctx.state.webhooks.splice(0, ctx.state.webhooks.length, ...list)
  return list
}

/** Books a transfer on its account: the mutation Moota would pull from internet banking. */
export function recordTransfer(
  ctx: SandboxContext,
  raw: SandboxTransferInput,
  paymentDetail?: Record<string, unknown>
): { mutation: SandboxMutation; bank: SandboxBank; push: boolean } {
  const input = parseOrThrow(transferInputSchema, raw)
  const bank = ctx.state.banks.find((b) => b.bank_id === input.bank_id)
  if (!bank) {
    throw validationError({ bank_id: ["The selected bank id is invalid."] })
  }
  const recordedAt = toMootaDateTime(ctx.now())
  const date = input.date === undefined ? recordedAt : parseWibInput(input.date)
  if (date === null) {
    throw validationError({ date: ['The date must be "YYYY-MM-DD HH:mm:ss" (WIB), "YYYY-MM-DD", or ISO with a zone.'] })
  }
  bank.balance += input.type === "CR" ? input.amount : -input.amount
  bank.last_update = ctx.now().toISOString()
  let mutationId = newMootaId()
  while (ctx.state.mutations.some((m) => m.mutation_id === mutationId)) {
    mutationId = newMootaId()
  }
  const mutation: SandboxMutation = {
    mutation_id: mutationId,
    bank_id: bank.bank_id,
    type: input.type,
    amount: input.amount,
    description: input.description ?? defaultDescription(input.type, input.amount, date),
    note: "",
    date,
    created_at: recordedAt,
    updated_at: recordedAt,
    balance: bank.balance,
    taggings: [],
    amount_as_string: input.amount_as_string,
    ...(paymentDetail ? { payment_detail: paymentDetail } : {}),
  }
  ctx.state.mutations.push(mutation)
  ctx.log(`mutation ${mutation.mutation_id}: ${mutation.type} ${mutation.amount} on ${bank.bank_id}`)
  return { mutation, bank, push: input.push }
}

function defaultDescription(type: MutationType, amount: number, date: string): string {
  const ddmm = `${date.slice(8, 10)}${date.slice(5, 7)}`
  return type === "CR"
    ? `TRSF E-BANKING CR ${ddmm}/FTSCY/WS95051 ${amount.toFixed(2)} PEMBELI SANDBOX`
    : `TRSF E-BANKING DB ${ddmm}/FTFVA/WS95031 ${amount.toFixed(2)} PEMBAYARAN SANDBOX`
}
