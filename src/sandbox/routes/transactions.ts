import { randomInt } from "node:crypto"
import { z } from "zod"
import { newMootaId, type MootaWebhookMutation } from "../../lib/moota"
import { toMootaDateTime } from "../../lib/wib"
import QRCode from "qrcode"
import { HttpError, notFound, parseOrThrow, RawBody, readJson, validationError } from "../http"
import { push } from "../push"
import type { Route } from "../router"
import { bankOf, recordTransfer, type SandboxBank, type SandboxContext, type SandboxDelivery, type SandboxTransaction } from "../state"
import { bankJson, mutationJson } from "../wire"

/**
 * Moota's create-transaction: `GET /accounts/index` (the accounts it can create payments on),
 * `POST /create-transaction` with the validation Moota's plugin documents (buyer phone, a total of
 * at least Rp10,000, a VA or QRIS account), and the sandbox's control to pay one: the mutation pushed
 * carries `payment_detail` naming the transaction. Moota's idempotency on `order_id` is not known,
 * so the sandbox assumes none: every call creates a transaction, and tests count them.
 */

/** Moota's plugin refuses VA and QRIS below this total. */
export const SANDBOX_MIN_TRANSACTION_TOTAL = 10_000

export function isTransactionAccount(bank: Pick<SandboxBank, "bank_type">): boolean {
  return /va$/i.test(bank.bank_type) || bank.bank_type.toLowerCase() === "qris"
}

const createSchema = z.object({
  order_id: z.string().min(1).max(191),
  bank_account_id: z.string().min(1),
  customers: z.object({ name: z.string().min(1), email: z.email(), phone: z.string().regex(/^\d{8,16}$/) }),
  items: z.array(z.looseObject({ name: z.string(), qty: z.number(), price: z.number() })).min(1),
  total: z.number().int().min(SANDBOX_MIN_TRANSACTION_TOTAL),
  description: z.string().nullish(),
  expired_in_minutes: z.number().int().min(1).nullish(),
  is_unique_code_active: z.boolean().nullish(),
})

/** Laravel's field names and sentences for what the schema refused (no values echoed). */
function laravelErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const field = issue.path.join(".")
    const sentence =
      field === "total" && issue.code === "too_small"
        ? `The total must be at least ${SANDBOX_MIN_TRANSACTION_TOTAL}.`
        : issue.code === "invalid_type"
          ? `The ${field} field is required.`
          : `The ${field} is invalid.`
    ;(errors[field] ??= []).push(sentence)
  }
  return errors
}

function transactionJson(ctx: SandboxContext, t: SandboxTransaction): Record<string, unknown> {
  const bank = bankOf(ctx.state, t.bank_id)
  return {
    order_id: t.order_id,
    trx_id: t.trx_id,
    payment_url: `${ctx.baseUrl}/_sandbox/pay/${t.trx_id}`,
    ...(t.va_number ? { account_number: t.va_number } : {}),
    total: t.total,
    unique_code: 0,
    ...(t.va_number ? { va_number: t.va_number } : { qr_url: t.qr_url }),
    expired_at: t.expired_at,
    bank_account: bankJson(bank),
    merchant_name: bank.atas_nama,
  }
}

export function createTransaction(ctx: SandboxContext, body: unknown): SandboxTransaction {
  const { state } = ctx
  if (state.create_transaction_failures > 0) {
    state.create_transaction_failures--
    throw new HttpError(503, { message: "Service Unavailable" })
  }
  const parsed = createSchema.safeParse(body)
  if (!parsed.success) {
    throw validationError(laravelErrors(parsed.error))
  }
  const input = parsed.data
  const bank = state.banks.find((b) => b.bank_id === input.bank_account_id)
  if (!bank || !isTransactionAccount(bank)) {
    throw validationError({ bank_account_id: ["The selected bank account id is invalid."] })
  }
  const now = ctx.now()
  const va = /va$/i.test(bank.bank_type)
  let trxId = `TRX${newMootaId(10)}`
  while (state.transactions.some((t) => t.trx_id === trxId)) {
    trxId = `TRX${newMootaId(10)}`
  }
  const transaction: SandboxTransaction = {
    trx_id: trxId,
    order_id: input.order_id,
    bank_id: bank.bank_id,
    total: input.total,
    // A VA number is the bank's prefix (the configured account number) and a per-payment suffix.
    va_number: va ? `${bank.account_number.replace(/\D/g, "").slice(0, 5)}${String(randomInt(1e9)).padStart(11, "0")}` : null,
    qr_url: va ? null : `${ctx.baseUrl}/_sandbox/qr/${trxId}.png`,
    customer: input.customers,
    expired_at: toMootaDateTime(new Date(now.getTime() + (input.expired_in_minutes ?? 1440) * 60_000)),
    status: "PENDING",
    created_at: toMootaDateTime(now),
  }
  state.transactions.push(transaction)
  ctx.log(`transaction ${trxId} on ${bank.bank_id}: ${input.total}`)
  return transaction
}

export const payTransactionSchema = z
  .object({
    trx_id: z.string().min(1).optional(),
    va_number: z.string().min(1).optional(),
    /** Default: the transaction's total. */
    amount: z.number().int().positive().optional(),
    push: z.boolean().default(true),
  })
  .refine((p) => p.trx_id || p.va_number, { message: "Give trx_id or va_number.", path: ["trx_id"] })

export type SandboxPayTransactionInput = z.input<typeof payTransactionSchema>

export interface SandboxPayTransactionResult {
  transaction: { trx_id: string; order_id: string; total: number }
  mutation: MootaWebhookMutation
  deliveries: SandboxDelivery[]
}

/** The buyer pays a transaction: Moota records the credit with `payment_detail` and pushes it. */
export async function payTransaction(ctx: SandboxContext, raw: unknown): Promise<SandboxPayTransactionResult> {
  const input = parseOrThrow(payTransactionSchema, raw)
  const t = ctx.state.transactions.find((x) =>
    input.trx_id ? x.trx_id === input.trx_id : x.va_number !== null && x.va_number === input.va_number?.replace(/\D/g, "")
  )
  if (!t) {
    throw validationError(input.trx_id ? { trx_id: ["No such transaction."] } : { va_number: ["No transaction has this VA number."] })
  }
  const amount = input.amount ?? t.total
  t.status = "SUCCESS"
  const { mutation, bank } = recordTransfer(
    ctx,
    { bank_id: t.bank_id, amount, push: false, description: `PEMBAYARAN ${t.va_number ? "VA" : "QRIS"} ${t.trx_id}` },
    {
      trx_id: t.trx_id,
      order_id: t.order_id,
      status: "SUCCESS",
      total: t.total,
      amount_captured: amount,
      unique_code: 0,
      unique_note: "",
      contact: { name: t.customer.name, email: t.customer.email },
      items: [],
    }
  )
  const deliveries = input.push ? await push(ctx, [mutation]) : []
  return {
    transaction: { trx_id: t.trx_id, order_id: t.order_id, total: t.total },
    mutation: mutationJson(mutation, bank, "webhook"),
    deliveries,
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function transactionOf(ctx: SandboxContext, trxId: string): SandboxTransaction {
  const t = ctx.state.transactions.find((x) => x.trx_id === trxId)
  if (!t) {
    throw notFound()
  }
  return t
}

/**
 * The transaction's `payment_url`: a plain page standing in for Moota's hosted one, with what to pay
 * and a button that pays it as a buyer would (the credit is recorded and pushed to the webhooks).
 */
function paymentPage(ctx: SandboxContext, t: SandboxTransaction, note = ""): RawBody {
  const amount = `Rp${t.total.toLocaleString("id-ID")}`
  const how = t.va_number
    ? `<p>Virtual account: <strong>${escapeHtml(t.va_number)}</strong></p>`
    : `<p><img src="${escapeHtml(t.qr_url ?? "")}" alt="QRIS ${escapeHtml(amount)}" width="256" height="256"></p>`
  const pay =
    t.status === "SUCCESS"
      ? `<p><strong>Paid.</strong></p>`
      : `<form method="post"><button type="submit">Pay ${escapeHtml(amount)}</button></form>`
  return new RawBody(
    "text/html; charset=utf-8",
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Moota sandbox payment</title><body style="font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem">
<h1>Moota sandbox payment</h1><p>Not a real payment page: the sandbox of medusa-payment-moota.</p>
<p>Amount: <strong>${escapeHtml(amount)}</strong></p>${how}<p>Expires: ${escapeHtml(t.expired_at)} WIB</p>${pay}${note}</body></html>`
  )
}

export function transactionRoutes(ctx: SandboxContext): Route[] {
  const { state } = ctx
  return [
    {
      method: "GET",
      pattern: /^\/api\/v2\/accounts\/index$/,
      auth: true,
      // Only the accounts create-transaction takes (inferred: Moota's plugin lists VA/QRIS from it).
      handler: async () => [200, state.banks.filter(isTransactionAccount).map(bankJson)],
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/create-transaction$/,
      auth: true,
      handler: async ({ req }) => {
        const transaction = createTransaction(ctx, await readJson(req))
        return [200, { status: "success", message: "Transaction created.", data: transactionJson(ctx, transaction) }]
      },
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/pay-transaction$/,
      auth: false,
      handler: async ({ req }) => [201, await payTransaction(ctx, await readJson(req))],
    },
    {
      method: "GET",
      pattern: /^\/_sandbox\/pay\/([A-Za-z0-9]+)$/,
      auth: false,
      handler: async ({ params }) => [200, paymentPage(ctx, transactionOf(ctx, params[0]))],
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/pay\/([A-Za-z0-9]+)$/,
      auth: false,
      handler: async ({ params }) => {
        const t = transactionOf(ctx, params[0])
        if (t.status === "SUCCESS") {
          return [409, paymentPage(ctx, t)]
        }
        const paid = await payTransaction(ctx, { trx_id: t.trx_id })
        const statuses = paid.deliveries.map((d) => d.status ?? "no answer").join(", ") || "no webhook"
        return [200, paymentPage(ctx, t, `<p>Pushed to the webhook: ${escapeHtml(statuses)}.</p>`)]
      },
    },
    {
      method: "GET",
      pattern: /^\/_sandbox\/qr\/([A-Za-z0-9]+)\.png$/,
      auth: false,
      handler: async ({ params }) => {
        const t = transactionOf(ctx, params[0])
        // A stand-in for Moota's QR: scanning it shows which sandbox transaction and amount it is.
        const png = await QRCode.toBuffer(`MOOTA-SANDBOX ${t.trx_id} ${t.total}`, { type: "png", margin: 2, width: 256 })
        return [200, new RawBody("image/png", png)]
      },
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/faults$/,
      auth: false,
      handler: async ({ req }) => {
        const { create_transaction } = parseOrThrow(
          z.object({ create_transaction: z.number().int().min(0).max(1000) }),
          await readJson(req)
        )
        state.create_transaction_failures = create_transaction
        return [200, { create_transaction }]
      },
    },
  ]
}
